"""The floor of a build: plain Material reading our Markdown and publishing the very pages and files our build
made, with nothing computed.

make() builds ours once with this module as a last hook, which keeps each page's content as our hooks left it
(KB_FLOOR set). Then it lays out a project for plain Material: our docs/ as they are (Material reads and converts
them, as plain Material does), a short stub for each page our build generated without a file, every page's
content replaced by the one kept (on_page_content), and every other file our build wrote written after the
build, each folder created once, as our build writes them (on_post_build). Same navigation, theme and Markdown
extensions as the plain configuration; pages kept out of Material's search index, as ours are. What our build
costs above the floor is the base's own work: load, checks, pages from the model, search index, downloads. The
floor's pages keep the theme's indentation (ours cut it): its bytes are not a floor.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

_THEME = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "sitemap.xml", "404.html",
          "search/search_index.json")  # what plain Material writes itself
_STUB = "nội dung\n"


def make(project: Path, plain: Path, ours: list[str], env: dict) -> Path:
    """The floor project beside plain's configuration (ours: the hooks of our configuration); its configuration."""
    floor = project / "floor"
    shutil.rmtree(floor, ignore_errors=True)
    source = project / "mkdocs-floor-source.yml"
    source.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "hooks": [*ours, __file__]}), encoding="utf-8")
    site = project / "site-floor-source"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(source), "-d", str(site)], cwd=project,
                   env={**env, "KB_FLOOR": str(floor), "KB_PROCESSES": "1"}, check=True)
    pages = set((floor / "pages.txt").read_text(encoding="utf-8").split())
    for path in _files(site) - pages:
        if not path.startswith(_THEME):
            _put(floor / "files" / path, (site / path).read_bytes())
    shutil.copytree(project / "docs", floor / "docs", dirs_exist_ok=True)  # beside the stubs of generated pages
    config = yaml.safe_load(plain.read_text(encoding="utf-8")) | {"docs_dir": "docs", "hooks": [__file__]}
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return floor / "mkdocs.yml"


def differs(ours: Path, floor: Path) -> list[str]:
    """Files one site has and the other has not."""
    return sorted(_files(ours) ^ _files(floor))


def on_page_markdown(markdown, page, config, files):
    page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html, page, config, files):
    if kept := os.environ.get("KB_FLOOR"):  # our build: keep the content, and where the page goes
        _put(Path(kept) / "content" / page.file.src_uri, html.encode("utf-8"))
        if not (Path(config.docs_dir) / page.file.src_uri).exists():  # a page generated without a file
            _put(Path(kept) / "docs" / page.file.src_uri, _STUB.encode("utf-8"))
        with open(Path(kept) / "pages.txt", "a", encoding="utf-8") as out:
            out.write(page.file.dest_uri + "\n")
        return html
    return (Path(config.config_file_path).parent / "content" / page.file.src_uri).read_text(encoding="utf-8")


def on_post_build(config):
    if os.environ.get("KB_FLOOR"):
        return
    # Contents only, as our build writes them: no times or modes copied.
    shutil.copytree(Path(config.config_file_path).parent / "files", config.site_dir, dirs_exist_ok=True,
                    copy_function=shutil.copyfile)


# Paths of a site's files.
def _files(site: Path) -> set[str]:
    return {f.relative_to(site).as_posix() for f in site.rglob("*") if f.is_file()}


# A file written, its folder made if need be.
def _put(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
