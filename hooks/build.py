"""MkDocs glue: load the model once per build, add generated pages, render document pages.

Everything about the content lives in the kb package; this file only connects it to MkDocs.
"""

import os
import re
import sys
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.ext import Extension
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kb import addresses as at, checks, cores, markup, site
from kb.links import page_redirects
from kb.pages import cited, crosswalk, document, navigation, units

_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    scope = _scope()
    try:
        # A preview server checks again at every save, what changed only (checks.py): in this process.
        processes = 1 if _command == "serve" else cores.processes()
    except ValueError as err:
        raise PluginError(str(err)) from None
    try:
        model, problems = site.build(Path(config.config_file_path).parent, scope, processes)
    except LookupError as err:
        raise PluginError(f"KB_SCOPE (VB=… của make serve): {err.args[0]}") from None
    config.extra["kb_preview"] = ",".join(scope or [])  # the banner of a partial preview (overrides/main.html)
    if problems and _command != "serve":
        raise PluginError(_report(problems))
    if problems:
        # Said outside MkDocs' logger, which would count them and stop the server in strict mode.
        print(_report(problems), file=sys.stderr)
    config.nav = navigation.site(model)
    # Redirects are declared once, in data/chuyen-huong.yml; mkdocs-redirects writes those of whole pages (the
    # pages' script follows moved anchors).
    config.plugins["redirects"].config["redirect_maps"] = {
        at.source(old): at.source(new) for old, new in page_redirects(model.redirects).items()}
    # No script from another host: the offline plugin's worker shim comes from a CDN; assets/tep.js stands in.
    config.extra["polyfills"] = [url for url in config.extra.get("polyfills", []) if "//" not in url]
    return config


@event_priority(50)  # before mkdocs-redirects lists the pages a redirect may lead to: generated pages too
def on_files(files, config):
    model, problems = site.current()
    broken = {p.path.removeprefix("docs/") for p in problems}
    for path in broken:
        # While serving, a file with errors shows them instead of failing the build.
        if (old := files.get_file_from_path(path)) is not None:
            files.remove(old)
            files.append(File.generated(config, path, content=_error_page(path, problems)))
    # A preview of part of the content (KB_SCOPE) leaves the other documents out.
    held = {page.path.removeprefix("docs/") for page in model.pages.values()} | broken
    for file in [f for f in files.documentation_pages() if f.src_uri.startswith(at.DOCUMENTS + "/") and f.src_uri not in held]:
        files.remove(file)
    # Unit, cited-document and crosswalk pages are written when MkDocs reads them (on_page_markdown).
    for folder, (records, _) in _generated(model).items():
        for i in records() if folder != at.DOCUMENTS else ():
            files.append(File.generated(config, f"{folder}/{i}.md", content=""))
    return files


def on_page_read_source(page, config):
    # A document page is rendered from the model (on_page_markdown), which has read its front matter: MkDocs
    # would parse that YAML again, in pure Python. Other pages, and a broken file's error page, are read as usual.
    model, _ = site.current()
    folder, name = at.owner(page.file.src_uri.removesuffix(".md"))
    held = model.pages.get(name) if folder == at.DOCUMENTS and model.root else None
    return "" if held and page.file.abs_src_path == str(model.root / held.path) else None


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("template") == "trong.html":  # a page another process builds (parallel.py)
        return markdown
    model, problems = site.current()
    page.meta["search"] = {"exclude": True}  # Material's index stays empty: tim-kiem.js reads search/kb/
    folder, _, name = page.file.src_uri.removesuffix(".md").partition("/")
    out = site.output(page.url, config.use_directory_urls)
    records, render = _generated(model).get(folder, (dict, None))
    if name in (found := records()):
        markdown = render(model, found[name], out)
    if problems and page.file.src_uri == "index.md":
        markdown = _error_banner(problems) + markdown
    return markdown


def on_page_content(html, page, config, files):
    # What came from Markdown files is cleaned to the allow-list; the generated HTML is put back after.
    return site.restore(page.url, markup.clean(html), config.site_dir, config.site_url or "")


def on_env(env, config, files):
    # Material's templates indent every tag of the navigation: without that whitespace a page is a third smaller.
    env.trim_blocks = env.lstrip_blocks = True
    env.add_extension(_Unindented)
    env.bytecode_cache = _COMPILED
    return env


class _Unindented(Extension):
    """The theme's templates with the indentation of each line cut to one space, once, when a template is
    compiled: every page is smaller, at no cost per page. A browser shows a run of spaces as one, and no element
    of the templates that keeps them (pre, code, textarea) spans lines; one space stays, for where the newline
    before it is trimmed (trim_blocks). Markdown, where indentation means something, is not a template here."""

    def preprocess(self, source, name, filename=None):
        return _INDENT.sub(" ", source)


_INDENT = re.compile(r"(?m)^[ \t]+")


class _Compiled(BytecodeCache):
    """Templates compiled once per process: each preview reload (mkdocs serve) makes a new environment, which
    compiled Material's templates again. Jinja checks each template's source against the one compiled."""

    def __init__(self):
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket):
        self.kept[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


# Pages rendered from the model: folder → (its records by id, when asked for; renderer).
def _generated(model) -> dict:
    return {at.DOCUMENTS: (lambda: model.pages, document.render), at.UNITS: (lambda: model.units, units.render),
            at.CITED: (lambda: model.cited, cited.render), at.CROSSWALKS: (lambda: crosswalk.subjects(model), crosswalk.render)}


# The documents to preview while serving (KB_SCOPE: ids or paths of document files), or None for all.
def _scope() -> list[str] | None:
    wanted = os.environ.get("KB_SCOPE", "").replace(",", " ").split() if _command == "serve" else []
    return [Path(w).stem if w.endswith(".md") else w for w in wanted] or None


# The message for editors: one line per problem, sorted by file.
def _report(problems) -> str:
    return f"Nội dung có {checks.errors(problems)} lỗi, cần sửa trước khi xuất bản:\n" + "\n".join(map(str, problems))


# A page that replaces a broken document while serving.
def _error_page(path, problems) -> str:
    lines = "\n".join(f"    {p}" for p in problems if p.path.endswith(path))
    return f'# Tệp có lỗi\n\n!!! failure "{path}"\n\n{lines}\n'


# Shown on the home page while serving with errors.
def _error_banner(problems) -> str:
    lines = "\n".join(f"    - `{p}`" for p in problems)
    return f'!!! failure "Nội dung có {checks.errors(problems)} lỗi"\n\n{lines}\n\n'
