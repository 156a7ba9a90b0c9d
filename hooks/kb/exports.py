"""Downloads: each generated table as CSV (UTF-8 with BOM, so that Excel reads Vietnamese) and JSON beside its
page, with the same rows; and the whole model as one JSON file with its JSON Schema.

Cells are those the page shows (pages.common.Cell): their text is the value, their links become absolute
addresses in a column '<name>_lien_ket' beside it.
"""

import csv
import io
import json
from datetime import date
from urllib.parse import urljoin

from pydantic import Field, TypeAdapter

from . import addresses as at, calendar as cal, originals
from .model import Model
from .pages.common import Cell, Output
from .records import CitedDocument, DeadlineKind, Document, IsoDate, Record, Unit

FOLDER = "du-lieu"  # the whole model: du-lieu/kho.json and du-lieu/kho.schema.json
LINKS = "_lien_ket"


def table_files(out: Output, site_url: str) -> dict[str, bytes]:
    """Path in the site → content of the CSV and JSON files of every table a page offers."""
    files = {}
    for name, (keys, rows) in out.downloads.items():
        records = _records(keys, rows, lambda link: _absolute(link, out, site_url))
        columns = list(records[0]) if records else keys
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)
        files[out.path(f"{name}.csv")] = text.getvalue().encode("utf-8-sig")
        files[out.path(f"{name}.json")] = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


# Rows of cells → records of their text, with the links of a column (if any row has one) in the next column.
def _records(keys: list[str], rows: list[list[str]], absolute) -> list[dict[str, str]]:
    rows = [[cell if isinstance(cell, Cell) else Cell(cell) for cell in row] for row in rows]  # words: their own text
    for row in rows:
        for cell in row:
            if cell.plain is None:
                raise TypeError(f"a table cell without its text and links: {cell!r}")
    linked = {k for row in rows for k, cell in enumerate(row) if cell.links}
    out = []
    for row in rows:
        record = {}
        for k, cell in enumerate(row):
            record[keys[k]] = " ".join(cell.plain.split())
            if k in linked:
                record[keys[k] + LINKS] = " ".join(absolute(link) for link in cell.links)
        out.append(record)
    return out


# A link of a page as a full address. Links to pages climb to the site's root first ('../../van-ban/x/'):
# the rest is the address, with no need to parse it.
def _absolute(link: str, out: Output, site_url: str) -> str:
    if out.root and link.startswith(out.root) and not link.startswith(out.root + "../"):
        return site_url + link[len(out.root):]
    return urljoin(site_url + out.url, link)


class Linked(Record):
    url: str = Field(alias="dia_chi", description="Địa chỉ trang trên trang web")


class ExportedDocument(Document, Linked):
    """A document's front matter and its page; its original to download, when the base keeps it."""
    original_url: str | None = Field(None, alias="dia_chi_ban_goc", description="Địa chỉ tải bản gốc (nguon/)")


class ExportedUnit(Unit, Linked):
    """A unit and its page."""


class ExportedCited(CitedDocument, Linked):
    """A cited document and its page."""


class ExportedDue(Linked):
    """One dated deadline of a task in the coming 12 months."""
    day: IsoDate = Field(alias="ngay")
    document: str = Field(alias="van_ban", description="Mã văn bản")
    task: str = Field(alias="nhiem_vu", description="Mã nhiệm vụ trong văn bản")
    kind: DeadlineKind = Field(alias="loai")
    leads: list[str] = Field(alias="chu_tri", description="Mã đơn vị chủ trì")
    report_to: list[str] = Field(alias="bao_cao_cho", description="Mã đơn vị nhận báo cáo")
    wording: str = Field(alias="nguyen_van")


class Export(Record):
    """The whole knowledge base as data: documents with their tasks, units, cited documents, deadlines."""
    built: date = Field(alias="ngay_dung", description="Ngày dựng trang")
    site: str = Field(alias="trang", description="Địa chỉ gốc của trang")
    documents: list[ExportedDocument] = Field(alias="van_ban")
    units: list[ExportedUnit] = Field(alias="don_vi")
    cited: list[ExportedCited] = Field(alias="van_ban_trich_dan")
    deadlines: list[ExportedDue] = Field(alias="han_12_thang_toi")


def model_files(model: Model, site_url: str) -> dict[str, str]:
    """du-lieu/kho.json (the model, written through Export) and Export's schema."""
    today = cal.today()
    export = Export(
        ngay_dung=today, trang=site_url,
        van_ban=[ExportedDocument.model_construct(**dict(p.doc), url=site_url + at.document(i), original_url=(
            f"{site_url}{originals.FOLDER}/{p.doc.original.file}" if p.doc.original else None)) for i, p in model.pages.items()],
        don_vi=[ExportedUnit.model_construct(**dict(u), url=site_url + at.unit(i)) for i, u in model.units.items()],
        van_ban_trich_dan=[ExportedCited.model_construct(**dict(d), url=site_url + at.cited(i)) for i, d in model.cited.items()],
        han_12_thang_toi=[ExportedDue(
            ngay=due.day, van_ban=due.page.doc.id, nhiem_vu=due.task.code, loai=due.deadline.kind, chu_tri=list(due.task.leads),
            bao_cao_cho=list(due.task.report_to), nguyen_van=due.deadline.wording,
            dia_chi=site_url + at.document(due.page.doc.id, due.task.anchor)) for due in cal.dues(model, *cal.window(today))])
    return {f"{FOLDER}/kho.json": json.dumps(export.model_dump(mode="json", by_alias=True), ensure_ascii=False),
            f"{FOLDER}/kho.schema.json": json.dumps(schema(), ensure_ascii=False, indent=1)}


def schema() -> dict:
    return TypeAdapter(Export).json_schema(by_alias=True)
