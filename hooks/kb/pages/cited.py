"""Cited documents: one page each with every place that cites it, and their index."""

from .. import addresses as at
from ..model import Model
from ..records import CitedDocument
from . import common as c



def backlinks(model: Model, doc_id: str, out: c.Output) -> str:
    rows = [[c.doc_link(model, page.doc.id, out),
             c.section_link(model, page, section.anchor, out, c.anchor_label(section.anchor)) if section
             else c.a(out.address(at.document(page.doc.id)), "phần đầu văn bản")]
            for page, section in model.citations.get(doc_id, [])]
    return c.listing(out, "noi-trich-dan", "Nơi trích dẫn", ["Văn bản", "Mục"], rows) or c.placeholder("Chưa có văn bản nào trong kho trích dẫn.")


def render(model: Model, doc: CitedDocument, out: c.Output) -> str:
    name = f"{doc.kind} {doc.number}" if doc.number else doc.title or doc.kind
    rows = [["Loại", c.text(doc.kind)], ["Số hiệu", c.text(doc.number)], ["Ngày", c.day(doc.issued)],
            ["Cơ quan ban hành", c.text(doc.issuer)], ["Trích yếu", c.text(doc.title)],
            ["Khối", "Đảng" if doc.branch == "dang" else "Nhà nước"], ["Toàn văn", "chưa có trong kho"]]
    if doc.note:
        rows.append(["Ghi chú", c.text(doc.note)])
    return (f"# {c.text(name)}\n\n" + out.keep(c.table("Thông tin văn bản trích dẫn", ["Trường", "Giá trị"], rows)) +
            f"## Được trích dẫn tại {{ #noi-trich-dan }}\n\n{out.keep(backlinks(model, doc.id, out))}")


def index(model: Model, out: c.Output) -> str:
    """Every cited document, held or not, with the number of places citing it."""
    rows = []
    for doc_id in sorted(model.citations, key=lambda d: (d not in model.pages, d)):
        held = doc_id in model.pages
        cited = model.cited.get(doc_id)
        when = model.pages[doc_id].doc.issued if held else cited.issued
        rows.append([c.doc_link(model, doc_id, out), c.day(when) if when else "—",
                     "có" if held else "chưa có", str(len(model.citations[doc_id]))])
    for doc_id in sorted(set(model.cited) - set(model.citations)):
        rows.append([c.doc_link(model, doc_id, out), c.day(model.cited[doc_id].issued) if model.cited[doc_id].issued else "—", "chưa có", "0"])
    return out.keep(c.listing(out, "van-ban-trich-dan", "Văn bản được trích dẫn", ["Văn bản", "Ngày", "Toàn văn trong kho", "Số nơi trích dẫn"], rows))
