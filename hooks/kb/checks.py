"""Checks across the model: references, anchors, dates, drafts, notes, unsafe content.

Each check yields Problems; run() returns them all, sorted by file and line.
"""

import difflib
import re

from .links import MANIFEST, broken, published
from . import tracking
from .messages import field_path
from .model import DOCS_DIR, Model, Page
from .records import REPORT
from .sources import Problem, dotted

# Fields that may be null only with an editorial note saying why.
NULLABLE = ("loai", "so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh",
            "nguoi_ky.ho_ten", "nguoi_ky.chuc_vu", "nguon")
DEADLINE_FIELDS = {"mot-lan": "ngay", "trong-thang": "thang", "hang-nam": "ngay_thang",
                   "sau-thang": "ngay_thang", "hang-quy": "ngay_thang", "thuong-xuyen": None}
_UNSAFE = re.compile(r"<\s*(script|iframe|object|embed|style)\b|<[^>]*\son[a-z]+\s*=|javascript\s*:", re.I)


def _hint(wrong: str, known) -> str:
    # The closest existing ids, so a typo is fixed in one look.
    close = difflib.get_close_matches(wrong, list(known), n=3, cutoff=0.5)
    return f"; mã gần nhất: {', '.join(close)}" if close else ""


def _at(page: Page, loc: tuple, message: str) -> Problem:
    return Problem(page.path, page.meta.line(loc), message)


def check_units(model: Model):
    """Units: parents, successors and collective scopes resolve."""
    for unit in model.units.values():
        path, line = model.unit_lines[unit.id]
        refs = [("truc_thuoc", unit.parent), ("ke_thua", unit.successor)]
        refs.append(("tap_the.truc_thuoc", unit.collective.under if unit.collective else None))
        for key, ref in refs:
            if ref and ref not in model.units:
                yield Problem(path, line, f"đơn vị '{unit.id}', trường '{key}': không có đơn vị mã '{ref}'{_hint(ref, model.units)}")
        if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
            yield Problem(path, line, f"đơn vị '{unit.id}': 'hieu_luc_den' ({unit.valid_to}) trước 'hieu_luc_tu' ({unit.valid_from})")


def check_file_names(model: Model):
    """A document lives at docs/van-ban/<id>.md, so its address follows its id."""
    for page in model.pages.values():
        expected = f"{DOCS_DIR}/{page.doc.id}.md"
        if page.path != expected:
            yield _at(page, ("id",), f"trường 'id': tệp của văn bản '{page.doc.id}' phải là {expected}")


def check_references(model: Model):
    """Every unit, document and task id used in front matter resolves."""
    documents = set(model.pages) | set(model.cited)
    for page in model.pages.values():
        doc = page.doc
        if doc.issuer and doc.issuer not in model.units:
            yield _at(page, ("co_quan_ban_hanh",), f"trường 'co_quan_ban_hanh': không có đơn vị mã '{doc.issuer}'{_hint(doc.issuer, model.units)}")
        for key, ids in (("trien_khai", doc.implements), ("can_cu", doc.basis)):
            for i, ref in enumerate(ids):
                if ref not in documents:
                    yield _at(page, (key, i), f"trường '{key}': không có văn bản mã '{ref}' (trong docs/van-ban/ hay {'data/van-ban-trich-dan.yml'}){_hint(ref, documents)}")
        for n, task in enumerate(doc.tasks):
            for key, ids in (("chu_tri", task.leads), ("phoi_hop", task.partners), ("bao_cao_cho", task.report_to),
                             ("bao_cao_qua", [task.report_via] if task.report_via else [])):
                for ref in ids:
                    if ref not in model.units:
                        yield _at(page, ("nhiem_vu", n, key), f"trường 'nhiem_vu[{n + 1}].{key}': không có đơn vị mã '{ref}'{_hint(ref, model.units)}")
            for i, ref in enumerate(task.implements):
                if model.task(ref) is None:
                    doc_id, _, code = ref.partition("/")
                    known = [f"{doc_id}/{t.code}" for t in model.pages[doc_id].doc.tasks] if doc_id in model.pages else [f"{d}/…" for d in model.pages]
                    yield _at(page, ("nhiem_vu", n, "thuc_hien", i), f"trường 'nhiem_vu[{n + 1}].thuc_hien': không có nhiệm vụ '{ref}'{_hint(ref, known)}")


def check_anchors(model: Model):
    """Tasks and notes point at anchors that exist; anchors and task codes are unique."""
    for page in model.pages.values():
        for line, anchor in page.duplicate_anchors:
            yield Problem(page.path, line, f"neo '#{anchor}' bị trùng trong toàn văn: mỗi phần cần một neo riêng")
        codes = set()
        for n, task in enumerate(page.doc.tasks):
            if task.code in codes:
                yield _at(page, ("nhiem_vu", n, "ma"), f"trường 'nhiem_vu[{n + 1}].ma': mã nhiệm vụ '{task.code}' bị trùng")
            codes.add(task.code)
            if task.anchor not in page.sections:
                yield _at(page, ("nhiem_vu", n, "muc"), f"trường 'nhiem_vu[{n + 1}].muc': toàn văn không có neo '#{task.anchor}'{_hint(task.anchor, page.sections)}")
        for n, note in enumerate(page.doc.notes):
            if note.anchor and note.anchor not in page.sections:
                yield _at(page, ("ghi_chu_bien_tap", n, "muc"), f"trường 'ghi_chu_bien_tap[{n + 1}].muc': toàn văn không có neo '#{note.anchor}'{_hint(note.anchor, page.sections)}")


