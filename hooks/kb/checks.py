"""Checks across the model: references, anchors, dates, drafts, notes, markup, the text's own header, duplicates,
published links, reports.

Each check yields Problems; run() returns them all, the causes of what could not be read first, each said once:
what a file that failed to load makes fail elsewhere (its links, the references to it) is left out, and a note
says what was skipped.
"""

import difflib
import functools
import hashlib
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import timedelta

from . import calendar as cal, history, lifecycle, markup, originals, tracking
from .addresses import CITED, CROSSWALKS, DOCUMENTS, MANIFEST, UNITS, owner
from .importing import witness
from .importing.readers import ImportRefused
from .importing.matching import UnitIndex
from .links import broken, published
from .messages import field_path
from .model import CITED_FILE, DOCS_DIR, REDIRECTS_FILE, UNITS_FILE, Model, Page, identity
from .records import REPORT
from .sources import Problem, dotted
from .text import clip

# Fields that may be null only with an editorial note saying why.
NULLABLE = ("loai", "so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh",
            "nguoi_ky.ho_ten", "nguoi_ky.chuc_vu", "nguon")
DEADLINE_FIELDS = {"mot-lan": "ngay", "trong-thang": "thang", "hang-nam": "ngay_thang",
                   "sau-thang": "ngay_thang", "hang-quy": "ngay_thang", "hang-thang": "ngay_thang", "thuong-xuyen": None}
_TAG = re.compile(r"<[A-Za-z/!?][^>]*>?")  # markup, in a field that is shown as plain text
LISTED = 3  # addresses named in a message before '…'


def _hint(wrong: str, known) -> str:
    # The closest existing ids, so a typo is fixed in one look.
    close = difflib.get_close_matches(wrong, list(known), n=3, cutoff=0.5)
    return f"; mã gần nhất: {', '.join(close)}" if close else ""


def _at(page: Page, loc: tuple, message: str) -> Problem:
    return Problem(page.path, page.meta.line(loc), message)


def _gone_unit(model: Model, unit_id: str) -> bool:
    # A unit the registry holds but could not read: references to it are not errors of their own.
    return UNITS_FILE in model.unreadable or unit_id in model.unloaded_ids


def _gone_document(model: Model, doc_id: str) -> bool:
    return doc_id in model.unloaded.values() or doc_id in model.unloaded_ids or CITED_FILE in model.unreadable


def check_units(model: Model):
    """Units: parents, successors and collective scopes resolve."""
    for unit in model.units.values():
        path, line = model.unit_lines[unit.id]
        refs = [("truc_thuoc", unit.parent), ("ke_thua", unit.successor)]
        refs.append(("tap_the.truc_thuoc", unit.collective.under if unit.collective else None))
        for key, ref in refs:
            if ref and ref not in model.units and not _gone_unit(model, ref):
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
        if doc.issuer and doc.issuer not in model.units and not _gone_unit(model, doc.issuer):
            yield _at(page, ("co_quan_ban_hanh",), f"trường 'co_quan_ban_hanh': không có đơn vị mã '{doc.issuer}'{_hint(doc.issuer, model.units)}")
        for key, ids in (("trien_khai", doc.implements), ("can_cu", doc.basis)):
            for i, ref in enumerate(ids):
                if ref not in documents and not _gone_document(model, ref):
                    yield _at(page, (key, i), f"trường '{key}': không có văn bản mã '{ref}' (trong docs/van-ban/ hay {CITED_FILE}){_hint(ref, documents)}")
        for n, task in enumerate(doc.tasks):
            for key, ids in (("chu_tri", task.leads), ("phoi_hop", task.partners), ("bao_cao_cho", task.report_to),
                             ("bao_cao_qua", [task.report_via] if task.report_via else [])):
                for ref in ids:
                    if ref not in model.units and not _gone_unit(model, ref):
                        yield _at(page, ("nhiem_vu", n, key), f"trường 'nhiem_vu[{n + 1}].{key}': không có đơn vị mã '{ref}'{_hint(ref, model.units)}")
            for i, ref in enumerate(task.implements):
                doc_id, _, code = ref.partition("/")
                if model.task(ref) is None and not _gone_document(model, doc_id):
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
    """Not dated after today (drafts: within the configured margin); children not before parents; deadlines
    complete and not before issue."""
    today = cal.today()
    for page in model.pages.values():
        doc = page.doc
        ahead = model.settings.draft_days_ahead if doc.status == "du-thao" else 0
        if doc.issued and doc.issued > today + timedelta(days=ahead):
            allowed = f"dự thảo được ghi tối đa {ahead} ngày sau hôm nay" if ahead else "văn bản đã ban hành không thể mang ngày sau hôm nay"
            yield _at(page, ("ngay_ban_hanh",), f"trường 'ngay_ban_hanh': {doc.issued:%d/%m/%Y} là ngày trong tương lai "
                                                f"(hôm nay {today:%d/%m/%Y}; {allowed})")
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


