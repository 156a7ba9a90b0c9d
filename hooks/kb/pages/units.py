"""Unit pages: every task a unit leads, co-operates on or receives, and the index of units."""

from .. import addresses as at, calendar as cal
from ..model import Model
from ..records import Unit
from . import calendar, common as c, reports



def _status(model: Model, unit: Unit, out: c.Output) -> str:
    # A dissolved unit says who carries on, and on what basis.
    if not unit.valid_to:
        return ""
    successor = c.unit_link(model, unit.successor, out) if unit.successor else "chưa có văn bản nêu đơn vị kế thừa trong kho"
    basis = f" Căn cứ: {c.text(unit.successor_basis)}." if unit.successor_basis else ""
    return c.admonition("warning", f"Không còn tồn tại như trước từ {c.day(unit.valid_to)}", f"<p>Đơn vị kế thừa: {successor}.{basis}</p>")


def facts(model: Model, unit: Unit, out: c.Output) -> str:
    rows = [["Tên đầy đủ", c.text(unit.name)], ["Tên ngắn", c.text(unit.short_name) if unit.short_name else "—"],
            ["Cấp", c.LEVELS[unit.level]],
            ["Trực thuộc", c.unit_link(model, unit.parent, out) if unit.parent else "—"],
            ["Hiệu lực", _validity(unit)]]
    if unit.collective:
        members = sorted(model.members.get(unit.id, ()))
        rows.append(["Đối tượng tập thể, gồm", c.units(model, members, out) if members else "chưa có đơn vị thành viên trong danh mục"])
    groups = sorted(g for g, members in model.members.items() if unit.id in members)
    if groups:
        rows.append(["Thuộc các đối tượng tập thể", c.units(model, groups, out)])
    if unit.note:
        rows.append(["Ghi chú", c.text(unit.note)])
    return c.table(f"Thông tin đơn vị {c.text(unit.short_name or unit.name)}", ["Trường", "Giá trị"], rows)


# When the unit exists: from/to as far as the registry knows, unknown dates said as unknown.
def _validity(unit: Unit) -> str:
    if not unit.valid_from:
        return f"đến {c.day(unit.valid_to)} (chưa ghi ngày thành lập)" if unit.valid_to else "đang hoạt động (chưa ghi ngày thành lập)"
    return f"từ {c.day(unit.valid_from)} " + (f"đến {c.day(unit.valid_to)}" if unit.valid_to else "đến nay")


def assignments(model: Model, unit: Unit, out: c.Output) -> str:
    """Tasks of the unit grouped by document level, then document; those of documents (or points) no longer in
    force apart, folded, on request."""
    items = model.assignments.get(unit.id, [])
    if not items:
        return out.keep(c.placeholder("Chưa có nhiệm vụ nào trong các văn bản của kho giao cho đơn vị này."))
    today = cal.today()
    ended = [a for a in items if (last := model.until(a.page, a.task)) and last < today]
    current = [a for a in items if a not in ended]
    old = "".join(f"<h4>{label}</h4>\n{table}" for label, table in _by_level(model, unit, ended, out, "nhiem-vu-het-hieu-luc"))
    old = out.keep(c.admonition("info", f"Nhiệm vụ của văn bản, mục không còn hiệu lực ({len(ended)})", old, collapsed=True)) if ended else ""
    return "\n".join(f"### {label}\n\n" + out.keep(table) for label, table in _by_level(model, unit, current, out, "nhiem-vu")) + old


# (level, table) for each document level that has tasks.
def _by_level(model: Model, unit: Unit, items, out: c.Output, name: str) -> list[tuple[str, str]]:
    parts = []
    for level, label in c.DOC_LEVELS.items():
        rows = []
        for a in items:
            if model.level_of(a.page) != level:
                continue
            via = "qua " + c.unit_link(model, a.via, out) if a.via else c.Cell("trực tiếp")
            rows.append([c.doc_link(model, a.page.doc.id, out), c.section_link(model, a.page, a.task.anchor, out, c.point_label(a.task)),
                         c.text(a.task.summary), c.Cell(c.ROLES[a.role]), via, c.deadlines(a.task)])
        if rows:
            parts.append((label, c.listing(out, name, f"Nhiệm vụ cấp {label.lower()} của {c.text(unit.short_name or unit.name)}",
                                           ["Văn bản", "Mục", "Nhiệm vụ", "Vai trò", "Giao", "Thời hạn"], rows)))
    return parts


def deadlines(model: Model, unit: Unit, out: c.Output) -> str:
    """The unit's own coming deadlines, and its calendar feed."""
    tasks = [(a.page, a.task) for a in model.assignments.get(unit.id, []) if a.role != "bao_cao_cho"]
    table = calendar.upcoming(model, cal.today(), out, tasks, f"Hạn sắp tới của {c.text(unit.short_name or unit.name)}")
    feed = out.file(f"{calendar.FEED_DIR}/{unit.id}.ics")
    return (f'{table}\n<p><a href="{feed}" download>Đăng ký lịch báo cáo của đơn vị (iCalendar)</a> '
            f"— thêm địa chỉ này vào ứng dụng lịch để nhận mọi hạn, kèm liên kết tới văn bản.</p>")


def render(model: Model, unit: Unit, out: c.Output) -> str:
    count = len(model.assignments.get(unit.id, []))
    return (f"# {c.text(unit.name)}\n\n{out.keep(_status(model, unit, out) + facts(model, unit, out))}"
            f"## Hạn sắp tới {{ #han-sap-toi }}\n\n{out.keep(deadlines(model, unit, out))}"
            f"## Báo cáo đã nộp và còn thiếu {{ #theo-doi-bao-cao }}\n\n{out.keep(reports.for_unit(model, unit, out))}"
            f"## Nhiệm vụ ({count}) {{ #nhiem-vu }}\n\n{assignments(model, unit, out)}")


def index(model: Model, out: c.Output) -> str:
    """All units by level, with task counts by role."""
    parts = []
    for level, label in c.LEVELS.items():
        rows = []
        for unit in sorted((u for u in model.units.values() if u.level == level), key=lambda u: u.name):
            roles = [a.role for a in model.assignments.get(unit.id, [])]
            rows.append([c.a(out.address(at.unit(unit.id)), c.text(unit.name)) + (" " + c.tag("em", "(tập thể)") if unit.collective else ""),
                         c.unit_link(model, unit.parent, out) if unit.parent else c.Cell("—")]
                        + [c.Cell(str(roles.count(role))) for role in ("chu_tri", "phoi_hop", "bao_cao_cho")]
                        + [c.Cell("còn") if not unit.valid_to else "đến " + c.day(unit.valid_to)])
        if rows:
            parts.append(f"## {label}\n\n" + out.keep(c.listing(out, "don-vi", f"Đơn vị cấp {label.lower()}", ["Đơn vị", "Trực thuộc", "Chủ trì", "Phối hợp", "Nhận báo cáo", "Hiệu lực"], rows)))
    return "\n".join(parts)
