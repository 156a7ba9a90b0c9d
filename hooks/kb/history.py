"""What git remembers of the content: when each file last changed, and where a line used to be."""

import subprocess
from datetime import date
from pathlib import Path

# Where an earlier state of a file is looked for: the last commit, then the branch a pull request targets.
BASES = ("HEAD", "origin/main", "main")


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def last_changed(root: Path, folders=("docs", "data")) -> dict[str, date]:
    """Path (relative to root) → date of the newest commit touching it; nothing when there is no history."""
    out = _git(root, "log", "--format=%x00%cs", "--name-only", "--", *folders)
    dates: dict[str, date] = {}
    for block in (out or "").split("\x00")[1:]:
        day, *paths = block.strip().split("\n")
        for path in filter(None, paths):
            dates.setdefault(path, date.fromisoformat(day))  # newest commit comes first
    return dates


def old_line(root: Path, path: str, needle: str) -> int | None:
    """The line of an earlier version of a file (last commit, or the main branch) that held needle."""
    for base in BASES:
        text = _git(root, "show", f"{base}:./{path}")  # ./: relative to root, wherever the repository starts
        for n, line in enumerate((text or "").split("\n"), 1):
            if needle in line:
                return n
    return None
