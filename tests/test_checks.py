"""The bad-input corpus: each broken file gets its exact Vietnamese message, a non-zero exit, no traceback.

A case is a folder of tests/bad-input/: files laid over a copy of the content (a file named
'X.delete' removes X; 'pad-to-bytes' grows a file to a size), and expected.txt: the exit code,
then the exact lines the check prints.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build, copy_project

CORPUS = ROOT / "tests/bad-input"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def lay_over(case: Path, project: Path) -> None:
    for file in case.rglob("*"):
        rel = file.relative_to(case).as_posix()
        if file.is_dir() or rel == "expected.txt":
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


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb", "--root", str(project), "check"], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})


def test_corpus_is_large_enough():
    broken = [c for c in CASES if not (CORPUS / c / "expected.txt").read_text().startswith("exit: 0")]
    assert len(broken) >= 30


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gets_its_message(tmp_path, name):
    project = copy_project(tmp_path)
    lay_over(CORPUS / name, project)
    result = check(project)
    expected = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert f"exit: {result.returncode}" == expected[0]
    assert result.stdout.splitlines() == expected[1:] if expected[0] != "exit: 0" else result.stdout.startswith("Không có lỗi")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["01-yaml-hong", "04-khong-phai-utf8", "15-ngay-khong-co-that", "17-chen-script",
                                  "21-vong-lap-trien-khai", "34-truong-khai-bao-hai-lan", "37-thong-tin-dau-trang-la-danh-sach"])
def test_mkdocs_build_stops_with_the_same_message(tmp_path, name):
    project = copy_project(tmp_path)
    lay_over(CORPUS / name, project)
    result = build(project, tmp_path / "out")
    expected = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()[1:]
    assert result.returncode != 0
    assert all(line in result.stderr for line in expected)
    assert "Traceback" not in result.stderr
