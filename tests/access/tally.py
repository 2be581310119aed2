"""The leak matrix's tally: every problem found is also counted here and summed up when the
matrix module ends (per kind: LEAK, WRONG, MISMATCH, ACCESS), so a run says how many checks ran
and how many leaks there are, beside the failing tests' own lists."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

CHECKED: Counter[str] = Counter()  # user x route checks per route kind
SECONDS: Counter[str] = Counter()  # CPU seconds (this process, the app's threads too) per kind
PROBLEMS: list[str] = []


def record(check: str, served: Any, user: Any, problems: list[str], cpu: float = 0.0) -> None:
    CHECKED[check] += 1
    SECONDS[f"{served.engine}/{served.company.name} {check}"] += cpu
    PROBLEMS.extend(problems)


def summary(config: pytest.Config) -> None:
    terminalreporter = config.pluginmanager.getplugin("terminalreporter")
    if not CHECKED or terminalreporter is None:
        return
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            _write(terminalreporter)
    else:
        _write(terminalreporter)


def _write(tr: Any) -> None:
    kinds = Counter(line.split(" ", 1)[0] for line in PROBLEMS)
    tr.section("leak matrix")
    tr.write_line(
        f"{sum(CHECKED.values())} user x route checks ("
        + ", ".join(f"{k} {n}" for k, n in sorted(CHECKED.items()))
        + ")"
    )
    tr.write_line(
        "CPU seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(SECONDS.items()) if v >= 1)
    )
    tr.write_line(
        "problems: "
        + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) if kinds else "none")
    )
    for line in PROBLEMS[:40]:
        tr.write_line("  " + line)
    if len(PROBLEMS) > 40:
        tr.write_line(f"  … and {len(PROBLEMS) - 40} more")
