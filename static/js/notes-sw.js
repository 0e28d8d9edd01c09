/* The note pages' service worker: a note page opened once still opens without a network.
 *
 * Network first: every note page and the files it uses are fetched as usual, and a copy
 * is kept; only when the network fails is the copy shown. So a phone that lost the
 * connection can reload its table's page and still sees the notes not sent yet (they are
 * in localStorage; notes.js sends them when the connection is back). The JSON endpoints
 * are never answered from the copy. A link that stopped working (404) loses its copy.
 */
"use strict";

var CACHE = "eventkit-notes-v1";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

function keep(request, response) {
  if (response.ok && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  } else if (response.status === 404) {
    caches.open(CACHE).then(function (cache) { cache.delete(request); });
  }
  return response;
}

// The page that registered this worker was loaded before it: it sends its own address
// and its files so that they are kept as well.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  event.waitUntil(Promise.all(urls.map(function (url) {
    var request = new Request(url, { credentials: "same-origin" });
    return fetch(request).then(function (response) { return keep(request, response); })
      .catch(function () { return null; });
  })));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (/\/entries$/.test(url.pathname)) { return; }
  event.respondWith(fetch(request).then(function (response) {
    return keep(request, response);
  }).catch(function () {
    return caches.match(request).then(function (found) { return found || Response.error(); });
  }));
});
