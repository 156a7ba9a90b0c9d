"""A document page: title, draft banner, metadata card, task table, notes, then the full text."""

import html
import json
import re

from ..links import anchor_redirects, short_links
from ..model import Model, Page, section_spans
from .. import addresses as at, originals, tracking
from . import calendar, common as c, crosswalk, life, reports

NOTE_KINDS = {"khuyet-thong-tin": "Thông tin không có trong văn bản nguồn", "loi-nguon": "Lỗi trong văn bản nguồn",
              "luoc-bo": "Phần được lược bỏ", "anh-xa": "Ánh xạ biên tập", "khac": "Ghi chú"}


def card(model: Model, page: Page, out: c.Output) -> str:
    doc = page.doc
    signer = doc.signer
    signed = " ".join(x for x in (signer.capacity and f"{c.text(signer.capacity)} –", c.text(signer.position) if signer.position else None) if x)
    signed = f"{signed} {c.text(signer.name)}".strip() if signer.position else c.text(signer.name)
    issuer = c.unit_link(model, doc.issuer, out, full=True) if doc.issuer else c.UNKNOWN
    rows = [["Loại văn bản", c.text(c.DOC_KINDS.get(doc.kind)) if doc.kind else c.UNKNOWN],
            ["Số hiệu", c.text(doc.number)],
            ["Trích yếu", c.text(doc.title)],
            ["Cơ quan ban hành", issuer],
            ["Ngày ban hành", c.day(doc.issued)],
            ["Người ký", signed],
            ["Tình trạng", c.STATUSES[doc.status]],
            ["Hiệu lực", life.standing(model, page, out)],
            ["Triển khai văn bản", "<br>".join(c.doc_link(model, d, out) for d in doc.implements) or "— (văn bản gốc)"],
            ["Căn cứ", "<br>".join(c.doc_link(model, d, out) for d in doc.basis) or "—"],
            ["Văn bản triển khai", _implementing(model, page, out)],
            ["Nguồn", c.text(doc.source)],
            ["Bản gốc", _original(model, page, out)]]
    if doc.report:  # a report implements nothing and nothing implements it: what it answers instead
        rows[8:11] = reports.about_report(model, page, out)
    return c.table("Thông tin văn bản", ["Trường", "Giá trị"], rows)


# The original as received, to download, with what it is and its hash.
def _original(model: Model, page: Page, out: c.Output) -> str:
    original = page.doc.original
    if original is None:
        return "chưa lưu trong kho"
    size = originals.size(model.root, original) if model.root else None
    shown = f"{originals.kind(original)}" + (f", {size}" if size else "")
    part = f", dòng {original.lines[0]}–{original.lines[1]} của tệp" if original.lines else ""
    return (f'<a href="{out.file(f"{originals.FOLDER}/{original.file}")}" download>Tải bản gốc</a> ({shown}{part}) '
            f'<br><small>SHA-256 <code>{original.sha256}</code></small>')


# The documents implementing this one, and the crosswalk with them.
def _implementing(model: Model, page: Page, out: c.Output) -> str:
    below = [c.doc_link(model, p.doc.id, out) for p in model.children.get(page.doc.id, [])]
    if not below:
        return "chưa có trong kho"
    return "<br>".join(below) + "<br>" + crosswalk.link(model, page.doc.id, out, "Bảng đối chiếu với các văn bản triển khai")


