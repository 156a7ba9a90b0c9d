"""Search measured on the query sets of tests/search-eval/: the share of queries whose answer is among the first
three results (by section), or among the first three documents listed (by page), in the browser on a built site (online, or the offline copy from file://).
Run as a script for the table of benchmarks/README.md: python tests/search_eval.py [--offline]"""

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

EVAL = Path(__file__).resolve().parent / "search-eval"
SETS = ("dev", "held-out")
TOP = 3


def queries(name: str) -> list[dict]:
    return yaml.safe_load((EVAL / f"{name}.yml").read_text(encoding="utf-8"))


def _address(truth: str) -> str:
    doc, _, anchor = truth.partition("#")
    return f"van-ban/{doc}/" + (f"#{anchor}" if anchor else "")


# The documents of the results, in order, once each: the panel lists each document with its sections below it.
def _documents(results: list[str]) -> list[str]:
    return list(dict.fromkeys(r.split("#")[0] for r in results))


@dataclass
class Recall:
    """Queries answered in the first results, by section and by page, and the ones that were not."""
    total: int = 0
    sections: int = 0
    pages: int = 0
    empty: int = 0
    misses: list = field(default_factory=list)

    def add(self, query: dict, results: list[str]) -> None:
        wanted = {_address(t) for t in query["dung"]}
        top = results[:TOP]
        self.total += 1
        self.empty += not results
        self.sections += bool(wanted & set(top))
        self.pages += bool({w.split("#")[0] for w in wanted} & set(_documents(results)[:TOP]))
        if not wanted & set(top):
            self.misses.append(f"{query['q']!r} ({query['loai']}): {top}")

    @property
    def section_recall(self) -> float:
        return self.sections / self.total

    @property
    def page_recall(self) -> float:
        return self.pages / self.total


def measure(search, name: str) -> Recall:
    """search: query → result addresses in order."""
    out = Recall()
    for query in queries(name):
        out.add(query, search(query["q"]))
    return out


def _main() -> None:
    parser = argparse.ArgumentParser(description="Đo tìm kiếm trên các bộ câu của tests/search-eval/.")
    parser.add_argument("--offline", action="store_true", help="bản ngoại tuyến, mở từ tệp")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conftest import ROOT, build, chromium, results, serve
    import tempfile
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        site = Path(folder) / "site"
        built = build(ROOT, site, config="mkdocs-offline.yml" if args.offline else "mkdocs.yml")
        assert built.returncode == 0, built.stderr
        with serve(site) as url:
            tab = browser.new_page()
            tab.goto(site.joinpath("index.html").as_uri() if args.offline else url)
            for name in SETS:
                found = measure(lambda q: results(tab, q)[0], name)
                print(f"{name}: {found.total} câu, đúng mục {found.section_recall:.0%}, đúng trang {found.page_recall:.0%}, "
                      f"không có kết quả {found.empty}")
                if args.misses and name == "dev":
                    print("\n".join(found.misses))


if __name__ == "__main__":
    _main()
