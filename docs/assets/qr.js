// QR codes drawn in the page (ISO/IEC 18004: byte mode, error correction level M, versions 1-15, the mask with
// the lowest penalty), so that any section's address has one, with nothing computed at build time or fetched.
(function () {
  "use strict";

  // Per version 1-15, level M: [error correction codewords per block, blocks of the first group, their data
  // codewords, blocks of the second group (one data codeword more)].
  var BLOCKS = [null, [10, 1, 16, 0], [16, 1, 28, 0], [26, 1, 44, 0], [18, 2, 32, 0], [24, 2, 43, 0], [16, 4, 27, 0],
    [18, 4, 31, 0], [22, 2, 38, 2], [22, 3, 36, 2], [26, 4, 43, 1], [30, 1, 50, 4], [22, 6, 36, 2], [22, 8, 37, 1],
    [24, 4, 40, 5], [24, 5, 41, 5]];
  var ALIGN = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46],
    [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66], [6, 26, 48, 70]];

  function dataCodewords(v) {
    var b = BLOCKS[v];
    return b[1] * b[2] + b[3] * (b[2] + 1);
  }

  // Product in GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1.
  function times(x, y) {
    var z = 0;
    for (var i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11d);
      z ^= ((y >>> i) & 1) * x;
    }
    return z;
  }

  // The generator polynomial of degree n (its coefficients after the leading 1).
  function divisor(n) {
    var out = [], root = 1;
    for (var i = 0; i < n - 1; i++) out.push(0);
    out.push(1);
    for (var k = 0; k < n; k++) {
      for (var j = 0; j < n; j++) {
        out[j] = times(out[j], root);
        if (j + 1 < n) out[j] ^= out[j + 1];
      }
      root = times(root, 2);
    }
    return out;
  }

  function remainder(data, div) {
    var out = div.map(function () { return 0; });
    data.forEach(function (b) {
      var factor = b ^ out.shift();
      out.push(0);
      div.forEach(function (c, i) { out[i] ^= times(c, factor); });
    });
    return out;
  }

  // The message's codewords: mode, length, bytes, terminator and padding, then blocks interleaved with their
  // error correction.
  function codewords(bytes, v) {
    var bits = [];
    function put(value, n) { for (var i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    var capacity = dataCodewords(v) * 8;
    put(4, 4);
    put(bytes.length, v < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacity - bits.length));
    put(0, (8 - bits.length % 8) % 8);
    for (var pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
    var data = [];
    for (var i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    var b = BLOCKS[v], div = divisor(b[0]), blocks = [], at = 0;
    for (var k = 0; k < b[1] + b[3]; k++) {
      var size = b[2] + (k < b[1] ? 0 : 1);
      blocks.push(data.slice(at, at + size));
      at += size;
    }
    var ecc = blocks.map(function (block) { return remainder(block, div); }), out = [];
    for (var n = 0; n <= b[2]; n++) blocks.forEach(function (block) { if (n < block.length) out.push(block[n]); });
    for (var e = 0; e < b[0]; e++) ecc.forEach(function (c) { out.push(c[e]); });
    return out;
  }

  function Grid(v) {
    this.size = v * 4 + 17;
    this.dark = [];
    this.fixed = [];
    for (var y = 0; y < this.size; y++) {
      this.dark.push(new Array(this.size).fill(false));
      this.fixed.push(new Array(this.size).fill(false));
    }
  }

  Grid.prototype.set = function (x, y, dark) {
    if (x < 0 || y < 0 || x >= this.size || y >= this.size) return;
    this.dark[y][x] = dark;
    this.fixed[y][x] = true;
  };

  // Finder, timing and alignment patterns, the version's bits, and room for the format bits.
  Grid.prototype.patterns = function (v) {
    var n = this.size, self = this;
    for (var i = 0; i < n; i++) { this.set(6, i, i % 2 === 0); this.set(i, 6, i % 2 === 0); }
    [[3, 3], [n - 4, 3], [3, n - 4]].forEach(function (c) {
      for (var dy = -4; dy <= 4; dy++) for (var dx = -4; dx <= 4; dx++) {
        var d = Math.max(Math.abs(dx), Math.abs(dy));
        self.set(c[0] + dx, c[1] + dy, d !== 2 && d !== 4);
      }
    });
    var at = ALIGN[v], last = at.length - 1;
    at.forEach(function (ay, i) {
      at.forEach(function (ax, j) {
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
        for (var dy = -2; dy <= 2; dy++) for (var dx = -2; dx <= 2; dx++) {
          self.set(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      });
    });
    this.format(0);
    if (v >= 7) {
      var rem = v;
      for (var k = 0; k < 12; k++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
      var bits = v << 12 | rem;
      for (var b = 0; b < 18; b++) {
        var dark = ((bits >>> b) & 1) === 1, a = n - 11 + b % 3, c = Math.floor(b / 3);
        this.set(a, c, dark);
        this.set(c, a, dark);
      }
    }
  };

  // Level M (00) and the mask, with their BCH bits, in both copies.
  Grid.prototype.format = function (mask) {
    var data = mask, rem = data, n = this.size;
    for (var i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    var bits = (data << 10 | rem) ^ 0x5412;
    function bit(k) { return ((bits >>> k) & 1) === 1; }
    for (var a = 0; a <= 5; a++) this.set(8, a, bit(a));
    this.set(8, 7, bit(6));
    this.set(8, 8, bit(7));
    this.set(7, 8, bit(8));
    for (var b = 9; b < 15; b++) this.set(14 - b, 8, bit(b));
    for (var c = 0; c < 8; c++) this.set(n - 1 - c, 8, bit(c));
    for (var d = 8; d < 15; d++) this.set(8, n - 15 + d, bit(d));
    this.set(8, n - 8, true);
  };

  // The codewords' bits in the zigzag of two-module columns, right to left, skipping the timing column.
  Grid.prototype.place = function (data) {
    var n = this.size, i = 0;
    for (var right = n - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (var vert = 0; vert < n; vert++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j, y = ((right + 1) & 2) === 0 ? n - 1 - vert : vert;
          if (!this.fixed[y][x] && i < data.length * 8) {
            this.dark[y][x] = ((data[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
            i++;
          }
        }
      }
    }
  };

  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; }, function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; }, function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0; },
    function (x, y) { return x * y % 2 + x * y % 3 === 0; },
    function (x, y) { return (x * y % 2 + x * y % 3) % 2 === 0; },
    function (x, y) { return ((x + y) % 2 + x * y % 3) % 2 === 0; }];

  Grid.prototype.mask = function (k) {
    for (var y = 0; y < this.size; y++) for (var x = 0; x < this.size; x++) {
      if (!this.fixed[y][x] && MASKS[k](x, y)) this.dark[y][x] = !this.dark[y][x];
    }
    this.format(k);
  };

  // The standard's penalty: runs of one colour, 2 × 2 blocks, finder-like patterns, imbalance of dark and light.
  Grid.prototype.penalty = function () {
    var n = this.size, d = this.dark, score = 0, darkCount = 0;
    function lines(get) {
      for (var a = 0; a < n; a++) {
        var run = 1, line = "";
        for (var b = 0; b < n; b++) {
          line += get(a, b) ? "1" : "0";
          if (b > 0 && get(a, b) === get(a, b - 1)) {
            run++;
            if (run === 5) score += 3; else if (run > 5) score++;
          } else run = 1;
        }
        score += 40 * ((line.match(/(?=00001011101|10111010000)/g) || []).length);
      }
    }
    lines(function (y, x) { return d[y][x]; });
    lines(function (x, y) { return d[y][x]; });
    for (var y = 0; y < n; y++) for (var x = 0; x < n; x++) {
      if (d[y][x]) darkCount++;
      if (x < n - 1 && y < n - 1 && d[y][x] === d[y][x + 1] && d[y][x] === d[y + 1][x] && d[y][x] === d[y + 1][x + 1]) score += 3;
    }
    return score + 10 * Math.floor(Math.abs(darkCount * 20 - n * n * 10) / (n * n));
  };

  // The modules of text's QR code: rows of booleans, true for dark.
  function encode(text) {
    var bytes = Array.prototype.slice.call(new TextEncoder().encode(text));
    var v = 1;
    while (v < 15 && 4 + (v < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(v) * 8) v++;
    var data = codewords(bytes, v), best = null, lowest = Infinity;
    for (var k = 0; k < 8; k++) {
      var grid = new Grid(v);
      grid.patterns(v);
      grid.place(data);
      grid.mask(k);
      var p = grid.penalty();
      if (p < lowest) { lowest = p; best = grid; }
    }
    return best.dark;
  }

  // An SVG image of text's QR code, with a quiet zone of four modules.
  window.kbQrImage = function (text) {
    var rows = encode(text), n = rows.length, path = "";
    rows.forEach(function (row, y) { row.forEach(function (dark, x) { if (dark) path += "M" + (x + 4) + " " + (y + 4) + "h1v1h-1z"; }); });
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + (n + 8) + " " + (n + 8) + '" shape-rendering="crispEdges">' +
      '<rect width="100%" height="100%" fill="#fff"/><path d="' + path + '"/></svg>';
    return "data:image/svg+xml," + encodeURIComponent(svg);
  };
})();