def tasks(model: Model, page: Page, out: c.Output) -> str:
    rows = []
    for task in page.doc.tasks:
        below = model.implementers.get(f"{page.doc.id}/{task.code}", [])
        rows.append([c.section_link(model, page, task.anchor, out, c.point_label(task)),
                     c.text(task.summary),
                     c.units(model, task.leads, out),
                     c.units(model, task.partners, out),
                     c.deadlines(task),
                     c.units(model, task.report_to, out) + (" (qua " + c.unit_link(model, task.report_via, out) + ")" if task.report_via else ""),
                     c.join(c.BR, (c.task_ref_link(model, r, out) for r in task.implements)) or c.Cell("—"),
                     c.join(c.BR, (c.task_ref_link(model, f"{p.doc.id}/{t.code}", out) for p, t in below)) or c.Cell("—")])
    header = ["Mục", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Báo cáo cho", "Thực hiện nhiệm vụ cấp trên", "Được triển khai bởi"]
    if not rows:
        return c.placeholder("Văn bản không giao nhiệm vụ cụ thể.")
    # A column empty for every task (no co-operating units, say) only widens the table; downloads keep it.
    keep = [i for i in range(len(header)) if i < 3 or any(row[i] != "—" for row in rows)]
    return (c.table(f"Nhiệm vụ của {c.text(c.title(model, page))}", [header[i] for i in keep], [[row[i] for i in keep] for row in rows])
            + out.download("nhiem-vu", [c.column(h) for h in header], rows))


def notes(page: Page) -> str:
    out = []
    for note in page.doc.notes:
        where = f" – {c.anchor_label(note.anchor)}" if note.anchor else ""
        field = f" (trường <code>{note.field_name}</code>)" if note.field_name else ""
        body = "\n".join(f"<p>{c.text(part)}</p>" for part in re.split(r"\n\s*\n", note.text) if part.strip())
        out.append(c.admonition("note", f"{NOTE_KINDS[note.kind]}{where}{field}", body))
    return "\n".join(out) or c.placeholder("Không có.")


def citation(model: Model, page: Page) -> str:
    """'Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ', from what is known."""
    doc = page.doc
    issuer = model.units.get(doc.issuer or "")
    parts = [c.DOC_KINDS.get(doc.kind or "", "Văn bản") + (f" số {doc.number}" if doc.number else "")]
    parts += [f"ngày {doc.issued:%d/%m/%Y}"] if doc.issued else []
    parts += [f"của {issuer.name}"] if issuer else []
    return " ".join(parts)


def share_data(model: Model, page: Page, out: c.Output) -> str:
    """What the copy-link, citation and presentation buttons need, and where moved anchors lead now, for the
    page's script."""
    labels = {a: c.heading_label(a) for a in page.sections}
    moved = {old: out.address(new) for old, new in anchor_redirects(model.redirects, at.document(page.doc.id)).items()}
    attrs = {"data-doc": citation(model, page), "data-labels": json.dumps(labels, ensure_ascii=False),
             "data-id": page.doc.id, "data-moved": json.dumps(moved)}
    return "<div id=\"kb-share\" hidden " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + "></div>\n"


def short_link_list(page: Page, out: c.Output) -> str:
    items = [f"{c.a(out.file(path if out.directory_urls else f'{path}index.html'), f'<code>{path}</code>')} → {c.anchor_label(anchor)}"
             for path, anchor in short_links(page).items()]
    return c.admonition("info", "Liên kết ngắn tới từng mục", "<p>Dễ đọc và gõ lại; mỗi liên kết mở đúng mục trong văn bản.</p>\n"
                        + c.bullets(items), collapsed=True) if items else ""


def header(model: Model, page: Page, out: c.Output) -> str:
    """Everything generated above the full text."""
    banner = ""
    if page.doc.status == "du-thao":
        banner = c.admonition("danger", "Dự thảo", "<p>Văn bản này là <strong>dự thảo</strong>, chưa được ban hành; nội dung có thể thay đổi.</p>")
    banner += life.band(model, page, out)
    return (f"# {c.text(c.title(model, page))}\n\n{out.keep(share_data(model, page, out) + banner)}"
            f"## Thông tin văn bản {{ #thong-tin }}\n\n{out.keep(card(model, page, out))}"
            f"## Nhiệm vụ {{ #nhiem-vu }}\n\n{out.keep(calendar.warnings(model, page, out) + tasks(model, page, out))}"
            + _followed(model, page, out) +
            f"## Ghi chú biên tập {{ #ghi-chu-bien-tap }}\n\n{out.keep(notes(page) + short_link_list(page, out))}"
            f"## Toàn văn {{ #toan-van }}\n\n")


# Who has reported on the document's dated tasks, when it has any.
def _followed(model: Model, page: Page, out: c.Output) -> str:
    if not any(tracking.dated(t) for t in page.doc.tasks):
        return ""
    return f"## Theo dõi báo cáo {{ #theo-doi-bao-cao }}\n\n{out.keep(reports.for_document(model, page, out))}"


def link_citations(model: Model, page: Page, body: str) -> str:
    """Body with citations of known documents linked; the source file is untouched."""
    def link(line: str) -> str:
        out, at = [], 0
        for start, end, target in model.citations_in(line):
            if target == page.doc.id:
                continue
            folder = "van-ban" if target in model.pages else "van-ban-trich-dan"
            out += [line[at:start], f"[{line[start:end]}](../{folder}/{target}.md)"]  # from docs/van-ban/
            at = end
        return "".join(out) + line[at:]

    return "\n".join(line if line.startswith("{:") else link(line) for line in body.split("\n"))


def footer(model: Model, page: Page) -> str:
    changed = model.changed.get(page.path)
    return f"\n\n---\n\n*Cập nhật lần cuối: {c.day(changed)}.*\n" if changed else ""


def whole_sections(body: str, notes: dict[str, str]) -> str:
    """Body with each anchored paragraph that the rest of its part follows (a point of several paragraphs) wrapped
    with that rest in one element carrying the anchor: a link to the anchor shows, and search, copy and
    presentation take, the whole part. notes: anchor → a note (kept HTML) to put right after that part."""
    lines = body.split("\n")
    out, at = [], 0
    for start, end, anchor, mark in section_spans(lines):
        rest = "\n".join(lines[mark + 1:end]).strip() if mark is not None else ""
        note = [notes[anchor], ""] if anchor in notes else []
        if rest:
            out += lines[at:start] + [f'<div id="{anchor}" markdown>', ""] + lines[start:mark] + ["", rest, "", "</div>", ""] + note
        elif note:
            out += lines[at:end] + [""] + note
        else:
            continue
        at = end
    return "\n".join(out + lines[at:])


def render(model: Model, page: Page, out: c.Output) -> str:
    notes = {anchor: out.keep(note) for anchor, note in life.point_notes(model, page, out).items()}
    body = whole_sections(link_citations(model, page, page.body), notes) if page.body.strip() else out.keep(c.placeholder(
        "Kho chỉ ghi số, ngày và nguồn của văn bản này; chưa có toàn văn."))
    return header(model, page, out) + body + footer(model, page)
