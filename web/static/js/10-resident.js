// Resident pages: a room's week changes day on a phone without reloading
// (buttons, or a swipe across the grid), and the booking form checks the
// chosen time while it is picked. Without this script the day buttons are
// links (?day=) and the form is checked when it is sent.
(function () {
  "use strict";
  window.mingzhu.on(function () {
    var grid = document.querySelector("[data-week]");
    if (grid) weekDays(grid);
    var form = document.querySelector("form[data-check]");
    if (form) liveCheck(form);
  });

  function weekDays(grid) {
    var links = document.querySelectorAll(".day-nav a[data-day]");
    if (!links.length) return;
    var current = 0;
    links.forEach(function (a, i) { if (a.hasAttribute("aria-current")) current = i; });
    function show(i) {
      if (i < 0 || i > 6) return;
      current = i;
      grid.querySelectorAll(".day").forEach(function (cell) {
        cell.classList.toggle("sel", cell.classList.contains("d" + i));
      });
      links.forEach(function (a, j) {
        if (j === i) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
      if (window.history && history.replaceState) history.replaceState(null, "", links[i].getAttribute("href").split("#")[0]);
      var date = document.getElementById("f-date");
      var key = links[i].getAttribute("href").match(/day=([0-9-]+)/);
      if (date && key && !date.dataset.touched) date.value = key[1];
    }
    links.forEach(function (a, i) {
      a.addEventListener("click", function (ev) { ev.preventDefault(); show(i); });
    });
    var x0 = null, y0 = null;
    grid.addEventListener("touchstart", function (ev) {
      x0 = ev.touches[0].clientX; y0 = ev.touches[0].clientY;
    }, { passive: true });
    grid.addEventListener("touchend", function (ev) {
      if (x0 === null) return;
      var dx = ev.changedTouches[0].clientX - x0, dy = ev.changedTouches[0].clientY - y0;
      x0 = null;
      if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
    });
  }

  function liveCheck(form) {
    var out = document.getElementById("book-check");
    var names = ["date", "start", "end", "attendees"];
    var timer = null, seq = 0;
    function clear() {
      form.querySelectorAll("[data-live]").forEach(function (p) {
        var input = document.getElementById(p.id.replace(/-error$/, ""));
        if (input) {
          input.removeAttribute("aria-invalid");
          var rest = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== p.id; });
          if (rest.length) input.setAttribute("aria-describedby", rest.join(" ")); else input.removeAttribute("aria-describedby");
        }
        p.remove();
      });
      out.textContent = "";
    }
    function place(field, message) {
      var input = document.getElementById("f-" + field);
      if (!input) { out.textContent = message; return; }
      var old = document.getElementById("f-" + field + "-error");
      if (old) old.remove();
      var p = document.createElement("p");
      p.id = "f-" + field + "-error";
      p.className = "field-error";
      p.setAttribute("role", "alert");
      p.setAttribute("data-live", "");
      p.textContent = message;
      input.insertAdjacentElement("afterend", p);
      input.setAttribute("aria-invalid", "true");
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (ids.indexOf(p.id) < 0) ids.unshift(p.id);
      input.setAttribute("aria-describedby", ids.join(" "));
    }
    // A refusal that names no field (a no-show suspension: no time would
    // do) is said for the whole form, where the refusal after sending
    // stands, rather than under the start time as if that were wrong.
    function placeForm(message) {
      var p = document.createElement("p");
      p.className = "form-error";
      p.setAttribute("role", "alert");
      p.setAttribute("data-live", "");
      p.textContent = message;
      form.insertAdjacentElement("afterbegin", p);
    }
    function check() {
      var q = new URLSearchParams();
      names.forEach(function (n) { var el = form.elements[n]; if (el) q.set(n, el.value); });
      if (!q.get("date") || !q.get("start") || !q.get("end")) return;
      var mine = ++seq;
      fetch(form.getAttribute("data-check") + "?" + q.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (ans) {
          if (!ans || mine !== seq) return;
          form.querySelectorAll(".field-error, .form-error").forEach(function (p) { p.setAttribute("data-live", ""); });
          clear();
          out.classList.toggle("bad", !ans.ok);
          if (ans.ok) out.textContent = ans.message;
          else if (ans.field) place(ans.field, ans.message);
          else placeForm(ans.message);
        })
        .catch(function () { /* the form is checked again when sent */ });
    }
    names.forEach(function (n) {
      var el = form.elements[n];
      if (!el) return;
      el.addEventListener("change", function () {
        if (n === "date") el.dataset.touched = "1";
        clearTimeout(timer); timer = setTimeout(check, 150);
      });
    });
  }
})();
