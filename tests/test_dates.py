"""Date arithmetic of deadlines, without a build: months, occurrences in a window, the period an occurrence
closes, a period's bounds, and the margin between a child's deadline and its parent's."""

from datetime import date

import pytest

from kb import calendar as cal, tracking
from kb.records import Deadline


def deadline(kind: str, **fields) -> Deadline:
    return Deadline.model_validate({"loai": kind, "nguyen_van": "…", **fields})


@pytest.mark.parametrize("day, n, expected", [
    (date(2025, 1, 31), 1, date(2025, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2025, 11, 15), 2, date(2026, 1, 15)), (date(2025, 3, 31), -1, date(2025, 2, 28))])
def test_adding_months_keeps_the_day_or_the_month_end(day, n, expected):
    assert cal.add_months(day, n) == expected


@pytest.mark.parametrize("kind, fields, start, end, expected", [
    ("hang-quy", {"ngay_thang": "20/03"}, date(2026, 1, 1), date(2026, 12, 31),
     [date(2026, 3, 20), date(2026, 6, 20), date(2026, 9, 20), date(2026, 12, 20)]),
    ("sau-thang", {"ngay_thang": "15/06"}, date(2026, 7, 1), date(2027, 6, 30), [date(2026, 12, 15), date(2027, 6, 15)]),
    ("hang-nam", {"ngay_thang": "15/12"}, date(2026, 12, 16), date(2027, 12, 15), [date(2027, 12, 15)]),
    # Month ends stay month ends: a long month after a short one is not cut short.
    ("hang-thang", {"ngay_thang": "31/01"}, date(2026, 1, 1), date(2026, 4, 30),
     [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]),
    ("hang-quy", {"ngay_thang": "31/03"}, date(2026, 1, 1), date(2026, 12, 31),
     [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]),
    ("mot-lan", {"ngay": "2026-05-01"}, date(2026, 1, 1), date(2026, 4, 30), []),
    ("mot-lan", {"ngay": "2026-05-01"}, date(2026, 5, 1), date(2026, 5, 1), [date(2026, 5, 1)]),
    ("trong-thang", {"thang": "2026-02"}, date(2026, 1, 1), date(2026, 12, 31), [date(2026, 2, 28)]),
    ("thuong-xuyen", {}, date(2026, 1, 1), date(2026, 12, 31), []),
    ("hang-nam", {}, date(2026, 1, 1), date(2026, 12, 31), []),  # its day missing: the check says so, no date here
])
def test_occurrences_in_a_window(kind, fields, start, end, expected):
    assert cal.occurrences(deadline(kind, **fields), start, end) == expected


@pytest.mark.parametrize("kind, day, expected", [
    ("hang-quy", date(2026, 9, 20), "2026-Q3"), ("sau-thang", date(2026, 12, 15), "2026-H2"),
    ("sau-thang", date(2026, 6, 15), "2026-H1"), ("hang-thang", date(2026, 5, 25), "2026-05"),
    ("hang-nam", date(2026, 12, 15), "2026")])
def test_an_occurrence_closes_its_period(kind, day, expected):
    first = {"hang-quy": "20/03", "sau-thang": "15/06", "hang-thang": "25/01", "hang-nam": "15/12"}[kind]
    assert tracking.period(deadline(kind, ngay_thang=first), day) == expected


@pytest.mark.parametrize("period, expected", [
    ("2025", (date(2025, 1, 1), date(2025, 12, 31))), ("2025-H2", (date(2025, 7, 1), date(2025, 12, 31))),
    ("2025-Q1", (date(2025, 1, 1), date(2025, 3, 31))), ("2024-02", (date(2024, 2, 1), date(2024, 2, 29)))])
def test_a_period_has_its_first_and_last_day(period, expected):
    assert tracking.bounds(period) == expected


def test_each_period_finds_its_own_occurrence():
    quarterly = deadline("hang-quy", ngay_thang="20/03")
    assert [tracking.due_day(quarterly, f"2026-Q{n}") for n in (1, 4)] == [date(2026, 3, 20), date(2026, 12, 20)]
    assert tracking.due_day(quarterly, "2026-H1") is None


@pytest.mark.parametrize("child, parent, expected", [
    (("hang-nam", {"ngay_thang": "05/12"}), ("hang-nam", {"ngay_thang": "15/12"}), 10),
    (("mot-lan", {"ngay": "2025-12-20"}), ("hang-nam", {"ngay_thang": "15/12"}), -5),
    (("hang-nam", {"ngay_thang": "10/01"}), ("mot-lan", {"ngay": "2026-01-15"}), 5),
    (("thuong-xuyen", {}), ("hang-nam", {"ngay_thang": "15/12"}), None)])
def test_the_margin_from_a_child_report_to_its_parent_deadline(child, parent, expected):
    assert cal.margin(deadline(child[0], **child[1]), deadline(parent[0], **parent[1])) == expected
