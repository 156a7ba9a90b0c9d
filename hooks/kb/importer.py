"""Turn a raw text extracted from a PDF into a draft document (front matter + body).

Only facts found with certainty are filled in; everything else is null with a note.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .text import ARABIC, DASH, LETTER, ROMAN, slug

_TERMINAL = tuple(".;:!?…”\")")
_DOC_TYPES = {"CHỈ THỊ": "chi-thi", "KẾ HOẠCH": "ke-hoach", "QUYẾT ĐỊNH": "quyet-dinh",
              "THÔNG BÁO": "thong-bao", "BÁO CÁO": "bao-cao"}
_NUMBER = re.compile(r"^Số:\s*(?P<num>\d*)\s*/\s*(?P<sign>[\w&.-]+)", re.UNICODE)
_DATE = re.compile(r"^(?P<place>[^,]+), ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})\s*$")
_CAPACITY = re.compile(r"^(TM|KT|TL|Q|TUQ)\.\s")


@dataclass
class Block:
    """One paragraph of the source, its lines already joined."""
    text: str
    caps: bool = False
    lines: list[str] = field(default_factory=list)


def clean_lines(raw: str) -> list[str]:
    """Normalise Unicode and strip the Markdown markup some extractions carry."""
    text = unicodedata.normalize("NFC", raw.lstrip("\ufeff")).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^#+\s*", "", line.strip()).replace("**", "").strip()
        lines.append("" if re.fullmatch(r"_+", line) else line)
    return lines


def is_caps(line: str) -> bool:
    """An all-capitals line of a header or signature block (not a numbered heading)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not ROMAN.match(line)


def opens_part(line: str) -> bool:
    return any(p.match(line) for p in (ROMAN, ARABIC, LETTER, DASH)) or line.startswith(("Nơi nhận", "Kính gửi"))


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


def blocks(lines: list[str]) -> list[Block]:
    """Group lines into paragraphs, joining hard-wrapped lines."""
    soft_blanks = double_spaced(lines)
    out: list[Block] = []
    broken, blanks = True, 0
    for line in lines:
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
        sentence_break = soft_blanks and last and not last.caps and last.text.endswith(_TERMINAL) and line[:1].isupper()
        new = not page_break and (
            broken or last is None or opens_part(line) or is_caps(line) != last.caps or sentence_break
            or _NUMBER.match(line) or _DATE.match(line) or last.text.endswith("./."))
        if new:
            out.append(Block(line, caps=is_caps(line), lines=[line]))
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
    """Derives permanent anchors (muc-ii-2-a) from the numbering of the parts."""

    def __init__(self, has_roman: bool):
        self.has_roman = has_roman
        self.path: list[str] = []
        self.dashes = 0

    def anchor(self, text: str) -> tuple[int, str] | None:
        for depth, pattern in enumerate((ROMAN, ARABIC, LETTER)):
            m = pattern.match(text)
            if m and (depth or self.has_roman):
                level = depth if self.has_roman else depth - 1
                # đ) follows d) in the same list: "dd" keeps the two anchors apart.
                self.path = self.path[:level] + ["dd" if m["num"] == "đ" else slug(m["num"])]
                self.dashes = 0
                return depth, "muc-" + "-".join(self.path)
        if DASH.match(text) and self.path:
            self.dashes += 1
            return 3, "muc-" + "-".join(self.path) + f"-g{self.dashes}"
        return None


def body(items: list[Block]) -> str:
    """Markdown body: headings and anchored paragraphs for numbered parts."""
    numbering = Numbering(any(ROMAN.match(b.text) for b in items))
    out, recipients = [], False
    for b in items:
        if b.text.startswith("Nơi nhận"):
            recipients = True
            out.append(escape(b.text))
            continue
        if recipients and DASH.match(b.text):
            out.append("- " + escape(b.text[2:]))
            continue
        if b.caps:
            recipients = False
            out.append("  \n".join(escape(l) for l in b.lines))
            continue
        anchored = numbering.anchor(b.text)
        if anchored is None:
            out.append(escape(b.text))
            continue
        depth, anchor = anchored
        title = depth < 2 and len(b.text) <= 160 and not b.text.endswith((".", ";"))
        if depth == 0 or title:
            out.append(f"{'#' * (depth + 2)} {escape(b.text)} {{ #{anchor} }}")
        else:
            out.append(f"{escape(b.text)}\n{{: #{anchor} }}")
    # Recipients form one tight list.
    return re.sub(r"(?m)^(- .*)\n\n(?=- )", r"\1\n", "\n\n".join(out)) + "\n"


