"""Generated tables: unit pages, crosswalk, hierarchy, citations — checked against the front matter itself."""

import re
from collections import Counter

import yaml

from conftest import ROOT, build, copy_project, page, tables

ROLE_LABELS = {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp", "bao_cao_cho": "Nhận báo cáo"}


def raw_documents():
    # Front matter read with plain PyYAML, independently of the model.
    for file in sorted((ROOT / "docs/van-ban").glob("*.md")):
        yield yaml.safe_load(file.read_text(encoding="utf-8").split("---\n")[1])


def raw_units() -> dict:
    return {u["id"]: u for u in yaml.safe_load((ROOT / "data/don-vi.yml").read_text(encoding="utf-8"))}


def covered_by(units: dict, collective: dict, unit: dict) -> bool:
    scope = collective.get("tap_the")
    if not scope or unit.get("tap_the") or unit["cap"] not in scope["cap"]:
        return False
    under, parent = scope.get("truc_thuoc"), unit.get("truc_thuoc")
    while under and parent:
        if parent == under:
            return True
        parent = units.get(parent, {}).get("truc_thuoc")
    return not under


def expected_assignments(unit_id: str) -> Counter:
    units = raw_units()
    names = {unit_id} | {c for c in units if covered_by(units, units[c], units[unit_id])}
    found = Counter()
    for doc in raw_documents():
        for task in doc.get("nhiem_vu") or []:
            for role in ROLE_LABELS:
                for named in set(task.get(role) or []) & names:
                    found[(doc["id"], task["muc"], ROLE_LABELS[role])] += 1
    return found


def shown_assignments(site, unit_id: str) -> Counter:
    found = Counter()
    for table in tables(site, f"don-vi/{unit_id}"):
        header = [cell for cell, _ in table[0]]
        if header[:4] != ["Văn bản", "Mục", "Nhiệm vụ", "Vai trò"]:
            continue
        for row in table[1:]:
            href = row[1][1][0]
            doc_id, anchor = re.match(r"\.\./\.\./van-ban/([^/]+)/#(.+)", href).groups()
            found[(doc_id, anchor, row[3][0])] += 1
    return found


def test_every_unit_page_lists_exactly_the_tasks_that_name_it(site):
    units = raw_units()
    assert len(units) >= 20
    for unit_id in units:
        assert shown_assignments(site, unit_id) == expected_assignments(unit_id), unit_id


def test_collective_tasks_reach_members(site):
    # "các sở, ban ngành" of Hà Tĩnh reaches Sở Nội vụ Hà Tĩnh.
    shown = shown_assignments(site, "so-noi-vu-ha-tinh")
    assert ("ha-tinh-chi-thi-ct33", "muc-6", "Chủ trì") in shown
    assert ("ha-tinh-chi-thi-ct33", "to-chuc-thuc-hien", "Chủ trì") in shown
    text = page(site, "don-vi/so-noi-vu-ha-tinh/").article_text
    assert "05/12 hằng năm" in text


def test_unit_index_lists_every_unit_by_level(site):
    rows = [row for table in tables(site, "don-vi") for row in table[1:]]
    assert len(rows) == len(raw_units())


def test_dissolved_unit_says_who_carries_on(site):
    text = " ".join(page(site, "don-vi/ubnd-tinh-kon-tum/").article_text.split())
    assert "Không còn tồn tại như trước từ 30/06/2025" in text
    assert "UBND tỉnh Quảng Ngãi" in text and "202/2025/QH15" in text


def test_crosswalk_has_a_row_per_implementing_document_and_a_column_per_part_setting_tasks(site):
    table = next(t for t in tables(site, "doi-chieu/ct-33-ttg-2021") if t[0][0][0] == "Văn bản triển khai")
    implementing = [d["id"] for d in raw_documents() if "ct-33-ttg-2021" in (d.get("trien_khai") or [])]
    ct33 = next(d for d in raw_documents() if d["id"] == "ct-33-ttg-2021")
    assert len(table[0]) - 1 == len({t["muc"] for t in ct33["nhiem_vu"]}) == 9  # points 1–8 and "tổ chức thực hiện"
    assert len(table) - 1 == len(implementing) == 5
    # Point 6 of CT 33 leads to the sections of Hà Tĩnh (6) and Kiên Giang (II.6) that carry it out.
    column6 = 6
    assert table[0][column6] == ("Điểm 6", ["../../van-ban/ct-33-ttg-2021/#muc-6"])
    links = {h for row in table[1:] for h in row[column6][1]}
    assert "../../van-ban/ha-tinh-chi-thi-ct33/#muc-6" in links
    assert "../../van-ban/kien-giang-ke-hoach-ct33-2024/#muc-ii-6" in links
    # Hải Phòng's letter carries out no content point: its cells are visible gaps.
    row = next(r for r in table[1:] if "9465" in r[0][0])
    gaps = [table[0][i][0] for i, cell in enumerate(row) if cell[0] == "chưa có nội dung triển khai"]
    assert len(gaps) == 7 and "Điểm 8" not in gaps


def test_the_old_crosswalk_address_leads_to_the_ct33_crosswalk(site):
    old = (site / "doi-chieu/index.html").read_text(encoding="utf-8")
    assert 'url=ct-33-ttg-2021/"' in old


def test_hierarchy_tree_nests_local_documents_under_ct33(site):
    html = (site / "he-thong/index.html").read_text(encoding="utf-8").split("<article", 1)[1]
    top = html.index("ct-33-ttg-2021/")
    nested = html.index("<ul>", top)
    assert nested < html.index("kon-tum-so-y-te-ke-hoach-ct33/") and "Dự thảo" in html


def test_citations_link_in_body_and_back(site):
    body = (site / "van-ban/ha-tinh-chi-thi-ct33/index.html").read_text(encoding="utf-8")
    assert '<a href="../ct-33-ttg-2021/">33/CT-TTg</a>' in body
    back = page(site, "van-ban-trich-dan/cv-1260-ubnd-nc-kon-tum-2023/").article_text
    assert "Kế hoạch của Sở Y tế Kon Tum" in back and "chưa có trong kho" in back
    luat = [row for t in tables(site, "van-ban-trich-dan/luat-tiep-can-thong-tin-2016") for row in t[1:] if row[1][1]]
    assert {row[1][1][0] for row in luat} >= {"../../van-ban/ct-33-ttg-2021/#muc-6", "../../van-ban/ha-tinh-chi-thi-ct33/#muc-6"}


def test_dangling_unit_id_fails_the_build_with_a_clear_message(tmp_path):
    project = copy_project(tmp_path)
    doc = project / "docs/van-ban/ha-tinh-chi-thi-ct33.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("chu_tri: [so-noi-vu-ha-tinh]", "chu_tri: [so-noi-vu-ha-tin]"), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/van-ban/ha-tinh-chi-thi-ct33.md:" in result.stderr
    assert "nhiem_vu[9].chu_tri': không có đơn vị mã 'so-noi-vu-ha-tin'; mã gần nhất: so-noi-vu-ha-tinh" in result.stderr
    assert "Traceback" not in result.stderr
