"""The layout of a raw text: paragraphs from hard-wrapped lines, numbered parts and their anchors, the
Markdown body; and where one file holds several documents.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from ..text import ARABIC, ARTICLE, DASH, LETTER, ROMAN, slug

_TERMINAL = tuple(".;:!?…”\")")
ARTEFACT = re.compile(r"^\(.*\)$")  # "(Đã ký)", "(Handwritten signature)": a line of its own
NUMBER = re.compile(r"^Số:\s*(?P<num>\d*)\s*/\s*(?P<sign>[\w&.-]+)", re.UNICODE)
DATE = re.compile(r"^(?P<place>[^,]+), ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})\s*$")
# Words that open a preamble's sentence: written with a capital at a line's start, they never continue a wrap.
OPENER = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Để|Theo đề nghị|Kính gửi|Trên cơ sở|Nhằm)\b")
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass
class Block:
    """One paragraph of the source, its lines already joined."""
    text: str
    caps: bool = False
    lines: list[str] = field(default_factory=list)
    first: int = 0  # index of its first line in the text it was read from


def clean_lines(raw: str) -> list[str]:
    """Normalise Unicode, read two-column rows as columns, strip the Markdown markup some extractions carry."""
    text = unicodedata.normalize("NFC", raw.lstrip("\ufeff")).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in columns(text.split("\n")):
        line = re.sub(r"^#+\s*", "", line.strip()).replace("**", "").strip()
        if lines and lines[-1] == "Số:" and re.match(r"\d", line):  # the number on the line under 'Số:'
            lines[-1] = f"Số: {line}"
            continue
        lines.append("" if re.fullmatch(r"_+", line) else line)
    return lines


def columns(lines: list[str]) -> list[str]:
    """The header and signature tables of a document read across their two columns (cells apart by '|' or by a
    wide gap) as a copy reads them down: the left column, then the right; other lines as they are."""
    out, rows = [], []
    for line in lines + [None]:
        cells = _cells(line) if line is not None else None
        if cells:
            rows.append(cells)
            continue
        if rows:
            out += [left for left, _ in rows if left] + [""] + [right for _, right in rows if right] + [""]
            rows = []
        if line is not None:
            out.append(line)
    return out


_PIPED = re.compile(r"^\s*\|(.*)\|\s*$")
_ACROSS = re.compile(r"^\s*(\S.*?\S|\S)\s{3,}(\S.*?)\s*$")
_RIGHT_ONLY = re.compile(r"^\s{12,}(\S.*?)\s*$")


# (left, right) of a row of a two-column table, or None for a line of text.
def _cells(line: str) -> tuple[str, str] | None:
    if (m := _PIPED.match(line)) and len(cells := [c.strip() for c in m[1].split("|")]) == 2:
        return cells[0], cells[1]
    if m := _ACROSS.match(line):
        return m[1], m[2]
    if m := _RIGHT_ONLY.match(line):
        return "", m[1]
    return None


def is_caps(line: str) -> bool:
    """An all-capitals line of a header or signature block (not a numbered heading)."""
    # No small letter (upper() leaves it unchanged), then a word of two letters or more that is not a Roman
    # number ('II/2024.' is the end of a sentence): prose fails the first test at once.
    return line == line.upper() and not ROMAN.match(line) and any(
        len(word) >= 2 and not re.fullmatch("[IVXLC]+", word) for word in re.findall(r"[^\W\d_]+", line))


def opens_part(line: str) -> bool:
    return any(p.match(line) for p in (ROMAN, ARTICLE, ARABIC, LETTER, DASH)) or line.startswith(("Nơi nhận", "Kính gửi"))


def double_spaced(lines: list[str]) -> bool:
    """True when blank lines separate wrapped lines, not paragraphs (most blocks end mid-sentence)."""
    ends = [prev for prev, nxt in zip(lines, lines[1:]) if prev and not nxt]
    open_ends = [e for e in ends if not e.endswith(_TERMINAL)]
    return len(ends) > 10 and len(open_ends) > len(ends) / 2


def join(prev: str, line: str) -> str:
    # "05-" + "CT/TW": a word cut at its hyphen joins without a space.
    if re.search(r"\S-$", prev) and not line.startswith(" "):
        return prev + line
    return prev + " " + line


def dense(lines: list[str]) -> int | None:
    """Where paragraphs are not set apart by blank lines (a PDF's text layer, a copy without them): the length
    of a full line, to tell a wrapped line from the last line of a paragraph; else None."""
    filled = [len(line) for line in lines if line]
    inner = "\n".join(lines).strip("\n").split("\n")  # blank lines around the text say nothing of its paragraphs
    if not filled or sum(1 for line in inner if not line) > len(filled) / 10:
        return None
    return sorted(filled)[int(len(filled) * 0.9)]


def blocks(lines: list[str]) -> list[Block]:
    """Group lines into paragraphs, joining hard-wrapped lines."""
    soft_blanks = double_spaced(lines)
    full = dense(lines)
    out: list[Block] = []
    broken, blanks = True, 0
    for n, line in enumerate(lines):
        if not line:
            blanks += 1
            # Two blank lines in a row break a paragraph even where single ones are wraps.
            broken = broken or not soft_blanks or blanks > 1
            continue
        blanks = 0
        last = out[-1] if out else None
        # A page break inside a sentence: the next page starts in lower case.
        page_break = (last and broken and line[:1].islower() and not opens_part(line)
                      and not last.text.endswith(_TERMINAL))
        # Where blank lines are only wraps, a sentence end before a capital starts a paragraph.
        sentence_break = (soft_blanks or full) and last and not last.caps and line[:1].isupper() \
            and not re.search(r"\w-$", last.text) and (
            last.text.endswith(_TERMINAL) or full and len(last.lines[-1]) < 0.75 * full or OPENER.match(line))
        new = not page_break and (
            broken or last is None or opens_part(line) or is_caps(line) != last.caps or sentence_break
            or NUMBER.match(line) or DATE.match(line) or line.startswith("V/v ") or last.text.endswith("./.")
            or ARTEFACT.match(line)
            or ARTEFACT.match(last.text))
        if new:
            out.append(Block(line, caps=is_caps(line), lines=[line], first=n))
        elif last.caps:
            last.text += "\n" + line
            last.lines.append(line)
        else:
            last.text = join(last.text, line)
            last.lines.append(line)
        broken = False
    return out


def escape(text: str) -> str:
    """Keep the text literal in Markdown: no list, emphasis or HTML from source characters."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", re.sub(r"^([-+])(\s)", r"\\\1\2", text))


