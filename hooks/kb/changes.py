"""What a change does to the base: the model of the working tree against the model of another git ref.

Said for reviewers, grouped by document: documents added, removed or changed (field by field), tasks added,
removed or changed (unit, role, deadline, report-to, parent task), the units whose obligations change, the
deadlines the calendar gains, loses or moves, the crosswalk cells that fill or empty, published addresses lost
or redirected, cited documents added or removed. Markdown for the pull request, JSON for tools.
"""

import difflib
import io
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import calendar as cal, markup
from .links import published, resolve
from .model import Model, Page, load
from .pages import common as c, crosswalk
from .records import Task

BASES = ("origin/main", "main")  # the branch a pull request goes to, as a clone or a CI checkout names it
FIELDS = ("loai", "so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh", "nguoi_ky", "tinh_trang",
          "trien_khai", "can_cu", "nguon", "ban_goc", "bao_cao")
ROLES = {"chu_tri": "chủ trì", "phoi_hop": "phối hợp", "bao_cao_cho": "nhận báo cáo"}
SECTIONS = {"van-ban": "Văn bản", "don-vi": "Đơn vị có nhiệm vụ thay đổi", "lich": "Lịch báo cáo",
            "doi-chieu": "Bảng đối chiếu", "dia-chi": "Địa chỉ đã xuất bản", "trich-dan": "Văn bản được trích dẫn"}


@dataclass(frozen=True)
class Change:
    """One line of the summary: where it belongs, what changed, from what to what, and the sentence said."""
    section: str  # a key of SECTIONS
    group: str  # the document, unit or crosswalk it is grouped under ('' for none)
    kind: str  # them, bo, sua, lap, trong, chuyen-huong, mat
    subject: str  # field, task code, unit id, address…
    old: str | None
    new: str | None
    text: str
    label: str = ""  # how the group is named in the summary


def base_ref(root: Path, wanted: str | None = None) -> str | None:
    """The commit to compare with: the given ref, else where HEAD left the main branch; None without one."""
    for ref in [wanted] if wanted else BASES:
        if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
            continue
        return (_git(root, "merge-base", "HEAD", ref) or ref).strip() if not wanted else ref
    return None


