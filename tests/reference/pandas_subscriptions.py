"""A deliberately plain pandas reference of the customer and subscription KPIs (spec/kpis.md,
"Customers and subscription revenue"), written from the spec, docs/kpi-conventions.md and the
conventions agreed for these KPIs alone (it never looks at the engine or the catalog).

Same entry signature and output shape as `tests/reference/pandas_kpis.py`:
``(tables, grain, start, end, by, where, as_of, settings) -> DataFrame`` with `period_start`,
one column per `by` dimension, `value`, `numerator`, `denominator`. Loops over periods, keys
and subscriptions are on purpose: the fixture (tests/fixtures/subs_small) is tiny.

Conventions implemented here:
- a subscription is active on day d when start_date <= d < end_date (empty end = open);
- a *key* is (account_id, values of the `by` dimensions); only `plan` is a subscription-level
  dimension, so only `by=["plan"]` splits an account into several keys;
- the start day of a period is the day before its own first day (grain total: the day before
  `start`), its end day min(last day, `end`);
- a key is a customer on a day when the raw mrr of its active subscriptions is > 0;
- a key with a subscription active on the start or end day in a currency without a rate that
  day is left out of every money KPI of that period; count KPIs keep it;
- mrr_new vs mrr_reactivation looks at the key's customer status on the last day of every
  earlier period of the grain (any earlier day at grain day, any day before `start` at total);
- sales_marketing_spend / cac / ltv_to_cac take no dimensions; spend is in base currency
  (spend.amount, `date` in the period's part inside [start, end]); cac's denominator is the
  accounts whose customer_since (earliest start_date with mrr > 0, all plans) lies in that
  part; without a spend table (or with an empty one) all three are null in every period.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from tests.reference.pandas_kpis import (
    Cell,
    Request,
    add_months,
    as_date,
    count_cell,
    day_of,
    filter_where,
    in_window,
    missing,
    period_containing,
    periods,
    ratio,
    run,
    sort_key,
)

Tables = dict[str, pd.DataFrame]

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "subs_small"

REP_DIMS = ("rep", "team", "manager", "region")
ACCOUNT_DIMS = ("industry", "segment", "country", "account_region")
SUB_DIMS = ("plan", *ACCOUNT_DIMS, *REP_DIMS)
ROW_DIMS = (*ACCOUNT_DIMS, *REP_DIMS)  # invoices and surveys: no plan

ONE_DAY = dt.timedelta(days=1)

# -- loading -------------------------------------------------------------------------------
#: Column types of the seven fixture tables (schema.md); anything not listed is str.
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "reps": {"hire_date": "date", "end_date": "date"},
    "accounts": {"employees": "num", "annual_revenue": "num", "created_at": "date"},
    "subscriptions": {"start_date": "date", "end_date": "date", "mrr": "num"},
    "invoices": {"issued_at": "date", "amount": "num", "due_at": "date", "paid_at": "date"},
    "surveys": {"score": "num", "responded_at": "date"},
    "fx_rates": {"date": "date", "rate": "num"},
    "spend": {"date": "date", "amount": "num"},
}
TABLE_NAMES = tuple(COLUMN_TYPES)


def settings(fiscal_year_start_month: int = 1) -> dict[str, Any]:
    return {"base_currency": "USD", "fiscal_year_start_month": fiscal_year_start_month}


def load_tables(directory: Path = FIXTURE_DIR) -> Tables:
    """The subs_small CSVs as DataFrames: empty fields (quoted or not) become None/NaN/NaT,
    dates and timestamps become `pd.Timestamp`, numbers float, everything else str."""
    out: Tables = {}
    for table, types in COLUMN_TYPES.items():
        raw = pd.read_csv(directory / f"{table}.csv", dtype=str, keep_default_na=False)
        df = pd.DataFrame(index=raw.index)
        for name in raw.columns:
            col = raw[name].astype(object).where(raw[name] != "", None)
            kind = types.get(name, "str")
            if kind == "date":
                df[name] = pd.to_datetime(col, format="ISO8601")
            elif kind == "num":
                df[name] = pd.to_numeric(col).astype(float)
            else:
                df[name] = col.astype(object)
        out[table] = df
    return out


# -- building blocks -------------------------------------------------------------------------
def clean(value: Any) -> str | None:
    return None if missing(value) or value is None or pd.isna(value) or value == "" else str(value)


@dataclass
class Sub:
    start: dt.date
    end: dt.date | None
    mrr: float
    currency: Any

    def active(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, lo: dt.date, hi: dt.date) -> bool:
        """Active on some day of [lo, hi] (start <= hi and end > lo)."""
        return self.start <= hi and (self.end is None or self.end > lo)


@dataclass
class Key:
    account: str
    dims: tuple[Any, ...]
    subs: list[Sub] = field(default_factory=list)

    def raw(self, day: dt.date) -> float:
        return sum(s.mrr for s in self.subs if s.active(day))

    def customer(self, day: dt.date) -> bool:
        return self.raw(day) > 0

    def since(self) -> dt.date | None:
        days = [s.start for s in self.subs if s.mrr > 0]
        return min(days) if days else None


def usd(req: Request, key: Key, day: dt.date) -> float | None:
    """The key's MRR on ``day`` in base currency; None when an active subscription has no rate."""
    total = 0.0
    for s in key.subs:
        if s.active(day):
            rate = req.rate(s.currency, day)
            if rate is None:
                return None
            total += s.mrr * rate
    return total


