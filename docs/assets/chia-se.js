// Copy link, copy citation and presentation view for every anchored part of a document.
(function () {
  "use strict";
  var data = document.getElementById("kb-share");
  if (!data) return;
  var labels = JSON.parse(data.dataset.labels);
  var moved = JSON.parse(data.dataset.moved || "{}");

  // A published anchor that moved (data/chuyen-huong.yml): go where it leads now.
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id && !document.getElementById(id) && moved[id]) location.replace(moved[id]);
  }
  follow();
  window.addEventListener("hashchange", follow);
  function linkTo(id) {
    return kb.here() + "#" + id;
  }

  function citation(id) {
    return labels[id] + " " + data.dataset.doc + " (" + linkTo(id) + ")";
  }

  // The section's own content: a paragraph (or the block of a point of several paragraphs), or a heading with
  // what follows it up to the next anchor.
  function sectionOf(el) {
    var parts = [el];
    if (/^H[1-6]$/.test(el.tagName)) {
      for (var next = el.nextElementSibling; next && !next.id && !/^H[1-6]$/.test(next.tagName); next = next.nextElementSibling) parts.push(next);
    }
    return parts;
  }

  function present(id) {
    var overlay = kb.dialog("Trình chiếu " + labels[id]), opener = document.activeElement;
    var parts = sectionOf(document.getElementById(id)).map(function (part) {
      var clone = part.cloneNode(true);
      clone.removeAttribute("id");
      Array.prototype.forEach.call(clone.querySelectorAll(".kb-actions, .headerlink"), function (n) { n.remove(); });
      return clone;
    });
    var close = kb.button("Đóng", "Đóng trình chiếu", function () { overlay.remove(); opener.focus(); });
    kb.slide(overlay, close, parts, labels[id] + " " + data.dataset.doc,
      { src: window.kbQrImage(kb.permanent(kb.published(kb.here()) + "#" + id)),
        alt: "Mã QR của liên kết tới " + labels[id] }, linkTo(id));
    overlay.addEventListener("keydown", function (e) { if (e.key === "Escape") close.click(); });
    close.focus();
  }

  Object.keys(labels).forEach(function (id) {
    var el = document.getElementById(id);
    if (!el) return;
    var actions = document.createElement("span");
    actions.className = "kb-actions";
    actions.append(
      kb.button("liên kết", "Sao chép liên kết tới " + labels[id], function () { kb.copy(linkTo(id), "Đã sao chép liên kết tới " + labels[id]); }),
      kb.button("trích dẫn", "Sao chép trích dẫn " + labels[id], function () { kb.copy(citation(id), "Đã sao chép trích dẫn " + labels[id]); }),
      kb.button("trình chiếu", "Trình chiếu " + labels[id], function () { present(id); })
    );
    (el.tagName === "DIV" ? el.firstElementChild : el).appendChild(actions);  // after a point's first paragraph
  });
})();
