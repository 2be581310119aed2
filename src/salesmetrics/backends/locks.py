"""Who holds a workspace: a process described for people (never an internal path)."""

from __future__ import annotations

import re
from pathlib import Path

PID_RE = re.compile(r"PID (\d+)")


def holder_pid(message: str) -> int | None:
    """The process id a lock error names, if any."""
    match = PID_RE.search(message)
    return int(match.group(1)) if match else None


def _command_line(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def describe_process(pid: int | None) -> str:
    """``salesmetrics import opportunities deals.csv (PID 42)``, or ``another program (PID 42)``.

    Only the salesmetrics command and its arguments are shown, never the interpreter's path.
    """
    if pid is None:
        return "another program"
    argv = _command_line(pid)
    for index, part in enumerate(argv):
        name = Path(part).name
        if name == "salesmetrics" and (index == 0 or argv[index - 1] == "-m" or index == 1):
            command = " ".join(["salesmetrics", *argv[index + 1 :]])
            return f"`{command}` (PID {pid})"
    if argv:
        return f"another program, {Path(argv[0]).name} (PID {pid})"
    return f"another program (PID {pid})"
