"""From "what must be done" to "what was done": reports for two provinces over two years on point 8 of CT 33
(yearly, before 15 December), written into a copy of the content; the build is dated 23/11/2026."""

import icalendar
import pytest
import yaml

from conftest import build, copy_project, kb, page, serve, tables

TASK = "ct-33-ttg-2021/8"
# (report id, unit, period, date sent): Hà Tĩnh on time then 5 days late, Hải Phòng on the day then nothing.
FILED = [("bc-ha-tinh-2024", "ubnd-tinh-ha-tinh", "2024", "2024-12-10"),
         ("bc-ha-tinh-2025", "ubnd-tinh-ha-tinh", "2025", "2025-12-20"),
         ("bc-hai-phong-2024", "ubnd-tp-hai-phong", "2024", "2024-12-15")]
HP = "UBND TP Hải Phòng"


def report(doc_id, unit, period, sent, task=TASK, **extra) -> str:
    """A report recorded by number and date only, its source noted."""
    meta = {"id": doc_id, "loai": "bao-cao", "so_hieu": f"{period}/BC-UBND", "trich_yeu": f"Báo cáo kết quả thực hiện năm {period}",
            "co_quan_ban_hanh": unit, "ngay_ban_hanh": sent, "nguoi_ky": {"ho_ten": None, "chuc_vu": None},
            "tinh_trang": "da-ban-hanh", "bao_cao": {"nhiem_vu": [task], "ky": period, **extra}, "nguon": "Sổ theo dõi công văn đến",
            "ghi_chu_bien_tap": [{"loai": "khuyet-thong-tin", "truong": f, "noi_dung": "Kho chỉ ghi số, ngày của báo cáo."}
                                 for f in ("nguoi_ky.ho_ten", "nguoi_ky.chuc_vu")]}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def project_with(tmp_path, reports):
    project = copy_project(tmp_path)
    for args in reports:
        (project / f"docs/van-ban/{args[0]}.md").write_text(report(*args), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = project_with(tmp_path_factory.mktemp("bao-cao"), FILED)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def words(site, url):
    return " ".join(page(site, url).article_text.split())


def test_unit_page_shows_each_period_reported_late_or_not_yet_due(built):
    text = words(built, "don-vi/ubnd-tinh-ha-tinh/")
    assert "15/12/2024 2024" in text and "đã báo cáo đúng hạn" in text
    assert "đã báo cáo, trễ 5 ngày" in text
    assert "chưa đến hạn (còn 22 ngày)" in text
    links = page(built, "don-vi/ubnd-tinh-ha-tinh/").links
    assert "../../van-ban/bc-ha-tinh-2025/" in links


def test_a_missing_report_is_overdue_on_the_unit_and_overdue_pages(built):
    assert "quá hạn 343 ngày, chưa có báo cáo" in words(built, "don-vi/ubnd-tp-hai-phong/")
    overdue = [row for t in tables(built, "theo-doi-bao-cao") for row in t[1:] if row[0][0] == "15/12/2025"]
    units = {row[3][0] for row in overdue}
    assert HP in units and "UBND tỉnh Hà Tĩnh" not in units
    # Kon Tum and Kiên Giang were merged on 30/06/2025: they owed 2024, not 2025.
    assert not {"UBND tỉnh Kon Tum", "UBND tỉnh Kiên Giang"} & units
    assert "UBND tỉnh Kon Tum" in {row[3][0] for t in tables(built, "theo-doi-bao-cao") for row in t[1:] if row[0][0] == "15/12/2024"}


def test_document_page_and_calendar_count_who_reported(built):
    statuses = {(row[1][0], row[3][0]): row[4][0] for t in tables(built, "van-ban/ct-33-ttg-2021") for row in t[1:] if len(row) == 5}
    assert statuses[("2024", HP)].startswith("đã báo cáo đúng hạn")
    assert statuses[("2025", HP)].startswith("quá hạn")
    owed_2026 = len([k for k in statuses if k[0] == "2026"])
    row = next(r for t in tables(built, "lich-bao-cao") for r in t[1:] if r[0][0] == "15/12/2026")
    assert row[-1][0] == f"kỳ 2026: 0/{owed_2026} đơn vị đã báo cáo"


def test_feed_descriptions_say_who_reported(built):
    feed = icalendar.Calendar.from_ical((built / "lich/tat-ca.ics").read_bytes())
    event = next(e for e in feed.walk("VEVENT") if str(e["uid"]).startswith("ct-33-ttg-2021.8."))
    description = str(event["description"])
    assert "Báo cáo kỳ 2024: 2/8 đơn vị đã báo cáo" in description
    assert "Báo cáo kỳ 2025: 1/6 đơn vị đã báo cáo; quá hạn:" in description and HP in description


def test_report_page_says_what_it_answers(built):
    text = words(built, "van-ban/bc-ha-tinh-2025/")
    assert "Trả lời nhiệm vụ Chỉ thị 33/CT-TTg – điểm 8" in text and "Kỳ báo cáo 2025" in text
    assert "15/12/2025: đã báo cáo, trễ 5 ngày" in text


def test_the_base_without_reports_says_so(site):
    assert "Kho chưa ghi nhận báo cáo nào" in words(site, "theo-doi-bao-cao/")
    assert "Kho chưa ghi nhận báo cáo nào" in words(site, "don-vi/ubnd-tinh-ha-tinh/")
    assert "quá hạn" not in words(site, "van-ban/ct-33-ttg-2021/")


@pytest.mark.parametrize("report_args, message", [
    (("bc-sai-don-vi", "so-y-te-kon-tum", "2024", "2024-12-01"),
     "trường 'co_quan_ban_hanh': đơn vị 'so-y-te-kon-tum' không phải báo cáo nhiệm vụ 'ct-33-ttg-2021/8'"),
    (("bc-sai-ky", "ubnd-tinh-ha-tinh", "2024-H1", "2024-06-01"),
     "trường 'bao_cao.ky': kỳ '2024-H1' không khớp thời hạn 'trước ngày 15 tháng 12' (hang-nam) của nhiệm vụ 'ct-33-ttg-2021/8': cần một năm, ví dụ '2025'"),
    (("bc-sai-nhiem-vu", "ubnd-tinh-ha-tinh", "2024", "2024-12-01", "ct-33-ttg-2021/9"),
     "trường 'bao_cao.nhiem_vu[1]': không có nhiệm vụ 'ct-33-ttg-2021/9'"),
])
def test_a_wrong_report_is_refused_with_a_clear_message(tmp_path, report_args, message):
    project = project_with(tmp_path, [report_args])
    result = kb(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"docs/van-ban/{report_args[0]}.md:" in result.stdout and message in result.stdout, result.stdout


@pytest.mark.parametrize("width", [390, 1280])
def test_charts_render_without_errors_and_pass_axe(browser, built, width, shots):
    from axe_playwright_python.sync_playwright import Axe
    with serve(built) as url:
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        tab = ctx.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
        tab.goto(url + "theo-doi-bao-cao/")
        tab.wait_for_load_state("networkidle")
        chart = tab.locator("svg.kb-chart").first
        assert chart.get_attribute("role") == "img" and "kỳ 2024: 2/8" in tab.locator("svg.kb-chart desc").first.text_content()
        box = chart.bounding_box()
        assert box["width"] > 100 and box["x"] + box["width"] <= width
        tab.screenshot(path=str(shots / f"bieu-do-{width}.png"), full_page=True)
        violations = [v["id"] for v in Axe().run(tab).response["violations"] if v["impact"] in ("serious", "critical")]
        assert not errors and not violations
        ctx.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("anh-bao-cao")


def test_report_downloads_have_documented_columns(built):
    import re
    from test_exports import offered, read_csv
    guide = set(re.findall(r"<code>([^<]+)</code>", (built / "huong-dan/index.html").read_text(encoding="utf-8")))
    files = [f for url in ("theo-doi-bao-cao/", "don-vi/ubnd-tinh-ha-tinh/", "lich-bao-cao/") for f in offered(built, url) if f.endswith(".csv")]
    assert {"theo-doi-bao-cao/qua-han.csv", "theo-doi-bao-cao/theo-tinh.csv", "don-vi/ubnd-tinh-ha-tinh/bao-cao.csv"} <= set(files)
    for f in files:
        for column in read_csv(built / f)[0]:
            assert column.removesuffix("_lien_ket") in guide, f"{f}: {column}"


def test_follow_up_never_counts_a_period_before_the_directive_existed(tmp_path):
    from kb import derived
    from kb.model import load
    project = project_with(tmp_path, [("bc-ha-tinh-2019", "ubnd-tinh-ha-tinh", "2019", "2019-12-10")])
    refused = kb(project, "check")
    assert refused.returncode == 1 and "kỳ '2019' kết thúc (31/12/2019) trước khi văn bản giao nhiệm vụ" in refused.stdout
    dues = derived.of(load(project)).reports
    assert dues and min(d.day for d in dues).isoformat() >= "2021-11-26"
