/* The live run-sheet: counts the minutes down and fetches the changing part of the page
   again every 15 seconds. Without this file the page works as is, with its refresh link. */
(function () {
  "use strict";

  var POLL_MS = 15000;
  var TICK_MS = 1000;

  function start() {
    var box = document.getElementById("live");
    if (!box || !box.dataset.refresh || !window.fetch) { return; }
    var loadedAt = Date.now();
    var offline = document.querySelectorAll(".live-offline");

    function showOffline(on) {
      Array.prototype.forEach.call(offline, function (el) { el.hidden = !on; });
    }

    // Every form on the page carries the state it was shown with; follow the refreshed one,
    // since the person now sees (and acts on) the new times.
    function syncState() {
      var now = box.querySelector("[data-state]");
      if (!now) { return; }
      Array.prototype.forEach.call(document.querySelectorAll("input[name$='-state']"), function (input) {
        input.value = now.dataset.state;
      });
    }

    var busy = false;
    function refresh() {
      if (busy) { return; }
      busy = true;
      fetch(box.dataset.refresh, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          // A login page (the session ran out) is not a fragment: keep what is shown.
          if (!response.ok || response.headers.get("X-Live-Fragment") !== "1") {
            throw new Error("no fragment");
          }
          return response.text();
        })
        .then(function (html) {
          box.innerHTML = html;
          loadedAt = Date.now();
          syncState();
          showOffline(false);
        })
        .catch(function () { showOffline(true); })
        .then(function () { busy = false; });
    }

    // Minutes left, rounded up, from the seconds the server gave when the part was loaded.
    var lastZero = 0;
    function tick() {
      var gone = (Date.now() - loadedAt) / 1000;
      var reachedZero = false;
      Array.prototype.forEach.call(box.querySelectorAll(".live-count[data-seconds]"), function (el) {
        var left = Math.max(Number(el.dataset.seconds) - gone, 0);
        el.textContent = String(Math.ceil(left / 60));
        if (left <= 0) { reachedZero = true; }
      });
      // A block just ended: fetch the next one at once (at most every 5 seconds).
      if (reachedZero && Date.now() - lastZero > 5000) {
        lastZero = Date.now();
        refresh();
      }
    }

    window.setInterval(refresh, POLL_MS);
    window.setInterval(tick, TICK_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) { refresh(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
