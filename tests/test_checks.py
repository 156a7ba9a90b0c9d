"""The bad-input corpus: each broken file gets its exact Vietnamese message, a non-zero exit, no traceback.

A case is a folder of tests/bad-input/: files laid over a copy of the content (a file named
'X.delete' removes X; 'pad-to-bytes' grows a file to a size; 'giu-lien-ket' keeps the manifest of published
addresses; 'git' commits the copy before the files are laid over, so that the check can look back), and
expected.txt: the exit code, then the exact lines the check prints.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, build, commit, copy_project, get, kb, serving, wait_for

CORPUS = ROOT / "tests/bad-input"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


MARKERS = ("expected.txt", "giu-lien-ket", "git")


def lay_over(case: Path, project: Path) -> None:
    if (case / "giu-lien-ket").exists():
        shutil.copy(ROOT / "data/lien-ket.txt", project / "data/lien-ket.txt")
    if (case / "git").exists():
        commit(project)
    for file in case.rglob("*"):
        rel = file.relative_to(case).as_posix()
        if file.is_dir() or rel in MARKERS:
            continue
        if rel == "pad-to-bytes":
            target, size = file.read_text().split()
            with open(project / target, "ab") as out:
                out.write(b"\n\n" + "Đoạn văn lặp lại. ".encode() * (int(size) // 20))
        elif rel.endswith(".delete"):
            (project / rel.removesuffix(".delete")).unlink()
        else:
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, project / rel)


def check_here(project: Path, capsys, monkeypatch) -> subprocess.CompletedProcess:
    """python -m kb check run in this process, on the day the command is given (conftest.ENV): the command's own
    code, without starting Python and importing the package again for each case (the cases below that run it as
    a command show the two answer alike)."""
    from kb.cli import main
    monkeypatch.setenv("KB_TODAY", TODAY)
    code = main(["--root", str(project), "check"])
    said = capsys.readouterr()
    return subprocess.CompletedProcess([], code, said.out, said.err)


def test_corpus_is_large_enough():
    broken = [c for c in CASES if not (CORPUS / c / "expected.txt").read_text().startswith("exit: 0")]
    assert len(broken) >= 30


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gets_its_message(tmp_path, capsys, monkeypatch, name):
    project = copy_project(tmp_path)
    lay_over(CORPUS / name, project)
    before = files(project)
    said_as(CORPUS / name, check_here(project, capsys, monkeypatch))
    assert files(project) == before, "the check changed a file"


# One case of each kind run as the editors run it: a new Python process, its exit code and all it prints.
@pytest.mark.parametrize("name", ["01-yaml-hong", "04-khong-phai-utf8", "17-chen-script", "52-ngay-khac-van-ban",
                                  "90-chap-nhan-bom"])
def test_the_command_gives_the_same_answer(tmp_path, name):
    project = copy_project(tmp_path)
    lay_over(CORPUS / name, project)
    said_as(CORPUS / name, kb(project, "check", timeout=60))


def said_as(case: Path, result: subprocess.CompletedProcess) -> None:
    """The exit code and the lines of the case's expected.txt (a passing case: the closing line), no traceback."""
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert f"exit: {result.returncode}" == expected[0]
    lines = result.stdout.splitlines()
    assert lines == expected[1:] if expected[0] != "exit: 0" else lines[-1].startswith("Không có lỗi")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["64-cau-khac-ban-goc", "52-ngay-khac-van-ban", "17-chen-script", "21-vong-lap-trien-khai",
                                  "10-van-ban-cap-tren-khong-co", "01-yaml-hong"])
def test_checks_shared_between_processes_find_what_one_process_finds(tmp_path, name):
    # Shared first, on a model just read: the forked processes cannot take what this process found before.
    from kb import checks, model as loading
    project = copy_project(tmp_path)
    lay_over(CORPUS / name, project)
    model = loading.load(project)
    shared = checks.run(model, processes=3)
    assert shared and shared == checks.run(model, processes=1)


