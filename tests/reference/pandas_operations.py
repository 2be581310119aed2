"""A deliberately plain pandas reference of the activity, team, finance and marketing KPIs
(spec/kpis.md "Cost and marketing", "Activity", "Team", "Finance"), written from the spec,
docs/kpi-conventions.md and the conventions agreed for these KPIs alone (it never looks at the
engine or the catalog).

Same entry signature and output shape as `tests/reference/pandas_kpis.py`:
``(tables, grain, start, end, by, where, as_of, settings) -> DataFrame`` with `period_start`,
one column per `by` dimension, `value`, `numerator`, `denominator` (NaN when undefined; sums
and counts report value only, like `pandas_kpis`). Loops over periods and rows are on purpose:
the fixture (tests/fixtures/ops_small) is tiny and the point is to be obviously right.

Conventions implemented here (the agreed conventions file, read literally):
- periods, clipping to [start, end] (lo/hi = the period's part inside it), every period
  listed, sums/counts 0 and ratios null when nothing, a zero denominator gives a null value
  with numerator and denominator still reported; percent KPIs x 100; fiscal quarters/years;
- a slice is listed when the KPI's own input rows (anchor in [start, end], *before* rows are
  dropped for a missing fx rate or a missing measure such as a call without duration) include
  it; stock KPIs: a row counted on some period's last day; KPIs of two row sets (cpa, roas,
  activities_per_rep_day by rep dimensions, revenue_per_activity, quota_attainment, dso, cei):
  the union of both sides; empty or NULL dimension values form the null slice;
- enumerated values (activity type, direction, spend category) are compared trimmed and
  lower-case; opened / replied: null = false;
- marketing: dimension `channel`; spend and web_stats are in the base currency; web_stats
  counts null = 0; cpa / roas slices come from marketing spend rows and web_stats rows,
  ctr / website_conversion_rate / bounce_rate from web_stats rows, sales_marketing_spend from
  every spend row (any category). No web_stats row at all -> cpa, roas, ctr,
  website_conversion_rate, bounce_rate null everywhere (value, numerator, denominator). Where
  the conventions file is silent, docs/kpi-conventions.md: no marketing spend row at all ->
  cpa and roas null everywhere; no spend table -> sales_marketing_spend null everywhere;
- activities: anchor = occurred_at's date; rep dims via activities.rep_id (a rep id not in
  reps keeps `rep`, its team/manager/region are null), account dims via activities.account_id
  only, `activity_type` = type;
- active reps: role `manager` excluded; since = hire_date, else the rep's first record (deal
  created, lead created when a leads table is given, activity); active when since <= hi and
  (end_date empty or end_date >= lo);
- activities_per_rep_day = activities of the slice / (active reps of the slice x Monday-Friday
  days of [lo, hi]); reps have no activity_type, so every type gets the same denominator;
- email rates over sent emails (type email, direction not `inbound`); reply rate = replied /
  (opened or replied). Where the conventions file is silent, docs/kpi-conventions.md: when no
  email of the activities table carries an `opened` value, both rates are null everywhere;
- overdue_tasks on hi: created (occurred_at) <= hi, due_at date < hi, completed_at null or its
  date > hi;
- per-deal KPIs: deals closed in [lo, hi] (by close_date), numerator = linked activities with
  occurred_at date <= the deal's close_date (no lower bound), denominator = those deals;
  dimensions are the deal's;
- revenue = Σ amount of won deals closed in [lo, hi], converted at close_date; a currency
  without a rate is left out (see `fx_left_out`); owner = owner_rep_id;
- quota_attainment: Σ quotas with period_start in [lo, hi] of the slice's reps (also reps who
  have left: the file says "the slice's reps", not "active reps");
- reps_at_quota: active reps whose quotas starting in [lo, hi] add up to > 0; a rep with a won
  deal closed in [lo, hi] in a currency without a rate is left out of both sides;
- ramp_days: reps with a hire_date whose first won deal ever (min close_date of the won deals
  they own, whatever the currency) lies in [lo, hi]: mean (close_date - hire_date) in days.
  Managers and reps hired before the workspace's first deal are *not* left out (the
  conventions file does not say so; docs/kpi-conventions.md does, see the fixture README);
- finance: money at the invoice's issued_at rate (no rate -> left out); receivable on d:
  issued_at <= d and (paid_at null or paid_at > d); dso = AR(hi) x days / invoiced[lo, hi]
  (numerator reported AR x days); cei with AR_start = AR(lo - 1), AR_current = AR(hi) of
  invoices with due_at > hi (no due_at = due at issue, so never current).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from tests.reference.pandas_kpis import (
    Cell,
    Request,
    as_date,
    count_cell,
    day_of,
    filter_where,
    in_window,
    missing,
    pick,
    ratio,
    run,
    select_slice,
    slice_key,
    sort_key,
)

Tables = dict[str, pd.DataFrame]

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "ops_small"

REP_DIMS = ("rep", "team", "manager", "region")
ACCOUNT_DIMS = ("industry", "segment", "country", "account_region")
OPP_DIMS = (*REP_DIMS, *ACCOUNT_DIMS, "source", "product", "type", "stage")
ACTIVITY_DIMS = (*REP_DIMS, "activity_type", *ACCOUNT_DIMS)
CHANNEL_DIMS = ("channel",)
FINANCE_DIMS = (*ACCOUNT_DIMS, *REP_DIMS)

ONE_DAY = dt.timedelta(days=1)

# -- loading -----------------------------------------------------------------------------------
#: Column types of the nine fixture tables (schema.md); anything not listed is str.
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "reps": {"hire_date": "date", "end_date": "date"},
    "quotas": {"period_start": "date", "period_end": "date", "amount": "num"},
    "accounts": {"employees": "num", "annual_revenue": "num", "created_at": "date"},
    "opportunities": {
        "created_at": "date",
        "close_date": "date",
        "amount": "num",
        "probability": "num",
        "contract_months": "num",
    },
    "activities": {
        "occurred_at": "date",
        "duration_minutes": "num",
        "opened": "bool",
        "replied": "bool",
        "due_at": "date",
        "completed_at": "date",
    },
    "invoices": {"issued_at": "date", "amount": "num", "due_at": "date", "paid_at": "date"},
    "spend": {"date": "date", "amount": "num"},
    "web_stats": {
        "date": "date",
        "impressions": "num",
        "clicks": "num",
        "visitors": "num",
        "bounces": "num",
        "conversions": "num",
        "attributed_revenue": "num",
    },
    "fx_rates": {"date": "date", "rate": "num"},
}
TABLE_NAMES = tuple(COLUMN_TYPES)


def settings(fiscal_year_start_month: int = 1) -> dict[str, Any]:
    return {"base_currency": "USD", "fiscal_year_start_month": fiscal_year_start_month}


def load_tables(directory: Path = FIXTURE_DIR) -> Tables:
    """The ops_small CSVs as DataFrames: empty fields (quoted or not) become None/NaN/NaT,
    dates and timestamps `pd.Timestamp`, numbers float, booleans True/False/None, the rest str."""
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
            elif kind == "bool":
                df[name] = pd.Series(
                    [None if v is None else str(v).lower() in ("true", "1", "yes") for v in col],
                    index=df.index,
                    dtype=object,
                )
            else:
                df[name] = col.astype(object)
        out[table] = df
    return out


# -- small helpers -----------------------------------------------------------------------------
def rows_of(df: pd.DataFrame) -> list[Any]:
    """The rows as named tuples (typed Any: the frames hold plain Python values)."""
    return list(df.itertuples())


def clean(value: Any) -> str | None:
    """A dimension value: empty strings and missing values are None."""
    if value is None or missing(value) or pd.isna(value):
        return None
    text = str(value)
    return None if text == "" else text


def norm(value: Any) -> str:
    """An enumerated value compared trimmed and lower-case ('' when missing)."""
    text = clean(value)
    return "" if text is None else text.strip().lower()


def truthy(value: Any) -> bool:
    """opened / replied: null = false."""
    return value is not None and not pd.isna(value) and bool(value)


def num0(value: Any) -> float:
    """A count or amount where null adds nothing."""
    return 0.0 if value is None or missing(value) or pd.isna(value) else float(value)


def weekdays(lo: dt.date, hi: dt.date) -> int:
    """Monday to Friday days of [lo, hi]."""
    n, day = 0, lo
    while day <= hi:
        n += day.weekday() < 5
        day += ONE_DAY
    return n


def table(req: Request, name: str) -> pd.DataFrame | None:
    """The table, None when it is not loaded."""
    return req.tables.get(name)


def make_frame(rows: list[dict[str, Any]], cols: list[str]) -> pd.DataFrame:
    """A frame of plain rows, every column object dtype holding the values as given (None
    stays None, never NaN)."""
    df = pd.DataFrame(index=range(len(rows)))
    for col in cols:
        df[col] = pd.Series([r.get(col) for r in rows], index=df.index, dtype=object)
    return df


def check_dims(kpi: str, req: Request) -> None:
    allowed = DIMENSIONS[kpi]
    bad = [d for d in [*req.by, *req.where] if d not in allowed]
    if bad:
        raise ValueError(f"{kpi}: dimension(s) {bad} not supported; it supports {allowed}")


def null_frame(req: Request) -> pd.DataFrame:
    """Every period (no slice) with value, numerator and denominator null."""
    rows = [
        {"period_start": first, "value": None, "numerator": None, "denominator": None}
        for first, _ in req.periods
    ]
    return out_frame(req, rows)


def out_frame(req: Request, rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = ["period_start", *req.by, "value", "numerator", "denominator"]
    out = pd.DataFrame(rows, columns=cols)
    for dim in req.by:
        out[dim] = pd.Series([r.get(dim) for r in rows], index=out.index, dtype=object)
    for col in ("value", "numerator", "denominator"):
        out[col] = [float("nan") if v is None or missing(v) else float(v) for v in out[col]]
    return out


# -- dimension lookups -------------------------------------------------------------------------
def rep_lookup(req: Request) -> dict[str, dict[str, str | None]]:
    reps = table(req, "reps")
    out: dict[str, dict[str, str | None]] = {}
    if reps is None:
        return out
    for r in rows_of(reps):
        out[str(r.rep_id)] = {
            "team": clean(r.team),
            "manager": clean(r.manager),
            "region": clean(r.region),
        }
    return out


def rep_dims(req: Request, rep_id: Any) -> dict[str, str | None]:
    rid = clean(rep_id)
    known = rep_lookup(req).get(rid) if rid is not None else None
    return {
        "rep": rid,
        "team": known["team"] if known else None,
        "manager": known["manager"] if known else None,
        "region": known["region"] if known else None,
    }


def account_dims(req: Request, account_id: Any) -> dict[str, str | None]:
    acc = table(req, "accounts")
    aid = clean(account_id)
    if acc is not None and aid is not None:
        for a in rows_of(acc):
            if a.account_id == aid:
                return {
                    "industry": clean(a.industry),
                    "segment": clean(a.segment),
                    "country": clean(a.country),
                    "account_region": clean(a.region),
                }
    return dict.fromkeys(ACCOUNT_DIMS)


def account_owner(req: Request, account_id: Any) -> str | None:
    acc = table(req, "accounts")
    aid = clean(account_id)
    if acc is None or aid is None:
        return None
    for a in rows_of(acc):
        if a.account_id == aid:
            return clean(a.owner_rep_id)
    return None


# -- row sets ----------------------------------------------------------------------------------
ACT_COLS = [
    "activity_id",
    "day",
    "kind",
    "direction",
    "account_id",
    "opportunity_id",
    "duration",
    "opened",
    "replied",
    "due",
    "completed",
    *ACTIVITY_DIMS,
]


def activity_rows(req: Request) -> pd.DataFrame:
    """Activities with their dimensions; kind/direction trimmed lower-case; days as dates."""
    acts = table(req, "activities")
    rows = []
    for a in rows_of(acts) if acts is not None else []:
        duration = a.duration_minutes
        rows.append(
            {
                "activity_id": a.activity_id,
                "day": day_of(a.occurred_at),
                "kind": norm(a.type),
                "direction": norm(a.direction),
                "account_id": clean(a.account_id),
                "opportunity_id": clean(a.opportunity_id),
                "duration": None if missing(duration) or pd.isna(duration) else float(duration),
                "opened": truthy(a.opened),
                "replied": truthy(a.replied),
                "due": day_of(a.due_at),
                "completed": day_of(a.completed_at),
                "activity_type": clean(norm(a.type)),
                **rep_dims(req, a.rep_id),
                **account_dims(req, a.account_id),
            }
        )
    return make_frame(rows, ACT_COLS)


DEAL_COLS = [
    "opportunity_id",
    "status",
    "close",
    "created",
    "amount",
    "currency",
    *OPP_DIMS,
]


def deal_rows(req: Request) -> pd.DataFrame:
    opp = table(req, "opportunities")
    rows = []
    for o in rows_of(opp) if opp is not None else []:
        rows.append(
            {
                "opportunity_id": o.opportunity_id,
                "status": norm(o.status),
                "close": day_of(o.close_date),
                "created": day_of(o.created_at),
                "amount": None if missing(o.amount) or pd.isna(o.amount) else float(o.amount),
                "currency": o.currency,
                **rep_dims(req, o.owner_rep_id),
                **account_dims(req, o.account_id),
                "source": clean(o.source),
                "product": clean(o.product),
                "type": clean(o.type),
                "stage": clean(o.stage),
            }
        )
    return make_frame(rows, DEAL_COLS)


def won_in(df: pd.DataFrame, lo: dt.date, hi: dt.date) -> pd.DataFrame:
    return pick(
        df,
        [
            s == "won" and c is not None and lo <= c <= hi
            for s, c in zip(df["status"], df["close"], strict=True)
        ],
    )


def deal_value(req: Request, row: Any) -> float | None:
    """Amount at close_date in base currency: None when there is no rate (left out);
    an empty amount adds 0."""
    rate = req.rate(row.currency, row.close)
    if rate is None:
        return None
    return 0.0 if row.amount is None or missing(row.amount) else float(row.amount) * rate


def revenue_in(req: Request, df: pd.DataFrame, lo: dt.date, hi: dt.date) -> float:
    total = 0.0
    for row in rows_of(won_in(df, lo, hi)):
        value = deal_value(req, row)
        total += 0.0 if value is None else value
    return total


def rep_start(req: Request, rep: Any) -> dt.date | None:
    """hire_date, else the day of the rep's first record (deal or lead created, activity)."""
    hired = day_of(rep.hire_date)
    if hired is not None:
        return hired
    days: list[dt.date] = []
    for name, rep_col, day_col in (
        ("opportunities", "owner_rep_id", "created_at"),
        ("leads", "owner_rep_id", "created_at"),
        ("activities", "rep_id", "occurred_at"),
    ):
        t = table(req, name)
        if t is None or len(t) == 0:
            continue
        for r, d in zip(t[rep_col], t[day_col], strict=True):
            if r == rep.rep_id and day_of(d) is not None:
                days.append(day_of(d))  # type: ignore[arg-type]
    return min(days) if days else None