def check_cycles(model: Model):
    """No document implements itself through a chain of 'trien_khai'."""
    yield from _loops(model, "trien_khai", lambda doc: doc.implements)


def check_lifecycle(model: Model):
    """Replacements, amendments and annulments name documents and points the base holds, take effect once the
    text they act on exists, form no cycle, and leave no two plans applying on the same day."""
    for page in model.pages.values():
        doc = page.doc
        if doc.valid_from and doc.valid_to and doc.valid_to < doc.valid_from:
            yield _at(page, ("hieu_luc_den",), f"trường 'hieu_luc_den': {doc.valid_to:%d/%m/%Y} trước ngày có hiệu lực {doc.valid_from:%d/%m/%Y}")
        for key, i, change, day in lifecycle.changes(doc):
            yield from _change(model, page, key, i, change, day)
    yield from _loops(model, "thay_the", lambda doc: [c.document for c in doc.replaces])


def _change(model: Model, page: Page, key: str, i: int, change, day):
    # One relation of one document, checked against the document it acts on.
    target, field, action = model.pages.get(change.document), f"{key}[{i + 1}]", lifecycle.ACTIONS[key]
    if target is None:
        if not _gone_document(model, change.document):
            yield _at(page, (key, i, "van_ban"), f"trường '{field}.van_ban': không có văn bản mã '{change.document}' trong "
                                                 f"{DOCS_DIR}/ (chỉ văn bản có trong kho mới có hiệu lực để {action}){_hint(change.document, model.pages)}")
        return
    if target is page:
        yield _at(page, (key, i, "van_ban"), f"trường '{field}.van_ban': văn bản không thể tự {action} chính nó")
        return
    if day and target.doc.issued and day < target.doc.issued:
        yield _at(page, (key, i, "tu_ngay" if change.day else "van_ban"), f"trường '{field}': '{target.doc.id}' ban hành ngày "
                  f"{target.doc.issued:%d/%m/%Y}, không thể bị {action} từ {day:%d/%m/%Y}, trước khi có")
    for j, point in enumerate(change.points):
        if point not in target.sections:
            yield _at(page, (key, i, "diem", j), f"trường '{field}.diem': '{target.doc.id}' không có mục neo '{point}'{_hint(point, target.sections)}")
    if key == "thay_the" and day and target.doc.valid_to and target.doc.valid_to >= day:
        yield _at(page, (key, i, "van_ban"), f"trường '{field}': '{target.doc.id}' ghi áp dụng đến hết {target.doc.valid_to:%d/%m/%Y} "
                  f"(hieu_luc_den), nhưng văn bản này thay thế nó từ {day:%d/%m/%Y}: hai văn bản cùng áp dụng; sửa một trong hai ngày")


def _loops(model: Model, key: str, step):
    # A chain of relations (key) that comes back to where it started.
    state: dict[str, int] = {}

    def visit(doc_id: str, chain: list[str]):
        state[doc_id] = 1
        for nxt in step(model.pages[doc_id].doc):
            if state.get(nxt) == 1:
                loop = chain[chain.index(nxt):] + [doc_id, nxt] if nxt in chain else [doc_id, nxt]
                yield _at(model.pages[doc_id], (key,), f"trường '{key}': vòng lặp {' → '.join(loop)}")
            elif nxt in model.pages and nxt not in state:
                yield from visit(nxt, chain + [doc_id])
        state[doc_id] = 2

    for doc_id in sorted(model.pages):
        if doc_id not in state:
            yield from visit(doc_id, [])


def check_markup(model: Model):
    """Bodies hold only the allowed markup and show every line of their text; front matter is plain text."""
    for page in model.pages.values():
        yield from _kept((check_markup, page), lambda page=page: _markup_of(page))