def test_checks_run_here_when_a_process_sharing_them_dies(tmp_path, monkeypatch):
    from kb import checks, model as loading
    here = os.getpid()

    def dies_elsewhere(model):  # a forked process killed (out of memory, say) before it answers
        if os.getpid() != here:
            os._exit(1)
        return iter(())

    project = copy_project(tmp_path)
    lay_over(CORPUS / "52-ngay-khac-van-ban", project)
    monkeypatch.setattr(checks, "CHECKS", (dies_elsewhere, *checks.CHECKS))
    found = checks.run(loading.load(project), processes=2)
    assert found and found == checks.run(loading.load(project), processes=1)


def files(project: Path) -> dict[str, bytes]:
    """Every file of a project folder and its content (git's own files aside)."""
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}


@pytest.mark.parametrize("name", ["01-yaml-hong", "04-khong-phai-utf8", "15-ngay-khong-co-that", "17-chen-script",
                                  "21-vong-lap-trien-khai", "34-truong-khai-bao-hai-lan", "37-thong-tin-dau-trang-la-danh-sach",
                                  "45-the-div-che-trang", "51-so-thanh-danh-sach", "52-ngay-khac-van-ban",
                                  "57-go-sai-loai-giu-lien-ket"])
def test_mkdocs_build_stops_with_the_same_message(tmp_path, name):
    project = copy_project(tmp_path)
    lay_over(CORPUS / name, project)
    result = build(project, tmp_path / "out")
    expected = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()[1:]
    assert result.returncode != 0
    assert all(line in result.stderr for line in expected)
    assert "Traceback" not in result.stderr


def test_serve_keeps_running_and_shows_the_error(tmp_path):
    project = copy_project(tmp_path)
    doc = project / "docs/van-ban/hai-phong-cv-9465-2021.md"
    good = doc.read_text(encoding="utf-8")
    doc.write_text(good.replace("ngay_ban_hanh: 2021-12-07", "ngay_ban_hanh: 2021-02-31"), encoding="utf-8")
    with serving(project) as served:
        url = served.url + "van-ban/hai-phong-cv-9465-2021/"
        body = wait_for(url, "Tệp có lỗi")
        assert "ngày không có thật trên lịch: &#39;2021-02-31&#39;" in body or "ngày không có thật trên lịch: '2021-02-31'" in body
        assert "Nội dung có 1 lỗi" in get(served.url)
        doc.write_text(good, encoding="utf-8")  # fixed: the same server publishes the document again
        wait_for(url, "9465/UBND-KSTTHC")
    assert "Traceback" not in served.output and "docs/van-ban/hai-phong-cv-9465-2021.md:8:" in served.output


def test_a_file_whose_stamp_is_unchanged_is_not_read_again_and_one_changed_in_the_same_tick_is(tmp_path, monkeypatch):
    # A preview server takes a document or an original as read before while its size, inode and times are the
    # same; a save that keeps its size and modification time (set back, or within one tick of the clock)
    # still changes its change time, and a file changed too recently to tell is read again in any case.
    import pathlib
    from kb import model as loading, originals, sources
    project = copy_project(tmp_path)
    doc, original = project / "docs/van-ban/hai-phong-cv-9465-2021.md", project / originals.FOLDER / "hai-phong-cv-9465-2021.txt"
    assert sources.stamp(doc.stat()) is None  # copied just now
    monkeypatch.setattr(sources, "SETTLED_NS", 0)  # every file counts as settled
    first, hashed = loading.load(project), originals.digest(original)
    reads = []
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self, real=pathlib.Path.read_bytes: reads.append(self) or real(self))
    again = loading.load(project)
    assert originals.digest(original) == hashed
    assert not [p for p in reads if "van-ban" in p.parts or originals.FOLDER in p.parts]  # registries are read again
    assert all(again.pages[i] is page for i, page in first.pages.items())
    for file in (doc, original):  # 'Hải Phòng' → 'Hải Phóng': the same number of bytes
        times = file.stat()
        file.write_bytes(file.read_bytes().replace("Hải Phòng".encode(), "Hải Phóng".encode()))
        os.utime(file, ns=(times.st_atime_ns, times.st_mtime_ns))
        assert file.stat().st_size == times.st_size and file.stat().st_mtime_ns == times.st_mtime_ns
    assert "Hải Phóng" in loading.load(project).pages["hai-phong-cv-9465-2021"].body
    assert originals.digest(original) != hashed


