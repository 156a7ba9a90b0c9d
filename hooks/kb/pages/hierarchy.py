"""The hierarchy of documents: the top documents with their figures, by level, and as a tree."""

from .. import addresses as at, calendar as cal
from ..model import Model, Page
from ..records import REPORT
from . import common as c, crosswalk


def _line(model: Model, page: Page, out: c.Output, with_crosswalk: bool = True) -> str:
    doc = page.doc
    issuer = model.units.get(doc.issuer or "")
    standing = model.standing(page, cal.today())
    status = c.STATUSES[doc.status] if standing.key in ("con-hieu-luc", "du-thao") else c.text(standing.words)
    status = f"<strong>{status}</strong>" if doc.status == "du-thao" else status
    via = [c.doc_link(model, d, out) for d in doc.implements if d not in model.pages]
    extra = f" — theo {', '.join(via)}" if via else ""
    compared = f" — {crosswalk.link(model, doc.id, out, 'đối chiếu')}" if with_crosswalk and model.is_implemented(doc.id) else ""
    line = (f"{c.doc_link(model, doc.id, out)} — {c.text(issuer.name) if issuer else c.UNKNOWN} — "
            f"{c.day(doc.issued)} — {status}{extra}{compared}")
    return f'<span class="kb-cu">{line}</span>' if standing.key == "het-hieu-luc" else line


def roots(model: Model) -> list[Page]:
    """Documents that implement no document held in the knowledge base."""
    return sorted((model.pages[i] for i in model.roots()), key=lambda p: c.order(model, p))


def tree(model: Model, out: c.Output) -> str:
    """Nested list from national to department level, with status and dates. Levels are shown while the tree
    stays within FIRST_ROWS lines; below that, a line says how many documents stand under it and links to its
    crosswalk, which lists them all."""
    replaced = {a.target: a.source for target, acts in model.undergone.items() for a in acts
                if a.kind == "thay_the" and target in model.pages and a.source in model.pages}
    predecessors: dict[str, list[Page]] = {}  # a document → those it replaced
    for target, source in replaced.items():
        predecessors.setdefault(source, []).append(model.pages[target])

    def kids(page: Page, seen: frozenset) -> list[Page]:
        # A replaced document stands under the one that replaced it, not beside it.
        out = [p for p in model.children.get(page.doc.id, []) if p.doc.id not in replaced]
        out += predecessors.get(page.doc.id, [])
        return sorted((p for p in out if p.doc.id not in seen), key=lambda p: c.order(model, p))

    top = roots(model)
    shown = _levels(top, lambda p: kids(p, frozenset({p.doc.id})))

    def walk(page: Page, seen: frozenset, level: int) -> str:
        below = kids(page, seen)
        if below and level >= shown:
            return _line(model, page, out, with_crosswalk=False) + f" — {len(model.below([page.doc.id]))} văn bản cấp dưới: " + \
                crosswalk.link(model, page.doc.id, out, "xem trong bảng đối chiếu")
        items = [walk(child, seen | {child.doc.id}, level + 1) for child in below]
        return _line(model, page, out) + (f"\n{c.bullets(items)}" if items else "")

    return out.keep(c.long_list(out, "he-thong", [walk(r, frozenset({r.doc.id}), 1) for r in top], "văn bản gốc"))


# How many levels of the tree fit in FIRST_ROWS lines, at least one.
def _levels(top: list[Page], kids) -> int:
    level, lines, layer = 1, len(top), top
    while layer:
        layer = [k for p in layer for k in kids(p)]
        lines += len(layer)
        if lines > c.FIRST_ROWS or not layer:
            return level
        level += 1
    return level


def by_level(model: Model, out: c.Output) -> str:
    """Home page listing: trung ương → tỉnh, thành phố → sở, ngành."""
    parts = []
    for level, label in c.DOC_LEVELS.items():
        pages = sorted((p for p in model.pages.values() if model.level_of(p) == level and p.doc.kind != REPORT),
                       key=lambda p: c.order(model, p))
        if pages:
            items = [_line(model, p, out) for p in pages]
            parts.append(f"### {label}\n\n" + out.keep(c.long_list(out, f"cap-{level}", items, "văn bản")))
    return "\n".join(parts)


HEADER = ["Văn bản", "Cơ quan ban hành", "Văn bản triển khai", "Nhiệm vụ", "Đơn vị được giao", "Hạn gần nhất", "Đối chiếu"]


def directives(model: Model, out: c.Output) -> str:
    """Each top document with what hangs below it: implementing documents, tasks, units, the next deadline."""
    rows = []
    for root in roots(model):
        family = [root] + [model.pages[i] for i in model.below([root.doc.id])]
        tasks = [(p, t) for p in family for t in p.doc.tasks]
        units = {u for _, t in tasks for u in t.leads + t.partners}
        issuer = model.units.get(root.doc.issuer or "")
        compared = crosswalk.link(model, root.doc.id, out, "Xem bảng đối chiếu") if len(family) > 1 else c.Cell("—")
        rows.append([c.doc_link(model, root.doc.id, out), c.text(issuer.name) if issuer else c.UNKNOWN,
                     c.Cell(str(len(family) - 1)), c.Cell(str(len(tasks))), c.Cell(str(len(units))),
                     _next(model, tasks, out), compared])
    return out.keep(c.listing(out, "van-ban-goc", "Văn bản gốc và các văn bản triển khai", HEADER, rows))


def section_example(model: Model, out: c.Output) -> str:
    """The lasting address of a point of the first top document, as the user guide shows it to trainers."""
    for root in roots(model):
        task = next((t for t in root.doc.tasks if t.anchor in root.sections), None)
        if task:
            address = at.document(root.doc.id, task.anchor)
            return (f"ví dụ {c.point_label(task)} của {c.text(c.title(model, root))} là "
                    + c.a(out.address(address), c.tag("code", c.text(address))))
    return "ví dụ <code>van-ban/&lt;mã văn bản&gt;/#muc-6</code>"


# The first deadline from the build date on among the tasks, linked to its task, or a dash.
def _next(model: Model, tasks: list, out: c.Output) -> c.Cell:
    due = next(iter(cal.dues(model, *cal.window(cal.today()), tasks)), None)
    if due is None:
        return c.Cell("không có hạn trong 12 tháng tới")
    return c.day(due.day) + ": " + c.section_link(model, due.page, due.task.anchor, out,
                                                f"{c.title(model, due.page)} – {c.point_label(due.task)}")
