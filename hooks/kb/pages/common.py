"""Small Markdown helpers shared by the renderers: escaping, links, labels, dates."""

import html
import re
from datetime import date

from ..model import Model, Page
from ..records import Deadline, Task

UNKNOWN = "*không có trong văn bản nguồn*"
DOC_KINDS = {"chi-thi": "Chỉ thị", "ke-hoach": "Kế hoạch", "cong-van": "Công văn", "quyet-dinh": "Quyết định",
             "nghi-quyet": "Nghị quyết", "ket-luan": "Kết luận", "thong-bao": "Thông báo", "bao-cao": "Báo cáo"}
STATUSES = {"du-thao": "Dự thảo", "da-ban-hanh": "Đã ban hành", "het-hieu-luc": "Hết hiệu lực"}
LEVELS = {"trung-uong": "Trung ương", "bo-nganh": "Bộ, ngành", "tinh": "Tỉnh, thành phố", "so-nganh": "Sở, ngành",
          "huyen": "Huyện", "xa": "Xã", "don-vi-su-nghiep": "Đơn vị sự nghiệp", "phong-ban": "Phòng, ban",
          "dang": "Đảng", "doan-the": "Đoàn thể"}
DOC_LEVELS = {"trung-uong": "Trung ương", "tinh": "Tỉnh, thành phố", "so-nganh": "Sở, ngành"}
ROLES = {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp", "bao_cao_cho": "Nhận báo cáo"}


def text(value: str | None) -> str:
    """Content is data: HTML escaped, Markdown punctuation neutralised, one line."""
    if value is None:
        return UNKNOWN
    value = html.escape(re.sub(r"\s+", " ", value).strip(), quote=False)
    return re.sub(r"([\\`*_\[\]|{}#])", r"\\\1", value)


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else UNKNOWN


def title(model: Model, page: Page) -> str:
    """Display name: kind and number, or the issuer when the number is unknown."""
    doc = page.doc
    kind = DOC_KINDS.get(doc.kind or "", "Văn bản")
    if doc.number:
        return f"{kind} {doc.number}"
    issuer = model.units.get(doc.issuer or "")
    who = issuer.short_name or issuer.name if issuer else "cơ quan chưa xác định"
    return f"{kind} của {who} (chưa có số hiệu)"


def doc_link(model: Model, doc_id: str, base: str) -> str:
    """Link to a held document, or to the page of a cited one (marked as not held)."""
    if doc_id in model.pages:
        return f"[{text(title(model, model.pages[doc_id]))}]({base}van-ban/{doc_id}.md)"
    cited = model.cited.get(doc_id)
    if cited:
        name = f"{cited.kind} {cited.number}" if cited.number else cited.title or cited.kind
        return f"[{text(name)}]({base}van-ban-trich-dan/{doc_id}.md) (chưa có trong kho)"
    return text(doc_id)


def unit_link(model: Model, unit_id: str, base: str, full: bool = False) -> str:
    unit = model.units.get(unit_id)
    name = unit and (unit.name if full else unit.short_name or unit.name)
    return f"[{text(name)}]({base}don-vi/{unit_id}.md)" if unit else text(unit_id)


def units(model: Model, ids: list[str], base: str) -> str:
    return "; ".join(unit_link(model, i, base) for i in ids) or "—"


def section_link(model: Model, page: Page, anchor: str, base: str, label: str | None = None) -> str:
    section = page.sections.get(anchor)
    shown = label or (section.title[:60] + "…" if section and len(section.title) > 60 else section.title if section else anchor)
    return f"[{text(shown)}]({base}van-ban/{page.doc.id}.md#{anchor})"


def task_ref_link(model: Model, ref: str, base: str) -> str:
    """'doc/code' → 'Chỉ thị 33/CT-TTg, mục 6' linking to the section."""
    found = model.task(ref)
    if not found:
        return text(ref)
    page, task = found
    return f"[{text(title(model, page))} – {text(point_label(task))}]({base}van-ban/{page.doc.id}.md#{task.anchor})"


def point_label(task: Task) -> str:
    """Human label of a task's place: 'điểm 6', 'mục II.1', 'tổ chức thực hiện'."""
    return anchor_label(task.anchor)


def anchor_label(anchor: str) -> str:
    if not anchor.startswith("muc-"):
        return NAMED_ANCHORS.get(anchor, anchor)
    parts = anchor[4:].split("-")
    roman = bool(re.fullmatch(r"[ivx]+", parts[0]))
    shown = [parts[0].upper() if roman else parts[0]] + [{"dd": "đ"}.get(p, p) for p in parts[1:]]
    return ("mục " if roman else "điểm ") + ".".join(shown)


NAMED_ANCHORS = {"to-chuc-thuc-hien": "tổ chức thực hiện", "mo-dau": "phần mở đầu", "giao-nhiem-vu": "giao nhiệm vụ"}


def deadline(d: Deadline) -> str:
    """'15/12 hằng năm' with the original wording."""
    when = {"mot-lan": lambda: day(d.on), "trong-thang": lambda: f"trong tháng {d.month[5:]}/{d.month[:4]}",
            "hang-nam": lambda: f"{d.day_month} hằng năm", "sau-thang": lambda: f"{d.day_month}, 6 tháng một lần",
            "hang-quy": lambda: f"{d.day_month}, hằng quý", "thuong-xuyen": lambda: "thường xuyên"}[d.kind]()
    report = f"{text(d.report)}: " if d.report else ""
    return f"{report}**{when}** (“{text(d.wording)}”)"


def deadlines(task: Task) -> str:
    return "<br>".join(deadline(d) for d in task.deadlines) or "—"


def table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with a caption; cells already escaped."""
    if not rows:
        return ""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + f"\n\n/// caption\n{caption}\n///\n"
