// Mingzhu Rooms: progressive enhancement only. Every page works without
// this script; each area adds a file here, served joined as /static/app.js.
// A module looks for its own data- attributes and does nothing elsewhere.
"use strict";
window.mingzhu = window.mingzhu || {
  // on runs fn once the document is parsed.
  on: function (fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  },
  // confirmSubmit asks before a form marked data-confirm is sent.
  init: function () {
    document.addEventListener("submit", function (ev) {
      var msg = ev.target.getAttribute && ev.target.getAttribute("data-confirm");
      if (msg && !window.confirm(msg)) ev.preventDefault();
    });
  }
};
window.mingzhu.init();