def _markup_of(page: Page):
    for line, message in markup.problems(page.body, page.body_line):
        yield Problem(page.path, line, f"toàn văn: {message}")
    for loc, value in _strings(page.meta.data, ()):
        if m := _TAG.search(value):
            yield Problem(page.path, page.meta.line(loc), f"trường '{field_path(loc)}': chỉ ghi chữ, không ghi thẻ HTML "
                                                          f"('{m.group(0)[:40]}'): giá trị hiện đúng từng chữ trên trang")


def _strings(value, loc: tuple):
    # Every text in a front matter value, with its key path.
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, (dict, list)):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _strings(item, loc + (key,))


def check_header(model: Model):
    """The front matter says what the document's own header says (number, date, type, issuer, signer), and a
    field left null says why: a difference, or a null, needs an editorial note on the field."""
    registries, index = _registries(model), functools.cache(lambda: UnitIndex(model))  # made when a page needs it
    for page in model.pages.values():
        yield from _kept((check_header, page, registries), lambda page=page: _header_of(model, page, index()))


def _header_of(model: Model, page: Page, index: UnitIndex):
    paragraphs = markup.paragraphs(page.body)
    header = witness.read([lines for _, lines in paragraphs], index) if paragraphs else None
    stated = header.stated if header else {}
    explained = {n.field_name for n in page.doc.notes}
    for key in dict.fromkeys([*stated, *NULLABLE]):
        said, kept = dotted(header.meta, key) if key in stated else None, dotted(page.meta.data, key)
        if key in explained:
            continue
        if key in stated and not _same(key, said, kept):
            line = page.body_line + next((n for n, lines in paragraphs if stated[key].split("\n")[0] in lines), 0)
            yield _at(page, tuple(key.split(".")), f"trường '{key}': {_value(model, key, kept)} khác điều văn bản ghi ở "
                      f"dòng {line} ('{stated[key].split(chr(10))[-1]}': {_value(model, key, said)}); sửa cho khớp văn bản, "
                      f"hoặc thêm ghi chú biên tập 'truong: {key}' nói vì sao khác")
        elif kept is None and key in NULLABLE:
            yield _at(page, tuple(key.split(".")), f"trường '{key}': để trống (null) thì cần một ghi chú biên tập có 'truong: {key}' nói vì sao")


# Two values of a field agree: numbers without spaces, the rest as written.
def _same(key: str, said, kept) -> bool:
    if key == "so_hieu":
        return "".join(str(said or "").split()) == "".join(str(kept or "").split())
    return str(said or "") == str(kept or "")


def _value(model: Model, key: str, value) -> str:
    if value is None:
        return "để trống"
    if key == "co_quan_ban_hanh" and value in model.units:
        return f"'{value}' ({model.units[value].name})"
    if key == "ngay_ban_hanh":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}" if re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)) else f"'{value}'"
    return f"'{value}'"


def check_originals(model: Model):
    """Each original is in nguon/ as recorded (its hash), every file there belongs to a document, and each body
    holds every sentence of its original, in order (for a scan: see warnings)."""
    folder = model.root / originals.FOLDER if model.root else None
    if folder is None:
        return
    used = set()
    for page in model.pages.values():
        original = page.doc.original
        if original is None:
            continue
        used |= {original.file, original.ocr}
        if absent := [f for f in (original.file, original.ocr) if f and not (folder / f).is_file()]:
            yield _at(page, ("ban_goc", "tep" if absent[0] == original.file else "ocr"),
                      f"trường 'ban_goc': không có tệp {originals.FOLDER}/{absent[0]}")
            continue
        if (found := originals.digest(folder / original.file)) != original.sha256:
            yield _at(page, ("ban_goc", "sha256"), f"trường 'ban_goc.sha256': tệp {originals.FOLDER}/{original.file} đã khác "
                      f"(SHA-256 {found[:12]}…, ghi {original.sha256[:12]}…): bản gốc không được thay; nếu tệp mới là bản "
                      "gốc đúng, ghi mã băm mới và nói vì sao trong một ghi chú biên tập")
            continue
        if not original.ocr:
            yield from _kept((check_originals, page, found), lambda page=page: (
                _missing(page, m, page.doc.original.file) for m in _differences(model, page)))
    for name in sorted({f.name for f in folder.iterdir()} - used - {"README.md"} if folder.is_dir() else ()):
        yield Problem(f"{originals.FOLDER}/{name}", 1, "tệp bản gốc không thuộc văn bản nào: ghi nó vào trường "
                                                        "'ban_goc' của văn bản, hoặc xóa tệp")