def usd_partial(req: Request, subs: list[Sub], day: dt.date) -> float:
    """Σ converted MRR of the active subscriptions that have a rate (the others left out)."""
    total = 0.0
    for s in subs:
        if s.active(day):
            rate = req.rate(s.currency, day)
            if rate is not None:
                total += s.mrr * rate
    return total


def enriched_accounts(req: Request) -> dict[str, dict[str, Any]]:
    """account_id -> its account-level dimensions (rep dims via owner_rep_id -> reps)."""
    reps = {r.rep_id: r for r in req.tables["reps"].itertuples()}
    out: dict[str, dict[str, Any]] = {}
    for a in req.tables["accounts"].itertuples():
        owner = clean(a.owner_rep_id)
        rep = reps.get(owner) if owner is not None else None
        out[a.account_id] = {
            "industry": clean(a.industry),
            "segment": clean(a.segment),
            "country": clean(a.country),
            "account_region": clean(a.region),
            "rep": owner,
            "team": clean(rep.team) if rep is not None else None,
            "manager": clean(rep.manager) if rep is not None else None,
            "region": clean(rep.region) if rep is not None else None,
        }
    return out


def subscription_rows(req: Request) -> pd.DataFrame:
    """Subscriptions with every dimension column, `where` applied."""
    acc = enriched_accounts(req)
    rows = []
    for s in req.tables["subscriptions"].itertuples():
        dims = acc.get(s.account_id, dict.fromkeys(ROW_DIMS))
        rows.append(
            {
                "account_id": s.account_id,
                "start": as_date(s.start_date),
                "end": day_of(s.end_date),
                "mrr": float(s.mrr),
                "currency": s.currency,
                "plan": clean(s.plan),
                **dims,
            }
        )
    cols = ["account_id", "start", "end", "mrr", "currency", *SUB_DIMS]
    df = pd.DataFrame(rows, columns=cols)
    for dim in SUB_DIMS:
        df[dim] = pd.Series([r[dim] for r in rows], index=df.index, dtype=object)
    return filter_where(df, req.where)


def build_keys(req: Request) -> list[Key]:
    keys: dict[tuple[Any, ...], Key] = {}
    for row in subscription_rows(req).to_dict("records"):
        dims = tuple(row[d] for d in req.by)
        k = (row["account_id"], *dims)
        if k not in keys:
            keys[k] = Key(row["account_id"], dims)
        keys[k].subs.append(Sub(row["start"], row["end"], row["mrr"], row["currency"]))
    return list(keys.values())


# -- periods --------------------------------------------------------------------------------
def start_day(first: dt.date) -> dt.date:
    """The stock day before a period: the day before its own first day."""
    return first - ONE_DAY


