"""How much of the machine the work may use: the checks and the build (processes), OCR (threads)."""

import os


def available() -> int:
    """The cores this process may run on (a container's limit, not the machine's count, where the system says)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def processes() -> int:
    """How many processes a build or a check may use: KB_PROCESSES, or one per core available."""
    wanted = os.environ.get("KB_PROCESSES", "")
    if not wanted:
        return available()
    if not wanted.isdigit() or int(wanted) < 1:
        raise ValueError("KB_PROCESSES: cần một số nguyên dương (số tiến trình dựng trang và kiểm tra nội dung), "
                         f"đang là '{wanted}'.")
    return int(wanted)
