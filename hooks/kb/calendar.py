"""Deadlines as dates: occurrences in a window, reporting chains with their margins, iCalendar feeds."""

import calendar as months
import os
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Model, Page
from .records import Deadline, Task

STEP_MONTHS = {"hang-nam": 12, "sau-thang": 6, "hang-quy": 3, "hang-thang": 1}


def today() -> date:
    """The build date; KB_TODAY (YYYY-MM-DD) pins it for reproducible builds and tests."""
    return date.fromisoformat(os.environ["KB_TODAY"]) if os.environ.get("KB_TODAY") else date.today()


def add_months(day: date, n: int) -> date:
    month = day.month - 1 + n
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def first(deadline: Deadline, year: int) -> date | None:
    """The deadline's date in a given year (its first occurrence in that year)."""
    if deadline.kind == "mot-lan":
        return deadline.on
    if deadline.kind == "trong-thang":
        y, m = map(int, deadline.month.split("-"))
        return date(y, m, months.monthrange(y, m)[1])  # "in December" is due by its last day
    if deadline.kind in STEP_MONTHS and deadline.day_month:  # without its day (a check refuses it): no date
        d, m = map(int, deadline.day_month.split("/"))
        return date(year, m, d)
    return None


def occurrences(deadline: Deadline, start: date, end: date) -> list[date]:
    """Every date of the deadline within [start, end]."""
    if deadline.kind not in STEP_MONTHS or not deadline.day_month:
        day = first(deadline, start.year)
        return [day] if day and start <= day <= end else []
    # Each date counted from the first one, not from the one before: '31/01 hằng tháng' is 31/03 after 28/02.
    out, origin, k = [], first(deadline, start.year - 1), 0
    while (day := add_months(origin, k * STEP_MONTHS[deadline.kind])) <= end:
        if day >= start:
            out.append(day)
        k += 1
    return out


@dataclass
class Due:
    """One dated occurrence of one deadline of one task."""
    day: date
    page: Page
    task: Task
    deadline: Deadline
    k: int  # which deadline of the task


def dues(model: Model, start: date, end: date, tasks=None) -> list[Due]:
    """Dated deadlines of all tasks (or of the given (page, task) pairs) within the window, by date."""
    tasks = tasks if tasks is not None else [(p, t) for p in model.pages.values() for t in p.doc.tasks]
    out = [Due(day, page, task, d, k) for page, task in unique(tasks) for k, d in enumerate(task.deadlines)
           for day in occurrences(d, start, min(end, model.until(page, task) or end))]  # none after its document ends
    return sorted(out, key=lambda due: (due.day, due.page.doc.id, due.task.code))


def unique(tasks) -> list[tuple[Page, Task]]:
    """(page, task) pairs once each: a unit can meet a task in several roles or through several collectives."""
    return list({(page.doc.id, task.code): (page, task) for page, task in tasks}.values())


def window(start: date, months_ahead: int = 12) -> tuple[date, date]:
    return start, add_months(start, months_ahead) - timedelta(days=1)


def margin(child: Deadline, parent: Deadline) -> int | None:
    """Days from a child's report to the parent deadline it feeds, in the same cycle (negative: too late)."""
    fixed = [first(d, 2023).year for d in (child, parent) if d.kind not in STEP_MONTHS and first(d, 2023)]
    year = fixed[0] if fixed else 2023  # a non-leap year: yearly dates exist in every year
    mine, theirs = first(child, year), first(parent, year)
    return (theirs - mine).days if mine and theirs else None


def feeders(model: Model, page: Page, task: Task):
    """(page, task, margin to this one) for every task carrying this one out, one level down."""
    for child_page, child in model.implementers.get(f"{page.doc.id}/{task.code}", []):
        margins = [margin(c, p) for c in child.deadlines for p in task.deadlines]
        known = [m for m in margins if m is not None]
        yield child_page, child, min(known) if known else None


def margin_words(days: int) -> str:
    """How a child's deadline stands against its parent's: 'sau hạn cấp trên 16 ngày'."""
    return f"sau hạn cấp trên {-days} ngày" if days < 0 else f"chỉ trước hạn cấp trên {days} ngày"


@dataclass
class Tight:
    """A reporting link whose margin is negative or below the configured minimum."""
    child: tuple[Page, Task]
    parent: tuple[Page, Task]
    days: int
    position: int  # the child task's place in its document's list, for messages that name the field


def tight_links(model: Model, minimum: int) -> list[Tight]:
    """Child deadlines that come after, or too close to, the parent deadline they feed (derived.py keeps them)."""
    out = []
    for page in model.pages.values():
        for n, task in enumerate(page.doc.tasks):
            for ref in task.implements:
                found = model.task(ref)
                margins = [margin(c, p) for c in task.deadlines for p in (found[1].deadlines if found else [])]
                known = [m for m in margins if m is not None]
                if known and min(known) < minimum:
                    out.append(Tight((page, task), found, min(known), n))
    return out