# The sentences of a document's original missing from its body; an unreadable original is one of them.
def _differences(model: Model, page: Page) -> list[originals.Missing]:
    try:
        text = originals.text(model.root, page.doc.original)
    except ImportRefused as err:
        return [originals.Missing(f"(không đọc được bản gốc: {str(err).split(': ', 1)[-1]})", page.body_line, None, False)]
    notes = [n.text for n in page.doc.notes]
    return originals.compare(page.body, page.body_line, notes, originals.source_sentences(text))


def _missing(page: Page, miss: originals.Missing, file: str) -> Problem:
    said = f"'{clip(miss.sentence, 160)}'"
    if miss.elsewhere:
        return Problem(page.path, miss.line, f"toàn văn: câu {said} của bản gốc nguon/{file} không đúng thứ tự của bản gốc")
    closest = f"câu gần nhất trong toàn văn: '{clip(miss.closest, 160)}'" if miss.closest else "toàn văn không có câu nào gần giống"
    return Problem(page.path, miss.line, f"toàn văn thiếu câu {said} của bản gốc nguon/{file}; {closest}. Chép đúng từng "
                                         "chữ; phần không thuộc văn bản (dấu tiếp nhận, chữ ký tay) thì trích trong một ghi chú biên tập")


def check_duplicates(model: Model):
    """One document, one file: the same number, issuer and date (or, without a number, the same title) twice
    is a copy."""
    seen: dict[tuple, Page] = {}
    for page in sorted(model.pages.values(), key=lambda p: p.path):
        doc = page.doc
        key = identity(doc.number, doc.title, doc.issuer, doc.issued)
        if key in seen:
            yield _at(page, (key[0],), f"văn bản trùng với {seen[key].path} (cùng {'số hiệu' if doc.number else 'trích yếu'}, "
                                      "cơ quan ban hành và ngày ban hành): mỗi văn bản chỉ có một tệp; xóa bản sao, hoặc sửa trường sai")
        elif key:
            seen[key] = page


def check_links(model: Model):
    """No published address disappears without a declared redirect; every new one is recorded."""
    if model.manifest is None:
        return
    now = set(published(model))
    gone = {("van-ban", i) for i in model.unloaded.values()}
    unread = {folder for folder, rel in (("don-vi", UNITS_FILE), ("van-ban-trich-dan", CITED_FILE)) if rel in model.unreadable}
    said: set[tuple[str, str]] = set()
    for url in broken(model.manifest, model):
        folder, record = owner(url)
        if (folder, record) in gone or folder in unread or (folder, record) in said:
            continue  # its file could not be read (said above), or its page's loss is said already
        anchor = url.partition("#")[2]
        if folder == "van-ban" and record in model.pages and anchor in _named(model.pages[record]):
            continue  # a task or note still names it: said by check_anchors
        if folder == "van-ban" and record in model.pages and anchor:
            page = model.pages[record]
            old = history.old_line(model.root, page.path, f"#{anchor}") if model.root else None
            yield Problem(page.path, min(old or page.body_line, page.body_line + page.body.count("\n")),
                          f"neo '#{anchor}' đã xuất bản ('{url}') không còn trong toàn văn: "
                          f"khôi phục neo, hoặc khai báo chuyển hướng neo trong {REDIRECTS_FILE} "
                          f"('- tu: {url}' rồi 'den: <địa chỉ mới>')")
        elif folder == "van-ban" and record in model.pages:
            continue  # a short link of a section whose anchor is reported
        else:
            said.add((folder, record))
            page_url = f"{folder}/{record}/" if folder else url
            yield Problem(MANIFEST, model.manifest[url], f"trang đã xuất bản '{page_url}' không còn: khôi phục trang, hoặc khai báo "
                                                         f"chuyển hướng trong {REDIRECTS_FILE} ('- tu: {page_url}' rồi 'den: <địa chỉ mới>')")
    yield from _unrecorded(model, sorted(now - set(model.manifest)))
    for old, new in model.redirects.items():
        if new.split("#", 1)[0] not in now or ("#" in new and new not in now):
            yield Problem(REDIRECTS_FILE, 1, f"chuyển hướng '{old}' trỏ tới '{new}', địa chỉ không có")


