/* Signpost search: queries the index that `signpost build` writes under
 * search/ (see src/search/mod.rs for the file formats). No framework, no
 * dependencies. Without JavaScript the search page is a plain GET form
 * with browse lists, so this script only adds to it.
 *
 * Tokenising and stemming must match src/search/text.rs exactly; the
 * browser tests compare the two on a shared word list. */
(function () {
  'use strict';

  /* ---- Text: the same tokens and terms as src/search/text.rs ---- */

  var MAX_TOKEN = 30;

  function tokens(text) {
    return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
      .replace(/['\u2018\u2019]/g, '')
      .split(/[^\p{Alphabetic}\p{N}]+/u)
      .filter(function (t) { return t && Array.from(t).length <= MAX_TOKEN; });
  }

  /* Snowball English (Porter2), as the rust-stemmers crate does it;
   * checked word for word against it (457,591 words in development, and
   * every word of the sample site in tests/search.rs). */
  const st_T=s=>{const m=new Map(s.split(' ').map(p=>p.split(':')));return[new RegExp('('+[...m.keys()].join('|')+')$'),m]};
  const st_X=new Map('skis:ski skies:sky dying:die lying:lie tying:tie idly:idl gently:gentl ugly:ugli early:earli only:onli singly:singl sky news howe atlas cosmos bias andes'.split(' ').map(p=>p.split(':')));
  const st_2=st_T('tional:tion enci:ence anci:ance abli:able entli:ent izer:ize ization:ize ational:ate ation:ate ator:ate alli:al aliti:al alism:al fulness:ful ousli:ous ousness:ous iviti:ive iveness:ive bli:ble biliti:ble ogi:og fulli:ful lessli:less li');
  const st_3=st_T('tional:tion ational:ate alize:al icate:ic iciti:ic ical:ic ful ness ative');
  const st_4=st_T('al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion');
  const st_v=c=>'aeiouy'.includes(c);
  const st_R=(w,i)=>{const m=/[aeiouy][^aeiouy]/.exec(w.slice(i));return m?i+m.index+2:w.length};
  const st_sv=w=>/[^aeiouy][aeiouy][^aeiouwxyY]$|^[aeiouy][^aeiouy]$/.test(w);
  const st_S=(w,[r,m],f)=>{const x=r.exec(w);return x&&f(x.index,x[1])?w.slice(0,x.index)+(m.get(x[1])||''):w};
  function stem(o){
    if(st_X.has(o))return st_X.get(o)||o;
    const A=[];let w=o.replace(/[\ud800-\udbff][\udc00-\udfff]/g,m=>(A.push(m),'\ud800')),x,i,L;
    if(w.length<3)return o;
    const Y=/^y|[aeiouy]y/.test(w);
    w=w.replace(/^y/,'Y').replace(/([aeiouy])y/g,'$1Y');
    x=/^(gener|commun|arsen)/.exec(w);const p1=x?x[0].length:st_R(w,0),p2=st_R(w,p1);
    if(x=/(sses|ie[sd]|[su]s|s)$/.exec(w)){i=x.index;x=x[1];
      if(x=='sses')w=w.slice(0,-2);
      else if(x[1]=='e')w=w.slice(0,i)+(i>1?'i':'ie');
      else if(x=='s'&&/[aeiouy]/.test(w.slice(0,i-1)))w=w.slice(0,i)}
    if(!/^(succeed|proceed|exceed|canning|inning|earring|herring|outing)$/.test(w)){
      if(x=/(eed|ed|ing)(ly)?$/.exec(w)){i=x.index;
        if(x[1]=='eed'){if(i>=p1)w=w.slice(0,i)+'ee'}
        else if(/[aeiouy]/.test(w.slice(0,i))){w=w.slice(0,i);
          if(/(at|bl|iz)$/.test(w))w+='e';
          else if(/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w))w=w.slice(0,-1);
          else if(w.length==p1&&st_sv(w))w+='e'}}
      L=w.length;
      if(L>2&&/[yY]$/.test(w)&&!st_v(w[L-2]))w=w.slice(0,-1)+'i';
      w=st_S(w,st_2,(i,s)=>i>=p1&&(s!='ogi'||w[i-1]=='l')&&(s!='li'||'cdeghkmnrt'.includes(w[i-1])));
      w=st_S(w,st_3,(i,s)=>i>=p1&&(s!='ative'||i>=p2));
      w=st_S(w,st_4,(i,s)=>i>=p2&&(s!='ion'||'st'.includes(w[i-1])));
      L=w.length-1;
      if(w[L]=='e'&&(L>=p2||L>=p1&&!st_sv(w.slice(0,L)))||w[L]=='l'&&L>=p2&&w[L-1]=='l')w=w.slice(0,L)}
    if(Y)w=w.replace(/Y/g,'y');
    return w.replace(/\ud800/g,()=>A.shift())}

  /* ---- Index files ---- */

  var DIGIT = [];
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('')
    .forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });

  /* Calls fn(doc, tag) for each entry of a postings list (encode::postings). */
  function postings(s, fn) {
    var doc = -1, n = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      n += (d & 31) << shift;
      if (d & 32) { shift += 5; continue; }
      doc += (n >> 2) + 1;
      fn(doc, n & 3);
      n = 0; shift = 0;
    }
  }

  function fixed(s, at, width) {
    var n = 0;
    for (var i = 0; i < width; i++) n = n * 64 + DIGIT[s.charCodeAt(at + i)];
    return n;
  }

  function lines(text) {
    return text.split('\n').filter(Boolean).map(function (l) { return l.split('\t'); });
  }

  /* ---- Matching ---- */

  /* Optimal string alignment distance, giving up above max. */
  function edits(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = [], prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  /* How many typos a word may have: one from 5 letters, two from 8. */
  function typos(word) {
    var n = Array.from(word).length;
    return n >= 8 ? 2 : n >= 5 ? 1 : 0;
  }

  /* Where a word was found (src/search/mod.rs Field), and how well it
   * matched, weigh its hits. */
  var FIELD = [1, 2, 4, 8];
  var EXACT = 1, PREFIX = 0.7, TYPO = 0.5;
  // Results shown at first and per "Show more": few, so a first search
  // fetches few row blocks.
  var PAGE = 10;

  function distanceText(miles) {
    if (miles < 0.1) return 'less than 0.1 miles';
    if (miles < 9.95) return miles.toFixed(1) + ' miles';
    return Math.round(miles) + ' miles';
  }

  function milesBetween(a, b) {
    var r = Math.PI / 180, lat1 = a[0] * r, lat2 = b[0] * r;
    var h = Math.pow(Math.sin((lat2 - lat1) / 2), 2) +
      Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin((b[1] - a[1]) * r / 2), 2);
    return 2 * 3958.8 * Math.asin(Math.sqrt(h));
  }

  /* A postcode or district as typed, to its district: 'nn1 5bd' -> NN1. */
  function postcodeParts(text) {
    var compact = text.replace(/\s+/g, '').toUpperCase();
    if (!/^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{2})?$/.test(compact)) return null;
    return {
      compact: compact,
      outward: compact.length > 4 ? compact.slice(0, -3) : null,
      area: compact.match(/^[A-Z]+/)[0]
    };
  }

  /* The search engine over one index; `base` is the index folder URL. */
  function Engine(base, postcodeBase, version) {
    var cache = {};
    function get(url, optional) {
      if (!cache[url]) {
        cache[url] = fetch(url + '?v=' + version).then(function (r) {
          if (r.ok) return r.text();
          if (optional && r.status === 404) return null;
          throw new Error('could not load ' + url + ' (' + r.status + ')');
        });
        cache[url].catch(function () { delete cache[url]; });
      }
      return cache[url];
    }
    function memo(name, url, parse, optional) {
      if (!cache[name]) cache[name] = get(url, optional).then(parse);
      return cache[name];
    }
    var meta = memo('meta', base + 'meta.json', JSON.parse);

    /* Which shard of a list of first terms can hold `term`. */
    function firstAtOrBefore(firsts, term) {
      var lo = 0, hi = firsts.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
      }
      return lo;
    }
    function shardNumber(m, term) { return firstAtOrBefore(m.shards, term); }
    function shard(n) {
      return memo('t' + n, base + 't' + n + '.txt', function (t) { return new Map(lines(t)); });
    }
    /* The shards that can hold terms from `from` to `to`. */
    function shards(m, from, to) {
      var all = [];
      for (var n = shardNumber(m, from); n <= shardNumber(m, to); n++) all.push(shard(n));
      return Promise.all(all);
    }
    var dictionary = function () {
      return memo('terms', base + 'terms.txt', function (t) {
        // [stem, the words that differ from it, whether the stem is a word]
        return lines(t).map(function (l) {
          var words = l[1] ? l[1].split(' ') : [], notWord = words[0] === '*';
          return [l[0], notWord ? words.slice(1) : words, !notWord];
        });
      });
    };

    /* Which stems a word of the query matches, with how well: the word's
     * stem; else terms it begins (gard: garden) or that begin it (walkin:
     * walk); else terms within its typo allowance (suport: support). */
    function matchWord(m, word) {
      var term = stem(word);
      return shards(m, term, term).then(function (found) {
        if (found[0].has(term)) return [[term, found[0].get(term), EXACT]];
        var heads = [];
        // A word typed on past a term by a letter or three (walkin: walk),
        // never a long word that merely starts with one (helpline: help).
        for (var k = word.length - 1; k >= Math.max(4, word.length - 3); k--) heads.push(word.slice(0, k));
        return shards(m, word, word + '\uffff').then(function (range) {
          var hits = [];
          if (word.length >= 3) {
            range.forEach(function (s) {
              s.forEach(function (p, t) { if (t.startsWith(word)) hits.push([t, p, PREFIX]); });
            });
          }
          if (hits.length) return hits;
          return splitMatch(m, word).then(function (split) {
            if (split) return [split];
            return headsOrTypos();
          });
        });
        function headsOrTypos() {
          return Promise.all(heads.map(function (h) { return shards(m, h, h); })).then(function (hs) {
            for (var i = 0; i < heads.length; i++) {
              if (hs[i][0].has(heads[i])) return [[heads[i], hs[i][0].get(heads[i]), PREFIX]];
            }
            return typoMatches(m, word, term);
          });
        }
      });
    }

    /* A word the index lacks that is two of its words joined ("foodbank"
     * when entries say "food bank"): the documents with both, as a hit
     * [term, null, quality, docs]. Only whole words of at least three
     * letters each, so a word is never split into a word and a stray
     * piece. Needs the term list, like spelling help. */
    function splitMatch(m, word) {
      var chars = Array.from(word);
      if (chars.length < 6) return Promise.resolve(null);
      return dictionary().then(function (dict) {
        var has = new Set(dict.map(function (e) { return e[0]; }));
        var splits = [];
        for (var k = 3; k <= chars.length - 3; k++) {
          var a = stem(chars.slice(0, k).join('')), b = stem(chars.slice(k).join(''));
          if (has.has(a) && has.has(b)) splits.push([a, b]);
        }
        if (!splits.length) return null;
        return Promise.all(splits.map(function (ab) {
          return Promise.all([exactTerm(m, ab[0]), exactTerm(m, ab[1])]);
        })).then(function (found) {
          var docs = new Map();
          found.forEach(function (f) {
            if (!f[0] || !f[1]) return;
            f[0].forEach(function (s, doc) {
              var t = f[1].get(doc);
              if (t == null) return;
              var both = (s + t) / 2;
              if (!(docs.get(doc) >= both)) docs.set(doc, both);
            });
          });
          return docs.size ? [word, null, EXACT, docs] : null;
        });
      });
    }

    function typoMatches(m, word, term) {
      var max = typos(word);
      if (!max) return [];
      return dictionary().then(function (dict) {
        var best = max + 1, near = [];
        dict.forEach(function (entry) {
          var d = edits(term, entry[0], max);
          entry[1].forEach(function (surface) { d = Math.min(d, edits(word, surface, max)); });
          if (d < best) { best = d; near = []; }
          if (d === best && d <= max) near.push(entry[0]);
        });
        return Promise.all(near.map(function (t) {
          return shards(m, t, t).then(function (s) { return [t, s[0].get(t), TYPO]; });
        }));
      });
    }

    /* The documents a term is found in exactly, as doc -> score; null when
     * the index has no such term. */
    function exactTerm(m, term) {
      return shards(m, term, term).then(function (found) {
        var p = found[0].get(term);
        if (p == null) return null;
        var docs = new Map();
        postings(p, function (doc, field) {
          var s = FIELD[field] * EXACT;
          if (!(docs.get(doc) >= s)) docs.set(doc, s);
        });
        return docs;
      });
    }

    /* The documents with two words in a row (`food bank`), from the pair
     * shards; null when none has them. */
    function pairTerm(m, pair) {
      if (!m.pairs || !m.pairs.length) return Promise.resolve(null);
      var n = firstAtOrBefore(m.pairs, pair);
      return memo('p' + n, base + 'p' + n + '.txt', function (t) { return new Map(lines(t)); }).then(function (map) {
        var p = map.get(pair);
        if (p == null) return null;
        var docs = new Set();
        postings(p, function (doc) { docs.add(doc); });
        return docs;
      });
    }

    /* Documents with a phrase in quotes: each of its words exactly, and
     * each two in a row side by side (`food bank`) or joined as one word
     * (`foodbank`); scored as its words. */
    function matchPhrase(m, words) {
      var pairs = [], joins = [];
      for (var i = 0; i + 1 < words.length; i++) {
        pairs.push(stem(words[i]) + ' ' + stem(words[i + 1]));
        joins.push(stem(words[i] + words[i + 1]));
      }
      return Promise.all([
        Promise.all(words.map(function (w) { return exactTerm(m, stem(w)); })),
        Promise.all(pairs.map(function (p) { return pairTerm(m, p); })),
        Promise.all(joins.map(function (t) { return exactTerm(m, t); }))
      ]).then(function (got) {
        var per = got[0].map(function (p) { return p || new Map(); }), inRow = got[1], joined = got[2];
        return together(per, joined, function (doc) {
          return inRow.every(function (row, k) {
            return (row && row.has(doc)) || (joined[k] && joined[k].has(doc));
          });
        });
      });
    }

    /* The documents that have every word, each scoring its best hit, or
     * the joined term of it and a word beside it (joined[i] is words i and
     * i + 1 joined), which then counts for both; and that pass `also`. */
    function together(perWord, joined, also) {
      var scores = new Map();
      var candidates = new Set(perWord[0].keys());
      if (joined[0]) joined[0].forEach(function (s, doc) { candidates.add(doc); });
      candidates.forEach(function (doc) {
        var total = 0;
        for (var w = 0; w < perWord.length; w++) {
          var best = perWord[w].get(doc);
          [joined[w - 1], joined[w]].forEach(function (j) {
            var s = j && j.get(doc);
            if (s != null && !(best >= s)) best = s;
          });
          if (best == null) return;
          total += best;
        }
        if (also(doc)) scores.set(doc, total);
      });
      return scores;
    }

    /* Documents matching every word, with scores: each word scores its
     * best hit, and a document must match them all. Two words side by
     * side also match their joined term ("food bank": foodbank), which
     * then counts for both. */
    function matchWords(m, words) {
      var pairs = [];
      for (var i = 0; i + 1 < words.length; i++) pairs.push(stem(words[i] + words[i + 1]));
      return Promise.all([
        Promise.all(words.map(function (w) { return matchWord(m, w); })),
        Promise.all(pairs.map(function (t) { return exactTerm(m, t); }))
      ]).then(function (got) {
        var perWord = got[0].map(function (hits) {
          var mine = new Map();
          hits.forEach(function (h) {
            if (h[3]) {
              // A word found as two (foodbank: food and bank): the
              // documents with both, scored as one word.
              h[3].forEach(function (s, doc) { if (!(mine.get(doc) >= s)) mine.set(doc, s); });
              return;
            }
            postings(h[1], function (doc, field) {
              var s = FIELD[field] * h[2];
              if (!(mine.get(doc) >= s)) mine.set(doc, s);
            });
          });
          return mine;
        });
        return together(perWord, got[1], function () { return true; });
      });
    }

    /* One filter's column (facet-{id}.txt), fetched when it is first
     * used or its counts are wanted. */
    function facetColumn(id) {
      return memo('facet-' + id, base + 'facet-' + id + '.txt', function (t) {
        var l = lines(t)[0];
        return {
          width: +l[1],
          sets: l[2].split(';').map(function (s) { return s ? s.split(',').map(Number) : []; }),
          column: l[3] || ''
        };
      });
    }
    var places = function () {
      return memo('places', base + 'places.txt', function (t) {
        var l = lines(t)[0];
        // Activities at several venues: doc -> the other venues' place numbers.
        var more = new Map((l[3] ? l[3].split(';') : []).map(function (e) {
          var f = e.split(':');
          return [+f[0], f[1].split(',').map(Number)];
        }));
        // District -> the activities that cover it (area_served).
        var covers = new Map((l[4] ? l[4].split(';') : []).map(function (e) {
          var f = e.split(':');
          return [f[0], new Set(f[1].split(',').map(Number))];
        }));
        return {
          width: +l[0],
          at: l[1] ? l[1].split(';').map(function (p) { return p.split(',').map(Number); }) : [],
          column: l[2] || '',
          more: more,
          covers: covers
        };
      });
    };
    function district(text) {
      var parts = postcodeParts(text);
      if (!parts) return Promise.resolve({ error: 'format' });
      var unknown = { error: 'unknown', code: parts.outward || parts.compact };
      // Only areas the build wrote a file for are fetched: asking for
      // another would log a failed request in the browser's console.
      return meta.then(function (m) {
        if (m.areas && m.areas.indexOf(parts.area) < 0) return unknown;
        return areaDistrict(parts);
      });
    }
    function areaDistrict(parts) {
      return get(postcodeBase + parts.area + '.txt', true).then(function (t) {
        var table = new Map((t ? lines(t) : []).map(function (l) {
          var f = l[0].split(',');
          return [f[0], [+f[1], +f[2]]];
        }));
        var code = table.has(parts.compact) ? parts.compact : parts.outward;
        if (code && table.has(code)) return { code: code, district: parts.outward || parts.compact, at: table.get(code) };
        return { error: 'unknown', code: parts.outward || parts.compact };
      });
    }

    /* A query's words to find, phrases in quotes, and words to leave out
     * (after a minus sign: "walk -dog"), without stop words. */
    function parseQuery(q, stop) {
      var words = [], without = [], phrases = [];
      function kept(t) { return stop.indexOf(t) < 0; }
      q = q.replace(/["\u201c\u201d]([^"\u201c\u201d]*)["\u201c\u201d]?/g, function (all, inner) {
        var p = tokens(inner).filter(kept);
        if (p.length) phrases.push(p);
        return ' ';
      });
      q.split(/\s+/).forEach(function (part) {
        var minus = /^[-\u2212]/.test(part);
        tokens(minus ? part.slice(1) : part).forEach(function (t) {
          if (stop.indexOf(t) < 0) (minus ? without : words).push(t);
        });
      });
      return { words: words, without: without, phrases: phrases };
    }

    /* Runs a search. state: {q, near, filters: {facet id: [value ids]}}.
     * Resolves to {docs: [{doc, score, miles, covers}], total, counts, near};
     * `covers` names the district for a service that covers it, whose miles
     * are then -1 so that it sorts first. */
    function search(state) {
      return meta.then(function (m) {
        var query = parseQuery(state.q || '', m.stop), words = query.words;
        var chosen = m.facets.map(function (f) {
          var picked = (state.filters && state.filters[f.id]) || [];
          return { all: f.all, values: f.values, picked: picked.map(function (v) { return f.values.indexOf(v); }).filter(function (i) { return i >= 0; }) };
        });
        // Counts for the filters asked for (state.counts: true for all, or
        // a list of ids); columns for those and for the filters ticked.
        var wanted = m.facets.map(function (f) {
          return state.counts === true || (Array.isArray(state.counts) && state.counts.indexOf(f.id) >= 0);
        });
        return Promise.all([
          words.length ? matchWords(m, words) : null,
          Promise.all(m.facets.map(function (f, i) {
            return wanted[i] || chosen[i].picked.length ? facetColumn(f.id) : null;
          })),
          state.near ? Promise.all([district(state.near), places()]) : null,
          Promise.all(query.without.map(function (w) { return exactTerm(m, stem(w)); })),
          Promise.all(query.phrases.map(function (p) { return matchPhrase(m, p); }))
        ]).then(function (got) {
          var scores = got[0], sets = got[1], near = got[2] && got[2][0];
          // Phrases narrow the words' results, and add their scores.
          got[4].forEach(function (p) {
            if (!scores) { scores = p; return; }
            var both = new Map();
            scores.forEach(function (s, doc) { if (p.has(doc)) both.set(doc, s + p.get(doc)); });
            scores = both;
          });
          // Words after a minus sign leave out what has them.
          var left = new Set();
          got[3].forEach(function (d) { if (d) d.forEach(function (s, doc) { left.add(doc); }); });
          var docs = [];
          var counts = wanted.some(Boolean) && chosen.map(function (c) { return c.values.map(function () { return 0; }); });
          function consider(doc, score) {
            if (left.has(doc)) return;
            var failed = -1, out = false;
            for (var i = 0; i < chosen.length && !out; i++) {
              var c = chosen[i];
              if (!c.picked.length) continue;
              var col = sets[i], has = col.sets[fixed(col.column, doc * col.width, col.width)];
              var ok = c.all ? c.picked.every(function (v) { return has.indexOf(v) >= 0; })
                : c.picked.some(function (v) { return has.indexOf(v) >= 0; });
              if (ok) continue;
              if (c.all || failed >= 0) out = true; else failed = i;
            }
            if (out) return;
            if (counts) {
              for (var j = 0; j < chosen.length; j++) {
                if (!wanted[j] || (failed >= 0 && failed !== j)) continue;
                var cj = sets[j];
                cj.sets[fixed(cj.column, doc * cj.width, cj.width)].forEach(function (v) { counts[j][v]++; });
              }
            }
            if (failed < 0) docs.push({ doc: doc, score: score });
          }
          if (scores) scores.forEach(function (s, doc) { consider(doc, s); });
          else for (var d = 0; d < m.documents; d++) consider(d, 0);
          if (near && near.at) {
            var p = got[2][1], covering = p.covers.get(near.district);
            docs.forEach(function (r) {
              // Services that cover the district come first, as on its page.
              if (covering && covering.has(r.doc)) { r.covers = near.district; r.miles = -1; return; }
              var n = fixed(p.column, r.doc * p.width, p.width);
              r.miles = n ? milesBetween(near.at, p.at[n - 1]) : Infinity;
              // At several venues: the nearest.
              (p.more.get(r.doc) || []).forEach(function (m) {
                r.miles = Math.min(r.miles, milesBetween(near.at, p.at[m - 1]));
              });
            });
          }
          docs.sort(function (a, b) {
            return (near && near.at ? a.miles - b.miles : 0) || b.score - a.score || a.doc - b.doc;
          });
          var countsById = null;
          if (counts) {
            countsById = {};
            m.facets.forEach(function (f, i) { if (wanted[i]) countsById[f.id] = counts[i]; });
          }
          return { docs: docs, total: docs.length, counts: countsById, near: near, words: words.concat(query.without, [].concat.apply([], query.phrases)) };
        });
      });
    }

    /* The display rows of some documents, in the same order. */
    function rows(docs) {
      return meta.then(function (m) {
        return Promise.all(docs.map(function (doc) {
          var block = Math.floor(doc / m.rows);
          return memo('r' + block, base + 'r' + block + '.json', JSON.parse).then(function (rs) {
            return rs[doc - block * m.rows];
          });
        }));
      });
    }

    /* For a search that found nothing: each query word that matches
     * nothing on its own, with up to three words of the index nearest to
     * it: one edit more than a search corrects by itself (yogo: yoga),
     * only the nearest, shortest first. */
    function suggest(q) {
      return meta.then(function (m) {
        var parsed = parseQuery(q, m.stop), words = parsed.words.concat([].concat.apply([], parsed.phrases));
        return Promise.all(words.map(function (w) { return matchWord(m, w); })).then(function (hits) {
          var lost = words.filter(function (w, i) { return !hits[i].length; });
          if (!lost.length) return [];
          return dictionary().then(function (dict) {
            return lost.map(function (w) {
              var near = [], max = typos(w) + 1;
              dict.forEach(function (e) {
                (e[2] ? [e[0]].concat(e[1]) : e[1]).forEach(function (form) {
                  var d = edits(w, form, max);
                  if (d <= max && form !== w) near.push([d, form]);
                });
              });
              near.sort(function (a, b) { return a[0] - b[0] || a[1].length - b[1].length || (a[1] < b[1] ? -1 : 1); });
              near = near.filter(function (n) { return n[0] === near[0][0]; });
              var seen = [];
              near.forEach(function (n) { if (seen.length < 3 && seen.indexOf(n[1]) < 0) seen.push(n[1]); });
              return { word: w, options: seen };
            }).filter(function (s) { return s.options.length; });
          });
        });
      });
    }

    return { search: search, rows: rows, meta: meta, suggest: suggest };
  }

  /* ---- The page ---- */

  var form = document.getElementById('search');
  var api = { tokens: tokens, stem: stem, edits: edits, typos: typos, distanceText: distanceText, milesBetween: milesBetween, postcodeParts: postcodeParts, Engine: Engine };
  window.signpostSearch = api;
  if (!form || !window.fetch || !window.Map) return;
  var engine = Engine(form.dataset.index, form.dataset.postcodes, form.dataset.version);
  api.engine = engine;
  var $ = function (id) { return document.getElementById(id); };
  var q = $('search-q'), nearInput = $('search-near'), status = $('search-status');
  var list = $('search-results'), more = $('search-more'), nearError = $('search-near-error');
  var filters = $('search-filters');
  var errorSummary = $('search-error-summary'), errorLink = $('search-error-link');
  $('search-needs-js').hidden = true;
  form.hidden = false;
  filters.hidden = false;
  // Open beside the results on wide screens; one line above them on phones.
  filters.open = matchMedia('(min-width: 48rem)').matches;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox]'));

  function readUrl() {
    var p = new URLSearchParams(location.search), f = {};
    boxes.forEach(function (b) { f[b.name] = p.getAll(b.name); });
    return { q: p.get('q') || '', near: p.get('near') || '', filters: f };
  }
  function readForm() {
    var f = {};
    boxes.forEach(function (b) { (f[b.name] = f[b.name] || []); if (b.checked) f[b.name].push(b.value); });
    return { q: q.value, near: nearInput.value, filters: f };
  }
  function fill(state) {
    q.value = state.q; nearInput.value = state.near;
    boxes.forEach(function (b) { b.checked = (state.filters[b.name] || []).indexOf(b.value) >= 0; });
  }
  function toUrl(state) {
    var p = new URLSearchParams();
    if (state.q.trim()) p.set('q', state.q.trim());
    if (state.near.trim()) p.set('near', state.near.trim());
    boxes.forEach(function (b) { if (b.checked) p.append(b.name, b.value); });
    var s = p.toString();
    return location.pathname + (s ? '?' + s : '');
  }
  function empty(state) {
    return !state.q.trim() && !state.near.trim() && !boxes.some(function (b) { return b.checked; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  /* A result's card: the theme's own card (partials/activity-card.html,
     rendered by the build into the result rows), with the distance added
     after its title as the partial shows it on the near pages. */
  function card(row, found) {
    var t = document.createElement('template');
    t.innerHTML = row[1];
    var li = t.content.firstElementChild;
    var miles = found && found.miles;
    if (li && miles != null) {
      var dist = el('p', 'card-distance');
      if (found.covers) dist.appendChild(el('strong', null, 'Covers ' + found.covers));
      // Online, by phone or home visits elsewhere: no distance to give.
      else if (miles === Infinity) dist.textContent = 'Not at a venue';
      else { dist.appendChild(el('strong', null, distanceText(miles))); dist.appendChild(document.createTextNode(' away')); }
      var title = li.querySelector('.card-title');
      if (title) title.after(dist); else li.prepend(dist);
    }
    return li;
  }

  var latest = 0, result = null, shown = 0;

  /* The filters whose counts can be seen: those open in an open panel,
     and those with a box ticked (which open themselves). */
  function visibleFacets() {
    var panel = form.querySelector('#search-filters');
    return Array.prototype.filter.call(form.querySelectorAll('details.facet'), function (d) {
      return (panel.open && d.open) || d.querySelector('input:checked');
    }).map(function (d) { return d.dataset.facet; });
  }

  /* Shows the counts worked out; a filter without counts this time has
     its old ones cleared, until it is opened. */
  function showCounts(counts) {
    if (!counts) return;
    form.querySelectorAll('details.facet').forEach(function (d) {
      var id = d.dataset.facet, picked = 0;
      d.querySelectorAll('input').forEach(function (b, i) {
        var n = counts[id] && counts[id][i];
        b.nextElementSibling.querySelector('.count').textContent = n == null ? '' : '(' + n + ')';
        if (b.checked) picked++;
      });
      d.querySelector('.facet-chosen').textContent = picked ? '(' + picked + ' chosen)' : '';
      if (picked) d.open = true;
    });
  }

  function showMore() {
    var next = result.docs.slice(shown, shown + PAGE), id = latest;
    return engine.rows(next.map(function (r) { return r.doc; })).then(function (rows) {
      if (id !== latest) return;
      var near = result.near && result.near.at;
      rows.forEach(function (row, i) { list.appendChild(card(row, near ? next[i] : null)); });
      shown += next.length;
      more.hidden = shown >= result.total;
    });
  }

  function describe(state, r) {
    // A no-break space keeps the number with its noun.
    var n = r.total, text = (n === 1 ? '1\u00a0activity matches' : n + '\u00a0activities match');
    if (r.words.length) text += ' \u2018' + state.q.trim() + '\u2019';
    if (boxes.some(function (b) { return b.checked; })) text += (r.words.length ? ' and' : '') + ' the filters you chose';
    if (r.near && r.near.at) text += ', nearest to ' + r.near.code + ' first';
    return text + '.';
  }

  /* The postcode's error, beside its field and in the error summary at the
     top (GOV.UK's error pattern); `focus` moves to the summary, after a
     search the visitor asked for, so a screen reader hears it at once. */
  function setNearError(message, focus) {
    nearError.textContent = message ? 'Error: ' + message : '';
    nearError.hidden = !message;
    $('near-field').classList.toggle('field-error', !!message);
    nearInput.setAttribute('aria-describedby', message ? 'search-near-hint search-near-error' : 'search-near-hint');
    if (message) nearInput.setAttribute('aria-invalid', 'true'); else nearInput.removeAttribute('aria-invalid');
    errorLink.textContent = message || '';
    errorSummary.hidden = !message;
    // GOV.UK's pattern: the page's title says there is an error too.
    document.title = (message ? 'Error: ' : '') + document.title.replace(/^Error: /, '');
    if (message && focus) errorSummary.focus();
  }

  function counts(state, id) {
    var ids = visibleFacets();
    if (!ids.length) return Promise.resolve();
    return engine.search({ q: state.q, near: state.near, filters: state.filters, counts: ids }).then(function (r) {
      if (id === latest) showCounts(r.counts);
    });
  }

  function run(state, asked) {
    var id = ++latest;
    if (empty(state)) {
      list.hidden = true; more.hidden = true; none.hidden = true; setNearError('');
      status.textContent = '';
      return counts(state, id);
    }
    status.textContent = 'Searching\u2026';
    // Results first; the counts of open filters need their files, fetched
    // after the results unless a filter is ticked (its file is needed).
    var filtered = boxes.some(function (b) { return b.checked; });
    return engine.search({ q: state.q, near: state.near, filters: state.filters, counts: filtered && visibleFacets() }).then(function (r) {
      if (id !== latest) return;
      result = r; shown = 0;
      var near = r.near;
      // The examples are the region's own (data-example, from the build).
      var example = form.dataset.example, district = form.dataset.exampleDistrict;
      var like = district ? ', like ' + district : '';
      setNearError(near && near.error ? (near.error === 'format'
        ? 'Enter a postcode' + (example ? ' like ' + example : '') + ', or its first part' + like
        : 'We could not find the postcode district ' + near.code + '. Check the postcode, or enter its first part' + like) : '', asked);
      list.textContent = '';
      list.hidden = false;
      var text = describe(state, r);
      // The status line says what the field's error says, in short.
      if (near && near.error) {
        text = (near.error === 'format' ? 'That is not a postcode' : 'We could not find the postcode district ' + near.code) +
          ', so results are not sorted by distance. ' + text;
      }
      status.textContent = r.total ? text : (r.words.length ? 'No activities match \u2018' + state.q.trim() + '\u2019' : 'No activities match') +
        (filtered ? ' with the filters you chose. Try removing a filter.' : '. Check the spelling or try other words.');
      none.hidden = r.total > 0;
      suggestBox.hidden = true;
      if (!r.total && r.words.length) helpWithNothing(state, id);
      return Promise.all([showMore(), r.counts ? showCounts(r.counts) : counts(state, id)]);
    }).catch(function (e) {
      if (window.console) console.error(e);
      if (id === latest) status.textContent = 'Sorry, search is not working right now. Browse the lists below instead.';
    });
  }

  var none = $('search-none'), suggestBox = $('search-suggest'), suggestions = $('search-suggestions');

  /* Nothing found: offer the nearest words in the index, as links that
     search again with each in place of the word that found nothing. */
  function helpWithNothing(state, id) {
    return engine.suggest(state.q).then(function (found) {
      if (id !== latest || !found.length) return;
      suggestions.textContent = '';
      var links = [];
      found.forEach(function (s) {
        s.options.forEach(function (option) {
          var q2 = state.q.replace(new RegExp(s.word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), option);
          var a = el('a', null, option);
          a.href = toUrl(Object.assign({}, state, { q: q2 === state.q ? option : q2 }));
          links.push(a);
        });
      });
      links = links.slice(0, 3);
      links.forEach(function (a, i) {
        if (i) suggestions.appendChild(document.createTextNode(i === links.length - 1 ? ' or ' : ', '));
        suggestions.appendChild(a);
      });
      suggestBox.hidden = false;
    }).catch(function () {});
  }

  var timer;
  /* `asked`: a search the visitor submitted, after which the error summary
     takes focus; ticking a filter never moves focus. */
  function update(push, asked) {
    clearTimeout(timer);
    var state = readForm(), url = toUrl(state);
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
    return (api.ready = run(state, asked));
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); update(true, true); });
  form.addEventListener('change', function (e) { if (e.target.type === 'checkbox') update(true, false); });
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { update(false); }, 250); });
  more.addEventListener('click', function () {
    var first = shown;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector('a');
      if (link) link.focus();
    });
  });
  window.addEventListener('popstate', function () { var s = readUrl(); fill(s); api.ready = run(s); });
  // A filter's counts are fetched when it is opened: each filter is its
  // own small file.
  [filters].concat(Array.prototype.slice.call(form.querySelectorAll('details.facet'))).forEach(function (d) {
    d.addEventListener('toggle', function () {
      if (d.open) counts(readForm(), latest);
    });
  });
  var initial = readUrl();
  fill(initial);
  // The latest search's promise, for tests to wait on. A postcode arriving
  // in the address was asked for too (from the home page's box, say).
  api.ready = run(initial, !!initial.near.trim());
})();
