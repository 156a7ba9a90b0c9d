"""Who has reported: each dated deadline of a task, period by period, for every unit that owes it.

A report is a document (loai: bao-cao) naming the tasks and the period it answers; its issuer is the unit
reporting. A deadline is followed from the first period a report in the base answers: before that the base
simply holds nothing, and saying "overdue" would be a claim it cannot make.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from . import calendar as cal
from .model import Model, Page
from .records import Deadline, Task

ON_TIME, LATE, UNDATED, NOT_DUE, OVERDUE = "dung-han", "tre-han", "khong-ro-ngay", "chua-den-han", "qua-han"
REPORTED = (ON_TIME, LATE, UNDATED)


@dataclass(frozen=True)
class Due:
    """One period of one deadline of a task, for one unit that owes it, and what the base knows of it."""
    page: Page
    task: Task
    k: int  # which deadline of the task
    period: str
    day: date
    unit: str
    report: Page | None
    status: str
    days: int | None  # late or overdue by, in days


def owed(model: Model, task: Task) -> list[str]:
    """Units that must report on a task: its leads, a collective standing for its member units."""
    out = []
    for lead in task.leads:
        out += sorted(model.members.get(lead) or [lead])
    return list(dict.fromkeys(out))


def dated(task: Task) -> list[int]:
    """Indexes of the deadlines that fall on dates (a standing task has no period to report on)."""
    return [k for k, d in enumerate(task.deadlines) if d.kind != "thuong-xuyen"]


def period(deadline: Deadline, day: date) -> str:
    """The period an occurrence closes: '2025', '2025-H1', '2025-Q3', '2025-12'."""
    if deadline.kind == "trong-thang":
        return deadline.month
    if deadline.kind == "hang-thang":
        return f"{day.year}-{day.month:02d}"
    if deadline.kind in ("sau-thang", "hang-quy"):
        first = cal.first(deadline, day.year)
        n = (day.month - first.month) // cal.STEP_MONTHS[deadline.kind]
        return f"{day.year}-{'H' if deadline.kind == 'sau-thang' else 'Q'}{n + 1}"
    return str(day.year)


def bounds(wanted: str) -> tuple[date, date]:
    """First and last day of a period: '2025', '2025-H2', '2025-Q3', '2025-12'."""
    year, part = int(wanted[:4]), wanted[5:]
    if not part:
        first, months = 1, 12
    elif part[0] in "HQ":
        months = 6 if part[0] == "H" else 3
        first = months * (int(part[1]) - 1) + 1
    else:
        first, months = int(part), 1
    start = date(year, first, 1)
    return start, cal.add_months(start, months) - timedelta(days=1)


def due_day(deadline: Deadline, wanted: str) -> date | None:
    """The date of the period's occurrence, or None when the deadline has no such period."""
    year = int(wanted[:4])
    days = cal.occurrences(deadline, date(year, 1, 1), date(year, 12, 31)) if deadline.kind != "trong-thang" else [cal.first(deadline, year)]
    return next((d for d in days if d and period(deadline, d) == wanted), None)


def answered(model: Model, report: Page) -> list[tuple[Page, Task, int]]:
    """(document, task, deadline index) a report answers; those it cannot answer are the checks' business."""
    out = []
    for ref in report.doc.report.tasks:
        if found := model.task(ref):
            page, task = found
            ks = dated(task)
            k = report.doc.report.deadline - 1 if report.doc.report.deadline else (ks[0] if len(ks) == 1 else None)
            if k in ks:
                out.append((page, task, k))
    return out


def owed_periods(model: Model, today: date) -> list[Due]:
    """Every followed period of every deadline, for every unit owing it, by date (derived.py keeps them)."""
    filed: dict[tuple, list[Page]] = {}  # (document, task, deadline, period, unit) → reports
    for report in model.reports:
        for page, task, k in answered(model, report):
            filed.setdefault((page.doc.id, task.code, k, report.doc.report.period, report.doc.issuer), []).append(report)
    starts: dict[tuple, date] = {}  # (document, task, deadline) → first period a report answers
    for (doc_id, code, k, wanted, _), _ in filed.items():
        page, task = model.task(f"{doc_id}/{code}")
        if day := due_day(task.deadlines[k], wanted):
            starts[doc_id, code, k] = min(day, starts.get((doc_id, code, k), day))
    out = []
    for (doc_id, code, k), start in starts.items():
        page, task = model.task(f"{doc_id}/{code}")
        deadline = task.deadlines[k]
        # A period due before the document was issued was never owed, whatever a report claims.
        start = max(start, model.not_before(page) or start)
        last = date(today.year + 2, 12, 31)
        days = cal.occurrences(deadline, start, min(last, model.until(page, task) or last))  # none after it ends
        upcoming = [d for d in days if d >= today]
        for day in [d for d in days if d < today] + upcoming[:1]:
            for unit in [u for u in owed(model, task) if _exists(model, u, day)]:
                sent = filed.get((doc_id, code, k, period(deadline, day), unit), [])
                out.append(_status(page, task, k, period(deadline, day), day, unit, sent, today))
    return sorted(out, key=lambda d: (d.day, d.page.doc.id, d.task.code, d.unit))


# A unit owes a period only while it exists (a dissolved unit's successor owes the later ones).
def _exists(model: Model, unit_id: str, day: date) -> bool:
    unit = model.units[unit_id]
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or day <= unit.valid_to)


# What the base knows of one unit's report for one period: the earliest report filed counts.
def _status(page, task, k, wanted, day, unit, sent, today) -> Due:
    if sent:
        first = min(sent, key=lambda r: (r.doc.issued is None, r.doc.issued or date.max))
        if first.doc.issued is None:
            return Due(page, task, k, wanted, day, unit, first, UNDATED, None)
        late = (first.doc.issued - day).days
        return Due(page, task, k, wanted, day, unit, first, LATE if late > 0 else ON_TIME, max(late, 0))
    if day >= today:
        return Due(page, task, k, wanted, day, unit, None, NOT_DUE, (day - today).days)
    return Due(page, task, k, wanted, day, unit, None, OVERDUE, (today - day).days)
