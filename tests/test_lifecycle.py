"""Which text is in force: a plan replaced on a date and a point annulled, in a copy of the base; statuses on
both sides, deadlines that stop, the reader's day, and inconsistent lifecycles refused."""

import re
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from conftest import build, copy_project, page
from kb import calendar as cal, lifecycle
from kb.checks import run
from kb.model import load
from kb.pages.calendar import feeds

CT33, HP, KT, P0 = "ct-33-ttg-2021", "hai-phong-cv-9465-2021", "kon-tum-so-y-te-ke-hoach-ct33", "tinh-chua-xac-dinh-ke-hoach-ct33"
REPLACED = f"thay_the:\n  - van_ban: {KT}\n    tu_ngay: 2025-01-01\n"
ANNULLED = f"bai_bo:\n  - van_ban: {CT33}\n    diem: [muc-8]\n    tu_ngay: 2023-01-01\n"


def add_front(project, doc_id: str, yaml_text: str) -> None:
    """Append keys to a document's front matter."""
    path = project / f"docs/van-ban/{doc_id}.md"
    head, rest = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(f"{head}\n{yaml_text.rstrip()}\n---\n{rest}", encoding="utf-8")


def doc(**fields):
    return SimpleNamespace(**{"status": "da-ban-hanh", "valid_from": None, "valid_to": None, "issued": date(2023, 3, 1)} | fields)


def act(kind, day, points=()):
    return lifecycle.Act(kind, "other", "this", tuple(points), day)


@pytest.mark.parametrize("fields, undergone, day, key", [
    ({}, [], date(2023, 2, 1), "chua-hieu-luc"),
    ({}, [], date(2023, 3, 1), "con-hieu-luc"),
    ({"valid_to": date(2023, 12, 31)}, [], date(2024, 1, 1), "het-hieu-luc"),
    ({}, [act("thay_the", date(2024, 3, 1))], date(2024, 2, 29), "con-hieu-luc"),
    ({}, [act("thay_the", date(2024, 3, 1))], date(2024, 3, 1), "het-hieu-luc"),
    ({}, [act("bai_bo", date(2024, 3, 1), ["muc-2"])], date(2024, 3, 1), "mot-phan"),
    ({}, [act("bai_bo", date(2024, 3, 1))], date(2024, 3, 1), "het-hieu-luc"),
    ({"status": "du-thao"}, [], date(2024, 1, 1), "du-thao"),
])
def test_status_on_a_day(fields, undergone, day, key):
    assert lifecycle.status(doc(**fields), undergone, day).key == key


def test_a_task_stops_with_its_document_or_its_point():
    undergone = [act("thay_the", date(2025, 1, 1)), act("bai_bo", date(2024, 6, 1), ["muc-8"])]
    assert lifecycle.last_day(doc(), undergone, "muc-1") == date(2024, 12, 31)
    assert lifecycle.last_day(doc(), undergone, "muc-8") == date(2024, 5, 31)
    assert lifecycle.last_day(doc(valid_to=date(2024, 1, 31)), [], "muc-1") == date(2024, 1, 31)


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """The base with the unnamed province's plan replacing the Kon Tum plan from 1/1/2025, and the Hải Phòng
    letter annulling point 8 of CT 33 from 1/1/2023, built."""
    project = copy_project(tmp_path_factory.mktemp("kho"))
    add_front(project, P0, REPLACED)
    add_front(project, HP, ANNULLED)
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_the_chain_passes_the_checks(chain):
    assert [p.message for p in run(load(chain[0]))] == []


def test_both_sides_say_what_happened_and_since_when(chain):
    _, site = chain
    replaced = page(site, f"van-ban/{KT}/").article_text
    assert "Không còn hiệu lực từ 01/01/2025" in replaced and "Hết hiệu lực từ 01/01/2025 (được thay thế)" in replaced
    assert any(f"van-ban/{P0}/" in href for href in page(site, f"van-ban/{KT}/").links)
    assert "Thay thế" in page(site, f"van-ban/{P0}/").article_text
    ct33 = page(site, f"van-ban/{CT33}/").article_text
    assert "Còn hiệu lực, trừ các mục bị sửa đổi, bãi bỏ" in ct33 and "Bị bãi bỏ bởi" in ct33 and "(điểm 8), từ 01/01/2023" in ct33
    assert "Mục này đã thay đổi" in ct33.split("8. Hằng năm")[1]  # the note stands with the point