# The anchors a document's tasks and notes point at.
def _named(page: Page) -> set[str]:
    return {t.anchor for t in page.doc.tasks} | {n.anchor for n in page.doc.notes if n.anchor}


# New addresses missing from the manifest, one message per file that makes them.
def _unrecorded(model: Model, urls: list[str]):
    groups: dict[tuple[str, int], list[str]] = {}
    for url in urls:
        folder, record = owner(url)
        if folder in (DOCUMENTS, CROSSWALKS) and record in model.pages:  # a crosswalk is its document's
            place = (model.pages[record].path, model.pages[record].meta.line(("id",)))
        elif folder == UNITS and record in model.unit_lines:
            place = model.unit_lines[record]
        elif folder == CITED and record in model.cited_lines:
            place = model.cited_lines[record]
        else:
            place = (MANIFEST, 1)
        groups.setdefault(place, []).append(url)
    for (path, line), listed in sorted(groups.items()):
        more = f", … ({len(listed)} địa chỉ)" if len(listed) > LISTED else ""
        yield Problem(path, line, f"địa chỉ mới chưa ghi vào {MANIFEST}: {', '.join(listed[:LISTED])}{more}; chạy 'make links' "
                                  "(hoặc thêm các dòng đó vào tệp) để địa chỉ đã xuất bản không bao giờ mất mà không ai biết")


PERIOD_FORMS = {"hang-nam": "một năm, ví dụ '2025'", "sau-thang": "nửa năm, '2025-H1' hoặc '2025-H2'",
                "hang-quy": "một quý, '2025-Q1' … '2025-Q4'", "hang-thang": "một tháng, ví dụ '2025-03'",
                "trong-thang": "đúng tháng của hạn",
                "mot-lan": "đúng năm của hạn"}


def check_reports(model: Model):
    """A report names tasks that exist and have dated deadlines, a period of their recurrence within the
    document's life, and is filed by a unit that owes it."""
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


# One task a report answers: it exists, which deadline, the period's form and place in time, the unit owing it.
def _report_task(model: Model, page: Page, i: int, ref: str):
    about, where = page.doc.report, f"'bao_cao.nhiem_vu[{i + 1}]'"
    found = model.task(ref)
    if found is None:
        if not _gone_document(model, ref.partition("/")[0]):
            known = [f"{p.doc.id}/{t.code}" for p in model.pages.values() for t in p.doc.tasks if tracking.dated(t)]
            yield _at(page, ("bao_cao", "nhiem_vu", i), f"trường {where}: không có nhiệm vụ '{ref}'{_hint(ref, known)}")
        return
    (source, task), ks = found, tracking.dated(found[1])
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
    else:
        yield from _period_in_life(page, source, model.not_before(source), about.period)
    owing = tracking.owed(model, task)
    if page.doc.issuer and page.doc.issuer not in owing:
        listed = ", ".join(owing[:8]) + (", …" if len(owing) > 8 else "")
        yield _at(page, ("co_quan_ban_hanh",), f"trường 'co_quan_ban_hanh': đơn vị '{page.doc.issuer}' không phải báo cáo nhiệm vụ '{ref}' "
                                              f"(đơn vị phải báo cáo: {listed})")


# A period ends on or after the day the task was given, and starts on or before the report's own date.
def _period_in_life(page: Page, source: Page, given, period: str):
    start, end = tracking.bounds(period)
    written = page.doc.issued
    if given and end < given:
        since = "được ban hành" if source.doc.issued else "có thể được ban hành (ngày của văn bản cấp trên mà nó triển khai)"
        yield _at(page, ("bao_cao", "ky"), f"trường 'bao_cao.ky': kỳ '{period}' kết thúc ({end:%d/%m/%Y}) trước khi văn bản giao "
                                           f"nhiệm vụ '{source.doc.id}' {since} ({given:%d/%m/%Y})")
    if written and start > written:
        yield _at(page, ("bao_cao", "ky"), f"trường 'bao_cao.ky': kỳ '{period}' bắt đầu ({start:%d/%m/%Y}) sau ngày của chính "
                                           f"báo cáo ({written:%d/%m/%Y})")


def check_proposals(model: Model):
    """Nothing inferred is published until an editor has confirmed it."""
    for page in model.pages.values():
        for i, proposal in enumerate(page.doc.proposals):
            yield _at(page, ("de_xuat", i), f"trường 'de_xuat': đề xuất chưa được xác nhận cho '{proposal.field_name}': "
                                            f"{proposal.text} Kiểm tra (sửa nếu sai) rồi xóa mục này.")


