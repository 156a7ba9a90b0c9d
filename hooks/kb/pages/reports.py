"""Who has reported: statuses on unit and document pages, the overdue list, counts, charts drawn as SVG."""

import html

from .. import calendar as cal, derived, tracking as tr
from ..model import Model, Page
from ..records import Unit
from . import common as c

NOTHING = ("Kho chưa ghi nhận báo cáo nào (văn bản loại <code>bao-cao</code>), nên chưa theo dõi được đơn vị nào đã "
           "báo cáo: các hạn vẫn có trong lịch báo cáo, nhưng kho không nói đơn vị nào đã nộp hay chưa nộp.")
FOLLOWED = ("Một thời hạn được theo dõi từ kỳ đầu tiên có báo cáo trong kho; mỗi đơn vị phải báo cáo (đơn vị chủ trì, "
            "đối tượng tập thể được tính theo từng đơn vị thành viên) có một dòng cho mỗi kỳ.")
HEADER = ["Hạn", "Kỳ", "Nhiệm vụ", "Đơn vị", "Tình trạng"]
COUNTED = [("Đúng hạn", (tr.ON_TIME, tr.UNDATED)), ("Trễ hạn", (tr.LATE,)), ("Quá hạn, chưa báo cáo", (tr.OVERDUE,)),
           ("Chưa đến hạn", (tr.NOT_DUE,))]


def status(model: Model, due: tr.Due, out: c.Output) -> c.Cell:
    """'đã báo cáo, trễ 3 ngày' with the report linked, or what is missing."""
    words = {tr.ON_TIME: "đã báo cáo đúng hạn", tr.LATE: f"đã báo cáo, trễ {due.days} ngày",
             tr.UNDATED: "đã báo cáo (không rõ ngày)", tr.NOT_DUE: f"chưa đến hạn (còn {due.days} ngày)",
             tr.OVERDUE: f"quá hạn {due.days} ngày, chưa có báo cáo"}[due.status]
    # A period not yet reported is worked out again for the reader's day (assets/kho.js): it may be overdue by now.
    dated = f' data-ngay="{due.day.isoformat()}"' if due.status in (tr.NOT_DUE, tr.OVERDUE) else ""
    shown = c.tag("span", words, f' class="kb-status-{due.status}{" kb-cho" if dated else ""}"{dated}')
    return shown + (": " + c.doc_link(model, due.report.doc.id, out) if due.report else "")


def _rows(model: Model, dues: list[tr.Due], out: c.Output) -> list[list[c.Cell]]:
    return [[c.day(d.day), c.Cell(d.period), c.task_ref_link(model, f"{d.page.doc.id}/{d.task.code}", out),
             c.unit_link(model, d.unit, out), status(model, d, out)] for d in dues]


def _none(model: Model, text: str) -> str:
    return c.placeholder(text if model.reports else NOTHING)


def for_unit(model: Model, unit: Unit, out: c.Output) -> str:
    """The periods this unit owes, with what it has filed."""
    mine = derived.of(model).by_unit.get(unit.id, [])
    return (c.listing(out, "bao-cao", f"Báo cáo của {c.text(unit.short_name or unit.name)} theo từng kỳ", HEADER, _rows(model, mine, out))
            or _none(model, "Không có kỳ báo cáo nào của đơn vị này đang được theo dõi."))


def for_document(model: Model, page: Page, out: c.Output) -> str:
    """The periods of this document's tasks, unit by unit, with a chart of each followed deadline."""
    mine = derived.of(model).by_document.get(page.doc.id, [])
    table = c.listing(out, "bao-cao", "Tình trạng báo cáo theo từng kỳ và đơn vị", HEADER, _rows(model, mine, out))
    return (charts(model, out, page) + table) if table else _none(model, "Chưa có báo cáo nào cho các nhiệm vụ của văn bản này trong kho.")


def about_report(model: Model, report: Page, out: c.Output) -> list[list[str]]:
    """Rows of a report's card: what it answers, and whether it came in time."""
    doc = report.doc
    rows = [["Trả lời nhiệm vụ", "<br>".join(c.task_ref_link(model, ref, out) for ref in doc.report.tasks)],
            ["Kỳ báo cáo", c.text(doc.report.period)]]
    mine = derived.of(model).by_report.get(report.doc.id, [])
    rows += [["Hạn, tình trạng", "<br>".join(f"{c.day(d.day)}: {status(model, d, out)}" for d in mine) or "—"]]
    return rows


def overdue(model: Model, out: c.Output) -> str:
    late = [d for d in derived.of(model).reports if d.status == tr.OVERDUE]
    return (c.listing(out, "qua-han", "Kỳ báo cáo đã quá hạn mà chưa có báo cáo", HEADER, _rows(model, late, out))
            or _none(model, "Không có kỳ nào quá hạn mà chưa có báo cáo."))


def counts(model: Model, out: c.Output, name: str, label: str, key) -> str:
    """Statuses counted by a grouping of the dues (province, directive)."""
    groups: dict[str, list[tr.Due]] = {}
    for due in derived.of(model).reports:
        groups.setdefault(key(due), []).append(due)
    rows = [[group] + [str(sum(d.status in kinds for d in dues)) for _, kinds in COUNTED] + [str(len(dues))]
            for group, dues in sorted(groups.items())]
    return c.listing(out, name, f"Số kỳ báo cáo theo {label}", [label.capitalize()] + [n for n, _ in COUNTED] + ["Tổng"], rows) or _none(model, "Không có.")


