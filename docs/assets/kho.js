// Sorting and filtering of generated tables, with nothing loaded from another host.
(function () {
  "use strict";

  // Lower-case ASCII form: diacritics removed, đ → d (it has no Unicode decomposition).
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A cell's sort key: dates dd/mm/yyyy as yyyymmdd, numbers as numbers, else folded text.
  function key(cell) {
    var text = cell.textContent.trim();
    var date = text.match(/^(\d{2})\/(\d{2})\/(\d{4})/);
    if (date) return date[3] + date[2] + date[1];
    return /^\d+$/.test(text) ? ("0000000000" + text).slice(-10) : fold(text);
  }

  function sortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "Sắp xếp theo cột " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        whole(table).then(function () {  // a sort puts the whole table in order: the rows not shown yet too
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = key(a.cells[column]), y = key(b.cells[column]);
            return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  function filterable(table, number) {
    var label = document.createElement("label");
    label.className = "kb-filter";
    label.textContent = "Lọc bảng: ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "gõ có hoặc không dấu";
    input.id = "kb-filter-" + number;
    label.htmlFor = input.id;
    label.appendChild(input);
    var wrapper = table.closest(".md-typeset__scrollwrap") || table;
    wrapper.parentNode.insertBefore(label, wrapper);
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
    }
    input.addEventListener("input", function () {
      whole(table).then(apply);  // a filter looks through the whole table: again once every row is in
      apply();
    });
  }

  // Material's search panel is a dialog: give it a name screen readers can say.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog) dialog.setAttribute("aria-label", "Tìm kiếm trong kho");
  }

  // The line the search worker puts first when the network lost part of its data (tim-kiem.js, a link to '?q=…')
  // is not a document: the count Material says above the list leaves it out.
  function countDocumentsOnly() {
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    var config = document.getElementById("__config");
    if (!meta || !list || !config) return;
    var said = JSON.parse(config.textContent).translations;
    var watch = new MutationObserver(function () {
      var first = list.querySelector(".md-search-result__item a");
      var counted = meta.textContent.trim() === said["search.result.one"] ? 1 : parseInt(meta.textContent, 10);
      if (!first || first.search.indexOf("?q=") !== 0 || !(counted > 0)) return;
      var n = counted - 1;
      meta.textContent = n ? (n === 1 ? said["search.result.one"] : said["search.result.other"].replace("#", n))
                           : said["search.result.none"];
      watch.takeRecords();  // this change is not Material's: not counted again
    });
    // Material writes the count and the first items of a result in one go: once it has written the count, the
    // list holds the first item.
    watch.observe(meta, { childList: true, characterData: true, subtree: true });
  }

  // On paper, the page's address once under its title: printed links do not carry theirs.
  function printAddress() {
    var title = document.querySelector(".md-content__inner > h1");
    if (!title) return;
    var line = document.createElement("p");
    line.className = "kb-print-address";
    line.textContent = "Bản in của trang " + kb.here();
    title.after(line);
  }

  // Every date-relative value of the page, for the reader's day (or the day picked on "Hiệu lực theo ngày").
  function dated() {
    var picker = document.querySelector("input.kb-ngay");
    standing(picker && picker.value ? picker.value : new Date(readersDay()).toISOString().slice(0, 10));
    relative();
  }

  // The reader's day (in their time zone), as midnight UTC of that date.
  function readersDay() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }

  // Where a document stands, worked out again for the reader's day (the site was built on another), or for the
  // day picked on the page "Hiệu lực theo ngày".
  function standing(today) {
    function day(iso) { return iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4); }
    Array.prototype.forEach.call(document.querySelectorAll(".kb-hieu-luc"), function (el) {
      var d = el.dataset;
      el.textContent = d.tu && today < d.tu ? "Chưa có hiệu lực (từ " + day(d.tu) + ")"
        : d.het && today >= d.het ? "Hết hiệu lực từ " + day(d.het) + " (" + d.lyDo + ")"
        : d.motPhan && today >= d.motPhan ? "Còn hiệu lực, trừ các mục bị sửa đổi, bãi bỏ" : "Còn hiệu lực";
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-het-hieu-luc"), function (el) {
      el.hidden = today < el.dataset.tu;
    });
  }

  // Days left and overdue periods, worked out again for the reader's day (the build's stay without script).
  function relative() {
    var today = readersDay();
    function each(selector, words) {
      Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) {
        var n = Math.round((Date.parse(el.dataset.ngay) - today) / 864e5);
        el.textContent = words(n);
        if (el.classList.contains("kb-cho")) {  // its look follows: overdue stands out
          el.classList.toggle("kb-status-qua-han", n < 0);
          el.classList.toggle("kb-status-chua-den-han", n >= 0);
        }
      });
    }
    each(".kb-con[data-ngay]", function (n) { return n >= 0 ? n + " ngày" : "đã qua " + -n + " ngày"; });
    each(".kb-cho[data-ngay]", function (n) {
      return n >= 0 ? "chưa đến hạn (còn " + n + " ngày)" : "quá hạn " + -n + " ngày, chưa có báo cáo";
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-hom-nay"), function (el) {
      el.textContent = new Date(today).toISOString().slice(0, 10).split("-").reverse().join("/");
      // A table of what is coming (its caption says from when): a deadline passed since the build is no longer coming.
      var table = el.closest("figure") && el.closest("figure").querySelector("table");
      Array.prototype.forEach.call(table ? table.querySelectorAll(".kb-con[data-ngay]") : [], function (cell) {
        cell.closest("tr").hidden = Date.parse(cell.dataset.ngay) < today;
      });
    });
  }

  // A long table or list shows its first rows; the rest come from files beside the page, one file a click.
  function more() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-more button[data-src]"), function (button) {
      button.dataset.label = button.textContent;
      button.addEventListener("click", function () { next(button); });
    });
  }

  // Loads the button's next file: a table's rows go to its body, a list's items to the list just above.
  function next(button) {
    var files = button.dataset.src.split(" "), note = button.parentElement;
    var figure = button.closest("figure"), into = figure ? figure.querySelector("tbody") : note.previousElementSibling;
    button.disabled = true;
    return fetch(new URL(files[0], location.href)).then(function (r) { return r.ok ? r.text() : Promise.reject(); })
      .then(function (rows) {
        into.insertAdjacentHTML("beforeend", rows);
        button.dataset.src = files.slice(1).join(" ");
        button.disabled = false;
        button.textContent = button.dataset.label;
        note.querySelector(".kb-shown").textContent = into.children.length;
        if (!button.dataset.src) note.remove();
        dated();
        return true;
      }, function () { button.disabled = false; button.textContent = "Không tải được; thử lại"; return false; });
  }

  // Every file still to load, in turn.
  function all(button) {
    if (!button.dataset.src || !button.isConnected) return Promise.resolve();
    return next(button).then(function (loaded) { return loaded && all(button); });
  }

  // The table with every row in: at once for a table shown whole, else once its files have come.
  function whole(table) {
    var rest = table.closest("figure") && table.closest("figure").querySelector(".kb-more button:not([disabled])");
    return rest ? all(rest) : Promise.resolve();
  }

  function enhance() {
    printAddress();
    more();
    var picker = document.querySelector("input.kb-ngay");
    if (picker) {
      picker.value = new Date(readersDay()).toISOString().slice(0, 10);
      picker.addEventListener("change", function () { if (picker.value) standing(picker.value); });
    }
    dated();
    nameSearch();
    countDocumentsOnly();
    var tables = document.querySelectorAll(".md-typeset table:not([class])");
    Array.prototype.forEach.call(tables, function (table, number) {
      if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 3) return;
      if (table.tHead.rows[0].cells[0].textContent.trim() === "Trường") return;  // a record card, not a list
      sortable(table);
      if (table.tBodies[0].rows.length >= 6) filterable(table, number);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
