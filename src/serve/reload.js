// Live reload for `careers serve` (never part of a built site).
// Listens for the server's events: "reload" after a good rebuild, "errors"
// with the problems of a failed one, shown over the page until fixed.
(function () {
  "use strict";
  var OVERLAY_ID = "careers-error-overlay";

  function showErrors(problems) {
    var overlay = document.getElementById(OVERLAY_ID);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = OVERLAY_ID;
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 ui-monospace,monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = "The site did not build: " + problems.length +
      (problems.length === 1 ? " error" : " errors") + ". Showing the last good version underneath.";
    heading.style.cssText = "font-size:1.2rem;margin:0 0 1rem;color:#ffb4a9";
    overlay.appendChild(heading);
    var list = document.createElement("ul");
    list.style.cssText = "list-style:none;padding:0;margin:0";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.style.cssText = "margin:0 0 1rem;white-space:pre-wrap";
      item.className = "careers-error";
      item.textContent = p.location + ": " + p.message + (p.source ? "\n    " + p.source : "") +
        (p.hint ? "\n    help: " + p.hint : "");
      list.appendChild(item);
    });
    overlay.appendChild(list);
  }

  function connect() {
    var events = new EventSource("/__careers/events");
    // The data is "*" (everything changed) or the URL paths that changed.
    events.addEventListener("reload", function (e) {
      var here = window.location.pathname.replace(/index\.html$/, "");
      var changed = e.data === "*" || e.data === "reload" || JSON.parse(e.data).indexOf(here) !== -1;
      if (changed || document.getElementById(OVERLAY_ID)) { window.location.reload(); }
    });
    events.addEventListener("errors", function (e) {
      try { showErrors(JSON.parse(e.data)); } catch (err) { /* ignore malformed */ }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connect);
  } else {
    connect();
  }
})();
