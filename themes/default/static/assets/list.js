/* "My list": the activities a patient and a link worker choose together,
   kept in this browser's localStorage and nowhere else. Every page works
   without this script; it adds "Add to my list" buttons to activity pages
   and cards, the count in the header, and the list page itself. A shared
   list travels in the address's fragment (#list=id,id), which browsers
   never send to a server, and carries activity ids only, never notes. */
(function () {
  'use strict';
  var KEY = 'signpost-list';
  var html = document.documentElement;
  var home = html.getAttribute('data-home') || '/';
  var status;

  function load() {
    try {
      var v = JSON.parse(localStorage.getItem(KEY));
      if (v && Array.isArray(v.items)) {
        v.note = typeof v.note === 'string' ? v.note : '';
        v.worker = typeof v.worker === 'string' ? v.worker : '';
        return v;
      }
    } catch (e) { /* no storage, or not ours: start afresh */ }
    return { items: [], note: '', worker: '' };
  }
  function save(list) {
    try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* storage full or off */ }
    counts();
  }
  function has(list, id) { return list.items.some(function (i) { return i.id === id; }); }
  function idOf(href) {
    var m = /\/activities\/([a-z0-9-]+)\/$/.exec(new URL(href, location.href).pathname);
    return m ? m[1] : null;
  }
  function announce(text) {
    if (!status) return;
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 50);
  }
  function counts() {
    var n = load().items.length;
    document.querySelectorAll('.list-count').forEach(function (c) { c.textContent = '(' + n + ')'; });
  }

  /* A button that adds the activity, or takes it off again. */
  function button(id, title) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'list-toggle';
    b.setAttribute('data-id', id);
    var label = document.createElement('span');
    var hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ': ' + title;
    b.appendChild(label);
    b.appendChild(hidden);
    function show() {
      var on = has(load(), id);
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      label.textContent = on ? 'On my list' : 'Add to my list';
    }
    b.addEventListener('click', function () {
      var list = load();
      if (has(list, id)) {
        list.items = list.items.filter(function (i) { return i.id !== id; });
        save(list);
        announce('Removed from your list: ' + title);
      } else {
        list.items.push({ id: id, title: title, note: '' });
        save(list);
        announce('Added to your list: ' + title);
      }
      refresh();
    });
    b.show = show;
    show();
    return b;
  }
  function refresh() {
    document.querySelectorAll('.list-toggle').forEach(function (b) { if (b.show) b.show(); });
  }

  /* Cards anywhere (listings, search results), and the activity page. */
  function enhance(root) {
    root.querySelectorAll('.card').forEach(function (card) {
      if (card.querySelector('.list-toggle')) return;
      var link = card.querySelector('.card-title a');
      var id = link && idOf(link.getAttribute('href'));
      if (!id) return;
      var p = document.createElement('p');
      p.className = 'card-list';
      p.appendChild(button(id, link.textContent.trim()));
      card.appendChild(p);
    });
  }

  function start() {
    status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.id = 'list-status';
    document.body.appendChild(status);
    var article = document.querySelector('article[data-activity]');
    if (article && !article.querySelector('.list-toggle')) {
      var p = document.createElement('p');
      p.className = 'page-list';
      p.appendChild(button(article.getAttribute('data-activity'), article.querySelector('h1').textContent.trim()));
      article.querySelector('h1').insertAdjacentElement('afterend', p);
    }
    enhance(document);
    // Search results arrive after the page has loaded.
    new MutationObserver(function (changes) {
      changes.forEach(function (c) {
        c.addedNodes.forEach(function (n) { if (n.nodeType === 1) enhance(n.parentNode || n); });
      });
    }).observe(document.body, { childList: true, subtree: true });
    counts();
    var page = document.getElementById('my-list');
    if (page) listPage(page);
    window.addEventListener('storage', function () { counts(); refresh(); });
  }

  /* ---- The list page ---- */

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }
  function shared() {
    var m = /^#list=([a-z0-9,-]*)$/.exec(location.hash);
    return m ? m[1].split(',').filter(Boolean) : null;
  }
  function address(ids) {
    return new URL(home + 'my-list/#list=' + ids.join(','), location.href).href;
  }

  /* The parts of an activity's page that a plan needs, read from the page
     itself (same site), so the plan shows what the page shows. */
  function details(id) {
    return fetch(home + 'activities/' + id + '/').then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, 'text/html');
      var parts = {};
      doc.querySelectorAll('[data-plan]').forEach(function (d) { parts[d.getAttribute('data-plan')] = d.querySelector('dd') || d; });
      var h1 = doc.querySelector('h1');
      return { title: h1 ? h1.textContent.trim() : id, parts: parts, calendar: !!doc.querySelector('a[href$="calendar.ics"]') };
    });
  }

  function listPage(page) {
    page.querySelector('.list-needs-js').hidden = true;
    var ids = shared();
    var readOnly = ids !== null;
    var list = readOnly ? { items: ids.map(function (id) { return { id: id, title: id, note: '' }; }), note: '', worker: '' } : load();
    var body = page.querySelector('.list-body');
    body.hidden = false;
    page.querySelector('.list-shared').hidden = !readOnly;
    page.querySelectorAll('.list-own').forEach(function (e) { e.hidden = readOnly; });
    var items = page.querySelector('.list-items');
    var empty = page.querySelector('.list-empty');

    function draw() {
      items.textContent = '';
      empty.hidden = list.items.length > 0;
      page.querySelector('.list-tools').hidden = list.items.length === 0;
      list.items.forEach(function (item, n) {
        var li = el('li', { 'class': 'plan-item', 'data-id': item.id });
        var h2 = el('h2');
        var a = el('a', { href: home + 'activities/' + item.id + '/' }, item.title);
        h2.appendChild(a);
        li.appendChild(h2);
        var facts = el('dl', { 'class': 'summary-list' });
        li.appendChild(facts);
        var qr = el('img', { 'class': 'print-only plan-qr', src: home + 'activities/' + item.id + '/qr.svg', width: '96', height: '96', alt: 'QR code of the page of ' + item.title });
        li.appendChild(qr);
        details(item.id).then(function (d) {
          a.textContent = d.title;
          qr.alt = 'QR code of the page of ' + d.title;
          if (!readOnly && item.title !== d.title) { item.title = d.title; save(list); }
          [['when', 'When'], ['where', 'Where'], ['cost', 'Cost'], ['join', 'How to join'], ['contact', 'Contact']].forEach(function (p) {
            var from = d.parts[p[0]];
            if (!from) return;
            var row = el('div');
            row.appendChild(el('dt', {}, p[1]));
            var dd = el('dd');
            Array.prototype.forEach.call(from.childNodes, function (c) { dd.appendChild(document.importNode(c, true)); });
            dd.querySelectorAll('.screen-only, script').forEach(function (x) { x.remove(); });
            // A plan lists the next three dates.
            dd.querySelectorAll('ul.dates').forEach(function (dates) {
              while (dates.children.length > 3) dates.lastElementChild.remove();
            });
            row.appendChild(dd);
            facts.appendChild(row);
          });
        }).catch(function () {
          facts.appendChild(el('p', {}, 'This activity is no longer in the directory.'));
        });
        if (!readOnly) {
          var noteId = 'note-' + item.id;
          li.appendChild(el('label', { 'for': noteId }, 'Your note for this activity'));
          var note = el('textarea', { id: noteId, rows: '2', 'class': 'plan-note' });
          note.value = item.note || '';
          note.addEventListener('input', function () { item.note = note.value; save(list); });
          li.appendChild(note);
          var printed = el('p', { 'class': 'print-only plan-note-printed' }, item.note || '');
          note.addEventListener('input', function () { printed.textContent = note.value; });
          li.appendChild(printed);
          var tools = el('p', { 'class': 'plan-tools' });
          [['Move up', n > 0, -1], ['Move down', n < list.items.length - 1, 1]].forEach(function (t) {
            if (!t[1]) return;
            var b = el('button', { type: 'button' }, t[0]);
            b.appendChild(el('span', { 'class': 'visually-hidden' }, ': ' + item.title));
            b.addEventListener('click', function () {
              var to = n + t[2];
              list.items.splice(to, 0, list.items.splice(n, 1)[0]);
              save(list);
              draw();
              announce(item.title + ' moved to number ' + (to + 1));
              var again = items.querySelectorAll('.plan-item')[to];
              if (again) again.querySelector('h2 a').focus();
            });
            tools.appendChild(b);
          });
          var remove = el('button', { type: 'button', 'class': 'plan-remove' }, 'Remove');
          remove.appendChild(el('span', { 'class': 'visually-hidden' }, ': ' + item.title));
          remove.addEventListener('click', function () {
            list.items = list.items.filter(function (i) { return i.id !== item.id; });
            save(list);
            draw();
            announce('Removed from your list: ' + item.title);
          });
          tools.appendChild(remove);
          li.appendChild(tools);
        }
        items.appendChild(li);
      });
      share();
    }

    function share() {
      var link = address(list.items.map(function (i) { return i.id; }));
      page.querySelector('.share-link').value = link;
      var titles = list.items.map(function (i) { return '- ' + i.title; }).join('\n');
      var text = 'Activities from the ' + document.title.split(' – ').pop() + ':\n' + titles + '\n\n' + link;
      page.querySelector('.share-email').href = 'mailto:?subject=' + encodeURIComponent('My activities') + '&body=' + encodeURIComponent(text);
      page.querySelector('.share-sms').href = 'sms:?&body=' + encodeURIComponent(text);
    }

    if (!readOnly) {
      var plan = page.querySelector('#plan-note');
      plan.value = list.note;
      plan.addEventListener('input', function () { list.note = plan.value; save(list); page.querySelector('.plan-note-all').textContent = plan.value; });
      page.querySelector('.plan-note-all').textContent = list.note;
      var worker = page.querySelector('#plan-worker');
      worker.value = list.worker;
      worker.addEventListener('input', function () { list.worker = worker.value; save(list); page.querySelector('.plan-worker-printed').textContent = worker.value ? 'Made with ' + worker.value : ''; });
      page.querySelector('.plan-worker-printed').textContent = list.worker ? 'Made with ' + list.worker : '';
      page.querySelector('.list-clear').addEventListener('click', function () {
        if (!window.confirm('Clear your list and its notes from this browser?')) return;
        list = { items: [], note: '', worker: '' };
        save(list);
        plan.value = '';
        worker.value = '';
        draw();
        announce('Your list is cleared');
      });
    } else {
      page.querySelector('.list-keep').addEventListener('click', function () {
        var mine = load();
        list.items.forEach(function (i) { if (!has(mine, i.id)) mine.items.push({ id: i.id, title: i.title, note: '' }); });
        save(mine);
        announce('Added to your list');
        location.hash = '';
        location.reload();
      });
    }
    page.querySelector('.plan-date').textContent = 'Printed on ' + new Date().toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    page.querySelector('.share-copy').addEventListener('click', function () {
      var input = page.querySelector('.share-link');
      var done = function () { announce('Link copied'); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () { input.select(); document.execCommand('copy'); done(); });
      } else { input.select(); document.execCommand('copy'); done(); }
    });
    var native = page.querySelector('.share-native');
    if (navigator.share) {
      native.hidden = false;
      native.addEventListener('click', function () {
        navigator.share({ title: 'My activities', url: page.querySelector('.share-link').value }).catch(function () {});
      });
    }
    page.querySelector('.list-print').addEventListener('click', function () { window.print(); });
    // A site that writes no calendars has no calendar button.
    var toCalendar = page.querySelector('.list-calendar');
    if (toCalendar) toCalendar.addEventListener('click', function () {
      calendar(list.items.map(function (i) { return i.id; })).then(function (text) {
        var a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/calendar' })), download: 'my-activities.ics' });
        document.body.appendChild(a);
        a.click();
        a.remove();
        announce('Your calendar file is ready');
      });
    });
    draw();
  }

  /* One calendar of every listed activity's sessions, put together here
     from the activities' own calendar files: their events, under one
     Europe/London time zone. */
  function calendar(ids) {
    return Promise.all(ids.map(function (id) {
      return fetch(home + 'activities/' + id + '/calendar.ics').then(function (r) { return r.ok ? r.text() : ''; }, function () { return ''; });
    })).then(function (files) {
      var zone = '';
      var events = '';
      files.forEach(function (text) {
        if (!text) return;
        if (!zone) {
          var z = /BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/.exec(text);
          if (z) zone = z[0];
        }
        (text.match(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g) || []).forEach(function (e) { events += e; });
      });
      return 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Signpost//My list//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:My activities\r\nX-WR-TIMEZONE:Europe/London\r\n' + zone + events + 'END:VCALENDAR\r\n';
    });
  }

  window.signpostList = { load: load, calendar: calendar };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
