"""From an editor's file to draft documents: read (readers) → lay out (layout) → header, relations and tasks
read against the registries (header, relations, assignments, matching) → front matter + body.

Values read with certainty are filled in; values inferred are filled in and listed under 'de_xuat', which
'make check' reports until an editor confirms them; what the text does not say is null with a note.
"""

from dataclasses import dataclass

import yaml

from ..model import Model, Page, identity
from ..text import clip, sentences, slug, squash
from .assignments import read_tasks
from .header import Header, issuer_from_text, read_header, top_lines
from .layout import blocks, body, clean_lines, parts, split
from .matching import UnitIndex
from .units import Units, locate
from .relations import read_acts, read_relations

QUOTE_CHARS = 120  # a source sentence quoted in a proposal


@dataclass
class Draft:
    id: str
    meta: dict
    markdown: str


def drafts(raw: str, source: str, model: Model, ocr_pages: list[int] = (), original: dict | None = None,
           reread: list[tuple[str, str]] = ()) -> list[Draft]:
    """One draft per document found in the text (a file may hold a letter and the directive it forwards).

    reread: the OCR words amended by the base (Extracted.reread), named in the draft that holds them.

    original: the file as kept in nguon/ ({'duoi': extension, 'sha256': …, 'ocr': whether its text is OCR}),
    named after the first document; each draft names it, with its own lines when the file holds several.
    """
    index = UnitIndex(model)
    lines = clean_lines(raw)
    documents = split(blocks(lines))
    laid_out = [parts(items) for items in documents]
    contexts = [locate(*top_lines(items), index) for items in laid_out]
    headers = [read_header(items, index, "\n".join(p.text for p in items), c.scope if c.province else None, issuer=False)
               for items, c in zip(laid_out, contexts)]
    # Documents of the same file cite each other by number (a letter forwarding the directive it implements).
    siblings = {h.meta["so_hieu"]: _identifier(h.meta, [], source) for h in headers if h.meta["so_hieu"]}
    metas = []
    for k, (items, header, context) in enumerate(zip(laid_out, headers, contexts), 1):
        origin = source if len(documents) == 1 else f"{source} (phần {k}/{len(documents)}, từ dòng \"{items[0].block.lines[0][:40]}\")"
        units = Units.of(index, context)
        here = [r for r in reread if squash(r[1]) in squash(" ".join(p.text for p in items))]
        metas.append(_draft(items, header, origin, model, units, (ocr_pages, here), {m["id"] for m, _ in metas}, siblings))
    if original:
        starts = [items[0].first for items in documents] + [len(lines)]
        for (meta, _), start, end in zip(metas, starts, starts[1:]):
            meta["ban_goc"] = _kept(original, metas[0][0]["id"], [start + 1, _last_line(lines, end)] if len(metas) > 1 else None)
    return [Draft(meta["id"], meta, _markdown(meta, body)) for meta, body in metas]


# The OCR words amended by the base, for the editor to check first against the paper.
def _reread(reread: list[tuple[str, str]]) -> str:
    listed = "; ".join(f"\"{now}\" (máy đọc \"{read}\")" for read, now in reread)
    return f" Các chỗ máy sửa theo từ bên cạnh và văn bản của kho, xem trước tiên: {listed}." if reread else ""


# The 'ban_goc' entry of a draft: the file as kept, its hash, the draft's lines, its OCR text.
def _kept(original: dict, first_id: str, lines: list[int] | None) -> dict:
    out = {"tep": f"{first_id}{original['duoi']}", "sha256": original["sha256"]}
    out |= {"dong": lines} if lines else {}
    return out | ({"ocr": f"{first_id}.ocr.txt"} if original.get("ocr") else {})


# The last line of a document that holds text, before where the next one starts.
def _last_line(lines: list[str], end: int) -> int:
    while end > 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _markdown(meta: dict, body_text: str) -> str:
    order = [k for k in meta if k not in ("ghi_chu_bien_tap", "de_xuat")] + ["ghi_chu_bien_tap", "de_xuat"]
    front = yaml.dump({k: meta[k] for k in order}, Dumper=_Plain, allow_unicode=True, sort_keys=False, width=120)
    return f"---\n{front}---\n\n{body_text}"