def was_customer_before(req: Request, key: Key, first: dt.date, earliest: dt.date) -> bool:
    """Customer on the last day of some period of the grain ending before ``first``."""
    if req.grain in ("day", "total"):
        # any earlier day: a subscription with mrr > 0 active on a day < first
        return any(
            s.mrr > 0 and s.start < first and (s.end is None or s.end > s.start) for s in key.subs
        )
    _, last = period_containing(earliest, req.grain, req.fy_month)
    while last < first:
        if key.customer(last):
            return True
        _, last = period_containing(last + ONE_DAY, req.grain, req.fy_month)
    return False


@dataclass
class Move:
    """One key in one period: customer status and (None = money-excluded) MRR at both days."""

    key: Key
    cs: bool
    ce: bool
    s: float | None
    e: float | None
    before: bool  # was a customer on an earlier period end

    @property
    def money(self) -> bool:
        return self.s is not None and self.e is not None


def moves(
    req: Request, keys: list[Key], first: dt.date, sday: dt.date, eday: dt.date
) -> list[Move]:
    earliest = min((s.start for k in keys for s in k.subs), default=first)
    out = []
    for k in keys:
        out.append(
            Move(
                key=k,
                cs=k.customer(sday),
                ce=k.customer(eday),
                s=usd(req, k, sday),
                e=usd(req, k, eday),
                before=was_customer_before(req, k, first, earliest),
            )
        )
    return out


# -- KPI cells (from the moves of one slice in one period) ----------------------------------------
def _money(ms: list[Move]) -> list[tuple[float, float, Move]]:
    return [(m.s, m.e, m) for m in ms if m.money]  # type: ignore[misc]


def c_mrr(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(e for _, e, _ in _money(ms)))


def c_arr(ms: list[Move], **_: Any) -> Cell:
    return count_cell(12 * sum(e for _, e, _ in _money(ms)))


def c_active(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(m.ce for m in ms))


def c_arpa(ms: list[Move], **_: Any) -> Cell:
    money = _money(ms)
    return ratio(sum(e for _, e, _ in money), float(sum(e > 0 for _, e, _ in money)), False)


def c_new(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(e for s, e, m in _money(ms) if s == 0 and e > 0 and not m.before))


def c_reactivation(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(e for s, e, m in _money(ms) if s == 0 and e > 0 and m.before))


def c_expansion(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(e - s for s, e, _ in _money(ms) if 0 < s < e))


def c_contraction(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(s - e for s, e, _ in _money(ms) if 0 < e < s))


def c_churn(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(s for s, e, _ in _money(ms) if s > 0 and e == 0))


def c_net_new(ms: list[Move], **_: Any) -> Cell:
    return count_cell(sum(e - s for s, e, _ in _money(ms)))


def churn_parts(ms: list[Move]) -> tuple[float, float]:
    return float(sum(m.cs and not m.ce for m in ms)), float(sum(m.cs for m in ms))


def c_customer_churn(ms: list[Move], **_: Any) -> Cell:
    return ratio(*churn_parts(ms), True)


def c_retention(ms: list[Move], first: dt.date, eday: dt.date, **_: Any) -> Cell:
    ended = sum(m.ce for m in ms)
    new = 0
    for m in ms:
        since = m.key.since()
        new += since is not None and first <= since <= eday
    return ratio(float(ended - new), float(sum(m.cs for m in ms)), True)


def _start_base(ms: list[Move]) -> list[tuple[float, float]]:
    return [(s, e) for s, e, _ in _money(ms) if s > 0]


def c_grr(ms: list[Move], **_: Any) -> Cell:
    base = _start_base(ms)
    return ratio(sum(min(s, e) for s, e in base), sum(s for s, _ in base), True)


def c_nrr(ms: list[Move], **_: Any) -> Cell:
    base = _start_base(ms)
    return ratio(sum(e for _, e in base), sum(s for s, _ in base), True)


def c_revenue_churn(ms: list[Move], **_: Any) -> Cell:
    base = _start_base(ms)
    return ratio(sum(max(s - e, 0.0) for s, e in base), sum(s for s, _ in base), True)


def c_quick(ms: list[Move], **_: Any) -> Cell:
    money = _money(ms)
    up = sum(max(e - s, 0.0) for s, e, _ in money)
    down = sum(max(s - e, 0.0) for s, e, _ in money)
    return ratio(up, down, False)


