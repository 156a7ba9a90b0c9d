// Search worker for Material's own search panel: Vietnamese with or without diacritics, as cadres ask (questions,
// slips, other words for the same thing, a place and a topic), reading small index files on demand (see
// hooks/kb/search.py for their format). Online it runs as a worker; opened from files, in the page (assets/tep.js).
(function (scope) {
  "use strict";

  var INDEX = new URL("../search/kb/", (scope || self).location.href);
  var FROM_FILES = INDEX.protocol === "file:";
  var MAX_PAGES = 10;  // page stores read for one query
  var TYPO_MIN = 5;  // words of this length or more the index lacks are corrected by one letter (search.py)
  var WEIGHT = { title: 3, body: 1, context: 0.5 };  // where a word is found: a section's title, its text, its document
  var cache = {};
  var lostFiles = 0;  // files the network failed to bring since the worker started
  var language = { viet_tat: [], hoi: [], dong_nghia: [] };  // search/kb/ngon-ngu.json, from data/
  var synonyms = [];  // [phrase, its group], longest phrases first: they are read before the words they hold

  function learn(data) {
    language = data;
    language.dong_nghia.forEach(function (group) { group.forEach(function (p) { synonyms.push([p, group]); }); });
    synonyms.sort(function (a, b) { return b[0].split(" ").length - a[0].split(" ").length; });
  }

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
    folded.replace(/\b(\d{1,2})\s*(?:thang|\/)\s*(\d{1,2})\b/g, function (_, d, m) {
      words.push("d" + ("0" + d).slice(-2) + ("0" + m).slice(-2));
      return " ";
    });
    return words.filter(function (w, i) { return words.indexOf(w) === i; });
  }

  // Days written without a year ("trước ngày 18/5"): a day typed so is a recurring deadline, not a citation's date.
  function yearless(folded) {
    var out = [];
    folded.replace(/\b(\d{1,2})\s*(?:thang|\/)\s*(\d{1,2})\b(?!\s*(?:\/|nam)\s*\d{4})/g, function (_, d, m) {
      out.push("d" + ("0" + d).slice(-2) + ("0" + m).slice(-2));
    });
    return out;
  }

  function expand(words) {
    var line = " " + words.join(" ") + " ", out = words.slice();
    language.viet_tat.forEach(function (form) {
      var found = words.indexOf(form[0]) !== -1 || form[1].some(function (full) { return line.indexOf(" " + full + " ") !== -1; });
      if (found) out = out.concat([form[0]], form[1].join(" ").split(" "));
    });
    return out;
  }

  // Full forms as their abbreviation: the index lists both under it.
  function contract(words) {
    var line = " " + words.join(" ") + " ";
    language.viet_tat.forEach(function (form) {
      form[1].forEach(function (full) { line = line.split(" " + full + " ").join(" " + form[0] + " "); });
    });
    return line.trim().split(" ").filter(function (w, i, all) { return w && all.indexOf(w) === i; });
  }

  // Online a file is fetched; from files it is a script, read as assets/tep.js reads them.
  function get(path) {
    if (!cache[path]) cache[path] = FROM_FILES ? self.kbLoad(INDEX, path) : fetch(new URL(path, INDEX)).then(
      function (r) { return r.ok ? r.json() : r.status === 404 ? null : lost(path); }, function () { return lost(path); });
    return cache[path];
  }

  // A file the network failed to bring is asked for again by the next search; only a missing one is remembered.
  function lost(path) {
    delete cache[path];
    lostFiles++;
    return null;
  }

  // The words, abbreviations and synonyms of data/, learnt once; asked for again if the network lost them.
  function languageReady() {
    if (!cache.language) cache.language = get("ngon-ngu.json").then(function (data) {
      if (data) learn(data); else delete cache.language;
    });
    return cache.language;
  }

  // Said first when a file of this search was lost: what is listed may lack pages, and searching again asks again.
  function notice(query) {
    return [{ location: "?q=" + encodeURIComponent(query), score: 1, terms: {},
              title: "Mạng chập chờn: chưa tải được một phần dữ liệu tìm kiếm",
              text: "Kết quả có thể thiếu. Gõ lại câu tìm, hoặc bấm vào đây, để tìm lại." }];
  }

  // The pages of a token file: runs ("0-120|122") or a bitmap in base64 (bit p of byte p >> 3 for page p).
  function listing(file) {
    var out = {}, p;
    if (file.b) {
      var bits = atob(file.b);
      for (p = 0; p < bits.length * 8; p++) if (bits.charCodeAt(p >> 3) >> (p & 7) & 1) out[p] = true;
      return out;
    }
    file.l.split("|").forEach(function (part) {
      var run = part.split("-");
      for (p = +run[0]; p <= +run[run.length - 1]; p++) out[p] = true;
    });
    return out;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // Ranges [start, end) of the words in folded text, whole words or word beginnings.
  function matches(folded, words) {
    var ranges = [];
    words.forEach(function (word) {
      if (/^d\d{4}$/.test(word)) return;
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

  // The line without the question's own words ("khi nào", "ai", "có … không"), unless nothing else is left.
  function subject(line) {
    var out = " " + line + " ";
    language.hoi.forEach(function (phrase) {
      var frame = phrase.split(" … ");
      if (frame.length === 2) {
        var end = " " + frame[1] + " ", at = out.indexOf(" " + frame[0] + " ");
        if (at !== -1 && out.slice(-end.length) === end && at + frame[0].length + 2 < out.length - end.length) {
          out = out.slice(0, at) + " " + out.slice(at + frame[0].length + 2, out.length - end.length) + " ";
        }
      } else {
        out = out.split(" " + phrase + " ").join(" ");
      }
    });
    return out.trim() ? out.trim() : line;
  }

  // The query as terms, each a list of alternatives (a list of tokens that must all be there): the words typed
  // (a word the index lacks as its corrections, weighed less), and for a phrase of a synonym group, each phrase of
  // the group.
  function parse(query, fixes) {
    var phrases = [];
    query.replace(/"([^"]+)"/g, function (_, p) { phrases.push(fold(p).replace(/\s+/g, " ").trim()); });
    var folded = fold(query), typed = tokens(folded);
    var words = [].concat.apply([], typed.map(function (w) { return fixes[w] ? fixes[w].slice(0, 1) : [w]; }));
    var said = subject(words.join(" ")).split(" ");
    var line = " " + contract(said).join(" ") + " ", terms = [];  // abbreviations first
    synonyms.forEach(function (pair) {
      if (line.indexOf(" " + pair[0] + " ") === -1) return;
      line = line.split(" " + pair[0] + " ").join(" ");
      terms.push({ alts: pair[1].map(function (p) { return contract(p.split(" ")); }), weight: 1 });
    });
    var loose = {};  // a correction → all the corrections of its word
    typed.forEach(function (w) { if (fixes[w] && fixes[w].length) loose[fixes[w][0]] = fixes[w]; });
    line.trim().split(" ").filter(Boolean).forEach(function (w) {
      terms.push(loose[w] ? { alts: loose[w].map(function (x) { return [x]; }), weight: 0.6 } : { alts: [[w]], weight: 1 });
    });
    var pairs = said.slice(1).map(function (w, i) { return said[i] + " " + w; });
    var marks = typed.concat.apply(typed, Object.keys(loose).map(function (w) { return loose[w]; }));
    return { terms: terms, marks: marks, phrases: phrases, whole: plain(folded),
             pairs: pairs, said: said, days: yearless(folded) };
  }

  // A word typed with the Vietnamese keyboard switched off (Telex): "daan" → "dan", "tieeps" → "tiep", "ddua" → "dua".
  function telex(word) {
    return word.replace(/([aeod])\1/g, "$1").replace(/([aou])w/g, "$1").replace(/w/g, "u")
      .replace(/([aeiouy])[sfrxj]/g, "$1").replace(/([a-z])[sfrxj]$/, "$1");
  }

  // One letter added, dropped or changed.
  function oneApart(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (a.length < b.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // The words the index holds in place of one it lacks: its Telex reading, else those one letter apart.
  function corrections(word) {
    var read = telex(word);
    return (read !== word ? get("t/" + read + ".json") : Promise.resolve(null)).then(function (file) {
      if (file) return [read];
      if (word.length < TYPO_MIN || !/^[a-z]+$/.test(word)) return [];
      var sizes = [word.length - 1, word.length, word.length + 1];
      return Promise.all(sizes.map(function (n) { return get("v/" + n + ".json"); })).then(function (lists) {
        return [].concat.apply([], lists.map(function (l) { return l || []; })).filter(function (w) { return oneApart(word, w); });
      });
    });
  }

  // The typed words the index lacks, each with the words that stand for it (none: a word not in the base).
  function corrected(words) {
    return Promise.all(words.map(function (w) { return get("t/" + w + ".json"); })).then(function (files) {
      return Promise.all(words.map(function (w, i) { return files[i] ? null : corrections(w); }));
    }).then(function (fixes) {
      var out = {};
      words.forEach(function (w, i) { if (fixes[i]) out[w] = fixes[i]; });
      return out;
    });
  }

  // The file of every token of the terms; alternatives the index lacks left out, terms left without any dropped.
  function resolve(q) {
    var wanted = {};
    q.terms.forEach(function (t) { t.alts.forEach(function (a) { a.forEach(function (w) { wanted[w] = true; }); }); });
    var words = Object.keys(wanted), files = {};
    return Promise.all(words.map(function (w) { return get("t/" + w + ".json"); })).then(function (found) {
      words.forEach(function (w, i) { files[w] = found[i]; });
      q.terms.forEach(function (t) {
        t.alts = t.alts.filter(function (a) { return a.every(function (w) { return files[w]; }); });
      });
      q.terms = q.terms.filter(function (t) { return t.alts.length; });
      return files;
    });
  }

  // Pages (and, for rarer tokens, entries) holding every token of one of the term's alternatives.
  function termPages(term, files) {
    var out = {};
    term.alts.forEach(function (alt) {
      var lists = alt.map(function (w) { return listing(files[w]); });
      Object.keys(lists[0]).forEach(function (p) {
        if (lists.every(function (l) { return p in l; })) out[p] = true;
      });
    });
    return out;
  }

  // A word among the tokens; several words (a synonym's phrase) side by side in the text.
  function holds(text, term) {
    return term.alts.some(function (alt) {
      return alt.length > 1 ? text.line.indexOf(" " + alt.join(" ") + " ") !== -1 : text.tokens.indexOf(alt[0]) !== -1;
    });
  }

  // The query is the document's number (with its kind or not), or holds it whole.
  function named(number, q) {
    return q.said.every(function (w) { return number.tokens.indexOf(w) !== -1; }) ||
      (number.line.trim().indexOf(" ") !== -1 && (" " + q.whole + " ").indexOf(number.line) !== -1);
  }

  function side(text, pair) {
    return text.line.indexOf(" " + pair + " ") !== -1;
  }

  function textOf(folded) {
    return { tokens: tokens(folded, true), line: " " + plain(folded) + " " };
  }

  // The words of folded text in a line, a day written '18 tháng 5' as '18/5' is: '18 5'.
  function plain(folded) {
    return (folded.match(/[a-z]+|[0-9]+/g) || []).join(" ").replace(/\b(\d{1,2}) thang (\d{1,2})\b/g, "$1 $2");
  }

  // An entry's score: each term weighed by its rarity and where it stands (the section's title, its text, else
  // its document: title, number, issuer, place); times the share of terms found, squared; more for words typed
  // side by side that stand side by side ("kiên giang", "hải phòng"), and for the phrase.
  function score(folded, context, q, idf) {
    var title = textOf(folded.title), body = textOf(folded.body), total = 0, found = 0;
    q.terms.forEach(function (t, i) {
      var where = holds(title, t) ? WEIGHT.title : holds(body, t) ? WEIGHT.body : context && holds(context, t) ? WEIGHT.context : 0;
      if (where) found++;
      total += idf[i] * t.weight * where;
    });
    var share = q.terms.length ? found / q.terms.length : 0;
    var near = q.pairs.filter(function (pair) { return side(title, pair) || side(body, pair); }).length;
    var placed = context && q.pairs.some(function (pair) { return side(context, pair); });  // its place, its number
    total *= share * share * (1 + 2 * (q.pairs.length ? near / q.pairs.length : 0)) * (placed ? 2 : 1);
    var all = title.line + body.line;
    if (q.whole.indexOf(" ") !== -1 && all.indexOf(" " + q.whole + " ") !== -1) total *= 3;
    if (q.said.every(function (w) { return all.indexOf(" " + w + " ") !== -1; })) total *= 1.5;  // as typed, not expanded
    var days = q.days.length ? yearless(folded.body) : [];
    if (q.days.some(function (d) { return days.indexOf(d) !== -1; })) total *= 2;
    if (folded.named && named(textOf(folded.named), q)) total *= 20;  // the document's kind and number
    var phrased = q.phrases.every(function (p) { return all.indexOf(p) !== -1; });
    if (q.phrases.length) total *= phrased ? 10 : 0.01;
    return total;
  }

  function search(query) {
    var q, typed = tokens(fold(query)), before = lostFiles;
    return languageReady().then(function () { return corrected(typed); }).then(function (fixes) {
      q = parse(query, fixes);
      return Promise.all([resolve(q), get("meta.json")]);
    }).then(function (loaded) {
      var files = loaded[0], meta = loaded[1] || { pages: 1 };
      if (!q.terms.length) return { items: [] };
      var pagesOf = q.terms.map(function (t) { return termPages(t, files); });
      var idf = pagesOf.map(function (p) { return Math.log(1 + meta.pages / Math.max(1, Object.keys(p).length)); });
      var rank = {};
      pagesOf.forEach(function (pages, i) {
        Object.keys(pages).forEach(function (p) { rank[p] = (rank[p] || 0) + idf[i] * q.terms[i].weight; });
      });
      var pages = Object.keys(rank).sort(function (a, b) { return rank[b] - rank[a]; }).slice(0, MAX_PAGES);
      return Promise.all(pages.map(function (p) { return get("p/" + p + ".json"); })).then(function (stores) {
        return { items: group(stores, pages, q, idf) };
      });
    }).then(function (result) {
      if (lostFiles > before && typed.length) result.items.unshift(notice(query));
      return result;
    });
  }

  // A section's entry as [location, title, text]: the store keeps '#anchor', its label, its text, and its title only
  // where it is not the text's first 90 characters (its length where it starts the text; hooks/kb/search.py).
  // The title leaves out a number its label already says: "điểm 3: Tiếp tục…", not "điểm 3: 3. Tiếp tục…".
  function section(kept, page) {
    var title = typeof kept[3] === "string" ? kept[3] : kept[2].slice(0, kept.length > 3 ? kept[3] : 90);
    var own = kept[1].split(/[ .]/).pop();
    if (title.indexOf(own + ". ") === 0 || title.indexOf(own + ") ") === 0) title = title.slice(own.length + 2);
    return [page + kept[0], kept[1] + ": " + title, kept[2]];
  }

  function group(stores, numbers, q, idf) {
    var groups = [];
    stores.forEach(function (store, n) {
      if (!store) return;
      var context = textOf(fold(store[0][1] + " " + store[0][2]));
      var items = store.map(function (kept, i) {
        var entry = i ? section(kept, store[0][0]) : kept;
        // Each entry folded once: scored, then its words marked (one folded character per character).
        var folded = { title: fold(entry[1]), body: fold(entry[2]), named: entry[3] && fold(entry[3]) };
        var terms = {}, whole = entry[1] + " " + entry[2];
        matches(folded.title + " " + folded.body, q.marks).forEach(function (r) { terms[whole.slice(r[0], r[1])] = true; });
        return {
          location: entry[0], score: score(folded, i ? context : null, q, idf), terms: terms,
          title: highlight(entry[1], matches(folded.title, q.marks), 0, entry[1].length),
          text: snippet(entry[2], matches(folded.body, q.marks))
        };
      });
      var article = items[0];
      var sections = items.slice(1).filter(function (i) { return i.score > 0; }).sort(function (a, b) { return b.score - a.score; });
      if (!sections.length && !article.score) return;
      var best = Math.max(article.score, sections.length ? sections[0].score : 0);
      // Material lists sections scoring at least the first item's score, and folds the rest away.
      article.score = sections.length > 2 ? sections[2].score : (sections.length ? sections[sections.length - 1].score : best);
      var sum = sections.reduce(function (s, i) { return s + i.score; }, 0);
      groups.push({ best: best, sum: sum, page: +numbers[n], items: [article].concat(sections.slice(0, 12)) });
    });
    // The best section first; between equals, the higher document (pages are numbered from the top), then the
    // page with more sections that answer.
    return groups.sort(function (a, b) { return b.best - a.best || a.page - b.page || b.sum - a.sum; })
      .map(function (g) { return g.items; });
  }

  if (scope) scope.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {
      get("meta.json");
      languageReady();
      scope.postMessage({ type: 1 });
    } else if (message.type === 2) {
      search(message.data).then(function (result) { scope.postMessage({ type: 3, data: result }); });
    }
  });

  // For the tests: the folding and tokens the index is built with, how a token's pages and a section are read.
  self.fold = fold;
  self.tokens = tokens;
  self.listing = listing;
  self.section = section;
})(typeof WorkerGlobalScope !== "undefined" ? self : self.kbWorkerScope);
