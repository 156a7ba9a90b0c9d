"""Pages stay small however large the base grows: on the benchmark's generated base, a long table shows its first
rows, loads the rest from a file beside the page when asked for, and its downloads keep every row."""

import csv
import re
import sys
from datetime import datetime

import pytest

from conftest import ROOT, TODAY, build, page, serve
from kb.pages.common import FIRST_ROWS


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    # Enough documents for the calendar and the crosswalk to need "Xem thêm" twice (a row or more per document).
    project = generate(tmp_path_factory.mktemp("kho") / "kho", 2 * FIRST_ROWS + 10)
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
        more(figure)
        assert figure.locator("tbody tr").count() == total


def test_sorting_a_long_table_sorts_every_row(large, browser):
    with open(large / "lich-bao-cao/han-sap-toi.csv", encoding="utf-8-sig", newline="") as f:
        total = sum(1 for _ in csv.DictReader(f))
    with serve(large) as url:
        tab = browser.new_page()
        tab.clock.set_fixed_time(datetime.fromisoformat(TODAY).replace(hour=9))
        tab.goto(url + "lich-bao-cao/")
        figure = tab.locator("figure", has_text="Hạn báo cáo 12 tháng tới")
        figure.get_by_role("button", name="Sắp xếp theo cột Hạn").click()  # ascending: the page's order
        figure.get_by_role("button", name="Sắp xếp theo cột Hạn").click()  # descending: the last rows first
        tab.wait_for_function(f"document.querySelectorAll('figure tbody tr').length >= {total}")
        days = figure.locator("tbody tr td:first-child").all_text_contents()
        assert len(days) == total and figure.locator(".kb-more").count() == 0
        as_dates = [datetime.strptime(d, "%d/%m/%Y") for d in days]
        assert as_dates == sorted(as_dates, reverse=True)


# Clicks "Xem thêm" until every row is in, checking the count shown after each click.
def more(where):
    while where.locator(".kb-more").count():
        note = where.locator(".kb-more").first
        shown = int(note.locator(".kb-shown").text_content())
        handle = note.element_handle()
        note.get_by_role("button", name=re.compile("^Xem thêm")).click()
        where.page.wait_for_function("([p, n]) => !p.isConnected || +p.querySelector('.kb-shown').textContent > n",
                                     arg=[handle, shown])


def test_the_crosswalk_grows_by_rows_shown_a_page_at_a_time(large):
    with open(large / "doi-chieu/ct-33-ttg-2021/doi-chieu.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > FIRST_ROWS and len(rows[0]) < 20  # a row per document below, a column per part of CT 33
    page = (large / "doi-chieu/ct-33-ttg-2021/index.html").read_text(encoding="utf-8")
    assert f"Bảng có {len(rows)} hàng" in page
    shown = page[page.index("<tbody>"):page.index("</tbody>")]
    assert shown.count("<tr") == FIRST_ROWS


def test_the_hierarchy_shows_what_fits_and_reaches_every_document_in_one_click(large):
    tree = page(large, "he-thong/")
    article = (large / "he-thong/index.html").read_text(encoding="utf-8").split("<article", 1)[1]
    assert 0 < article.count("<li") <= FIRST_ROWS
    reached = {h.split("van-ban/")[1].strip("/") for h in tree.links if "/van-ban/" in h}
    for href in {h.split("doi-chieu/")[1].strip("/") for h in tree.links if "/doi-chieu/" in h}:
        with open(large / "doi-chieu" / href / "doi-chieu.csv", encoding="utf-8-sig", newline="") as f:
            reached |= {row["van_ban_lien_ket"].rstrip("/").rsplit("/", 1)[1] for row in csv.DictReader(f)}
    assert reached == {f.stem for f in (large.parent / "docs/van-ban").glob("*.md")}


def test_the_home_page_lists_a_level_a_hundred_at_a_time(large, browser):
    documents = len(list((large.parent / "docs/van-ban").glob("*.md")))
    with serve(large) as url:
        tab = browser.new_page()
        tab.goto(url)
        article = tab.locator("article")
        assert article.locator("li").count() < documents
        more(article)
        shown = {a.split("van-ban/")[1].strip("/") for a in article.locator("li a").evaluate_all("els => els.map(e => e.href)")
                 if "/van-ban/" in a}
        assert len(shown) == documents


def test_the_benchmark_sorts_every_file_of_the_site_by_kind(large):
    from run import DOWNLOAD, KINDS, PAGE, SHORT, kind, sizes
    files = sizes(large)
    assert sum(size for _, size in files) == sum(f.stat().st_size for f in large.rglob("*") if f.is_file())
    assert {k for k, _ in files} == set(KINDS)  # a generated base has every kind of file
    assert kind("van-ban/ct-33-ttg-2021/index.html", (large / "van-ban/ct-33-ttg-2021/index.html").stat().st_size) == PAGE
    short = next(large.glob("ct-33-ttg-2021/*/index.html"))
    assert kind(short.relative_to(large).as_posix(), short.stat().st_size) == SHORT
    assert kind("lich-bao-cao/han-sap-toi.csv", 1) == kind("doi-chieu/ct-33-ttg-2021/doi-chieu.json", 1) == DOWNLOAD
