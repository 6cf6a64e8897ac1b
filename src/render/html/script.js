(function () {
  "use strict";
  var root = document.documentElement;
  var theme = document.getElementById("theme");
  if (theme) {
    theme.addEventListener("click", function () {
      var dark = root.getAttribute("data-theme") === "dark" ||
        (!root.getAttribute("data-theme") && window.matchMedia("(prefers-color-scheme: dark)").matches);
      root.setAttribute("data-theme", dark ? "light" : "dark");
    });
  }
  var dialog = document.getElementById("context");
  var body = document.getElementById("context-body");
  var title = document.getElementById("context-title");
  var opener = null;
  function show(cell) {
    var ids = (cell.getAttribute("data-sents") || "").split(" ");
    var paragraphs = [];
    body.textContent = "";
    ids.forEach(function (id) {
      var span = document.getElementById("src-" + id);
      if (!span) { return; }
      var p = span.parentNode;
      if (paragraphs.indexOf(p) < 0) { paragraphs.push(p); }
    });
    if (!paragraphs.length) { return; }
    paragraphs.forEach(function (p) {
      var copy = p.cloneNode(true);
      copy.removeAttribute("id");
      Array.prototype.forEach.call(copy.querySelectorAll("span"), function (s) {
        if (ids.indexOf(s.id.slice(4)) >= 0) { s.className = "hit"; }
        s.removeAttribute("id");
      });
      body.appendChild(copy);
    });
    title.textContent = (cell.getAttribute("data-label") || "") + " \u00b7 " +
      paragraphs.map(function (p) { return p.id.slice(4); }).join(", ");
    opener = cell;
    if (typeof dialog.showModal === "function") { dialog.showModal(); } else { dialog.setAttribute("open", ""); }
    var hit = body.querySelector(".hit");
    if (hit) { hit.scrollIntoView({ block: "nearest" }); }
  }
  function close() {
    if (typeof dialog.close === "function") { dialog.close(); } else { dialog.removeAttribute("open"); }
  }
  dialog.addEventListener("close", function () { if (opener) { opener.focus(); opener = null; } });
  document.getElementById("context-close").addEventListener("click", close);
  dialog.addEventListener("click", function (e) { if (e.target === dialog) { close(); } });
  document.addEventListener("click", function (e) {
    var cell = e.target.closest ? e.target.closest("[data-sents]") : null;
    if (cell && !dialog.contains(cell)) { show(cell); }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if ((e.key === "Enter" || e.key === " ") && t && t.hasAttribute && t.hasAttribute("data-sents")) {
      e.preventDefault();
      show(t);
    }
  });
}());
