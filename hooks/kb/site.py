"""The model of the current build, shared by the MkDocs hooks and the macros module, and where its pages go."""

import os
from pathlib import Path

from . import checks, derived, exports, originals, search
from .model import Model, load, scoped
from .pages import calendar, shortlinks
from .pages.common import Output
from .sources import Problem

_current: tuple[Model, list[Problem]] | None = None
_outputs: dict[str, Output] = {}


def build(root: Path, scope: list[str] | None = None, processes: int = 1) -> tuple[Model, list[Problem]]:
    """Load and check the content once per build; with a scope (document ids), publish only that part.
    processes: how many the checks may share."""
    global _current
    _outputs.clear()
    model = load(root)
    problems = checks.run(model, processes=processes)
    _current = (scoped(model, scope) if scope else model), problems
    if not problems:  # derived from a model that passed its checks; before the page helpers fork: they share it
        derived.of(_current[0])
    return _current


def current() -> tuple[Model, list[Problem]]:
    if _current is None:
        raise RuntimeError("the model is loaded by the build hook's on_config")
    return _current


def output(url: str, directory_urls: bool) -> Output:
    """The Output of the page published at url (relative to the site root), for this build."""
    if url not in _outputs:
        _outputs[url] = Output(url, directory_urls)
    return _outputs[url]


def restore(url: str, page_html: str, site_dir: str, site_url: str) -> str:
    """The converted page with its kept HTML put back; the downloads of its tables written beside it."""
    out = _outputs.pop(url, None)
    if out is None:
        return page_html
    _write(site_dir, exports.table_files(out, site_url) | {out.path(file): rows for file, rows in out.later.items()}, set())
    return out.restore(page_html)


def write_static(model: Model, site_dir: str, site_url: str, directory_urls: bool, short_links: bool = True) -> None:
    """Files that are not pages: short links (unless told not to), calendar feeds, the search index,
    the model as data."""
    made: set[str] = set()  # tens of thousands of files in a few thousand folders: create each folder once
    for files in _static(model, site_url, directory_urls, short_links):
        _write(site_dir, files, made)


# Files (path in the site → text or bytes) written, their folders created unless already made.
def _write(site_dir: str, files: dict, made: set[str]) -> None:
    for path, content in files.items():
        target = os.path.join(site_dir, path)
        if (folder := os.path.dirname(target)) not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(target, "wb") as out:
            out.write(content if isinstance(content, bytes) else content.encode("utf-8"))


# Path → content of each kind of static file, one kind at a time (they are large at thousands of documents).
def _static(model: Model, site_url: str, directory_urls: bool, short_links: bool):
    if short_links:
        yield shortlinks.files(model, directory_urls)
    yield calendar.feeds(model, site_url)
    yield search.files(model, directory_urls)
    yield exports.model_files(model, site_url)
    if model.root:
        yield originals.files(model.root, (p.doc.original for p in model.pages.values()))