def c_clv(ms: list[Move], req: Request, keys: list[Key], eday: dt.date, **_: Any) -> Cell:
    arpa = c_arpa(ms)[0]
    month = eday.replace(day=1)
    rates = []
    for i in range(5, -1, -1):
        m_first = add_months(month, -i)
        m_end = eday if i == 0 else add_months(m_first, 1) - ONE_DAY
        num, den = churn_parts(moves(req, keys, m_first, start_day(m_first), m_end))
        if den > 0:
            rates.append(100.0 * num / den)
    den = sum(rates) / len(rates) / 100.0 if rates else None
    if arpa is None or den is None or den == 0:
        return None, arpa, den
    return arpa / den, arpa, den


STOCK = "stock"
MOVEMENT = "movement"


def _sub_kpi(cell: Callable[..., Cell], population: str) -> Callable[..., pd.DataFrame]:
    def kpi(*args: Any) -> pd.DataFrame:
        req = Request(*args)
        keys = build_keys(req)
        windows = [(f, start_day(f), req.window(f, la)[1]) for f, la in req.periods]

        def in_pop(k: Key) -> bool:
            if population == STOCK:
                return any(s.active(e) for s in k.subs for _, _, e in windows)
            return any(s.overlaps(sd, e) for s in k.subs for _, sd, e in windows)

        slices = sorted({k.dims for k in keys if in_pop(k)}, key=sort_key) if req.by else [()]
        rows = []
        for dims in slices:
            sub = [k for k in keys if k.dims == dims] if req.by else keys
            for first, sday, eday in windows:
                ms = moves(req, sub, first, sday, eday)
                value, num, den = cell(ms, req=req, keys=sub, first=first, eday=eday)
                rows.append(
                    {
                        "period_start": first,
                        **dict(zip(req.by, dims, strict=True)),
                        "value": value,
                        "numerator": num,
                        "denominator": den,
                    }
                )
        return out_frame(req, rows)

    return kpi


