// Briefing packs: sections picked from any documents, kept in this browser, sent as one link, presented one per
// slide and printed. A pack holds addresses and notes only: the text always comes from the published site (the
// search stores, hooks/kb/search.py), so a pack opened later shows the official text of the day.
(function () {
  "use strict";
  var KEY = "kb-tap";
  var FROM_FILES = kb.fromFiles;
  var STORES = new URL("search/kb/", kb.root);

  // ---- the pack in this browser: {t: title, m: [{u: address, l: label, g: note}]} ----

  function mine() {
    try {
      var pack = JSON.parse(localStorage.getItem(KEY));
      if (pack && Array.isArray(pack.m)) return pack;
    } catch (e) { /* a pack that cannot be read is a new pack */ }
    return { t: "Tập trình chiếu", m: [] };
  }

  function keep(pack) {
    localStorage.setItem(KEY, JSON.stringify(pack));
    panel.refresh();
  }

  // ---- on document pages: "thêm vào tập" beside each section's actions and on each task row ----

  function add(address, label) {
    var pack = mine();
    if (pack.m.some(function (i) { return i.u === address; })) return kb.say("Đã có trong tập: " + label);
    pack.m.push({ u: address, l: label, g: "" });
    keep(pack);
    kb.say("Đã thêm vào tập trình chiếu: " + label);
  }

  function offer() {
    var share = document.getElementById("kb-share");
    if (!share) return;
    var labels = JSON.parse(share.dataset.labels), doc = share.dataset.doc;
    var page = kb.published(kb.here());
    Array.prototype.forEach.call(document.querySelectorAll(".md-content .kb-actions"), function (actions) {
      var id = actions.parentElement.closest("[id]").id;
      if (!labels[id]) return;
      actions.appendChild(kb.button("thêm vào tập", "Thêm " + labels[id] + " vào tập trình chiếu",
        function () { add(page + "#" + id, labels[id] + " " + doc); }));
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-content td:first-child a[href*='#']"), function (a) {
      var id = a.hash.slice(1);
      if (!labels[id] || kb.published(a.href).split("#")[0] !== page) return;
      a.parentElement.appendChild(kb.button("thêm vào tập", "Thêm " + labels[id] + " vào tập trình chiếu",
        function () { add(page + "#" + id, labels[id] + " " + doc); }));
    });
  }

  // ---- the panel: reorder, note, remove, rename, clear; on every page while the pack has sections ----

  var panel = {
    refresh: function () {
      var pack = mine();
      if (!this.toggle) {
        this.toggle = document.body.appendChild(kb.button("", "Mở tập trình chiếu", function () { panel.open(!panel.box.hidden ? false : true); }));
        this.toggle.className = "kb-action kb-tap-toggle";
        this.box = document.body.appendChild(document.createElement("section"));
        this.box.className = "kb-tap-panel md-typeset";
        this.box.setAttribute("aria-label", "Tập trình chiếu");
        this.box.hidden = true;
      }
      this.toggle.hidden = !pack.m.length;
      this.toggle.textContent = "Tập trình chiếu (" + pack.m.length + ")";
      if (!this.box.hidden) this.draw(pack);
    },
    open: function (shown) {
      this.box.hidden = !shown;
      this.toggle.setAttribute("aria-expanded", String(shown));
      if (shown) { this.draw(mine()); this.box.querySelector("input").focus(); }
    },
    draw: function (pack) {
      var box = this.box;
      box.textContent = "";
      var title = document.createElement("input");
      title.value = pack.t;
      title.setAttribute("aria-label", "Tên tập");
      title.addEventListener("change", function () { var p = mine(); p.t = title.value.trim() || p.t; keep(p); });
      var list = document.createElement("ol");
      pack.m.forEach(function (item, n) {
        var li = document.createElement("li"), note = document.createElement("input");
        li.appendChild(document.createTextNode(item.l));
        note.value = item.g || "";
        note.placeholder = "ghi chú (một dòng)";
        note.setAttribute("aria-label", "Ghi chú cho " + item.l);
        note.addEventListener("change", function () { var p = mine(); p.m[n].g = note.value.trim(); keep(p); });
        li.append(document.createElement("br"), note,
          kb.button("lên", "Đưa lên: " + item.l, function () { move(n, -1); }),
          kb.button("xuống", "Đưa xuống: " + item.l, function () { move(n, 1); }),
          kb.button("bỏ", "Bỏ khỏi tập: " + item.l, function () { var p = mine(); p.m.splice(n, 1); keep(p); }));
        list.appendChild(li);
      });
      var open = document.createElement("a");
      open.href = kb.linked("tap-trinh-chieu/");
      open.textContent = "Mở tập để trình chiếu, in, gửi";
      box.append(title, list, open,
        kb.button("xóa hết", "Xóa hết tập trình chiếu", function () { keep({ t: mine().t, m: [] }); panel.open(false); }),
        kb.button("đóng", "Đóng tập trình chiếu", function () { panel.open(false); panel.toggle.focus(); }));
    }
  };

  function move(n, step) {
    var p = mine(), to = n + step;
    if (to < 0 || to >= p.m.length) return;
    p.m.splice(to, 0, p.m.splice(n, 1)[0]);
    keep(p);
    var buttons = panel.box.querySelectorAll("li")[to].querySelectorAll("button");
    buttons[step < 0 ? 0 : 1].focus();  // the moved section keeps the keyboard
  }

  // ---- the pack page (tap-trinh-chieu/): the sections' text from the site, present, print, send ----

  // A store of the search index: fetched online, read as a script from files (assets/tep.js).
  function store(path) {
    return FROM_FILES ? window.kbLoad(STORES, path) : fetch(new URL(path, STORES)).then(
      function (r) { return r.ok ? r.json() : null; }, function () { return null; });
  }

  // The section an address names today (following declared moves), or null if the base no longer has it.
  function section(address, where) {
    var page = address.split("#")[0], anchor = address.split("#")[1];
    var moved = where.chuyen[address] || where.chuyen[page] && where.chuyen[page] + (anchor ? "#" + anchor : "");
    if (moved) return section(moved, { trang: where.trang, chuyen: {} });
    if (!(page in where.trang)) return Promise.resolve(null);
    return store("p/" + where.trang[page] + ".json").then(function (entries) {
      // A section is kept as ['#anchor', its label, its text, …] (hooks/kb/search.py).
      var found = entries && entries.filter(function (e) { return e[0].split("#")[1] === anchor; })[0];
      if (!found) return null;
      var label = found[1];
      return { address: page + "#" + anchor, cite: label.charAt(0).toUpperCase() + label.slice(1) + " " + entries[0][4],
               text: found[2].split("\n") };
    });
  }

  function shown(pack, readOnly) {
    var host = document.getElementById("kb-tap");
    host.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = pack.t;
    host.appendChild(heading);
    if (!pack.m.length) {
      host.appendChild(Object.assign(document.createElement("p"), { textContent:
        "Tập chưa có mục nào: trên trang văn bản, bấm \"thêm vào tập\" bên cạnh mục cần trình bày." }));
      return;
    }
    var tools = document.createElement("p");
    tools.className = "kb-tap-tools";
    host.appendChild(tools);
    store("trang.json").then(function (where) {
      return Promise.all(pack.m.map(function (item) { return where ? section(item.u, where) : null; }));
    }).then(function (found) {
      var slides = pack.m.map(function (item, n) { return draw(host, item, found[n], n + 1); });
      tools.append(kb.button("Trình chiếu", "Trình chiếu tập, mỗi mục một trang", function () { present(pack, slides, tools); }),
        kb.button("In", "In tập: mỗi mục nguyên văn, trích dẫn và mã QR", function () { window.print(); }));
      var link = document.createElement("input");
      link.readOnly = true;
      link.className = "kb-tap-link";
      link.value = kb.permanent("tap-trinh-chieu/") + "#" + sent(pack);
      link.setAttribute("aria-label", "Liên kết của tập, để gửi qua Zalo hay thư điện tử");
      tools.append(link, kb.button("Sao chép liên kết", "Sao chép liên kết của tập", function () {
        kb.copy(link.value, "Đã sao chép liên kết của tập");
      }));
      if (readOnly) {
        tools.append(kb.button("Lưu thành tập của tôi", "Lưu tập này thành tập của tôi trong trình duyệt này", function () {
          keep(pack);
          history.replaceState(null, "", location.pathname);
          shown(mine(), false);
          kb.say("Đã lưu thành tập của tôi");
        }));
      }
    });
  }

  // One section of the pack on the page (and on paper): its citation, note, text and QR code.
  function draw(host, item, found, number) {
    var part = document.createElement("article");
    part.className = "kb-tap-muc";
    var cite = document.createElement("h3");
    part.appendChild(cite);
    if (!found) {
      cite.textContent = number + ". " + (item.l || item.u);
      part.appendChild(Object.assign(document.createElement("p"), { className: "kb-gap",
        textContent: "Mục này không còn trong kho (" + item.u + "): văn bản hay mục đã bị bỏ." }));
      host.appendChild(part);
      return null;
    }
    var a = document.createElement("a");
    a.href = kb.linked(found.address);
    a.textContent = number + ". " + found.cite;
    cite.appendChild(a);
    if (item.g) part.appendChild(Object.assign(document.createElement("p"), { className: "kb-tap-note", textContent: item.g }));
    found.text.forEach(function (line) { part.appendChild(Object.assign(document.createElement("p"), { textContent: line })); });
    var qr = document.createElement("img");
    qr.className = "kb-tap-qr";
    qr.alt = "Mã QR của " + found.cite;
    qr.src = window.kbQrImage(kb.permanent(found.address));
    part.appendChild(qr);
    host.appendChild(part);
    return { part: part, found: found, item: item, qr: qr.src };
  }

  // Full screen, one section per slide; arrows, space, Page Up/Down (clickers) move, Esc leaves.
  function present(pack, slides, opener) {
    slides = slides.filter(Boolean);
    if (!slides.length) return;
    var overlay = kb.dialog("Trình chiếu " + pack.t), at = 0;
    overlay.tabIndex = -1;
    function slide(n) {
      at = Math.max(0, Math.min(slides.length - 1, n));
      var s = slides[at];
      var parts = s.found.text.map(function (line) { return Object.assign(document.createElement("p"), { textContent: line }); });
      kb.slide(overlay, kb.button("Đóng", "Đóng trình chiếu", leave), parts, s.found.cite + (s.item.g ? " — " + s.item.g : ""),
        { src: s.qr, alt: "Mã QR của " + s.found.cite }, (at + 1) + " / " + slides.length);
      overlay.focus();
    }
    function leave() {
      overlay.remove();
      if (document.fullscreenElement) document.exitFullscreen();
      opener.querySelector("button").focus();
    }
    overlay.addEventListener("keydown", function (e) {
      if (e.key === "Escape") leave();
      else if (["ArrowRight", "ArrowDown", "PageDown", " ", "Enter", "n"].indexOf(e.key) !== -1) slide(at + 1);
      else if (["ArrowLeft", "ArrowUp", "PageUp", "Backspace", "p"].indexOf(e.key) !== -1) slide(at - 1);
      else if (e.key === "Home") slide(0);
      else if (e.key === "End") slide(slides.length - 1);
      else return;
      e.preventDefault();
    });
    slide(0);
    if (overlay.requestFullscreen) overlay.requestFullscreen().catch(function () { /* a window is enough */ });
  }

  // A pack as the end of a link: "t=title&m=document:anchor[:note]&m=…" (documents' sections only).
  function sent(pack) {
    var params = new URLSearchParams([["t", pack.t]]);
    pack.m.forEach(function (i) {
      var parts = i.u.match(/^van-ban\/([^/]+)\/#(.+)$/);
      if (parts) params.append("m", parts[1] + ":" + parts[2] + (i.g ? ":" + i.g : ""));
    });
    return params.toString();
  }

  // A pack in the address (a link sent to someone), else null.
  function opened() {
    var params = new URLSearchParams(location.hash.slice(1));
    if (!params.has("m")) return null;
    return { t: params.get("t") || "Tập trình chiếu", m: params.getAll("m").map(function (m) {
      var parts = m.split(":");
      return { u: "van-ban/" + parts[0] + "/#" + parts[1], l: "", g: parts.slice(2).join(":") };
    }) };
  }

  offer();
  panel.refresh();
  if (document.getElementById("kb-tap")) {
    var shared = opened();
    shown(shared || mine(), Boolean(shared));
  }
})();
