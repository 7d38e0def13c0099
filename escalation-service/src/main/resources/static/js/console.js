// Backstop console: countdowns and relative times tick every second, also in fragments htmx swaps
// in; a poll answered by the login page (the session ended) reloads into the login page.
(function () {
  "use strict";

  function pad(n) { return n < 10 ? "0" + n : "" + n; }

  function left(ms) {
    if (ms <= 0) { return "lapsed"; }
    var s = Math.floor(ms / 1000);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ":" + pad(m) : m) + ":" + pad(s % 60);
  }

  function ago(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) { return s + "s ago"; }
    if (s < 3600) { return Math.floor(s / 60) + "m ago"; }
    if (s < 86400) { return Math.floor(s / 3600) + "h " + Math.floor((s % 3600) / 60) + "m ago"; }
    return Math.floor(s / 86400) + "d ago";
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("time.countdown[data-expires]").forEach(function (el) {
      var ms = Date.parse(el.getAttribute("data-expires")) - now;
      el.textContent = left(ms);
      el.classList.toggle("low", ms < 60000);
    });
    document.querySelectorAll("time.ago[datetime]").forEach(function (el) {
      var at = Date.parse(el.getAttribute("datetime"));
      if (!isNaN(at)) {
        el.title = el.getAttribute("datetime");
        el.textContent = ago(now - at);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSwap", tick);
  document.addEventListener("htmx:beforeSwap", function (e) {
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && url.indexOf("/login") >= 0) {
      e.detail.shouldSwap = false;
      window.location.reload();
    }
  });
  setInterval(tick, 1000);
})();