def out_frame(req: Request, rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = ["period_start", *req.by, "value", "numerator", "denominator"]
    out = pd.DataFrame(rows, columns=cols)
    for dim in req.by:
        out[dim] = pd.Series([r[dim] for r in rows], index=out.index, dtype=object)
    for col in ("value", "numerator", "denominator"):
        out[col] = [float("nan") if v is None else float(v) for v in out[col]]
    return out


# -- invoices and surveys ----------------------------------------------------------------------
def with_dims(req: Request, df: pd.DataFrame) -> pd.DataFrame:
    acc = enriched_accounts(req)
    out = df.copy()
    for dim in ROW_DIMS:
        values = [acc[a][dim] if (not missing(a) and a in acc) else None for a in out["account_id"]]
        out[dim] = pd.Series(values, index=out.index, dtype=object)
    return out


def average_order_value(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    inv = with_dims(req, req.tables["invoices"])

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        num, den = 0.0, 0.0
        for row in df.itertuples():
            if in_window(row.issued_at, lo, hi):
                rate = req.rate(row.currency, as_date(row.issued_at))
                if rate is not None:
                    num += float(row.amount) * rate
                    den += 1
        return ratio(num, den, False)

    return run(
        req, inv, lambda df: [in_window(d, req.start, req.end) for d in df["issued_at"]], cell
    )


def repeat_purchase_rate(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    inv = with_dims(req, req.tables["invoices"])

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        now = {
            a
            for a, d in zip(df["account_id"], df["issued_at"], strict=True)
            if in_window(d, lo, hi)
        }
        earlier = {
            a for a, d in zip(df["account_id"], df["issued_at"], strict=True) if as_date(d) < lo
        }
        return ratio(float(len(now & earlier)), float(len(now)), True)

    return run(
        req, inv, lambda df: [in_window(d, req.start, req.end) for d in df["issued_at"]], cell
    )


def _survey(kind: str) -> Callable[..., pd.DataFrame]:
    def kpi(*args: Any) -> pd.DataFrame:
        req = Request(*args)
        sv = req.tables["surveys"]
        sv = sv[[str(t).lower() == kind for t in sv["type"]]]
        sv = with_dims(req, sv)

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            scores = [
                s
                for s, d in zip(df["score"], df["responded_at"], strict=True)
                if in_window(d, lo, hi)
            ]
            if kind == "nps":
                num = sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)
            else:
                num = sum(s >= 4 for s in scores)
            return ratio(float(num), float(len(scores)), True)

        return run(
            req, sv, lambda df: [in_window(d, req.start, req.end) for d in df["responded_at"]], cell
        )

    return kpi


# -- cost: spend, cac, ltv_to_cac ------------------------------------------------------------
def _no_dims(kpi: str, req: Request) -> None:
    if req.by or req.where:
        raise ValueError(f"{kpi}: no dimensions supported")


def _spend_rows(req: Request) -> pd.DataFrame | None:
    """The spend table, None when it is not loaded (or has no rows): the KPI is then null."""
    sp = req.tables.get("spend")
    return None if sp is None or len(sp) == 0 else sp


def _spend_in(sp: pd.DataFrame, lo: dt.date, hi: dt.date) -> float:
    return float(
        sum(
            float(a)
            for d, a in zip(sp["date"], sp["amount"], strict=True)
            if in_window(d, lo, hi) and not missing(a)
        )
    )


def sales_marketing_spend(*args: Any) -> pd.DataFrame:
    """Σ spend.amount with `date` in the period (clipped to [start, end]); a sum: 0 when empty."""
    req = Request(*args)
    _no_dims("sales_marketing_spend", req)
    sp = _spend_rows(req)
    rows = []
    for first, last in req.periods:
        lo, hi = req.window(first, last)
        value = None if sp is None else _spend_in(sp, lo, hi)
        rows.append({"period_start": first, "value": value, "numerator": None, "denominator": None})
    return out_frame(req, rows)


def cac(*args: Any) -> pd.DataFrame:
    """Σ spend in the period / accounts whose customer_since (earliest start_date of a
    subscription with mrr > 0, all plans) lies in the period's [lo, hi]."""
    req = Request(*args)
    _no_dims("cac", req)
    sp = _spend_rows(req)
    since = [k.since() for k in build_keys(req)]  # by = []: one key per account
    rows = []
    for first, last in req.periods:
        lo, hi = req.window(first, last)
        if sp is None:
            rows.append(
                {"period_start": first, "value": None, "numerator": None, "denominator": None}
            )
            continue
        num = _spend_in(sp, lo, hi)
        den = float(sum(s is not None and lo <= s <= hi for s in since))
        value, num_, den_ = ratio(num, den, False)
        rows.append({"period_start": first, "value": value, "numerator": num_, "denominator": den_})
    return out_frame(req, rows)


def ltv_to_cac(*args: Any) -> pd.DataFrame:
    """clv(p) / cac(p) at the same request; null when either is null or cac is 0."""
    req = Request(*args)
    _no_dims("ltv_to_cac", req)
    clv = REFERENCE["clv"](*args).set_index("period_start")["value"]
    cost = REFERENCE["cac"](*args).set_index("period_start")["value"]
    rows = []
    for first, _ in req.periods:
        num, den = float(clv[first]), float(cost[first])
        value = None if math.isnan(num) or math.isnan(den) or den == 0 else num / den
        rows.append({"period_start": first, "value": value, "numerator": num, "denominator": den})
    return out_frame(req, rows)


REFERENCE: dict[str, Callable[..., pd.DataFrame]] = {
    "mrr": _sub_kpi(c_mrr, STOCK),
    "arr": _sub_kpi(c_arr, STOCK),
    "active_customers": _sub_kpi(c_active, STOCK),
    "arpa": _sub_kpi(c_arpa, STOCK),
    "mrr_new": _sub_kpi(c_new, MOVEMENT),
    "mrr_reactivation": _sub_kpi(c_reactivation, MOVEMENT),
    "mrr_expansion": _sub_kpi(c_expansion, MOVEMENT),
    "mrr_contraction": _sub_kpi(c_contraction, MOVEMENT),
    "mrr_churn": _sub_kpi(c_churn, MOVEMENT),
    "net_new_mrr": _sub_kpi(c_net_new, MOVEMENT),
    "customer_churn_rate": _sub_kpi(c_customer_churn, MOVEMENT),
    "customer_retention_rate": _sub_kpi(c_retention, MOVEMENT),
    "gross_revenue_retention": _sub_kpi(c_grr, MOVEMENT),
    "net_revenue_retention": _sub_kpi(c_nrr, MOVEMENT),
    "revenue_churn_rate": _sub_kpi(c_revenue_churn, MOVEMENT),
    "quick_ratio": _sub_kpi(c_quick, MOVEMENT),
    "clv": _sub_kpi(c_clv, STOCK),
    "average_order_value": average_order_value,
    "repeat_purchase_rate": repeat_purchase_rate,
    "nps": _survey("nps"),
    "csat": _survey("csat"),
    "sales_marketing_spend": sales_marketing_spend,
    "cac": cac,
    "ltv_to_cac": ltv_to_cac,
}

NO_DIM_KPIS = ("sales_marketing_spend", "cac", "ltv_to_cac")
ROW_DIM_KPIS = ("average_order_value", "repeat_purchase_rate", "nps", "csat")

SUPPORTED_DIMS: dict[str, tuple[str, ...]] = {
    kpi: () if kpi in NO_DIM_KPIS else ROW_DIMS if kpi in ROW_DIM_KPIS else SUB_DIMS
    for kpi in REFERENCE
}


# -- cohorts and the MRR waterfall ---------------------------------------------------------------
def cohorts(
    tables: Tables,
    grain: str,
    start: Any,
    end: Any,
    metric: str,
    as_of: Any,
    settings: dict[str, Any],
) -> pd.DataFrame:
    """Long format: cohort (period_start), size, start_mrr, period (k), value (percent).

    Cohorts without members are not listed. Measure day of k = last day of the k-th period
    after the cohort's, clipped to as_of; no column for periods starting after as_of."""
    if grain not in ("month", "quarter"):
        raise ValueError("cohorts: grain month or quarter")
    if metric not in ("logo", "revenue"):
        raise ValueError("cohorts: metric logo or revenue")
    req = Request(tables, grain, start, end, [], {}, as_of, settings)
    keys = build_keys(req)  # one key per account
    rows = []
    for first, last in req.periods:
        lo, hi = req.window(first, last)
        members = [k for k in keys if (s := k.since()) is not None and lo <= s <= hi]
        if not members:
            continue
        subs = [s for k in members for s in k.subs]
        p_first, p_last = first, last
        k = 0
        base: float | None = None
        while p_first <= req.as_of:
            day = min(p_last, req.as_of)
            money = usd_partial(req, subs, day)
            if k == 0:
                base = money
            if metric == "logo":
                value: float | None = 100.0 * sum(m.customer(day) for m in members) / len(members)
            else:
                value = None if not base else 100.0 * money / base
            rows.append(
                {
                    "cohort": first,
                    "size": len(members),
                    "start_mrr": base,
                    "period": k,
                    "value": value,
                }
            )
            p_first, p_last = period_containing(p_last + ONE_DAY, grain, req.fy_month)
            k += 1
    out = pd.DataFrame(rows, columns=["cohort", "size", "start_mrr", "period", "value"])
    out["value"] = [float("nan") if v is None else float(v) for v in out["value"]]
    return out


def mrr_waterfall(
    tables: Tables, grain: str, start: Any, end: Any, settings: dict[str, Any]
) -> pd.DataFrame:
    req = Request(tables, grain, start, end, [], {}, end, settings)
    keys = build_keys(req)
    rows = []
    for first, last in req.periods:
        eday = req.window(first, last)[1]
        ms = moves(req, keys, first, start_day(first), eday)
        money = _money(ms)
        rows.append(
            {
                "period_start": first,
                "start_mrr": sum(s for s, _, _ in money),
                "new": c_new(ms)[0],
                "reactivation": c_reactivation(ms)[0],
                "expansion": c_expansion(ms)[0],
                "contraction": c_contraction(ms)[0],
                "churn": c_churn(ms)[0],
                "end_mrr": sum(e for _, e, _ in money),
            }
        )
    cols = [
        "period_start",
        "start_mrr",
        "new",
        "reactivation",
        "expansion",
        "contraction",
        "churn",
        "end_mrr",
    ]
    return pd.DataFrame(rows, columns=cols)


__all__ = [
    "REFERENCE",
    "SUPPORTED_DIMS",
    "cohorts",
    "load_tables",
    "mrr_waterfall",
    "periods",
    "settings",
]
