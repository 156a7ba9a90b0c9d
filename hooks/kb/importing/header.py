"""Header fields by the layout Nghị định 30/2020/NĐ-CP prescribes: issuing body, number, place and date,
type and summary (trích yếu), signature block. What the text does not say stays null with a note."""

import re
from dataclasses import dataclass, field

from ..text import fold
from .layout import ARTEFACT, DATE, MOTTO, NUMBER, Part
from .matching import UnitIndex

KINDS = {"CHỈ THỊ": "chi-thi", "KẾ HOẠCH": "ke-hoach", "QUYẾT ĐỊNH": "quyet-dinh", "THÔNG BÁO": "thong-bao",
         "BÁO CÁO": "bao-cao", "NGHỊ QUYẾT": "nghi-quyet", "KẾT LUẬN": "ket-luan"}
_CAPACITY = re.compile(r"^(TM|KT|TL|Q|TUQ)\.\s*(.*)$")
_NAME = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][^\s\d]*\s?){2,5}$")
# Sentences of the preamble that name the issuer: "Ủy ban nhân dân tỉnh ban hành Kế hoạch …".
_ISSUES = re.compile(r"(?:^|[;,.:]\s+)(?P<who>[^;,.:]{3,80}?)\s+(?:ban hành|xây dựng)\s+(?P<kind>Kế hoạch|Chỉ thị|Quyết định|Chương trình)")
_ASKS = re.compile(r"(?:^|[;,.:]\s+)(?P<who>[^;,.:]{3,80}?)\s+yêu cầu\s")
# How titles are written in sentence case (Nghị định 30, appendix: capital letters in administrative texts).
TITLES = ("Ủy ban nhân dân", "Hội đồng nhân dân", "Chủ tịch", "Thủ tướng", "Chánh Văn phòng", "Văn phòng",
          "Giám đốc", "Bộ trưởng", "Thứ trưởng", "Trưởng ban", "Chánh Thanh tra", "Cục trưởng", "Vụ trưởng",
          "Chủ nhiệm", "Tổng Giám đốc", "Chính phủ")


@dataclass
class Header:
    meta: dict
    notes: dict[str, str] = field(default_factory=dict)  # field → why it is null
    proposals: dict[str, str] = field(default_factory=dict)  # field → where the proposed value comes from
    province: str | None = None  # province unit id of the issuer, for reading unit names
    first_body: int = 0  # index of the first part after the header
    stated: dict[str, str] = field(default_factory=dict)  # field → the line of the header that states it
    signature: list[str] = field(default_factory=list)  # the lines of the signature block


def read_header(items: list[Part], index: UnitIndex, full_text: str, scope: str | None = None,
                issuer: bool = True) -> Header:
    """The header's fields; with issuer, the issuing body looked for among the registry units of scope (a
    registry province, '' for one the registry lacks), else of the province whose place the text names most:
    in the header's lines, then in the preamble and the signature."""
    texts = [p.text for p in items]
    h = Header({"loai": None, "so_hieu": None, "trich_yeu": None, "co_quan_ban_hanh": None, "ngay_ban_hanh": None,
                "nguoi_ky": {"ho_ten": None, "chuc_vu": None, "tham_quyen": None}})
    _number(h, texts)
    place = _date(h, texts)
    _kind_and_title(h, texts)
    h.signature = _signature(h, items)
    h.province = scope if scope is not None else index.place_in(" ".join(filter(None, [place, full_text])))
    if issuer:
        _issuer(h, items, index, h.province)
        if not h.meta["co_quan_ban_hanh"]:
            issuer_from_text(h, items, index, h.province)
    return h


def top_lines(items: list[Part]) -> tuple[list[str], str | None]:
    """The header's lines in capitals above the number and date (the motto aside), and the place of its date line."""
    top = []
    for p in items:
        if NUMBER.match(p.text) or DATE.match(p.text) or not p.block.caps and (top or p.depth is not None):
            break  # the header ends where the text begins
        if p.block.caps:
            top += [line for line in p.block.lines if not line.startswith(MOTTO) and line.strip() not in KINDS]
    date = next((m for p in items if (m := DATE.match(p.text))), None)
    return top, date["place"] if date else None


def _number(h: Header, texts: list[str]) -> None:
    num = next((m for t in texts if (m := NUMBER.match(t))), None)
    if num:
        h.stated["so_hieu"] = num.string
    if num and num["num"]:
        h.meta["so_hieu"] = f"{num['num']}/{num['sign']}"
    else:
        h.notes["so_hieu"] = ("Văn bản nguồn không ghi số hiệu." if not num
                              else f"Số hiệu để trống trong văn bản nguồn: '{num.group(0)}'.")


def _date(h: Header, texts: list[str]) -> str | None:
    date = next((m for t in texts if (m := DATE.match(t))), None)
    if date:
        h.stated["ngay_ban_hanh"] = date.string
    if date and date["d"] and date["m"]:
        h.meta["ngay_ban_hanh"] = f"{date['y']}-{int(date['m']):02d}-{int(date['d']):02d}"
    else:
        h.notes["ngay_ban_hanh"] = ("Văn bản nguồn không ghi ngày ban hành." if not date
                                    else f"Ngày để trống trong văn bản nguồn: '{date.group(0)}'.")
    return date["place"] if date else None


