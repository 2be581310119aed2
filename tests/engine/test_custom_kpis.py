"""Custom KPIs: three definitions against a pandas computation on the kpi_small fixture, and bad
definitions refused one by one, each with its own message, with nothing stored."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.catalog.custom import parse_toml
from salesmetrics.engine.custom import define, remove, stored_definitions
from salesmetrics.errors import UserError
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.engines import engine_params
from tests.reference.fixture import FIXTURE_DIR, load_workspace

DEFINITIONS = """
[[kpi]]
id = "enterprise_win_rate"
label = "Enterprise win rate"
aggregation = "ratio"
numerator = "won_count"
denominator = "closed_count"
unit = "percent"
where = { segment = "enterprise" }

[[kpi]]
id = "calls_per_won_deal"
label = "Calls per won deal"
aggregation = "ratio"
numerator = "activity_count"
numerator_where = { activity_type = "call" }
denominator = "won_count"
unit = "count"

[[kpi]]
id = "big_deal_win_rate"
label = "Win rate of deals over 10k"
description = "Deals over 10,000 in the base currency, converted at the close date."
aggregation = "ratio"
numerator = "won_count"
denominator = "closed_count"
scale = 100
filter = [{ field = "amount", op = ">", value = 10000 }]

[[kpi]]
id = "mean_won_amount_software"
label = "Mean won deal in software"
aggregation = "mean"
measure = "won_amount"
where = { industry = "software" }
"""
REQUEST = {"grain": "quarter", "start": "2023-10-01", "end": "2024-12-31"}
QUARTERS = pd.period_range("2023Q4", "2024Q4", freq="Q")


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = load_workspace(tmp_path_factory.mktemp("custom") / "kpi_small.duckdb")
    with Workspace(path) as ws:
        define(ws, parse_toml(DEFINITIONS, "company.toml"))
    return path


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURE_DIR / f"{name}.csv", keep_default_na=False, na_values=[""])


def _rate(fx: pd.DataFrame, currency: object, day: dt.date) -> float | None:
    """Base-currency rate of ``currency`` on ``day`` (latest rate on or before it)."""
    if not isinstance(currency, str) or currency.strip().upper() in ("", "USD"):
        return 1.0
    rows = fx[(fx.currency == currency.strip().upper()) & (fx.date <= day)]
    return float(rows.sort_values("date").rate.iloc[-1]) if len(rows) else None


def _deals() -> pd.DataFrame:
    deals = _csv("opportunities")
    accounts = _csv("accounts")[["account_id", "segment", "industry"]]
    fx = _csv("fx_rates")
    fx["date"] = pd.to_datetime(fx.date).dt.date
    deals = deals.merge(accounts, on="account_id", how="left")
    deals = deals[deals.status.isin(["won", "lost"])].copy()
    deals["close"] = pd.to_datetime(deals.close_date).dt.date
    deals["quarter"] = pd.to_datetime(deals.close_date).dt.to_period("Q")
    deals["rate"] = [_rate(fx, c, d) for c, d in zip(deals.currency, deals.close, strict=True)]
    return deals


def _values(ws: Workspace, kpi_id: str) -> list[float | None]:
    frame = ws.kpi(kpi_id, **REQUEST)
    return [None if pd.isna(v) else round(float(v), 9) for v in frame.value]


def _ratio(num: float, den: float, scale: float = 1.0) -> float | None:
    return None if den == 0 else round(scale * num / den, 9)


def test_enterprise_win_rate_matches_pandas(company: Path) -> None:
    deals = _deals()
    ent = deals[deals.segment == "enterprise"]
    want = [
        _ratio((q_rows.status == "won").sum(), len(q_rows), 100.0)
        for q in QUARTERS
        for q_rows in [ent[ent.quarter == q]]
    ]
    with Workspace(company) as ws:
        assert _values(ws, "enterprise_win_rate") == want
        # the same as the built-in with a filter
        builtin = ws.kpi("win_rate", **REQUEST, where={"segment": "enterprise"})
        assert [None if pd.isna(v) else round(v, 9) for v in builtin.value] == want


def test_calls_per_won_deal_matches_pandas(company: Path) -> None:
    deals = _deals()
    acts = _csv("activities")
    acts["quarter"] = pd.to_datetime(acts.occurred_at).dt.to_period("Q")
    calls = acts[acts.type == "call"]
    want = [
        _ratio((calls.quarter == q).sum(), ((deals.quarter == q) & (deals.status == "won")).sum())
        for q in QUARTERS
    ]
    assert any(v is not None for v in want)
    with Workspace(company) as ws:
        assert _values(ws, "calls_per_won_deal") == want
        by_team = ws.kpi("calls_per_won_deal", **REQUEST, by=["team"])
        assert set(by_team.columns) >= {"team", "value"}


def test_big_deal_win_rate_converts_amounts_and_leaves_out_unknown_currencies(
    company: Path,
) -> None:
    deals = _deals()
    known = deals[deals.rate.notna()]
    big = known[known.amount * known.rate > 10000]
    want = [
        _ratio((rows.status == "won").sum(), len(rows), 100.0)
        for q in QUARTERS
        for rows in [big[big.quarter == q]]
    ]
    assert any(v is not None for v in want)
    with Workspace(company) as ws:
        assert _values(ws, "big_deal_win_rate") == want
        frame = ws.kpi("big_deal_win_rate", **REQUEST)
    if deals.rate.isna().any():  # a deal in a currency without a rate is named, not guessed
        assert any("fx rate" in w for w in frame.attrs["warnings"])


def test_mean_of_a_money_measure(company: Path) -> None:
    deals = _deals()
    won = deals[(deals.status == "won") & (deals.industry == "software") & deals.rate.notna()]
    won = won[won.amount.notna()]
    want = [
        _ratio(float((rows.amount * rows.rate).sum()), len(rows))
        for q in QUARTERS
        for rows in [won[won.quarter == q]]
    ]
    with Workspace(company) as ws:
        got = _values(ws, "mean_won_amount_software")
    assert [None if v is None else round(v, 6) for v in got] == [
        None if v is None else round(v, 6) for v in want
    ]


def test_custom_kpis_are_listed_explained_and_batched(company: Path) -> None:
    with Workspace(company) as ws:
        together = ws.kpis(["win_rate", "enterprise_win_rate", "calls_per_won_deal"], **REQUEST)
        alone = ws.kpi("enterprise_win_rate", **REQUEST)
        pd.testing.assert_frame_equal(together["enterprise_win_rate"], alone)
        explained = ws.explain("enterprise_win_rate", **REQUEST)
        assert explained.formula.startswith("won_count [segment = enterprise]")
        assert "enterprise" in " ".join(explained.sql)
        assert len(explained.records) == sum(alone.denominator.fillna(0))
        assert [d["id"] for d in stored_definitions(ws)] == sorted(
            ["enterprise_win_rate", "calls_per_won_deal", "big_deal_win_rate",
             "mean_won_amount_software"]
        )  # fmt: skip


def test_a_changed_definition_gives_new_numbers(company: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.duckdb"
    load_workspace(path)
    enterprise = "[[kpi]]" + DEFINITIONS.split("[[kpi]]")[1]
    with Workspace(path) as ws:
        define(ws, parse_toml(enterprise, "a.toml"))
        first = _values(ws, "enterprise_win_rate")
        define(ws, parse_toml(enterprise.replace('"enterprise"', '"smb"'), "b.toml"))
        second = _values(ws, "enterprise_win_rate")
        deals = _deals()
        smb = deals[deals.segment == "smb"]
        assert second == [
            _ratio((rows.status == "won").sum(), len(rows), 100.0)
            for q in QUARTERS
            for rows in [smb[smb.quarter == q]]
        ]
        assert first != second
        remove(ws, "enterprise_win_rate")
        with pytest.raises(UserError, match="enterprise_win_rate"):
            ws.kpi("enterprise_win_rate", **REQUEST)


BAD = [
    ('[[kpi]]\nid = "Win Rate!"\nlabel = "x"\naggregation = "count"\nmeasure = "won_count"',
     "field 'id'"),
    ('[[kpi]]\nid = "win_rate"\nlabel = "x"\naggregation = "count"\nmeasure = "won_count"',
     "built-in KPI"),
    ('[[kpi]]\nid = "my_kpi"\nlabel = "x"\naggregation = "average"\nmeasure = "won_count"',
     "field 'aggregation'"),
    ('[[kpi]]\nid = "my_kpi"\nlabel = "x"\naggregation = "count"\nmeasure = "won_cuont"',
     "field 'measure' names 'won_cuont'.*Did you mean 'won_count'"),
    ('[[kpi]]\nid = "my_kpi"\nlabel = "x"\naggregation = "ratio"\nnumerator = "won_count"\n'
     'denominator = "closed_count"\nwhere = { channel = "google" }', "cannot be sliced by"),
    ('[[kpi]]\nid = "my_kpi"\nlabel = "x"\naggregation = "ratio"\nnumerator = "won_count"\n'
     'denominator = "closed_count"\nfilter = [{ field = "size", op = ">", value = 1 }]',
     "do not have"),
    ('[[kpi]]\nid = "my_kpi"\nlabel = "x"\naggregation = "sum"\nmeasure = "won_count"',
     "Use aggregation = count"),
    ('[[kpi]]\nid = "my_kpi"\nlabel = "x"\naggregation = "count"\nmeasure = "won_count"\n'
     'colour = "red"', "field 'colour'"),
    ('[[kpi]\nid = "my_kpi"', "not valid TOML"),
]  # fmt: skip


@pytest.mark.parametrize("text, message", BAD, ids=[m.split(".")[0] for _, m in BAD])
def test_a_bad_definition_is_refused_and_changes_nothing(
    company: Path, text: str, message: str
) -> None:
    with Workspace(company) as ws:
        before = stored_definitions(ws)
        good = DEFINITIONS.split("[[kpi]]")[1].replace("enterprise_win_rate", "also_good")
        with pytest.raises(UserError, match=message) as caught:
            define(ws, parse_toml(text + "\n\n[[kpi]]" + good, "bad.toml"))
        assert stored_definitions(ws) == before  # not even the good one beside it
    if "TOML" not in message:  # the message names the KPI
        assert any(n in str(caught.value) for n in ("my_kpi", "Win Rate!", "win_rate"))


def test_the_cli_defines_lists_computes_and_removes(tmp_path: Path) -> None:
    path = load_workspace(tmp_path / "cli.duckdb")
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "custom_kpis.toml"
    ws_opt = ["--workspace", str(path)]
    out = run_cli("kpis", "define", str(example), *ws_opt)
    assert out.returncode == 0, out.stderr
    assert "defined enterprise_win_rate" in out.stdout
    listed = json.loads(run_cli("kpis", "--format", "json", *ws_opt).stdout)
    custom = [k["id"] for k in listed if k["custom"]]
    assert custom == sorted(custom) and "calls_per_won_deal" in custom
    assert "enterprise_win_rate" in run_cli("kpis", *ws_opt).stdout
    shown = run_cli("kpi", "enterprise_win_rate", "--grain", "quarter", "--from",
                    "2024-01-01", "--to", "2024-12-31", "--format", "json", *ws_opt)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    with Workspace(path) as ws:
        frame = ws.kpi("enterprise_win_rate", grain="quarter", start="2024-01-01",
                       end="2024-12-31")  # fmt: skip
    assert [r["value"] for r in json.loads(shown.stdout)["rows"]] == [
        None if pd.isna(v) else v for v in frame.value
    ]
    table = run_cli("kpi", "enterprise_win_rate", "--grain", "quarter", "--from", "2024-01-01",
                    "--to", "2024-12-31", *ws_opt)  # fmt: skip
    assert "Enterprise win rate (enterprise_win_rate)" in table.stdout
    measures = json.loads(run_cli("kpis", "--measures", "--format", "json").stdout)
    assert {"won_count", "activity_count", "open_amount"} <= {m["measure"] for m in measures}
    bad = tmp_path / "bad.toml"
    bad.write_text('[[kpi]]\nid = "x_rate"\nlabel = "X"\naggregation = "sum"\n'
                   'measure = "won_count"\n', encoding="utf-8")  # fmt: skip
    refused = run_cli("kpis", "define", str(bad), *ws_opt)
    assert refused.returncode == 2
    assert "x_rate" in refused.stderr and "aggregation" in refused.stderr
    assert run_cli("kpis", "remove", "calls_per_won_deal", *ws_opt).returncode == 0
    after = json.loads(run_cli("kpis", "--format", "json", *ws_opt).stdout)
    assert "calls_per_won_deal" not in [k["id"] for k in after]
    assert "x_rate" not in [k["id"] for k in after]


@pytest.fixture(scope="module", params=engine_params())
def engine_company(
    request: pytest.FixtureRequest, company: Path, locations: Any
) -> Iterator[Workspace]:
    if request.param == "duckdb":
        with Workspace(company) as ws:
            yield ws
        return
    target = Workspace.create(locations.new(request.param, "custom_kpis"))
    with Workspace(company) as source:
        copy_workspace(source, target, [])  # the definitions travel with the workspace
    yield target
    target.close()


def test_custom_kpis_give_the_same_rows_on_every_engine(
    engine_company: Workspace, company: Path
) -> None:
    ids = ["enterprise_win_rate", "calls_per_won_deal", "big_deal_win_rate",
           "mean_won_amount_software"]  # fmt: skip
    got = engine_company.kpis(ids, **REQUEST, by=["team"])
    with Workspace(company) as ws:
        want = ws.kpis(ids, **REQUEST, by=["team"])
    for kpi_id in ids:
        pd.testing.assert_frame_equal(got[kpi_id], want[kpi_id], check_exact=False, rtol=1e-9)
        assert got[kpi_id].attrs["warnings"] == want[kpi_id].attrs["warnings"]
