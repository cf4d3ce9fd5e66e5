// Team leader's pages: the new-class form's live clash preview (it asks
// the server as fields change, and shows the answer in the preview box),
// the open-ended checkbox that sets the last date aside, and the
// cancellation of one date, which the server otherwise confirms on a page
// of its own. Without this script the form's "check" button does the same.
(function () {
  "use strict";
  // A cancel the reader confirmed (data-confirm, in 00-base.js) tells the
  // server so; this listener is added after that one, so it sees its verdict.
  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (ev.defaultPrevented || !f.hasAttribute || !f.hasAttribute("data-lead-confirm")) return;
    var c = f.querySelector('input[name="confirm"]');
    if (c) c.value = "yes";
  });

  window.mingzhu.on(function () {
    var form = document.querySelector("form[data-lead-preview]");
    if (form && window.fetch && window.FormData && window.URLSearchParams) livePreview(form);
  });

  function livePreview(form) {
    var box = form.querySelector("[data-lead-preview-box]");
    var open = form.querySelector("[data-lead-open]");
    var last = form.querySelector("#f-last");
    var timer = 0, seq = 0, ctl = null;

    function syncOpen() { if (open && last) last.disabled = open.checked; }

    function ask() {
      var n = ++seq;
      if (ctl) ctl.abort();
      ctl = window.AbortController ? new AbortController() : null;
      var body = new URLSearchParams(new FormData(form));
      body.delete("action");
      fetch(form.getAttribute("data-lead-preview"), {
        method: "POST", body: body, credentials: "same-origin", signal: ctl ? ctl.signal : undefined
      }).then(function (res) {
        // A refusal of the fields is a preview too (422); an expired
        // session or an error page is not, and leaves the box alone.
        var html = /^text\/html/.test(res.headers.get("Content-Type") || "");
        if (res.redirected || !html || !(res.ok || res.status === 422)) throw new Error("no preview");
        return res.text();
      }).then(function (html) {
        if (n === seq) box.innerHTML = html;
      }).catch(function () {});
    }

    function later() { clearTimeout(timer); timer = setTimeout(ask, 400); }

    form.addEventListener("input", later);
    form.addEventListener("change", function (ev) {
      if (ev.target === open) syncOpen();
      later();
    });
    syncOpen();
    ask();
  }
})();
