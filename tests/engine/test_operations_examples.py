"""Hand-computed examples of the activity, team, finance and marketing KPIs on tiny companies
(the numbers in the comments are worked out by hand, not by the engine)."""

from __future__ import annotations

from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal, values

JAN = {"grain": "month", "start": "2024-01-01", "end": "2024-01-31"}
Q1 = {"grain": "month", "start": "2024-01-01", "end": "2024-03-31"}


def _act(i: int, rep: str, kind: str, at: str, **kw: object) -> dict[str, object]:
    return {"activity_id": f"a{i}", "rep_id": rep, "type": kind, "occurred_at": at, **kw}


def test_activity_counts_rates_and_minutes(workspace: Workspace) -> None:
    add(
        workspace,
        "reps",
        {"rep_id": "r1", "team": "East", "hire_date": "2023-01-01"},
        {"rep_id": "r2", "team": "East", "hire_date": "2023-01-01"},
        {"rep_id": "m1", "team": "East", "role": "manager", "hire_date": "2023-01-01"},
    )
    add(workspace, "activities",
        _act(1, "r1", "call", "2024-01-02 10:00:00", duration_minutes=10.0, account_id="x"),
        _act(2, "r1", "call", "2024-01-03 10:00:00", duration_minutes=20.0, direction="outbound",
             account_id="x"),
        _act(3, "r2", "call", "2024-01-04 10:00:00", direction="outbound", account_id="y"),
        _act(4, "r2", "email", "2024-01-05 10:00:00", direction="outbound", opened=True,
             replied=False, account_id="y"),
        _act(5, "r2", "email", "2024-01-08 10:00:00", direction="outbound", opened=False,
             replied=True, account_id="z"),
        _act(6, "r2", "email", "2024-01-09 10:00:00", direction="outbound", opened=False,
             replied=False),
        _act(7, "r2", "email", "2024-01-10 10:00:00", direction="inbound", account_id="w"),
        _act(8, "r1", "demo", "2024-01-11 10:00:00", duration_minutes=30.0, account_id="x"),
        _act(9, "m1", "meeting", "2024-02-01 10:00:00", duration_minutes=60.0))  # fmt: skip
    ws = workspace
    got = ws.kpis(
        ["activities", "email_open_rate", "email_reply_rate", "avg_call_minutes",
         "demo_time_share", "accounts_contacted", "accounts_responded",
         "activities_per_rep_day"], **JAN)  # fmt: skip
    assert values(got["activities"]) == [8.0]
    # sent = a4, a5, a6 (a7 is inbound); opened a4 → 1/3
    assert values(got["email_open_rate"]) == [33.33]
    # read = opened or replied = a4, a5; replied a5 → 1/2
    assert values(got["email_reply_rate"]) == [50.0]
    assert values(got["avg_call_minutes"]) == [15.0]  # a3 has no duration
    assert values(got["demo_time_share"]) == [50.0]  # 30 / (10 + 20 + 30)
    assert values(got["accounts_contacted"]) == [3.0]  # x (a2), y (a3, a4), z (a5); not a1
    assert values(got["accounts_responded"]) == [2.0]  # z (reply a5), w (inbound a7)
    # January 2024 has 23 weekdays; two reps (the manager does not count): 8 / 46
    assert values(got["activities_per_rep_day"]) == [round(8 / 46, 2)]
    assert values(got["activities_per_rep_day"], "denominator") == [46.0]
    ws = workspace
    calls = ws.kpi("activities_per_rep_day", **JAN, where={"activity_type": "call"})
    by_type = ws.kpi("activities_per_rep_day", **JAN, by=["activity_type"])
    assert values(calls, "numerator") == [3.0] and values(calls, "denominator") == [46.0]
    assert dict(zip(by_type.activity_type, values(by_type, "denominator"), strict=True)) == {
        "call": 46.0, "demo": 46.0, "email": 46.0, "meeting": 46.0}  # fmt: skip


def test_overdue_tasks_on_each_month_end(workspace: Workspace) -> None:
    add(workspace, "reps", {"rep_id": "r1"})
    add(workspace, "activities",
        _act(1, "r1", "task", "2024-01-05 09:00:00", due_at="2024-01-10 00:00:00"),  # never done
        _act(2, "r1", "task", "2024-01-05 09:00:00", due_at="2024-01-31 00:00:00"),  # due Jan 31
        _act(3, "r1", "task", "2024-01-05 09:00:00", due_at="2024-01-20 00:00:00",
             completed_at="2024-02-10 12:00:00"),  # late: overdue at Jan 31 only
        _act(4, "r1", "task", "2024-01-05 09:00:00", due_at="2024-01-20 00:00:00",
             completed_at="2024-01-15 12:00:00"),  # on time
        _act(5, "r1", "task", "2024-02-05 09:00:00"),  # no due date
        _act(6, "r1", "call", "2024-01-05 09:00:00", due_at="2024-01-06 00:00:00"))  # fmt: skip
    ws = workspace
    frame = ws.kpi("overdue_tasks", **Q1)
    # Jan 31: t1, t3 (t2 is due that day); Feb 29: t1, t2; Mar 31: t1, t2
    assert values(frame) == [2.0, 2.0, 2.0]


