"""What a change does to the base, for reviewers: make diff on the test's own git repository of a copy of the
base, with the changes editors make (a document added, a deadline moved, a lead unit changed, an anchor removed
with its redirect, a unit added)."""

import json
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT, commit, copy_project, kb

NEW = "ha-tinh-ke-hoach-ct33-2022"
PLAN = {"id": NEW, "loai": "ke-hoach", "so_hieu": "12/KH-UBND", "trich_yeu": "Triển khai Chỉ thị số 33/CT-TTg",
        "co_quan_ban_hanh": "ubnd-tinh-ha-tinh", "ngay_ban_hanh": "2022-01-05",
        "nguoi_ky": {"ho_ten": "Nguyễn Văn A", "chuc_vu": "Phó Chủ tịch", "tham_quyen": "KT. Chủ tịch"},
        "tinh_trang": "da-ban-hanh", "trien_khai": ["ct-33-ttg-2021"], "can_cu": ["ct-33-ttg-2021"], "nguon": "bản giấy",
        "nhiem_vu": [{"ma": "1", "muc": "muc-1", "noi_dung": "Tuyên truyền về công tác dân vận",
                      "chu_tri": ["so-van-hoa-ha-tinh"], "thuc_hien": ["ct-33-ttg-2021/2"]},
                     {"ma": "2", "muc": "muc-2", "noi_dung": "Báo cáo kết quả hằng năm", "chu_tri": ["so-noi-vu-ha-tinh"],
                      "bao_cao_cho": ["ubnd-tinh-ha-tinh"], "thuc_hien": ["ct-33-ttg-2021/8"],
                      "thoi_han": [{"loai": "hang-nam", "ngay_thang": "01/12", "nguyen_van": "trước ngày 01 tháng 12 hằng năm"}]}]}
BODY = ("1\\. Sở Văn hóa, Thể thao và Du lịch tuyên truyền về công tác dân vận.\n{: #muc-1 }\n\n"
        "2\\. Sở Nội vụ báo cáo kết quả về UBND tỉnh trước ngày 01 tháng 12 hằng năm.\n{: #muc-2 }\n")
UNIT = ("- id: so-van-hoa-ha-tinh\n  ten: Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Tĩnh\n  ten_ngan: Sở VHTTDL Hà Tĩnh\n"
        "  cap: so-nganh\n  truc_thuoc: ubnd-tinh-ha-tinh\n")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """A repository of a copy of the base, one commit, and the working tree changed the way an editor would."""
    project = copy_project(tmp_path_factory.mktemp("kho"))
    shutil.copy(ROOT / "data/lien-ket.txt", project / "data/lien-ket.txt")
    commit(project)
    (project / f"docs/van-ban/{NEW}.md").write_text(
        "---\n" + yaml.safe_dump(PLAN, allow_unicode=True, sort_keys=False) + "---\n\n" + BODY, encoding="utf-8")
    with open(project / "data/don-vi.yml", "a", encoding="utf-8") as units:
        units.write(UNIT)
    ht = project / "docs/van-ban/ha-tinh-chi-thi-ct33.md"
    edit(ht, 'ngay_thang: "05/12"', 'ngay_thang: "01/12"')
    edit(ht, "{: #mo-dau }\n", "")
    with open(project / "data/chuyen-huong.yml", "a", encoding="utf-8") as redirects:
        redirects.write("- tu: van-ban/ha-tinh-chi-thi-ct33/#mo-dau\n  den: van-ban/ha-tinh-chi-thi-ct33/#muc-1\n")
    edit(project / "docs/van-ban/hai-phong-cv-9465-2021.md", "    chu_tri: [so-noi-vu-hai-phong]", "    chu_tri: [ubnd-tp-hai-phong]")
    assert kb(project, "links").returncode == 0
    assert kb(project, "check").returncode == 0, kb(project, "check").stdout  # all of it passes the check
    return project