def model_at(root: Path, ref: str | None, scratch: Path) -> Model:
    """The model of the content as it was at ref (an empty base when there is none)."""
    if ref is not None:
        prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
        archive = subprocess.run(["git", "archive", "--format=tar", f"{ref}:{prefix}" if prefix else ref], cwd=root,
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(scratch, members=[m for m in tar.getmembers() if m.name.split("/")[0] in ("docs", "data", "nguon")],
                           filter="data")
    return load(scratch)


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def against(root: Path, ref: str | None) -> tuple[list[Change], str | None]:
    """The changes of the working tree since ref (resolved as base_ref does), and the commit compared with."""
    commit = base_ref(root, ref)
    with tempfile.TemporaryDirectory() as scratch:
        old = model_at(root, commit, Path(scratch))
    return compare(old, load(root)), commit


def compare(old: Model, new: Model) -> list[Change]:
    """Every change from old to new, in the order of the summary."""
    return (documents(old, new) + units(old, new) + deadlines(old, new) + crosswalks(old, new) + addresses(old, new)
            + cited(old, new))


def documents(old: Model, new: Model) -> list[Change]:
    out = []
    for doc_id in sorted(set(old.pages) | set(new.pages)):
        before, after = old.pages.get(doc_id), new.pages.get(doc_id)
        if before is None:
            found = [Change("van-ban", doc_id, "them", doc_id, None, _name(new, after),
                            f"thêm {_name(new, after)} ({len(after.doc.tasks)} nhiệm vụ)")]
            found += [_task_change(new, after, None, t) for t in after.doc.tasks]
        elif after is None:
            found = [Change("van-ban", doc_id, "bo", doc_id, _name(old, before), None, f"bỏ {_name(old, before)}")]
        else:
            found = _fields(before, after) + _body(before, after) + _tasks(old, new, before, after)
        label = f"{c.title(new if after else old, after or before)} (`{doc_id}`)"
        out += [replace(ch, label=label) for ch in found]
    return out


def _name(model: Model, page: Page) -> str:
    # 'Kế hoạch 12/KH-UBND của Ủy ban nhân dân tỉnh Hà Tĩnh, ngày 05/01/2022' (a title without a number names its issuer).
    issuer = model.units.get(page.doc.issuer or "")
    of = f" của {issuer.name}" if issuer and page.doc.number else ""
    return c.title(model, page) + of + (f", ngày {page.doc.issued:%d/%m/%Y}" if page.doc.issued else "")


def _fields(before: Page, after: Page) -> list[Change]:
    out = []
    for key in FIELDS:
        was, now = before.meta.data.get(key), after.meta.data.get(key)
        if was != now:
            out.append(Change("van-ban", after.doc.id, "sua", key, _shown(was), _shown(now),
                              f"`{key}`: {_shown(was)} → {_shown(now)}"))
    notes = len(after.doc.notes) - len(before.doc.notes)
    if before.doc.notes != after.doc.notes:
        out.append(Change("van-ban", after.doc.id, "sua", "ghi_chu_bien_tap", str(len(before.doc.notes)),
                          str(len(after.doc.notes)), f"ghi chú biên tập: {len(before.doc.notes)} → {len(after.doc.notes)}"
                          + (f" ({notes:+d})" if notes else " (sửa nội dung)")))
    return out


def _shown(value) -> str:
    if value is None or value == []:
        return "(trống)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(map(_shown, value))
    return str(value)


def _body(before: Page, after: Page) -> list[Change]:
    if before.body == after.body:
        return []
    was = [" ".join(lines) for _, lines in markup.paragraphs(before.body)]
    now = [" ".join(lines) for _, lines in markup.paragraphs(after.body)]
    counts = {"replace": 0, "insert": 0, "delete": 0}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
        if tag != "equal":
            counts[tag] += max(i2 - i1, j2 - j1) if tag == "replace" else (j2 - j1 if tag == "insert" else i2 - i1)
    said = [f"{n} đoạn {w}" for n, w in ((counts["replace"], "sửa"), (counts["insert"], "thêm"), (counts["delete"], "bỏ")) if n]
    return [Change("van-ban", after.doc.id, "sua", "toan-van", None, None,
                   "toàn văn: " + (", ".join(said) or "chỉ đổi cách viết (dấu cách, xuống dòng, neo)"))]


def _tasks(old: Model, new: Model, before: Page, after: Page) -> list[Change]:
    was, now = {t.code: t for t in before.doc.tasks}, {t.code: t for t in after.doc.tasks}
    out = [_task_change(new, after, None, now[k]) for k in now if k not in was]
    out += [_task_change(old, before, was[k], None) for k in was if k not in now]
    for code in [k for k in now if k in was and was[k] != now[k]]:
        out.append(_task_change(new, after, was[code], now[code], old))
    return out


def _task_change(model: Model, page: Page, was: Task | None, now: Task | None, old_model: Model | None = None) -> Change:
    task = now or was
    where = f"nhiệm vụ `{task.code}` ({c.point_label(task)})"
    if was is None:
        return Change("van-ban", page.doc.id, "them", task.code, None, _task_words(model, now), f"thêm {where}: {_task_words(model, now)}")
    if now is None:
        return Change("van-ban", page.doc.id, "bo", task.code, _task_words(model, was), None, f"bỏ {where}: {_task_words(model, was)}")
    parts = []
    for label, read in _TASK_FIELDS:
        a, b = read(old_model, was), read(model, now)
        if a != b:
            parts.append(f"{label} {a or '(trống)'} → {b or '(trống)'}")
    return Change("van-ban", page.doc.id, "sua", task.code, _task_words(old_model, was), _task_words(model, now),
                  f"{where}: " + "; ".join(parts))


def _units(model: Model, ids) -> str:
    return ", ".join(_unit(model, i) for i in ids)


def _unit(model: Model, unit_id: str) -> str:
    unit = model.units.get(unit_id)
    return (unit.short_name or unit.name) if unit else unit_id


def _deadlines_of(task: Task) -> str:
    return "; ".join(c.plain(c.deadline(d)) for d in task.deadlines)


_TASK_FIELDS = (("chủ trì", lambda m, t: _units(m, t.leads)), ("phối hợp", lambda m, t: _units(m, t.partners)),
                ("thời hạn", lambda m, t: _deadlines_of(t)), ("báo cáo cho", lambda m, t: _units(m, t.report_to)),
                ("báo cáo qua", lambda m, t: _unit(m, t.report_via) if t.report_via else ""),
                ("thực hiện", lambda m, t: ", ".join(t.implements)), ("mục", lambda m, t: t.anchor),
                ("tóm tắt", lambda m, t: t.summary))


def _task_words(model: Model, task: Task) -> str:
    parts = [f"chủ trì {_units(model, task.leads)}" if task.leads else "không có đơn vị chủ trì"]
    parts += [f"phối hợp {_units(model, task.partners)}"] if task.partners else []
    parts += [f"hạn {_deadlines_of(task)}"] if task.deadlines else []
    parts += [f"báo cáo cho {_units(model, task.report_to)}"] if task.report_to else []
    parts += [f"thực hiện {', '.join(task.implements)}"] if task.implements else []
    return "; ".join(parts)


def units(old: Model, new: Model) -> list[Change]:
    """Per unit: the tasks it is given (a role, directly or through a collective) gained or lost."""
    def duties(model: Model) -> dict[str, set[tuple[str, str | None, str]]]:
        return {u: {(a.role, a.via, f"{a.page.doc.id}/{a.task.code}") for a in items} for u, items in model.assignments.items()}

    was, now = duties(old), duties(new)
    out = []
    for unit_id in sorted(set(was) | set(now)):
        gained, lost = now.get(unit_id, set()) - was.get(unit_id, set()), was.get(unit_id, set()) - now.get(unit_id, set())
        if not (gained or lost):
            continue
        model = new if unit_id in new.units else old
        said = _duties("thêm", gained) + _duties("bỏ", lost)
        added = " (đơn vị mới trong danh mục)" if unit_id in new.units and unit_id not in old.units else ""
        out.append(Change("don-vi", unit_id, "sua", unit_id, str(len(was.get(unit_id, ()))), str(len(now.get(unit_id, ()))),
                          f"**{_unit(model, unit_id)}** (`{unit_id}`){added}: " + "; ".join(said)))
    return out


# 'thêm chủ trì (qua `cac-so-nganh-ha-tinh`): a/1, a/2', one phrase per role and collective.
def _duties(verb: str, duties: set) -> list[str]:
    groups: dict[tuple[str, str | None], list[str]] = {}
    for role, via, ref in sorted(duties, key=lambda d: (d[0], d[1] or "", d[2])):
        groups.setdefault((role, via), []).append(ref)
    return [f"{verb} {ROLES[role]}{f' (qua `{via}`)' if via else ''}: {', '.join(refs)}" for (role, via), refs in groups.items()]


def deadlines(old: Model, new: Model) -> list[Change]:
    """Each dated deadline of each task, by (document, task, position): new, gone, or moved; with its next date."""
    def dated(model: Model) -> dict[tuple[str, str, int], tuple[str, str]]:
        start, end = cal.window(cal.today())
        return {(p.doc.id, t.code, k): (c.plain(c.deadline(d)), _next(d, start, end))
                for p in model.pages.values() for t in p.doc.tasks for k, d in enumerate(t.deadlines) if d.kind != "thuong-xuyen"}

    was, now = dated(old), dated(new)
    out = []
    for key in sorted(set(was) | set(now)):
        where = f"{key[0]}/{key[1]}"
        if key not in was:
            out.append(Change("lich", key[0], "them", where, None, now[key][0], f"hạn mới {where}: {now[key][0]}{now[key][1]}"))
        elif key not in now:
            out.append(Change("lich", key[0], "bo", where, was[key][0], None, f"bỏ hạn {where}: {was[key][0]}"))
        elif was[key][0] != now[key][0]:
            out.append(Change("lich", key[0], "sua", where, was[key][0], now[key][0],
                              f"dời hạn {where}: {was[key][0]} → {now[key][0]}{now[key][1]}"))
    return out


def _next(deadline, start, end) -> str:
    days = cal.occurrences(deadline, start, end)
    return f" (lần tới {days[0]:%d/%m/%Y})" if days else ""


def crosswalks(old: Model, new: Model) -> list[Change]:
    """Cells of every crosswalk (a part of a document × a document below it) that fill, or are or become empty:
    one line per document below and state."""
    out = []
    for subject_id in sorted(set(old.implemented()) | set(new.implemented())):
        was, now = _cells(old, subject_id), _cells(new, subject_id)
        turned: dict[tuple[str, bool], list[str]] = {}
        for (anchor, doc_id), state in now.items():
            if state != was.get((anchor, doc_id)):  # a new document below brings its gaps with it
                turned.setdefault((doc_id, state), []).append(anchor)
        for (doc_id, state), anchors in sorted(turned.items()):
            words = "có nội dung triển khai" if state else "chưa có nội dung triển khai"
            out.append(Change("doi-chieu", subject_id, "lap" if state else "trong", doc_id, None, ", ".join(anchors),
                              f"{subject_id} × {doc_id}: {words} ở {', '.join(map(c.anchor_label, anchors))}"))
    return out


# (part, document below) → whether it is filled, for every part setting tasks and every document below.
def _cells(model: Model, subject_id: str) -> dict[tuple[str, str], bool]:
    subject = model.pages.get(subject_id)
    if subject is None or not model.children.get(subject_id):
        return {}
    filled = crosswalk.filled(model, subject)
    return {(anchor, doc_id): (anchor, doc_id) in filled for anchor in crosswalk.points(subject)
            for doc_id in model.below([subject_id])}


def addresses(old: Model, new: Model) -> list[Change]:
    """Published addresses of the base before that the change removes or redirects."""
    now = set(published(new))
    out = []
    for url in sorted(set(published(old)) - now):
        target = resolve(url, now, new.redirects)
        out.append(Change("dia-chi", "", "chuyen-huong" if target else "mat", url, url, target,
                          f"`{url}` → `{target}`" if target else f"**mất** `{url}` (không có chuyển hướng)"))
    return out


def cited(old: Model, new: Model) -> list[Change]:
    out = [Change("trich-dan", i, "them", i, None, i, f"thêm `{i}`: {new.cited[i].kind} {new.cited[i].number or ''}".rstrip())
           for i in sorted(set(new.cited) - set(old.cited))]
    return out + [Change("trich-dan", i, "bo", i, i, None, f"bỏ `{i}`") for i in sorted(set(old.cited) - set(new.cited))]


def markdown(changes: list[Change], commit: str | None) -> str:
    """The summary a reviewer reads: counts, then each section, documents and units under their own heading."""
    base = f"so với `{commit[:12]}`" if commit else "so với kho trống (chưa có lịch sử để so)"
    lines = [f"## Thay đổi của kho văn bản ({base})", ""]
    if not changes:
        return "\n".join(lines + ["Không có thay đổi nào về văn bản, nhiệm vụ, đơn vị, hạn hay địa chỉ.", ""])
    lines += [f"**Tóm tắt:** {_summary(changes)}.", ""]
    for section, title in SECTIONS.items():
        items = [ch for ch in changes if ch.section == section]
        if not items:
            continue
        lines += [f"### {title}", ""]
        if section == "van-ban":
            for group in dict.fromkeys(ch.group for ch in items):
                mine = [ch for ch in items if ch.group == group]
                lines += [f"#### {mine[0].label}", ""] + [f"- {ch.text}" for ch in mine] + [""]
        else:
            lines += [f"- {ch.text}" for ch in items] + [""]
    return "\n".join(lines)


def _summary(changes: list[Change]) -> str:
    def count(section, kind, subject=None):
        return sum(ch.section == section and ch.kind == kind and (subject is None or subject(ch)) for ch in changes)
    is_doc = lambda ch: ch.subject == ch.group  # noqa: E731 (a whole document, not one of its tasks)
    is_task = lambda ch: ch.subject != ch.group and ch.subject not in FIELDS + ("toan-van", "ghi_chu_bien_tap")  # noqa: E731
    parts = [(count("van-ban", "them", is_doc), "văn bản thêm"), (count("van-ban", "bo", is_doc), "văn bản bỏ"),
             (len({ch.group for ch in changes if ch.section == "van-ban"} - {ch.group for ch in changes if is_doc(ch)}),
              "văn bản sửa"),
             (count("van-ban", "them", is_task), "nhiệm vụ thêm"), (count("van-ban", "bo", is_task), "nhiệm vụ bỏ"),
             (count("van-ban", "sua", is_task), "nhiệm vụ sửa"),
             (sum(ch.section == "don-vi" for ch in changes), "đơn vị có nhiệm vụ thay đổi"),
             (count("lich", "them"), "hạn mới"), (count("lich", "sua"), "hạn dời"), (count("lich", "bo"), "hạn bỏ"),
             (_cells_said(changes, "lap"), "ô đối chiếu được lấp"), (_cells_said(changes, "trong"), "ô đối chiếu trống"),
             (count("dia-chi", "mat"), "địa chỉ mất"), (count("dia-chi", "chuyen-huong"), "địa chỉ chuyển hướng"),
             (count("trich-dan", "them"), "văn bản trích dẫn thêm")]
    return ", ".join(f"{n} {words}" for n, words in parts if n)


def _cells_said(changes: list[Change], kind: str) -> int:
    return sum(len(ch.new.split(", ")) for ch in changes if ch.section == "doi-chieu" and ch.kind == kind)


def as_json(changes: list[Change], commit: str | None) -> dict:
    keys = {"section": "muc", "group": "nhom", "kind": "loai", "subject": "doi_tuong", "old": "cu", "new": "moi", "text": "mo_ta",
            "label": "ten_nhom"}
    return {"so_voi": commit, "tom_tat": _summary(changes),
            "thay_doi": [{keys[k]: v for k, v in asdict(ch).items()} for ch in changes]}
