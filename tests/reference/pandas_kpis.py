"""A deliberately plain pandas reference of the KPIs, written from spec/kpis.md and
docs/kpi-conventions.md alone (it never looks at the engine or the catalog).

Every entry of `REFERENCE` takes ``(tables, grain, start, end, by, where, as_of, settings)``
and returns the engine's output shape: `period_start`, one column per `by` dimension, `value`,
`numerator`, `denominator` (NaN when undefined). Loops over periods and rows are on purpose:
the fixture is small and the point is to be obviously right.

Choices where even the conventions page leaves room (documented in the fixture README):
- a slice is listed when the KPI's population (rows passing its status/anchor filter, before
  any money exclusion such as a missing fx rate or amount) has a row in [start, end]; for stock
  KPIs, an opportunity open on some period's last day; for KPIs built from several factors
  (revenue_per_rep, pipeline_velocity) the union of the factors' populations;
- revenue_growth's p-1 is the whole previous period of the grain; revenue_growth_yoy compares
  with the whole period of the grain holding the date one year before the period start (grain
  total: the window's dates shifted one year, Feb 29 -> Feb 28);
- a rep is active in a period when hired on or before the last day and not ended before the
  first day of the part of the period inside [start, end].
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

Tables = dict[str, pd.DataFrame]
Cell = tuple[float | None, float | None, float | None]  # value, numerator, denominator

REP_DIMS = ("rep", "team", "manager", "region")
ACCOUNT_DIMS = ("industry", "segment", "country", "account_region")
OPP_DIMS = (*REP_DIMS, *ACCOUNT_DIMS, "source", "product", "type", "stage")
LEAD_DIMS = ("source", *REP_DIMS, *ACCOUNT_DIMS)


# -- dates and periods ------------------------------------------------------------------
def as_date(value: Any) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def minus_year(day: dt.date) -> dt.date:
    """The same date one year earlier; Feb 29 becomes Feb 28."""
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def period_containing(day: dt.date, grain: str, fy_month: int) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar (or fiscal) period of ``grain`` holding ``day``."""
    if grain == "day":
        return day, day
    if grain == "week":
        first = day - dt.timedelta(days=day.weekday())
        return first, first + dt.timedelta(days=6)
    if grain == "month":
        first = day.replace(day=1)
        return first, add_months(first, 1) - dt.timedelta(days=1)
    if grain in ("quarter", "year"):
        span = 3 if grain == "quarter" else 12
        offset = (day.month - fy_month) % 12  # months since the fiscal year began
        first = add_months(day.replace(day=1), -(offset % span))
        return first, add_months(first, span) - dt.timedelta(days=1)
    raise ValueError(f"unknown grain {grain!r}")


def periods(
    grain: str, start: dt.date, end: dt.date, fy_month: int
) -> list[tuple[dt.date, dt.date]]:
    """Every period of ``grain`` intersecting [start, end], as (first day, last day)."""
    if grain == "total":
        return [(start, end)]
    out = []
    first, last = period_containing(start, grain, fy_month)
    while first <= end:
        out.append((first, last))
        first, last = period_containing(last + dt.timedelta(days=1), grain, fy_month)
    return out


def day_of(ts: Any) -> dt.date | None:
    """The calendar day of a timestamp or date, None when empty."""
    if ts is None or (isinstance(ts, float) and math.isnan(ts)) or pd.isna(ts):
        return None
    return as_date(ts)


def missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