# The problems of the checks that read one page (and registries or files named in the key), as the last run
# found them: a preview server, checking the whole base again on every save, checks again only what changed.
_last: dict[tuple, list[Problem]] = {}
_now: dict[tuple, list[Problem]] = {}


def _kept(key: tuple, found) -> list[Problem]:
    if key not in _now:
        _now[key] = _last[key] if key in _last else list(found())
    return _now[key]


# What the registries hold, as the header check reads them (units, their places, abbreviations).
def _registries(model: Model) -> str:
    return hashlib.blake2b(repr((list(model.units.values()), model.abbreviations)).encode(), digest_size=16).hexdigest()


# The costliest first: run side by side, each check is one task, and the long ones start at once.
CHECKS = (check_originals, check_header, check_markup, check_units, check_file_names, check_references, check_anchors,
          check_dates, check_drafts, check_cycles, check_lifecycle, check_duplicates, check_links, check_reports,
          check_proposals)


def run(model: Model, without=(), processes: int = 1) -> list[Problem]:
    """All problems of the content (but those of the checks left out): what could not be read first, with a
    note on what that kept from being checked; then every check, by file and line. processes: how many the
    checks may share."""
    global _last, _now
    _last, _now = _now, {}  # kept: what this run finds again
    causes = set(model.problems) | set(_skipped(model))
    problems = set(causes)
    for found in _found(model, [check for check in CHECKS if check not in without], processes):
        problems.update(found)
    return sorted(problems, key=lambda p: (p not in causes, p.path, p.line, p.note, p.message))


# What each check finds: one check a task in forked processes that share the loaded model (the pool forks them all
# before it starts its own thread), or in this process: with one process, or should one of the others die.
def _found(model: Model, chosen: list, processes: int):
    global _shared
    if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
        _shared = model, chosen
        try:
            with ProcessPoolExecutor(min(processes, len(chosen)), mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_forked, range(len(chosen))))
        except BrokenProcessPool:
            pass
        finally:
            _shared = None
    return (check(model) for check in chosen)


_shared: tuple | None = None  # the model and checks the forked processes read


def _forked(index: int) -> list[Problem]:
    model, chosen = _shared
    return list(chosen[index](model))


def errors(problems: list[Problem]) -> int:
    """How many causes to fix: notes on what was skipped are not counted."""
    return sum(not p.note for p in problems)


# One note per file that could not be read, under its first error.
def _skipped(model: Model):
    first = {}
    for p in sorted(model.problems):
        first.setdefault(p.path, p.line)
    for path, doc_id in model.unloaded.items():
        yield Problem(path, first.get(path, 1), f"(vì lỗi trên, văn bản '{doc_id}' chưa đọc được: bỏ qua các kiểm tra khác "
                                                "của nó, liên kết đã xuất bản của nó và các tham chiếu tới nó)", note=True)
    for path in sorted(model.unreadable):
        yield Problem(path, first.get(path, 1), f"(vì lỗi trên, {path} chưa đọc được: bỏ qua kiểm tra các mã trỏ tới danh mục "
                                                "này và các liên kết đã xuất bản của nó)", note=True)


def warnings(model: Model) -> list[Problem]:
    """Not errors: reporting deadlines that leave the level above too little time, and where the body of a scan
    differs from its OCR text (corrections from the paper, to confirm)."""
    from .calendar import margin_words
    from .derived import of
    out = [Problem(page.path, miss.line, f"cảnh báo: bản quét nguon/{page.doc.original.file}: chữ nhận dạng "
                                         f"'{clip(miss.sentence, 120)}' khác toàn văn"
                                         + (f" ('{clip(miss.closest, 120)}')" if miss.closest else "") + ": xác nhận theo bản giấy")
           for page in model.pages.values() if page.doc.original and page.doc.original.ocr and model.root
           for miss in _differences(model, page)]
    for link in of(model).tight:
        (page, task), (parent, above) = link.child, link.parent
        out.append(_at(page, ("nhiem_vu", link.position, "thoi_han"),
                       f"cảnh báo: hạn của nhiệm vụ '{task.code}' {margin_words(link.days)} ('{parent.doc.id}/{above.code}')"))
    return sorted(out)