def test_touches_per_deal_count_activities_up_to_the_close(workspace: Workspace) -> None:
    add(workspace, "opportunities",
        deal("w1", "won", "2024-01-20"), deal("w2", "won", "2024-01-25"),
        deal("l1", "lost", "2024-01-28"), deal("o1", "open", "2024-03-01"))  # fmt: skip
    add(workspace, "activities",
        _act(1, "r1", "meeting", "2024-01-05 10:00:00", opportunity_id="w1"),
        _act(2, "r1", "proposal", "2024-01-10 10:00:00", opportunity_id="w1"),
        _act(3, "r1", "call", "2024-01-20 18:00:00", opportunity_id="w1"),  # on the close day
        _act(4, "r1", "call", "2024-01-22 10:00:00", opportunity_id="w1"),  # after the close
        _act(5, "r1", "meeting", "2024-01-12 10:00:00", opportunity_id="l1"),
        _act(6, "r1", "call", "2024-01-13 10:00:00", opportunity_id="o1"))  # fmt: skip
    ws = workspace
    got = ws.kpis(["touches_per_won_deal", "touches_per_lost_deal",
                   "meetings_per_opportunity", "proposals_per_opportunity"], **JAN)  # fmt: skip
    assert values(got["touches_per_won_deal"]) == [1.5]  # (3 + 0) / 2
    assert values(got["touches_per_lost_deal"]) == [1.0]
    assert values(got["meetings_per_opportunity"]) == [0.67]  # 2 / 3 closed deals
    assert values(got["proposals_per_opportunity"]) == [0.33]


def test_quota_attainment_reps_at_quota_and_ramp(workspace: Workspace) -> None:
    add(workspace, "reps",
        {"rep_id": "r1", "team": "East", "hire_date": "2023-06-01"},
        {"rep_id": "r2", "team": "East", "hire_date": "2023-12-01"},
        {"rep_id": "r3", "team": "West", "hire_date": "2024-01-01"})  # fmt: skip
    add(workspace, "quotas",
        {"rep_id": "r1", "period_start": "2024-01-01", "period_end": "2024-03-31",
         "amount": 10_000},
        {"rep_id": "r2", "period_start": "2024-01-01", "period_end": "2024-03-31",
         "amount": 10_000},
        {"rep_id": "r3", "period_start": "2024-01-01", "period_end": "2024-03-31",
         "amount": 5_000})  # fmt: skip
    add(workspace, "opportunities",
        deal("a", "won", "2024-02-10", 12_000, owner_rep_id="r1", created_at="2023-05-01"),
        deal("b", "won", "2024-03-10", 4_000, owner_rep_id="r2"),
        deal("c", "won", "2024-03-20", 5_000, owner_rep_id="r3"),
        deal("d", "won", "2023-09-01", 1_000, owner_rep_id="r1",
             created_at="2023-05-01"))  # fmt: skip
    q1 = {"grain": "quarter", "start": "2024-01-01", "end": "2024-03-31"}
    ws = workspace
    got = ws.kpis(["quota_attainment", "reps_at_quota", "active_reps", "ramp_days"], **q1)
    teams = ws.kpi("quota_attainment", **q1, by=["team"])
    assert values(got["quota_attainment"]) == [84.0]  # 21,000 / 25,000
    assert values(got["reps_at_quota"]) == [66.67]  # r1 (12k ≥ 10k), r3 (5k ≥ 5k); not r2
    assert values(got["active_reps"]) == [3.0]
    # first wins in Q1: r2 (Dec 1 → Mar 10: 100 days), r3 (Jan 1 → Mar 20: 79 days); r1's
    # first win was in 2023
    assert values(got["ramp_days"]) == [89.5]
    assert dict(zip(teams.team, values(teams), strict=True)) == {"East": 80.0, "West": 100.0}