def test_deadlines_stop_when_their_document_or_point_ends(chain):
    model = load(chain[0])
    later = cal.dues(model, date(2023, 1, 1), date(2030, 12, 31))
    assert not [d for d in later if d.page.doc.id == CT33 and d.task.anchor == "muc-8"]
    assert not [d for d in later if d.page.doc.id == KT and d.day > date(2024, 12, 31)]
    assert [d for d in later if d.page.doc.id == KT]  # before its end, still due
    feed = feeds(model, "https://kho.example/")["lich/tat-ca.ics"].decode()
    assert "UNTIL=20221231" in feed  # point 8's yearly report: until the day before its annulment
    assert f"van-ban/{KT}/" not in feed.replace("\r\n ", "")  # dated from this year, after the plan was replaced


def test_the_readers_day_decides_what_the_page_says(chain, browser):
    _, site = chain
    context = browser.new_context()
    tab = context.new_page()
    tab.clock.set_fixed_time(datetime(2024, 6, 1))
    tab.goto((site / f"van-ban/{KT}/index.html").as_uri())
    assert tab.locator(".kb-hieu-luc").inner_text() == "Còn hiệu lực" and not tab.locator(".kb-het-hieu-luc").is_visible()
    tab.clock.set_fixed_time(datetime(2025, 2, 1))
    tab.reload()
    assert tab.locator(".kb-hieu-luc").inner_text().startswith("Hết hiệu lực từ 01/01/2025")
    assert tab.locator(".kb-het-hieu-luc").is_visible()
    context.close()


@pytest.mark.parametrize("edits, message", [
    ({P0: "thay_the:\n  - van_ban: khong-co-van-ban\n"}, "không có văn bản mã 'khong-co-van-ban'"),
    ({HP: f"bai_bo:\n  - van_ban: {CT33}\n    diem: [muc-99]\n    tu_ngay: 2023-01-01\n"}, "không có mục neo 'muc-99'"),
    ({HP: f"thay_the:\n  - van_ban: {CT33}\n    tu_ngay: 2020-01-01\n"}, "ban hành ngày 26/11/2021, không thể bị thay thế từ 01/01/2020"),
    ({P0: REPLACED, KT: f"thay_the:\n  - van_ban: {P0}\n    tu_ngay: 2025-01-01\n"}, "vòng lặp"),
    ({P0: REPLACED, KT: "hieu_luc_den: 2025-12-31\n"}, "hai văn bản cùng áp dụng"),
])
def test_inconsistent_lifecycles_are_refused(tmp_path, edits, message):
    project = copy_project(tmp_path)
    for doc_id, text in edits.items():
        add_front(project, doc_id, text)
    problems = [p for p in run(load(project)) if message in p.message]
    assert problems, [p.message for p in run(load(project))]
    assert all(re.match(r"docs/van-ban/[\w-]+\.md$", p.path) and p.line > 1 for p in problems)


def test_the_hierarchy_and_the_crosswalk_set_the_replaced_plan_apart(chain):
    _, site = chain
    tree = (site / "he-thong/index.html").read_text(encoding="utf-8")
    successor, replaced = tree.index(f"van-ban/{P0}/"), tree.index(f"van-ban/{KT}/")
    assert successor < replaced and 'class="kb-cu"' in tree[successor:replaced + 200]  # greyed, under its successor
    header = page(site, f"doi-chieu/{CT33}/").text
    assert header.index("Hết hiệu lực từ 01/01/2025") > header.index("Kế hoạch của UBND tỉnh (chưa xác định)")


