"""Reporting calendar: the page, the iCalendar feeds, reporting chains and their warnings."""

from datetime import date

import icalendar

from conftest import ROOT, build, copy_project, page, tables


def events(site, name: str) -> dict:
    feed = icalendar.Calendar.from_ical((site / f"lich/{name}.ics").read_bytes())
    return {str(e["uid"]): e for e in feed.walk("VEVENT")}


# The recurring deadlines of the sources, and Hải Phòng's one-off month.
KNOWN = {
    "ct-33-ttg-2021.8.0@kho-van-ban": (date(2021, 12, 15), "YEARLY"),
    "ha-tinh-chi-thi-ct33.bao-cao.0@kho-van-ban": ("12-05", "YEARLY"),
    "tinh-chua-xac-dinh-ke-hoach-ct33.iii-2.0@kho-van-ban": ("11-25", "YEARLY"),
    "tinh-chua-xac-dinh-ke-hoach-ct33.iii-3.0@kho-van-ban": ("11-25", "YEARLY"),
    "kon-tum-so-y-te-ke-hoach-ct33.iii-1.0@kho-van-ban": ("05-18", "YEARLY"),
    "kon-tum-so-y-te-ke-hoach-ct33.iii-1.1@kho-van-ban": ("11-28", "YEARLY"),
    "hai-phong-cv-9465-2021.giao-nhiem-vu.0@kho-van-ban": (date(2021, 12, 31), None),
}


def test_site_feed_has_every_dated_deadline_as_an_all_day_event(site):
    found = events(site, "tat-ca")
    assert set(found) == set(KNOWN)
    for uid, (when, freq) in KNOWN.items():
        event = found[uid]
        start = event["dtstart"].dt
        assert type(start) is date  # all-day
        assert start == when if isinstance(when, date) else start.strftime("%m-%d") == when
        assert (event.get("rrule") or {}).get("FREQ", [None])[0] == freq
        assert "http://127.0.0.1:8000/van-ban/" in str(event["description"]) and "Nguyên văn" in str(event["description"])
    feed = icalendar.Calendar.from_ical((site / "lich/tat-ca.ics").read_bytes())
    assert str(feed["x-wr-timezone"]) == "Asia/Ho_Chi_Minh" and str(feed["version"]) == "2.0"


def test_unit_feed_includes_collective_tasks(site):
    found = events(site, "so-noi-vu-ha-tinh")
    assert set(found) == {"ha-tinh-chi-thi-ct33.bao-cao.0@kho-van-ban"}
    assert set(events(site, "bo-noi-vu")) == {"ct-33-ttg-2021.8.0@kho-van-ban"}


def test_uids_are_stable_across_builds(site, tmp_path):
    out = tmp_path / "again"
    assert build(ROOT, out, today="2027-03-01").returncode == 0
    for name in ("tat-ca", "so-noi-vu-ha-tinh", "cac-don-vi-so-y-te-kon-tum"):
        assert set(events(site, name)) == set(events(out, name))


def _calendar_rows(site_dir):
    table = next(t for t in tables(site_dir, "lich-bao-cao") if t[0][0][0] == "Hạn")  # the first: coming 12 months
    return [row[0][0] for row in table[1:]]


def test_calendar_page_lists_the_coming_twelve_months(site):
    days = _calendar_rows(site)
    assert days[:6] == ["25/11/2026", "25/11/2026", "28/11/2026", "05/12/2026", "15/12/2026", "18/05/2027"]
    assert "31/12/2021" not in days
    text = page(site, "lich-bao-cao/").article_text
    assert "Hạn một lần đã qua" in text and "31/12/2021" in text.split("Hạn một lần đã qua")[1]


def test_another_build_date_moves_the_window(tmp_path):
    out = tmp_path / "site"
    assert build(ROOT, out, today="2026-12-10").returncode == 0
    days = _calendar_rows(out)
    assert days[0] == "15/12/2026" and "05/12/2026" not in days and days[-1] == "05/12/2027"


def test_reporting_chain_with_margins(site):
    text = " ".join(page(site, "lich-bao-cao/").article_text.split())
    chain = text.split("Chuỗi báo cáo", 1)[1].split("Hạn một lần đã qua", 1)[0]
    assert "Chỉ thị 33/CT-TTg – điểm 8" in chain
    assert "trước hạn cấp trên 10 ngày" in chain  # Hà Tĩnh 05/12 → 15/12
    assert "trước hạn cấp trên 17 ngày" in chain  # Kon Tum 28/11 → 15/12
    assert "⚠ sau hạn cấp trên 16 ngày" in chain  # Hải Phòng, within December 2021


def test_unit_page_shows_its_own_deadlines(site):
    text = " ".join(page(site, "don-vi/so-noi-vu-ha-tinh/").article_text.split())
    assert "Hạn sắp tới" in text and "05/12/2026" in text and "15/12/2026" not in text


def test_child_deadline_after_parent_is_warned_on_both_pages(tmp_path):
    from kb import checks
    from kb.model import load
    project = copy_project(tmp_path)
    doc = project / "docs/van-ban/ha-tinh-chi-thi-ct33.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace('ngay_thang: "05/12"', 'ngay_thang: "20/12"'), encoding="utf-8")
    warnings = [str(w) for w in checks.warnings(load(project))]
    assert any("ha-tinh-chi-thi-ct33.md" in w and "cảnh báo: hạn của nhiệm vụ 'bao-cao' sau hạn cấp trên 5 ngày ('ct-33-ttg-2021/8')" in w
               for w in warnings)
    assert build(project, tmp_path / "out").returncode == 0
    for doc_id in ("ha-tinh-chi-thi-ct33", "ct-33-ttg-2021"):
        assert "Cảnh báo về chuỗi thời hạn báo cáo" in page(tmp_path / "out", f"van-ban/{doc_id}/").article_text