def is_active(req: Request, rep: Any, lo: dt.date, hi: dt.date) -> bool:
    if norm(rep.role) == "manager":
        return False
    began = rep_start(req, rep)
    ended = day_of(rep.end_date)
    return began is not None and began <= hi and (ended is None or ended >= lo)


REP_COLS = ["rep_id", "role", "hire_date", "end_date", *REP_DIMS]


def rep_rows(req: Request) -> pd.DataFrame:
    reps = table(req, "reps")
    rows = []
    for r in rows_of(reps) if reps is not None else []:
        rows.append(
            {
                "rep_id": r.rep_id,
                "role": r.role,
                "hire_date": r.hire_date,
                "end_date": r.end_date,
                **rep_dims(req, r.rep_id),
            }
        )
    return make_frame(rows, REP_COLS)


def active_pop(req: Request) -> Callable[[pd.DataFrame], list[bool]]:
    windows = [req.window(f, la) for f, la in req.periods]

    def pop(df: pd.DataFrame) -> list[bool]:
        return [any(is_active(req, r, lo, hi) for lo, hi in windows) for r in rows_of(df)]

    return pop


def where_on(df: pd.DataFrame, where: dict[str, Any]) -> pd.DataFrame:
    """`where` restricted to the dimensions the frame has (reps have no activity_type)."""
    return filter_where(df, {d: v for d, v in where.items() if d in df.columns})


