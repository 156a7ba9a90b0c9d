"""The reporting calendar page, reporting chains, deadlines on unit pages, and iCalendar feeds."""

from datetime import date, datetime, timezone

import icalendar

from .. import addresses as at, calendar as cal, derived, tracking
from ..model import Model, Page
from ..records import Deadline, Task
from . import common as c

FEED_DIR = "lich"
RRULES = {"hang-nam": {"FREQ": "YEARLY"}, "sau-thang": {"FREQ": "MONTHLY", "INTERVAL": 6},
          "hang-quy": {"FREQ": "MONTHLY", "INTERVAL": 3}, "hang-thang": {"FREQ": "MONTHLY"}}


def _province(model: Model, task: Task) -> str:
    names = {p.short_name or p.name for u in task.leads if (p := model.province(u))}
    return ", ".join(sorted(names)) or "Trung ương"


def _row(model: Model, due: cal.Due, today: date, out: c.Output) -> list[c.Cell]:
    left = (due.day - today).days  # and again in the browser, for the reader's day (assets/kho.js)
    return [c.day(due.day), c.tag("span", f"{left} ngày" if left >= 0 else f"đã qua {-left} ngày",
                                  f' class="kb-con" data-ngay="{due.day.isoformat()}"'),
            (c.text(due.deadline.report) + ": " if due.deadline.report else c.Cell("")) + c.text(due.task.summary),
            c.units(model, due.task.leads, out), c.units(model, due.task.report_to, out),
            c.text(_province(model, due.task)),
            c.section_link(model, due.page, due.task.anchor, out, f"{c.title(model, due.page)} – {c.point_label(due.task)}"),
            "“" + c.text(due.deadline.wording) + "”", c.text(_filed(model, due.page, due.task, due.k, due.day) or "chưa theo dõi")]


HEADER = ["Hạn", "Còn", "Nhiệm vụ", "Đơn vị thực hiện", "Báo cáo cho", "Tỉnh, thành phố", "Văn bản, mục", "Nguyên văn", "Đã báo cáo"]


# 'kỳ 2025: 1/2 đơn vị đã báo cáo; quá hạn: Sở Nội vụ Hà Tĩnh' for a followed period, else None.
def _filed(model: Model, page: Page, task: Task, k: int, day: date) -> str | None:
    dues = derived.of(model).periods.get((page.doc.id, task.code, k, tracking.period(task.deadlines[k], day)))
    if not dues:
        return None
    done = sum(d.status in tracking.REPORTED for d in dues)
    late = [model.units[d.unit].short_name or model.units[d.unit].name for d in dues if d.status == tracking.OVERDUE]
    return f"kỳ {dues[0].period}: {done}/{len(dues)} đơn vị đã báo cáo" + (f"; quá hạn: {', '.join(late)}" if late else "")


def upcoming(model: Model, today: date, out: c.Output, tasks=None, caption: str = "Hạn báo cáo 12 tháng tới") -> str:
    """The deadlines of the coming 12 months (of all tasks, or of the given ones), offered as 'han-sap-toi'."""
    start, end = cal.window(today)
    rows = [_row(model, due, today, out) for due in cal.dues(model, start, end, tasks)]
    return (c.listing(out, "han-sap-toi", f"{caption} (từ {c.day(start)} đến {c.day(end)}; số ngày tính đến "
                      f'<span class="kb-hom-nay">{c.day(today)}</span>)', HEADER, rows)
            or c.placeholder("Không có hạn nào trong 12 tháng tới."))


def past(model: Model, today: date, out: c.Output) -> str:
    """One-off deadlines already passed: shown as past, never hidden."""
    rows = [_row(model, due, today, out) for due in cal.dues(model, date(1900, 1, 1), today - cal.timedelta(days=1))
            if due.deadline.kind in ("mot-lan", "trong-thang")]
    return c.listing(out, "han-da-qua", "Hạn một lần đã qua", HEADER, rows) or c.placeholder("Không có.")


def _deadline_text(task: Task) -> c.Cell:
    return c.join("; ", (c.deadline(d) for d in task.deadlines)) or c.Cell("không ghi thời hạn")


def chains(model: Model, out: c.Output) -> str:
    """From each national deadline down to the local deadlines that feed it: a row per link, with its margin (a
    table, so that a long chain shows its first rows and offers the rest)."""
    minimum = model.settings.deadline_margin_days

    def step(page: Page, task: Task) -> c.Cell:
        link = c.section_link(model, page, task.anchor, out, f"{c.title(model, page)} – {c.point_label(task)}")
        return (link + ": " + c.units(model, task.leads, out) + " → " + c.units(model, task.report_to, out) + ", "
                + _deadline_text(task))

    rows = []

    def below(page: Page, task: Task) -> None:
        # The tasks feeding this one, each with its margin, then their own feeders.
        for child_page, child, days in cal.feeders(model, page, task):
            gap = (c.Cell("—") if days is None else c.tag("strong", f"⚠ {cal.margin_words(days)}") if days < minimum
                   else c.Cell(f"trước hạn cấp trên {days} ngày"))
            rows.append([step(page, task), step(child_page, child), gap])
            below(child_page, child)

    for page in model.pages.values():
        if model.level_of(page) == "trung-uong":
            for task in page.doc.tasks:
                if task.deadlines:
                    below(page, task)
    return (c.listing(out, "chuoi-bao-cao", "Mỗi hàng: một hạn cấp dưới và hạn cấp trên mà báo cáo ấy phục vụ",
                      ["Hạn cấp trên", "Hạn cấp dưới", "Cách hạn cấp trên"], rows)
            or c.placeholder("Chưa có hạn cấp dưới nào gắn với hạn của văn bản Trung ương."))


