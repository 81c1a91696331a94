// Explore: searches, filters, sorts and pages the table of every profile
// with the build's small JSON index, and keeps the choices in the URL query
// so a result can be shared (?q=health&cluster=health-science&sort=wage&page=2).
// The first search box finds a profile by its title, other names or SOC
// code; on a site with full-text search a second one (?text=) keeps the
// profiles with every word in their text (through window.careersSearch of
// search.js), combined with the other filters.
// Without this script the page shows the build's pages of the table, sorted
// by title. The rows the build wrote are kept and reused; further rows are
// made from the page's row template, and every word comes from the page.
//
// The index is read, filtered and sorted by this same file running as a
// Web Worker: at 10,000 profiles parsing the index alone is a few hundred
// milliseconds on a phone, which in the page would block taps and scrolling
// (Lighthouse's total blocking time). The page only sends the choices and
// gets back the hundred rows to show. Where a worker cannot start (a
// browser without workers, or a policy that forbids them), the same code
// runs in the page.
(function () {
  "use strict";

  // A figure of the index: [value, decimals] or [value, decimals, 1]
  // (derived), or the build's figure object with its text.
  function value(f) {
    if (Array.isArray(f)) return f[0];
    return f && typeof f.value === "number" ? f.value : null;
  }

  // The index's rows, and the answer to one set of choices: the entries of
  // the page asked for (clamped to the pages there are) and the counts.
  function Occupations(data) {
    this.lists = data;
    this.all = data.occupations.map(function (e) {
      var o = {
        id: e[0], title: e[1], soc: e[2], also_called: e[3], cluster: e[4], education: e[5],
        job_zone: e[6], holland: e[7], median_yearly: e[8], growth: e[9], openings: e[10], search: e[11],
        lang: e[12], also_called_lang: e[13]
      };
      o.text = [o.title, o.soc].concat(o.also_called).join(" ").toLowerCase();
      return o;
    });
  }

  var SORT_KEYS = {
    wage: function (o) { return value(o.median_yearly); },
    growth: function (o) { return value(o.growth); },
    openings: function (o) { return value(o.openings); }
  };

  function atLeast(figure, limit) {
    if (limit === "" || isNaN(Number(limit))) return true;
    var v = value(figure);
    return v !== null && v >= Number(limit);
  }

  function keyIs(list, i, key) { return !key || (i !== null && list[i] && list[i].key === key); }

  // `docs`: the full-text matches of the words box (their numbers in the
  // search index), or null when the box is empty or cannot be used.
  Occupations.prototype.matches = function (o, s, docs) {
    var lists = this.lists;
    var q = s.q.toLowerCase();
    var inText = !docs || (o.search !== null && o.search !== undefined && docs.has(o.search));
    return (!q || o.text.indexOf(q) >= 0) && inText &&
      keyIs(lists.clusters, o.cluster, s.cluster) &&
      keyIs(lists.education, o.education, s.education) &&
      keyIs(lists.job_zones, o.job_zone, s.zone) &&
      (!s.holland || o.holland.some(function (h) { return keyIs(lists.holland, h, s.holland); })) &&
      atLeast(o.median_yearly, s.min_wage) && atLeast(o.growth, s.min_growth);
  };

  // Highest first, occupations without the figure last; ties keep title order.
  function sorted(list, sort) {
    var key = SORT_KEYS[sort];
    if (!key) return list;
    return list.map(function (o, i) { return [key(o), i, o]; }).sort(function (a, b) {
      if (a[0] === b[0]) return a[1] - b[1];
      if (a[0] === null) return 1;
      if (b[0] === null) return -1;
      return b[0] - a[0];
    }).map(function (e) { return e[2]; });
  }

  Occupations.prototype.query = function (ask) {
    var self = this;
    var docs = ask.docs ? new Set(ask.docs) : null;
    var shown = sorted(this.all.filter(function (o) { return self.matches(o, ask.s, docs); }), ask.s.sort);
    var pages = Math.max(1, Math.ceil(shown.length / ask.size));
    var page = Math.min(Math.max(ask.page, 1), pages);
    return {
      ticket: ask.ticket, page: page, pages: pages, shown: shown.length, total: this.all.length,
      visible: shown.slice((page - 1) * ask.size, page * ask.size)
    };
  };

  // The worker's side of the conversation: {index: url} fetches the index
  // and answers {ready: its lists} or {failed: why}; then each set of
  // choices is answered with Occupations.query.
  function conversation() {
    var occupations = null;
    return function (message, reply) {
      if (message.index) {
        fetch(message.index)
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
          })
          .then(function (data) {
            occupations = new Occupations(data);
            reply({
              ready: {
                base_path: data.base_path, clusters: data.clusters, education: data.education,
                job_zones: data.job_zones, holland: data.holland
              }
            });
          })
          .catch(function (err) { reply({ failed: String(err && err.message) }); });
      } else if (occupations) {
        reply(occupations.query(message));
      }
    };
  }

  if (typeof document === "undefined") {
    // Running as the worker.
    var answer = conversation();
    self.onmessage = function (event) {
      answer(event.data, function (reply) { self.postMessage(reply); });
    };
    return;
  }

  var scriptUrl = document.currentScript && document.currentScript.src;
  var form = document.getElementById("explore-controls");
  var table = document.getElementById("explore-table");
  var status = document.getElementById("explore-status");
  var pager = document.getElementById("explore-pager");
  var rowTemplate = document.getElementById("explore-row");
  var derivedTemplate = document.getElementById("explore-derived");
  if (!form || !table || !status || !pager || !rowTemplate || !derivedTemplate ||
      !window.fetch || !window.URLSearchParams || !window.Set) return;
  var FIELDS = ["q", "text", "cluster", "education", "zone", "holland", "min_wage", "min_growth", "sort"];
  var PAGE_SIZE = Number(form.getAttribute("data-page-size")) || 100;
  var firstUrl = form.getAttribute("data-url");
  var body = table.tBodies[0];
  var rows = {};
  Array.prototype.forEach.call(body.rows, function (tr) { rows[tr.getAttribute("data-id")] = tr; });
  var lists = null;
  var page = Number(form.getAttribute("data-page")) || 1;

  // The words of the messages, in the page's language: the page's
  // #explore-strings block (the theme's interface strings), with English
  // for a template without it. {name} is filled in; counts are written
  // with the page's digit grouping, as the build writes them.
  var WORDS = {
    explore_showing_all: "Showing all {total} career profiles.",
    explore_showing_only: "Showing the only career profile.",
    explore_showing: "Showing {shown} of {total} career profiles.",
    explore_showing_one: "Showing {shown} of {total} career profiles.",
    group_mark: ",",
    decimal_mark: "."
  };
  try {
    var given = JSON.parse(document.getElementById("explore-strings").textContent);
    Object.keys(given).forEach(function (k) { WORDS[k] = given[k]; });
  } catch (e) { /* No strings block: English. */ }
  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, WORDS.group_mark); }
  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] === undefined ? all : grouped(values[name]);
    });
  }

  // `local`: with the page's decimal and grouping marks (money keeps the
  // US form in every language, as the build writes it).
  function digits(v, decimals, local) {
    var group = local ? WORDS.group_mark : ",", point = local ? WORDS.decimal_mark : ".";
    var scale = Math.pow(10, decimals);
    var scaled = Math.round(Math.abs(v) * scale);
    var whole = String(Math.floor(scaled / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
    if (decimals === 0) return whole;
    var fraction = String(scaled % scale);
    while (fraction.length < decimals) fraction = "0" + fraction;
    return whole + point + fraction;
  }

  // As the build's format module writes them: $43,500, 12.5% with a true
  // minus sign, 1,234 (19,4% and 1.234 where the locale has a decimal comma).
  var FORMATS = {
    money: function (v, d) {
      return (v < 0 && Math.round(v * 100) !== 0 ? "-" : "") + "$" + digits(v, d > 0 ? 2 : 0, false);
    },
    percent: function (v, d) { return minus(v, d) + digits(v, d, true) + "%"; },
    count: function (v, d) { return minus(v, d) + digits(v, d, true); }
  };
  function minus(v, d) { return v < 0 && Math.round(Math.abs(v) * Math.pow(10, d)) !== 0 ? "\u2212" : ""; }

  function fillFigure(cell, f, format) {
    var derived = false;
    var statusName;
    if (Array.isArray(f)) {
      derived = f[2] === 1;
      statusName = derived ? "derived" : "given";
      cell.textContent = FORMATS[format](f[0], f[1]);
    } else {
      derived = !!f.derived;
      statusName = f.status;
      cell.textContent = f.text;
    }
    cell.className = "num status-" + statusName + (derived ? " derived" : "");
    if (derived) cell.appendChild(derivedTemplate.content.cloneNode(true));
  }

  // A profile's id as its address: every byte but A-Z a-z 0-9 - . _ ~ /
  // percent-encoded, as the build writes page URLs.
  function path(id) {
    return encodeURIComponent(id).replace(/%2F/g, "/").replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function name(list, i) { return i === null || i === undefined || !list[i] ? "" : list[i].name; }

  // A row of the table for entry `o`, as the build writes one.
  function makeRow(o) {
    var tr = rowTemplate.content.firstElementChild.cloneNode(true);
    tr.setAttribute("data-id", o.id);
    var cells = tr.children;
    var link = cells[0].querySelector("a");
    link.href = lists.base_path + path(o.id) + "/";
    link.textContent = o.title;
    // Words not translated yet say which language they are in.
    if (o.lang) link.lang = o.lang;
    var also = cells[0].querySelector(".also-called");
    if (o.also_called.length) {
      var names = document.createElement("span");
      names.textContent = o.also_called.join("; ");
      if (o.also_called_lang) names.lang = o.also_called_lang;
      also.appendChild(names);
    } else {
      also.parentNode.removeChild(also);
    }
    cells[1].textContent = o.soc;
    cells[2].textContent = name(lists.clusters, o.cluster);
    cells[3].textContent = name(lists.education, o.education);
    fillFigure(cells[4], o.median_yearly, "money");
    fillFigure(cells[5], o.growth, "percent");
    fillFigure(cells[6], o.openings, "count");
    return tr;
  }

  function read() {
    var s = {};
    FIELDS.forEach(function (field) {
      var control = form.elements[field];
      s[field] = control ? control.value.trim() : "";
    });
    return s;
  }

  // The worker, or the same conversation in the page. Its answers go to
  // `onAnswer` after the current task, as a worker's would.
  function connect(onAnswer) {
    var local = null;
    function inPage(message) {
      if (!local) local = conversation();
      local(message, function (reply) { setTimeout(function () { onAnswer(reply); }, 0); });
    }
    var worker = null;
    try {
      if (window.Worker && scriptUrl) worker = new Worker(scriptUrl);
    } catch (e) {
      worker = null;
    }
    if (!worker) return inPage;
    var first = null;
    var ready = false;
    worker.onmessage = function (event) {
      if (event.data.ready) ready = true;
      onAnswer(event.data);
    };
    // A worker that could not load its script: start again in the page.
    worker.onerror = function (event) {
      if (ready) return;
      if (event && event.preventDefault) event.preventDefault();
      worker = null;
      if (first) inPage(first);
    };
    return function (message) {
      if (message.index) first = message;
      if (worker) worker.postMessage(message); else inPage(message);
    };
  }

  // Full-text matches of the words box (search.js, over the site's search
  // index): the numbers of the pages whose text has every word.
  // Answers arrive in any order, so each is kept under its query.
  var fullText = new Map();
  var searchIndex = form.getAttribute("data-search");
  function searchFullText(q) {
    if (!searchIndex || !window.careersSearch || !q || fullText.has(q)) return;
    var shards = parseInt(form.getAttribute("data-search-shards"), 10) || 1;
    fullText.set(q, null);
    window.careersSearch.find(searchIndex, shards, q, form.getAttribute("data-search-stop")).then(function (docs) {
      fullText.set(q, docs);
      if (read().text === q) apply();
    }).catch(function () {
      // No index to read: the words box is ignored, the rest still works.
      searchIndex = null;
      apply();
    });
  }

  function showSort(sort) {
    Array.prototype.forEach.call(table.querySelectorAll("th[data-sort]"), function (th) {
      var column = th.getAttribute("data-sort");
      if (column === (SORT_KEYS[sort] ? sort : "title")) {
        th.setAttribute("aria-sort", column === "title" ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  // No search, filter or sort: the build's own pages show this.
  function plain(s) {
    return FIELDS.every(function (field) { return !s[field] || (field === "sort" && s[field] === "title"); });
  }

  function urlFor(s, n) {
    if (plain(s)) return n > 1 ? firstUrl + "page/" + n + "/" : firstUrl;
    var params = new URLSearchParams();
    FIELDS.forEach(function (field) {
      if (s[field] && !(field === "sort" && s[field] === "title")) params.set(field, s[field]);
    });
    if (n > 1) params.set("page", String(n));
    return firstUrl + "?" + params.toString();
  }

  function pageItem(n, label, rel, current, s) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = urlFor(s, n);
    a.textContent = label;
    a.setAttribute("data-page", String(n));
    if (rel) { a.rel = rel; li.className = rel === "prev" ? "previous" : "next"; }
    if (current) a.setAttribute("aria-current", "page");
    li.appendChild(a);
    return li;
  }

  // The same links as the build's pager: previous, the first and last
  // pages and those within two of this one, next.
  function showPager(s, pages) {
    var list = document.createElement("ul");
    if (page > 1) list.appendChild(pageItem(page - 1, pager.getAttribute("data-previous"), "prev", false, s));
    var last = 0;
    for (var n = 1; n <= pages; n++) {
      if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
      if (last + 1 < n) {
        var gap = document.createElement("li");
        gap.className = "gap";
        gap.setAttribute("aria-hidden", "true");
        gap.textContent = "\u2026";
        list.appendChild(gap);
      }
      list.appendChild(pageItem(n, String(n), "", n === page, s));
      last = n;
    }
    if (page < pages) list.appendChild(pageItem(page + 1, pager.getAttribute("data-next"), "next", false, s));
    var old = pager.querySelector("ul");
    if (old) pager.replaceChild(list, old); else pager.appendChild(list);
    pager.hidden = pages < 2;
  }

  // Each set of choices is numbered; an answer to an older one is dropped.
  var send = null;
  var ticket = 0;
  var asked = null;

  function apply() {
    var s = read();
    searchFullText(s.text);
    var docs = null;
    if (s.text && searchIndex && window.careersSearch) {
      // Until the search index answers, the table stays as it is.
      if (!fullText.get(s.text)) return;
      docs = Array.from(fullText.get(s.text));
    }
    ticket += 1;
    asked = s;
    send({ ticket: ticket, s: s, docs: docs, page: page, size: PAGE_SIZE });
  }

  // The language switcher leads to the same choices and page in the
  // other language: the query's ids, keys and numbers are the same in
  // each, and the pages are at the same paths below each explore page.
  function carryQuery() {
    var here = location.pathname.indexOf(firstUrl) === 0 ? location.pathname.slice(firstUrl.length) : "";
    Array.prototype.forEach.call(document.querySelectorAll(".language-switcher a[hreflang]"), function (a) {
      if (!a.hasAttribute("data-root")) a.setAttribute("data-root", a.pathname.replace(/page\/\d+\/$/, ""));
      a.setAttribute("href", a.getAttribute("data-root") + here + location.search);
    });
  }

  function show(answer) {
    if (answer.ticket !== ticket) return;
    var s = asked;
    page = answer.page;
    var visible = answer.visible;
    var same = visible.length === body.rows.length && visible.every(function (o, i) {
      return body.rows[i].getAttribute("data-id") === o.id;
    });
    if (!same) {
      var fresh = document.createDocumentFragment();
      visible.forEach(function (o) {
        var tr = rows[o.id] || (rows[o.id] = makeRow(o));
        tr.hidden = false;
        fresh.appendChild(tr);
      });
      body.textContent = "";
      body.appendChild(fresh);
    }
    showSort(s.sort);
    showPager(s, answer.pages);
    status.textContent = answer.shown === answer.total
      ? say(answer.total === 1 ? "explore_showing_only" : "explore_showing_all", { total: answer.shown })
      : say(answer.shown === 1 ? "explore_showing_one" : "explore_showing", { shown: answer.shown, total: answer.total });
    history.replaceState(null, "", urlFor(s, page) + location.hash);
    carryQuery();
  }

  // Sets the controls (and the page) from the URL; values no control
  // offers are dropped.
  function load() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (field) {
      var control = form.elements[field];
      if (!control || !params.has(field)) return;
      control.value = params.get(field);
      if (control.tagName === "SELECT" && control.selectedIndex < 0) control.selectedIndex = 0;
    });
    if (params.has("page")) page = Math.floor(Number(params.get("page"))) || 1;
  }

  function restart() { page = 1; apply(); }

  function listen() {
    form.addEventListener("input", restart);
    form.addEventListener("change", restart);
    form.addEventListener("submit", function (event) { event.preventDefault(); restart(); });
    form.addEventListener("reset", function () { setTimeout(restart, 0); });
    pager.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-page]") : null;
      if (!link) return;
      event.preventDefault();
      page = Number(link.getAttribute("data-page"));
      apply();
      table.scrollIntoView();
    });
  }

  // After the page has loaded: the build's table is painted before the
  // index is fetched. If the index cannot be read, the build's table and
  // its pages stay.
  // The controls show the URL's query at once, not only when the index
  // has arrived, so a shared link never shows an empty search box.
  function start() {
    load();
    send = connect(function (answer) {
      if (answer.ready) {
        lists = answer.ready;
        apply();
        listen();
      } else if (!answer.failed) {
        show(answer);
      }
    });
    send({ index: new URL(form.getAttribute("data-index"), location.href).href });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
