"""When each content file last changed, from git history in one call; nothing when there is no history."""

import subprocess
from datetime import date
from pathlib import Path


def last_changed(root: Path, folders=("docs", "data")) -> dict[str, date]:
    """Path (relative to root) → date of the newest commit touching it."""
    try:
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", *folders], cwd=root,
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, date] = {}
    for block in out.split("\x00")[1:]:
        day, *paths = block.strip().split("\n")
        for path in filter(None, paths):
            dates.setdefault(path, date.fromisoformat(day))  # newest commit comes first
    return dates