def by_province(model: Model, out: c.Output) -> str:
    def province(due: tr.Due) -> str:
        unit = model.province(due.unit)
        return c.text(unit.short_name or unit.name) if unit else "Trung ương, bộ, ngành"
    return counts(model, out, "theo-tinh", "tỉnh, thành phố", province)


def by_directive(model: Model, out: c.Output) -> str:
    tops = {i: [i] + model.below([i]) for i in model.roots()}
    root_of = {member: top for top, family in tops.items() for member in family}
    return counts(model, out, "theo-van-ban-goc", "văn bản gốc", lambda d: c.doc_link(model, root_of.get(d.page.doc.id, d.page.doc.id), out))


def charts(model: Model, out: c.Output, page: Page | None = None) -> str:
    """For each followed deadline (of one document, or all): the share of units that reported, period by period."""
    series: dict[tuple, list[tuple[str, list[tr.Due]]]] = {}
    for (doc_id, code, k, period), dues in derived.of(model).periods.items():
        if page is None or doc_id == page.doc.id:
            series.setdefault((doc_id, code, k), []).append((period, dues))
    return "\n".join(_chart(model, key, sorted(periods), out) for key, periods in series.items())


# One chart: a bar per period, its height the share of units that reported; the same figures in a table.
def _chart(model: Model, key: tuple, periods: list, out: c.Output) -> str:
    doc_id, code, k = key
    page, task = model.task(f"{doc_id}/{code}")
    name = f"{c.title(model, page)} – {c.point_label(task)} ({task.deadlines[k].wording})"
    figures = [(p, sum(d.status in tr.REPORTED for d in dues), len(dues)) for p, dues in periods]
    ident = f"bieu-do-{doc_id}-{code}-{k}"
    bar, gap, top, height, left = 46, 18, 22, 120, 40  # left: room for the scale
    width = left + len(figures) * (bar + gap)
    parts = [f'<line class="kb-chart__grid" x1="{left}" y1="{top}" x2="{width}" y2="{top}"></line>'
             f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">100%</text>'
             f'<text x="{left - 4}" y="{top + height + 4}" text-anchor="end">0%</text>']
    for n, (period, done, owed) in enumerate(figures):
        x, h = left + gap / 2 + n * (bar + gap), round(height * done / owed)
        parts.append(f'<rect class="kb-chart__bar" x="{x}" y="{top + height - h}" width="{bar}" height="{h}"></rect>'
                     f'<text x="{x + bar / 2}" y="{top + height - h - 6}" text-anchor="middle">{round(100 * done / owed)}%</text>'
                     f'<text x="{x + bar / 2}" y="{top + height + 16}" text-anchor="middle">{period}</text>')
    summary = "; ".join(f"kỳ {p}: {done}/{owed} đơn vị đã báo cáo" for p, done, owed in figures)
    svg = (f'<svg class="kb-chart" viewBox="0 0 {width} {top + height + 24}" width="{width}" role="img" '
           f'aria-labelledby="{ident}-t {ident}-d"><title id="{ident}-t">{html.escape(name)}</title>'
           f'<desc id="{ident}-d">{summary}</desc>'
           f'<line class="kb-chart__axis" x1="{left}" y1="{top + height}" x2="{width}" y2="{top + height}"></line>{"".join(parts)}</svg>')
    rows = [[p, str(done), str(owed), f"{round(100 * done / owed)}%"] for p, done, owed in figures]
    table = c.table(f"Tỉ lệ đơn vị đã báo cáo: {c.text(name)}", ["Kỳ", "Đã báo cáo", "Phải báo cáo", "Tỉ lệ"], rows)
    return f'<div class="kb-chart-block"><p><strong>{c.text(name)}</strong></p>\n{svg}\n{table}</div>'


def tracking_page(model: Model, out: c.Output) -> str:
    """The whole follow-up: what is followed, overdue periods, counts, charts."""
    if not model.reports:
        return out.keep(c.placeholder(NOTHING))
    filed = len(model.reports)
    return (out.keep(f"<p>Kho có {filed} báo cáo. {FOLLOWED} Số kỳ và tỉ lệ tính đến ngày {c.day(cal.today())}; trang "
                     "được dựng lại mỗi đêm, còn tình trạng từng kỳ trên trang đơn vị được tính lại theo ngày bạn mở trang.</p>")
            + f"## Quá hạn chưa báo cáo {{ #qua-han }}\n\n{out.keep(overdue(model, out))}"
            + f"## Theo văn bản gốc {{ #theo-van-ban-goc }}\n\n{out.keep(by_directive(model, out))}"
            + f"## Theo tỉnh, thành phố {{ #theo-tinh }}\n\n{out.keep(by_province(model, out))}"
            + f"## Tỉ lệ đơn vị đã báo cáo {{ #ti-le }}\n\n{out.keep(charts(model, out))}")
