// The door and the board: keep the headcount and the per-table counts up to date without
// reloading (a short poll; the page works without it).
(function () {
  "use strict";
  var status = document.querySelector("[data-counts-url]");
  if (!status || !window.fetch) return;
  var url = status.getAttribute("data-counts-url");

  function set(selector, value, root) {
    var el = (root || document).querySelector(selector);
    if (el && el.textContent !== String(value)) el.textContent = String(value);
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        set('[data-count="present"]', data.present);
        set('[data-count="expected"]', data.expected);
        data.tables.forEach(function (t) {
          var row = document.querySelector('[data-table-number="' + t.number + '"]');
          if (!row) return;
          set("[data-table-present]", t.present, row);
          set("[data-table-seated]", t.seated, row);
        });
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  window.setInterval(refresh, 10000);
  document.addEventListener("visibilitychange", refresh);
})();