class Numbering:
    """Derives permanent anchors (muc-ii-2-a; dieu-3-1-a in a decision) from the numbering of the parts."""

    def __init__(self, top: re.Pattern | None):
        self.top = top  # what opens the parts of the first level (I., Điều 1.), if the text has such parts
        self.prefix = "dieu" if top is ARTICLE else "muc"
        self.path: list[str] = []
        self.dashes = 0

    def anchor(self, text: str) -> tuple[int, str] | None:
        for depth, pattern in enumerate((self.top, ARABIC, LETTER)):
            m = pattern and pattern.match(text)
            if m and (depth or self.top):
                level = depth if self.top else depth - 1
                # đ) follows d) in the same list: "dd" keeps the two anchors apart.
                self.path = self.path[:level] + ["dd" if m["num"] == "đ" else slug(m["num"])]
                self.dashes = 0
                return depth, f"{self.prefix}-" + "-".join(self.path)
        if DASH.match(text) and self.path:
            self.dashes += 1
            return 3, f"{self.prefix}-" + "-".join(self.path) + f"-g{self.dashes}"
        return None


@dataclass
class Part:
    """A paragraph with its place in the numbering: depth 0 (I.), 1 (1.), 2 (a)), 3 (-), None if unnumbered."""
    block: Block
    depth: int | None = None
    anchor: str | None = None
    recipients: bool = False  # a line of "Nơi nhận"

    @property
    def text(self) -> str:
        return self.block.text


def parts(items: list[Block]) -> list[Part]:
    """Number and anchor every paragraph."""
    numbering = Numbering(next((top for top in (ROMAN, ARTICLE) if any(top.match(b.text) for b in items)), None))
    out, recipients, used = [], False, set()
    for b in items:
        if b.text.startswith("Nơi nhận"):
            recipients = True
        elif b.caps:
            recipients = False
        # A number seen twice (a misread '11.' as 'II.' in a scan) opens no second part with the same anchor.
        elif not recipients and (anchored := numbering.anchor(b.text)) and anchored[1] not in used:
            used.add(anchored[1])
            out.append(Part(b, *anchored))
            continue
        out.append(Part(b, recipients=recipients and not b.text.startswith("Nơi nhận")))
    return out


def split(items: list[Block]) -> list[list[Block]]:
    """One file may hold several documents: each further 'Số:' line after a signature starts one."""
    starts, signed = [0], False
    for i, b in enumerate(items):
        if b.text.startswith("Nơi nhận"):
            signed = True
        elif signed and NUMBER.match(b.text):
            # The header of the next document (issuer, motto) sits just above its number.
            while i - 1 > starts[-1] and (items[i - 1].caps or items[i - 1].text.startswith(MOTTO[1])):
                i -= 1
            if i > starts[-1]:
                starts.append(i)
                signed = False
    return [items[a:b] for a, b in zip(starts, starts[1:] + [len(items)])]


def body(items: list[Part]) -> str:
    """Markdown body: headings and anchored paragraphs for numbered parts."""
    out = []
    for p in items:
        b = p.block
        if p.recipients and DASH.match(b.text):
            out.append("- " + escape(b.text[2:]))
        elif b.caps:
            out.append("  \n".join(escape(l) for l in b.lines))
        elif p.anchor is None:
            out.append(escape(b.text))
        elif p.depth is not None and p.depth < 2 and (p.depth == 0 and not ARTICLE.match(b.text) or is_heading(b.text)):
            out.append(f"{'#' * (p.depth + 2)} {escape(b.text)} {{ #{p.anchor} }}")
        else:
            out.append(f"{escape(b.text)}\n{{: #{p.anchor} }}")
    # Recipients form one tight list.
    return re.sub(r"(?m)^(- .*)\n\n(?=- )", r"\1\n", "\n\n".join(out)) + "\n"


def is_heading(text: str) -> bool:
    """A short numbered line without a sentence end is a heading."""
    return len(text) <= 160 and not text.endswith((".", ";"))
