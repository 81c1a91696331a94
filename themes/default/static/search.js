// Full-text search on static hosting. On every page it sends the header's
// search box to the results page (without this script the box leads to the
// explore page). On the results page it reads ?q=, fetches the index shard
// of each query word (search/index/N.json, chosen by the first two letters,
// as the build's `shard_of` does) and the text of the results it shows
// (search/doc/N.json), then lists them with the matching passage and the
// words highlighted. A word matches a stem exactly, by prefix (while
// typing), by one edit for words of five letters or more (a typo in the
// first two letters through the typo lists, search/typo/N.json), or when
// the stem starts it (an inflection the site does not use).
(function () {
  "use strict";
  var header = document.querySelector("form.site-search[data-search]");
  if (header) header.action = header.getAttribute("data-search");

  if (!window.fetch || !window.URLSearchParams || !window.TextEncoder) return;
  // The index in use: its folder URL and how many shards it has. The
  // results page sets them from its form; the explore page through
  // window.careersSearch.
  var base = "", shardCount = 1;
  var SHOWN = 20;
  // The words of the results and messages, in the page's language: the
  // results page's #search-strings block (the theme's interface strings),
  // with English for a template without it. {name} is filled in; counts
  // are written with the page's digit grouping.
  var WORDS = {
    search_kind_profile: "Career profile",
    search_kind_page: "Page",
    search_no_results: "No results for \u201c{query}\u201d.",
    search_results_one: "{count} result for \u201c{query}\u201d",
    search_results_many: "{count} results for \u201c{query}\u201d",
    search_not_every_word: ", none with every word",
    search_first_shown: "; the first {shown} are shown.",
    search_longer_word: "Type a longer word.",
    search_cannot_load: "Search could not load its index ({error}).",
    group_mark: ","
  };
  try {
    var given = JSON.parse(document.getElementById("search-strings").textContent);
    Object.keys(given).forEach(function (k) { WORDS[k] = given[k]; });
  } catch (e) { /* Not the results page, or no strings block: English. */ }
  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (all, name) {
      var v = values[name];
      if (v === undefined) return all;
      return typeof v === "number" ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, WORDS.group_mark) : v;
    });
  }
  // The words the index of this language leaves out (the build's stop
  // words, given by the page), which queries leave out too.
  var STOP = new Set();
  function setStop(list) { STOP = new Set((list || "").split(" ").filter(Boolean)); }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w && w.length <= 40 && (Array.from(w).length > 1 || /^[0-9]$/.test(w)) && !STOP.has(w);
    });
  }

  function shardOf(word) {
    var bytes = new TextEncoder().encode(Array.from(word).slice(0, 2).join(""));
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shardCount;
  }

  var cache = new Map();
  function load(url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      }));
    }
    return cache.get(url);
  }

  // Whether a and b differ by at most one insertion, deletion or change.
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
    if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
    return a.slice(i) === b.slice(i + 1);
  }

  var own = Object.prototype.hasOwnProperty;

  // The stems query word q matches in its shard, each with a factor (1 for
  // an exact word) and the written words that map to them.
  function match(q, shard) {
    var t = shard.t || {}, w = shard.w || {};
    var stems = new Map();
    function add(stem, f) { if (!(stems.get(stem) >= f)) stems.set(stem, f); }
    var exact = own.call(t, q) ? q : own.call(w, q) ? w[q] : null;
    if (exact) add(exact, 1);
    function consider(k, stem) {
      if (k !== q && q.length >= 2 && k.indexOf(q) === 0) add(stem, 0.7);
      if (!exact && q.length >= 5 && oneEdit(q, k)) add(stem, 0.5);
    }
    Object.keys(t).forEach(function (k) {
      consider(k, k);
      if (!exact && k.length >= 3 && q.indexOf(k) === 0 && q.length - k.length <= 3) add(k, 0.8);
    });
    Object.keys(w).forEach(function (k) { consider(k, w[k]); });
    var hits = new Set();
    stems.forEach(function (_, stem) { hits.add(stem); });
    Object.keys(w).forEach(function (k) { if (stems.has(w[k])) hits.add(k); });
    return { stems: stems, hits: hits, exact: !!exact };
  }

  // Document number → best score of query word q.
  function scores(matched, shard) {
    var out = new Map();
    matched.stems.forEach(function (factor, stem) {
      var p = shard.t[stem] || [];
      var doc = 0;
      for (var i = 0; i + 1 < p.length; i += 2) {
        doc += p[i];
        var s = p[i + 1] * factor;
        if (!(out.get(doc) >= s)) out.set(doc, s);
      }
    });
    return out;
  }

  // Scores and matched words of query word q: from its own shard, and for
  // a word of five letters or more with no exact match, from the words one
  // edit away whose first two letters differ (a typo there picks another
  // shard): the typo lists keyed by the query's letters 2-3, 3-4 and 4-5
  // name them (the build's `typo_key`), and their own shards score them.
  var MAX_TYPO_WORDS = 8;
  function find(q) {
    return load(base + "index/" + shardOf(q) + ".json").then(function (shard) {
      var m = match(q, shard);
      var result = { scores: scores(m, shard), hits: m.hits };
      var chars = Array.from(q);
      if (m.exact || chars.length < 5) return result;
      var keys = new Set([1, 2, 3].map(function (i) { return chars.slice(i, i + 2).join(""); }));
      var head = chars.slice(0, 2).join("");
      return Promise.all(Array.from(keys).map(function (k) {
        return load(base + "typo/" + shardOf(k) + ".json");
      })).then(function (lists) {
        var near = new Set();
        lists.forEach(function (list) {
          list.forEach(function (k) {
            if (Array.from(k).slice(0, 2).join("") !== head && oneEdit(q, k)) near.add(k);
          });
        });
        return Promise.all(Array.from(near).slice(0, MAX_TYPO_WORDS).map(function (k) {
          return load(base + "index/" + shardOf(k) + ".json").then(function (other) {
            var t = other.t || {}, w = other.w || {};
            var stem = own.call(t, k) ? k : own.call(w, k) ? w[k] : null;
            if (!stem) return;
            result.hits.add(k);
            Object.keys(w).forEach(function (word) { if (w[word] === stem) result.hits.add(word); });
            var typo = { stems: new Map([[stem, 0.5]]) };
            scores(typo, other).forEach(function (s, doc) {
              if (!(result.scores.get(doc) >= s)) result.scores.set(doc, s);
            });
          });
        }));
      }).then(function () { return result; });
    });
  }

  function passage(doc, hits) {
    // The first block with the most different matching words.
    function count(text) {
      return new Set(words(text).filter(function (w) { return hits.has(w); })).size;
    }
    // A block is [section, text], with the text's and the section name's
    // languages after them when they are not the page's.
    var blocks = (doc.summary ? [["", doc.summary, doc.summary_lang]] : []).concat(doc.blocks || []);
    var found = blocks[0] || ["", ""], best = 0;
    blocks.forEach(function (b) {
      var n = count(b[1]);
      if (n > best) { best = n; found = b; }
    });
    var text = found[1];
    if (text.length > 240) {
      var lower = text.toLowerCase(), at = -1;
      hits.forEach(function (h) {
        var re = new RegExp("(^|[^\\p{L}\\p{N}])" + h.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
        var m = re.exec(lower);
        if (m && (at < 0 || m.index < at)) at = m.index;
      });
      // Whole words only: start after a space, end before one.
      var start = at > 80 ? text.indexOf(" ", at - 80) + 1 : 0;
      var cut = text.slice(start, start + 240);
      var end = start + 240 < text.length ? cut.lastIndexOf(" ") : -1;
      text = (start > 0 ? "… " : "") + (end > 120 ? cut.slice(0, end) : cut) +
        (start + 240 < text.length ? " …" : "");
    }
    return { section: found[0], text: text, lang: found[2], sectionLang: found[3] };
  }

  function highlighted(text, hits) {
    var p = document.createElement("p");
    p.className = "search-passage";
    text.split(/([\p{L}\p{N}]+)/u).forEach(function (part, i) {
      if (i % 2 === 1 && hits.has(part.toLowerCase())) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        p.appendChild(mark);
      } else if (part) {
        p.appendChild(document.createTextNode(part));
      }
    });
    return p;
  }

  function show(ranked, docs, hits, query, total, every) {
    list.textContent = "";
    ranked.forEach(function (n, i) {
      var doc = docs[i];
      var li = document.createElement("li");
      li.className = "search-result";
      var h2 = document.createElement("h2");
      var a = document.createElement("a");
      a.href = doc.url;
      a.textContent = doc.title;
      // A page not translated yet shows its own language's words.
      if (doc.lang) a.lang = doc.lang;
      h2.appendChild(a);
      li.appendChild(h2);
      var kind = document.createElement("p");
      kind.className = "search-kind";
      var found = passage(doc, hits);
      kind.textContent = WORDS[doc.kind === "profile" ? "search_kind_profile" : "search_kind_page"] +
        (found.section ? " · " : "");
      if (found.section) {
        var section = document.createElement("span");
        section.textContent = found.section;
        if (found.sectionLang) section.lang = found.sectionLang;
        kind.appendChild(section);
      }
      li.appendChild(kind);
      var text = highlighted(found.text, hits);
      if (found.lang) text.lang = found.lang;
      li.appendChild(text);
      list.appendChild(li);
    });
    var text = total === 0 ? say("search_no_results", { query: query }) :
      say(total === 1 ? "search_results_one" : "search_results_many", { count: total, query: query }) +
      (every ? "" : WORDS.search_not_every_word) +
      (total > ranked.length ? say("search_first_shown", { shown: ranked.length }) : ".");
    status.textContent = text;
  }

  // The documents matching query words qs, best first: those with every
  // word, or when none has them all, those with any; with the written
  // words that matched, for highlighting.
  function rank(qs) {
    return Promise.all(qs.map(find)).then(function (found) {
      var hits = new Set();
      var per = found.map(function (f) {
        f.hits.forEach(function (h) { hits.add(h); });
        return f.scores;
      });
      var every = true;
      var total = new Map();
      per[0].forEach(function (s, doc) {
        if (per.every(function (m) { return m.has(doc); })) {
          total.set(doc, per.reduce(function (sum, m) { return sum + m.get(doc); }, 0));
        }
      });
      if (total.size === 0 && per.length > 1) {
        every = false;
        per.forEach(function (m) {
          m.forEach(function (s, doc) { total.set(doc, (total.get(doc) || 0) + s); });
        });
      }
      var ranked = Array.from(total.keys()).sort(function (a, b) {
        return total.get(b) - total.get(a) || a - b;
      });
      return { ranked: ranked, hits: hits, every: every };
    });
  }

  // For the explore page: the document numbers of the pages with every
  // word of `query` in their full text (an empty set when no page has them
  // all, or the query has no word the index keys).
  window.careersSearch = {
    find: function (indexUrl, shards, query, stop) {
      base = indexUrl;
      shardCount = shards || 1;
      setStop(stop);
      var qs = Array.from(new Set(words(query)));
      if (!qs.length) return Promise.resolve(new Set());
      return rank(qs).then(function (found) {
        return new Set(found.every ? found.ranked : []);
      });
    }
  };

  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  base = form.getAttribute("data-index");
  shardCount = parseInt(form.getAttribute("data-shards"), 10) || 1;
  setStop(form.getAttribute("data-stop"));

  var latest = 0;

  // The language switcher leads to the same choices in the other
  // language: the query's ids, keys and numbers are the same in each.
  function carryQuery() {
    Array.prototype.forEach.call(document.querySelectorAll(".language-switcher a[hreflang]"), function (a) {
      a.setAttribute("href", a.pathname + location.search);
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    var params = new URLSearchParams(location.search);
    if (query) params.set("q", query); else params.delete("q");
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
    carryQuery();
    // The link to explore carries the words, so the results can be filtered.
    var explore = document.getElementById("search-explore");
    if (explore) {
      var to = new URL(explore.href, location.href);
      if (query) to.searchParams.set("text", query); else to.searchParams.delete("text");
      explore.href = to.pathname + to.search;
    }
    var qs = Array.from(new Set(words(query)));
    if (!qs.length) {
      list.textContent = "";
      status.textContent = query ? WORDS.search_longer_word : "";
      return;
    }
    rank(qs)
      .then(function (found) {
        var ranked = found.ranked, hits = found.hits, every = found.every;
        var top = ranked.slice(0, SHOWN);
        return Promise.all(top.map(function (n) { return load(base + "doc/" + n + ".json"); }))
          .then(function (docs) {
            if (ticket === latest) show(top, docs, hits, query, ranked.length, every);
          });
      })
      .catch(function (err) {
        if (ticket === latest) status.textContent = say("search_cannot_load", { error: err.message });
      });
  }

  // A short pause after each key, so fast typing does not start a search
  // per letter; short enough that results follow the last key within
  // 100 ms (bench/search_latency.sh).
  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 25);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run();
  });
  input.value = new URLSearchParams(location.search).get("q") || "";
  if (input.value) run();
})();
