// Search worker for Material's own search panel: Vietnamese with or without diacritics,
// reading small index files on demand (see hooks/kb/search.py for their format).
"use strict";

var INDEX = new URL("../search/kb/", self.location.href);
var MAX_PAGES = 10;  // page stores read for one query
var cache = {};

// One folded character per source character, so positions in folded text are positions in the text.
function foldChar(ch) {
  if (ch === "đ" || ch === "Đ") return "d";
  var f = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return f.length === 1 ? f : ch.toLowerCase().charAt(0) || ch;
}

function fold(text) {
  var out = "";
  text = text.normalize("NFC");  // stored text is NFC; typed text may be either form
  for (var i = 0; i < text.length; i++) out += foldChar(text.charAt(i));
  return out;
}

// Letters and digits apart ("ct33" is "ct 33"); with forms, an abbreviation and its full forms stand for each other.
function tokens(folded, withForms) {
  var words = folded.match(/[a-z]+|[0-9]+/g) || [];
  if (withForms) words = expand(words);
  var dates = folded.replace(/\b(\d{1,2})\s*(?:thang|\/)\s*(\d{1,2})\b/g, function (_, d, m) {
    words.push("d" + ("0" + d).slice(-2) + ("0" + m).slice(-2));
    return " ";
  });
  return words.filter(function (w, i) { return words.indexOf(w) === i; });
}

// [[abbreviation, [full form, …]], …] folded into words (search/kb/viet-tat.json, from data/viet-tat.yml).
var forms = [];

function expand(words) {
  var line = " " + words.join(" ") + " ", out = words.slice();
  forms.forEach(function (form) {
    var found = words.indexOf(form[0]) !== -1 || form[1].some(function (full) { return line.indexOf(" " + full + " ") !== -1; });
    if (found) out = out.concat([form[0]], form[1].join(" ").split(" "));
  });
  return out;
}

function contract(words) {
  var line = " " + words.join(" ") + " ";
  forms.forEach(function (form) {
    form[1].forEach(function (full) { line = line.split(" " + full + " ").join(" " + form[0] + " "); });
  });
  return line.trim().split(" ").filter(function (w, i, all) { return w && all.indexOf(w) === i; });
}

function get(path) {
  if (!cache[path]) {
    cache[path] = fetch(new URL(path, INDEX)).then(function (r) { return r.ok ? r.json() : null; }, function () { return null; });
  }
  return cache[path];
}

// "3:0.4|5|7-9" → {3: [0, 4], 5: null, 7: null, 8: null, 9: null}; null: any section of the page may hold it.
function listing(file) {
  var out = {};
  file.l.split("|").forEach(function (part) {
    var bits = part.split(":"), run = part.split("-");
    if (bits.length > 1) out[bits[0]] = bits[1].split(".").map(Number);
    else for (var p = +run[0]; p <= +run[run.length - 1]; p++) out[p] = null;
  });
  return out;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
}

// Ranges [start, end) of the query words in folded text, whole words or word beginnings.
function matches(folded, words) {
  var ranges = [];
  words.forEach(function (word) {
    if (word.charAt(0) === "d" && /^d\d{4}$/.test(word)) return;
    var re = new RegExp("(^|[^a-z0-9])(" + word + ")", "g"), m;
    while ((m = re.exec(folded))) ranges.push([m.index + m[1].length, m.index + m[1].length + word.length]);
  });
  return ranges.sort(function (a, b) { return a[0] - b[0]; });
}