def emit(
    req: Request,
    keys: list[tuple[Any, ...]],
    cell: Callable[[tuple[Any, ...], dt.date, dt.date, dt.date], Cell],
) -> pd.DataFrame:
    """One row per slice key and period; ``cell(key, first, lo, hi)``."""
    rows = []
    for key in keys:
        for first, last in req.periods:
            lo, hi = req.window(first, last)
            value, num, den = cell(key, first, lo, hi)
            rows.append(
                {
                    "period_start": first,
                    **dict(zip(req.by, key, strict=True)),
                    "value": value,
                    "numerator": num,
                    "denominator": den,
                }
            )
    return out_frame(req, rows)


def union_keys(req: Request, *pops: pd.DataFrame) -> list[tuple[Any, ...]]:
    if not req.by:
        return [()]
    keys: set[tuple[Any, ...]] = set()
    for pop in pops:
        keys |= {slice_key(row, req.by) for _, row in pop.iterrows()}
    return sorted(keys, key=sort_key)


def sub(req: Request, df: pd.DataFrame, key: tuple[Any, ...]) -> pd.DataFrame:
    return select_slice(df, req.by, key) if req.by else df


# -- marketing and spend -----------------------------------------------------------------------
MKT_COLS = [
    "src",
    "day",
    "category",
    "channel",
    "amount",
    "impressions",
    "clicks",
    "visitors",
    "bounces",
    "conversions",
    "attributed",
]


