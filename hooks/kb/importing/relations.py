"""Relations from the preamble: the documents a text implements and cites as its basis, matched to the base
and data/van-ban-trich-dan.yml. A document of the base issued above this one is implemented whichever verb cites
it ('Thực hiện', 'Căn cứ'); another is implemented when a sentence opens with 'Thực hiện' or 'Triển khai'. A
document cited without its number is recognised by its kind, issuer and title; one cited with a number that
neither holds becomes a registry entry to confirm, under a provisional id."""

import re
from dataclasses import dataclass, field

from typing import get_args

from ..model import Model
from ..records import Level
from ..text import fold, slug
from .header import KINDS, same_title, title_core

LEVELS = get_args(Level)
_IMPLEMENTS = re.compile(r"^\s*(?:Để\s+)?(?:Thực hiện|Triển khai)\b", re.I)
_KIND_WORDS = ("Chỉ thị|Quyết định|Nghị quyết|Kết luận|Công văn|Kế hoạch|Thông tư|Nghị định|Quy định|Hướng dẫn|"
               "Chương trình hành động|Thông báo|Luật|Pháp lệnh")
_CITATION = re.compile(
    rf"(?P<kind>{_KIND_WORDS})(?:\s+(?P<name>[A-ZĐ][^;,]{{2,80}}?))?\s+số\s+(?P<number>\d+[\w./-]*/[\w./-]*\w)"
    r"(?:,?\s+ngày\s+(?P<date>\d{1,2}(?:/\d{1,2}/| tháng \d{1,2} năm )\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>[^;,.()“\"]{3,80}?))?"
    r"(?:\s+(?:về|quy định|hướng dẫn|sửa đổi)\s+(?P<title>[^;:]{3,300}?))?"
    r"(?=\s*(?:[;:]|$)|[.,()]\s|,?\s+(?:thực hiện|ban hành)\b|,\s+[^,]{3,80}\s+(?:ban hành|xây dựng|yêu cầu|chỉ thị)\b)")
# A document named without its number: 'Chỉ thị của Ủy ban nhân dân tỉnh Hà Tĩnh về tiếp tục …'.
_UNNUMBERED = re.compile(rf"(?P<kind>{_KIND_WORDS})\s+(?!số\b)(?:của\s+(?P<issuer>[^;,]{{3,80}}?)\s+)?về\s+(?P<title>[^;]{{10,}})")
TITLE_PREFIX = 40  # letters of a title that tell one document from another
# What a text does to another, said before the other's number: 'Kế hoạch này thay thế Kế hoạch số …', 'Bãi bỏ
# điểm 6 Chỉ thị số …', 'sửa đổi, bổ sung mục II.3 Kế hoạch số …'; the points named between verb and number.
_ACTS = re.compile(r"\b(?P<verb>thay thế|bãi bỏ|sửa đổi(?:,\s*bổ sung)?)\b(?P<between>[^.;]{0,80}?)$", re.I)
_VERBS = {"thay thế": "thay_the", "bãi bỏ": "bai_bo"}
_POINT = re.compile(r"\b(?:điểm|mục|khoản)\s+(?P<point>[0-9]+|[IVXLC]+(?:\.[0-9]+)?(?:\.[a-zđ])?)(?![\w.])", re.I)
_FROM_DAY = re.compile(r"từ ngày\s+(\d{1,2})[/-](\d{1,2})[/-](\d{4})")
ABBREVIATIONS = {"Chỉ thị": "ct", "Quyết định": "qd", "Nghị quyết": "nq", "Kết luận": "kl", "Công văn": "cv",
                 "Kế hoạch": "kh", "Thông tư": "tt", "Nghị định": "nd", "Quy định": "quy-dinh", "Hướng dẫn": "hd",
                 "Chương trình hành động": "ctr", "Thông báo": "tb", "Luật": "luat", "Pháp lệnh": "pl"}


@dataclass
class Relations:
    implements: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    new_cited: list[dict] = field(default_factory=list)  # entries proposed for data/van-ban-trich-dan.yml
    quoted: dict[str, str] = field(default_factory=dict)  # provisional id → the citation as written


def read_relations(model: Model, title: str | None, preamble: list[str], own_number: str | None,
                   issuer: str | None, siblings: dict[str, str]) -> Relations:
    rel = Relations()
    # A local directive often repeats the title of the one above it, word for word (a title that cites a
    # document by its number says which one it is).
    for doc_id, page in model.pages.items():
        if same_title(title, page.doc.title) and _above(model, page.doc.issuer, issuer) \
                and not _CITATION.search(title or ""):
            rel.implements.append(doc_id)
    for text in filter(None, [title, *preamble]):
        # A copy of this very document already in the base is not a relation.
        cited = [(s, e, t) for s, e, t in model.citations_in(text) if not own_number or _number_at(model, t) != own_number]
        cited += [(m.start(), m.end(), doc_id) for number, doc_id in siblings.items() if number != own_number
                  for m in re.finditer(r"(?<![\w/])" + re.escape(number) + r"(?![\w/])", text)]
        cited += _unnumbered(model, text, issuer)
        implementing = text is title or bool(_IMPLEMENTS.match(text))
        if text is not title:
            for entry in _unknown(text, cited, own_number):
                cited.append((0, 0, entry["id"]))
                rel.new_cited.append(entry)
        rel.implements += [t for _, _, t in cited
                           if implementing or t in model.pages and _above(model, model.pages[t].doc.issuer, issuer)]
        rel.basis += [t for _, _, t in cited]
    rel.implements = _nearest(model, list(dict.fromkeys(rel.implements)))
    rel.basis = list(dict.fromkeys(rel.implements + rel.basis))
    rel.new_cited = list({e["id"]: e for e in rel.new_cited}.values())
    return rel


