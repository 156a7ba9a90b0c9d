"""A document's life on its page: where it stands (worked out again for the reader's day by assets/kho.js), what
it replaces, amends or annuls and what did so to it, both ways linked; a band when it no longer applies; a note
on each point another document amended or annulled."""

from datetime import timedelta

from .. import calendar as cal, lifecycle
from ..model import Model, Page
from . import common as c


def standing(model: Model, page: Page, out: c.Output) -> str:
    """The card's 'Hiệu lực' cell."""
    doc, undergone = page.doc, model.undergone.get(page.doc.id, [])
    lines = [_dated(model, page)]
    lines += [f"{lifecycle.ACTIONS[kind].capitalize()} {c.doc_link(model, ch.document, out)}{_points(ch.points)}{_from(day)}"
              for kind, _, ch, day in lifecycle.changes(doc)]
    lines += [f"{lifecycle.UNDERGONE[a.kind]} {c.doc_link(model, a.source, out)}{_points(a.points)}{_from(a.day)}" for a in undergone]
    return "<br>".join(lines)


# Where a document stands on the build's day, with its dates as data for the reader's day (assets/kho.js); a draft,
# or an end the base has no date for, stays as said.
def _dated(model: Model, page: Page) -> c.Cell:
    doc, undergone = page.doc, model.undergone.get(page.doc.id, [])
    words = c.text(model.standing(page, cal.today()).words)
    last, why, _ = lifecycle.end(doc, undergone)
    if doc.status != "da-ban-hanh" and not last:
        return words
    partly = min((a.day for a in undergone if a.points and a.day), default=None)
    data = {"tu": lifecycle.start(doc), "het": last and last + timedelta(days=1), "mot-phan": partly}
    attrs = " ".join(f'data-{k}="{v.isoformat()}"' for k, v in data.items() if v) + (f' data-ly-do="{c.text(why)}"' if why else "")
    return c.tag("span", words, f' class="kb-hieu-luc" {attrs}')


def band(model: Model, page: Page, out: c.Output) -> str:
    """A warning at the top of a page that no longer applies (from the day it ends, for the reader's day too),
    linking to what replaced it."""
    undergone = model.undergone.get(page.doc.id, [])
    last, why, act = lifecycle.end(page.doc, undergone)
    if last is None:
        return ""
    over = last + timedelta(days=1)
    after = "" if act is None else (
        f" Văn bản {'thay thế' if act.kind == 'thay_the' else 'bãi bỏ'}: {c.doc_link(model, act.source, out)}.")
    hidden = "" if cal.today() >= over else " hidden"
    return (f'<div class="admonition warning kb-het-hieu-luc" data-tu="{over.isoformat()}"{hidden}>\n'
            f'<p class="admonition-title">Không còn hiệu lực từ {over:%d/%m/%Y}</p>\n'
            f"<p>Văn bản này {why} từ {over:%d/%m/%Y}; trang giữ nguyên văn để tra cứu. Các hạn báo cáo của nó dừng từ ngày "
            f"đó.{after}</p>\n</div>\n")


def point_notes(model: Model, page: Page, out: c.Output) -> dict[str, str]:
    """Anchor → a note for each point of this document that another amended or annulled."""
    notes: dict[str, list[str]] = {}
    for act in model.undergone.get(page.doc.id, []):
        if act.kind == "thay_the":
            continue
        for point in act.points:
            notes.setdefault(point, []).append(f"{lifecycle.UNDERGONE[act.kind]} {c.doc_link(model, act.source, out)}{_from(act.day)}.")
    return {point: c.admonition("note", "Mục này đã thay đổi", "<p>" + " ".join(lines) + "</p>") for point, lines in notes.items()}


def _points(points) -> str:
    return f" ({', '.join(c.anchor_label(p) for p in points)})" if points else ""


def _from(day) -> str:
    return f", từ {day:%d/%m/%Y}" if day else ""


def on_date(model: Model, out: c.Output) -> str:
    """Every document with where it stands, for a day the reader picks (assets/kho.js; the build's day without
    script): what applied then, what was not yet issued or no longer applied."""
    today = cal.today()
    rows = []
    for page in sorted(model.pages.values(), key=lambda p: c.order(model, p)):
        rows.append([c.doc_link(model, page.doc.id, out), c.day(page.doc.issued), _dated(model, page)])
    picker = (f'<p><label>Xem kho vào ngày <input type="date" class="kb-ngay" value="{today.isoformat()}"></label> '
              "(mặc định: hôm nay)</p>")
    return out.keep(picker + c.listing(out, "hieu-luc", "Hiệu lực của các văn bản vào ngày đã chọn",
                                       ["Văn bản", "Ngày ban hành", "Hiệu lực"], rows))
