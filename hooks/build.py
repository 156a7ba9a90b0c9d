"""MkDocs glue: load the model once per build, add generated pages, render document pages.

Everything about the content lives in the kb package; this file only connects it to MkDocs.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from kb import search, site
from kb.pages import calendar, cited, document, navigation, shortlinks, units

_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    model, problems = site.build(Path(config.config_file_path).parent)
    if problems and _command != "serve":
        raise PluginError(_report(problems))
    if problems:
        # Said outside MkDocs' logger, which would count them and stop the server in strict mode.
        print(_report(problems), file=sys.stderr)
    config.nav = navigation.site(model)
    # Redirects are declared once, in data/chuyen-huong.yml; mkdocs-redirects writes them.
    config.plugins["redirects"].config["redirect_maps"] = {
        _source(old): _source(new) for old, new in model.redirects.items()}
    return config


def on_files(files, config):
    model, problems = site.current()
    broken = {p.path.removeprefix("docs/") for p in problems}
    for path in broken:
        # While serving, a file with errors shows them instead of failing the build.
        if (old := files.get_file_from_path(path)) is not None:
            files.remove(old)
            files.append(File.generated(config, path, content=_error_page(path, problems)))
    for unit in model.units.values():
        files.append(File.generated(config, f"don-vi/{unit.id}.md", content=units.render(model, unit)))
    for doc in model.cited.values():
        files.append(File.generated(config, f"van-ban-trich-dan/{doc.id}.md", content=cited.render(model, doc)))
    site_url = config.site_url or ""
    cache = Path(config.config_file_path).parent / ".cache/qr"  # QR codes are slow to make: keep them between builds
    static = (shortlinks.files(model, config.use_directory_urls) | shortlinks.qr_files(model, site_url, cache)
              | calendar.feeds(model, site_url) | search.files(model))
    for path, content in static.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    model, problems = site.current()
    page.meta["search"] = {"exclude": True}  # Material's index stays empty: tim-kiem.js reads search/kb/
    doc_id = page.file.src_uri.removeprefix("van-ban/").removesuffix(".md")
    if page.file.src_uri.startswith("van-ban/") and doc_id in model.pages:
        markdown = document.render(model, model.pages[doc_id])
    if problems and page.file.src_uri == "index.md":
        markdown = _error_banner(problems) + markdown
    return markdown


# An address of the site ('van-ban/x/#muc-1') as the Markdown source mkdocs-redirects expects.
def _source(url: str) -> str:
    path, _, anchor = url.partition("#")
    return (path.rstrip("/") or "index") + ".md" + (f"#{anchor}" if anchor else "")


# The message for editors: one line per problem, sorted by file.
def _report(problems) -> str:
    return f"Nội dung có {len(problems)} lỗi, cần sửa trước khi xuất bản:\n" + "\n".join(map(str, problems))


# A page that replaces a broken document while serving.
def _error_page(path, problems) -> str:
    lines = "\n".join(f"    {p}" for p in problems if p.path.endswith(path))
    return f'# Tệp có lỗi\n\n!!! failure "{path}"\n\n{lines}\n'


# Shown on the home page while serving with errors.
def _error_banner(problems) -> str:
    lines = "\n".join(f"    - `{p}`" for p in problems)
    return f'!!! failure "Nội dung có {len(problems)} lỗi"\n\n{lines}\n\n'
