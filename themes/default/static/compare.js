// Compare: two to four occupations side by side. The chosen occupations
// live in the URL (?o=id-a,id-b), so a comparison can be shared; add and
// remove them with the chooser. Each occupation's figures are in a small
// file of the build (compare/figures/N.json, about sixteen occupations to a
// file, N from a hash of the id), fetched when it is chosen; the
// chooser's options give the titles, so the list of chosen occupations
// shows before any figures arrive.
(function () {
  "use strict";
  var root = document.getElementById("compare");
  if (!root || !window.fetch || !window.URLSearchParams || !window.TextEncoder) return;
  var MAX = 4;
  var select = document.getElementById("compare-add");
  var addButton = document.getElementById("compare-add-button");
  var list = document.getElementById("compare-chosen");
  var status = document.getElementById("compare-status");
  var result = document.getElementById("compare-result");
  var table = document.getElementById("compare-table");
  var figuresUrl = root.getAttribute("data-figures");
  var base = root.getAttribute("data-base");
  var titles = {};

  // The words of the table and messages, in the page's language: the
  // page's #compare-strings block (the theme's interface strings), with
  // English for a template without it. The figure files are the
  // language's too (their term names and figure texts). {count} is filled
  // in with the page's digit grouping.
  var WORDS = {
    compare_measure: "Measure",
    soc_code: "SOC code",
    clusters_singular: "Career cluster",
    education_singular: "Typical entry education",
    job_zones_singular: "Job zone",
    median_yearly_wage: "Median yearly wage",
    compare_wage_range: "Yearly wage range (10th to 90th percentile)",
    compare_growth: "Projected growth (% change)",
    openings_per_year: "Job openings per year",
    compare_none_listed: "none listed",
    not_published: "not published",
    derived_hidden: " (derived)",
    compare_remove: "Remove",
    compare_choose_more: "Choose at least two occupations to compare ({count} chosen).",
    compare_comparing: "Comparing {count} occupations.",
    compare_comparing_most: "Comparing {count} occupations, the most at once.",
    group_mark: ","
  };
  try {
    var given = JSON.parse(document.getElementById("compare-strings").textContent);
    Object.keys(given).forEach(function (k) { WORDS[k] = given[k]; });
  } catch (e) { /* No strings block: English. */ }
  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (all, name) {
      if (values[name] === undefined) return all;
      return String(values[name]).replace(/\B(?=(\d{3})+(?!\d))/g, WORDS.group_mark);
    });
  }
  // The language of a title that is not the page's (a profile not
  // translated yet), by id: the links and names carry it as `lang`.
  var langs = {};
  Array.prototype.forEach.call(select.options, function (option) {
    titles[option.value] = option.text;
    if (option.lang) langs[option.value] = option.lang;
  });
  function inLang(id, attrs) {
    if (langs[id]) attrs.lang = langs[id];
    return attrs;
  }
  // A large site's page has no options: they come from the explore index
  // when the reader first goes to the select, and until then an id from
  // the URL is known once its figures arrive.
  var choices = select.getAttribute("data-choices");
  function known(id) { return choices ? id !== "" : titles[id] !== undefined; }
  function fillChoices() {
    if (!choices) return;
    var url = choices;
    choices = null;
    fetch(url)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (index) {
        var options = document.createDocumentFragment();
        index.occupations.forEach(function (e) {
          var option = document.createElement("option");
          option.value = e[0];
          option.textContent = e[1];
          titles[e[0]] = e[1];
          if (e[12]) option.lang = langs[e[0]] = e[12];
          options.appendChild(option);
        });
        select.appendChild(options);
        fillList();
      })
      .catch(function () { choices = url; });
  }
  ["focus", "pointerdown", "keydown"].forEach(function (name) {
    select.addEventListener(name, fillChoices);
  });
  var byId = {};
  var chosen = [];

  // A profile's id as its address: every byte but A-Z a-z 0-9 - . _ ~ /
  // percent-encoded, as the build writes page URLs.
  function path(id) {
    return encodeURIComponent(id).replace(/%2F/g, "/").replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  // The figure file holding `id`: FNV-1a of the id's UTF-8 bytes modulo
  // the number of files, as the build chooses it.
  var fileCount = Number(root.getAttribute("data-figure-files")) || 1;
  function fileOf(id) {
    var bytes = new TextEncoder().encode(id);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % fileCount;
  }

  // The figures of `id`, from its file, each file fetched once.
  var files = {};
  var pending = {};
  function load(id) {
    if (!pending[id]) {
      var n = fileOf(id);
      files[n] = files[n] || fetch(figuresUrl + n + ".json").then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).catch(function (err) { delete files[n]; throw err; });
      pending[id] = files[n]
        .then(function (group) {
          var o = Object.prototype.hasOwnProperty.call(group, id) ? group[id] : null;
          if (!o) throw new Error("no figures for " + id);
          byId[id] = o;
          titles[id] = titles[id] || o.title;
          if (o.lang) langs[id] = o.lang;
        })
        .catch(function () { delete pending[id]; });
    }
    return pending[id];
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // A figure as the pages show it: its text, and a marker when derived.
  function figure(f) {
    if (!f) return el("td", { "class": "num status-none" }, [WORDS.compare_none_listed]);
    var cell = el("td", { "class": "num status-" + f.status }, [f.text]);
    if (f.derived) {
      cell.appendChild(el("span", { "class": "marker", "aria-hidden": "true" }, ["\u2020"]));
      cell.appendChild(el("span", { "class": "visually-hidden" }, [WORDS.derived_hidden]));
    }
    return cell;
  }

  function row(label, cells) {
    return el("tr", {}, [el("th", { scope: "row" }, [label])].concat(cells));
  }

  function term(t) { return el("td", {}, [t ? t.name : WORDS.compare_none_listed]); }

  // Every area of the chosen occupations, in order of first appearance.
  function areas(occupations) {
    var seen = [];
    occupations.forEach(function (o) {
      o.wages.concat(o.outlook).forEach(function (a) {
        if (seen.indexOf(a.area) < 0) seen.push(a.area);
      });
    });
    return seen;
  }

  function find(entries, area) {
    return entries.filter(function (a) { return a.area === area; })[0];
  }

  function fillTable(occupations) {
    var caption = table.caption;
    table.textContent = "";
    table.appendChild(caption);
    var head = [el("th", { scope: "col" }, [WORDS.compare_measure])].concat(occupations.map(function (o) {
      return el("th", { scope: "col" }, [el("a", inLang(o.id, { href: o.url }), [o.title])]);
    }));
    table.appendChild(el("thead", {}, [el("tr", {}, head)]));
    var each = function (f) { return occupations.map(f); };
    table.appendChild(el("tbody", {}, [
      row(WORDS.soc_code, each(function (o) { return el("td", {}, [o.soc]); })),
      row(WORDS.clusters_singular, each(function (o) { return term(o.cluster); })),
      row(WORDS.education_singular, each(function (o) { return term(o.education); })),
      row(WORDS.job_zones_singular, each(function (o) { return term(o.job_zone); })),
    ]));
    areas(occupations).forEach(function (area) {
      var wages = each(function (o) { return find(o.wages, area); });
      var outlook = each(function (o) { return find(o.outlook, area); });
      var pick = function (list, name) { return list.map(function (a) { return figure(a && a[name]); }); };
      table.appendChild(el("tbody", {}, [
        el("tr", {}, [el("th", { scope: "rowgroup", colspan: String(occupations.length + 1), "class": "area-name" }, [area])]),
        row(WORDS.median_yearly_wage, pick(wages, "median")),
        row(WORDS.compare_wage_range, wages.map(function (a) {
          if (!a) return figure(null);
          return el("td", { "class": "num" }, [a.range || WORDS.not_published]);
        })),
        row(WORDS.compare_growth, pick(outlook, "growth")),
        row(WORDS.openings_per_year, pick(outlook, "openings"))
      ]));
    });
    var derived = table.querySelector(".marker") !== null;
    document.getElementById("compare-derived").hidden = !derived;
  }

  function fillList() {
    list.textContent = "";
    chosen.forEach(function (id) {
      var name = el("span", inLang(id, { "class": "visually-hidden" }), [" " + (titles[id] || "")]);
      var button = el("button", { type: "button" }, [WORDS.compare_remove, name]);
      button.addEventListener("click", function () { remove(id); });
      list.appendChild(el("li", {}, [el("a", inLang(id, { href: base + path(id) + "/" }), [titles[id] || ""]), " ", button]));
    });
    Array.prototype.forEach.call(select.options, function (option) {
      var taken = chosen.indexOf(option.value) >= 0;
      if (option.disabled !== taken) option.disabled = taken;
    });
    addButton.disabled = chosen.length >= MAX;
  }

  // The language switcher leads to the same choices in the other
  // language: the query's ids, keys and numbers are the same in each.
  function carryQuery() {
    Array.prototype.forEach.call(document.querySelectorAll(".language-switcher a[hreflang]"), function (a) {
      a.setAttribute("href", a.pathname + location.search);
    });
  }

  // Shows the chosen occupations at once, and their figures when all
  // have arrived (unless the choice changed meanwhile).
  function show() {
    fillList();
    var ids = chosen.slice();
    var query = chosen.length ? "?o=" + chosen.map(encodeURIComponent).join(",") : "";
    history.replaceState(null, "", location.pathname + query);
    carryQuery();
    Promise.all(ids.map(load)).then(function () {
      if (ids.join(",") !== chosen.join(",")) return;
      // An id whose figures do not exist is dropped.
      chosen = chosen.filter(function (id) { return byId[id]; });
      if (chosen.length !== ids.length) { show(); return; }
      fillList();
      showFigures();
    });
  }

  function showFigures() {
    var occupations = chosen.map(function (id) { return byId[id]; });
    result.hidden = occupations.length < 2;
    if (occupations.length >= 2) fillTable(occupations);
    status.textContent = say(occupations.length < 2 ? "compare_choose_more"
      : chosen.length >= MAX ? "compare_comparing_most" : "compare_comparing", { count: occupations.length });
  }

  function remove(id) {
    chosen = chosen.filter(function (c) { return c !== id; });
    show();
    select.focus();
  }

  addButton.addEventListener("click", function () {
    var id = select.value;
    if (known(id) && chosen.indexOf(id) < 0 && chosen.length < MAX) chosen.push(id);
    show();
  });

  var wanted = (new URLSearchParams(location.search).get("o") || "").split(",");
  wanted.forEach(function (id) {
    if (known(id) && chosen.indexOf(id) < 0 && chosen.length < MAX) chosen.push(id);
  });
  // After the page has loaded: what the page shows first is painted
  // before any figures are fetched.
  if (document.readyState === "complete") show();
  else window.addEventListener("load", show);
})();