def lines(result) -> list[str]:
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_summary_says_what_changes_for_documents_units_deadlines_and_addresses(changed):
    said = lines(kb(changed, "diff"))
    assert said[0].startswith("## Thay đổi của kho văn bản (so với `")
    assert said[2] == ("**Tóm tắt:** 1 văn bản thêm, 2 văn bản sửa, 2 nhiệm vụ thêm, 2 nhiệm vụ sửa, "
                       "5 đơn vị có nhiệm vụ thay đổi, 1 hạn mới, 1 hạn dời, 2 ô đối chiếu được lấp, "
                       "7 ô đối chiếu trống, 2 địa chỉ chuyển hướng.")
    deadline = "05/12 hằng năm (“trước ngày 05 tháng 12 hằng năm”) → 01/12 hằng năm (“trước ngày 05 tháng 12 hằng năm”)"
    expected = [
        "### Văn bản",
        "#### Chỉ thị của UBND tỉnh Hà Tĩnh (chưa có số hiệu) (`ha-tinh-chi-thi-ct33`)",
        "- toàn văn: chỉ đổi cách viết (dấu cách, xuống dòng, neo)",
        f"- nhiệm vụ `bao-cao` (tổ chức thực hiện): thời hạn {deadline}",
        "#### Kế hoạch 12/KH-UBND (`ha-tinh-ke-hoach-ct33-2022`)",
        "- thêm Kế hoạch 12/KH-UBND của Ủy ban nhân dân tỉnh Hà Tĩnh, ngày 05/01/2022 (2 nhiệm vụ)",
        "- thêm nhiệm vụ `1` (điểm 1): chủ trì Sở VHTTDL Hà Tĩnh; thực hiện ct-33-ttg-2021/2",
        "- thêm nhiệm vụ `2` (điểm 2): chủ trì Sở Nội vụ Hà Tĩnh; hạn 01/12 hằng năm (“trước ngày 01 tháng 12 hằng năm”); "
        "báo cáo cho UBND tỉnh Hà Tĩnh; thực hiện ct-33-ttg-2021/8",
        "#### Công văn 9465/UBND-KSTTHC (`hai-phong-cv-9465-2021`)",
        "- nhiệm vụ `giao-nhiem-vu` (giao nhiệm vụ): chủ trì Sở Nội vụ Hải Phòng → UBND TP Hải Phòng",
        "### Đơn vị có nhiệm vụ thay đổi",
        "- **Sở Nội vụ Hà Tĩnh** (`so-noi-vu-ha-tinh`): thêm chủ trì: ha-tinh-ke-hoach-ct33-2022/2",
        "- **Sở Nội vụ Hải Phòng** (`so-noi-vu-hai-phong`): bỏ chủ trì: hai-phong-cv-9465-2021/giao-nhiem-vu",
        "- **Sở VHTTDL Hà Tĩnh** (`so-van-hoa-ha-tinh`) (đơn vị mới trong danh mục): thêm chủ trì: "
        "ha-tinh-ke-hoach-ct33-2022/1; thêm chủ trì (qua `cac-so-nganh-ha-tinh`): "
        + ", ".join(f"ha-tinh-chi-thi-ct33/{code}" for code in ["1", "2", "3", "4", "5", "6", "7", "bao-cao"]),
        "- **UBND tỉnh Hà Tĩnh** (`ubnd-tinh-ha-tinh`): thêm nhận báo cáo: ha-tinh-ke-hoach-ct33-2022/2",
        "- **UBND TP Hải Phòng** (`ubnd-tp-hai-phong`): thêm chủ trì: hai-phong-cv-9465-2021/giao-nhiem-vu",
        "### Lịch báo cáo",
        f"- dời hạn ha-tinh-chi-thi-ct33/bao-cao: {deadline} (lần tới 01/12/2026)",
        "- hạn mới ha-tinh-ke-hoach-ct33-2022/2: 01/12 hằng năm (“trước ngày 01 tháng 12 hằng năm”) (lần tới 01/12/2026)",
        "### Bảng đối chiếu",
        "- ct-33-ttg-2021 × ha-tinh-ke-hoach-ct33-2022: chưa có nội dung triển khai ở điểm 1, điểm 3, điểm 4, điểm 5, "
        "điểm 6, điểm 7, tổ chức thực hiện",
        "- ct-33-ttg-2021 × ha-tinh-ke-hoach-ct33-2022: có nội dung triển khai ở điểm 2, điểm 8",
        "### Địa chỉ đã xuất bản",
        "- `ha-tinh-chi-thi-ct33/mo-dau/` → `van-ban/ha-tinh-chi-thi-ct33/#muc-1`",
        "- `van-ban/ha-tinh-chi-thi-ct33/#mo-dau` → `van-ban/ha-tinh-chi-thi-ct33/#muc-1`",
    ]
    assert [line for line in said[4:] if line] == expected, "\n".join(said)


def test_the_same_as_json_for_tools(changed):
    data = json.loads(kb(changed, "diff", "--json").stdout)
    kinds = {(c["muc"], c["loai"], c["doi_tuong"]) for c in data["thay_doi"]}
    assert ("van-ban", "them", NEW) in kinds and ("lich", "sua", "ha-tinh-chi-thi-ct33/bao-cao") in kinds
    assert ("dia-chi", "chuyen-huong", "van-ban/ha-tinh-chi-thi-ct33/#mo-dau") in kinds
    assert data["so_voi"] and data["tom_tat"].startswith("1 văn bản thêm")


def test_a_shallow_clone_compares_with_the_fetched_base(changed, tmp_path):
    commit(changed, "sửa")
    clone = tmp_path / "nong"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{changed}", str(clone)], check=True)
    assert kb(clone, "diff", "--so-voi", "origin/main~1").returncode == 2  # not fetched: said, not a traceback
    subprocess.run(["git", "fetch", "-q", "--depth", "2", "origin", "main"], cwd=clone, check=True)
    said = lines(kb(clone, "diff", "--so-voi", "origin/main~1"))
    assert "- thêm Kế hoạch 12/KH-UBND của Ủy ban nhân dân tỉnh Hà Tĩnh, ngày 05/01/2022 (2 nhiệm vụ)" in said


def test_a_new_repository_without_history_lists_everything_as_added(tmp_path):
    project = copy_project(tmp_path)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    said = lines(kb(project, "diff"))
    assert said[0] == "## Thay đổi của kho văn bản (so với kho trống (chưa có lịch sử để so))"
    assert said[2].startswith("**Tóm tắt:** 6 văn bản thêm, 48 nhiệm vụ thêm")


def test_nothing_changed_says_so(tmp_path):
    project = copy_project(tmp_path)
    commit(project)
    assert lines(kb(project, "diff"))[2] == "Không có thay đổi nào về văn bản, nhiệm vụ, đơn vị, hạn hay địa chỉ."
