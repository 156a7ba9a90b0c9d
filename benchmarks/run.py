"""Benchmark: our full configuration against plain Material on the same Markdown, at several sizes.

    python benchmarks/run.py --sizes 100 1000 [--repeat 3] [--serial] [--floor] [--write]

For each size: build wall time (median of --repeat alternated builds) and ratio, peak memory, site size, median and max page size,
bytes a first search downloads, the time of the content check and of writing the search index. --write adds the table to
benchmarks/README.md with the date and the machine.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import floor  # noqa: E402
from generate import ROOT, generate  # noqa: E402
from kb import exports, originals  # noqa: E402
from kb.pages.calendar import FEED_DIR  # noqa: E402
from kb.search import listed  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": "hooks"}
QUERY = ["dan", "van", "kheo"]  # a first search: "dan van kheo"
# Seconds to make the search index's files from the loaded model, in one process.
INDEX_TIME = ("import time; from pathlib import Path; from kb.model import load; from kb import search; m = load(Path('.')); "
              "t = time.perf_counter(); search.files(m); print(time.perf_counter() - t)")


def measured(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak resident memory (MB) and CPU seconds (user + system, the processes it forked included)
    of a command, run in its own process."""
    os.sync()  # the previous build's writes are not left for this one to wait on
    probe = ("import resource, subprocess, sys, time; t = time.time(); r = subprocess.run(sys.argv[1:]); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(time.time() - t, u.ru_maxrss, u.ru_utime + u.ru_stime); sys.exit(r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, env={**ENV, **(env or {})}, capture_output=True,
                         text=True, check=True)
    seconds, kb, cpu = out.stdout.split()[-3:]
    return float(seconds), int(kb) / 1024, float(cpu)


def our_config(project: Path) -> dict:
    """Our mkdocs.yml, each environment variable at its default."""
    return yaml.safe_load(re.sub(r"!ENV \[[A-Z_]+, (\"[^\"]*\")\]", r"\1", (project / "mkdocs.yml").read_text(encoding="utf-8")))


def plain_config(project: Path) -> Path:
    """Plain Material: same Markdown, same theme and navigation shape, no macros, no hooks."""
    from kb.model import load
    from kb.pages.navigation import site
    ours = our_config(project)
    plain = {k: ours[k] for k in ("site_name", "site_url", "docs_dir", "markdown_extensions", "extra_css")}
    plain["theme"] = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    plain["plugins"] = ["search"]
    plain["nav"] = site(load(project))
    path = project / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# Kinds of file in a site, as the size table names them.
KINDS = PAGE, ROWS, SHORT, DOWNLOAD, SEARCH, DATA, ORIGINAL, FEED, THEME = (
    "trang", "hàng tải khi bấm Xem thêm", "liên kết ngắn", "bảng tải về (CSV, JSON)", "chỉ mục tìm kiếm", "dữ liệu toàn kho",
    "nguyên văn", "lịch iCalendar", "giao diện, sơ đồ site")


def kind(path: str, size: int) -> str:
    """What a file of the site is, from its place and name (a short link is a redirect file of under 2 KB; our search
    index lies in Material's search folder)."""
    first = path.split("/")[0]
    if path.endswith(".html"):
        return ROWS if path.endswith(".hang.html") else PAGE if size > 2048 else SHORT
    folders = {"search": SEARCH, exports.FOLDER: DATA, originals.FOLDER: ORIGINAL, FEED_DIR: FEED}
    return folders.get(first) or (DOWNLOAD if path.endswith((".csv", ".json")) else THEME)


def sizes(site: Path) -> list[tuple[str, int]]:
    """(kind, bytes) of every file of a site."""
    out = []
    for file in site.rglob("*"):
        if file.is_file():
            size = file.stat().st_size
            out.append((kind(file.relative_to(site).as_posix(), size), size))
    return out


def first_search_bytes(site: Path, ours: bool) -> int:
    """Bytes of search data a first query fetches (the page itself aside)."""
    if not ours:  # Material downloads its whole index, and its lunr worker
        worker = next((site / "assets/javascripts/workers").glob("search.*.min.js"))
        return (site / "search/search_index.json").stat().st_size + worker.stat().st_size
    kb = site / "search/kb"
    words = [kb / f"t/{w}.json" for w in QUERY]
    files = [site / "assets/tim-kiem.js", kb / "meta.json", kb / "ngon-ngu.json"] + words
    lists = [listed(json.loads(f.read_text())) for f in words if f.exists()]
    common = set.intersection(*map(set, lists)) if lists else set()
    files += [kb / f"p/{p}.json" for p in sorted(common)[:10]]  # the worker reads at most 10 page stores
    return sum(f.stat().st_size for f in files if f.exists())


