"""The worked examples of the "Customers and subscription revenue" section of spec/kpis.md, and
the KPIs built from the same fixtures, on every engine of the test matrix."""

from __future__ import annotations

from typing import Any

import pytest

from salesmetrics.workspace import Workspace
from tests.engine.data import add, values

MARCH = {"grain": "month", "start": "2024-03-01", "end": "2024-03-31"}
FEB_MAR = {"grain": "month", "start": "2024-02-01", "end": "2024-03-31"}


def sub(sub_id: str, account: str, start: str, mrr: float, end: str | None = None,
        **kw: Any) -> dict[str, Any]:  # fmt: skip
    return {"subscription_id": sub_id, "account_id": account, "start_date": start,
            "end_date": end, "mrr": mrr, **kw}  # fmt: skip


def test_mrr_15000_and_net_new_2160(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    rows = [sub(f"a{i}", f"a{i}", "2024-01-01", 50) for i in range(100)]
    rows += [sub(f"b{i}", f"b{i}", "2024-01-01", 100) for i in range(49)]
    rows += [sub(f"c{i}", f"c{i}", "2024-01-01", 500) for i in range(9)]
    # b49 expands 100 -> 240 and c9 contracts 500 -> 270 on 10 March (a price change: two rows)
    rows += [sub("b49", "b49", "2024-01-01", 100, "2024-03-10"),
             sub("b49+", "b49", "2024-03-10", 240)]  # fmt: skip
    rows += [sub("c9", "c9", "2024-01-01", 500, "2024-03-10"), sub("c9-", "c9", "2024-03-10", 270)]
    # 45 new accounts of 50 in March: 2,250
    rows += [sub(f"n{i}", f"n{i}", "2024-03-05", 50) for i in range(45)]
    add(ws, "subscriptions", *rows)
    frames = ws.kpis(["mrr", "arr", "active_customers", "arpa", "net_new_mrr", "mrr_new",
                      "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn",
                      "quick_ratio", "net_revenue_retention", "gross_revenue_retention",
                      "revenue_churn_rate"], **FEB_MAR)  # fmt: skip
    assert values(frames["mrr"]) == [15_000.0, 17_160.0]
    assert values(frames["arr"]) == [180_000.0, 205_920.0]
    assert values(frames["active_customers"]) == [160.0, 205.0]
    assert values(frames["arpa"]) == [round(15_000 / 160, 2), round(17_160 / 205, 2)]
    march = {k: values(f)[1] for k, f in frames.items()}
    assert march["mrr_new"] == 2_250.0
    assert march["mrr_expansion"] == 140.0 and march["mrr_contraction"] == 230.0
    assert march["mrr_reactivation"] == 0.0 and march["mrr_churn"] == 0.0
    assert march["net_new_mrr"] == 2_160.0
    assert march["quick_ratio"] == round(2_390 / 230, 2)
    assert march["net_revenue_retention"] == round(100 * (15_000 + 140 - 230) / 15_000, 2)
    assert march["gross_revenue_retention"] == round(100 * (15_000 - 230) / 15_000, 2)
    assert march["revenue_churn_rate"] == round(100 * 230 / 15_000, 2)


def test_churn_30_and_retention_70(engine_workspace: Workspace) -> None:
    """1,000 customers at the start, 300 leave, 500 arrive: churn 30 %, retention 70 %."""
    ws = engine_workspace
    rows = [sub(f"s{i}", f"s{i}", "2023-06-01", 100) for i in range(700)]
    rows += [sub(f"l{i}", f"l{i}", "2023-06-01", 100, "2024-03-20") for i in range(300)]
    rows += [sub(f"n{i}", f"n{i}", "2024-03-02", 100) for i in range(500)]
    add(ws, "subscriptions", *rows)
    frames = ws.kpis(["customer_churn_rate", "customer_retention_rate", "mrr_churn", "clv"],
                     **MARCH)  # fmt: skip
    assert values(frames["customer_churn_rate"]) == [30.0]
    assert values(frames["customer_churn_rate"], "denominator") == [1_000.0]
    assert values(frames["customer_retention_rate"]) == [70.0]
    assert values(frames["customer_retention_rate"], "numerator") == [700.0]
    assert values(frames["mrr_churn"]) == [30_000.0]
    # six months Oct..Mar: churn 0 in Oct..Feb (1,000 customers each), 30 % in March: mean 5 %
    assert values(frames["clv"], "denominator") == [0.05]
    assert values(frames["clv"]) == [round(100 / 0.05, 2)]


def test_a_customer_who_comes_back_is_reactivation(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    add(ws, "subscriptions", sub("x1", "x", "2024-01-01", 300, "2024-02-01"),
        sub("x2", "x", "2024-03-15", 400))  # fmt: skip
    frames = ws.kpis(["mrr_new", "mrr_reactivation", "mrr_churn"], grain="month",
                     start="2024-01-01", end="2024-03-31")  # fmt: skip
    assert values(frames["mrr_new"]) == [300.0, 0.0, 0.0]
    assert values(frames["mrr_churn"]) == [0.0, 300.0, 0.0]
    assert values(frames["mrr_reactivation"]) == [0.0, 0.0, 400.0]


def test_nps_45_and_csat_60(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    scores = [10] * 30 + [9] * 30 + [8] * 25 + [3] * 15
    rows = [{"response_id": f"n{i}", "type": "nps", "score": s,
             "responded_at": "2024-03-10 12:00:00"} for i, s in enumerate(scores)]  # fmt: skip
    rows += [{"response_id": f"c{i}", "type": "csat", "score": 5 if i < 60 else 2,
              "responded_at": "2024-03-11 09:00:00"} for i in range(100)]  # fmt: skip
    add(ws, "surveys", *rows)
    frames = ws.kpis(["nps", "csat"], **MARCH)
    assert values(frames["nps"]) == [45.0]
    assert (values(frames["nps"], "numerator"), values(frames["nps"], "denominator")) == (
        [45.0],
        [100.0],
    )
    assert values(frames["csat"]) == [60.0]


def test_invoices_order_value_and_repeat_purchases(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    add(ws, "invoices",
        {"invoice_id": "i1", "account_id": "a", "issued_at": "2024-01-15", "amount": 1000},
        {"invoice_id": "i2", "account_id": "a", "issued_at": "2024-03-15", "amount": 3000},
        {"invoice_id": "i3", "account_id": "b", "issued_at": "2024-03-20", "amount": 2000},
    )  # fmt: skip
    frames = ws.kpis(["average_order_value", "repeat_purchase_rate"], **MARCH)
    assert values(frames["average_order_value"]) == [2_500.0]
    assert values(frames["repeat_purchase_rate"]) == [50.0]


@pytest.mark.parametrize("kpi", ["mrr", "nps", "average_order_value"])
def test_missing_inputs_say_what_to_import(engine_workspace: Workspace, kpi: str) -> None:
    frame = engine_workspace.kpi(kpi, **MARCH)
    assert values(frame) == [None]
    assert any("import" in w for w in frame.attrs["warnings"]), frame.attrs["warnings"]


@pytest.mark.parametrize(("spend", "customers", "cac"), [(12_000, 30, 400.0), (50_000, 100, 500.0)])
def test_cac_worked_examples(
    engine_workspace: Workspace, spend: float, customers: int, cac: float
) -> None:
    ws = engine_workspace
    add(ws, "spend",
        {"date": "2024-03-01", "amount": spend / 2, "category": "marketing", "channel": "ads"},
        {"date": "2024-03-31", "amount": spend / 2, "category": "sales"})  # fmt: skip
    add(ws, "subscriptions", *(sub(f"s{i}", f"a{i}", "2024-03-05", 100) for i in range(customers)))
    frames = ws.kpis(["sales_marketing_spend", "cac", "ltv_to_cac"], **MARCH)
    assert values(frames["sales_marketing_spend"]) == [float(spend)]
    assert values(frames["cac"]) == [cac]
    assert values(frames["cac"], "denominator") == [float(customers)]
    # no customer churned in the six months: no lifetime, so no LTV:CAC either
    assert values(frames["ltv_to_cac"]) == [None]
    assert values(frames["ltv_to_cac"], "denominator") == [cac]