def _kind_and_title(h: Header, texts: list[str]) -> None:
    kind = next((i for i, t in enumerate(texts) if t in KINDS), None)
    letter = next((i for i, t in enumerate(texts) if t.startswith("V/v ")), None)
    if kind is not None and (letter is None or kind < letter):
        h.meta["loai"] = KINDS[texts[kind]]
        h.stated["loai"] = texts[kind]
        title = texts[kind + 1] if kind + 1 < len(texts) else ""
        if title and not NUMBER.match(title) and not re.match(r"^(I\.|1\.)", title) and title[:1].isupper():
            h.meta["trich_yeu"] = title
        h.first_body = kind + 2
    elif letter is not None:
        h.meta["loai"] = "cong-van"
        h.stated["loai"] = texts[letter]
        h.meta["trich_yeu"] = texts[letter]
        h.first_body = letter + 1
    else:
        # No title line: the preamble may still say what the text is ("… ban hành Kế hoạch …").
        found = next((m for t in texts[:8] if (m := _ISSUES.search(t))), None)
        if found:
            h.meta["loai"] = KINDS[found["kind"].upper()]
            h.proposals["loai"] = f"suy từ câu \"{found.group(0).strip(' ;,.:')}\"; văn bản nguồn không có dòng tên loại."
    for key in ("loai", "trich_yeu"):
        if h.meta[key] is None:
            h.notes[key] = "Văn bản nguồn không có dòng tên loại và trích yếu." if key == "trich_yeu" else \
                "Không xác định được loại văn bản từ văn bản nguồn."


def _signature(h: Header, items: list[Part]) -> list[str]:
    """The signature block at the end: capacity lines, position, name. Returns its lines."""
    tail = [p for p in items if not ARTEFACT.match(p.text)]
    name = tail[-1].text if tail and not tail[-1].block.caps and _NAME.match(tail[-1].text) else None
    block = tail[-2] if name and len(tail) > 1 else (tail[-1] if tail else None)
    lines = block.block.lines if block and block.block.caps else []
    signer = h.meta["nguoi_ky"]
    if lines:
        signer["ho_ten"] = name
        if name:
            h.stated["nguoi_ky.ho_ten"] = name
        signer["chuc_vu"] = sentence_case(lines[-1])
        capacity = [f"{m[1]}. {sentence_case(m[2])}" for line in lines if (m := _CAPACITY.match(line.strip()))]
        signer["tham_quyen"] = ", ".join(capacity) or None
    if signer["ho_ten"] is None:
        h.notes["nguoi_ky.ho_ten"] = "Khối chữ ký trong văn bản nguồn không có họ tên người ký." if lines else \
            "Văn bản nguồn không có khối chữ ký."
    if signer["chuc_vu"] is None:
        h.notes["nguoi_ky.chuc_vu"] = "Văn bản nguồn không có khối chữ ký."
    return lines


def _issuer(h: Header, items: list[Part], index: UnitIndex, province: str | None) -> None:
    # The issuing body is the last line of the header (a province above a department comes first).
    top, _ = top_lines(items)
    for phrase in (top[-1], " ".join(top)) if top else ():
        units, _ = index.find(phrase, province)
        if units:
            _found(h, index, units[-1], f"tên cơ quan ở đầu văn bản: \"{' '.join(top)}\"")
            h.stated["co_quan_ban_hanh"] = top[-1]
            return


def issuer_from_text(h: Header, items: list[Part], index: UnitIndex, province: str | None) -> None:
    """Where the header names no issuer: a sentence of the preamble ('… ban hành Kế hoạch', '… yêu cầu'), or
    the capacity line of the signature ('TM. Ủy ban nhân dân')."""
    for t in [p.text for p in items[:12] if not p.block.caps and p.depth is None]:
        for m in (_ISSUES.search(t), _ASKS.search(t)):
            units, _ = index.find(m["who"], province) if m else ([], [])
            if units:
                return _found(h, index, units[0], f"câu \"{m.group(0).strip(' ;,.:')}…\"")
    for line in h.signature:
        m = _CAPACITY.match(line.strip())
        if m and m[1] in ("TM", "KT") and (unit := index.signer_unit(m[2], province)):
            return _found(h, index, unit, f"dòng thẩm quyền ký \"{line.strip()}\"")


def _found(h: Header, index: UnitIndex, unit_id: str, why: str) -> None:
    h.meta["co_quan_ban_hanh"] = unit_id
    h.proposals["co_quan_ban_hanh"] = f"'{unit_id}' ({index.model.units[unit_id].name}), đọc từ {why}."
    h.province = index.home[unit_id]


def sentence_case(caps: str) -> str:
    """'PHÓ CHÁNH VĂN PHÒNG' → 'Phó Chánh Văn phòng': lower case, titles capitalised, first letter upper."""
    text = " ".join(caps.split()).lower()
    for title in TITLES:
        text = re.sub(r"\b" + re.escape(title.lower()) + r"\b", title, text)
    return text[:1].upper() + text[1:]


def same_title(a: str | None, b: str | None) -> bool:
    """Two summaries say the same thing, whatever 'Về việc' or 'Về' opens them."""
    return bool(a and b) and title_core(a) == title_core(b)


def title_core(title: str) -> str:
    """A summary's words, folded, without the 'V/v', 'Về việc' or 'Về' that may open it."""
    return re.sub(r"^(v/v|ve viec|ve)\s+", "", " ".join(re.sub(r"[^\w/]+", " ", fold(title)).split()))