def marketing_rows(req: Request) -> pd.DataFrame:
    """Spend rows (src 'spend') and web_stats rows (src 'web') in one frame."""
    rows: list[dict[str, Any]] = []
    sp = table(req, "spend")
    for s in rows_of(sp) if sp is not None else []:
        rows.append(
            {
                "src": "spend",
                "day": day_of(s.date),
                "category": norm(s.category),
                "channel": clean(s.channel),
                "amount": num0(s.amount),
            }
        )
    web = table(req, "web_stats")
    for w in rows_of(web) if web is not None else []:
        rows.append(
            {
                "src": "web",
                "day": day_of(w.date),
                "category": None,
                "channel": clean(w.channel),
                "amount": 0.0,
                "impressions": num0(w.impressions),
                "clicks": num0(w.clicks),
                "visitors": num0(w.visitors),
                "bounces": num0(w.bounces),
                "conversions": num0(w.conversions),
                "attributed": num0(w.attributed_revenue),
            }
        )
    df = make_frame(rows, MKT_COLS)
    for col in MKT_COLS[4:]:
        df[col] = [num0(v) for v in df[col]]
    return df


def _is_mkt_spend(src: Any, category: Any) -> bool:
    return src == "spend" and category == "marketing"


def _mkt_sum(df: pd.DataFrame, col: str, lo: dt.date, hi: dt.date, src: str) -> float:
    total = 0.0
    for row in rows_of(df):
        if not (row.day is not None and lo <= row.day <= hi):
            continue
        if (src == "mkt" and _is_mkt_spend(row.src, row.category)) or src == row.src:
            total += getattr(row, col)
    return total


def sales_marketing_spend(*args: Any) -> pd.DataFrame:
    """Σ spend.amount (any category) with `date` in [lo, hi]; by channel."""
    req = Request(*args)
    check_dims("sales_marketing_spend", req)
    if table(req, "spend") is None:
        return null_frame(req) if not req.by else out_frame(req, [])
    rows = marketing_rows(req)
    rows = pick(rows, [s == "spend" for s in rows["src"]])

    def pop(df: pd.DataFrame) -> list[bool]:
        return [in_window(d, req.start, req.end) for d in df["day"]]

    return run(
        req,
        rows,
        pop,
        lambda df, f, la, lo, hi: count_cell(_mkt_sum(df, "amount", lo, hi, "spend")),
    )


def _web_loaded(req: Request) -> bool:
    web = table(req, "web_stats")
    return web is not None and len(web) > 0


def _mkt_spend_loaded(req: Request) -> bool:
    sp = table(req, "spend")
    return sp is not None and any(norm(c) == "marketing" for c in sp["category"])


def _marketing_ratio(
    kpi: str,
    num: tuple[str, str],
    den: tuple[str, str],
    percent: bool,
    needs_spend: bool,
) -> Callable[..., pd.DataFrame]:
    """ratio of Σ num column over Σ den column; (column, source) with source 'web' or 'mkt'
    (marketing spend rows)."""

    def kpi_fn(*args: Any) -> pd.DataFrame:
        req = Request(*args)
        check_dims(kpi, req)
        if not _web_loaded(req) or (needs_spend and not _mkt_spend_loaded(req)):
            return null_frame(req) if not req.by else out_frame(req, [])
        rows = marketing_rows(req)
        sides = {num[1], den[1]}

        def pop(df: pd.DataFrame) -> list[bool]:
            return [
                in_window(d, req.start, req.end)
                and (("web" in sides and s == "web") or ("mkt" in sides and _is_mkt_spend(s, c)))
                for d, s, c in zip(df["day"], df["src"], df["category"], strict=True)
            ]

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            return ratio(
                _mkt_sum(df, num[0], lo, hi, num[1]),
                _mkt_sum(df, den[0], lo, hi, den[1]),
                percent=percent,
            )

        return run(req, rows, pop, cell)

    return kpi_fn