# -- the request ---------------------------------------------------------------------
class Request:
    """A normalised KPI request plus the fixture tables, enriched with dimensions."""

    def __init__(
        self,
        tables: Tables,
        grain: str,
        start: Any,
        end: Any,
        by: Iterable[str] | None,
        where: dict[str, Any] | None,
        as_of: Any,
        settings: dict[str, Any],
    ) -> None:
        self.tables = tables
        self.grain = grain
        self.start = as_date(start)
        self.end = as_date(end)
        self.by = list(by or [])
        self.where = dict(where or {})
        self.as_of = as_date(as_of)
        self.settings = settings
        self.base = str(settings.get("base_currency", "USD")).upper()
        self.fy_month = int(settings.get("fiscal_year_start_month", 1))
        self.periods = periods(grain, self.start, self.end, self.fy_month)
        fx = tables["fx_rates"]
        self.fx = [
            (str(c).upper(), as_date(d), float(r))
            for c, d, r in zip(fx["currency"], fx["date"], fx["rate"], strict=True)
        ]

    def window(self, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
        """The part of a period inside [start, end]; its last day is the stock day."""
        return max(first, self.start), min(last, self.end)

    # -- fx ----------------------------------------------------------------------------
    def rate(self, currency: Any, day: dt.date) -> float | None:
        """Rate to the base currency on ``day``; None when the currency has no rate yet."""
        if missing(currency) or str(currency).strip() == "" or str(currency).upper() == self.base:
            return 1.0
        best: tuple[dt.date, float] | None = None
        for code, d, rate in self.fx:
            if code == str(currency).upper() and d <= day and (best is None or d > best[0]):
                best = (d, rate)
        return None if best is None else best[1]

    # -- enriched frames ---------------------------------------------------------------
    def _rep_dims(self, rep_ids: pd.Series) -> pd.DataFrame:
        reps = self.tables["reps"].set_index("rep_id")
        out = pd.DataFrame(index=rep_ids.index)
        out["rep"] = rep_ids
        for dim, col in (("team", "team"), ("manager", "manager"), ("region", "region")):
            out[dim] = [
                reps.at[r, col] if (not missing(r) and r in reps.index) else None for r in rep_ids
            ]
        return out

    def _account_dims(self, account_ids: pd.Series) -> pd.DataFrame:
        acc = self.tables["accounts"].set_index("account_id")
        out = pd.DataFrame(index=account_ids.index)
        for dim, col in (
            ("industry", "industry"),
            ("segment", "segment"),
            ("country", "country"),
            ("account_region", "region"),
        ):
            out[dim] = [
                acc.at[a, col] if (not missing(a) and a in acc.index) else None for a in account_ids
            ]
        return out

    def opportunities(self) -> pd.DataFrame:
        opp = self.tables["opportunities"].copy()
        dims = pd.concat(
            [self._rep_dims(opp["owner_rep_id"]), self._account_dims(opp["account_id"])], axis=1
        )
        for col in dims.columns:
            opp[col] = dims[col]
        return clean_dims(opp)

    def leads(self) -> pd.DataFrame:
        leads = self.tables["leads"].copy()
        dims = pd.concat(
            [self._rep_dims(leads["owner_rep_id"]), self._account_dims(leads["account_id"])],
            axis=1,
        )
        for col in dims.columns:
            leads[col] = dims[col]
        return clean_dims(leads)

    def accounts(self) -> pd.DataFrame:
        acc = self.tables["accounts"].copy()
        acc["account_region"] = acc["region"]
        acc = acc.drop(columns=["region"])
        dims = self._rep_dims(acc["owner_rep_id"])
        for col in dims.columns:
            acc[col] = dims[col]
        return clean_dims(acc)

    def reps(self) -> pd.DataFrame:
        reps = self.tables["reps"].copy()
        reps["rep"] = reps["rep_id"]
        return clean_dims(reps)


def clean_dims(df: pd.DataFrame) -> pd.DataFrame:
    """Dimension values: empty strings and NaN become None."""
    for dim in set(OPP_DIMS) | set(LEAD_DIMS):
        if dim in df.columns:
            values = [None if missing(v) or v == "" else str(v) for v in df[dim]]
            df[dim] = pd.Series(values, index=df.index, dtype=object)
    return df


# -- slicing and output -------------------------------------------------------------------
def pick(df: pd.DataFrame, mask: list[bool]) -> pd.DataFrame:
    """The rows of ``df`` where ``mask`` is true (also right for an empty frame)."""
    return df.loc[pd.Series(mask, index=df.index, dtype=bool)]


def filter_where(df: pd.DataFrame, where: dict[str, Any]) -> pd.DataFrame:
    for dim, wanted in where.items():
        values = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
        keep = [(x is None and None in values) or (x is not None and x in values) for x in df[dim]]
        df = pick(df, keep)
    return df


def slice_key(row: Any, by: list[str]) -> tuple[Any, ...]:
    return tuple(None if missing(row[d]) else row[d] for d in by)


def sort_key(key: tuple[Any, ...]) -> tuple[tuple[bool, str], ...]:
    return tuple((v is None, "" if v is None else v) for v in key)


def select_slice(df: pd.DataFrame, by: list[str], key: tuple[Any, ...]) -> pd.DataFrame:
    keep = [slice_key(row, by) == key for _, row in df.iterrows()]
    return pick(df, keep)


def frame(req: Request, rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = ["period_start", *req.by, "value", "numerator", "denominator"]
    out = pd.DataFrame(rows, columns=cols)
    for dim in req.by:  # str or None, never NaN
        out[dim] = pd.Series([r[dim] for r in rows], index=out.index, dtype=object)
    for col in ("value", "numerator", "denominator"):
        out[col] = [math.nan if missing(v) else float(v) for v in out[col]]
    return out


def run(
    req: Request,
    df: pd.DataFrame,
    in_population: Callable[[pd.DataFrame], list[bool]],
    cell: Callable[[pd.DataFrame, dt.date, dt.date, dt.date, dt.date], Cell],
) -> pd.DataFrame:
    """Apply `where`, find the slices, and evaluate ``cell(rows, first, last, lo, hi)``
    for every slice and period (lo/hi = the period's part inside [start, end])."""
    df = filter_where(df, req.where)
    if req.by:
        pop = pick(df, in_population(df))
        keys = sorted({slice_key(row, req.by) for _, row in pop.iterrows()}, key=sort_key)
    else:
        keys = [()]
    rows = []
    for key in keys:
        sub = select_slice(df, req.by, key) if req.by else df
        for first, last in req.periods:
            lo, hi = req.window(first, last)
            value, num, den = cell(sub, first, last, lo, hi)
            rows.append(
                {
                    "period_start": first,
                    **dict(zip(req.by, key, strict=True)),
                    "value": value,
                    "numerator": num,
                    "denominator": den,
                }
            )
    return frame(req, rows)


def ratio(num: float, den: float, percent: bool) -> Cell:
    if den == 0:
        return None, num, den
    return (100.0 if percent else 1.0) * num / den, num, den


def in_window(day: Any, lo: dt.date, hi: dt.date) -> bool:
    d = day_of(day)
    return d is not None and lo <= d <= hi


# -- opportunity building blocks --------------------------------------------------------------
def closed_in(
    df: pd.DataFrame, statuses: tuple[str, ...], lo: dt.date, hi: dt.date
) -> pd.DataFrame:
    keep = [
        s in statuses and in_window(c, lo, hi)
        for s, c in zip(df["status"], df["close_date"], strict=True)
    ]
    return pick(df, keep)


def closed_pop(statuses: tuple[str, ...], req: Request) -> Callable[[pd.DataFrame], list[bool]]:
    def pop(df: pd.DataFrame) -> list[bool]:
        return [
            s in statuses and in_window(c, req.start, req.end)
            for s, c in zip(df["status"], df["close_date"], strict=True)
        ]

    return pop


def created_pop(req: Request, col: str = "created_at") -> Callable[[pd.DataFrame], list[bool]]:
    def pop(df: pd.DataFrame) -> list[bool]:
        return [in_window(c, req.start, req.end) for c in df[col]]

    return pop


def converted(req: Request, row: Any, day: dt.date) -> float | None:
    """The row's amount in base currency at ``day``; None when amount or rate is missing."""
    if missing(row.amount):
        return None
    rate = req.rate(row.currency, day)
    return None if rate is None else float(row.amount) * rate


def has_rate(req: Request, row: Any, day: dt.date) -> bool:
    return req.rate(row.currency, day) is not None


def is_open(row: Any, day: dt.date) -> bool:
    created = day_of(row.created_at)
    if created is None or created > day:
        return False
    if row.status == "open":
        return True
    close = day_of(row.close_date)
    return close is not None and close > day


def open_on(df: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    return pick(df, [is_open(row, day) for row in df.itertuples()])


def stock_pop(req: Request) -> Callable[[pd.DataFrame], list[bool]]:
    days = [req.window(f, la)[1] for f, la in req.periods]

    def pop(df: pd.DataFrame) -> list[bool]:
        return [any(is_open(row, d) for d in days) for row in df.itertuples()]

    return pop


def revenue_of(req: Request, df: pd.DataFrame, lo: dt.date, hi: dt.date) -> float:
    total = 0.0
    for row in closed_in(df, ("won",), lo, hi).itertuples():
        amount = converted(req, row, day_of(row.close_date))  # type: ignore[arg-type]
        total += 0.0 if amount is None else amount
    return total


def deal_size_parts(
    req: Request, df: pd.DataFrame, lo: dt.date, hi: dt.date
) -> tuple[float, float]:
    """Σ converted amount and count of won deals with an amount and a rate."""
    amounts = [
        converted(req, row, day_of(row.close_date))  # type: ignore[arg-type]
        for row in closed_in(df, ("won",), lo, hi).itertuples()
    ]
    kept = [a for a in amounts if a is not None]
    return float(sum(kept)), float(len(kept))


def win_parts(df: pd.DataFrame, lo: dt.date, hi: dt.date) -> tuple[float, float]:
    closed = closed_in(df, ("won", "lost"), lo, hi)
    return float((closed["status"] == "won").sum()), float(len(closed))


def cycle_days(df: pd.DataFrame, lo: dt.date, hi: dt.date) -> list[float]:
    won = closed_in(df, ("won",), lo, hi)
    return [
        (pd.Timestamp(row.close_date).normalize() - pd.Timestamp(row.created_at)).total_seconds()
        / 86400.0
        for row in won.itertuples()
    ]


def count_cell(n: float) -> Cell:
    return float(n), None, None


# -- KPI functions ---------------------------------------------------------------------------
def _opp_request(*args: Any) -> tuple[Request, pd.DataFrame]:
    req = Request(*args)
    return req, req.opportunities()


def revenue(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    return run(
        req,
        opp,
        closed_pop(("won",), req),
        lambda df, f, la, lo, hi: count_cell(revenue_of(req, df, lo, hi)),
    )


def won_deals(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    return run(
        req,
        opp,
        closed_pop(("won",), req),
        lambda df, f, la, lo, hi: count_cell(len(closed_in(df, ("won",), lo, hi))),
    )


def lost_deals(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    return run(
        req,
        opp,
        closed_pop(("lost",), req),
        lambda df, f, la, lo, hi: count_cell(len(closed_in(df, ("lost",), lo, hi))),
    )


def average_deal_size(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    return run(
        req,
        opp,
        closed_pop(("won",), req),
        lambda df, f, la, lo, hi: ratio(*deal_size_parts(req, df, lo, hi), percent=False),
    )


def acv(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        num, den = 0.0, 0.0
        for row in closed_in(df, ("won",), lo, hi).itertuples():
            amount = converted(req, row, day_of(row.close_date))  # type: ignore[arg-type]
            if amount is None:
                continue
            months = 12.0 if missing(row.contract_months) else float(row.contract_months)
            num += amount / (months / 12.0)
            den += 1
        return ratio(num, den, percent=False)

    return run(req, opp, closed_pop(("won",), req), cell)


def rep_start(req: Request, rep: Any) -> dt.date | None:
    """hire_date, else the day of the rep's first record (deal, lead or activity)."""
    if not missing(rep.hire_date) and not pd.isna(rep.hire_date):
        return as_date(rep.hire_date)
    days: list[dt.date] = []
    t = req.tables
    for table, rep_col, day_col in (
        ("opportunities", "owner_rep_id", "created_at"),
        ("leads", "owner_rep_id", "created_at"),
        ("activities", "rep_id", "occurred_at"),
    ):
        rows = t[table][t[table][rep_col] == rep.rep_id]
        days += [d for d in (day_of(x) for x in rows[day_col]) if d is not None]
    return min(days) if days else None


def is_active(req: Request, rep: Any, lo: dt.date, hi: dt.date) -> bool:
    """Managers are not sellers: they never count as active reps."""
    if getattr(rep, "role", None) == "manager":
        return False
    began = rep_start(req, rep)
    ended = day_of(rep.end_date)
    return began is not None and began <= hi and (ended is None or ended >= lo)


def revenue_per_rep(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    reps = filter_where(req.reps(), req.where)
    known = set(req.tables["reps"]["rep_id"])
    if req.by or req.where:  # deals of unknown owners count only in the unsliced total
        opp = pick(opp, [r in known for r in opp["owner_rep_id"]])
    deals = filter_where(opp, req.where)
    if req.by:
        won_pop = pick(deals, closed_pop(("won",), req)(deals))
        active_pop = pick(
            reps,
            [
                any(is_active(req, r, *req.window(f, la)) for f, la in req.periods)
                for r in reps.itertuples()
            ],
        )
        keys = {slice_key(row, req.by) for _, row in won_pop.iterrows()}
        keys |= {slice_key(row, req.by) for _, row in active_pop.iterrows()}
        ordered = sorted(keys, key=sort_key)
    else:
        ordered = [()]
    rows = []
    for key in ordered:
        sub_deals = select_slice(deals, req.by, key) if req.by else deals
        sub_reps = select_slice(reps, req.by, key) if req.by else reps
        for first, last in req.periods:
            lo, hi = req.window(first, last)
            num = revenue_of(req, sub_deals, lo, hi)
            den = float(sum(is_active(req, r, lo, hi) for r in sub_reps.itertuples()))
            value, n, d = ratio(num, den, percent=False)
            rows.append(
                {
                    "period_start": first,
                    **dict(zip(req.by, key, strict=True)),
                    "value": value,
                    "numerator": n,
                    "denominator": d,
                }
            )
    return frame(req, rows)


def _growth(yoy: bool) -> Callable[..., pd.DataFrame]:
    def kpi(*args: Any) -> pd.DataFrame:
        req, opp = _opp_request(*args)

        def previous(first: dt.date, lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
            if req.grain == "total":
                if yoy:
                    return minus_year(lo), minus_year(hi)
                length = (hi - lo).days + 1
                return lo - dt.timedelta(days=length), lo - dt.timedelta(days=1)
            if yoy:
                return period_containing(minus_year(first), req.grain, req.fy_month)
            return period_containing(first - dt.timedelta(days=1), req.grain, req.fy_month)

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            cur = revenue_of(req, df, lo, hi)
            prev = revenue_of(req, df, *previous(f, lo, hi))
            return ratio(cur - prev, prev, percent=True)

        return run(req, opp, closed_pop(("won",), req), cell)

    return kpi


def new_customers(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    opp = req.tables["opportunities"]
    won = opp[(opp["status"] == "won") & opp["account_id"].notna() & opp["close_date"].notna()]
    since = won.groupby("account_id")["close_date"].min()
    acc = req.accounts()
    acc["customer_since"] = [since.get(a, pd.NaT) for a in acc["account_id"]]
    return run(
        req,
        acc,
        created_pop(req, "customer_since"),
        lambda df, f, la, lo, hi: count_cell(
            sum(in_window(c, lo, hi) for c in df["customer_since"])
        ),
    )


def win_rate(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    return run(
        req,
        opp,
        closed_pop(("won", "lost"), req),
        lambda df, f, la, lo, hi: ratio(*win_parts(df, lo, hi), percent=True),
    )


def win_rate_by_value(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        num, den = 0.0, 0.0
        for row in closed_in(df, ("won", "lost"), lo, hi).itertuples():
            day = day_of(row.close_date)
            if not has_rate(req, row, day):  # type: ignore[arg-type]
                continue
            amount = converted(req, row, day) or 0.0  # type: ignore[arg-type]
            den += amount
            num += amount if row.status == "won" else 0.0
        return ratio(num, den, percent=True)

    return run(req, opp, closed_pop(("won", "lost"), req), cell)


def close_rate(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        cohort = pick(df, [in_window(c, lo, hi) for c in df["created_at"]])
        won = [
            s == "won" and day_of(c) is not None and day_of(c) <= req.as_of  # type: ignore[operator]
            for s, c in zip(cohort["status"], cohort["close_date"], strict=True)
        ]
        return ratio(float(sum(won)), float(len(cohort)), percent=True)

    return run(req, opp, created_pop(req), cell)


def opportunities_created(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    return run(
        req,
        opp,
        created_pop(req),
        lambda df, f, la, lo, hi: count_cell(sum(in_window(c, lo, hi) for c in df["created_at"])),
    )


def pipeline_created(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        total = 0.0
        for row in df.itertuples():
            if in_window(row.created_at, lo, hi):
                amount = converted(req, row, day_of(row.created_at))  # type: ignore[arg-type]
                total += 0.0 if amount is None else amount
        return count_cell(total)

    return run(req, opp, created_pop(req), cell)


def as_stock(opp: pd.DataFrame) -> pd.DataFrame:
    """Deals as seen on a past day: a deal closed now had an unknown (open) stage back then."""
    out = opp.copy()
    pairs = zip(out["stage"], out["status"], strict=True)
    stages = [stage if status == "open" else None for stage, status in pairs]
    out["stage"] = pd.Series(stages, index=out.index, dtype=object)
    return out


def _stock(
    measure: Callable[[Request, pd.DataFrame, dt.date], float],
) -> Callable[..., pd.DataFrame]:
    def kpi(*args: Any) -> pd.DataFrame:
        req, opp = _opp_request(*args)
        return run(
            req,
            as_stock(opp),
            stock_pop(req),
            lambda df, f, la, lo, hi: count_cell(measure(req, open_on(df, hi), hi)),
        )

    return kpi


def _count_open(req: Request, df: pd.DataFrame, day: dt.date) -> float:
    return float(len(df))


def _pipeline_value(req: Request, df: pd.DataFrame, day: dt.date) -> float:
    amounts = [converted(req, row, day) for row in df.itertuples()]
    return float(sum(a for a in amounts if a is not None))


def _weighted(req: Request, df: pd.DataFrame, day: dt.date) -> float:
    defaults = req.settings.get("stage_probabilities", {})
    total = 0.0
    for row in df.itertuples():
        prob = row.probability if not missing(row.probability) else defaults.get(row.stage)
        amount = converted(req, row, day)
        if prob is not None and amount is not None:
            total += amount * float(prob) / 100.0
    return total


def _aged(req: Request, df: pd.DataFrame, day: dt.date) -> float:
    return float(sum((day - day_of(c)).days > 180 for c in df["created_at"]))  # type: ignore[operator]


def _stale(req: Request, df: pd.DataFrame, day: dt.date) -> float:
    since = day - dt.timedelta(days=30)
    acts = req.tables["activities"]
    hist = req.tables["opportunity_history"]
    touched = {
        o
        for o, t in zip(acts["opportunity_id"], acts["occurred_at"], strict=True)
        if not missing(o) and since < day_of(t) <= day  # type: ignore[operator]
    }
    touched |= {
        o
        for o, t in zip(hist["opportunity_id"], hist["changed_at"], strict=True)
        if since < day_of(t) <= day  # type: ignore[operator]
    }
    return float(
        sum(
            day_of(row.created_at) <= since and row.opportunity_id not in touched  # type: ignore[operator]
            for row in df.itertuples()
        )
    )


def sales_cycle_days(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        days = cycle_days(df, lo, hi)
        return ratio(float(sum(days)), float(len(days)), percent=False)

    return run(req, opp, closed_pop(("won",), req), cell)


def sales_cycle_days_median(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        days = cycle_days(df, lo, hi)
        return (float(pd.Series(days).median()) if days else None), None, None

    return run(req, opp, closed_pop(("won",), req), cell)


def pipeline_velocity(*args: Any) -> pd.DataFrame:
    req, opp = _opp_request(*args)
    # Closed deals count under their current stage, open ones under their stage back then.
    both = pd.concat([opp.assign(role="flow"), as_stock(opp).assign(role="stock")])
    both = both.reset_index(drop=True)
    closed, stock = closed_pop(("won", "lost"), req), stock_pop(req)

    def pop(df: pd.DataFrame) -> list[bool]:
        flow = [r == "flow" for r in df["role"]]
        return [
            (f and a) or (not f and b) for f, a, b in zip(flow, closed(df), stock(df), strict=True)
        ]

    def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
        flow = pick(df, [r == "flow" for r in df["role"]])
        n_open = float(len(open_on(pick(df, [r == "stock" for r in df["role"]]), hi)))
        ads = ratio(*deal_size_parts(req, flow, lo, hi), percent=False)[0]
        wr = ratio(*win_parts(flow, lo, hi), percent=True)[0]
        days = cycle_days(flow, lo, hi)
        cycle = sum(days) / len(days) if days else None
        num = None if ads is None or wr is None else n_open * ads * wr / 100.0
        if num is None or cycle is None or cycle == 0:
            return None, num, cycle
        return num / cycle, num, cycle

    return run(req, both, pop, cell)


# -- leads -------------------------------------------------------------------------------------
def _lead_request(*args: Any) -> tuple[Request, pd.DataFrame]:
    req = Request(*args)
    return req, req.leads()


def _lead_count(col: str) -> Callable[..., pd.DataFrame]:
    def kpi(*args: Any) -> pd.DataFrame:
        req, leads = _lead_request(*args)
        return run(
            req,
            leads,
            created_pop(req, col),
            lambda df, f, la, lo, hi: count_cell(sum(in_window(c, lo, hi) for c in df[col])),
        )

    return kpi


def _lead_cohort(
    col: str, converted_by: Callable[[Request, Any], bool]
) -> Callable[..., pd.DataFrame]:
    def kpi(*args: Any) -> pd.DataFrame:
        req, leads = _lead_request(*args)

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            cohort = [row for row in df.itertuples() if in_window(getattr(row, col), lo, hi)]
            hits = sum(converted_by(req, row) for row in cohort)
            return ratio(float(hits), float(len(cohort)), percent=True)

        return run(req, leads, created_pop(req, col), cell)

    return kpi


def _has_won_opp(req: Request, lead: Any) -> bool:
    opp = req.tables["opportunities"]
    return any(
        s == "won" and day_of(c) is not None and day_of(c) <= req.as_of  # type: ignore[operator]
        for lid, s, c in zip(opp["lead_id"], opp["status"], opp["close_date"], strict=True)
        if lid == lead.lead_id
    )


def _has_opp(req: Request, lead: Any) -> bool:
    opp = req.tables["opportunities"]
    return any(
        day_of(c) <= req.as_of  # type: ignore[operator]
        for lid, c in zip(opp["lead_id"], opp["created_at"], strict=True)
        if lid == lead.lead_id
    )


def _is_sql(req: Request, lead: Any) -> bool:
    day = day_of(lead.sql_at)
    return day is not None and day <= req.as_of


def response_hours(req: Request, lead: Any) -> float | None:
    """Hours to the first response (field, else earliest linked activity), if by as_of."""
    created = pd.Timestamp(lead.created_at)
    if not pd.isna(lead.first_response_at):
        response = pd.Timestamp(lead.first_response_at)
    else:
        acts = req.tables["activities"]
        times = [
            pd.Timestamp(t)
            for lid, t in zip(acts["lead_id"], acts["occurred_at"], strict=True)
            if lid == lead.lead_id and pd.Timestamp(t) >= created
        ]
        if not times:
            return None
        response = min(times)
    if response.date() > req.as_of:
        return None
    return (response - created).total_seconds() / 3600.0


def _lead_response(median: bool) -> Callable[..., pd.DataFrame]:
    def kpi(*args: Any) -> pd.DataFrame:
        req, leads = _lead_request(*args)

        def cell(df: pd.DataFrame, f: dt.date, la: dt.date, lo: dt.date, hi: dt.date) -> Cell:
            hours = [
                h
                for row in df.itertuples()
                if in_window(row.created_at, lo, hi) and (h := response_hours(req, row)) is not None
            ]
            if median:
                return (float(pd.Series(hours).median()) if hours else None), None, None
            return ratio(float(sum(hours)), float(len(hours)), percent=False)

        return run(req, leads, created_pop(req), cell)

    return kpi


REFERENCE: dict[str, Callable[..., pd.DataFrame]] = {
    "revenue": revenue,
    "won_deals": won_deals,
    "lost_deals": lost_deals,
    "average_deal_size": average_deal_size,
    "revenue_per_rep": revenue_per_rep,
    "revenue_growth": _growth(yoy=False),
    "revenue_growth_yoy": _growth(yoy=True),
    "acv": acv,
    "new_customers": new_customers,
    "win_rate": win_rate,
    "win_rate_by_value": win_rate_by_value,
    "close_rate": close_rate,
    "opportunities_created": opportunities_created,
    "pipeline_created": pipeline_created,
    "open_opportunities": _stock(_count_open),
    "pipeline_value": _stock(_pipeline_value),
    "weighted_pipeline": _stock(_weighted),
    "sales_cycle_days": sales_cycle_days,
    "sales_cycle_days_median": sales_cycle_days_median,
    "pipeline_velocity": pipeline_velocity,
    "aged_opportunities": _stock(_aged),
    "stale_opportunities": _stock(_stale),
    "leads_created": _lead_count("created_at"),
    "mqls": _lead_count("mql_at"),
    "sqls": _lead_count("sql_at"),
    "lead_conversion_rate": _lead_cohort("created_at", _has_won_opp),
    "lead_to_opportunity_rate": _lead_cohort("created_at", _has_opp),
    "lead_qualification_rate": _lead_cohort("created_at", _is_sql),
    "mql_to_sql_rate": _lead_cohort("mql_at", _is_sql),
    "lead_response_hours": _lead_response(median=False),
    "lead_response_hours_median": _lead_response(median=True),
}

#: Dimensions each KPI supports (docs/kpi-conventions.md).
SUPPORTED_DIMS: dict[str, tuple[str, ...]] = {
    kpi: (
        REP_DIMS
        if kpi == "revenue_per_rep"
        else (*ACCOUNT_DIMS, *REP_DIMS)
        if kpi == "new_customers"
        else LEAD_DIMS
        if kpi in {"leads_created", "mqls", "sqls"} or kpi.startswith(("lead_", "mql_"))
        else OPP_DIMS
    )
    for kpi in REFERENCE
}
