"""How the site is built: on several processes with the same result as on one, and a preview of part of it."""

import multiprocessing
import re
import subprocess
import time
from types import SimpleNamespace
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import ENV, MKDOCS, ROOT, build, copy_project, free_port, kb, serving, wait_for

GUIDE_PAGES = ["index.md", "huong-dan.md", "he-thong.md", "lich-bao-cao.md"]


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_several_processes_build_the_same_site_as_one(tmp_path):
    one, three = tmp_path / "one", tmp_path / "three"
    for out, processes in ((one, "1"), (three, "3")):
        result = build(ROOT, out, KB_PROCESSES=processes)
        assert result.returncode == 0, result.stderr
    files_one, files_three = tree(one), tree(three)
    assert sorted(files_one) == sorted(files_three)
    assert [f for f in files_one if files_one[f] != files_three[f]] == []
    assert len([f for f in files_one if f.startswith("don-vi/") and f.endswith("index.html")]) > 10


def test_a_wrong_number_of_processes_is_said(tmp_path):
    said = "KB_PROCESSES: cần một số nguyên dương (số tiến trình dựng trang và kiểm tra nội dung), đang là 'hai'."
    for result in (build(ROOT, tmp_path / "site", KB_PROCESSES="hai"), kb(ROOT, "check", env={"KB_PROCESSES": "hai"})):
        assert result.returncode != 0
        assert said in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("steps", [
    {"_populate_page": ("page", "config", "files", "dirty"), "_buoc_khong_co": ("page",)},  # a step gone
    {"_build_page": ("page", "config", "files", "nav", "env")}])  # a step whose parameters changed
def test_one_process_where_mkdocs_page_steps_are_not_as_known(monkeypatch, steps):
    import parallel
    monkeypatch.setenv("KB_PROCESSES", "4")
    assert parallel._workers() == 4
    monkeypatch.setattr(parallel, "_STEPS", steps)
    assert parallel._workers() == 1


@pytest.mark.parametrize("processes", ["2", "3"])
def test_anchor_links_are_checked_across_processes(tmp_path, processes):
    # Pages sit in different processes; each links to an anchor that the document page does not have.
    project = copy_project(tmp_path / "kho")
    for name in GUIDE_PAGES:
        page = project / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + "\n[Mục không có](van-ban/ct-33-ttg-2021.md#muc-99)\n",
                        encoding="utf-8")
    result = build(project, tmp_path / "site", KB_PROCESSES=processes)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for name in GUIDE_PAGES:
        assert f"Doc file '{name}' contains a link 'van-ban/ct-33-ttg-2021.md#muc-99'" in result.stderr


def helper(parallel, target):
    """A page helper of the main process, running target."""
    reader, writer = multiprocessing.Pipe(duplex=False)
    process = parallel._fork(target, writer)
    writer.close()
    return process, reader


def test_a_helper_that_fails_says_why_and_stops_the_build(capfd, monkeypatch):
    import parallel

    def broken(connection):
        raise OSError(28, "No space left on device", "site/van-ban/x/index.html")

    monkeypatch.setattr(parallel, "_helpers", [helper(parallel, broken)])
    monkeypatch.setattr(parallel, "_troubles", {"failed": False, "warnings": 0})
    parallel._take_anchors()
    with pytest.raises(PluginError, match="Có trang không dựng được. Xem thông báo ở trên."):
        parallel.on_post_build(SimpleNamespace(strict=True))
    assert "Không ghi được tệp site/van-ban/x/index.html: No space left on device" in capfd.readouterr().err


