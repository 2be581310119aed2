"""Time and peak memory of `salesmetrics demo` at each scale, each in its own process.

    .venv/bin/python benchmarks/demo_benchmark.py            # small and medium
    .venv/bin/python benchmarks/demo_benchmark.py --all      # small, medium and large
    .venv/bin/python benchmarks/demo_benchmark.py --scale large

Targets from the issue: small under 20 s; large under 3 minutes and 4 GB. "CPU s" is the
child's user + system time: on a busy machine it shows the work done when wall time does not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"small": (20.0, None), "medium": (None, None), "large": (180.0, 4096.0)}
START = "2023-10-01"


def run_scale(scale: str, seed: int, workdir: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak MiB, exit status) of one demo build in a child."""
    path = workdir / f"demo-{scale}.duckdb"
    command = [
        sys.executable,
        "-m",
        "salesmetrics",
        "demo",
        "--scale",
        scale,
        "--seed",
        str(seed),
        "--start",
        START,
        "--workspace",
        str(path),
    ]
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        assert child.stderr is not None
        print(child.stderr.read().decode(), file=sys.stderr)
    peak_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    path.unlink(missing_ok=True)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, peak_mib, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="append", choices=sorted(TARGETS))
    parser.add_argument("--all", action="store_true", help="include the large scale")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    scales = args.scale or (["small", "medium", "large"] if args.all else ["small", "medium"])
    print(f"{'scale':<8} {'seconds':>9} {'CPU s':>9} {'peak MiB':>9}  target")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            seconds, cpu, peak, status = run_scale(scale, args.seed, Path(tmp))
            max_s, max_mib = TARGETS[scale]
            target = (
                ", ".join(
                    part
                    for part in (
                        f"< {max_s:.0f} s" if max_s else "",
                        f"< {max_mib:.0f} MiB" if max_mib else "",
                    )
                    if part
                )
                or "-"
            )
            state = "FAILED" if status else ""
            line = f"{scale:<8} {seconds:>9.1f} {cpu:>9.1f} {peak:>9.0f}  {target} {state}"
            print(line.rstrip(), flush=True)
            failed |= bool(status)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
