"use strict";
(function () {
  var data = JSON.parse(document.getElementById("sl-data").textContent);
  var viewer = document.getElementById("viewer");
  var active = null;

  function paragraph(text, start, end) {
    var from = text.lastIndexOf("\n", start - 1) + 1;
    var to = text.indexOf("\n", end);
    return [from, to < 0 ? text.length : to];
  }

  function show(link) {
    var cite = data.cites[Number(link.getAttribute("data-cite"))];
    if (!cite) return;
    var article = data.articles[cite[0]], start = cite[1], end = cite[2];
    var text = article.text, bounds = paragraph(text, start, end);
    var quote = document.getElementById("viewer-text");
    quote.textContent = "";
    var mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    quote.append(text.slice(bounds[0], start), mark, text.slice(end, bounds[1]));
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
