"""Run every benchmark in turn (`make bench`); each prints its own figures.

Pass `--quick` to skip the slow ones' largest sizes (e.g. on a busy machine).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    args = parser.parse_args()
    runs: list[list[str]] = [
        ["import_benchmark.py", *(["--rows", "200000"] if args.quick else [])],
        ["demo_benchmark.py"],
        ["kpi_benchmark.py", *(["--repeat", "2"] if args.quick else [])],
        ["overview_benchmark.py", "--scale", "medium" if args.quick else "both"],
        ["mrr_benchmark.py", "--scale", "medium" if args.quick else "large"],
        ["pipeline_history_benchmark.py", "--scale", "medium" if args.quick else "large"],
        ["kept_states_benchmark.py", "--scale", "medium" if args.quick else "large"],
        ["engines_benchmark.py", "--scale", "medium" if args.quick else "large"],
        ["web_benchmark.py", "--scale", "small" if args.quick else "medium"],
    ]
    failed = 0
    for script, *extra in runs:
        print(f"\n=== {script} {' '.join(extra)}".rstrip(), flush=True)
        status = subprocess.run([sys.executable, str(HERE / script), *extra]).returncode
        failed += status != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
