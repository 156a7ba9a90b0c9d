"""`mkdocs serve` on a synthetic corpus: seconds from saving one document to the page showing the change.

    python benchmarks/serve.py --size 1000 [--dirty | --scope [--leaf]]

The time includes MkDocs noticing the save, the rebuild, and the page being served again.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

PORT = 8765
DOC = "kh-tinh-7"  # a provincial plan: its page, its departments' pages and its units' pages all change


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def rss(pid: int) -> float:
    """Resident memory of a process, MB (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until the page at url contains text."""
    start = time.monotonic()
    while text not in page(url):
        if time.monotonic() - start > limit:
            raise SystemExit(f"Trang không cập nhật sau {limit:.0f} s")
        time.sleep(0.1)
    return time.monotonic() - start


def leaf(project: Path) -> str:
    """The first document (by file name) that implements DOC: a department's plan, with nothing below it."""
    return next(f.stem for f in sorted((project / "docs/van-ban").glob("*.md"))
                if f"trien_khai:\n- {DOC}\n" in f.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty")
    parser.add_argument("--scope", action="store_true", help=f"KB_SCOPE={DOC} (make serve VB={DOC})")
    parser.add_argument("--leaf", action="store_true", help=f"with --scope: a department's plan below {DOC} instead")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = generate(Path(tmp) / "kho", args.size)
        doc = leaf(project) if args.leaf else DOC
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_SCOPE": doc if args.scope else ""}
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{PORT}"] + ["--dirty"] * args.dirty
        server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{PORT}/van-ban/{doc}/"
            first = wait_for(url, "Toàn văn", 1800)
            source = project / f"docs/van-ban/{doc}.md"
            times, memory = [], [rss(server.pid)]
            for n in range(args.edits):
                marker = f"Câu thêm để đo lần {n}."
                source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                times.append(wait_for(url, marker, 1800))
                memory.append(rss(server.pid))
        finally:
            server.terminate()
            server.wait()
    mode = "serve --dirty" if args.dirty else f"serve, KB_SCOPE={doc}" if args.scope else "serve"
    print(f"N = {args.size}, {mode}: lần dựng đầu {first:.1f} s; lưu tệp → trang mới: "
          + ", ".join(f"{t:.1f}" for t in times) + f" s (trung vị {sorted(times)[len(times) // 2]:.1f} s); "
          + "bộ nhớ máy chủ sau lần dựng đầu và sau mỗi lần lưu: " + ", ".join(f"{m:.0f}" for m in memory) + " MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