def test_receivables_dso_and_cei(workspace: Workspace) -> None:
    add(workspace, "accounts", {"account_id": "x"})
    add(workspace, "invoices",
        # open at the start of February, paid in it
        {"invoice_id": "i1", "account_id": "x", "issued_at": "2024-01-15", "amount": 1000,
         "due_at": "2024-02-14", "paid_at": "2024-02-10"},
        # issued in February, paid in it
        {"invoice_id": "i2", "account_id": "x", "issued_at": "2024-02-05", "amount": 500,
         "due_at": "2024-03-06", "paid_at": "2024-02-20"},
        # issued in February, not yet due at its end
        {"invoice_id": "i3", "account_id": "x", "issued_at": "2024-02-20", "amount": 300,
         "due_at": "2024-03-21"},
        # issued in February, overdue at its end, paid on March 1
        {"invoice_id": "i4", "account_id": "x", "issued_at": "2024-02-01", "amount": 200,
         "due_at": "2024-02-15", "paid_at": "2024-03-01"})  # fmt: skip
    feb = {"grain": "month", "start": "2024-02-01", "end": "2024-02-29"}
    ws = workspace
    got = ws.kpis(["accounts_receivable", "dso", "cei"], **feb)
    assert values(got["accounts_receivable"]) == [500.0]  # i3 + i4 on Feb 29
    # invoiced in February 1000 (i2, i3, i4); 500 / 1000 × 29 days
    assert values(got["dso"]) == [14.5]
    # (1000 + 1000 − 500) / (1000 + 1000 − 300) × 100
    assert values(got["cei"]) == [round(1500 / 1700 * 100, 2)]


def test_marketing_ratios_per_channel(workspace: Workspace) -> None:
    add(workspace, "spend",
        {"date": "2024-01-05", "amount": 1000, "category": "marketing", "channel": "google"},
        {"date": "2024-01-06", "amount": 500, "category": "marketing", "channel": "linkedin"},
        {"date": "2024-01-07", "amount": 700, "category": "sales",
         "channel": "google"})  # fmt: skip
    add(workspace, "web_stats",
        {"date": "2024-01-05", "channel": "google", "impressions": 10_000, "clicks": 200,
         "visitors": 180, "bounces": 90, "conversions": 10, "attributed_revenue": 3000},
        {"date": "2024-01-06", "channel": "google", "impressions": 10_000, "clicks": 100,
         "visitors": 120, "bounces": 30, "conversions": 10},
        {"date": "2024-01-06", "channel": "email", "visitors": 100, "conversions": 5})  # fmt: skip
    ws = workspace
    ids = ["cpa", "roas", "ctr", "website_conversion_rate", "bounce_rate",
           "sales_marketing_spend"]  # fmt: skip
    total = ws.kpis(ids, **JAN)
    by = ws.kpis(ids, **JAN, by=["channel"])
    assert values(total["cpa"]) == [60.0]  # 1500 / 25
    assert values(total["roas"]) == [200.0]  # 3000 / 1500
    assert values(total["ctr"]) == [1.5]  # 300 / 20,000
    assert values(total["website_conversion_rate"]) == [6.25]  # 25 / 400
    assert values(total["bounce_rate"]) == [30.0]  # 120 / 400
    assert values(total["sales_marketing_spend"]) == [2200.0]
    cpa = dict(zip(by["cpa"].channel, values(by["cpa"]), strict=True))
    assert cpa == {"email": 0.0, "google": 50.0, "linkedin": None}
    spend = dict(zip(by["sales_marketing_spend"].channel, values(by["sales_marketing_spend"]),
                     strict=True))  # fmt: skip
    assert spend == {"google": 1700.0, "linkedin": 500.0}


def test_without_their_inputs_the_new_kpis_say_what_to_load(workspace: Workspace) -> None:
    ws = workspace
    got = ws.kpis(["activities", "quota_attainment", "dso", "cpa", "email_open_rate"], **JAN)
    for kpi_id, frame in got.items():
        assert values(frame) == [None], kpi_id
        assert any("is not computed" in w for w in frame.attrs["warnings"]), kpi_id


def test_revenue_per_activity_by_rep(workspace: Workspace) -> None:
    add(workspace, "reps", {"rep_id": "r1"}, {"rep_id": "r2"})
    add(workspace, "opportunities",
        deal("w1", "won", "2024-01-10", 3_000, owner_rep_id="r1"),
        deal("w2", "won", "2024-01-20", 1_000, owner_rep_id="r2"),
        deal("l1", "lost", "2024-01-21", 9_000, owner_rep_id="r2"))  # fmt: skip
    add(workspace, "activities", *(_act(i, "r1" if i < 6 else "r2", "call",
                                       "2024-01-05 10:00:00") for i in range(8)))  # fmt: skip
    total = workspace.kpi("revenue_per_activity", **JAN)
    by_rep = workspace.kpi("revenue_per_activity", **JAN, by=["rep"])
    assert values(total) == [500.0]  # 4,000 / 8
    assert dict(zip(by_rep.rep, values(by_rep), strict=True)) == {"r1": 500.0, "r2": 500.0}
