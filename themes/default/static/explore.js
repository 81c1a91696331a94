// Explore: searches, filters and sorts the table of every profile with the
// build's JSON index, and keeps the choices in the URL query so a result can
// be shared (?q=health&cluster=health-science&sort=wage). Without this
// script the page shows the complete table, sorted by title.
(function () {
  "use strict";
  var form = document.getElementById("explore-controls");
  var table = document.getElementById("explore-table");
  var status = document.getElementById("explore-status");
  if (!form || !table || !status || !window.fetch || !window.URLSearchParams) return;
  var FIELDS = ["q", "cluster", "education", "zone", "holland", "min_wage", "min_growth", "sort"];
  var body = table.tBodies[0];
  var rows = {};
  Array.prototype.forEach.call(body.rows, function (tr) { rows[tr.getAttribute("data-id")] = tr; });
  var occupations = [];

  function value(figure) {
    return figure && typeof figure.value === "number" ? figure.value : null;
  }
  var SORT_KEYS = {
    wage: function (o) { return value(o.median_yearly); },
    growth: function (o) { return value(o.growth); },
    openings: function (o) { return value(o.openings); }
  };

  function read() {
    var s = {};
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      s[name] = field ? field.value.trim() : "";
    });
    return s;
  }

  function atLeast(figure, limit) {
    if (limit === "" || isNaN(Number(limit))) return true;
    var v = value(figure);
    return v !== null && v >= Number(limit);
  }

  function keyIs(term, key) { return !key || (term && term.key === key); }

  function matches(o, s) {
    var q = s.q.toLowerCase();
    return (!q || o.text.indexOf(q) >= 0) &&
      keyIs(o.cluster, s.cluster) && keyIs(o.education, s.education) &&
      keyIs(o.job_zone, s.zone) &&
      (!s.holland || o.holland.some(function (h) { return h.key === s.holland; })) &&
      atLeast(o.median_yearly, s.min_wage) && atLeast(o.growth, s.min_growth);
  }

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

  function showSort(sort) {
    Array.prototype.forEach.call(table.querySelectorAll("th[data-sort]"), function (th) {
      var name = th.getAttribute("data-sort");
      if (name === (SORT_KEYS[sort] ? sort : "title")) {
        th.setAttribute("aria-sort", name === "title" ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  function saveToUrl(s) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      if (s[name] && !(name === "sort" && s[name] === "title")) params.set(name, s[name]);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function apply() {
    var s = read();
    var shown = sorted(occupations.filter(function (o) { return matches(o, s); }), s.sort);
    Object.keys(rows).forEach(function (id) { rows[id].hidden = true; });
    shown.forEach(function (o) {
      var tr = rows[o.id];
      if (tr) { tr.hidden = false; body.appendChild(tr); }
    });
    showSort(s.sort);
    status.textContent = shown.length === occupations.length
      ? "Showing all " + shown.length + " career profiles."
      : "Showing " + shown.length + " of " + occupations.length + " career profiles.";
    saveToUrl(s);
  }

  // Sets the controls from the URL; values no control offers are dropped.
  function load() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (!field || !params.has(name)) return;
      field.value = params.get(name);
      if (field.tagName === "SELECT" && field.selectedIndex < 0) field.selectedIndex = 0;
    });
  }

  fetch(form.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (index) {
      occupations = index.occupations.map(function (o) {
        o.text = [o.title, o.soc].concat(o.also_called).join(" ").toLowerCase();
        return o;
      });
      form.hidden = false;
      load();
      apply();
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
      form.addEventListener("reset", function () { setTimeout(apply, 0); });
    })
    .catch(function () { /* Keep the complete table. */ });
})();
