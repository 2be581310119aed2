"""The dashboard's pages, rendered by the real app over a real DuckDB workspace, and
`salesmetrics serve` answering real HTTP on loopback."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from salesmetrics.catalog import all_kpis
from salesmetrics.catalog.units import format_value
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli

VIEW = {"from": "2024-01-01", "to": "2024-12-31", "grain": "quarter"}
HTML = {"accept": "text/html"}


def _figures(page: str) -> list[dict[str, Any]]:
    return [json.loads(html.unescape(f)) for f in re.findall(r"data-figure='([^']*)'", page)]


def _title(figure: dict[str, Any]) -> str:
    return str(figure["layout"].get("title", {}).get("text", ""))  # sparklines have none


def test_overview_shows_the_cli_numbers_and_charts(client: TestClient, workspace: Path) -> None:
    page = client.get("/", params=VIEW, headers=HTML)
    assert page.status_code == 200, page.text
    total = run_cli("kpi", "revenue", "--grain", "total", "--from", VIEW["from"], "--to",
                    VIEW["to"], "--format", "json", "-w", workspace)  # fmt: skip
    value = json.loads(total.stdout)["rows"][0]["value"]
    with Workspace(workspace, read_only=True) as ws:
        currency = str(ws.get_setting("base_currency"))
    assert format_value(value, "money", currency) in page.text
    figures = _figures(page.text)
    assert len(figures) >= 3  # sparklines, the revenue trend, the pipeline by stage
    assert "No import is recorded" in page.text  # the fixture is loaded, not imported
    from tests.web.test_api import GOOD_CSV

    client.post("/api/imports/opportunities", files={"file": ("one.csv", GOOD_CSV, "text/csv")})
    again = client.get("/", params=VIEW, headers=HTML).text
    assert "Data last imported" in again and "one.csv into opportunities" in again
    assert 'href="/kpis/revenue?' in page.text


def test_filters_change_the_numbers_and_stay_in_links(client: TestClient) -> None:
    everyone = client.get("/", params=VIEW, headers=HTML).text
    east = client.get("/", params={**VIEW, "team": "East"}, headers=HTML)
    assert east.status_code == 200
    assert east.text != everyone
    assert "team=East" in east.text  # every link keeps the view
    assert 'name="team" value="East"' in east.text


def test_a_filter_matching_nothing_is_explained(client: TestClient) -> None:
    page = client.get("/", params={**VIEW, "team": "Atlantis"}, headers=HTML)
    assert page.status_code == 400
    assert "Atlantis" in page.text


def test_catalog_page_lists_every_kpi(client: TestClient) -> None:
    page = client.get("/kpis", headers=HTML).text
    for kpi in all_kpis():
        assert f"/kpis/{kpi.id}?" in page


def test_kpi_page_has_trend_breakdown_sql_records_and_csv(client: TestClient,
                                                          workspace: Path) -> None:  # fmt: skip
    page = client.get("/kpis/win_rate", params={**VIEW, "breakdown": "source"}, headers=HTML)
    assert page.status_code == 200, page.text
    assert "SELECT" in page.text and 'id="records"' in page.text
    titles = [_title(f) for f in _figures(page.text)]
    assert any("by source" in t for t in titles)
    download = client.get("/kpis/win_rate.csv", params=VIEW)
    assert download.headers["content-type"].startswith("text/csv")
    cli = run_cli("kpi", "win_rate", "--grain", "quarter", "--from", VIEW["from"], "--to",
                  VIEW["to"], "--format", "csv", "-w", workspace)  # fmt: skip
    assert list(csv.DictReader(io.StringIO(download.text))) == list(
        csv.DictReader(io.StringIO(cli.stdout))
    )


def test_import_page_shows_the_problems_of_a_bad_file(client: TestClient, workspace: Path) -> None:
    from tests.web.test_api import BAD_CSV, _counts

    assert client.get("/import", headers=HTML).status_code == 200
    before = _counts(workspace)
    upload = {"file": ("deals.csv", BAD_CSV, "text/csv")}
    form = {"table": "opportunities", "mode": "upsert"}
    page = client.post("/import", data=form, files=upload, headers=HTML)
    assert page.status_code == 400
    assert "Nothing was imported" in page.text and "close_date" in page.text
    assert _counts(workspace) == before


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_http_on_loopback(workspace: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "salesmetrics", "serve", "--single-user", "--port", str(port),
         "-w", str(workspace)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"{base}/api/kpis/revenue", params=VIEW, timeout=30)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert answer.status_code == 200 and answer.json()["rows"]
        assert httpx.get(f"{base}/", headers=HTML, timeout=30).status_code == 200
        plotly_js = httpx.get(f"{base}/static/plotly/plotly.min.js", timeout=30)
        assert plotly_js.status_code == 200 and len(plotly_js.content) > 1_000_000
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}" in out


def test_team_leaderboard_shows_each_reps_cli_revenue(client: TestClient, workspace: Path) -> None:
    page = client.get("/team", params=VIEW, headers=HTML)
    assert page.status_code == 200, page.text
    cli = run_cli("kpi", "revenue", "--grain", "total", "--by", "rep", "--from", VIEW["from"],
                  "--to", VIEW["to"], "--format", "json", "-w", workspace)  # fmt: skip
    rows = json.loads(cli.stdout)["rows"]
    with Workspace(workspace, read_only=True) as ws:
        currency = str(ws.get_setting("base_currency"))
    assert rows
    for row in rows:
        assert f'<th scope="row">{row["rep"] or "(empty)"}</th>' in page.text
        assert format_value(row["value"], "money", currency) in page.text


def test_boards_say_which_kpis_a_filter_leaves_out(client: TestClient) -> None:
    for name in ("leads", "customers", "marketing"):
        assert client.get(f"/{name}", params=VIEW, headers=HTML).status_code == 200
    marketing = client.get("/marketing", params={**VIEW, "team": "East"}, headers=HTML).text
    assert "Not shown with these filters" in marketing


def test_kpi_page_compares_each_period_with_a_year_earlier(client: TestClient,
                                                           workspace: Path) -> None:  # fmt: skip
    page = client.get("/kpis/revenue", params=VIEW, headers=HTML).text
    cli = run_cli("kpi", "revenue", "--grain", "quarter", "--from", "2023-01-01", "--to",
                  "2023-12-31", "--format", "json", "-w", workspace)  # fmt: skip
    earlier = json.loads(cli.stdout)["rows"]
    assert any(r["value"] for r in earlier)  # the fixture has deals won in 2023
    body = re.search(r'id="periods">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert body
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    assert len(rows) == len(earlier) == 4
    for shown, then in zip(rows, earlier, strict=True):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", shown, re.S)]
        assert cells[0][:4] == "2024" and cells[0][5:] == then["period_start"][5:10]
        assert cells[-2] == format_value(then["value"], "money", "USD")
    trend = next(f for f in _figures(page) if _title(f) == "Revenue (bookings)")
    names = [t["name"] for t in trend["data"]]
    assert "a year earlier" in names
    card = re.search(r'data-kpi="revenue">(.*?)</article>', page, re.S)
    assert card and "vs a year earlier" in card.group(1)


def test_boards_show_each_slices_change(client: TestClient, workspace: Path) -> None:
    page = client.get("/team", params=VIEW, headers=HTML).text
    now = run_cli("kpi", "revenue", "--grain", "total", "--by", "rep", "--from", VIEW["from"],
                  "--to", VIEW["to"], "--format", "json", "-w", workspace)  # fmt: skip
    before = run_cli("kpi", "revenue", "--grain", "total", "--by", "rep", "--from",
                     "2023-01-01", "--to", "2023-12-31", "--format", "json", "-w",
                     workspace)  # fmt: skip
    previous = {r["rep"]: r["value"] for r in json.loads(before.stdout)["rows"]}
    compared = 0
    for row in json.loads(now.stdout)["rows"]:
        then = previous.get(row["rep"])
        if row["value"] is None or not then:
            continue
        pct = (row["value"] - then) / abs(then) * 100
        cell = format_value(row["value"], "money", "USD")
        arrow = "▲" if pct > 0 else "▼" if pct < 0 else "▬"
        assert f'{cell}<br><small class="change">{arrow} {pct:+.1f} %</small>' in page
        compared += 1
    assert compared


def test_a_trend_shades_the_benchmark_range_where_rows_carry_one() -> None:
    from salesmetrics.web.views.charts import trend

    rows = [
        {"period_start": "2024-01-01", "value": 20.0, "target": 25.0, "benchmark_low": 15.0,
         "benchmark_high": 30.0},
        {"period_start": "2024-04-01", "value": 22.0, "target": 25.0, "benchmark_low": 15.0,
         "benchmark_high": 30.0},
    ]  # fmt: skip
    names = {t["name"]: t for t in trend(rows, "Win rate", True)["data"]}
    assert names["benchmark low"]["y"] == [15.0, 15.0]
    assert names["benchmark high"]["y"] == [30.0, 30.0]
    assert names["benchmark high"]["fill"] == "tonexty"  # shaded down to the low line
    plain = trend([{k: v for k, v in r.items() if "benchmark" not in k} for r in rows], "W", True)
    assert [t["name"] for t in plain["data"]] == ["W", "target"]
