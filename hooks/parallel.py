"""MkDocs glue for large builds: every core renders pages.

`mkdocs build` runs in one thread, so it can fork. Once the navigation is known, helper processes take
a share of the pages each and put them through MkDocs' own steps (read, convert, render, write), and one
more writes the files that are not pages (short links, QR codes, feeds, search index). This process walks
past the helpers' pages without converting or writing them. Before MkDocs checks links to anchors, it
takes in the anchors the helpers found, so the check covers every page as in a one-process build.

`mkdocs serve` runs threads and a dirty build rebuilds only changed pages: both stay in one process,
as does any build with KB_PROCESSES=1. Serving also leaves out the short links: one redirect file per
numbered part (17,000 at 1,000 documents) to write, and to delete again, at every save.

Why forking, not N separate builds each rendering its share through public events only: each build would
load and check the whole model and navigation again (a quarter of a one-process build at 1,000 documents),
and a page's links to anchors in another build's pages could not be checked. Forking shares that work. The
price is two internal MkDocs functions, `_populate_page` and `_build_page`: they are called with MkDocs' own
arguments, only while their parameters are the ones known here (else the build runs in one process), and
tests/test_build.py checks that one and several processes write byte-identical sites.
"""

import gc
import inspect
import logging
import multiprocessing
import os
import sys

from mkdocs.commands import build as steps
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from kb import cores, site

# MkDocs' own steps for one page, called for the helpers' pages, with the parameters this module passes.
_STEPS = {"_populate_page": ("page", "config", "files", "dirty"),
          "_build_page": ("page", "config", "doc_files", "nav", "env", "dirty", "excluded")}
EMPTY = "trong.html"  # overrides/trong.html renders nothing: MkDocs writes no file for a helper's page

_serving = _serial = False  # serving; serving or a dirty build
_files = None  # this build's files, to find the pages the helpers report on
_last = None  # the page MkDocs builds last, after which it checks the anchors
_helpers: list = []  # (process, connection) of each page helper
_writer = None  # the process writing the files that are not pages
_troubles = {"failed": False, "warnings": 0}  # from the page helpers, said when the build ends


class Elsewhere(Page):
    """A page a helper process builds: here it is neither read, converted nor written."""

    def read_source(self, config):
        self.markdown, self.meta = "", {"template": EMPTY, "search": {"exclude": True}}

    def render(self, config, files):
        self.content = ""


def on_startup(command, dirty):
    global _serving, _serial
    _serving = command == "serve"
    _serial = _serving or dirty


def on_nav(nav, config, files):
    global _files, _last, _writer
    static = (site.current()[0], config.site_dir, config.site_url or "", config.use_directory_urls)
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)  # as `mkdocs build` takes them
    workers = min(_workers(), len(pages))
    if workers <= 1:
        site.write_static(*static, short_links=not _serving)
        return nav
    gc.freeze()  # shared with the helpers: left alone by the collector, these objects are not copied on its visits
    _writer = _fork(site.write_static, *static)
    _files, _last = files, pages[-1]
    for k in range(1, workers):
        reader, writer = multiprocessing.Pipe(duplex=False)
        _helpers.append((_fork(_render, pages[k::workers], config, nav, files, writer), reader))
        writer.close()
    for k, file in enumerate(pages):
        if k % workers:
            Elsewhere(None, file, config)
    logging.getLogger("mkdocs.commands.build").addFilter(_not_skipped)
    return nav


def on_post_page(output, page, config):
    if page.file is _last and _helpers:
        _take_anchors()
    return output


def on_post_build(config):
    global _writer
    said = []
    if _writer is not None:
        _writer.join()
        if _writer.exitcode:
            said.append("Không ghi được các tệp liên kết ngắn, mã QR, lịch và chỉ mục tìm kiếm.")
        _writer = None
    if _troubles["failed"]:
        said.append("Có trang không dựng được.")
    if _troubles["warnings"] and config.strict:
        said.append(f"Dừng vì {_troubles['warnings']} cảnh báo trong chế độ strict.")
    if said:
        raise PluginError(" ".join(said) + " Xem thông báo ở trên.")


# Processes for the pages: KB_PROCESSES, or one per core available; one while serving, or where fork or
# MkDocs' page steps (internal functions) are not there as known.
def _workers() -> int:
    if _serial or "fork" not in multiprocessing.get_all_start_methods() or not _steps_known():
        return 1
    try:
        return cores.processes()
    except ValueError as err:
        raise PluginError(str(err)) from None


# MkDocs' page steps are there and take, first, the parameters this module passes them.
def _steps_known() -> bool:
    for name, wanted in _STEPS.items():
        step = getattr(steps, name, None)
        if not callable(step) or tuple(inspect.signature(step).parameters)[:len(wanted)] != wanted:
            return False
    return True


# A forked process running target; daemonic, so that a build that stops early does not wait for it.
def _fork(target, *args):
    process = multiprocessing.get_context("fork").Process(target=_run, args=(target, *args), daemon=True)
    process.start()
    return process


# In a forked process: run, say in Vietnamese what failed, exit at once (the model needs no teardown).
def _run(target, *args) -> None:
    code = 0
    try:
        target(*args)
    except OSError as err:
        print(f"Không ghi được tệp {err.filename}: {err.strerror}", file=sys.stderr)
        code = 1
    except Exception as err:  # MkDocs has logged which page; this says where it happened
        print(f"Tiến trình dựng trang phụ dừng vì lỗi: {err}", file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# A helper's share: MkDocs' own steps, in its order; then the anchors each page holds and links to, and
# how many warnings were said (this process's strict mode counts only its own).
def _render(share, config, nav, files, connection) -> None:
    _helpers.clear()  # the helpers forked before this one belong to the main process
    warnings = CountHandler(level=logging.WARNING)
    logging.getLogger("mkdocs").addHandler(warnings)
    pages = [file.page or Page(None, file, config) for file in share]
    for page in pages:
        steps._populate_page(page, config, files, dirty=False)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    everything = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for page in pages:
        steps._build_page(page, config, everything, nav, env, dirty=False, excluded=page.file.inclusion.is_excluded())
    connection.send(({page.file.src_uri: (page.present_anchor_ids, _links(page)) for page in pages},
                     sum(count for _, count in warnings.get_counts())))


# A page's links to anchors in other pages, by source path (File objects stay in their process).
def _links(page) -> dict:
    return {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()}


# Wait for the page helpers and give their pages' anchors to this process's copies, for MkDocs' check.
def _take_anchors() -> None:
    for process, connection in _helpers:
        try:
            found, warnings = connection.recv()
        except EOFError:  # the helper stopped before the end of its share
            found, warnings = {}, 0
            _troubles["failed"] = True
        process.join()
        _troubles["failed"] |= bool(process.exitcode)
        _troubles["warnings"] += warnings
        for uri, (present, links) in found.items():
            page = _files.src_uris[uri].page
            page.present_anchor_ids = present
            page.links_to_anchors = {_files.src_uris[target]: anchors for target, anchors in links.items()}
    _helpers.clear()


# MkDocs says "Page skipped" for every page a helper builds: not news.
def _not_skipped(record) -> bool:
    return not record.getMessage().startswith("Page skipped")
