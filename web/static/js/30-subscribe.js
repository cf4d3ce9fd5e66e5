// Subscribe pages and the door poster: a copy button for the calendar
// address (without script the read-only field is there to select) and a
// print button for the poster (without script, the browser's own print).
(function () {
  "use strict";
  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-subscribe-copy"));
    var status = document.querySelector('[data-subscribe-status="' + field.id + '"]');
    var say = function (ok) {
      if (status) status.textContent = button.getAttribute(ok ? "data-subscribe-done" : "data-subscribe-fail");
    };
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { say(true); }, function () { say(legacyCopy()); });
    } else {
      say(legacyCopy());
    }
  }
  function legacyCopy() {
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }
  window.mingzhu.on(function () {
    document.querySelectorAll("[data-subscribe-copy]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { copy(b); });
    });
    document.querySelectorAll("[data-poster-print]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll('.subscribe-copy input[readonly]').forEach(function (f) {
      f.addEventListener("focus", function () { f.select(); });
    });
  });
})();