def check_dates(model: Model):
    """Children not dated before parents; deadlines complete and not before issue."""
    for page in model.pages.values():
        doc = page.doc
        for i, parent_id in enumerate(doc.implements):
            parent = model.pages.get(parent_id)
            parent_date = parent.doc.issued if parent else getattr(model.cited.get(parent_id), "issued", None)
            if doc.issued and parent_date and doc.issued < parent_date:
                yield _at(page, ("ngay_ban_hanh",), f"trường 'ngay_ban_hanh': {doc.issued:%d/%m/%Y} trước ngày của văn bản cấp trên '{parent_id}' ({parent_date:%d/%m/%Y})")
        for n, task in enumerate(doc.tasks):
            for k, deadline in enumerate(task.deadlines):
                loc = ("nhiem_vu", n, "thoi_han", k)
                where = f"'nhiem_vu[{n + 1}].thoi_han[{k + 1}]'"
                needed = DEADLINE_FIELDS[deadline.kind]
                given = {f for f, v in (("ngay", deadline.on), ("thang", deadline.month), ("ngay_thang", deadline.day_month)) if v}
                if needed and needed not in given:
                    yield _at(page, loc, f"trường {where}: thời hạn loại '{deadline.kind}' cần trường '{needed}'")
                if given - {needed}:
                    yield _at(page, loc, f"trường {where}: thời hạn loại '{deadline.kind}' không dùng trường {', '.join(repr(g) for g in sorted(given - {needed}))}")
                if deadline.on and doc.issued and deadline.on < doc.issued:
                    yield _at(page, loc, f"trường {where}: hạn {deadline.on:%d/%m/%Y} trước ngày ban hành {doc.issued:%d/%m/%Y}")


def check_drafts(model: Model):
    """A draft cannot be the parent of a document that has been issued."""
    for page in model.pages.values():
        for i, parent_id in enumerate(page.doc.implements):
            parent = model.pages.get(parent_id)
            if parent and parent.doc.status == "du-thao" and page.doc.status != "du-thao":
                yield _at(page, ("trien_khai", i), f"trường 'trien_khai': văn bản cấp trên '{parent_id}' còn là dự thảo, văn bản đã ban hành không thể triển khai dự thảo")


def check_notes(model: Model):
    """Every null field has an editorial note that says why."""
    for page in model.pages.values():
        explained = {n.field_name for n in page.doc.notes}
        for key in NULLABLE:
            if dotted(page.meta.data, key) is None and key not in explained:
                yield _at(page, tuple(key.split(".")), f"trường '{key}': để trống (null) thì cần một ghi chú biên tập có 'truong: {key}' nói vì sao")


def check_cycles(model: Model):
    """No document implements itself through a chain of 'trien_khai'."""
    state: dict[str, int] = {}

    def visit(doc_id: str, chain: list[str]):
        state[doc_id] = 1
        for parent in model.pages[doc_id].doc.implements:
            if state.get(parent) == 1:
                loop = chain[chain.index(parent):] + [doc_id, parent] if parent in chain else [doc_id, parent]
                yield _at(model.pages[doc_id], ("trien_khai",), f"trường 'trien_khai': vòng lặp {' → '.join(loop)}")
            elif parent in model.pages and parent not in state:
                yield from visit(parent, chain + [doc_id])
        state[doc_id] = 2

    for doc_id in sorted(model.pages):
        if doc_id not in state:
            yield from visit(doc_id, [])


def check_content_safety(model: Model):
    """Content is data: no script, event handler or javascript: link anywhere in a document."""
    for page in model.pages.values():
        for i, line in enumerate(page.body.split("\n") if _UNSAFE.search(page.body) else ()):
            if m := _UNSAFE.search(line):
                yield Problem(page.path, page.body_line + i, f"toàn văn chứa mã không được phép '{m.group(0)}': văn bản chỉ được là chữ")
        for loc, value in _strings(page.meta.data, ()):
            if m := _UNSAFE.search(value):
                yield Problem(page.path, page.meta.line(loc), f"trường '{field_path(loc)}': chứa mã không được phép '{m.group(0)}'")


def _strings(value, loc: tuple):
    # Every text in a front matter value, with its key path.
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, (dict, list)):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _strings(item, loc + (key,))


def check_links(model: Model):
    """No published address disappears without a declared redirect."""
    for url in broken(model.manifest or [], model, model.redirects):
        yield Problem(MANIFEST, 1, f"liên kết đã xuất bản sẽ hỏng: '{url}' không còn; khôi phục trang hoặc neo, "
                                   f"hoặc khai báo chuyển hướng trong data/chuyen-huong.yml")
    addresses = set(published(model)) if model.redirects else set()
    for old, new in model.redirects.items():
        if new.split("#", 1)[0] not in addresses:
            yield Problem("data/chuyen-huong.yml", 1, f"chuyển hướng '{old}' trỏ tới '{new}', địa chỉ không có")


