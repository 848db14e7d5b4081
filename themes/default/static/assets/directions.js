/* Directions links: a `geo:` address opens the maps app on Android and
 * most other phones, but not on Apple's, which open Apple Maps links in
 * their own maps app instead. Without this script, the geo: link stays. */
(function () {
  'use strict';
  var ua = navigator.userAgent || '';
  var apple = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
  if (!apple) return;
  var links = document.querySelectorAll('a.directions[data-apple]');
  for (var i = 0; i < links.length; i++) links[i].href = links[i].getAttribute('data-apple');
})();
