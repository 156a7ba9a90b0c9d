"""Downloads on the built site: every generated table as CSV and JSON with the rows of the page, column names
documented in the user guide, links absolute; the whole model as JSON valid against its schema."""

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import page, tables

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default, used by the test build
PAGES = ["", "van-ban/ct-33-ttg-2021/", "van-ban/kien-giang-ke-hoach-ct33-2024/", "don-vi/", "don-vi/so-noi-vu-ha-tinh/",
         "lich-bao-cao/", "doi-chieu/ct-33-ttg-2021/", "van-ban-trich-dan/", "van-ban-trich-dan/luat-tiep-can-thong-tin-2016/",
         "theo-ngay/"]


def offered(site: Path, url: str) -> list[str]:
    """Files a page offers for download, as paths in the site."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return [url + href for href in re.findall(r'<a href="([^"/]+\.(?:csv|json))" download>', html)]


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path}: CSV cần BOM để Excel đọc đúng tiếng Việt"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("url", PAGES)
def test_every_generated_table_can_be_downloaded_with_the_rows_of_the_page(site, url):
    files = offered(site, url)
    assert files and all((site / f).exists() for f in files), files
    shown = [row for table in tables(site, url) if table[0][0][0] != "Trường" for row in table[1:]]  # lists, not records
    rows = [row for f in files if f.endswith(".csv") for row in read_csv(site / f)]
    # The document page shows only the columns some task fills; the file keeps them all, with the same rows.
    assert len(rows) == len(shown)
    assert [next(iter(r.values())) for r in rows] == [row[0][0] for row in shown]
    for f in files:
        if f.endswith(".json"):
            assert json.loads((site / f).read_text(encoding="utf-8")) == read_csv(site / f.replace(".json", ".csv"))


def test_links_in_downloads_are_absolute_and_lead_to_pages(site):
    links = [link for f in offered(site, "lich-bao-cao/") if f.endswith(".csv") for row in read_csv(site / f)
             for key, value in row.items() if key.endswith("_lien_ket") for link in value.split()]
    assert links and all(link.startswith(SITE_URL) for link in links)
    for link in links:
        path, _, anchor = link.removeprefix(SITE_URL).partition("#")
        assert (site / path / "index.html").exists(), link
        if anchor:
            assert anchor in page(site, path).ids, link


def test_column_names_are_documented_in_the_user_guide(site, model):
    guide = set(re.findall(r"<code>([^<]+)</code>", (site / "huong-dan/index.html").read_text(encoding="utf-8")))
    anchors = {a for p in model.pages.values() for a in p.sections}
    for url in PAGES:
        for f in offered(site, url):
            if f.endswith(".csv"):
                for column in read_csv(site / f)[0]:
                    name = column.removesuffix("_lien_ket")
                    documented = name in guide or name in model.pages or name in anchors  # a document, a part
                    assert documented, f"{f}: cột '{column}' chưa có trong hướng dẫn"


def test_unknown_values_read_as_unknown(site):
    text = " ".join(page(site, "don-vi/so-noi-vu-ha-tinh/").article_text.split())
    assert "Hiệu lực đang hoạt động (chưa ghi ngày thành lập)" in text
    assert "…" not in text.split("Nhiệm vụ")[0]


def test_the_whole_model_is_valid_against_its_schema(site, model):
    data = json.loads((site / "du-lieu/kho.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "du-lieu/kho.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    from kb.exports import Export
    assert Export.model_validate(data).model_dump(mode="json", by_alias=True) == data  # nothing beside the typed model
    assert [d["id"] for d in data["van_ban"]] == list(model.pages)
    assert sum(len(d["nhiem_vu"]) for d in data["van_ban"]) == sum(len(p.doc.tasks) for p in model.pages.values())
    assert len(data["don_vi"]) == len(model.units) and data["han_12_thang_toi"]
    assert data["van_ban"][0]["dia_chi"].startswith(SITE_URL + "van-ban/")


def test_a_cell_carries_its_text_and_links_to_the_downloads():
    from kb.exports import _records
    from kb.pages import common as c
    cell = c.a("../../van-ban/x/", c.text("Kế hoạch 1/KH & *2*")) + c.BR + c.tag("em", "chưa có")
    assert cell.plain == "Kế hoạch 1/KH & *2*; chưa có" and cell.links == ("../../van-ban/x/",)
    assert "&amp;" in cell and "<em>chưa có</em>" in cell  # the page shows HTML, the download its words
    records = _records(["van_ban"], [[cell], ["chữ thường"]], lambda link: "https://kho/" + link.removeprefix("../../"))
    assert records == [{"van_ban": "Kế hoạch 1/KH & *2*; chưa có", "van_ban_lien_ket": "https://kho/van-ban/x/"},
                       {"van_ban": "chữ thường", "van_ban_lien_ket": ""}]


def test_html_without_its_text_is_refused_in_a_download():
    from kb.exports import _records
    from kb.pages import common as c
    with pytest.raises(TypeError):
        _records(["o"], [[c.text("a") + "<br>b"]], str)