def _nearest(model: Model, implemented: list[str]) -> list[str]:
    # A document implements the one just above it: one that another cited document already implements (the
    # national directive a city's letter forwards) stays a basis only, and the hierarchy keeps one path.
    above = set()
    for doc_id in implemented:
        stack = list(model.pages[doc_id].doc.implements) if doc_id in model.pages else []
        while stack:
            if (up := stack.pop()) not in above:
                above.add(up)
                stack += model.pages[up].doc.implements if up in model.pages else []
    return [d for d in implemented if d not in above]


def _above(model: Model, cited_issuer: str | None, issuer: str | None) -> bool:
    # Levels are listed from the national government down (records.Level); an issuer not known ranks lowest.
    def rank(unit_id):
        unit = model.units.get(unit_id or "")
        return LEVELS.index(unit.level) if unit else len(LEVELS)
    return rank(cited_issuer) < rank(issuer)


def read_acts(model: Model, texts: list[str], own_number: str | None) -> dict[str, list[dict]]:
    """What the text says it does to documents of the base: thay_the, sua_doi, bai_bo entries (the points named
    when the base has them, the day named after 'từ ngày'), for the editor to confirm."""
    out: dict[str, list[dict]] = {}
    for text in texts:
        for start, _, target in model.citations_in(text):
            said = _ACTS.search(text[:start])
            if not said or target not in model.pages or _number_at(model, target) == own_number:
                continue
            kind = _VERBS.get(said["verb"].lower(), "sua_doi")
            sections = model.pages[target].sections
            points = [anchor for m in _POINT.finditer(said["between"])
                      if (anchor := "muc-" + m["point"].lower().replace(".", "-")) in sections]
            day = _FROM_DAY.search(text[start:])
            change = {"van_ban": target} | ({"diem": points} if points else {})
            change |= {"tu_ngay": f"{day[3]}-{int(day[2]):02d}-{int(day[1]):02d}"} if day else {}
            out.setdefault(kind, []).append(change)
    return out


def _number_at(model: Model, doc_id: str) -> str | None:
    page = model.pages.get(doc_id)
    return page.doc.number if page else None


def _unnumbered(model: Model, text: str, issuer: str | None) -> list[tuple[int, int, str]]:
    # Documents of the base of the kind named, whose title the words after 'về' begin, issued by the body named
    # (or, when none is named, the only one above this document's issuer).
    out = []
    for m in _UNNUMBERED.finditer(text):
        said = _letters(m["title"])[:TITLE_PREFIX]
        fits = [doc_id for doc_id, page in model.pages.items()
                if KINDS.get(m["kind"].upper()) == page.doc.kind and _letters(title_core(page.doc.title or "")).startswith(said)
                and _above(model, page.doc.issuer, issuer)]
        if m["issuer"]:
            fits = [d for d in fits if _letters(m["issuer"]) in _letters(_unit_name(model, model.pages[d].doc.issuer))]
        if len(fits) == 1:
            out.append((m.start(), m.end(), fits[0]))
    return out


def _unit_name(model: Model, unit_id: str | None) -> str:
    unit = model.units.get(unit_id or "")
    return unit.name if unit else ""


def _letters(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))


def _unknown(text: str, known: list[tuple[int, int, str]], own_number: str | None) -> list[dict]:
    # A document cited with its number that neither the base nor the registry holds, as a registry entry; what
    # the citation does not say stays null.
    out = []
    for m in _CITATION.finditer(text):
        if m["number"] == own_number or any(s <= m.start("number") < e for s, e, _ in known):
            continue
        date = m["date"] and re.split(r"/| tháng | năm ", m["date"])
        issued = f"{date[2]}-{int(date[1]):02d}-{int(date[0]):02d}" if date else None
        year = "" if re.search(r"/(19|20)\d\d/", m["number"]) or not issued else issued[:4]
        out.append({"id": slug(f"{ABBREVIATIONS[m['kind']]} {m['number']} {year}"), "so_hieu": m["number"],
                    "loai": m["kind"], "ngay": issued, "co_quan": m["issuer"],
                    "trich_yeu": _title(m),
                    # Party numbers put the kind after a hyphen: 25-NQ/TW, 05-CT/TU.
                    "khoi": "dang" if re.match(r"\d+-[A-ZĐ]+/", m["number"]) else "nha-nuoc",
                    "nguyen_van": " ".join(m.group(0).split())})
    return out


def _title(m: re.Match) -> str | None:
    # What a citation says the act is about: the words after 'về', else a law's name ('Luật Thực hiện dân chủ …').
    title = m["title"] or (f"{m['kind']} {m['name']}" if m["name"] else None)
    return " ".join(title.split()) if title else None
