"""Which text is in force on a day: a document's life from its own dates (hieu_luc_tu, hieu_luc_den) and from
the documents that replace, amend or annul it or its points (thay_the, sua_doi, bai_bo). Only the acting document
says so; what a document undergoes is derived here, never typed twice."""

from dataclasses import dataclass
from datetime import date, timedelta

from .records import Change

ACTIONS = {"thay_the": "thay thế", "sua_doi": "sửa đổi, bổ sung", "bai_bo": "bãi bỏ"}
UNDERGONE = {"thay_the": "Được thay thế bởi", "sua_doi": "Được sửa đổi, bổ sung bởi", "bai_bo": "Bị bãi bỏ bởi"}


@dataclass(frozen=True)
class Act:
    """One document acting on another (or on points of it) from a day."""
    kind: str  # thay_the, sua_doi, bai_bo
    source: str
    target: str
    points: tuple[str, ...]
    day: date | None  # from the change, else the acting document's start


@dataclass(frozen=True)
class Status:
    """A document's standing on a day, in words."""
    key: str  # du-thao, chua-hieu-luc, con-hieu-luc, mot-phan, het-hieu-luc
    words: str


def changes(doc) -> list[tuple[str, int, Change, date | None]]:
    """(kind, index in its field, change, day it takes effect) of every relation a document states."""
    return [(kind, i, change, change.day or start(doc))
            for kind, listed in (("thay_the", doc.replaces), ("sua_doi", doc.amends), ("bai_bo", doc.annuls))
            for i, change in enumerate(listed)]


def acts(pages) -> list[Act]:
    """What every document does to others, as its front matter says."""
    return [Act(kind, page.doc.id, change.document, tuple(change.points), day)
            for page in pages for kind, _, change, day in changes(page.doc)]


def start(doc) -> date | None:
    """The first day in force: its own, else the day it was issued."""
    return doc.valid_from or doc.issued


def end(doc, undergone: list[Act]) -> tuple[date | None, str, Act | None]:
    """The last day in force, why it ended, and the act that ended it (None for its own period): its period, a
    replacement, a whole annulment."""
    ends = [(doc.valid_to, "hết thời hạn áp dụng", None)] if doc.valid_to else []
    ends += [(a.day - timedelta(days=1), "được thay thế" if a.kind == "thay_the" else "bị bãi bỏ", a)
             for a in undergone if a.day and (a.kind == "thay_the" or a.kind == "bai_bo" and not a.points)]
    return min(ends, key=lambda e: e[0]) if ends else (None, "", None)


def point_end(undergone: list[Act], anchor: str) -> date | None:
    """The last day a point applies, when a document annuls it."""
    days = [a.day - timedelta(days=1) for a in undergone if a.kind == "bai_bo" and anchor in a.points and a.day]
    return min(days, default=None)


def status(doc, undergone: list[Act], day: date) -> Status:
    """Where a document stands on a day."""
    if doc.status == "du-thao":
        return Status("du-thao", "Dự thảo, chưa ban hành")
    first = start(doc)
    if first and day < first:
        return Status("chua-hieu-luc", f"Chưa có hiệu lực (từ {first:%d/%m/%Y})")
    last, why, _ = end(doc, undergone)
    if last and day > last:
        return Status("het-hieu-luc", f"Hết hiệu lực từ {last + timedelta(days=1):%d/%m/%Y} ({why})")
    if doc.status == "het-hieu-luc":
        return Status("het-hieu-luc", "Hết hiệu lực")
    if any(a.points and a.day and a.day <= day for a in undergone):
        return Status("mot-phan", "Còn hiệu lực, trừ các mục bị sửa đổi, bãi bỏ")
    return Status("con-hieu-luc", "Còn hiệu lực")


def last_day(doc, undergone: list[Act], anchor: str) -> date | None:
    """The last day a task at an anchor applies: its document's end, or its point's annulment."""
    days = [d for d in (end(doc, undergone)[0], point_end(undergone, anchor)) if d]
    return min(days, default=None)
