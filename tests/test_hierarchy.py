"""Any number of top documents: a second national directive with a province plan and a department plan below
it, added to a copy of the content in docs/van-ban/ only, gets its crosswalks, navigation and home-page entry."""

import re

import pytest
import yaml

from conftest import ROOT, build, copy_project, kb, page, tables
from kb.addresses import read_manifest

ROOT_ID, PROVINCE_ID, DEPARTMENT_ID = "ct-99-ttg-2025", "ha-tinh-ke-hoach-ct99", "ha-tinh-so-noi-vu-ke-hoach-ct99"
YEARLY = {"loai": "hang-nam", "ngay_thang": "15/12", "nguyen_van": "trước ngày 15 tháng 12 hằng năm"}


def task(code, anchor, summary, leads, implements=(), partners=(), deadlines=()):
    return {"ma": code, "muc": anchor, "noi_dung": summary, "chu_tri": list(leads), "phoi_hop": list(partners),
            "thoi_han": list(deadlines), "thuc_hien": list(implements)}


DOCUMENTS = [
    {"id": ROOT_ID, "loai": "chi-thi", "so_hieu": "99/CT-TTg", "trich_yeu": "Về một nhiệm vụ thử nghiệm",
     "co_quan_ban_hanh": "thu-tuong-chinh-phu", "ngay_ban_hanh": "2025-03-01", "implements": [],
     "nhiem_vu": [task("1", "muc-1", "Rà soát quy chế dân chủ ở cơ sở", ["ubnd-cac-tinh-thanh-pho"], deadlines=[YEARLY]),
                  task("2", "muc-2", "Đối thoại với Nhân dân", ["ubnd-cac-tinh-thanh-pho"])]},
    {"id": PROVINCE_ID, "loai": "ke-hoach", "so_hieu": "12/KH-UBND", "trich_yeu": "Triển khai Chỉ thị số 99/CT-TTg",
     "co_quan_ban_hanh": "ubnd-tinh-ha-tinh", "ngay_ban_hanh": "2025-04-01", "implements": [ROOT_ID],
     "nhiem_vu": [task("ii-1", "muc-ii-1", "Rà soát quy chế", ["so-noi-vu-ha-tinh"], [f"{ROOT_ID}/1"]),
                  task("ii-2", "muc-ii-2", "Tổ chức đối thoại", ["so-noi-vu-ha-tinh"], [f"{ROOT_ID}/2"],
                       partners=["cac-so-nganh-ha-tinh"])]},
    {"id": DEPARTMENT_ID, "loai": "ke-hoach", "so_hieu": "5/KH-SNV", "trich_yeu": "Thực hiện Kế hoạch số 12/KH-UBND",
     "co_quan_ban_hanh": "so-noi-vu-ha-tinh", "ngay_ban_hanh": "2025-05-02", "implements": [PROVINCE_ID],
     "nhiem_vu": [task("1", "muc-1", "Rà soát quy chế của Sở", ["so-noi-vu-ha-tinh"], [f"{PROVINCE_ID}/ii-1"])]},
]


def write(project, doc: dict) -> None:
    """A document file as an editor writes it: front matter, then the text with an anchor under each part."""
    meta = {k: v for k, v in doc.items() if k != "implements"}
    meta |= {"nguoi_ky": {"ho_ten": "Nguyễn Văn B", "chuc_vu": "Chủ tịch"}, "tinh_trang": "da-ban-hanh",
             "trien_khai": doc["implements"], "can_cu": doc["implements"], "nguon": "ban-thu.pdf"}
    body = "\n\n".join(f"{t['ma'].upper()}\\. {t['noi_dung']}.\n{{: #{t['muc']} }}" for t in doc["nhiem_vu"])
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
    (project / "docs/van-ban" / f"{doc['id']}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hai-goc"))
    # The addresses published so far are kept: the new documents must not break any of them.
    (project / "data/lien-ket.txt").write_text((ROOT / "data/lien-ket.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for doc in DOCUMENTS:
        write(project, doc)
    recorded = kb(project, "links")  # as an editor does after adding documents; it refuses to drop an address
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    out = project / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def crosswalk(site, doc_id):
    return next(t for t in tables(site, f"doi-chieu/{doc_id}") if t[0][0][0] == "Văn bản triển khai")


def test_every_implemented_document_has_a_crosswalk_and_the_others_none(built):
    for doc_id in (ROOT_ID, PROVINCE_ID, "ct-33-ttg-2021"):
        assert (built / f"doi-chieu/{doc_id}/index.html").exists(), doc_id
    assert not (built / f"doi-chieu/{DEPARTMENT_ID}").exists()


def test_the_national_crosswalk_reaches_the_department_through_the_province(built):
    table = crosswalk(built, ROOT_ID)
    assert [row[0][0] for row in table[1:]] == ["Kế hoạch 12/KH-UBND", "Kế hoạch 5/KH-SNV"]
    province, department = table[1], table[2]
    assert province[1][1] == [f"../../van-ban/{PROVINCE_ID}/#muc-ii-1"]
    assert department[1][1] == [f"../../van-ban/{DEPARTMENT_ID}/#muc-1"]
    assert department[2][0] == "chưa có nội dung triển khai"


def test_the_province_plan_has_its_own_crosswalk_linked_both_ways(built):
    table = crosswalk(built, PROVINCE_ID)
    assert len(table[0]) - 1 == 2 and [row[0][0] for row in table[1:]] == ["Kế hoạch 5/KH-SNV"]
    assert table[1][2][0] == "chưa có nội dung triển khai"
    assert f"../../doi-chieu/{PROVINCE_ID}/" in page(built, f"doi-chieu/{ROOT_ID}/").links
    assert f"../../doi-chieu/{ROOT_ID}/" in page(built, f"doi-chieu/{PROVINCE_ID}/").links
    assert f"../../doi-chieu/{PROVINCE_ID}/" in page(built, f"van-ban/{PROVINCE_ID}/").links


def test_navigation_lists_the_crosswalk_of_every_top_document(built):
    # The open section is whole on its own pages (navigation.prune folds the others).
    nav = parse_nav((built / "doi-chieu/ct-33-ttg-2021/index.html").read_text(encoding="utf-8"))
    assert {"./", f"../{ROOT_ID}/"} <= nav
    assert f"../{PROVINCE_ID}/" not in nav  # reached from its top document's crosswalk


def test_home_page_lists_every_top_document_with_its_figures(built):
    rows = {row[0][0]: row for row in tables(built, "")[0][1:]}
    assert set(rows) == {"Chỉ thị 33/CT-TTg", "Chỉ thị 99/CT-TTg"}
    new = [text for text, _ in rows["Chỉ thị 99/CT-TTg"]]
    tasks = [t for d in DOCUMENTS for t in d["nhiem_vu"]]
    units = {u for t in tasks for u in t["chu_tri"] + t["phoi_hop"]}
    assert new[2:5] == [str(len(DOCUMENTS) - 1), str(len(tasks)), str(len(units))]
    assert new[5].startswith("15/12/2026")  # the build is dated 23/11/2026
    assert rows["Chỉ thị 99/CT-TTg"][6][1] == [f"doi-chieu/{ROOT_ID}/"]


def test_every_published_address_still_resolves(built):
    for url in read_manifest(ROOT):
        assert (built / url.partition("#")[0] / "index.html").exists(), url


def parse_nav(html: str) -> set[str]:
    """Addresses linked from the site navigation of a page."""
    nav = html.split('<nav class="md-nav md-nav--primary', 1)[1].split('<nav class="md-nav md-nav--secondary"', 1)[0]
    return set(re.findall(r'href="([^"]+)"', nav))