cpa = _marketing_ratio("cpa", ("amount", "mkt"), ("conversions", "web"), False, True)
roas = _marketing_ratio("roas", ("attributed", "web"), ("amount", "mkt"), True, True)
ctr = _marketing_ratio("ctr", ("clicks", "web"), ("impressions", "web"), True, False)
website_conversion_rate = _marketing_ratio(
    "website_conversion_rate", ("conversions", "web"), ("visitors", "web"), True, False
)
bounce_rate = _marketing_ratio("bounce_rate", ("bounces", "web"), ("visitors", "web"), True, False)


# -- activities --------------------------------------------------------------------------------
def _acts(kpi: str, *args: Any) -> tuple[Request, pd.DataFrame]:
    req = Request(*args)
    check_dims(kpi, req)
    return req, activity_rows(req)


def _day_in(df: pd.DataFrame, lo: dt.date, hi: dt.date) -> pd.DataFrame:
    return pick(df, [d is not None and lo <= d <= hi for d in df["day"]])


def _act_pop(
    req: Request, keep: Callable[[Any], bool] = lambda row: True
) -> Callable[[pd.DataFrame], list[bool]]:
    def pop(df: pd.DataFrame) -> list[bool]:
        return [
            row.day is not None and req.start <= row.day <= req.end and keep(row)
            for row in rows_of(df)
        ]

    return pop


def activities(*args: Any) -> pd.DataFrame:
    req, acts = _acts("activities", *args)
    return run(
        req,
        acts,
        _act_pop(req),
        lambda df, f, la, lo, hi: count_cell(len(_day_in(df, lo, hi))),
    )


