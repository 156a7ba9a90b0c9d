"""Shared fixtures: the site is built once per test session, from the repository as it is."""

import contextlib
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORIGINALS = ROOT / "nguon"  # the files the base was built from, as received
MKDOCS = [sys.executable, "-m", "mkdocs"]
TODAY = "2026-11-23"  # builds are dated, so that "the coming 12 months" is the same on every run
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_TODAY": TODAY}
SITE_URL = ENV.get("SITE_URL", "http://127.0.0.1:8000/")  # where the built site says it lives (mkdocs.yml)


def build(root: Path, out: Path, today: str = TODAY, config: str = "mkdocs.yml", **env: str) -> subprocess.CompletedProcess:
    """mkdocs build --strict of a project folder into out, as built on the given day (env: more variables);
    config: mkdocs-offline.yml for the copy opened from files.

    Not --quiet: it silences warnings, and strict mode stops only on warnings that are said.
    """
    return subprocess.run(MKDOCS + ["build", "--strict", "-f", config, "-d", str(out)], cwd=root, env={**ENV, "KB_TODAY": today, **env},
                          capture_output=True, text=True, timeout=600)


def kb(project: Path, *args: str, timeout: int = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    """The editors' command line (python -m kb) on a project folder; env: variables changed for it."""
    return subprocess.run([sys.executable, "-m", "kb", "--root", str(project), *args], capture_output=True, text=True,
                          env={**ENV, "PYTHONPATH": str(ROOT / "hooks"), **(env or {})}, timeout=timeout)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The repository's site, built once per test session, and what the build said."""
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    return site_build[0]


@pytest.fixture(scope="session")
def model():
    from kb.model import load
    return load(ROOT)


def copy_project(dest: Path) -> Path:
    """A scratch copy of what a build reads, to break on purpose."""
    # The manifest of published links is left out: tests that need it copy it themselves.
    for name in ("docs", "data", "hooks", "schemas", "overrides", "nguon"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "lien-ket.txt"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def commit(project: Path, message: str = "trước khi sửa") -> None:
    """Commit what a project folder holds, making it a git repository first if it is not one."""
    if not (project / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True, capture_output=True)
    for args in (["add", "-A"], ["-c", "user.name=kho", "-c", "user.email=kho@localhost", "commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


class _Text(HTMLParser):
    """Visible text (whole page and <article> only), ids and links of an HTML page."""

    def __init__(self):
        super().__init__()
        self.parts, self.article, self.ids, self.links = [], [], set(), []
        self._skipping: list[str] = []  # open elements whose text is not content
        self._in_article = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        # Scripts, styles and the permalink signs after headings are not text of the document.
        if self._skipping or tag in ("script", "style") or "headerlink" in (attrs.get("class") or ""):
            self._skipping.append(tag)
        self._in_article += tag == "article"

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
        self._in_article -= tag == "article"

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)
            if self._in_article:
                self.article.append(data)


def parse(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.text = " ".join(parser.parts)
    parser.article_text = " ".join(parser.article)
    return parser


def page(site: Path, url: str) -> _Text:
    """Parsed page at a site URL such as 'van-ban/ct-33-ttg-2021/'."""
    return parse(site / url / "index.html" if not url.endswith(".html") else site / url)


def full_text(site: Path, doc_id: str) -> str:
    """The published full text of a document: what follows its 'Toàn văn' heading."""
    return page(site, f"van-ban/{doc_id}/").article_text.rsplit("Toàn văn", 1)[1]


class _Tables(HTMLParser):
    """Tables of a page: rows of cells, each cell (text, [hrefs])."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[tuple[str, list[str]]]]] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = ([], [])
        elif tag == "a" and self._cell is not None:
            self._cell[1].append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append((" ".join("".join(self._cell[0]).split()), self._cell[1]))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0].append(data)


def tables(site: Path, url: str) -> list:
    parser = _Tables()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser.tables


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-quic", "--no-first-run", "--disable-sync"]


@contextlib.contextmanager
def serve(site: Path):
    """A built site served on loopback, as a static host would: its address."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            # Like a static host: a missing page gets the site's own 404 page.
            if code != 404:
                return super().send_error(code, message, explain)
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Host(http.server.ThreadingHTTPServer):
        request_queue_size = 128  # a browser's burst of requests waits, as a static host's would, not refused

    httpd = Host(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(project: Path, scope: str = ""):
    """mkdocs serve of a project folder (KB_SCOPE: a preview): its address; what it printed is in .output after."""
    from types import SimpleNamespace
    port = free_port()
    server = subprocess.Popen(MKDOCS + ["serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              env={**ENV, "KB_SCOPE": scope}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = SimpleNamespace(url=f"http://127.0.0.1:{port}/", output="")
    try:
        yield served
    finally:
        server.terminate()
        served.output = server.communicate(timeout=60)[0]


def get(url: str) -> str:
    import urllib.request
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 120) -> str:
    """The page at url once it holds text (a server starting, a rebuild after a save)."""
    import time
    end = time.time() + seconds
    while time.time() < end:
        try:
            if text in (body := get(url)):
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"'{text}' không xuất hiện ở {url}")


@pytest.fixture(scope="session")
def server(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as launched:
        yield launched


@contextlib.contextmanager
def chromium():
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                     headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def results(tab, query: str) -> tuple[list[str], float]:
    """What Material's search panel lists for a query typed in it, as site addresses in order, once each, and
    the milliseconds from the last keystroke to the list."""
    box = tab.locator("input.md-search__input")
    if not box.is_visible():
        tab.keyboard.press("/")
    box.fill("")
    box.press("End")
    # Typed only once the index is ready: the panel then says its placeholder, with nothing listed.
    config = tab.evaluate("JSON.parse(document.getElementById('__config').textContent)")
    said = config["translations"]
    tab.wait_for_function("""idle => !document.querySelector('.md-search-result__list').children.length &&
        document.querySelector('.md-search-result__meta').textContent.trim() === idle""", arg=said["search.result.placeholder"])
    box.fill(query)  # no keyup yet: Material searches when a key is let go, as when typing
    started = tab.evaluate("performance.now()")
    box.press("End")
    # The answer: a list, or the panel saying that nothing was found.
    tab.wait_for_function("""none => document.querySelector('.md-search-result__list').children.length ||
        document.querySelector('.md-search-result__meta').textContent.trim() === none""", arg=said["search.result.none"])
    out = []
    root = urlsplit(tab.evaluate("base => new URL(base, location.href).href", config["base"])).path
    for href in tab.eval_on_selector_all(".md-search-result a", "els => els.map(e => e.href)"):
        parts = urlsplit(href)
        path = parts.path.removeprefix(root.rstrip("/") + "/")  # from the site's root, online or from files
        address = re.sub(r"\.html$", "/", path.removesuffix("index.html")) + (f"#{parts.fragment}" if parts.fragment else "")
        if address not in out:
            out.append(address)
    return out, tab.evaluate("performance.now()") - started
