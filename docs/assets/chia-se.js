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
  var status = document.createElement("div");
  status.className = "kb-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function linkTo(id) {
    return location.href.split("#")[0] + "#" + id;
  }

  function citation(id) {
    return labels[id] + " " + data.dataset.doc + " (" + linkTo(id) + ")";
  }

  function say(text) {
    status.textContent = text;
    setTimeout(function () { status.textContent = ""; }, 2500);
  }

  // Clipboard API where the page is a secure context; the older copy command on plain-http intranets.
  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(done); }, function () { fallback(text, done); });
    } else {
      fallback(text, done);
    }
  }

  function fallback(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    say(document.execCommand("copy") ? done : "Không sao chép được; hãy chép: " + text);
    document.body.removeChild(area);
  }

  function button(text, label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "kb-action";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", action);
    return b;
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

  // The section's permanent address: the published site's (canonical) where there is one, for a QR code that
  // leads there from a projector or paper, even when the page was opened from a copy.
  function permanent(id) {
    var canonical = document.querySelector("link[rel=canonical]");
    return (canonical ? canonical.href : location.href.split("#")[0]) + "#" + id;
  }

  function present(id) {
    var overlay = document.createElement("div");
    overlay.className = "kb-present";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Trình chiếu " + labels[id]);
    var body = document.createElement("div");
    body.className = "kb-present__text md-typeset";
    sectionOf(document.getElementById(id)).forEach(function (part) {
      var clone = part.cloneNode(true);
      clone.removeAttribute("id");
      Array.prototype.forEach.call(clone.querySelectorAll(".kb-actions, .headerlink"), function (n) { n.remove(); });
      body.appendChild(clone);
    });
    var cite = document.createElement("p");
    cite.className = "kb-present__cite";
    cite.textContent = labels[id] + " " + data.dataset.doc;
    var aside = document.createElement("div");
    aside.className = "kb-present__link";
    var qr = document.createElement("img");
    qr.alt = "Mã QR của liên kết tới " + labels[id];
    aside.appendChild(qr);
    qr.src = window.kbQrImage(permanent(id));
    var url = document.createElement("p");
    url.textContent = linkTo(id);
    aside.appendChild(url);
    var close = button("Đóng", "Đóng trình chiếu", function () { overlay.remove(); opener.focus(); });
    var opener = document.activeElement;
    overlay.append(close, body, cite, aside);
    overlay.addEventListener("keydown", function (e) { if (e.key === "Escape") close.click(); });
    document.body.appendChild(overlay);
    close.focus();
  }

  Object.keys(labels).forEach(function (id) {
    var el = document.getElementById(id);
    if (!el) return;
    var actions = document.createElement("span");
    actions.className = "kb-actions";
    actions.append(
      button("liên kết", "Sao chép liên kết tới " + labels[id], function () { copy(linkTo(id), "Đã sao chép liên kết tới " + labels[id]); }),
      button("trích dẫn", "Sao chép trích dẫn " + labels[id], function () { copy(citation(id), "Đã sao chép trích dẫn " + labels[id]); }),
      button("trình chiếu", "Trình chiếu " + labels[id], function () { present(id); })
    );
    (el.tagName === "DIV" ? el.firstElementChild : el).appendChild(actions);  // after a point's first paragraph
  });
})();
