"""The pipeline and revenue pages, over a small demo company built by the real CLI: every table
holds the numbers its CLI command prints, and every chart draws those numbers."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from salesmetrics.catalog.units import format_value
from salesmetrics.web.app import create_app
from tests.conftest import run_cli

VIEW = {"from": "2024-07-01", "to": "2025-06-30", "grain": "month"}
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    built = run_cli("demo", "--seed", "7", "--start", "2023-10-01", "--workspace", path)
    assert built.returncode == 0, built.stderr
    return path


@pytest.fixture(scope="module")
def client(demo: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo, wait=5, single_user=True)) as test_client:
        yield test_client


def _cli(demo: Path, *args: str) -> dict[str, Any]:
    done = run_cli(*args, "--format", "json", "-w", demo)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _section(page: str, title: str) -> str:
    """The HTML of the page's section headed ``title``."""
    for heading, body in re.findall(r"<section[^>]*>\s*<h2 [^>]*>(.*?)</h2>(.*?)</section>",
                                    page, re.S):  # fmt: skip
        if html.unescape(heading) == title:
            return str(body)
    raise AssertionError(f"no section {title!r}")


def _table(section: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", section, re.S)
    assert body, "the section has no table"
    return [
        [html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    ]


def _figure(section: str) -> dict[str, Any]:
    raw = re.search(r"data-figure='([^']*)'", section)
    assert raw, "the section has no chart"
    figure: dict[str, Any] = json.loads(html.unescape(raw.group(1)))
    return figure


def _money(value: float) -> str:
    return format_value(value, "money", "USD")


def test_pipeline_page_shows_the_cli_funnel_and_waterfall(client: TestClient, demo: Path) -> None:
    page = client.get("/pipeline", params=VIEW, headers=HTML)
    assert page.status_code == 200, page.text
    funnel = _cli(demo, "funnel", "--from", VIEW["from"], "--to", VIEW["to"])
    section = _section(page.text, "Stage funnel")
    rows = funnel["rows"]
    assert isinstance(rows, list) and len(rows) >= 3
    assert [r[:2] for r in _table(section)] == [[r["stage"], f"{r['reached']:,}"] for r in rows]
    trace = _figure(section)["data"][0]
    assert trace["type"] == "funnel" and trace["x"] == [r["reached"] for r in rows]
    assert f"{funnel['deals']:,} deals created" in section

    waterfall = _cli(demo, "pipeline-waterfall", "--from", VIEW["from"], "--to", VIEW["to"],
                     "--grain", "month")  # fmt: skip
    section = _section(page.text, "Pipeline waterfall")
    table = _table(section)
    cli_rows = waterfall["rows"]
    assert isinstance(cli_rows, list) and len(table) == len(cli_rows) == 12
    for shown, row in zip(table, cli_rows, strict=True):
        assert shown[0] == row["period_start"]
        assert shown[1] == _money(row["start"]) and shown[-1] == _money(row["end"])
        assert shown[6] == _money(-row["won"])  # takes are shown with their sign
    # the pipeline due by a period's end starts afresh each period: moves per period, no bridge
    traces = _figure(section)["data"]
    won = next(t for t in traces if t["name"] == "won")
    assert won["y"] == pytest.approx([-r["won"] for r in cli_rows])
    assert "salesmetrics pipeline-waterfall --from 2024-07-01" in section


def test_pipeline_cards_are_the_cli_values(client: TestClient, demo: Path) -> None:
    page = client.get("/pipeline", params=VIEW, headers=HTML).text
    for kpi in ("pipeline_value", "open_opportunities", "pushed_deals"):
        found = _cli(demo, "kpi", kpi, "--grain", "total", "--from", VIEW["from"],
                     "--to", VIEW["to"])  # fmt: skip
        value = found["rows"][0]["value"]
        unit = "money" if kpi == "pipeline_value" else "count"
        card = re.search(rf'data-kpi="{kpi}">(.*?)</article>', page, re.S)
        assert card and format_value(value, unit, "USD") in card.group(1)


def test_revenue_page_bridges_mrr_and_shows_the_cli_cohorts(client: TestClient,
                                                            demo: Path) -> None:  # fmt: skip
    page = client.get("/revenue", params=VIEW, headers=HTML)
    assert page.status_code == 200, page.text
    waterfall = _cli(demo, "mrr-waterfall", "--from", VIEW["from"], "--to", VIEW["to"])
    rows = waterfall["rows"]
    assert isinstance(rows, list) and len(rows) == 12
    section = _section(page.text, "MRR waterfall")
    table = _table(section)
    for shown, row in zip(table, rows, strict=True):
        assert shown == [row["period_start"], _money(row["start_mrr"]), _money(row["new"]),
                         _money(row["reactivation"]), _money(row["expansion"]),
                         _money(-row["contraction"]), _money(-row["churn"]),
                         _money(row["end_mrr"])]  # fmt: skip
    bridge = _figure(section)["data"][0]
    assert bridge["type"] == "waterfall" and bridge["measure"][-1] == "total"
    start, *moves, end = bridge["y"]
    # (sums of the same rows in another run may differ in their last bits)
    assert start == pytest.approx(rows[0]["start_mrr"], rel=1e-9)
    assert end == pytest.approx(rows[-1]["end_mrr"], rel=1e-9)
    assert abs(start + sum(moves) - end) < 1e-6 * max(1.0, end)  # the bridge reconciles

    cohorts = _cli(demo, "cohorts", "--from", VIEW["from"], "--to", VIEW["to"])
    section = _section(page.text, "Customer retention by cohort")
    heat = _figure(section)["data"][0]
    assert heat["type"] == "heatmap"
    expected: dict[str, dict[int, float | None]] = {}
    for row in cohorts["rows"]:
        expected.setdefault(row["cohort"], {})[row["period"]] = row["value"]
    assert [label.split(" ")[0] for label in heat["y"]] == list(expected)
    for z, cells in zip(heat["z"], expected.values(), strict=True):
        assert [v for v in z if v is not None] == pytest.approx([cells[k] for k in sorted(cells)])

    arr = _section(page.text, "Annual recurring revenue at each period's end")
    trend = _cli(demo, "kpi", "arr", "--from", VIEW["from"], "--to", VIEW["to"],
                 "--grain", "month")  # fmt: skip
    assert _figure(arr)["data"][0]["y"] == pytest.approx([r["value"] for r in trend["rows"]])


def test_a_filter_reaches_the_pipeline_analyses(client: TestClient, demo: Path) -> None:
    team = _cli(demo, "values", "team")["values"][0]["value"]
    page = client.get("/pipeline", params={**VIEW, "team": team}, headers=HTML).text
    funnel = _cli(demo, "funnel", "--from", VIEW["from"], "--to", VIEW["to"],
                  "--where", f"team={team}")  # fmt: skip
    shown = _table(_section(page, "Stage funnel"))
    assert [r[1] for r in shown] == [f"{r['reached']:,}" for r in funnel["rows"]]
    assert f"--where 'team={team}'" in html.unescape(page) or f"--where team={team}" in page


def test_revenue_page_explains_a_filter_it_cannot_apply(client: TestClient) -> None:
    page = client.get("/revenue", params={**VIEW, "source": "Web"}, headers=HTML)
    assert page.status_code == 200
    section = _section(page.text, "MRR waterfall")
    assert "cannot be split by source" in section and "<table" not in section
    assert "Cohorts are company-wide" in page.text
