"""Relations from the preamble: the documents a text implements ('Thực hiện …', 'Triển khai …') and cites as its
basis, matched to the base and data/van-ban-trich-dan.yml; citations of unknown documents become proposals."""

import re
from dataclasses import dataclass, field

from typing import get_args

from ..model import Model
from ..records import Level
from .header import same_title

LEVELS = get_args(Level)
_IMPLEMENTS = re.compile(r"^\s*(?:Thực hiện|Triển khai)\b", re.I)
_CITATION = re.compile(
    r"(?P<kind>Chỉ thị|Quyết định|Nghị quyết|Kết luận|Công văn|Kế hoạch|Thông tư|Nghị định|Quy định|Hướng dẫn"
    r"|Chương trình hành động)\s+số\s+(?P<number>\d+[\w./-]*/[\w./-]*\w)"
    r"(?:,?\s+ngày\s+(?P<date>\d{1,2}(?:/\d{1,2}/| tháng \d{1,2} năm )\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>[^;,.()“\"]{3,60}?))?(?=\s+(?:về|thực hiện|ban hành)|[;,.()“\"]|$)")


@dataclass
class Relations:
    implements: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    new_cited: list[dict] = field(default_factory=list)  # entries proposed for data/van-ban-trich-dan.yml


def read_relations(model: Model, title: str | None, preamble: list[str], own_number: str | None,
                   issuer: str | None, siblings: dict[str, str]) -> Relations:
    rel = Relations()
    # A local directive often repeats the title of the one above it, word for word.
    for doc_id, page in model.pages.items():
        if same_title(title, page.doc.title) and _rank(model, page.doc.issuer) < _rank(model, issuer):
            rel.implements.append(doc_id)
    for text in filter(None, [title, *preamble]):
        # A copy of this very document already in the base is not a relation.
        cited = [(s, e, t) for s, e, t in model.citations_in(text) if not own_number or _number_at(model, t) != own_number]
        cited += [(m.start(), m.end(), doc_id) for number, doc_id in siblings.items() if number != own_number
                  for m in re.finditer(r"(?<![\w/])" + re.escape(number) + r"(?![\w/])", text)]
        if text is title or _IMPLEMENTS.match(text):
            rel.implements += [t for _, _, t in cited]
        rel.basis += [t for _, _, t in cited]
        if text is not title:
            rel.new_cited += _unknown(text, cited, own_number)
    rel.implements = list(dict.fromkeys(rel.implements))
    rel.basis = list(dict.fromkeys(rel.implements + rel.basis))
    return rel


def _rank(model: Model, unit_id: str | None) -> int:
    # Levels are listed from the national government down (records.Level).
    unit = model.units.get(unit_id or "")
    return LEVELS.index(unit.level) if unit else len(LEVELS)


def _number_at(model: Model, doc_id: str) -> str | None:
    page = model.pages.get(doc_id)
    return page.doc.number if page else None


def _unknown(text: str, known: list[tuple[int, int, str]], own_number: str | None) -> list[dict]:
    # A document cited with its number that neither the base nor the registry holds.
    out = []
    for m in _CITATION.finditer(text):
        if m["number"] == own_number or any(s <= m.start("number") < e for s, e, _ in known):
            continue
        date = m["date"] and re.split(r"/| tháng | năm ", m["date"])
        out.append({"so_hieu": m["number"], "loai": m["kind"],
                    "ngay": f"{date[2]}-{int(date[1]):02d}-{int(date[0]):02d}" if date else None,
                    "co_quan": m["issuer"], "nguyen_van": " ".join(m.group(0).split())})
    return out
