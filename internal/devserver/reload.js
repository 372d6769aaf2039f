// handbook serve: reload this page when the site is rebuilt, keeping the
// scroll position, and show build errors over the last good page.
(function () {
  "use strict";
  var state = history.state;
  if (state && typeof state.hbScroll === "number") {
    window.scrollTo(0, state.hbScroll);
  }
  var gen = null;
  var overlay = null;
  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }
  function show(errors) {
    hide();
    if (!document.querySelector("link[data-hb-overlay]")) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = "/_handbook/overlay.css";
      link.setAttribute("data-hb-overlay", "");
      document.head.appendChild(link);
    }
    overlay = document.createElement("div");
    overlay.className = "hb-overlay";
    overlay.setAttribute("role", "alert");
    var h = document.createElement("h2");
    h.textContent = errors.length === 1 ? "The site has an error" : "The site has " + errors.length + " errors";
    overlay.appendChild(h);
    var p = document.createElement("p");
    p.textContent = "You are seeing the last good version underneath. Fix the file and save: this goes away.";
    overlay.appendChild(p);
    var ul = document.createElement("ul");
    errors.forEach(function (e) {
      var li = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = e.pos;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + e.message));
      ul.appendChild(li);
    });
    overlay.appendChild(ul);
    document.body.appendChild(overlay);
  }
  // The page the server shows while no build has succeeded lists the
  // errors itself: reload it for each new build instead of covering it.
  var failedPage = document.body !== null && document.body.classList.contains("hb-failed");
  var es = new EventSource("/_handbook/events");
  es.onmessage = function (ev) {
    var m = JSON.parse(ev.data);
    if (m.errors.length > 0) {
      if (failedPage) {
        if (gen !== null && m.gen !== gen) {
          location.reload();
        }
      } else {
        show(m.errors);
      }
      gen = m.gen;
      return;
    }
    hide();
    if (gen !== null && m.gen !== gen) {
      var s = Object.assign({}, history.state || {}, { hbScroll: window.scrollY });
      history.replaceState(s, "");
      location.reload();
    }
    gen = m.gen;
  };
})();