def activities_per_rep_day(*args: Any) -> pd.DataFrame:
    req, acts = _acts("activities_per_rep_day", *args)
    acts = filter_where(acts, req.where)
    reps = where_on(rep_rows(req), req.where)
    act_pop = pick(acts, _act_pop(req)(acts))
    rep_by = [d for d in req.by if d in REP_DIMS]
    if req.by and len(rep_by) == len(req.by):  # reps are slices too (union of both sides)
        keys = union_keys(req, act_pop, pick(reps, active_pop(req)(reps)))
    else:
        keys = union_keys(req, act_pop)

    def cell(key: tuple[Any, ...], first: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        n = float(len(_day_in(sub(req, acts, key), lo, hi)))
        rep_key = tuple(v for d, v in zip(req.by, key, strict=True) if d in REP_DIMS)
        slice_reps = select_slice(reps, rep_by, rep_key) if rep_by else reps
        active = sum(is_active(req, r, lo, hi) for r in rows_of(slice_reps))
        return ratio(n, float(active * weekdays(lo, hi)), percent=False)

    return emit(req, keys, cell)


def _is_sent(row: Any) -> bool:
    return row.kind == "email" and row.direction != "inbound"


def _tracking_on(req: Request) -> bool:
    """Some email of the activities table carries an `opened` value (docs: else null)."""
    raw = table(req, "activities")
    if raw is None:
        return False
    return any(
        norm(t) == "email" and v is not None and not missing(v)
        for t, v in zip(raw["type"], raw["opened"], strict=True)
    )


def _email_rate(kpi: str, reply: bool) -> Callable[..., pd.DataFrame]:
    def kpi_fn(*args: Any) -> pd.DataFrame:
        req, acts = _acts(kpi, *args)
        if not _tracking_on(req):
            return null_frame(req) if not req.by else out_frame(req, [])

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            sent = [r for r in rows_of(_day_in(df, lo, hi)) if _is_sent(r)]
            if reply:
                num = sum(r.replied for r in sent)
                den = sum(r.opened or r.replied for r in sent)
            else:
                num, den = sum(r.opened for r in sent), len(sent)
            return ratio(float(num), float(den), percent=True)

        return run(req, acts, _act_pop(req, _is_sent), cell)

    return kpi_fn


def avg_call_minutes(*args: Any) -> pd.DataFrame:
    req, acts = _acts("avg_call_minutes", *args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        minutes = [
            r.duration
            for r in rows_of(_day_in(df, lo, hi))
            if r.kind == "call" and r.duration is not None and not missing(r.duration)
        ]
        return ratio(float(sum(minutes)), float(len(minutes)), percent=False)

    return run(req, acts, _act_pop(req, lambda r: r.kind == "call"), cell)


def is_overdue(row: Any, day: dt.date) -> bool:
    return (
        row.kind == "task"
        and row.day is not None
        and row.day <= day
        and row.due is not None
        and row.due < day
        and (row.completed is None or row.completed > day)
    )


def overdue_tasks(*args: Any) -> pd.DataFrame:
    req, acts = _acts("overdue_tasks", *args)
    days = [req.window(f, la)[1] for f, la in req.periods]

    def open_task(row: Any, day: dt.date) -> bool:
        return (
            row.kind == "task"
            and row.day is not None
            and row.day <= day
            and (row.completed is None or row.completed > day)
        )

    # as aged_opportunities lists the slices with open deals: a slice with open tasks on some
    # stock day is listed (0 when none is overdue)
    def pop(df: pd.DataFrame) -> list[bool]:
        return [any(open_task(r, d) for d in days) for r in rows_of(df)]

    return run(
        req,
        acts,
        pop,
        lambda df, f, la, lo, hi: count_cell(sum(is_overdue(r, hi) for r in rows_of(df))),
    )


def _per_deal(kpi: str, statuses: tuple[str, ...], kind: str | None) -> Callable[..., pd.DataFrame]:
    """Activities (of ``kind``, any when None) linked to deals closed in [lo, hi] with a
    status in ``statuses``, up to and including each deal's close_date / those deals."""

    def kpi_fn(*args: Any) -> pd.DataFrame:
        req = Request(*args)
        check_dims(kpi, req)
        deals = deal_rows(req)
        acts = activity_rows(req)  # never filtered by `where`: the dimensions are the deal's

        def closed(df: pd.DataFrame, lo: dt.date, hi: dt.date) -> pd.DataFrame:
            return pick(
                df,
                [
                    s in statuses and c is not None and lo <= c <= hi
                    for s, c in zip(df["status"], df["close"], strict=True)
                ],
            )

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            these = closed(df, lo, hi)
            touches = 0
            for deal in rows_of(these):
                for a in rows_of(acts):
                    touches += (
                        a.opportunity_id == deal.opportunity_id
                        and (kind is None or a.kind == kind)
                        and a.day is not None
                        and a.day <= deal.close
                    )
            return ratio(float(touches), float(len(these)), percent=False)

        def pop(df: pd.DataFrame) -> list[bool]:
            return [
                s in statuses and c is not None and req.start <= c <= req.end
                for s, c in zip(df["status"], df["close"], strict=True)
            ]

        return run(req, deals, pop, cell)

    return kpi_fn


def revenue_per_activity(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("revenue_per_activity", req)
    deals = filter_where(deal_rows(req), req.where)
    acts = filter_where(activity_rows(req), req.where)
    won_pop = won_in(deals, req.start, req.end)
    act_pop = _day_in(acts, req.start, req.end)
    keys = union_keys(req, won_pop, act_pop)

    def cell(key: tuple[Any, ...], first: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        revenue = revenue_in(req, sub(req, deals, key), lo, hi)
        n = float(len(_day_in(sub(req, acts, key), lo, hi)))
        return ratio(revenue, n, percent=False)

    return emit(req, keys, cell)


def _responded(row: Any) -> bool:
    return row.direction == "inbound" or (row.kind == "email" and row.replied)


def _distinct_accounts(kpi: str, keep: Callable[[Any], bool]) -> Callable[..., pd.DataFrame]:
    def kpi_fn(*args: Any) -> pd.DataFrame:
        req, acts = _acts(kpi, *args)

        def wanted(row: Any) -> bool:
            return row.account_id is not None and keep(row)

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            accounts = {r.account_id for r in rows_of(_day_in(df, lo, hi)) if wanted(r)}
            return count_cell(len(accounts))

        return run(req, acts, _act_pop(req, wanted), cell)

    return kpi_fn


def demo_time_share(*args: Any) -> pd.DataFrame:
    req, acts = _acts("demo_time_share", *args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        timed = [
            r
            for r in rows_of(_day_in(df, lo, hi))
            if r.duration is not None and not missing(r.duration)
        ]
        demo = sum(r.duration for r in timed if r.kind == "demo")
        return ratio(float(demo), float(sum(r.duration for r in timed)), percent=True)

    return run(req, acts, _act_pop(req), cell)


# -- team --------------------------------------------------------------------------------------
def active_reps(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("active_reps", req)
    reps = rep_rows(req)
    return run(
        req,
        reps,
        active_pop(req),
        lambda df, f, la, lo, hi: count_cell(sum(is_active(req, r, lo, hi) for r in rows_of(df))),
    )


QUOTA_COLS = ["rep_id", "start", "amount", *REP_DIMS]


def quota_rows(req: Request) -> pd.DataFrame:
    q = table(req, "quotas")
    rows = []
    for r in rows_of(q) if q is not None else []:
        rows.append(
            {
                "rep_id": r.rep_id,
                "start": day_of(r.period_start),
                "amount": num0(r.amount),
                **rep_dims(req, r.rep_id),
            }
        )
    return make_frame(rows, QUOTA_COLS)


def quota_in(df: pd.DataFrame, lo: dt.date, hi: dt.date) -> float:
    return float(sum(a for s, a in zip(df["start"], df["amount"], strict=True) if lo <= s <= hi))


def quota_attainment(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("quota_attainment", req)
    deals = filter_where(deal_rows(req), req.where)
    quotas = filter_where(quota_rows(req), req.where)
    q_pop = pick(quotas, [req.start <= s <= req.end for s in quotas["start"]])
    keys = union_keys(req, won_in(deals, req.start, req.end), q_pop)

    def cell(key: tuple[Any, ...], first: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        revenue = revenue_in(req, sub(req, deals, key), lo, hi)
        return ratio(revenue, quota_in(sub(req, quotas, key), lo, hi), percent=True)

    return emit(req, keys, cell)


def _rep_quota_state(
    req: Request, rep: Any, deals: pd.DataFrame, quotas: pd.DataFrame, lo: dt.date, hi: dt.date
) -> tuple[bool, bool, bool]:
    """(counted: active with quota > 0, left out for a missing fx rate, reached quota)."""
    if not is_active(req, rep, lo, hi):
        return False, False, False
    quota = quota_in(pick(quotas, [r == rep.rep_id for r in quotas["rep_id"]]), lo, hi)
    if quota <= 0:
        return False, False, False
    own = won_in(deals, lo, hi)
    own = pick(own, [r == rep.rep_id for r in own["rep"]])
    values = [deal_value(req, d) for d in rows_of(own)]
    if any(v is None for v in values):
        return True, True, False
    return True, False, sum(v for v in values if v is not None) >= quota


def reps_at_quota(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("reps_at_quota", req)
    deals = deal_rows(req)
    quotas = quota_rows(req)
    reps = filter_where(rep_rows(req), req.where)

    def pop(df: pd.DataFrame) -> list[bool]:
        return [
            any(
                _rep_quota_state(req, r, deals, quotas, *req.window(f, la))[0]
                for f, la in req.periods
            )
            for r in rows_of(df)
        ]

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        num = den = 0
        for r in rows_of(df):
            counted, left_out, reached = _rep_quota_state(req, r, deals, quotas, lo, hi)
            if counted and not left_out:
                den += 1
                num += reached
        return ratio(float(num), float(den), percent=True)

    return run(req, reps, pop, cell)


def first_won(req: Request, rep_id: Any) -> dt.date | None:
    deals = deal_rows(req)
    days = [
        c
        for r, s, c in zip(deals["rep"], deals["status"], deals["close"], strict=True)
        if r == rep_id and s == "won" and c is not None
    ]
    return min(days) if days else None


def ramp_days(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("ramp_days", req)
    reps = rep_rows(req)
    reps["hired"] = pd.Series(
        [day_of(h) for h in reps["hire_date"]], index=reps.index, dtype=object
    )
    reps["first_won"] = pd.Series(
        [first_won(req, r) for r in reps["rep_id"]], index=reps.index, dtype=object
    )

    # reps hired before the workspace's first deal was created are left out: their first win
    # may predate the data (docs/kpi-conventions.md, Team)
    opps = table(req, "opportunities")
    created = [day_of(c) for c in opps["created_at"]] if opps is not None else []
    data_start = min((c for c in created if c is not None), default=None)

    def ramping(row: Any, lo: dt.date, hi: dt.date) -> bool:
        return (
            row.hired is not None
            and data_start is not None
            and row.hired >= data_start
            and row.first_won is not None
            and lo <= row.first_won <= hi
        )

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        days = [(r.first_won - r.hired).days for r in rows_of(df) if ramping(r, lo, hi)]
        return ratio(float(sum(days)), float(len(days)), percent=False)

    return run(
        req,
        reps,
        lambda df: [ramping(r, req.start, req.end) for r in rows_of(df)],
        cell,
    )


# -- finance -----------------------------------------------------------------------------------
INV_COLS = ["invoice_id", "issued", "due", "paid", "amount", "currency", *FINANCE_DIMS]


def invoice_rows(req: Request) -> pd.DataFrame:
    inv = table(req, "invoices")
    rows = []
    for i in rows_of(inv) if inv is not None else []:
        issued = as_date(i.issued_at)
        rate = req.rate(i.currency, issued)
        rows.append(
            {
                "invoice_id": i.invoice_id,
                "issued": issued,
                "due": day_of(i.due_at),
                "paid": day_of(i.paid_at),
                "amount": None if rate is None else num0(i.amount) * rate,  # None: no fx rate
                "currency": i.currency,
                **account_dims(req, i.account_id),
                **rep_dims(req, account_owner(req, i.account_id)),
            }
        )
    return make_frame(rows, INV_COLS)


def receivable(row: Any, day: dt.date) -> bool:
    return row.issued <= day and (row.paid is None or row.paid > day)


def ar_on(df: pd.DataFrame, day: dt.date, not_yet_due: bool = False) -> float:
    total = 0.0
    for r in rows_of(df):
        if r.amount is None or missing(r.amount) or not receivable(r, day):
            continue
        if not_yet_due and (r.due is None or r.due <= day):
            continue
        total += r.amount
    return total


def invoiced(df: pd.DataFrame, lo: dt.date, hi: dt.date) -> float:
    return float(
        sum(
            r.amount
            for r in rows_of(df)
            if lo <= r.issued <= hi and r.amount is not None and not missing(r.amount)
        )
    )


def _finance_pop(req: Request, start_days: bool) -> Callable[[pd.DataFrame], list[bool]]:
    """Invoices receivable on some stock day (and, with ``start_days``, on some lo - 1), or
    issued in [start, end] (before the fx exclusion)."""
    windows = [req.window(f, la) for f, la in req.periods]
    days = [hi for _, hi in windows] + ([lo - ONE_DAY for lo, _ in windows] if start_days else [])

    def pop(df: pd.DataFrame) -> list[bool]:
        return [
            any(receivable(r, d) for d in days) or req.start <= r.issued <= req.end
            for r in rows_of(df)
        ]

    return pop


def accounts_receivable(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("accounts_receivable", req)
    inv = invoice_rows(req)
    days = [req.window(f, la)[1] for f, la in req.periods]
    return run(
        req,
        inv,
        lambda df: [any(receivable(r, d) for d in days) for r in rows_of(df)],
        lambda df, f, la, lo, hi: count_cell(ar_on(df, hi)),
    )


def dso(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("dso", req)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        days = (hi - lo).days + 1
        return ratio(ar_on(df, hi) * days, invoiced(df, lo, hi), percent=False)

    return run(req, invoice_rows(req), _finance_pop(req, start_days=False), cell)


def cei(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("cei", req)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        start = ar_on(df, lo - ONE_DAY)
        billed = invoiced(df, lo, hi)
        end = ar_on(df, hi)
        current = ar_on(df, hi, not_yet_due=True)
        return ratio(start + billed - end, start + billed - current, percent=True)

    return run(req, invoice_rows(req), _finance_pop(req, start_days=True), cell)


# -- the catalogue -----------------------------------------------------------------------------
REFERENCE: dict[str, Callable[..., pd.DataFrame]] = {
    "cpa": cpa,
    "roas": roas,
    "ctr": ctr,
    "website_conversion_rate": website_conversion_rate,
    "bounce_rate": bounce_rate,
    "sales_marketing_spend": sales_marketing_spend,
    "activities": activities,
    "activities_per_rep_day": activities_per_rep_day,
    "email_open_rate": _email_rate("email_open_rate", reply=False),
    "email_reply_rate": _email_rate("email_reply_rate", reply=True),
    "avg_call_minutes": avg_call_minutes,
    "overdue_tasks": overdue_tasks,
    "meetings_per_opportunity": _per_deal("meetings_per_opportunity", ("won", "lost"), "meeting"),
    "touches_per_won_deal": _per_deal("touches_per_won_deal", ("won",), None),
    "touches_per_lost_deal": _per_deal("touches_per_lost_deal", ("lost",), None),
    "proposals_per_opportunity": _per_deal(
        "proposals_per_opportunity", ("won", "lost"), "proposal"
    ),
    "revenue_per_activity": revenue_per_activity,
    "accounts_contacted": _distinct_accounts(
        "accounts_contacted", lambda r: r.direction == "outbound"
    ),
    "accounts_responded": _distinct_accounts("accounts_responded", _responded),
    "demo_time_share": demo_time_share,
    "active_reps": active_reps,
    "quota_attainment": quota_attainment,
    "reps_at_quota": reps_at_quota,
    "ramp_days": ramp_days,
    "accounts_receivable": accounts_receivable,
    "dso": dso,
    "cei": cei,
}

_PER_DEAL = (
    "meetings_per_opportunity",
    "touches_per_won_deal",
    "touches_per_lost_deal",
    "proposals_per_opportunity",
)

#: Dimensions each KPI supports (the agreed conventions).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("cpa", "roas", "ctr", "website_conversion_rate", "bounce_rate", "sales_marketing_spend"),
        CHANNEL_DIMS,
    ),
    **dict.fromkeys(
        ("activities", "overdue_tasks", "accounts_contacted", "accounts_responded"),
        ACTIVITY_DIMS,
    ),
    # one type each: slicing them by activity_type says nothing (docs/kpi-conventions.md)
    **dict.fromkeys(
        ("email_open_rate", "email_reply_rate", "avg_call_minutes"),
        tuple(d for d in ACTIVITY_DIMS if d != "activity_type"),
    ),
    "activities_per_rep_day": (*REP_DIMS, "activity_type"),
    **dict.fromkeys(_PER_DEAL, OPP_DIMS),
    "revenue_per_activity": REP_DIMS,
    "demo_time_share": (*REP_DIMS, *ACCOUNT_DIMS),
    **dict.fromkeys(("active_reps", "quota_attainment", "reps_at_quota", "ramp_days"), REP_DIMS),
    **dict.fromkeys(("accounts_receivable", "dso", "cei"), FINANCE_DIMS),
}


# -- expected fx warnings ----------------------------------------------------------------------
FX_KPIS = (
    "revenue_per_activity",
    "quota_attainment",
    "reps_at_quota",
    "accounts_receivable",
    "dso",
    "cei",
)


def fx_left_out(
    kpi: str,
    tables: Tables,
    grain: str,
    start: Any,
    end: Any,
    settings: dict[str, Any],
) -> dict[dt.date, tuple[int, tuple[str, ...]]]:
    """Per period (no slicing): how many rows the KPI leaves out for a missing fx rate, and
    their currencies (upper-case, sorted). Periods with none are not listed; KPIs without
    money give {}. Rows: won deals closed in [lo, hi] (revenue_per_activity,
    quota_attainment); reps left out (reps_at_quota); invoices receivable on hi
    (accounts_receivable), or also issued in [lo, hi] (dso), or also receivable on lo - 1
    (cei)."""
    req = Request(tables, grain, start, end, [], {}, end, settings)
    out: dict[dt.date, tuple[int, tuple[str, ...]]] = {}
    if kpi not in FX_KPIS:
        return out
    deals = deal_rows(req)
    inv = invoice_rows(req)
    quotas = quota_rows(req)
    for first, last in req.periods:
        lo, hi = req.window(first, last)
        currencies: list[str] = []
        if kpi in ("revenue_per_activity", "quota_attainment"):
            for d in rows_of(won_in(deals, lo, hi)):
                if deal_value(req, d) is None:
                    currencies.append(str(d.currency).upper())
        elif kpi == "reps_at_quota":
            for r in rows_of(rep_rows(req)):
                counted, left_out, _ = _rep_quota_state(req, r, deals, quotas, lo, hi)
                if counted and left_out:
                    own = won_in(deals, lo, hi)
                    own = pick(own, [x == r.rep_id for x in own["rep"]])
                    currencies += [
                        str(d.currency).upper() for d in rows_of(own) if deal_value(req, d) is None
                    ][:1]
        else:
            for i in rows_of(inv):
                if i.amount is not None and not missing(i.amount):
                    continue
                hit = receivable(i, hi)
                hit |= kpi in ("dso", "cei") and lo <= i.issued <= hi
                hit |= kpi == "cei" and receivable(i, lo - ONE_DAY)
                if hit:
                    currencies.append(str(i.currency).upper())
        if currencies:
            out[first] = (len(currencies), tuple(sorted(set(currencies))))
    return out


__all__ = [
    "DIMENSIONS",
    "REFERENCE",
    "fx_left_out",
    "load_tables",
    "settings",
    "weekdays",
]