@pytest.mark.parametrize("text, expected", [
    ("Kế hoạch này thay thế Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ kể từ ngày 01/01/2025.",
     {"thay_the": [{"van_ban": CT33, "tu_ngay": "2025-01-01"}]}),
    ("Bãi bỏ điểm 6 và điểm 8 Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.",
     {"bai_bo": [{"van_ban": CT33, "diem": ["muc-6", "muc-8"]}]}),
    ("Sửa đổi, bổ sung điểm 99 của Chỉ thị số 33/CT-TTg như sau:", {"sua_doi": [{"van_ban": CT33}]}),
    ("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 về sửa đổi công tác dân vận.", {}),
])
def test_the_importer_proposes_what_a_text_says_it_does_to_others(model, text, expected):
    from kb.importing.relations import read_acts
    assert read_acts(model, [text], None) == expected


def test_a_units_tasks_of_a_replaced_plan_stand_apart(chain):
    _, site = chain
    text = page(site, "don-vi/cac-don-vi-so-y-te-kon-tum/").article_text
    current, _, ended = text.partition("Nhiệm vụ của văn bản, mục không còn hiệu lực")
    assert ended and "Kế hoạch của Sở Y tế Kon Tum" in ended and "Kế hoạch của Sở Y tế Kon Tum" not in current


def test_days_left_are_the_readers_not_the_builds(browser, server):
    """The site is built on 23/11/2026 (conftest.TODAY); read on 10/12/2026, a deadline of 5/12 has passed."""
    context = browser.new_context()
    tab = context.new_page()
    tab.clock.set_fixed_time(datetime(2026, 12, 10, 9))
    tab.goto(server + "lich-bao-cao/")
    row = tab.locator("tr", has=tab.locator(".kb-con[data-ngay='2026-12-05']")).first
    assert row.locator(".kb-con").inner_text() == "đã qua 5 ngày" and not row.is_visible()  # no longer coming
    assert tab.locator(".kb-con[data-ngay='2026-12-15']").first.inner_text() == "5 ngày"
    assert tab.locator(".kb-hom-nay").first.inner_text() == "10/12/2026"
    context.close()


def test_a_period_not_reported_becomes_overdue_on_the_readers_day(browser, server):
    context = browser.new_context()
    tab = context.new_page()
    tab.clock.set_fixed_time(datetime(2026, 12, 10, 9))
    # A period due on 5/12 that no one had reported when the site was built, on 23/11.
    waiting = '<span class="kb-status-chua-den-han kb-cho" data-ngay="2026-12-05">chưa đến hạn (còn 12 ngày)</span>'
    tab.route("**/theo-doi-bao-cao/", lambda route: route.fulfill(
        response=route.fetch(), body=route.fetch().text().replace("</article>", waiting + "</article>")))
    tab.goto(server + "theo-doi-bao-cao/")
    period = tab.locator(".kb-cho")
    assert period.inner_text() == "quá hạn 5 ngày, chưa có báo cáo"
    assert "kb-status-qua-han" in period.get_attribute("class")
    context.close()


def test_the_base_as_it_stood_on_a_chosen_day(chain, browser):
    _, site = chain
    context = browser.new_context()
    tab = context.new_page()
    tab.clock.set_fixed_time(datetime(2026, 11, 23, 9))
    tab.goto((site / "theo-ngay/index.html").as_uri())
    row = tab.locator("tr", has=tab.locator(f"a[href*='{KT}']"))
    assert row.locator(".kb-hieu-luc").inner_text().startswith("Hết hiệu lực từ 01/01/2025")
    tab.locator("input.kb-ngay").fill("2024-06-01")
    tab.locator("input.kb-ngay").dispatch_event("change")
    assert row.locator(".kb-hieu-luc").inner_text() == "Còn hiệu lực"
    ct33 = tab.locator("tr", has=tab.locator(f"a[href*='{CT33}']")).locator(".kb-hieu-luc")
    tab.locator("input.kb-ngay").fill("2021-01-01")
    tab.locator("input.kb-ngay").dispatch_event("change")
    assert ct33.inner_text() == "Chưa có hiệu lực (từ 26/11/2021)"
    context.close()