def test_a_load_after_a_save_reads_and_checks_again_what_changed_and_finds_what_a_fresh_load_finds(tmp_path):
    # A preview server loads and checks the whole base on every save: documents whose bytes did not change are
    # taken as read before, and so are their checks and citations, unless what they are checked against changed.
    from kb import checks, model as loading
    project = copy_project(tmp_path)
    first = loading.load(project)
    assert checks.run(first) == []
    doc, units, cited = project / "docs/van-ban/hai-phong-cv-9465-2021.md", project / "data/don-vi.yml", project / "data/van-ban-trich-dan.yml"
    # The issuer differs from the one the text's own header names; a tag in a field; the issuer renamed; a cited
    # number changed.
    saves = [(doc, "co_quan_ban_hanh: ubnd-tp-hai-phong", "co_quan_ban_hanh: so-noi-vu-hai-phong"),
             (doc, "trich_yeu: ", "trich_yeu: <b>Về</b> "),
             (units, "ten: Sở Nội vụ thành phố Hải Phòng", "ten: Sở Nội vụ (tên mới)"),
             (cited, "so_hieu: 25-NQ/TW", "so_hieu: 25-NQ/TƯ")]
    previous = first
    for file, old, new in saves:
        file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        model = loading.load(project)
        kept = {i for i, page in model.pages.items() if page is previous.pages[i]}
        assert kept == set(first.pages) - ({"hai-phong-cv-9465-2021"} if file == doc else set())
        found = [str(p) for p in checks.run(model)]
        assert found and found == kb(project, "check").stdout.splitlines()
        loading._read.clear(), loading._citing.clear(), loading._given.clear()  # read from nothing: the same relations
        previous = loading.load(project)
        assert citing(model) == citing(previous) and given(model) == given(previous)
    assert any("(Sở Nội vụ (tên mới))" in line for line in found)
    assert "nq-25-nq-tw-2013" in citing(first) and "nq-25-nq-tw-2013" not in citing(model)
    # A province's committee no longer at province level leaves the collective of the provinces' committees:
    # the tasks given to that collective are no longer its own, though its documents did not change.
    via = "ubnd-cac-tinh-thanh-pho"
    assert any(a.via == via for a in model.assignments["ubnd-tinh-kien-giang"])
    units.write_text(units.read_text(encoding="utf-8").replace(
        "ten_ngan: UBND tỉnh Kiên Giang\n  cap: tinh", "ten_ngan: UBND tỉnh Kiên Giang\n  cap: so-nganh", 1), encoding="utf-8")
    model = loading.load(project)
    assert not any(a.via == via for a in model.assignments.get("ubnd-tinh-kien-giang", []))
    loading._read.clear(), loading._given.clear()
    assert given(model) == given(loading.load(project))
    doc.unlink()
    assert "hai-phong-cv-9465-2021" not in loading.load(project).pages


def given(model) -> dict:
    """Each unit's tasks, directly or through a collective: (document, task, role, collective)."""
    return {u: [(a.page.doc.id, a.task.summary, a.role, a.via) for a in v] for u, v in model.assignments.items()}


def citing(model) -> dict:
    """Who cites each document: (document, section anchor) pairs."""
    return {t: [(p.doc.id, s.anchor if s else None) for p, s in v] for t, v in model.citations.items()}