def test_warnings_of_a_helper_count_in_strict_mode(monkeypatch):
    import parallel

    def warned(connection):
        connection.send(({}, 2))

    for strict in (True, False):
        monkeypatch.setattr(parallel, "_helpers", [helper(parallel, warned)])
        monkeypatch.setattr(parallel, "_troubles", {"failed": False, "warnings": 0})
        parallel._take_anchors()
        if strict:
            with pytest.raises(PluginError, match="Dừng vì 2 cảnh báo trong chế độ strict."):
                parallel.on_post_build(SimpleNamespace(strict=True))
        else:
            parallel.on_post_build(SimpleNamespace(strict=False))


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.fixture(scope="module")
def preview():
    """make serve VB=kien-giang-ke-hoach-ct33-2024: the server's address."""
    port = free_port()
    server = subprocess.Popen(MKDOCS + ["serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                              env={**ENV, "KB_SCOPE": "docs/van-ban/kien-giang-ke-hoach-ct33-2024.md"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url, timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait()


def test_preview_holds_the_document_those_above_and_the_units_it_names(preview):
    for path in ("van-ban/kien-giang-ke-hoach-ct33-2024/", "van-ban/ct-33-ttg-2021/", "don-vi/ubnd-tinh-kien-giang/",
                 "don-vi/ubnd-cac-tinh-thanh-pho/", "lich-bao-cao/", "doi-chieu/ct-33-ttg-2021/"):
        assert status(preview + path) == 200, path
    with urllib.request.urlopen(preview + "van-ban/ct-33-ttg-2021/") as response:
        page = response.read().decode("utf-8")
    assert "kien-giang-ke-hoach-ct33-2024" in page
    assert "Bản xem trước một phần (<code>make serve VB=kien-giang-ke-hoach-ct33-2024</code>)" in page


def test_preview_leaves_other_documents_out(preview):
    for path in ("van-ban/hai-phong-cv-9465-2021/", "don-vi/so-noi-vu-hai-phong/"):
        assert status(preview + path) == 404, path
    # Short links are published by a build, not rewritten at every save of a preview.
    assert status(preview + "kien-giang-ke-hoach-ct33-2024/mo-dau/") == 404


def test_preview_of_an_unknown_document_says_so(tmp_path):
    result = subprocess.run(MKDOCS + ["serve", "--dev-addr", f"127.0.0.1:{free_port()}"], cwd=ROOT,
                            env={**ENV, "KB_SCOPE": "khong-co-van-ban-nay"}, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "KB_SCOPE (VB=… của make serve): không có văn bản mã 'khong-co-van-ban-nay' trong kho" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_preview_scope_is_ignored_by_a_build(tmp_path):
    result = build(ROOT, tmp_path / "site", KB_SCOPE="kien-giang-ke-hoach-ct33-2024")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/van-ban/hai-phong-cv-9465-2021/index.html").exists()
    assert "md-banner" not in (tmp_path / "site/index.html").read_text(encoding="utf-8")  # no preview banner


def test_preview_part_of_the_model(model):
    from kb.model import scoped
    assert set(scoped(model, ["ct-33-ttg-2021"]).pages) == set(model.pages)  # everything is below the directive
    part = scoped(model, ["kon-tum-so-y-te-ke-hoach-ct33"])
    assert set(part.pages) == {"ct-33-ttg-2021", "kon-tum-so-y-te-ke-hoach-ct33"}
    assert "cv-1260-ubnd-nc-kon-tum-2023" in part.cited  # the plan it implements, not held
    assert "so-y-te-kon-tum" in part.units and "so-noi-vu-hai-phong" not in part.units
    assert all(a.page.doc.id in part.pages for items in part.assignments.values() for a in items)
    # A collective the directive names is in, not each of its members: only those the part names itself.
    assert "ubnd-cac-tinh-thanh-pho" in part.units and "ubnd-tinh-kien-giang" not in part.units
    assert "ubnd-tinh-kien-giang" in model.members["ubnd-cac-tinh-thanh-pho"] and set(part.assignments) <= set(part.units)
    with pytest.raises(LookupError, match="'khong-co'"):
        scoped(model, ["khong-co"])


def test_preview_of_a_broken_document_serves_and_shows_its_error(tmp_path):
    project = copy_project(tmp_path)
    doc = project / "docs/van-ban/hai-phong-cv-9465-2021.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("loai: cong-van", "loai: cong-vn"), encoding="utf-8")
    with serving(project, "hai-phong-cv-9465-2021") as served:
        body = wait_for(served.url + "van-ban/hai-phong-cv-9465-2021/", "Tệp có lỗi")
        assert "nhận được &#39;cong-vn&#39;" in body or "nhận được 'cong-vn'" in body
    assert "docs/van-ban/hai-phong-cv-9465-2021.md:4: trường 'loai'" in served.output
    assert "không có văn bản mã" not in served.output and "Traceback" not in served.output


def test_saving_a_registry_rebuilds_the_preview(tmp_path):
    project = copy_project(tmp_path)
    units = project / "data/don-vi.yml"
    with serving(project, "hai-phong-cv-9465-2021") as served:
        url = served.url + "don-vi/so-noi-vu-hai-phong/"
        wait_for(url, "Sở Nội vụ")
        units.write_text(units.read_text(encoding="utf-8").replace("ten: Sở Nội vụ thành phố Hải Phòng",
                                                                   "ten: Sở Nội vụ thành phố Hải Phòng (tên mới)"), encoding="utf-8")
        wait_for(url, "(tên mới)")


def test_make_serve_takes_a_port_and_a_preview():
    result = subprocess.run(["make", "-n", "serve", "PORT=8123", "VB=ct-33-ttg-2021"], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert 'KB_SCOPE="ct-33-ttg-2021"' in result.stdout and "--dev-addr 127.0.0.1:8123" in result.stdout


def test_a_build_says_nothing_about_pages_reached_outside_the_navigation(site_build):
    said = site_build[1].stderr
    assert "INFO" in said and "not included in the nav" not in said and "WARNING" not in said


def test_a_template_compiled_for_one_build_is_compiled_again_once_it_changes():
    # Each preview reload makes a new Jinja environment; they share the compiled templates (hooks/build.py).
    import jinja2
    from build import _Compiled
    sources, compiled, cache = {"page.html": "{{ 1 + 1 }} un"}, [], _Compiled()

    def render():
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache)
        env.compile = lambda *args, **kwargs: compiled.append(args[0]) or jinja2.Environment.compile(env, *args, **kwargs)
        return env.get_template("page.html").render()

    assert render() == "2 un" and render() == "2 un" and len(compiled) == 1  # the second build reads the kept code
    sources["page.html"] = "{{ 2 + 2 }} deux"
    assert render() == "4 deux" and len(compiled) == 2


def test_pages_carry_no_indentation_from_the_theme(site):
    # Material indents its templates' lines up to 26 spaces deep; the build cuts each indentation to one space
    # (hooks/build.py), so only a template included on an indented line adds a few.
    page = (site / "van-ban/ct-33-ttg-2021/index.html").read_text(encoding="utf-8")
    assert 'class="md-nav__link"' in page and not re.search(r"\n {4,}", _outside_kept_whitespace(page))


def test_the_theme_shows_no_whitespace_the_cut_could_change():
    # Cutting a run of spaces to one changes nothing a browser shows, except in an element that keeps them.
    import material
    themes = [Path(material.__file__).parent / "templates", ROOT / "overrides"]
    templates = [t for folder in themes for t in folder.rglob("*.html")]
    assert len(templates) > 50
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert "white-space" not in text, template
        for kept in re.finditer(r"<(pre|code|textarea|kbd|xmp|plaintext|listing)\b.*?</\1", text, flags=re.S):
            assert "\n" not in kept.group(), f"{template}: {kept.group()}"


def test_the_indentation_cut_keeps_a_space_wherever_there_was_one():
    import jinja2
    from build import _Unindented
    # The last line's spaces are all that parts the icon from its word once the block's newline is trimmed.
    source = "<p>\n  {% if x %}\n    <b>a</b>\n  {% endif %}\n    b\n</p>\n<nav>\n\t\t<a>c</a>\n</nav><i></i>{% if x %}\n  top{% endif %}"
    plain = jinja2.Environment(trim_blocks=True, lstrip_blocks=True).from_string(source).render(x=True)
    cut = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, extensions=[_Unindented]).from_string(source).render(x=True)
    assert len(cut) < len(plain) and re.sub(r"\s+", " ", cut) == re.sub(r"\s+", " ", plain)


# A page without its pre, code and textarea elements, where spaces are shown as written.
def _outside_kept_whitespace(page: str) -> str:
    return re.sub(r"<(pre|code|textarea)\b.*?</\1>", "", page, flags=re.S)
