// What the page scripts share (chia-se.js, tap.js): a small action button, a status line read out by screen
// readers, and the site's addresses: as published, as linked in this build, and for good (the canonical site).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var status;

  function copied(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    window.kb.say(document.execCommand("copy") ? done : "Không sao chép được; hãy chép: " + text);
    document.body.removeChild(area);
  }

  window.kb = {
    root: root,
    fromFiles: location.protocol === "file:",

    button: function (text, label, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "kb-action";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.title = label;
      b.addEventListener("click", action);
      return b;
    },

    say: function (text) {
      if (!status) {
        status = document.body.appendChild(document.createElement("div"));
        status.className = "kb-status";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
      }
      status.textContent = text;
      setTimeout(function () { status.textContent = ""; }, 2500);
    },

    // Clipboard API where the page is a secure context; the older copy command on plain-http intranets.
    copy: function (text, done) {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { window.kb.say(done); }, function () { copied(text, done); });
      } else {
        copied(text, done);
      }
    },

    // A full-window presentation: a modal dialog named label, to fill with slides.
    dialog: function (label) {
      var overlay = document.createElement("div");
      overlay.className = "kb-present";
      overlay.setAttribute("role", "dialog");
      overlay.setAttribute("aria-modal", "true");
      overlay.setAttribute("aria-label", label);
      return overlay;
    },

    // One slide in a presentation (what it held before goes): a close button, the section's parts, its citation,
    // its QR code with a caption under it; as large as the screen holds, a long section set smaller until the
    // slide fits, QR code included.
    slide: function (overlay, close, parts, cite, qr, caption) {
      var body = document.createElement("div"), aside = document.createElement("div");
      body.className = "kb-present__text md-typeset";
      parts.forEach(function (part) { body.appendChild(part); });
      aside.className = "kb-present__link";
      aside.append(Object.assign(document.createElement("img"), { src: qr.src, alt: qr.alt }),
        Object.assign(document.createElement("p"), { textContent: caption }));
      overlay.textContent = "";
      overlay.append(close, body, Object.assign(document.createElement("p"), { className: "kb-present__cite", textContent: cite }), aside);
      if (!overlay.isConnected) document.body.appendChild(overlay);
      for (var size = parseFloat(getComputedStyle(body).fontSize); overlay.scrollHeight > overlay.clientHeight && size > 12; size--) {
        body.style.fontSize = size + "px";
      }
    },

    // This page's address without the query it was opened with (a search's "?h=", a share's "?fbclid="): the
    // address a reader copies, cites or prints.
    here: function () {
      return location.href.split(/[?#]/)[0];
    },

    // An address as published ("van-ban/x/#muc-6"), from a link of this build (directory or .html addresses).
    published: function (href) {
      var url = new URL(href, location.href), path = url.pathname.slice(root.pathname.length);
      return decodeURIComponent(path.replace(/index\.html$/, "").replace(/\.html$/, "/")) + url.hash;
    },

    // A published address as a link of this build.
    linked: function (address) {
      var parts = address.split("#");
      var path = window.kb.fromFiles ? parts[0].replace(/\/$/, ".html") : parts[0];
      return new URL(path, root).href + (parts[1] ? "#" + parts[1] : "");
    },

    // A published address on the site for good (its canonical address), for links and QR codes sent, projected
    // or printed, even from a copy.
    permanent: function (address) {
      var canonical = document.querySelector("link[rel=canonical]");
      var site = canonical ? new URL(config.base.replace(/\/?$/, "/"), canonical.href).href : root.href;
      return site + address;
    }
  };
})();
