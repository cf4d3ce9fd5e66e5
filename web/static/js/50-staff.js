// Staff pages: a form marked data-staff-confirm has been asked about by
// the browser already (data-confirm, in 00-base.js); say so to the
// server, which otherwise asks on a page of its own (the answer without
// this script).
(function () {
  "use strict";
  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (ev.defaultPrevented || !f.hasAttribute || !f.hasAttribute("data-staff-confirm")) return;
    var c = f.querySelector('input[name="confirm"]');
    if (c) c.value = "yes";
  });
})();