def front_matter(items: list[Block], source: str) -> dict:
    """Skeleton metadata: values found with certainty, else null with a note."""
    meta: dict = {"id": None, "loai": None, "so_hieu": None, "trich_yeu": None,
                  "co_quan_ban_hanh": None, "ngay_ban_hanh": None,
                  "nguoi_ky": {"ho_ten": None, "chuc_vu": None, "tham_quyen": None},
                  "tinh_trang": "du-thao", "trien_khai": [], "can_cu": [], "nhiem_vu": [],
                  "nguon": source}
    notes = {"co_quan_ban_hanh": "Biên tập viên chọn mã đơn vị trong data/don-vi.yml."}
    texts = [b.text for b in items]
    num = next((_NUMBER.match(t) for t in texts if _NUMBER.match(t)), None)
    if num and num["num"]:
        meta["so_hieu"] = f"{num['num']}/{num['sign']}"
    else:
        notes["so_hieu"] = "Văn bản nguồn không ghi số hiệu." if not num else f"Số hiệu để trống trong văn bản nguồn: '{num.group(0)}'."
    date = next((_DATE.match(t) for t in texts if _DATE.match(t)), None)
    if date and date["d"] and date["m"]:
        meta["ngay_ban_hanh"] = f"{date['y']}-{int(date['m']):02d}-{int(date['d']):02d}"
    else:
        notes["ngay_ban_hanh"] = "Văn bản nguồn không ghi ngày ban hành." if not date else f"Ngày để trống trong văn bản nguồn: '{date.group(0)}'."
    kind = next((i for i, t in enumerate(texts) if t in _DOC_TYPES), None)
    letter = next((i for i, t in enumerate(texts) if t.startswith("V/v ")), None)
    if kind is not None and (letter is None or kind < letter):
        meta["loai"] = _DOC_TYPES[texts[kind]]
        if kind + 1 < len(texts) and not opens_part(texts[kind + 1]):
            meta["trich_yeu"] = texts[kind + 1]
    elif letter is not None:
        meta["loai"] = "cong-van"
        meta["trich_yeu"] = texts[letter][4:]
    for key in ("loai", "trich_yeu"):
        if meta[key] is None:
            notes[key] = "Không xác định được chắc chắn từ văn bản nguồn."
    signer = items[-1].text if items and not items[-1].caps and len(items[-1].text.split()) <= 5 else None
    caps_before = items[-2].lines if signer and len(items) > 1 and items[-2].caps else []
    if signer and caps_before:
        meta["nguoi_ky"]["ho_ten"] = signer
        meta["nguoi_ky"]["chuc_vu"] = caps_before[-1].capitalize()
        capacity = [l.split(" ", 1)[0] for l in caps_before if _CAPACITY.match(l)]
        meta["nguoi_ky"]["tham_quyen"] = " ".join(capacity) or None
    # A provisional id: kind, number and year when known, else the source's name.
    known = [meta["loai"], meta["so_hieu"], (meta["ngay_ban_hanh"] or "")[:4]]
    meta["id"] = slug(" ".join(k for k in known if k)) if meta["so_hieu"] else "nhap-" + slug(source.rsplit(".", 1)[0])
    for key in ("ho_ten", "chuc_vu"):
        if meta["nguoi_ky"][key] is None:
            notes[f"nguoi_ky.{key}"] = "Văn bản nguồn không ghi."
    meta["ghi_chu_bien_tap"] = [{"truong": k, "noi_dung": v} for k, v in notes.items()]
    return meta


def draft(raw: str, source: str) -> str:
    """The whole draft Markdown file for one raw text."""
    items = blocks(clean_lines(raw))
    meta = yaml.safe_dump(front_matter(items, source), allow_unicode=True, sort_keys=False)
    return f"---\n{meta}---\n\n{body(items)}"
