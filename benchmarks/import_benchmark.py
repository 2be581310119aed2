"""Benchmark: import 1,000,000 opportunity rows from CSV, then upsert the same file again.

Prints rows/s and seconds for each run. Usage:
    .venv/bin/python benchmarks/import_benchmark.py [--rows N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from salesmetrics.ingest import ImportOptions, import_file
from salesmetrics.workspace import Workspace

TARGET_SECONDS = 15.0


def generate(path: Path, rows: int) -> None:
    """A realistic opportunities export: mixed statuses, amounts with separators, synonyms."""
    duckdb.connect().execute(
        f"""
        COPY (
          SELECT 'opp-' || i AS "Opportunity ID",
                 strftime(TIMESTAMP '2022-01-01' + to_minutes(i % 900000), '%Y-%m-%d %H:%M:%S')
                   AS "Created At",
                 ['Closed Won', 'closed lost', 'open', 'Open'][1 + i % 4] AS "Status",
                 strftime(DATE '2022-03-01' + to_days(i % 700), '%Y-%m-%d') AS "Close Date",
                 printf('%,.2f', (i % 100000) * 1.25) AS "Amount",
                 CAST(i % 101 AS VARCHAR) AS "Probability",
                 'rep-' || (i % 200) AS "Owner Rep ID",
                 'acc-' || (i % 50000) AS "Account ID",
                 ['inbound', 'outbound', 'partner'][1 + i % 3] AS "Source",
                 ['new', 'upsell', 'renewal'][1 + i % 3] AS "Type",
                 ['Discovery', 'Demo', 'Proposal', 'Negotiation'][1 + i % 4] AS "Stage",
                 CAST(12 * (1 + i % 3) AS VARCHAR) AS "Contract Months"
          FROM range({rows}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )


def run(workspace: Path, csv: Path, label: str) -> float:
    with Workspace(workspace) as ws:
        start = time.perf_counter()
        result = import_file(ws, "opportunities", csv, ImportOptions())
        seconds = time.perf_counter() - start
    rate = result.rows_read / seconds if seconds else float("inf")
    verdict = "ok" if seconds <= TARGET_SECONDS else f"SLOWER than {TARGET_SECONDS:.0f} s"
    print(
        f"{label}: {result.rows_read:,} rows in {seconds:.2f} s = {rate:,.0f} rows/s "
        f"({result.inserted:,} inserted, {result.replaced:,} replaced) [{verdict}]"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="directory to keep the CSV and workspace in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        csv = folder / "opportunities.csv"
        workspace = folder / "bench.duckdb"
        workspace.unlink(missing_ok=True)
        start = time.perf_counter()
        generate(csv, args.rows)
        size = csv.stat().st_size / 1e6
        print(
            f"generated {args.rows:,} rows ({size:.0f} MB) in {time.perf_counter() - start:.1f} s"
        )
        Workspace.create(workspace).close()
        run(workspace, csv, "first import (insert)")
        run(workspace, csv, "second import (upsert, same file)")


if __name__ == "__main__":
    main()
