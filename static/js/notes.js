/* Table notes on a bad connection: nothing typed is lost.
 *
 * Without this file the note form posts normally. With it, every note first goes into
 * localStorage, shows as "not sent yet", and is sent with fetch; a failed send is tried
 * again when the phone comes back online and every few seconds. The server stores a note
 * once per client_key, so a retry of a save that did arrive adds nothing. Notes that
 * are not sent yet survive a reload. The author label stays on the phone.
 */
(function () {
  "use strict";

  var STORE = "eventkit.notes.pending";
  var AUTHOR = "eventkit.notes.author";
  var RETRY_MS = 5000;
  var REFRESH_MS = 15000;

  function readStore() {
    try {
      var list = JSON.parse(window.localStorage.getItem(STORE) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function writeStore(list) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(list));
      return true;
    } catch (e) {
      return false;  // storage full or switched off: the note is still sent right away
    }
  }

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var key = "";
    for (var i = 0; i < bytes.length; i++) { key += alphabet.charAt(bytes[i] % 64); }
    return key;
  }

  function setUp(root) {
    var form = root.querySelector("form[data-entry-form]");
    var template = document.getElementById("pending-entry");
    var messages = root.querySelector("[data-messages]");
    var status = root.querySelector("[data-sync]");
    var url = root.getAttribute("data-entries");
    var meta = document.querySelector("meta[name=csrf-token]");
    var csrf = meta ? meta.getAttribute("content") : "";
    var sending = {};
    if (!form || !template || !url) { return; }

    var author = form.elements.author;
    if (author) {
      var known = window.localStorage ? window.localStorage.getItem(AUTHOR) : null;
      if (known && !author.value) { author.value = known; }
      author.addEventListener("change", function () {
        try { window.localStorage.setItem(AUTHOR, author.value.trim()); } catch (e) { /* no storage */ }
      });
    }

    function mine() {
      return readStore().filter(function (entry) { return entry.url === url; });
    }

    function say(key) {
      if (status) { status.textContent = key ? messages.getAttribute("data-" + key) : ""; }
    }

    function render() {
      root.querySelectorAll("[data-pending]").forEach(function (list) { list.textContent = ""; });
      mine().forEach(function (entry) {
        var list = root.querySelector('[data-pending="' + entry.kind + '"]');
        if (!list) { return; }
        var item = template.content.firstElementChild.cloneNode(true);
        item.setAttribute("data-key", entry.key);
        item.querySelector(".note-text").textContent = entry.text;
        item.querySelector(".note-by").textContent = entry.author ? " · " + entry.author : "";
        if (entry.problem) {
          var problem = item.querySelector(".note-problem");
          problem.textContent = entry.problem;
          problem.hidden = false;
          item.querySelector("[data-remove]").hidden = false;
        }
        list.appendChild(item);
      });
    }

    function update(key, change) {
      var list = readStore();
      list = change ? list.map(function (e) { return e.key === key ? change(e) : e; })
                    : list.filter(function (e) { return e.key !== key; });
      writeStore(list);
      render();
    }

    function showSaved(body) {
      if (body && body.csrf_token) { csrf = body.csrf_token; }
      if (!body || !body.lists) { return; }
      Object.keys(body.lists).forEach(function (kind) {
        var list = root.querySelector('[data-saved="' + kind + '"]');
        if (list) { list.innerHTML = body.lists[kind]; }  // rendered and escaped by the server
      });
    }

    function refresh() {
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(showSaved)
        .catch(function () { /* offline: the next round tries again */ });
    }

    function send(entry) {
      if (sending[entry.key] || entry.problem) { return Promise.resolve(); }
      sending[entry.key] = true;
      var body = JSON.stringify({
        kind: entry.kind, text: entry.text, author: entry.author, client_key: entry.key
      });
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
        body: body
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (response.ok) {
            update(entry.key, null);
            showSaved(answer);
            say(mine().length ? "waiting" : "sent");
          } else if (answer.error === "csrf") {
            return refresh();  // the page was open long: a fresh token, then the next round
          } else if (response.status === 404) {
            update(entry.key, function (e) { e.problem = messages.getAttribute("data-gone"); return e; });
          } else if (response.status < 500 && answer.errors) {
            var text = Object.keys(answer.errors).map(function (k) { return answer.errors[k].join(" "); });
            update(entry.key, function (e) {
              e.problem = messages.getAttribute("data-refused") + " " + text.join(" ");
              return e;
            });
          } else {
            say("waiting");
          }
        });
      }).catch(function () {
        say("waiting");
      }).then(function () {
        delete sending[entry.key];
      });
    }

    function sendAll() {
      mine().forEach(send);
    }

    form.addEventListener("submit", function (event) {
      var fields = form.querySelectorAll("textarea");
      var who = author ? author.value.trim() : "";
      var added = [];
      fields.forEach(function (field) {
        var text = field.value.trim();
        if (!text) { return; }
        added.push({ key: newKey(), kind: field.name, text: text, author: who, url: url });
      });
      if (!added.length) { return; }  // the server answers with "write something first"
      var list = readStore().concat(added);
      if (!writeStore(list)) { return; }  // no storage: let the form post the normal way
      event.preventDefault();
      fields.forEach(function (field) { field.value = ""; });
      render();
      say("");
      added.forEach(send);
    });

    root.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-remove]");
      if (!button) { return; }
      var item = button.closest("[data-key]");
      if (item) { update(item.getAttribute("data-key"), null); }
    });

    window.addEventListener("online", sendAll);
    window.addEventListener("storage", render);  // another tab of the same page
    window.setInterval(sendAll, RETRY_MS);
    window.setInterval(function () { if (navigator.onLine !== false) { refresh(); } }, REFRESH_MS);
    render();
    if (mine().length) { say("waiting"); }
    sendAll();
  }

  // The presentation points: what is typed stays on the phone until the server has it.
  // A draft that differs from the saved text comes back into the box after a reload, with
  // the version it was based on, so a save after someone else's is refused by the server
  // (which then shows both texts) instead of overwriting it.
  function keepDraft(root) {
    var form = root.querySelector("form[data-presentation]");
    if (!form) { return; }
    var box = form.elements.presentation;
    var version = form.elements.version;
    var notice = form.querySelector("[data-draft-notice]");
    var key = "eventkit.notes.draft:" + root.getAttribute("data-entries");
    var draft = null;
    try { draft = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { draft = null; }
    if (draft && typeof draft.text === "string" && draft.text.trim() !== box.value.trim()) {
      box.value = draft.text;
      version.value = draft.version;
      if (notice) { notice.hidden = false; }
    } else {
      try { window.localStorage.removeItem(key); } catch (e) { /* no storage */ }
    }
    box.addEventListener("input", function () {
      var value = JSON.stringify({ text: box.value, version: version.value });
      try { window.localStorage.setItem(key, value); } catch (e) { /* no storage */ }
    });
    form.addEventListener("submit", function (event) {
      if (navigator.onLine === false) {
        event.preventDefault();  // the text stays in the box (and on the phone)
        var offline = form.querySelector("[data-offline-notice]");
        if (offline) { offline.hidden = false; }
      }
    });
  }

  // A public note page registers the service worker that keeps a copy of it, so it still
  // opens (with the notes not sent yet) when the phone reloads it without a network.
  function keepOffline(root) {
    var worker = root.getAttribute("data-worker");
    if (!worker || !("serviceWorker" in navigator)) { return; }
    var scope = root.getAttribute("data-worker-scope");
    navigator.serviceWorker.register(worker, { scope: scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var files = [window.location.href];
      document.querySelectorAll("link[rel=stylesheet], script[src], link[rel=icon]").forEach(function (el) {
        files.push(el.href || el.src);
      });
      if (registration.active) { registration.active.postMessage({ keep: files }); }
    }).catch(function () { /* no worker (plain http on a LAN): the page still works online */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-notes]").forEach(function (root) {
      setUp(root);
      keepDraft(root);
      keepOffline(root);
    });
  });
})();
