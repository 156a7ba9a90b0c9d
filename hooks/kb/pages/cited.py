"""Cited documents: one page each with every place that cites it, and their index."""

from ..model import Model
from ..records import CitedDocument
from . import common as c

BASE = "../"  # cited pages live in docs/van-ban-trich-dan/


def backlinks(model: Model, doc_id: str) -> str:
    rows = [[c.doc_link(model, page.doc.id, BASE),
             c.section_link(model, page, section.anchor, BASE, c.anchor_label(section.anchor)) if section
             else f"[phần đầu văn bản]({BASE}van-ban/{page.doc.id}.md)"]
            for page, section in model.citations.get(doc_id, [])]
    return c.table("Nơi trích dẫn", ["Văn bản", "Mục"], rows) or "*Chưa có văn bản nào trong kho trích dẫn.*\n"


def render(model: Model, doc: CitedDocument) -> str:
    name = f"{doc.kind} {doc.number}" if doc.number else doc.title or doc.kind
    rows = [["Loại", c.text(doc.kind)], ["Số hiệu", c.text(doc.number)], ["Ngày", c.day(doc.issued)],
            ["Cơ quan ban hành", c.text(doc.issuer)], ["Trích yếu", c.text(doc.title)],
            ["Khối", "Đảng" if doc.branch == "dang" else "Nhà nước"], ["Toàn văn", "chưa có trong kho"]]
    if doc.note:
        rows.append(["Ghi chú", c.text(doc.note)])
    return (f"# {c.text(name)}\n\n" + c.table("Thông tin văn bản trích dẫn", ["Trường", "Giá trị"], rows) +
            f"\n## Được trích dẫn tại {{ #noi-trich-dan }}\n\n{backlinks(model, doc.id)}")


def index(model: Model) -> str:
    """Every cited document, held or not, with the number of places citing it."""
    rows = []
    for doc_id in sorted(model.citations, key=lambda d: (d not in model.pages, d)):
        held = doc_id in model.pages
        cited = model.cited.get(doc_id)
        when = model.pages[doc_id].doc.issued if held else cited.issued
        rows.append([c.doc_link(model, doc_id, BASE), c.day(when) if when else "—",
                     "có" if held else "chưa có", str(len(model.citations[doc_id]))])
    for doc_id in sorted(set(model.cited) - set(model.citations)):
        rows.append([c.doc_link(model, doc_id, BASE), c.day(model.cited[doc_id].issued) if model.cited[doc_id].issued else "—", "chưa có", "0"])
    return c.table("Văn bản được trích dẫn", ["Văn bản", "Ngày", "Toàn văn trong kho", "Số nơi trích dẫn"], rows)