def configurations(project: Path, serial: bool, with_floor: bool) -> list[tuple[str, str, list[str], dict]]:
    """(key, label, command, environment) of each configuration built. The floor is made from a build of ours,
    not timed."""
    build = [sys.executable, "-m", "mkdocs", "build", "-q"]
    plain = plain_config(project)
    out = [("ours", "kho", build, {}), ("plain", "Material thuần", build + ["-f", str(plain)], {})]
    if serial:
        out.insert(1, ("serial", "kho, một tiến trình", build, {"KB_PROCESSES": "1"}))
    if with_floor:
        made = floor.make(project, plain, our_config(project)["hooks"], ENV)
        out.append(("floor", "sàn: Material thuần, trang và tệp của kho", build + ["-f", str(made)], {}))
    return out


def run(n: int, work: Path, repeat: int, serial: bool, with_floor: bool = False) -> dict:
    project = generate(work / f"n{n}", n)
    check, *_ = measured([sys.executable, "-m", "kb", "check"], project)
    index = float(subprocess.run([sys.executable, "-c", INDEX_TIME], cwd=project, env=ENV, capture_output=True, text=True,
                                 check=True).stdout)
    builds = configurations(project, serial, with_floor)
    times: dict[str, list] = {key: [] for key, *_ in builds}
    for k in range(repeat):  # alternated, each into a new folder; the median is kept
        for key, _, command, env in builds:
            times[key].append(measured(command + ["-d", str(project / f"site-{key}{k}")], project, env))
    if with_floor and (missing := floor.differs(project / "site-ours0", project / "site-floor0")):
        raise SystemExit(f"Sàn không xuất bản đúng các tệp của kho: {missing[:5]}")
    row = {"n": n, "check": check, "index": index, "labels": {key: label for key, label, *_ in builds}}
    for key, runs in times.items():
        site = project / f"site-{key}0"
        files = sizes(site)
        pages = [size for k, size in files if k == PAGE]
        row[key] = {"build": statistics.median(t for t, _, _ in runs), "runs": [t for t, _, _ in runs],
                    "ratio": _paired(runs, times["plain"], 0), "cpu": statistics.median(c for _, _, c in runs),
                    "cpu_ratio": _paired(runs, times["plain"], 2), "rss": max(m for _, m, _ in runs),
                    "site": sum(size for _, size in files),
                    "kinds": {k: sum(size for c, size in files if c == k) for k in KINDS},
                    "pages": len(pages), "median": statistics.median(pages), "max": max(pages),
                    "search": first_search_bytes(site, key != "plain")}
    return row


# The median of the ratios of the builds of one round, made one after the other: a machine whose speed drifts
# during the run moves both sides of each ratio.
def _paired(runs: list[tuple], plain: list[tuple], measure: int) -> float:
    return statistics.median(a[measure] / b[measure] for a, b in zip(runs, plain))


def table(rows: list[dict]) -> str:
    lines = ["| N | cấu hình | dựng (s): trung vị (các lần) | tỉ lệ | CPU (s) | tỉ lệ CPU | RSS đỉnh (MB) | trang | dung lượng site (MB) | trang HTML trung vị / lớn nhất (KB) | tải cho lần tìm đầu (KB) | kiểm tra nội dung (s) | chỉ mục tìm kiếm (s) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for key, label in r["labels"].items():
            m = r[key]
            check, index = (f"{r['check']:.1f}", f"{r['index']:.1f}") if key == "ours" else ("—", "—")
            runs = ", ".join(f"{t:.1f}" for t in m["runs"])
            lines.append(f"| {r['n']} | {label} | {m['build']:.1f} ({runs}) | {m['ratio']:.2f}× | "
                         f"{m['cpu']:.1f} | {m['cpu_ratio']:.2f}× | {m['rss']:.0f} | "
                         f"{m['pages']} | {m['site'] / 1e6:.1f} | {m['median'] / 1024:.0f} / {m['max'] / 1024:.0f} | "
                         f"{m['search'] / 1024:.0f} | {check} | {index} |")
    return "\n".join(lines)


def kinds_table(rows: list[dict]) -> str:
    """Megabytes of each kind of file, per configuration."""
    lines = [f"| N | loại tệp | {' | '.join(f'{label} (MB)' for label in rows[0]['labels'].values())} |",
             "|---|---|" + "---|" * len(rows[0]["labels"])]
    for r in rows:
        for k in KINDS:
            lines.append(f"| {r['n']} | {k} | " + " | ".join(f"{r[key]['kinds'][k] / 1e6:.1f}" for key in r["labels"]) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="builds of each configuration (median kept)")
    parser.add_argument("--serial", action="store_true", help="also build ours in one process (KB_PROCESSES=1)")
    parser.add_argument("--floor", action="store_true",
                        help="also build the floor: plain Material reading our Markdown and publishing our pages and files "
                             "(benchmarks/floor.py)")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [run(n, Path(tmp), args.repeat, args.serial, args.floor) for n in args.sizes]
    result = table(rows) + "\n\n" + kinds_table(rows)
    print(result)
    if args.write:
        machine = f"{platform.machine()}, {os.cpu_count()} nhân, Python {platform.python_version()}"
        with open(ROOT / "benchmarks/README.md", "a", encoding="utf-8") as out:
            out.write(f"\n### {date.today():%d/%m/%Y} — {machine}\n\n{result}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
