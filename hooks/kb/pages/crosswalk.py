"""Crosswalk: the points of a root directive × the documents implementing it."""

from ..model import Model, Page
from ..records import Task
from . import common as c


def points(model: Model, root_id: str) -> list[Task]:
    """The numbered points of the root (tasks whose code is a number)."""
    return [t for t in model.pages[root_id].doc.tasks if t.code.isdigit()]


def reached(model: Model, page: Page, task: Task, root_id: str) -> set[str]:
    """Codes of the root's tasks a task carries out, following 'thuc_hien' up the chain."""
    out, todo, seen = set(), list(task.implements), set()
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        doc_id, _, code = ref.partition("/")
        if doc_id == root_id:
            out.add(code)
        elif found := model.task(ref):
            todo.extend(found[1].implements)
    return out


def descendants(model: Model, root_id: str) -> list[Page]:
    """Every held document below the root, nearest levels first."""
    return [model.pages[i] for i in model.below([root_id])]


def render(model: Model, root_id: str, out: c.Output) -> str:
    if root_id not in model.pages:
        return out.keep(c.placeholder(f"Không có văn bản '{c.text(root_id)}' trong kho."))
    root = model.pages[root_id]
    columns = descendants(model, root_id)
    cells = {}
    for page in columns:
        for task in page.doc.tasks:
            for code in reached(model, page, task, root_id):
                cells.setdefault((code, page.doc.id), []).append(c.section_link(model, page, task.anchor, out, c.point_label(task)))
    header = ["Điểm của " + c.text(c.title(model, root))] + [c.doc_link(model, p.doc.id, out) for p in columns]
    rows = []
    for point in points(model, root_id):
        row = [c.section_link(model, root, point.anchor, out, f"{c.point_label(point)}: {point.summary[:70]}…")]
        for page in columns:
            links = sorted(set(cells.get((point.code, page.doc.id), [])))
            row.append("<br>".join(links) if links else '<span class="kb-gap">chưa có nội dung triển khai</span>')
        rows.append(row)
    return out.keep(c.table(f"Đối chiếu {c.text(c.title(model, root))} với các văn bản triển khai (ánh xạ biên tập)", header, rows))