def _draft(items, header: Header, origin: str, model: Model, units: Units, ocr: tuple[list[int], list],
           taken: set[str], siblings: dict) -> tuple[dict, str]:
    meta = header.meta
    _issuer(header, units, items)
    first_numbered = next((i for i, p in enumerate(items) if p.depth is not None), len(items))
    preamble = [p.text for p in items[header.first_body:first_numbered] if not p.block.caps]
    relations = read_relations(model, meta["trich_yeu"], preamble, meta["so_hieu"], meta["co_quan_ban_hanh"],
                               siblings)
    reading = read_tasks(items, header.first_body, units)
    notes = [{"truong": k, "loai": "khuyet-thong-tin", "noi_dung": v} for k, v in header.notes.items()]
    proposals = [{"truong": k, "noi_dung": v} for k, v in header.proposals.items()]
    ocr_pages, reread = ocr
    if ocr_pages:
        pages = ", ".join(map(str, ocr_pages))
        notes.append({"loai": "khac", "noi_dung": f"Trang {pages} của tệp nguồn là ảnh quét; chữ được đọc bằng nhận "
                                                  "dạng ký tự (OCR) và phải được đối chiếu với bản gốc."})
        proposals.append({"truong": "noi_dung", "noi_dung": f"Chữ của trang {pages} đọc bằng OCR: đối chiếu toàn văn "
                                                              "với bản gốc, sửa chỗ đọc sai." + _reread(reread)})
    acts = read_acts(model, [p.text for p in items[header.first_body:]], meta["so_hieu"])
    for key, changes in acts.items():
        proposals.append({"truong": key, "noi_dung": "đọc từ câu của văn bản: " + ", ".join(c["van_ban"] for c in changes)
                          + " (kiểm tra văn bản, các mục 'diem' và ngày 'tu_ngay'; để trống là từ ngày hiệu lực của văn bản này)."})
    for key, ids in (("trien_khai", relations.implements), ("can_cu", relations.basis)):
        if ids:
            proposals.append({"truong": key, "noi_dung": "văn bản được dẫn ở phần mở đầu: " + ", ".join(ids) + "."})
    for cited in relations.new_cited:
        entry = {k: v for k, v in cited.items() if k != "nguyen_van"}
        proposals.append({"truong": f"van_ban_trich_dan/{cited['id']}", "noi_dung": f"\"{cited['nguyen_van']}\" chưa có "
                          "trong kho: kiểm tra số hiệu, ngày, cơ quan, trích yếu (null: câu trích dẫn không nói) rồi chép "
                          "mục 'gia_tri' vào data/van-ban-trich-dan.yml; nếu không phải căn cứ, bỏ mã khỏi can_cu.",
                          "gia_tri": entry})
    for task in reading.tasks:
        proposals.append({"truong": f"nhiem_vu/{task.code}", "noi_dung": f"đọc từ câu \"{clip(task.sentence, QUOTE_CHARS)}\" "
                                                                          f"(mục {task.anchor})."})
    for phrase, part in dict.fromkeys(reading.unknown_units):
        proposals.append({"truong": "nhiem_vu", "noi_dung": f"trong \"{clip(phrase, QUOTE_CHARS)}\", phần \"{part}\" được giao việc "
                                                             "nhưng không đọc được là đơn vị nào: ghi mã đơn vị vào nhiệm vụ, hoặc bỏ qua."})
    for uid, entry in units.proposed.items():
        proposals.append({"truong": f"don_vi/{uid}", "noi_dung": f"đơn vị \"{entry['ten']}\" (đọc từ \"{units.read_from[uid]}\") "
                          "chưa có trong data/don-vi.yml: kiểm tra tên, cấp, đơn vị cấp trên rồi chép mục 'gia_tri' vào "
                          "data/don-vi.yml.", "gia_tri": entry})
    doc_id = _identifier(meta, relations.implements, origin)
    doc_id = next(f"{doc_id}-{n}" for n in range(2, len(taken) + 3) if f"{doc_id}-{n}" not in taken) if doc_id in taken else doc_id
    meta = {"id": doc_id, **meta, "tinh_trang": "du-thao",
            "trien_khai": relations.implements, "can_cu": relations.basis,
            **acts, "nhiem_vu": [t.front_matter() for t in reading.tasks], "nguon": origin,
            "ghi_chu_bien_tap": notes, "de_xuat": proposals}
    return meta, body(items)


def _issuer(header: Header, units: Units, items) -> None:
    # The body the header's lines name (a registry unit, else proposed as a new one); else one a sentence of the
    # preamble or the signature names.
    meta, context = header.meta, units.context
    top = top_lines(items)[0]
    if uid := units.issuer(top):
        meta["co_quan_ban_hanh"] = uid
        header.stated["co_quan_ban_hanh"] = top[-1]
        header.proposals["co_quan_ban_hanh"] = f"'{uid}' ({context.issuer_name}), đọc từ phần đầu văn bản: \"{' '.join(top)}\"."
        return
    issuer_from_text(header, items, units.index, context.scope if context.province else header.province)
    if meta["co_quan_ban_hanh"]:
        context.settle(meta["co_quan_ban_hanh"], units.index)
    else:
        header.notes["co_quan_ban_hanh"] = "Không đọc được cơ quan ban hành ở phần đầu văn bản; ghi mã đơn vị (data/don-vi.yml)."


def _identifier(meta: dict, implements: list[str], origin: str) -> str:
    # A provisional id: kind, number and year when known; else issuer, kind and what it implements.
    if meta["so_hieu"]:
        return slug(" ".join(filter(None, [meta["loai"], meta["so_hieu"], (meta["ngay_ban_hanh"] or "")[:4]])))
    known = [meta["co_quan_ban_hanh"], meta["loai"], implements[0] if implements else None]
    return slug(" ".join(filter(None, known))) if any(known) else "nhap-" + slug(origin.rsplit(".", 1)[0])


SAMPLE = 5  # the longest sentences of a draft looked for in the base


def held(model: Model, draft: Draft) -> tuple[Page, str] | None:
    """The document of the base a draft already is, and why: the same number (or title), issuer and date, or
    most of its longest sentences word for word (a copy whose number is blank)."""
    meta = draft.meta
    key = identity(meta["so_hieu"], meta["trich_yeu"], meta["co_quan_ban_hanh"], meta["ngay_ban_hanh"])
    for page in model.pages.values():
        if key and identity(page.doc.number, page.doc.title, page.doc.issuer, page.doc.issued) == key:
            return page, f"cùng {'số hiệu ' + meta['so_hieu'] if meta['so_hieu'] else 'trích yếu'}, cơ quan ban hành và ngày"
    text = draft.markdown.split("\n---\n", 1)[-1].replace("\\", "")
    sample = [squash(s) for s in sorted(sentences(text), key=len, reverse=True)[:SAMPLE]]
    for page in model.pages.values():
        body = squash(page.body.replace("\\", ""))
        found = sum(s in body for s in sample)
        if sample and found > len(sample) / 2:
            return page, f"{found}/{len(sample)} câu dài nhất trùng từng chữ"
    return None


class _Plain(yaml.SafeDumper):
    """Writes a shared list twice rather than as a YAML alias, which editors would not recognise."""

    def ignore_aliases(self, data):
        return True

