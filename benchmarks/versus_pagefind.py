"""Our search against Pagefind, a maintained engine (BM25, split by heading), on the same built site and the same
query sets (tests/search-eval/): the answer in the first three results by section and by page, bytes fetched by
a first query, index size.

    python benchmarks/versus_pagefind.py [--site DIR]
    python benchmarks/versus_pagefind.py --generated 1000   (index sizes on the benchmark's generated base)

Pagefind indexes a copy of the site folded as our index is (no diacritics, đ → d, lower case) and is asked the
folded query. Its hits are listed as Material lists ours: a page, then its two best sections, then the next page;
a hit's section is the anchor (any element with an id) that stands before most of the matched words.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent / "hooks")]

from conftest import ROOT, build, chromium, results, serve  # noqa: E402
from kb.text import fold  # noqa: E402
from search_eval import SETS, measure  # noqa: E402

INDEXED = "{van-ban,don-vi}/*/index.html"  # documents and units, as our index holds
LEFT_OUT = ".kb-cards, .admonition, details, .kb-download, .md-content__button, .headerlink, .kb-print-address"

# In the page: Pagefind's hits for a folded query, as addresses from the site root in Material's order.
SEARCH = """async query => {
    const pagefind = await import('/pagefind/pagefind.js');
    const found = await pagefind.search(query);
    const out = [];
    for (const hit of found.results.slice(0, 5)) {
        const data = await hit.data();
        const page = data.url.replace(/^\\//, '').replace(/index\\.html$/, '');
        out.push(page);
        const votes = {};
        for (const at of data.locations) {
            const before = data.anchors.filter(a => a.location <= at).pop();
            if (before) votes[before.id] = (votes[before.id] || 0) + 1;
        }
        Object.keys(votes).sort((a, b) => votes[b] - votes[a]).slice(0, 2).forEach(id => out.push(page + '#' + id));
    }
    return out;
}"""


def folded_copy(site: Path, out: Path) -> Path:
    """The site with every page folded, as our index folds text."""
    shutil.copytree(site, out)
    for page in out.rglob("*.html"):
        page.write_text(fold(page.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def index(site: Path) -> int:
    """Run Pagefind on a site; the bytes of its index."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", INDEXED, "--root-selector", "article",
                    "--exclude-selectors", LEFT_OUT, "--quiet"], check=True)
    return sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())


def first_bytes(tab, url: str, ask) -> int:
    """Bytes of search files a fresh page fetches for its first query."""
    tab.goto(url)
    ask("dan van kheo")
    return tab.evaluate("""performance.getEntriesByType('resource')
        .filter(r => /pagefind|search\\/kb|tim-kiem/.test(r.name)).reduce((s, r) => s + (r.encodedBodySize || 0), 0)""")


def sizes(n: int) -> None:
    """Index sizes of both engines on the benchmark's generated base of n documents."""
    from generate import generate
    with tempfile.TemporaryDirectory() as tmp:
        project = generate(Path(tmp) / "kho", n)
        built = build(project, project / "site")
        assert built.returncode == 0, built.stderr
        ours = sum(f.stat().st_size for f in (project / "site/search/kb").rglob("*") if f.is_file())
        theirs = index(folded_copy(project / "site", Path(tmp) / "pagefind-site"))
    print(f"{n} văn bản: chỉ mục của kho {ours / 1e6:.1f} MB, của Pagefind {theirs / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description="Tìm kiếm của kho so với Pagefind trên cùng site và cùng bộ câu.")
    parser.add_argument("--site", type=Path, help="site đã dựng (mặc định: dựng kho vào thư mục tạm)")
    parser.add_argument("--generated", type=int, help="chỉ đo cỡ chỉ mục trên kho giả lập N văn bản (benchmarks/generate.py)")
    args = parser.parse_args()
    if args.generated:
        return sizes(args.generated)
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            built = build(ROOT, site)
            assert built.returncode == 0, built.stderr
        copy = folded_copy(site, Path(tmp) / "pagefind-site")
        size = index(copy)
        ours = sum(f.stat().st_size for f in (site / "search/kb").rglob("*") if f.is_file())
        rows = []
        with serve(site) as url, serve(copy) as pf_url:
            tab = browser.new_page()
            tab.goto(url)
            ask_ours = lambda q: results(tab, q)[0]  # noqa: E731
            pf_tab = browser.new_page()
            pf_tab.goto(pf_url)
            ask_pf = lambda q: pf_tab.evaluate(SEARCH, fold(q))  # noqa: E731
            for name in SETS:
                for engine, ask in (("kho", ask_ours), ("Pagefind", ask_pf)):
                    found = measure(ask, name)
                    rows.append(f"| {name} | {engine} | {found.section_recall:.0%} | {found.page_recall:.0%} | {found.empty} |")
            fresh, pf_fresh = browser.new_page(), browser.new_page()
            bytes_ours = first_bytes(fresh, url, lambda q: results(fresh, q))
            bytes_pf = first_bytes(pf_fresh, pf_url, lambda q: pf_fresh.evaluate(SEARCH, q))
    print("| bộ câu | máy tìm | đúng mục (3 đầu) | đúng trang (3 đầu) | không có kết quả |\n|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\nChỉ mục: kho {ours / 1024:.0f} KB, Pagefind {size / 1024:.0f} KB. "
          f"Tải cho lần tìm đầu: kho {bytes_ours / 1024:.0f} KB, Pagefind {bytes_pf / 1024:.0f} KB.")


if __name__ == "__main__":
    main()
