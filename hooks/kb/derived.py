"""What pages, feeds, exports and checks read besides the model itself, derived from it once per build: indexes
that carry their keys, so no reader scans every report period or every task to find its own."""

from dataclasses import dataclass, field
from datetime import date

from . import calendar as cal, tracking
from .model import Model

Slot = tuple[str, str, int]  # (document, task code, deadline index): one deadline of one task


@dataclass
class Derived:
    reports: list[tracking.Due]  # every followed period of every dated deadline, per unit owing it, by date
    by_unit: dict[str, list[tracking.Due]] = field(default_factory=dict)
    by_document: dict[str, list[tracking.Due]] = field(default_factory=dict)
    by_report: dict[str, list[tracking.Due]] = field(default_factory=dict)  # the periods a report answers
    periods: dict[tuple[str, str, int, str], list[tracking.Due]] = field(default_factory=dict)  # Slot + period
    followed: dict[Slot, list[date]] = field(default_factory=dict)  # the days of a deadline's followed periods
    tight: list[cal.Tight] = field(default_factory=list)  # reporting links that leave the level above too little time


def of(model: Model) -> Derived:
    """The model's derived indexes, computed in one pass on first use and kept for the build."""
    if model.derived is None:
        model.derived = _derive(model, cal.today())
    return model.derived


def _derive(model: Model, today: date) -> Derived:
    out = Derived(tracking.owed_periods(model, today),
                  tight=cal.tight_links(model, model.settings.deadline_margin_days))
    for due in out.reports:
        out.by_unit.setdefault(due.unit, []).append(due)
        out.by_document.setdefault(due.page.doc.id, []).append(due)
        if due.report:
            out.by_report.setdefault(due.report.doc.id, []).append(due)
        slot = (due.page.doc.id, due.task.code, due.k)
        periods = out.periods.setdefault((*slot, due.period), [])
        if not periods:
            out.followed.setdefault(slot, []).append(due.day)
        periods.append(due)
    for days in out.followed.values():
        days.sort()
    return out
