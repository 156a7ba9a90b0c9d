"""The importer turns each raw source into a draft that passes the schema and the fidelity test."""

import shutil

import pytest
import yaml

from conftest import ROOT, SEEDS, build, copy_project, page
from kb.checks import run
from kb.importer import draft
from kb.model import load
from kb.text import squash
from test_fidelity import source_sentences


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    if not SEEDS.exists():
        pytest.skip(f"no sources at {SEEDS}")
    project = copy_project(tmp_path_factory.mktemp("import"))
    shutil.rmtree(project / "docs/van-ban")
    (project / "docs/van-ban").mkdir()
    (project / "data/chuyen-huong.yml").unlink()  # its redirects lead to pages of the documents removed
    made = {}
    for source in sorted(SEEDS.glob("*.txt")):
        text = draft(source.read_text(encoding="utf-8"), source.name)
        doc_id = yaml.safe_load(text.split("---\n")[1])["id"]
        (project / f"docs/van-ban/{doc_id}.md").write_text(text, encoding="utf-8")
        made[source.name] = doc_id
    return project, made


def test_drafts_pass_the_checks_with_nulls(drafts):
    project, made = drafts
    model = load(project)
    assert sorted(model.pages) == sorted(made.values())
    assert run(model) == []
    assert all(p.doc.status == "du-thao" for p in model.pages.values())


def test_draft_metadata_found_with_certainty(drafts):
    model = load(drafts[0])
    by_source = {p.doc.source: p.doc for p in model.pages.values()}
    hp = by_source["004_7ac869d01ae35452.txt"]
    assert (hp.number, str(hp.issued), hp.kind) == ("9465/UBND-KSTTHC", "2021-12-07", "cong-van")
    kg = by_source["003_8f1432702b8498b4.txt"]
    assert kg.number is None and kg.issued is None and kg.signer.name == "Nguyễn Lưu Trung"
    assert by_source["000_3554026e17e48136.txt"].signer.capacity == "TM. KT."
    assert {n.field_name for n in kg.notes} >= {"so_hieu", "ngay_ban_hanh", "co_quan_ban_hanh"}


def test_drafts_are_faithful_and_anchored(drafts, tmp_path):
    project, made = drafts
    # The guide pages link to the published Chỉ thị 33: it stays beside the drafts.
    project = shutil.copytree(project, tmp_path / "kho")
    shutil.copy(ROOT / "docs/van-ban/ct-33-ttg-2021.md", project / "docs/van-ban")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for source, doc_id in made.items():
        published = squash(page(tmp_path / "site", f"van-ban/{doc_id}/").article_text)
        wanted = source_sentences((SEEDS / source).read_text(encoding="utf-8"), [])
        missing = [s for s in wanted if squash(s) not in published]
        assert not missing, f"{source}: {missing[:3]}"
    ids = page(tmp_path / "site", f"van-ban/{made['000_3554026e17e48136.txt']}/").ids
    assert {"muc-i", "muc-ii-4-d", "muc-ii-4-dd", "muc-iii-1-b"} <= ids
