// Opened from files (the offline copy), a page may neither fetch nor start a worker: the search index is read
// as scripts, and Material's search worker (tim-kiem.js) runs in the page, behind an object that answers as a
// worker does.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  // Each index file is a script that hands its data to kbSearchData(path, data) (hooks/kb/search.py).
  var waiting = {};
  window.kbSearchData = function (path, data) {
    (waiting[path] || []).splice(0).forEach(function (done) { done(data); });
  };
  window.kbLoad = function (folder, path) {
    return new Promise(function (resolve) {
      (waiting[path] = waiting[path] || []).push(resolve);
      var script = document.createElement("script");
      script.onerror = function () { resolve(null); };
      script.src = new URL(path.replace(/\.json$/, ".js"), folder).href;
      document.head.appendChild(script);
    });
  };
  window.Worker = function (url) {
    var listeners = [], inbox = [], started = false;
    var scope = { handlers: [], location: { href: new URL(url, location.href).href } };
    scope.addEventListener = function (type, handler) { if (type === "message") scope.handlers.push(handler); };
    scope.postMessage = function (data) {
      setTimeout(function () { listeners.forEach(function (handler) { handler({ data: data }); }); });
    };
    function deliver(data) { scope.handlers.forEach(function (handler) { handler({ data: data }); }); }
    window.kbWorkerScope = scope;
    var script = document.createElement("script");
    script.onload = function () { started = true; inbox.splice(0).forEach(deliver); };
    script.src = url;
    document.head.appendChild(script);
    this.addEventListener = function (type, handler) { if (type === "message") listeners.push(handler); };
    this.removeEventListener = function (type, handler) {
      listeners = listeners.filter(function (l) { return l !== handler; });
    };
    this.postMessage = function (data) { setTimeout(function () { if (started) deliver(data); else inbox.push(data); }); };
    this.terminate = function () {};
  };
})();
