"""Pages stay small however large the base grows: on the benchmark's generated base, a long table shows its first
rows, loads the rest from a file beside the page when asked for, and its downloads keep every row."""

import csv
import re
import sys
from datetime import datetime

import pytest

from conftest import ROOT, TODAY, build, serve
from kb.pages.common import FIRST_ROWS


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    project = generate(tmp_path_factory.mktemp("kho") / "kho", 300)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_long_table_shows_its_first_rows_then_the_rest_on_request(large, browser):
    with open(large / "lich-bao-cao/han-sap-toi.csv", encoding="utf-8-sig", newline="") as f:
        total = sum(1 for _ in csv.DictReader(f))
    assert total > FIRST_ROWS
    page = (large / "lich-bao-cao/index.html").read_text(encoding="utf-8")
    assert f"Bảng có {total} hàng" in page
    with serve(large) as url:
        tab = browser.new_page()
        tab.clock.set_fixed_time(datetime.fromisoformat(TODAY).replace(hour=9))
        tab.goto(url + "lich-bao-cao/")
        figure = tab.locator("figure", has_text="Hạn báo cáo 12 tháng tới")
        assert figure.locator("tbody tr").count() == FIRST_ROWS
        figure.get_by_role("button", name=re.compile("^Xem cả")).click()
        tab.wait_for_function(f"document.querySelectorAll('figure tbody tr').length >= {total}")
        assert figure.locator("tbody tr").count() == total and figure.locator(".kb-more").count() == 0


def test_the_crosswalk_grows_by_rows_shown_a_page_at_a_time(large):
    with open(large / "doi-chieu/ct-33-ttg-2021/doi-chieu.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > FIRST_ROWS and len(rows[0]) < 20  # a row per document below, a column per part of CT 33
    page = (large / "doi-chieu/ct-33-ttg-2021/index.html").read_text(encoding="utf-8")
    assert f"Bảng có {len(rows)} hàng" in page
    shown = page[page.index("<tbody>"):page.index("</tbody>")]
    assert shown.count("<tr") == FIRST_ROWS
