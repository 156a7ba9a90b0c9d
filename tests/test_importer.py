"""The importer: sources become drafts whose inferred values wait for an editor, files of every kind are read,
bad files are refused in Vietnamese (its accuracy: test_accuracy.py, test_accuracy_sets.py)."""

import re
import shutil

import pytest
import yaml

from accuracy import SCAN_TARGET, SETS, sentences_kept
from conftest import ORIGINALS, build, copy_project, full_text, kb, page
from kb import originals
from imported_files import cases, docx, pdf, render, scanned
from kb.checks import run
from kb.importing.assignments import deadlines
from kb.importing.header import sentence_case
from kb.importing.ocr import tidy
from kb.model import load

PLAN = "kon-tum-so-y-te-ke-hoach-ct33.txt"  # a department's plan: the case the guide walks through
REGISTRIES = {"don_vi": "don-vi.yml", "van_ban_trich_dan": "van-ban-trich-dan.yml"}  # proposed entries go there


def confirm(path):
    """What an editor does after checking the proposals: remove them, copying the proposed registry entries
    ('gia_tri') into their registries. Returns how many entries were added."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    meta = yaml.safe_load(head.removeprefix("---\n"))
    proposals = meta.pop("de_xuat")
    assert proposals, f"{path.name}: no proposals to confirm"
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + rest, encoding="utf-8")
    root = path.parents[2]
    added = 0
    for proposal in proposals:
        if "gia_tri" in proposal:
            registry = root / "data" / REGISTRIES[proposal["truong"].split("/")[0]]
            known = {entry["id"] for entry in yaml.safe_load(registry.read_text(encoding="utf-8"))}
            if proposal["gia_tri"]["id"] not in known:
                registry.write_text(registry.read_text(encoding="utf-8") + "\n" + yaml.safe_dump(
                    [proposal["gia_tri"]], allow_unicode=True, sort_keys=False), encoding="utf-8")
                added += 1
    return added


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("import"))
    for folder in ("docs/van-ban", "nguon"):  # the curated documents and their originals
        shutil.rmtree(project / folder)
        (project / folder).mkdir()
    (project / "data/chuyen-huong.yml").unlink()  # its redirects lead to pages of the documents removed
    made = {}
    for source in sorted(ORIGINALS.glob("*.txt")):
        result = kb(project, "import", str(source))
        assert result.returncode == 0, result.stderr
        made[source.name] = re.findall(r"Đã tạo .*/([^/]+)\.md", result.stdout)
    return project, made


def test_a_file_with_two_documents_gives_two_drafts(imported):
    _, made = imported
    assert {name: len(ids) for name, ids in made.items() if len(ids) > 1} == {"hai-phong-cv-9465-2021.txt": 2}


def test_drafts_wait_for_the_editor_then_pass(imported, tmp_path):
    project, made = imported
    problems = run(load(project))
    assert problems and all("'de_xuat'" in p.message and "chưa được xác nhận" in p.message for p in problems)
    project = shutil.copytree(project, tmp_path / "kho")
    for ids in made.values():
        for doc_id in ids:
            confirm(project / f"docs/van-ban/{doc_id}.md")
    assert run(load(project)) == []


def test_header_fields_by_the_prescribed_layout(imported):
    model = load(imported[0])
    by_signer = {p.doc.signer.name: p.doc for p in model.pages.values()}
    hp = by_signer["Trần Huy Kiên"]
    assert (hp.number, str(hp.issued), hp.kind, hp.issuer) == ("9465/UBND-KSTTHC", "2021-12-07", "cong-van", "ubnd-tp-hai-phong")
    assert (hp.signer.capacity, hp.signer.position) == ("TL. Ủy ban nhân dân, KT. Chánh Văn phòng", "Phó Chánh Văn phòng")
    plan = by_signer["Lâm Hải Giang"]
    assert plan.signer.capacity == "TM. Ủy ban nhân dân, KT. Chủ tịch" and plan.kind == "ke-hoach"
    assert plan.number is None and {n.field_name for n in plan.notes} >= {"so_hieu", "ngay_ban_hanh"}
    ct33 = by_signer["Phạm Bình Minh"]
    assert (ct33.issuer, ct33.signer.capacity) == ("thu-tuong-chinh-phu", "KT. Thủ tướng")
    assert hp.implements == [ct33.id]  # the directive the letter forwards, from the same file


def test_tasks_deadlines_and_reports_are_proposed(imported):
    model = load(imported[0])
    plan = next(p.doc for p in model.pages.values() if p.doc.issuer == "so-y-te-kon-tum")
    task = next(t for t in plan.tasks if t.leads == ["cac-don-vi-so-y-te-kon-tum"])
    assert task.anchor == "muc-iii-1" and task.report_to == ["so-y-te-kon-tum"]
    assert [(d.kind, d.day_month, d.report) for d in task.deadlines] == [
        ("hang-nam", "18/05", "báo cáo 6 tháng đầu năm"), ("hang-nam", "28/11", "báo cáo năm")]
    assert {p.field_name for p in plan.proposals} >= {f"nhiem_vu/{t.code}" for t in plan.tasks}


@pytest.mark.parametrize("text, expected", [
    ("hằng năm (trước ngày 25 tháng 11) tổng hợp", [("hang-nam", "25/11", "hằng năm (trước ngày 25 tháng 11)")]),
    ("báo cáo trước ngày 05 tháng 12 hằng năm.", [("hang-nam", "05/12", "trước ngày 05 tháng 12 hằng năm")]),
    ("báo cáo trong tháng 12/2021.", [("trong-thang", "2021-12", "trong tháng 12/2021")]),
    ("gửi trước ngày 15/01/2025.", [("mot-lan", "2025-01-15", "trước ngày 15/01/2025")]),
    ("trước ngày 31 tháng 13", []),
])
def test_deadline_forms(text, expected):
    assert [(d["loai"], d.get("ngay_thang") or d.get("thang") or d.get("ngay"), d["nguyen_van"]) for d in deadlines(text)] == expected


@pytest.mark.parametrize("read, meant", [
    ("Quyết định 23-QĐÐ/TW", "Quyết định 23-QĐ/TW"),  # Đ read as the Icelandic eth, or twice
    ("Ðảng ủy", "Đảng ủy"),
    ("trách nhiệm cỦa các sở", "trách nhiệm của các sở"),  # a marked vowel read too tall
    ("của BỘ Nội vụ, BỘ Chính trị", "của Bộ Nội vụ, Bộ Chính trị"),
    ("5, Nâng cao chất lượng", "5. Nâng cao chất lượng"),  # list numbers end in '.'
    ("II, NHIỆM VỤ", "II. NHIỆM VỤ"),
    ("Chỉ thị số 33/CT- TTg", "Chỉ thị số 33/CT-TTg"),
    ("ngày 26/1 1/2021 của", "ngày 26/11/2021 của"), ("từ 1/1 2/2022", "từ 1/12/2022"),  # a month's two narrow ones
    ("vai trò gương. mẫu", "vai trò gương mẫu"),  # specks read as signs
    ("của Ủy.\nban nhân dân", "của Ủy\nban nhân dân"),  # on the next line of the paragraph too
    ("ngày. 14 tháng 8", "ngày 14 tháng 8"),
    ("Chủ tịch Uy ban nhân dân", "Chủ tịch Ủy ban nhân dân"), ("UY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("địa phương ,kịp thời", "địa phương kịp thời"),
    ("phức tạp, ' tồn đọng", "phức tạp, tồn đọng"),
    ("Ban ThƯờng vụ TỈnh ủy", "Ban Thường vụ Tỉnh ủy"),
    ("trách nhiệm củủa các sở", "trách nhiệm của các sở"),  # one tone mark per syllable
    ("Bộ Nội vụ (b/C);", "Bộ Nội vụ (b/c);"),
])
def test_sure_misreadings_of_a_scan_are_undone(read, meant):
    assert tidy(read) == meant


@pytest.mark.parametrize("text", ["SỞ Y TẾ TỈNH KON TUM", "KẾ HOẠCH", "Số: 12/KH-UBND", "HĐND tỉnh, UBND tỉnh",
                                  "giai đoạn 2021- 2025", "năm 2022, các sở",
                                  "v.v. các sở", "Lưu: VT. ckbich", "Nhân dân. Các sở", "V/v triển khai",
                                  "Ủy ban nhân dân", "ỦY BAN NHÂN DÂN", "33/CT-TTg", "13-CTr/TU", "cooperation",
                                  "Mục đích.\na) Quán triệt", "như sau.\n\nhọc tập", "năm 2023. 2. Giao", "TP. 5 phường",
                                  "uy tín của ban", "Uỷ ban nhân dân",
                                  "từ 1/1 3/2/2022", "ngày 5/1 2021", "số 12/1 1/2021/QĐ"])
def test_text_that_is_right_is_left_alone(text):
    assert tidy(text) == text


def test_no_source_is_changed_by_the_fixes():
    for source in ORIGINALS.glob("*.txt"):
        text = source.read_text(encoding="utf-8")
        assert tidy(text) == text, source.name


def test_capacity_lines_read_in_sentence_case():
    assert sentence_case("CHÁNH VĂN PHÒNG") == "Chánh Văn phòng"
    assert sentence_case("PHÓ CHỦ TỊCH") == "Phó Chủ tịch"


def test_drafts_are_faithful_and_anchored(imported, tmp_path):
    project, made = imported
    project = shutil.copytree(project, tmp_path / "kho")
    for ids in made.values():
        for doc_id in ids:
            confirm(project / f"docs/van-ban/{doc_id}.md")
    # The editor gives the directive the id the user guide links to, as CONTRIBUTING says.
    ct33 = next(i for i in made["hai-phong-cv-9465-2021.txt"] if "33" in i)
    named = re.compile(r"(?<![\w.-])" + re.escape(ct33) + r"(?![\w.-])")  # the id itself, not ids or files holding it
    for draft in (project / "docs/van-ban").glob("*.md"):
        draft.write_text(named.sub("ct-33-ttg-2021", draft.read_text(encoding="utf-8")), encoding="utf-8")
    (project / f"docs/van-ban/{ct33}.md").rename(project / "docs/van-ban/ct-33-ttg-2021.md")
    made = {s: [named.sub("ct-33-ttg-2021", i) for i in ids] for s, ids in made.items()}
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    model = load(project)
    for source, ids in made.items():
        # Each document of a file holds its part of the source, the lines its 'ban_goc' names.
        for doc_id in ids:
            doc = model.pages[doc_id].doc
            wanted = originals.source_sentences(originals.text(project, doc.original))
            missing = originals.compare(full_text(tmp_path / "site", doc_id), 1, [n.text for n in doc.notes], wanted)
            assert wanted and not missing, f"{source}: {[m.sentence for m in missing][:3]}"
    ids = page(tmp_path / "site", f"van-ban/{made['tinh-chua-xac-dinh-ke-hoach-ct33.txt'][0]}/").ids
    assert {"muc-i", "muc-ii-4-d", "muc-ii-4-dd", "muc-iii-1-b"} <= ids


def test_documents_from_anywhere_pass_the_gate_once_confirmed(tmp_path):
    """Every evaluation document, imported as text into a copy of the base: the gate holds each draft until its
    proposals are confirmed, and passes once the proposed units and cited acts are in the registries."""
    project = copy_project(tmp_path / "kho")
    sources = [render(case, "txt", tmp_path, None) for folder in SETS.values() for case in cases(folder)]
    result = kb(project, "import", *map(str, sources))
    assert result.returncode == 0, result.stderr
    made = re.findall(r"Đã tạo .*/([^/]+)\.md", result.stdout)
    assert len(made) >= len(sources)
    held = {p.path for p in run(load(project)) if "'de_xuat'" in p.message}
    assert held == {f"docs/van-ban/{doc_id}.md" for doc_id in made}
    added = sum(confirm(project / f"docs/van-ban/{doc_id}.md") for doc_id in made)
    assert added, "no unit or cited act proposed for the registries"
    assert [p.message for p in run(load(project))] == []


@pytest.fixture(scope="module")
def plan_files(tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("files")
    text = (ORIGINALS / PLAN).read_text(encoding="utf-8")
    printed = pdf(text, folder / "ke-hoach.pdf", browser)
    return text, {"pdf": printed, "scan": _ends_scanned(printed, folder),
                  "docx": docx(text, folder / "ke-hoach.docx", ("SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))}


def _ends_scanned(printed, folder):
    # The plan as offices often send it: the typed pages with their text layer, the first page (the header) and the
    # signed last page scanned. Whole scans are read by tests/test_accuracy.py, the same reading as here.
    from pypdf import PdfReader, PdfWriter
    typed, imaged = PdfReader(printed), PdfReader(scanned(printed, folder / "ke-hoach-quet-het.pdf"))
    writer = PdfWriter()
    for i, typed_page in enumerate(typed.pages):
        writer.add_page(imaged.pages[i] if i in (0, len(typed.pages) - 1) else typed_page)
    writer.write(folder / "ke-hoach-quet.pdf")
    return folder / "ke-hoach-quet.pdf"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["pdf", "scan", "docx"])
def test_files_an_editor_brings_become_checked_documents(plan_files, kind, tmp_path):
    text, files = plan_files
    project = copy_project(tmp_path)
    for curated in ("docs/van-ban/kon-tum-so-y-te-ke-hoach-ct33.md", "nguon/kon-tum-so-y-te-ke-hoach-ct33.txt"):
        (project / curated).unlink()  # the curated copy of this plan, and its original
    result = kb(project, "import", str(files[kind]))
    assert result.returncode == 0, result.stderr
    # A scanned page takes seconds: the editor sees each read, in order, up to the last; pages with a text layer
    # are not read by OCR.
    told = [tuple(map(int, m)) for m in re.findall(r"ke-hoach-quet\.pdf: đã đọc bằng OCR (\d+)/(\d+) trang quét", result.stderr)]
    pages = told[-1][1] if told else 0
    assert told == [(k, pages) for k in range(1, pages + 1)] and pages == (2 if kind == "scan" else 0)
    [doc_id] = re.findall(r"Đã tạo .*/([^/]+)\.md", result.stdout)
    draft = project / f"docs/van-ban/{doc_id}.md"
    meta = yaml.safe_load(draft.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
    assert meta["co_quan_ban_hanh"] == "so-y-te-kon-tum" and meta["nguoi_ky"]["ho_ten"] == "Võ Văn Thanh"
    assert any(t["chu_tri"] == ["cac-don-vi-so-y-te-kon-tum"] for t in meta["nhiem_vu"])
    ocr_noted = any("OCR" in n["noi_dung"] for n in meta["ghi_chu_bien_tap"])
    assert ocr_noted == (kind == "scan")
    # The file as brought is kept beside the content, its hash recorded; a scan keeps what OCR read beside it.
    kept = project / "nguon" / meta["ban_goc"]["tep"]
    assert kept.read_bytes() == files[kind].read_bytes() and meta["ban_goc"]["sha256"] == originals.digest(files[kind])
    assert ("ocr" in meta["ban_goc"]) == (kind == "scan")
    wanted, lost = sentences_kept(text, draft.read_text(encoding="utf-8"))
    share = 1 - len(lost) / len(wanted)
    assert share >= (SCAN_TARGET if kind == "scan" else 1.0), f"{kind}: {share:.1%} of the sentences kept, lost: {lost[:3]}"
    assert kb(project, "check").returncode == 1  # the proposals wait for the editor
    confirm(draft)
    checked = kb(project, "check")
    assert checked.returncode == 0, checked.stdout


def _encrypted(path):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau")
    writer.write(str(path))


def _pages(count):
    def make(path):
        from pypdf import PdfWriter
        writer = PdfWriter()
        for _ in range(count):
            writer.add_blank_page(595, 842)
        writer.write(str(path))
    return make


@pytest.mark.parametrize("name, make, says", [
    ("mat-khau.pdf", _encrypted, "có mật khẩu"),
    ("rong.pdf", _pages(0), "không có trang nào"),
    ("trang-trang.pdf", _pages(1), "không có chữ"),
    ("cu.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0 old Word"), ".docx"),
    ("english.txt", lambda p: p.write_text("The Prime Minister requests all ministries to report by December. " * 20), "không phải tiếng Việt"),
    ("utf16.txt", lambda p: p.write_bytes("Chỉ thị".encode("utf-16")), "UTF-8"),
    ("hong.docx", lambda p: p.write_bytes(b"PK not really a zip"), ".docx"),
])
def test_bad_files_are_refused_in_vietnamese(tmp_path, name, make, says):
    project = copy_project(tmp_path / "kho")
    before = sorted((project / "docs/van-ban").iterdir())
    make(tmp_path / name)
    result = kb(project, "import", str(tmp_path / name))
    assert result.returncode == 1
    assert name in result.stderr and says in result.stderr and "Traceback" not in result.stderr
    assert sorted((project / "docs/van-ban").iterdir()) == before


def test_a_missing_file_or_an_unknown_kind_is_refused_before_the_base_is_read(tmp_path, monkeypatch, capsys):
    from kb import cli
    monkeypatch.setattr(cli, "load", lambda root: pytest.fail("the base was read first"))
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0 old Word")
    for name, says in [("khong-co.pdf", "khong-co.pdf: không có tệp này"), ("cu.doc", "cu.doc: không đọc được loại tệp '.doc'")]:
        assert cli.import_file(tmp_path / name, tmp_path, None) == 1
        assert says in capsys.readouterr().err


def test_a_scan_on_a_machine_without_tesseract_is_refused_in_vietnamese(tmp_path):
    project = copy_project(tmp_path / "kho")
    before = sorted((project / "docs/van-ban").iterdir())
    _pages(3)(tmp_path / "quet.pdf")  # pages without a text layer: read by OCR
    result = kb(project, "import", str(tmp_path / "quet.pdf"), env={"PATH": str(tmp_path / "khong-co-tesseract")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "quet.pdf: trang 1 là ảnh quét, cần Tesseract" in result.stderr and "tesseract-ocr-vie" in result.stderr
    assert sorted((project / "docs/van-ban").iterdir()) == before


@pytest.mark.parametrize("source, held", [("hai-phong-cv-9465-2021.txt", "ct-33-ttg-2021"),  # by its number
                                          ("ha-tinh-chi-thi-ct33.txt", "ha-tinh-chi-thi-ct33"),  # no number: by its text
                                          ("kien-giang-ke-hoach-ct33-2024.txt", "kien-giang-ke-hoach-ct33-2024")])
def test_a_document_already_in_the_base_is_not_written_twice(tmp_path, source, held):
    project = copy_project(tmp_path)
    before = sorted((project / "docs/van-ban").iterdir())
    result = kb(project, "import", str(ORIGINALS / source))
    assert result.returncode == 1 and "văn bản này đã có trong kho" in result.stderr
    assert f"docs/van-ban/{held}.md" in result.stderr and "Traceback" not in result.stderr
    assert sorted((project / "docs/van-ban").iterdir()) == before
