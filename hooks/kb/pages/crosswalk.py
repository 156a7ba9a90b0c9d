"""Crosswalks: the documents implementing a document × its parts, one page per implemented document."""

from .. import addresses as at, calendar as cal
from ..model import Model, Page
from ..records import Task
from . import common as c


def subjects(model: Model) -> dict[str, Page]:
    """Documents with a crosswalk, top levels first."""
    ordered = sorted(model.implemented(), key=lambda i: c.order(model, model.pages[i]))
    return {i: model.pages[i] for i in ordered}


def points(page: Page) -> dict[str, list[Task]]:
    """The document's tasks by the part of the text that sets them, in the order of the tasks."""
    out: dict[str, list[Task]] = {}
    for task in page.doc.tasks:
        out.setdefault(task.anchor, []).append(task)
    return out


def reached(model: Model, task: Task, subject_id: str) -> set[str]:
    """Codes of the subject's tasks a task carries out, following 'thuc_hien' up the chain."""
    out, todo, seen = set(), list(task.implements), set()
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        doc_id, _, code = ref.partition("/")
        if doc_id == subject_id:
            out.add(code)
        elif found := model.task(ref):
            todo.extend(found[1].implements)
    return out


def filled(model: Model, subject: Page) -> dict[tuple[str, str], list[tuple[Page, Task]]]:
    """(part of the subject, document below it) → the tasks of that document carrying out that part."""
    anchor_of = {t.code: t.anchor for t in subject.doc.tasks}
    cells: dict[tuple[str, str], list[tuple[Page, Task]]] = {}
    for doc_id in model.below([subject.doc.id]):
        page = model.pages[doc_id]
        for task in page.doc.tasks:
            for code in reached(model, task, subject.doc.id):
                cells.setdefault((anchor_of[code], doc_id), []).append((page, task))
    return cells


def table(model: Model, subject: Page, out: c.Output) -> str:
    """Rows: every held document below the subject, nearest first, those in force before those that no longer
    are (marked so); columns: the parts of the subject that set tasks. The rows grow with the base, so a long
    table shows its first rows and loads the rest; the columns stay as many as the subject's parts."""
    below = [model.pages[i] for i in model.below([subject.doc.id])]
    ended = {p.doc.id: s for p in below if (s := model.standing(p, cal.today())).key == "het-hieu-luc"}
    ordered = [p for p in below if p.doc.id not in ended] + [p for p in below if p.doc.id in ended]
    cells = {key: {c.section_link(model, page, task.anchor, out, c.point_label(task)) for page, task in tasks}
             for key, tasks in filled(model, subject).items()}
    anchors = list(points(subject))
    header = ["Văn bản triển khai"] + [c.section_link(model, subject, a, out, c.heading_label(a)) for a in anchors]
    rows = []
    for page in ordered:
        row = [c.doc_link(model, page.doc.id, out) + (c.BR + c.tag("em", c.text(ended[page.doc.id].words))
                                                     if page.doc.id in ended else "")]
        for anchor in anchors:
            links = sorted(cells.get((anchor, page.doc.id), ()))
            row.append(c.join(c.BR, links) if links else GAP)
        rows.append(row)
    caption = f"Đối chiếu {c.text(c.title(model, subject))} với các văn bản triển khai (ánh xạ biên tập)"
    keys = ["van_ban"] + anchors  # a column per part of the subject, named by its anchor
    return c.listing(out, at.CROSSWALKS, caption, header, rows, keys) if anchors else \
        c.placeholder("Văn bản không giao nhiệm vụ nào để đối chiếu.")


GAP = c.tag("span", "chưa có nội dung triển khai", ' class="kb-gap"')


def legend(model: Model, subject: Page, out: c.Output) -> str:
    """What each column is: the part of the subject and the first words of its first task."""
    items = []
    for anchor, tasks in points(subject).items():
        summary = tasks[0].summary
        items.append(c.section_link(model, subject, anchor, out, c.heading_label(anchor))
                     + ": " + c.text(summary[:90] + ("…" if len(summary) > 90 else "")))
    return c.bullets(items)


def related(model: Model, subject: Page, out: c.Output) -> str:
    """Crosswalks one level up (the documents it implements) and further down (documents below it)."""
    up = [link(model, d, out) for d in subject.doc.implements if model.is_implemented(d)]
    down = [link(model, i, out) for i in model.below([subject.doc.id]) if model.is_implemented(i)]
    parts = [f"<p>Đối chiếu cấp trên: {'; '.join(up)}.</p>"] if up else []
    parts += [f"<p>Đối chiếu ở cấp dưới: {'; '.join(down)}.</p>"] if down else []
    return "\n".join(parts)


def link(model: Model, doc_id: str, out: c.Output, label: str | None = None) -> str:
    """Link to a document's crosswalk page, named after the document unless told."""
    return c.a(out.address(at.crosswalk(doc_id)), label or c.text(c.title(model, model.pages[doc_id])))


def render(model: Model, subject: Page, out: c.Output) -> str:
    doc_link = c.doc_link(model, subject.doc.id, out)
    below = len(model.below([subject.doc.id]))
    intro = (f"<p>Mỗi hàng là một trong {below} văn bản triển khai {doc_link}, trực tiếp hoặc qua văn bản cấp trung "
             "gian; mỗi cột là một phần của văn bản này có giao nhiệm vụ (danh sách dưới đây). Ô ghi các mục của văn bản "
             "triển khai thực hiện phần ấy; ô "
             "<strong>chưa có nội dung triển khai</strong> là khoảng trống cần xem lại. Việc xếp nhiệm vụ cấp dưới vào "
             "từng mục là <strong>ánh xạ biên tập</strong> (trường <code>thuc_hien</code> của nhiệm vụ), không phải nội "
             "dung của văn bản.</p>")
    return (f"# Đối chiếu {c.text(c.title(model, subject))}\n\n"
            + out.keep(intro + legend(model, subject, out) + related(model, subject, out))
            + out.keep(table(model, subject, out)))
