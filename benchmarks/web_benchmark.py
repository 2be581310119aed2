"""The web server under load (issue 13's targets), on a demo company served by
`salesmetrics serve` on loopback:

- the overview page's server time: on a new server with nothing compiled yet (a new install),
  then on a restarted one (compiled SQL read from disk): its first page, cached, windows and a
  filter value never asked before (nothing in the result cache);
- 20 concurrent clients asking KPI API requests that have been asked before (served from the
  cache): p50, p95 and errors; beside it, the same requests computed by the library in one
  thread with the cache bypassed, as the baseline of what the cache saves.

    python benchmarks/web_benchmark.py [--scale small|medium] [--clients 20] [--requests 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

KPIS = ["revenue", "win_rate", "average_deal_size", "pipeline_value", "leads_created",
        "lead_conversion_rate", "sales_cycle_days", "weighted_pipeline"]  # fmt: skip


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _requests(today: dt.date) -> list[tuple[str, dict[str, str]]]:
    start = dt.date(today.year - 1, today.month, 1).isoformat()
    shapes: list[dict[str, str]] = [
        {"grain": "month", "from": start},
        {"grain": "quarter", "from": start, "by": "team"},
        {"grain": "total", "from": start, "by": "source"},
    ]
    return [(f"/api/kpis/{k}", s) for k in KPIS for s in shapes]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="medium", choices=["small", "medium"])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="per client")
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.duckdb"
        with console.status(f"building the {args.scale} demo company"):
            subprocess.run([sys.executable, "-m", "salesmetrics", "demo", "--scale", args.scale,
                            "--workspace", str(path)], check=True, capture_output=True)  # fmt: skip
        plans = Path(folder) / "plans"  # compiled SQL starts empty, as on a new install
        rows: list[tuple[str, str]] = []
        with _serving(path, plans) as base:
            rows += _pages(base, cold=True)
        with _serving(path, plans) as base:  # restarted: compiled SQL is read from disk
            rows += _pages(base, cold=False)
            rows += _measure(console, base, path, args.clients, args.requests)
    table = Table(title=f"Web server, {args.scale} demo, {args.clients} clients")
    for column in ("measure", "value"):
        table.add_column(column)
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    return 0


@contextmanager
def _serving(path: Path, plans: Path) -> Iterator[str]:
    """`salesmetrics serve` on a free loopback port, keeping compiled SQL in ``plans``."""
    port = _port()
    env = {**os.environ, "SALESMETRICS_CACHE_DIR": str(plans)}
    server = subprocess.Popen(
        [sys.executable, "-m", "salesmetrics", "serve", "--single-user", "--port", str(port),
         "-w", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/api/tables", timeout=30)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _pages(base: str, cold: bool) -> list[tuple[str, str]]:
    """Overview server times: a new server's first page, cached, and windows never asked."""
    out: list[tuple[str, str]] = []
    today = dt.date.today()
    with httpx.Client(base_url=base, timeout=120) as http:

        def render(label: str, query: str = "", digits: int = 2) -> None:
            t = time.perf_counter()
            http.get(f"/{query}", headers={"accept": "text/html"}).raise_for_status()
            out.append((label, f"{time.perf_counter() - t:.{digits}f}"))

        if cold:
            render("overview, new server, nothing compiled yet (s)")
            render("overview, a filter never asked before (s)", "?segment=SMB")
            return out
        render("overview, restarted server, first page (s, target ≤ 1)")
        render("overview, cached (s)", digits=3)
        for back in (1, 2):  # windows never asked before: nothing cached but compiled SQL
            start, end = dt.date(today.year - back, 1, 1), dt.date(today.year - back, 12, 31)
            render(f"overview of {start.year}, uncached (s, target ≤ 1)",
                   f"?from={start}&to={end}")  # fmt: skip
        render("overview, another value of that filter (s)", "?segment=Enterprise")
    return out


def _measure(console: Console, base: str, path: Path, clients: int,
             per_client: int) -> list[tuple[str, str]]:  # fmt: skip
    from salesmetrics.web.deps import Selectors
    from salesmetrics.workspace import Workspace

    out: list[tuple[str, str]] = []
    with httpx.Client(base_url=base, timeout=120) as http:
        todo = _requests(dt.date.today())
        with console.status("warming the cache"):
            for url, params in todo:
                http.get(url, params=params).raise_for_status()
    # baseline: the same requests computed by the library, one thread, no server cache
    t = time.perf_counter()
    with Workspace(path, read_only=True) as ws:
        for url, params in todo:
            sel = Selectors(str(params["grain"]), str(params["from"]), None, None,
                            (str(params["by"]),) if "by" in params else ())  # fmt: skip
            ws.kpi(url.rsplit("/", 1)[1], **sel.request())
    out.append(("library, uncached, per request (ms)",
                f"{(time.perf_counter() - t) / len(todo) * 1000:.1f}"))  # fmt: skip
    timings: list[float] = []
    errors = 0

    def client(index: int) -> tuple[list[float], int]:
        mine, failed = [], 0
        with httpx.Client(base_url=base, timeout=120) as http:
            for i in range(per_client):
                url, params = todo[(index * 7 + i) % len(todo)]
                t0 = time.perf_counter()
                answer = http.get(url, params=params)
                mine.append((time.perf_counter() - t0) * 1000)
                failed += answer.status_code != 200
        return mine, failed

    with ThreadPoolExecutor(clients) as pool:
        for mine, failed in pool.map(client, range(clients)):
            timings += mine
            errors += failed
    out += [
        ("cached API requests", f"{len(timings)}"),
        ("cached p50 (ms)", f"{statistics.median(timings):.1f}"),
        ("cached p95 (ms, target ≤ 100)", f"{_percentile(timings, 0.95):.1f}"),
        ("errors", f"{errors}"),
    ]
    return out


if __name__ == "__main__":
    raise SystemExit(main())
