// The fixture pages' own first script (served at /observe.js; the rig appends the listen() call). It records
// what a site could observe, identically with and without the extension:
// - CustomEvents dispatched on window/document through the page's dispatchEvent (wrapped here, first);
// - events of the given names heard on window/document (names a page could read in the extension's package);
// - when each response field first held a value (polled), and DOMContentLoaded.
(function () {
  var now = function () {
    return performance.timeOrigin + performance.now();
  };
  var obs = { dcl: 0, events: [], heard: [], filled: {}, marks: {} };
  window.__obs = obs;
  obs.mark = function (name) {
    obs.marks[name] = now();
  };
  document.addEventListener('DOMContentLoaded', function () {
    obs.dcl = now();
  });

  var where = function (t) {
    return t === window ? 'window' : t === document ? 'document' : 'other';
  };
  var dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (ev) {
    if ((this === window || this === document) && ev instanceof CustomEvent) {
      obs.events.push('dispatched ' + ev.type + ' on ' + where(this));
    }
    return dispatch.apply(this, arguments);
  };
  obs.listen = function (names) {
    names.forEach(function (name) {
      var heard = function (ev) {
        obs.events.push('heard ' + ev.type + ' on ' + where(ev.target));
        // For diagnostics only (not compared): what the event carried.
        var d = ev.detail;
        obs.heard.push(ev.type + ' ' + String(typeof d === 'string' ? d : JSON.stringify(d)).slice(0, 400));
      };
      window.addEventListener(name, heard, true);
    });
  };

  var scan = function (root) {
    var list = root.querySelectorAll('textarea, input');
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      var name = el.getAttribute('name') || '';
      if (!/response/i.test(name) && !/response/i.test(el.id)) continue;
      var key = name + '#' + el.id;
      if (el.value && !obs.filled[key]) obs.filled[key] = { at: now(), value: el.value };
    }
    var all = root.querySelectorAll('*');
    for (var j = 0; j < all.length; j++) if (all[j].shadowRoot) scan(all[j].shadowRoot);
  };
  var started = now();
  var timer = setInterval(function () {
    scan(document);
    if (now() - started > 60000) clearInterval(timer);
  }, 10);
})();