PERIOD_FORMS = {"hang-nam": "một năm, ví dụ '2025'", "sau-thang": "nửa năm, '2025-H1' hoặc '2025-H2'",
                "hang-quy": "một quý, '2025-Q1' … '2025-Q4'", "trong-thang": "đúng tháng của hạn",
                "mot-lan": "đúng năm của hạn"}


def check_reports(model: Model):
    """A report names tasks that exist and have dated deadlines, a period of their recurrence, and is filed
    by a unit that owes it."""
    for page in model.pages.values():
        doc, about = page.doc, page.doc.report
        if (doc.kind == REPORT) != (about is not None):
            yield _at(page, ("bao_cao",) if about else ("loai",), "trường 'bao_cao': chỉ báo cáo (loai: bao-cao) có, và báo cáo phải có, "
                      "trường 'bao_cao' (nhiem_vu, ky)")
            continue
        if about is None:
            continue
        if doc.issuer is None:
            yield _at(page, ("co_quan_ban_hanh",), "trường 'co_quan_ban_hanh': báo cáo cần đơn vị báo cáo (mã trong data/don-vi.yml)")
        for i, ref in enumerate(about.tasks):
            yield from _report_task(model, page, i, ref)


# One task a report answers: it exists, which deadline, the period's form, the unit owing it.
def _report_task(model: Model, page: Page, i: int, ref: str):
    about, where = page.doc.report, f"'bao_cao.nhiem_vu[{i + 1}]'"
    found = model.task(ref)
    if found is None:
        known = [f"{p.doc.id}/{t.code}" for p in model.pages.values() for t in p.doc.tasks if tracking.dated(t)]
        yield _at(page, ("bao_cao", "nhiem_vu", i), f"trường {where}: không có nhiệm vụ '{ref}'{_hint(ref, known)}")
        return
    task, ks = found[1], tracking.dated(found[1])
    if not ks:
        yield _at(page, ("bao_cao", "nhiem_vu", i), f"trường {where}: nhiệm vụ '{ref}' không có thời hạn theo ngày để báo cáo")
        return
    k = about.deadline - 1 if about.deadline else (ks[0] if len(ks) == 1 else None)
    if k not in ks:
        choices = ", ".join(f"{n + 1} ({task.deadlines[n].wording})" for n in ks)
        yield _at(page, ("bao_cao", "thoi_han"), f"trường 'bao_cao.thoi_han': nhiệm vụ '{ref}' có các thời hạn {choices}; ghi số thứ tự của thời hạn mà báo cáo trả lời")
        return
    deadline = task.deadlines[k]
    if tracking.due_day(deadline, about.period) is None:
        yield _at(page, ("bao_cao", "ky"), f"trường 'bao_cao.ky': kỳ '{about.period}' không khớp thời hạn '{deadline.wording}' "
                                           f"({deadline.kind}) của nhiệm vụ '{ref}': cần {PERIOD_FORMS[deadline.kind]}")
    owing = tracking.owed(model, task)
    if page.doc.issuer and page.doc.issuer not in owing:
        listed = ", ".join(owing[:8]) + (", …" if len(owing) > 8 else "")
        yield _at(page, ("co_quan_ban_hanh",), f"trường 'co_quan_ban_hanh': đơn vị '{page.doc.issuer}' không phải báo cáo nhiệm vụ '{ref}' "
                                              f"(đơn vị phải báo cáo: {listed})")


def check_proposals(model: Model):
    """Nothing inferred is published until an editor has confirmed it."""
    for page in model.pages.values():
        for i, proposal in enumerate(page.doc.proposals):
            yield _at(page, ("de_xuat", i), f"trường 'de_xuat': đề xuất chưa được xác nhận cho '{proposal.field_name}': "
                                            f"{proposal.text} Kiểm tra (sửa nếu sai) rồi xóa mục này.")


CHECKS = (check_units, check_file_names, check_references, check_anchors, check_dates,
          check_drafts, check_notes, check_cycles, check_content_safety, check_links, check_reports,
          check_proposals)


def run(model: Model) -> list[Problem]:
    """All problems of the content: schema ones from loading, then every check."""
    problems = set(model.problems)
    for check in CHECKS:
        problems.update(check(model))
    return sorted(problems)


def warnings(model: Model) -> list[Problem]:
    """Not errors: reporting deadlines that leave the level above too little time."""
    from .calendar import margin_words, tight_links
    out = []
    for link in tight_links(model, model.settings.deadline_margin_days):
        (page, task), (parent, above) = link.child, link.parent
        out.append(_at(page, ("nhiem_vu", page.doc.tasks.index(task), "thoi_han"),
                       f"cảnh báo: hạn của nhiệm vụ '{task.code}' {margin_words(link.days)} ('{parent.doc.id}/{above.code}')"))
    return sorted(out)
