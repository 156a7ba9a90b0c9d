"""Repository files editors and CI rely on: workflows, templates, schemas, README commands."""

import subprocess
import sys
from pathlib import Path

import json
import yaml

from conftest import ROOT
from kb.cli import SCHEMAS

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def test_workflows_are_valid_github_actions():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(WORKFLOWS) == 2


def test_issue_templates_are_valid():
    forms = [p for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"]
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-issue-forms",
                             *map(str, forms)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pr_workflow_checks_summarises_previews_and_tests():
    jobs = yaml.safe_load((ROOT / ".github/workflows/kiem-tra.yml").read_text())["jobs"]
    content, tests = jobs["noi-dung"], jobs["kiem-thu"]
    commands = " ".join(s.get("run", "") for s in content["steps"])
    assert "make check" in commands and "make build" in commands and "GITHUB_STEP_SUMMARY" in commands and "make -s diff" in commands
    upload = next(s for s in content["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site"
    assert "make test" in " ".join(s.get("run", "") for s in tests["steps"])
    # Content-only pull requests (docs/, data/, nguon/) get their check without the whole suite.
    assert tests["if"] == "needs.noi-dung.outputs.ma == 'co'" and "^(docs|data|nguon)/" in commands


def test_workflows_are_safe_to_run_on_pull_requests_from_strangers():
    result = subprocess.run([str(Path(sys.executable).parent / "zizmor"), "--offline", str(ROOT / ".github/workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "No findings" in result.stdout + result.stderr, result.stdout + result.stderr
    for workflow in WORKFLOWS:
        assert yaml.safe_load(workflow.read_text())["permissions"] == {}  # each job asks for what it needs
    pull_requests = yaml.safe_load((ROOT / ".github/workflows/kiem-tra.yml").read_text())["jobs"]
    assert all(job["permissions"] == {"contents": "read"} for job in pull_requests.values())  # no write token on PR code


def test_deploy_uses_official_pages_actions_with_history():
    jobs = yaml.safe_load((ROOT / ".github/workflows/xuat-ban.yml").read_text())["jobs"]
    uses = [s.get("uses", "") for job in jobs.values() for s in job["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    checkout = next(s for s in jobs["dung-trang"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_committed_schemas_match_the_model():
    from pydantic import TypeAdapter
    for name, kind in SCHEMAS.items():
        committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == TypeAdapter(kind).json_schema(by_alias=True), f"schemas/{name}: chạy 'make schema'"


def checked(tmp_path, template: str, doc_id: str):
    """The model of the content with a template copied in as a document, which must pass the check."""
    from conftest import copy_project
    from kb.checks import run
    from kb.model import load
    project = copy_project(tmp_path)
    (project / f"docs/van-ban/{doc_id}.md").write_text((ROOT / "templates" / template).read_text(encoding="utf-8"), encoding="utf-8")
    model = load(project)
    assert run(model) == []
    return model


def test_template_passes_the_check(tmp_path):
    model = checked(tmp_path, "van-ban-mau.md", "ke-hoach-mau-2022")
    assert "ke-hoach-mau-2022" in [p.doc.id for p in model.children["ct-33-ttg-2021"]]


def test_report_template_passes_the_check_and_is_followed(tmp_path):
    from kb import derived, tracking
    model = checked(tmp_path, "bao-cao-mau.md", "bao-cao-mau-so-noi-vu-ha-tinh-2025")
    filed = [d for d in derived.of(model).reports if d.report is not None]
    assert [(d.unit, d.period, d.status) for d in filed] == [("so-noi-vu-ha-tinh", "2025", tracking.ON_TIME)]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in readme and "make serve" in readme
    assert "\nmake test\n" in ci
