"use strict";
(function () {
  var data = JSON.parse(document.getElementById("sl-data").textContent);
  var viewer = document.getElementById("viewer");
  var active = null;

  // The paragraph of report n that holds character `start`: each <p data-start> of the
  // report's text gives its offset in the cleaned text the citations point into.
  function paragraph(n, start) {
    var found = null;
    var paragraphs = document.querySelectorAll("#art-" + n + " .text p[data-start]");
    Array.prototype.forEach.call(paragraphs, function (p) {
      if (Number(p.getAttribute("data-start")) <= start) found = p;
    });
    return found;
  }

  function show(link) {
    var cite = data.cites[Number(link.getAttribute("data-cite"))];
    if (!cite) return;
    var article = data.articles[cite[0]], start = cite[1], end = cite[2];
    var p = paragraph(article.n, start);
    if (!p) return;
    var text = p.textContent, from = Number(p.getAttribute("data-start"));
    var quote = document.getElementById("viewer-text");
    quote.textContent = "";
    var mark = document.createElement("mark");
    mark.textContent = text.slice(start - from, end - from);
    quote.append(text.slice(0, start - from), mark, text.slice(end - from));
    document.getElementById("viewer-title").textContent = "[" + article.n + "] " + article.title;
    document.getElementById("viewer-details").textContent = article.details;
    document.getElementById("viewer-span").textContent = "characters " + start + "–" + end;
    document.getElementById("viewer-open").setAttribute("href", "#art-" + article.n);
    if (active) active.classList.remove("active");
    active = link;
    link.classList.add("active");
    viewer.hidden = false;
  }

  function hide() {
    viewer.hidden = true;
    if (active) { active.classList.remove("active"); active.focus(); active = null; }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.cite") : null;
    if (link) { event.preventDefault(); show(link); return; }
    if (event.target.id === "viewer-close") hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !viewer.hidden) hide();
  });
  document.getElementById("viewer-open").addEventListener("click", function () {
    var target = document.querySelector(this.getAttribute("href") + " details");
    if (target) target.open = true;
  });

  var table = document.getElementById("events-table");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var typeBox = document.getElementById("event-type");
  var findBox = document.getElementById("event-find");
  var count = document.getElementById("event-count");

  function filter() {
    var type = typeBox.value, words = findBox.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var ok = (!type || row.getAttribute("data-type") === type) &&
        (!words || row.textContent.toLowerCase().indexOf(words) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " events";
  }
  typeBox.addEventListener("change", filter);
  findBox.addEventListener("input", filter);
  filter();

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    var kind = th.getAttribute("data-sort");
    if (kind === "none") return;
    th.querySelector("button").addEventListener("click", function () {
      var down = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      function key(row) {
        var cell = row.cells[column], v = cell.getAttribute("data-v");
        if (v === null) v = cell.textContent;
        return kind === "num" ? Number(v) : v.toLowerCase();
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), c = x < y ? -1 : x > y ? 1 : 0;
        return down ? -c : c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