function highlight(text, ranges, from, to) {
  var out = "", at = from;
  ranges.forEach(function (r) {
    if (r[0] < at || r[1] > to) return;
    out += escapeHtml(text.slice(at, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
    at = r[1];
  });
  return out + escapeHtml(text.slice(at, to));
}

function snippet(text, ranges) {
  var first = ranges.length ? ranges[0][0] : 0;
  var from = Math.max(0, first - 80), to = Math.min(text.length, first + 220);
  return "<p>" + (from ? "… " : "") + highlight(text, ranges, from, to) + (to < text.length ? " …" : "") + "</p>";
}

function parse(query) {
  var phrases = [];
  query.replace(/"([^"]+)"/g, function (_, p) { phrases.push(fold(p).replace(/\s+/g, " ").trim()); });
  var folded = fold(query), typed = tokens(folded);
  // Searched: full forms as their abbreviation (the index lists both under it); highlighted: the words typed.
  return { words: contract(typed), marks: typed, phrases: phrases, whole: folded.replace(/["\s]+/g, " ").trim() };
}

function score(entry, q, idf) {
  var title = fold(entry[1]), body = fold(entry[2]), all = title + " " + body, total = 0, found = 0;
  var inTitle = tokens(title, true), inBody = tokens(body, true);
  q.words.forEach(function (w) {
    var t = inTitle.indexOf(w) !== -1, b = inBody.indexOf(w) !== -1;
    if (t || b) found++;
    total += (idf[w] || 1) * ((t ? 5 : 0) + (b ? 1 : 0));
  });
  var phrased = q.phrases.every(function (p) { return all.indexOf(p) !== -1; });
  if (q.words.length > 1 && all.indexOf(q.whole) !== -1) total *= 3;
  if (q.phrases.length && phrased) total *= 10;
  if (entry[0].indexOf("#") === -1) total *= 2;  // the document itself: title, number, issuer, signer
  return { score: found === q.words.length && phrased ? total : total / 100, all: found === q.words.length };
}

function search(query) {
  var q = parse(query);
  if (!q.words.length) return Promise.resolve({ items: [] });
  return Promise.all(q.words.map(function (w) { return get("t/" + w + ".json"); })).then(function (files) {
    var meta = cache["meta.json"];
    var known = [], idf = {};
    files.forEach(function (file, i) {
      if (!file) return;
      var list = listing(file);
      known.push(list);
      idf[q.words[i]] = Math.log(1 + 1000 / Object.keys(list).length);
    });
    if (!known.length) return { items: [] };
    // Pages holding every known word; if none, pages holding any.
    var pages = Object.keys(known[0]).filter(function (p) { return known.every(function (l) { return p in l; }); });
    if (!pages.length) pages = Object.keys(Object.assign.apply(null, [{}].concat(known)));
    pages.sort(function (a, b) { return rankPage(b) - rankPage(a); });
    function rankPage(p) { return known.reduce(function (s, l) { return s + (l[p] ? l[p].length : 0.5); }, 0); }
    pages = pages.slice(0, MAX_PAGES);
    return Promise.all(pages.map(function (p) { return get("p/" + p + ".json"); })).then(function (stores) {
      return { items: group(stores, q, idf) };
    });
  });
}

function group(stores, q, idf) {
  var groups = [];
  stores.forEach(function (store) {
    if (!store) return;
    var items = store.map(function (entry) {
      var s = score(entry, q, idf), title = fold(entry[1]), body = fold(entry[2]);
      var terms = {};
      matches(title + " " + body, q.marks).forEach(function (r) {
        var whole = entry[1] + " " + entry[2];
        terms[whole.slice(r[0], r[1])] = true;
      });
      return {
        location: entry[0], score: s.score, terms: terms,
        title: highlight(entry[1], matches(title, q.marks), 0, entry[1].length),
        text: snippet(entry[2], matches(body, q.marks))
      };
    });
    var article = items[0];
    var sections = items.slice(1).filter(function (i) { return i.score >= 1; }).sort(function (a, b) { return b.score - a.score; });
    if (!sections.length && article.score < 1) return;
    var best = Math.max(article.score, sections.length ? sections[0].score : 0);
    // Material lists sections scoring at least the first item's score, and folds the rest away.
    article.score = sections.length > 2 ? sections[2].score : (sections.length ? sections[sections.length - 1].score : best);
    groups.push({ best: best, items: [article].concat(sections.slice(0, 12)) });
  });
  return groups.sort(function (a, b) { return b.best - a.best; }).map(function (g) { return g.items; });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {
    cache["meta.json"] = get("meta.json");
    cache.forms = get("viet-tat.json").then(function (list) { forms = list || []; });
    self.postMessage({ type: 1 });
  } else if (message.type === 2) {
    cache.forms.then(function () { return search(message.data); })
      .then(function (result) { self.postMessage({ type: 3, data: result }); });
  }
});