def warnings(model: Model, page: Page, out: c.Output) -> str:
    """Tight or late links involving a document's tasks, for its page."""
    notes = []
    for link in derived.of(model).tight:
        (child_page, child), (parent_page, parent) = link.child, link.parent
        if page not in (child_page, parent_page):
            continue
        notes.append(f"{c.task_ref_link(model, f'{child_page.doc.id}/{child.code}', out)} ({_deadline_text(child)}) "
                     f"{cal.margin_words(link.days)}: {c.task_ref_link(model, f'{parent_page.doc.id}/{parent.code}', out)} ({_deadline_text(parent)}).")
    return c.admonition("warning", "Cảnh báo về chuỗi thời hạn báo cáo", c.bullets(notes)) if notes else ""


def subscribe(out: c.Output) -> str:
    return (f'<p><a href="{out.file(f"{FEED_DIR}/tat-ca.ics")}" download>Đăng ký toàn bộ lịch (iCalendar)</a> '
            "— mỗi đơn vị cũng có lịch riêng trên trang đơn vị.</p>")


def feed(model: Model, name: str, tasks: list[tuple[Page, Task]], site_url: str, events: dict) -> bytes:
    """An RFC 5545 calendar: one all-day event per dated deadline, recurring ones with RRULE.

    events: serialized events by (document, task, deadline), shared by the feeds of one build: a deadline
    is in the feed of every unit it is given to, and serialized once.
    """
    head = icalendar.Calendar()
    head.add("prodid", "-//Kho van ban chi dao//Lich bao cao//VI")
    head.add("version", "2.0")
    head.add("x-wr-calname", name)
    head.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    body = []
    for page, task in cal.unique(tasks):
        for k, deadline in enumerate(task.deadlines):
            key = (page.doc.id, task.code, k)
            if key not in events:
                events[key] = _serialized(model, page, task, k, deadline, site_url)
            body.append(events[key])
    end = b"END:VCALENDAR\r\n"
    return head.to_ical().removesuffix(end) + b"".join(body) + end


# One deadline as VEVENT lines, or nothing when it has no date.
def _serialized(model: Model, page: Page, task: Task, k: int, deadline: Deadline, site_url: str) -> bytes:
    issued = page.doc.issued
    start = cal.first(deadline, issued.year if issued else cal.today().year)
    if start is None:
        return b""
    if issued and start < issued and deadline.kind in RRULES:
        start = cal.first(deadline, issued.year + 1)  # a yearly report starts the year after, if its day has passed
    until = model.until(page, task)
    if until and start > until:
        return b""  # the document (or its point) no longer applies by its first deadline
    return _event(model, page, task, k, deadline, start, site_url, until).to_ical()


def _event(model: Model, page: Page, task: Task, k: int, deadline: Deadline, start: date, site_url: str,
           until: date | None = None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{page.doc.id}.{task.code}.{k}@kho-van-ban")  # stable: calendar apps update, not duplicate
    changed = model.changed.get(page.path) or page.doc.issued or date(2000, 1, 1)
    event.add("dtstamp", datetime(changed.year, changed.month, changed.day, tzinfo=timezone.utc))
    event.add("dtstart", start)
    event.add("dtend", start + cal.timedelta(days=1))
    if deadline.kind in RRULES:
        event.add("rrule", RRULES[deadline.kind] | ({"UNTIL": until} if until else {}))  # none after it ends
    leads = ", ".join(model.units[u].name for u in task.leads if u in model.units)
    what = deadline.report or " ".join(task.summary.split()[:12]) + ("…" if len(task.summary.split()) > 12 else "")
    event.add("summary", f"Hạn: {what} ({c.title(model, page)})")
    url = site_url + at.document(page.doc.id, task.anchor)
    followed = derived.of(model).followed.get((page.doc.id, task.code, k), [])
    status = "".join(f"\nBáo cáo {_filed(model, page, task, k, day)}" for day in followed)
    event.add("description", f"{task.summary}\nĐơn vị thực hiện: {leads}\nNguyên văn: “{deadline.wording}”{status}\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def feeds(model: Model, site_url: str) -> dict[str, bytes]:
    """One feed for the whole site, one per unit (its own and its collectives' tasks)."""
    everything, events = [(p, t) for p in model.pages.values() for t in p.doc.tasks], {}
    out = {f"{FEED_DIR}/tat-ca.ics": feed(model, "Lịch báo cáo – toàn bộ", everything, site_url, events)}
    for unit in model.units.values():
        tasks = [(a.page, a.task) for a in model.assignments.get(unit.id, []) if a.role != "bao_cao_cho"]
        out[f"{FEED_DIR}/{unit.id}.ics"] = feed(model, f"Lịch báo cáo – {unit.name}", tasks, site_url, events)
    return out
