"""A deliberately plain pandas reference of the pipeline-history KPIs and reports, written from
spec/kpis.md ("Pipeline and success") and docs/kpi-conventions.md ("Pipeline history
(opportunity_history)" with its waterfall, funnel and forecast subsections) alone: it never
looks at the engine or the catalog.

Entry points
- ``REFERENCE[kpi](tables, grain, start, end, by, where, as_of, settings) -> DataFrame`` for
  open_opportunities, pipeline_value, weighted_pipeline, aged_opportunities, stage_conversion,
  time_in_stage_days, pushed_deals; same shape as `tests/reference/pandas_kpis.py`
  (`period_start`, one column per dimension, `value`, `numerator`, `denominator`, NaN when
  undefined; rows sorted by dimensions, nulls last, then period_start).
- ``pipeline_waterfall(tables, grain, start, end, by, settings)``: period_start, [by], start,
  created, pulled_in, increased, decreased, won, lost, pushed_out, fx, end.
- ``funnel(tables, start, end, as_of, settings)``: stage, reached, conversion, lost_here,
  median_days; the open stages in stage order, then a last row named ``"won"`` (the literal
  word, not the data's won-stage name).
- ``forecast(tables, period_start, period_end, day, settings, by=None)``: one row per slice and
  method (learnt, crm, run_rate): won_so_far, expected, low, high (plus sigma and day).

Settings keys read: base_currency, fiscal_year_start_month, stage_probabilities ({stage: %}),
stage_order (list of stage names; empty or absent = learnt order), stages (optional
{stage: {"probability": %}}, highest priority for stage defaults).

Conventions implemented (the doc's rules, literally)
- State of a deal on day D = after its last history row with changed_at::date <= D, rows in
  changed_at order (equal timestamps keep file order). Each non-empty field holds from its row
  on; before a field's first non-empty value it takes that first value (backfill); a field the
  history never fills is the current row's (stage only while the deal is open now, else None).
- Status before the first non-empty status is ``open``. A deal with history rows that do not
  end closed (none records won/lost, or the last status is open again), but won/lost now
  ("minimal history"), takes its current status, stage and amount on its current
  close_date, or at its last open row when that is later (the current row is the truth about
  now). A deal without history rows
  uses the no-history rule of pandas_kpis (open when created_at::date <= D and (status open or
  close_date > D); stage = current stage if open now, else None; probability = current row's,
  else the default of that stage).
- Probability on D (deals with history): the last probability recorded at or after the last
  row naming a stage (among rows up to D); else, when the stage on D is the current stage, the
  current row's probability (as for a deal without history); else the stage default of the
  stage on D; else none (the deal is left out of weighted_pipeline / the crm forecast, with a
  warning). (Reconciled with the engine: the current row's probability comes before the
  default, the order the no-history rule uses.)
- Stage defaults: ``stages`` setting, then ``stage_probabilities``, then HubSpot's built-in
  defaults for a recognised HubSpot stage name, then the median probability recorded with the
  stage on opportunities rows and history rows (a history row counts when it names the stage).
- Stage names are compared trimmed and case-insensitively (``strip().casefold()``); the name
  shown is the first spelling seen, scanning history rows in changed_at order first, then
  opportunities rows in file order, then the names of the stage_order setting.
- A stage is a won (lost) stage when a history row naming it, or an opportunities row on it,
  has status won (lost); every other stage is open.
- Money: amount on the day converted at that day's rate (latest fx row on or before it); a
  deal whose currency has no rate is left out of money numbers (warning); missing amount = 0.
- Stage entries: events = history rows in order (stage filled forward, first stage backfilled
  to the first row), plus for a minimal-history deal a synthetic event at close_date 00:00 with
  its current (closed) stage and status. An event whose stage differs from the previous event's
  is an entry; the next entry is the exit of the previous stage.
- stage_conversion: per open stage S and period, denominator = distinct deals with an entry
  into S on a day of the period; numerator = those whose first entry into S in the period is
  followed (later event, changed_at::date <= as_of) by an event on an open stage later than S
  in the stage order, or by an event with status won.
- time_in_stage_days: per stage S and period, mean over exits of S on a day of the period of
  (exit − entry) / 86,400 s; numerator = Σ days, denominator = number of exits.
- pushed_deals: a history row with a close_date later than the close_date of the latest
  earlier history row that had one, and the status after the row is open. Distinct deals per
  cell; stage = the stage on the push day (end of that day).
- Stock KPIs (open_opportunities, pipeline_value, weighted_pipeline, aged_opportunities) read
  the state on the stock day min(period's last day, end); aged = open and
  D − created_at::date > 180 days.
- Waterfall: pipeline of P on day D = deals open on D with a close_date on D <= P's own last
  day. s = day before P's first day, e = min(P's last day, end). Movements per deal at e's
  rates (start at s's rates, fx = start amounts × (rate_e − rate_s)): in at s and e -> amount
  change to increased/decreased; in at s and won/lost at e -> won/lost at the e amount plus the
  amount change; in at s, still open, not in at e -> pushed_out at the e amount plus the amount
  change; not in at s and in at e, or not in at s and closed (won/lost at e after being open or
  not yet created on some day in [s, e − 1]) -> created (created_at in [P first, e]) or
  pulled_in at the e amount, then won/lost at that amount when closed at e.
- Funnel: deals created in [start, end]; events up to as_of. reached(S) = deals with an entry
  into S or into an open stage later than S, or with a won event; conversion = 100 ×
  reached(next row) / reached(this row); lost_here = deals whose status on as_of is lost, by
  their last open stage entered before as_of; median_days = median of the completed spells in
  the stage (exit <= as_of) of those deals (every spell, a reopened deal's two spells included).
- Forecast (period P, day D): D = min(day, P's last day); won_so_far = Σ amount of deals whose
  status on D is won and whose close_date on D lies in [P first, D], converted at that
  close_date; open deals on D with close_date on D <= P's last day, amount on D at D's rate,
  p = learnt win rate (learnt) or probability on D / 100 (crm); expected = won_so_far + Σ a·p,
  σ² = Σ a²·p·(1 − p), low = max(expected − 1.28σ, won_so_far), high = expected + 1.28σ.
  Learnt rate of stage S on D: deals with an entry into S on or before D whose status on D is
  won or lost, won / (won + lost); per (stage, segment) when >= 30 such deals, else per stage,
  else (no closed deal, or no stage) the overall rate = won / (won + lost) over every deal
  closed on D. run_rate: the 4 windows before P of P's length (calendar months or quarters
  when P is whole months, else the same number of days), revenue as the history knows it on D
  (same rule as won_so_far), expected = won_so_far + mean × share, share = days of P after D /
  days of P, band = 1.28 × sample standard deviation (ddof = 1) of the 4 revenues × share.

Decisions where the doc leaves room (to reconcile; also listed in the fixture README)
1. Reopening counts as a push when the reopen row carries a later close_date than the closed
   row's (literal rule; h08 in February 2025).
2. The synthetic close of a minimal-history deal is an event: it exits the last open stage
   (time_in_stage_days, funnel median) and counts as "reached status won" (stage_conversion,
   funnel) and as closed for learnt win rates (h05).
3. time_in_stage_days includes exits of won/lost stages (a reopened deal exits Closed Won).
4. stage_conversion and time_in_stage_days are always split by stage: ``stage`` is appended to
   the requested dimensions when absent (so without ``by`` the frame has a ``stage`` column and
   no row when nothing entered/exited in the range).
5. "Later than S" compares open stages only: entering a lost stage never converts, even with a
   learnt order (where lost stages come after every open stage).
6. Learnt order: open stages sorted by mean days (changed_at − created_at) over the history
   rows naming them, ties by name; open stages only seen on opportunities rows come last.
7. Funnel: deals without history rows take part with synthetic events (their current stage at
   created_at when open now, an unknown stage when closed now; their close at close_date), so
   an open no-history deal reaches its current stage and a won one reaches every row; a deal
   lost on an unknown stage is in no lost_here. "won" reached = ever won by as_of (a reopened
   deal that was won counts). lost_here of the won row is 0, median_days of the won row NaN.
8. Probability before a deal's first history row (created_at earlier than it): the rule is
   applied to the first row alone (h14, where it equals the stage default anyway).
9. Waterfall: the due cut-off is P's own last day even when ``end`` clips P; a deal open at e
   without a close_date is not in the pipeline (pushed out when it was in at s); the waterfall
   takes no ``stage`` dimension (a deal's stage moves inside a period).
10. Forecast: won_so_far converts at close_date (as revenue does), expected bookings at D; the
    run-rate's standard deviation is the sample one; a forecast day after P is clipped to P's
    last day, one before P is kept (share 1, won_so_far 0); sliced forecasts learn win rates
    from every deal (not only the slice's).
11. ``where`` matches values case-insensitively (as the doc's --where rule), None = null slice.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from tests.reference.pandas_kpis import (
    OPP_DIMS,
    Cell,
    Request,
    add_months,
    as_date,
    count_cell,
    day_of,
    missing,
    ratio,
    sort_key,
)

Tables = dict[str, pd.DataFrame]

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "history_small"
ONE_DAY = dt.timedelta(days=1)
CLOSED = ("won", "lost")

#: The fixture company's settings (stored by the engine side as workspace settings).
STAGE_ORDER = ["Prospecting", "Discovery", "Demo", "Proposal", "Negotiation"]
STAGE_PROBABILITIES = {
    "Prospecting": 10.0,
    "Discovery": 20.0,
    "Demo": 40.0,
    "Proposal": 60.0,
    "Negotiation": 80.0,
    "Closed Won": 100.0,
    "Closed Lost": 0.0,
}

#: HubSpot's default deal stages (internal id and label both match after dropping non-letters).
HUBSPOT_DEFAULTS = {
    "appointmentscheduled": 20.0,
    "qualifiedtobuy": 40.0,
    "presentationscheduled": 60.0,
    "decisionmakerboughtin": 80.0,
    "contractsent": 90.0,
    "closedwon": 100.0,
    "closedlost": 0.0,
}


def settings(learnt_order: bool = False, fiscal_year_start_month: int = 1) -> dict[str, Any]:
    """The settings of the history_small company; ``learnt_order`` leaves stage_order empty."""
    return {
        "base_currency": "USD",
        "fiscal_year_start_month": fiscal_year_start_month,
        "stage_probabilities": dict(STAGE_PROBABILITIES),
        "stage_order": [] if learnt_order else list(STAGE_ORDER),
    }


# -- loading --------------------------------------------------------------------------------
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "reps": {"hire_date": "date", "end_date": "date"},
    "accounts": {"employees": "num", "annual_revenue": "num", "created_at": "date"},
    "opportunities": {
        "created_at": "date",
        "close_date": "date",
        "amount": "num",
        "probability": "num",
        "contract_months": "num",
    },
    "opportunity_history": {
        "changed_at": "date",
        "amount": "num",
        "probability": "num",
        "close_date": "date",
    },
    "fx_rates": {"date": "date", "rate": "num"},
}
TABLE_NAMES = tuple(COLUMN_TYPES)


def load_tables(directory: Path = FIXTURE_DIR) -> Tables:
    """The CSVs as DataFrames: empty fields become None/NaN/NaT (a quoted value keeps its
    spaces: `" proposal "`), dates and timestamps `pd.Timestamp`, numbers float, else str."""
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


# -- small helpers -------------------------------------------------------------------------
def skey(stage: Any) -> str | None:
    """Canonical stage key: trimmed, case-folded; None when empty."""
    if stage is None or missing(stage) or (not isinstance(stage, str) and pd.isna(stage)):
        return None
    text = str(stage).strip()
    return text.casefold() if text else None


def text(value: Any) -> str | None:
    if value is None or missing(value) or (not isinstance(value, str) and pd.isna(value)):
        return None
    value = str(value)
    return value if value != "" else None


def num(value: Any) -> float | None:
    if value is None or missing(value) or pd.isna(value):
        return None
    return float(value)


def days_between(a: pd.Timestamp, b: pd.Timestamp) -> float:
    return (b - a).total_seconds() / 86400.0


# -- the model -----------------------------------------------------------------------------
@dataclass
class Row:
    at: pd.Timestamp
    seq: int
    stage: str | None  # canonical key
    raw_stage: str | None
    status: str | None
    amount: float | None
    probability: float | None
    close_date: dt.date | None

    @property
    def day(self) -> dt.date:
        return self.at.date()


@dataclass
class Event:
    at: pd.Timestamp
    stage: str | None  # filled canonical key (None = unknown)
    status: str  # filled
    synthetic: bool = False

    @property
    def day(self) -> dt.date:
        return self.at.date()


@dataclass
class State:
    status: str
    stage: str | None
    amount: float | None
    probability: float | None
    close_date: dt.date | None

    @property
    def open(self) -> bool:
        return self.status == "open"


@dataclass
class Deal:
    id: str
    created: pd.Timestamp
    status: str
    close_date: dt.date | None
    amount: float | None
    currency: Any
    stage: str | None  # current stage key
    probability: float | None
    dims: dict[str, Any]
    rows: list[Row] = field(default_factory=list)

    @property
    def created_day(self) -> dt.date:
        return self.created.date()

    @property
    def kind(self) -> str:
        """none (no history rows), minimal (closed now, the history does not end closed: it
        never closes the deal, or reopens it last) or full."""
        if not self.rows:
            return "none"
        statuses = [r.status for r in self.rows if r.status is not None]
        if self.status in CLOSED and (not statuses or statuses[-1] not in CLOSED):
            return "minimal"
        return "full"

    @property
    def close_at(self) -> pd.Timestamp | None:
        """When a minimal-history deal closes: its close_date, or the history's last open row
        when that is later (the current row is the truth about now)."""
        if self.close_date is None:
            return None
        at = pd.Timestamp(self.close_date)
        opened = [r.at for r in self.rows if r.status == "open"]
        return max(at, max(opened)) if opened else at


class Model:
    """The deals of one request with their history, stage names, kinds, order and defaults."""

    def __init__(self, req: Request) -> None:
        self.req = req
        self.settings = req.settings
        opp = req.opportunities()
        hist = req.tables.get("opportunity_history")
        self.deals: list[Deal] = []
        by_id: dict[str, Deal] = {}
        for row in opp.to_dict("records"):
            status = str(row["status"]).strip().lower()
            deal = Deal(
                id=str(row["opportunity_id"]),
                created=pd.Timestamp(row["created_at"]),
                status=status,
                close_date=day_of(row["close_date"]),
                amount=num(row["amount"]),
                currency=row["currency"],
                stage=skey(row["stage"]),
                probability=num(row["probability"]),
                dims={d: row.get(d) for d in OPP_DIMS if d != "stage"},
            )
            self.deals.append(deal)
            by_id[deal.id] = deal
        self.display: dict[str, str] = {}
        hist_rows: list[tuple[str, Row]] = []
        if hist is not None:
            for seq, h in enumerate(hist.to_dict("records")):
                status = text(h["status"])
                r = Row(
                    at=pd.Timestamp(h["changed_at"]),
                    seq=seq,
                    stage=skey(h["stage"]),
                    raw_stage=text(h["stage"]),
                    status=None if status is None else status.strip().lower(),
                    amount=num(h["amount"]),
                    probability=num(h["probability"]),
                    close_date=day_of(h["close_date"]),
                )
                hist_rows.append((str(h["opportunity_id"]), r))
        for oid, r in sorted(hist_rows, key=lambda x: (x[1].at, x[1].seq)):
            if r.stage is not None and r.stage not in self.display:
                self.display[r.stage] = str(r.raw_stage).strip()
            if oid in by_id:
                by_id[oid].rows.append(r)
        for row in opp.to_dict("records"):
            k = skey(row["stage"])
            if k is not None and k not in self.display:
                self.display[k] = str(row["stage"]).strip()
        for name in self.settings.get("stage_order") or []:
            if skey(name) not in self.display:
                self.display[skey(name)] = str(name).strip()  # type: ignore[index]
        self.kinds = self._kinds(opp)
        self.order = self._order()

    # -- stages ----------------------------------------------------------------------------
    def _kinds(self, opp: pd.DataFrame) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for d in self.deals:
            status = "open"
            for r in d.rows:
                status = r.status or status
                if r.stage is not None and status in CLOSED:
                    kinds.setdefault(r.stage, status)
            if d.stage is not None and d.status in CLOSED:
                kinds.setdefault(d.stage, d.status)
        return {k: kinds.get(k, "open") for k in self.display}

    def is_open_stage(self, stage: str | None) -> bool:
        return stage is not None and self.kinds.get(stage, "open") == "open"

    def _order(self) -> list[str]:
        setting = [skey(s) for s in (self.settings.get("stage_order") or [])]
        if any(setting):
            return [s for s in setting if s is not None]
        return self.learnt_order()

    def learnt_order(self) -> list[str]:
        """Open stages by mean days from created_at to the history rows naming them."""
        spans: dict[str, list[float]] = {}
        for d in self.deals:
            for r in d.rows:
                if self.is_open_stage(r.stage):
                    spans.setdefault(r.stage, []).append(days_between(d.created, r.at))  # type: ignore[arg-type]
        means = sorted(spans, key=lambda s: (sum(spans[s]) / len(spans[s]), self.display[s]))
        rest = sorted(
            (s for s in self.display if self.is_open_stage(s) and s not in spans),
            key=lambda s: self.display[s],
        )
        return means + rest

    def later(self, stage: str | None, than: str) -> bool:
        """An open stage after ``than`` in the stage order (a stage missing is never later)."""
        if not self.is_open_stage(stage) or stage not in self.order or than not in self.order:
            return False
        return self.order.index(stage) > self.order.index(than)  # type: ignore[arg-type]

    def name(self, stage: str | None) -> str | None:
        return None if stage is None else self.display.get(stage, stage)

    def default(self, stage: str | None) -> float | None:
        if stage is None:
            return None
        for name, spec in (self.settings.get("stages") or {}).items():
            if (
                skey(name) == stage
                and isinstance(spec, dict)
                and spec.get("probability") is not None
            ):
                return float(spec["probability"])
        for name, p in (self.settings.get("stage_probabilities") or {}).items():
            if skey(name) == stage and p is not None:
                return float(p)
        hub = re.sub(r"[^a-z]", "", stage)
        if hub in HUBSPOT_DEFAULTS:
            return HUBSPOT_DEFAULTS[hub]
        seen = [d.probability for d in self.deals if d.stage == stage and d.probability is not None]
        seen += [
            r.probability
            for d in self.deals
            for r in d.rows
            if r.stage == stage and r.probability is not None
        ]
        return float(statistics.median(seen)) if seen else None

    # -- state on a day ---------------------------------------------------------------------
    def state(self, deal: Deal, day: dt.date) -> State | None:
        """The deal at the end of ``day``; None before it was created."""
        if deal.created_day > day:
            return None
        if deal.kind == "none":
            is_open = deal.status == "open" or (
                deal.close_date is not None and deal.close_date > day
            )
            stage = deal.stage if deal.status == "open" else None
            prob = deal.probability if deal.probability is not None else self.default(stage)
            return State(
                "open" if is_open else deal.status, stage, deal.amount, prob, deal.close_date
            )
        rows = [r for r in deal.rows if r.day <= day]

        def value(name: str) -> Any:
            for r in reversed(rows):
                if getattr(r, name) is not None:
                    return getattr(r, name)
            for r in deal.rows:  # backfill: before its first value a field takes that value
                if getattr(r, name) is not None:
                    return getattr(r, name)
            return None

        stage = value("stage")
        if stage is None:
            stage = deal.stage if deal.status == "open" else None
        status = next((r.status for r in reversed(rows) if r.status is not None), "open")
        amount = value("amount")
        amount = deal.amount if amount is None else amount
        close = value("close_date")
        close = deal.close_date if close is None else close
        prob = self._probability(deal, rows, stage)
        if deal.kind == "minimal" and deal.close_at is not None and day >= deal.close_at.date():
            return State(deal.status, deal.stage, deal.amount, prob, deal.close_date)
        return State(status, stage, amount, prob, close)

    def _probability(self, deal: Deal, rows: list[Row], stage: str | None) -> float | None:
        considered = rows if rows else deal.rows[:1]
        named = [i for i, r in enumerate(considered) if r.stage is not None]
        tail = considered[named[-1] :] if named else considered
        probs = [r.probability for r in tail if r.probability is not None]
        if probs:
            return probs[-1]
        if stage is not None and stage == deal.stage and deal.probability is not None:
            return deal.probability
        return self.default(stage)

    # -- events, entries, exits, pushes ------------------------------------------------------
    def events(self, deal: Deal, with_no_history: bool = False) -> list[Event]:
        if deal.kind == "none":
            if not with_no_history:
                return []
            evs = [Event(deal.created, deal.stage if deal.status == "open" else None, "open", True)]
            if deal.status in CLOSED and deal.close_date is not None:
                evs.append(Event(pd.Timestamp(deal.close_date), deal.stage, deal.status, True))
            return evs
        stage = next((r.stage for r in deal.rows if r.stage is not None), None)
        if stage is None:
            stage = deal.stage if deal.status == "open" else None
        status = "open"
        evs = []
        for r in deal.rows:
            stage = r.stage or stage
            status = r.status or status
            evs.append(Event(r.at, stage, status))
        if deal.kind == "minimal" and deal.close_at is not None:
            evs.append(Event(deal.close_at, deal.stage, deal.status, True))
            evs.sort(key=lambda e: e.at)  # stable: rows keep their order
        return evs

    @staticmethod
    def entries(evs: list[Event]) -> list[int]:
        """Indexes of the events that enter a stage."""
        out, prev = [], object()
        for i, e in enumerate(evs):
            if e.stage != prev:
                out.append(i)
                prev = e.stage
        return out

    def spells(self, evs: list[Event]) -> list[tuple[str | None, Event, Event | None]]:
        """(stage, entry event, exit event or None while still in it)."""
        idx = self.entries(evs)
        return [
            (evs[i].stage, evs[i], evs[idx[n + 1]] if n + 1 < len(idx) else None)
            for n, i in enumerate(idx)
        ]

    def pushes(self, deal: Deal) -> list[pd.Timestamp]:
        out, prev, status = [], None, "open"
        for r in deal.rows:
            status = r.status or status
            if r.close_date is not None:
                if prev is not None and r.close_date > prev and status == "open":
                    out.append(r.at)
                prev = r.close_date
        return out

    def closed_since_open(self, deal: Deal, lo: dt.date, hi: dt.date) -> bool:
        """Not closed (open, or not yet created) at the end of some day in [lo, hi]."""
        day = lo
        while day <= hi:
            st = self.state(deal, day)
            if st is None or st.status not in CLOSED:
                return True
            day += ONE_DAY
        return False

    def money(self, deal: Deal, amount: float | None, day: dt.date) -> float | None:
        """``amount`` in base currency at ``day``; None when the currency has no rate."""
        rate = self.req.rate(deal.currency, day)
        if rate is None:
            return None
        return (amount or 0.0) * rate


# -- output --------------------------------------------------------------------------------
def matches(item: dict[str, Any], where: dict[str, Any]) -> bool:
    for dim, wanted in where.items():
        values = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
        v = item.get(dim)
        ok = (v is None and None in values) or (
            v is not None
            and str(v).strip().casefold()
            in {str(w).strip().casefold() for w in values if w is not None}
        )
        if not ok:
            return False
    return True


def out_frame(by: list[str], rows: list[dict[str, Any]], attrs: dict[str, Any]) -> pd.DataFrame:
    cols = ["period_start", *by, "value", "numerator", "denominator"]
    out = pd.DataFrame(rows, columns=cols)
    for dim in by:
        out[dim] = pd.Series([r[dim] for r in rows], index=out.index, dtype=object)
    for col in ("value", "numerator", "denominator"):
        out[col] = [math.nan if v is None else float(v) for v in out[col]]
    out.attrs.update(attrs)
    return out


def tabulate(
    req: Request,
    by: list[str],
    per_period: list[list[dict[str, Any]]],
    cell: Callable[[list[dict[str, Any]]], Cell],
    attrs: dict[str, Any],
) -> pd.DataFrame:
    """Apply ``where``; slices = dimension tuples of the items of any period; every period of
    every slice, ``cell(items of the slice and period)``."""
    per_period = [[it for it in items if matches(it, req.where)] for items in per_period]
    if by:
        keys = sorted(
            {tuple(it[d] for d in by) for items in per_period for it in items}, key=sort_key
        )
    else:
        keys = [()]
    rows = []
    for key in keys:
        for (first, _), items in zip(req.periods, per_period, strict=True):
            sub = [it for it in items if tuple(it[d] for d in by) == key]
            value, n, d = cell(sub)
            rows.append(
                {
                    "period_start": first,
                    **dict(zip(by, key, strict=True)),
                    "value": value,
                    "numerator": n,
                    "denominator": d,
                }
            )
    return out_frame(by, rows, attrs)


def check_dims(kpi: str, dims: Iterable[str]) -> None:
    bad = [d for d in dims if d not in OPP_DIMS]
    if bad:
        raise ValueError(f"{kpi}: unsupported dimension(s) {bad}; supported: {list(OPP_DIMS)}")


# -- stock KPIs ------------------------------------------------------------------------------
UNITS = {
    "open_opportunities": "count",
    "pipeline_value": "money",
    "weighted_pipeline": "money",
    "aged_opportunities": "count",
    "stage_conversion": "percent",
    "time_in_stage_days": "days",
    "pushed_deals": "count",
}


def _stock(kpi: str) -> Callable[..., pd.DataFrame]:
    def run_kpi(*args: Any) -> pd.DataFrame:
        req = Request(*args)
        check_dims(kpi, [*req.by, *req.where])
        model = Model(req)
        warnings: list[str] = []
        per_period = []
        for first, last in req.periods:
            day = req.window(first, last)[1]
            items = []
            for deal in model.deals:
                st = model.state(deal, day)
                if st is None or not st.open:
                    continue
                items.append(
                    {**deal.dims, "stage": model.name(st.stage), "deal": deal, "st": st, "day": day}
                )
            per_period.append(items)

        def cell(items: list[dict[str, Any]]) -> Cell:
            if kpi == "open_opportunities":
                return count_cell(len(items))
            if kpi == "aged_opportunities":
                return count_cell(
                    sum((it["day"] - it["deal"].created_day).days > 180 for it in items)
                )
            total = 0.0
            for it in items:
                deal, st, day = it["deal"], it["st"], it["day"]
                value = model.money(deal, st.amount, day)
                if value is None:
                    warnings.append(f"{deal.id}: no {deal.currency} rate on {day}")
                    continue
                if kpi == "pipeline_value":
                    total += value
                elif st.probability is None:
                    warnings.append(f"{deal.id}: no probability on {day}")
                else:
                    total += value * st.probability / 100.0
            return count_cell(total)

        out = tabulate(req, req.by, per_period, cell, {"kpi": kpi, "unit": UNITS[kpi]})
        out.attrs["grain"] = req.grain
        out.attrs["warnings"] = sorted(set(warnings))
        return out

    return run_kpi


# -- flow KPIs from the history ---------------------------------------------------------------
def stage_by(req: Request) -> list[str]:
    return req.by if "stage" in req.by else [*req.by, "stage"]


def stage_conversion(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("stage_conversion", [*req.by, *req.where])
    model = Model(req)
    per_period = []
    for first, last in req.periods:
        lo, hi = req.window(first, last)
        items = []
        for deal in model.deals:
            evs = model.events(deal, with_no_history=True)
            seen: set[str] = set()
            for i in model.entries(evs):
                s = evs[i].stage
                if not (lo <= evs[i].day <= hi) or not model.is_open_stage(s) or s in seen:
                    continue
                seen.add(s)  # type: ignore[arg-type]
                converted = any(
                    e.day <= req.as_of and (e.status == "won" or model.later(e.stage, s))  # type: ignore[arg-type]
                    for e in evs[i + 1 :]
                )
                items.append({**deal.dims, "stage": model.name(s), "converted": converted})
        per_period.append(items)

    def cell(items: list[dict[str, Any]]) -> Cell:
        return ratio(float(sum(it["converted"] for it in items)), float(len(items)), percent=True)

    out = tabulate(req, stage_by(req), per_period, cell, {"kpi": "stage_conversion"})
    out.attrs.update({"unit": "percent", "grain": req.grain, "warnings": []})
    return out


def time_in_stage_days(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("time_in_stage_days", [*req.by, *req.where])
    model = Model(req)
    per_period = []
    for first, last in req.periods:
        lo, hi = req.window(first, last)
        items = []
        for deal in model.deals:
            for stage, entry, exit_ in model.spells(model.events(deal, with_no_history=True)):
                if stage is None or exit_ is None or not (lo <= exit_.day <= hi):
                    continue
                items.append(
                    {
                        **deal.dims,
                        "stage": model.name(stage),
                        "days": days_between(entry.at, exit_.at),
                    }
                )
        per_period.append(items)

    def cell(items: list[dict[str, Any]]) -> Cell:
        return ratio(float(sum(it["days"] for it in items)), float(len(items)), percent=False)

    out = tabulate(req, stage_by(req), per_period, cell, {"kpi": "time_in_stage_days"})
    out.attrs.update({"unit": "days", "grain": req.grain, "warnings": []})
    return out


def pushed_deals(*args: Any) -> pd.DataFrame:
    req = Request(*args)
    check_dims("pushed_deals", [*req.by, *req.where])
    model = Model(req)
    per_period = []
    for first, last in req.periods:
        lo, hi = req.window(first, last)
        items = []
        for deal in model.deals:
            for at in model.pushes(deal):
                if lo <= at.date() <= hi:
                    st = model.state(deal, at.date())
                    stage = model.name(st.stage) if st is not None else None
                    items.append({**deal.dims, "stage": stage, "deal": deal.id})
        per_period.append(items)

    def cell(items: list[dict[str, Any]]) -> Cell:
        return count_cell(len({it["deal"] for it in items}))

    out = tabulate(req, req.by, per_period, cell, {"kpi": "pushed_deals"})
    out.attrs.update({"unit": "count", "grain": req.grain, "warnings": []})
    return out


REFERENCE: dict[str, Callable[..., pd.DataFrame]] = {
    "open_opportunities": _stock("open_opportunities"),
    "pipeline_value": _stock("pipeline_value"),
    "weighted_pipeline": _stock("weighted_pipeline"),
    "aged_opportunities": _stock("aged_opportunities"),
    "stage_conversion": stage_conversion,
    "time_in_stage_days": time_in_stage_days,
    "pushed_deals": pushed_deals,
}

SUPPORTED_DIMS: dict[str, tuple[str, ...]] = dict.fromkeys(REFERENCE, OPP_DIMS)


# -- pipeline waterfall -----------------------------------------------------------------------
WATERFALL_COLUMNS = (
    "start",
    "created",
    "pulled_in",
    "increased",
    "decreased",
    "won",
    "lost",
    "pushed_out",
    "fx",
    "end",
)


def pipeline_waterfall(
    tables: Tables,
    grain: str,
    start: Any,
    end: Any,
    by: Iterable[str] | None,
    settings: dict[str, Any],
) -> pd.DataFrame:
    by = list(by or [])
    if "stage" in by:
        raise ValueError("pipeline_waterfall: no stage dimension (a deal's stage moves)")
    check_dims("pipeline_waterfall", by)
    req = Request(tables, grain, start, end, by, {}, end, settings)
    model = Model(req)

    def in_pipe(st: State | None, cutoff: dt.date) -> bool:
        return st is not None and st.open and st.close_date is not None and st.close_date <= cutoff

    blank = dict.fromkeys(WATERFALL_COLUMNS, 0.0)
    cells: dict[tuple[Any, ...], dict[dt.date, dict[str, float]]] = {}
    for first, last in req.periods:
        sday, eday = first - ONE_DAY, req.window(first, last)[1]
        for deal in model.deals:
            s, e = model.state(deal, sday), model.state(deal, eday)
            if e is None:
                continue
            s_in, e_in = in_pipe(s, last), in_pipe(e, last)
            closed = (
                not s_in
                and e.status in CLOSED
                and model.closed_since_open(deal, sday, eday - ONE_DAY)
            )
            if not (s_in or e_in or closed):
                continue
            rs, re_ = model.req.rate(deal.currency, sday), model.req.rate(deal.currency, eday)
            if rs is None or re_ is None:
                continue  # no rate: left out (the engine warns)
            key = tuple(deal.dims[d] for d in by)
            c = cells.setdefault(key, {}).setdefault(first, dict(blank))
            a_e = (e.amount or 0.0) * re_
            if s_in:
                a_s = s.amount or 0.0  # type: ignore[union-attr]
                c["start"] += a_s * rs
                c["fx"] += a_s * (re_ - rs)
                delta = (e.amount or 0.0) * re_ - a_s * re_
                c["increased" if delta > 0 else "decreased"] += abs(delta)
                if not e_in:
                    c[
                        "won"
                        if e.status == "won"
                        else "lost"
                        if e.status == "lost"
                        else "pushed_out"
                    ] += a_e
            else:
                created = first <= deal.created_day <= eday
                c["created" if created else "pulled_in"] += a_e
                if not e_in:
                    c[e.status] += a_e
            if e_in:
                c["end"] += a_e
    keys = sorted(cells, key=sort_key) if by else [()]
    rows = []
    for key in keys:
        for first, _ in req.periods:
            c = cells.get(key, {}).get(first, dict(blank))
            rows.append({"period_start": first, **dict(zip(by, key, strict=True)), **c})
    out = pd.DataFrame(rows, columns=["period_start", *by, *WATERFALL_COLUMNS])
    for dim in by:
        out[dim] = pd.Series([r[dim] for r in rows], index=out.index, dtype=object)
    return out


# -- stage funnel -----------------------------------------------------------------------------
def funnel(
    tables: Tables, start: Any, end: Any, as_of: Any, settings: dict[str, Any]
) -> pd.DataFrame:
    req = Request(tables, "total", start, end, [], {}, as_of, settings)
    model = Model(req)
    stages = [s for s in model.order if model.is_open_stage(s)]
    cohort = [d for d in model.deals if req.start <= d.created_day <= req.end]
    reached = {s: 0 for s in [*stages, "won"]}
    lost_here = {s: 0 for s in [*stages, "won"]}
    spells: dict[str, list[float]] = {s: [] for s in stages}
    for deal in cohort:
        evs = [e for e in model.events(deal, with_no_history=True) if e.day <= req.as_of]
        entered = {evs[i].stage for i in model.entries(evs)}
        won = any(e.status == "won" for e in evs)
        for s in stages:
            if won or s in entered or any(model.later(t, s) for t in entered):
                reached[s] += 1
        reached["won"] += won
        st = model.state(deal, req.as_of)
        if st is not None and st.status == "lost":
            opened = [evs[i].stage for i in model.entries(evs) if model.is_open_stage(evs[i].stage)]
            if opened and opened[-1] in lost_here:
                lost_here[opened[-1]] += 1  # type: ignore[index]
        for stage, entry, exit_ in model.spells(evs):
            if stage in spells and exit_ is not None:
                spells[stage].append(days_between(entry.at, exit_.at))
    rows = []
    names = [*stages, "won"]
    for i, s in enumerate(names):
        nxt = names[i + 1] if i + 1 < len(names) else None
        conv = None if nxt is None or reached[s] == 0 else 100.0 * reached[nxt] / reached[s]
        med = statistics.median(spells[s]) if spells.get(s) else None
        rows.append(
            {
                "stage": "won" if s == "won" else model.name(s),
                "reached": reached[s],
                "conversion": math.nan if conv is None else conv,
                "lost_here": lost_here[s],
                "median_days": math.nan if med is None else float(med),
            }
        )
    return pd.DataFrame(
        rows, columns=["stage", "reached", "conversion", "lost_here", "median_days"]
    )


# -- forecast ---------------------------------------------------------------------------------
def previous_windows(first: dt.date, last: dt.date, n: int = 4) -> list[tuple[dt.date, dt.date]]:
    """The ``n`` windows of P's length before P, oldest first."""
    whole_months = first.day == 1 and (last + ONE_DAY).day == 1
    out = []
    if whole_months:
        months = (last.year * 12 + last.month) - (first.year * 12 + first.month) + 1
        for k in range(n, 0, -1):
            lo = add_months(first, -k * months)
            out.append((lo, add_months(lo, months) - ONE_DAY))
    else:
        length = (last - first).days + 1
        for k in range(n, 0, -1):
            lo = first - dt.timedelta(days=k * length)
            out.append((lo, lo + dt.timedelta(days=length - 1)))
    return out


def forecast(
    tables: Tables,
    period_start: Any,
    period_end: Any,
    day: Any,
    settings: dict[str, Any],
    by: Iterable[str] | None = None,
) -> pd.DataFrame:
    by = list(by or [])
    check_dims("forecast", by)
    first, last = as_date(period_start), as_date(period_end)
    d = min(as_date(day), last)
    req = Request(tables, "total", first, last, [], {}, d, settings)
    model = Model(req)
    states = {deal.id: model.state(deal, d) for deal in model.deals}

    def booked(deal: Deal, lo: dt.date, hi: dt.date) -> float:
        st = states[deal.id]
        if st is None or st.status != "won" or st.close_date is None:
            return 0.0
        if not lo <= st.close_date <= hi:
            return 0.0
        return model.money(deal, st.amount, st.close_date) or 0.0

    # learnt win rates on d
    closed_on_d = {
        deal.id: st.status
        for deal in model.deals
        if (st := states[deal.id]) and st.status in CLOSED
    }
    overall = (
        sum(s == "won" for s in closed_on_d.values()) / len(closed_on_d) if closed_on_d else 0.0
    )
    entered: dict[str, set[str]] = {}
    for deal in model.deals:
        evs = [e for e in model.events(deal) if e.day <= d]
        entered[deal.id] = {evs[i].stage for i in model.entries(evs) if evs[i].stage}  # type: ignore[misc]

    def learnt_rate(stage: str | None, segment: Any) -> float:
        if stage is None:
            return overall
        pool = [x for x in model.deals if x.id in closed_on_d and stage in entered[x.id]]
        seg_pool = [x for x in pool if x.dims.get("segment") == segment]
        use = seg_pool if len(seg_pool) >= 30 else pool
        if not use:
            return overall
        return sum(closed_on_d[x.id] == "won" for x in use) / len(use)

    windows = previous_windows(first, last)
    share = min(1.0, (last - d).days / ((last - first).days + 1))
    slices: dict[tuple[Any, ...], dict[str, Any]] = {}

    def slot(deal: Deal) -> dict[str, Any]:
        key = tuple(deal.dims[x] for x in by)
        return slices.setdefault(
            key,
            {"won": 0.0, "past": [0.0] * len(windows), "learnt": [0.0, 0.0], "crm": [0.0, 0.0]},
        )

    for deal in model.deals:
        st = states[deal.id]
        won_now = booked(deal, first, d)
        past = [booked(deal, lo, hi) for lo, hi in windows]
        due = st is not None and st.open and st.close_date is not None and st.close_date <= last
        if not (won_now or any(past) or due):
            continue
        c = slot(deal)
        c["won"] += won_now
        c["past"] = [a + b for a, b in zip(c["past"], past, strict=True)]
        if due:
            amount = model.money(deal, st.amount, d)  # type: ignore[union-attr]
            if amount is None:
                continue
            for method, p in (
                ("learnt", learnt_rate(st.stage, deal.dims.get("segment"))),  # type: ignore[union-attr]
                ("crm", None if st.probability is None else st.probability / 100.0),  # type: ignore[union-attr]
            ):
                if p is None:
                    continue  # no probability: left out (the engine warns)
                c[method][0] += amount * p
                c[method][1] += amount * amount * p * (1.0 - p)
    keys = sorted(slices, key=sort_key) if by else [()]
    rows = []
    for key in keys:
        c = slices.get(
            key, {"won": 0.0, "past": [0.0] * len(windows), "learnt": [0.0, 0.0], "crm": [0.0, 0.0]}
        )
        won = c["won"]
        for method in ("learnt", "crm", "run_rate"):
            if method == "run_rate":
                mean = sum(c["past"]) / len(c["past"])
                expected = won + mean * share
                sigma = statistics.stdev(c["past"]) * share
            else:
                expected = won + c[method][0]
                sigma = math.sqrt(c[method][1])
            rows.append(
                {
                    **dict(zip(by, key, strict=True)),
                    "method": method,
                    "won_so_far": won,
                    "expected": expected,
                    "low": max(expected - 1.28 * sigma, won),
                    "high": expected + 1.28 * sigma,
                    "sigma": sigma,
                    "day": d,
                }
            )
    cols = [*by, "method", "won_so_far", "expected", "low", "high", "sigma", "day"]
    return pd.DataFrame(rows, columns=cols)


__all__ = [
    "REFERENCE",
    "STAGE_ORDER",
    "STAGE_PROBABILITIES",
    "SUPPORTED_DIMS",
    "Model",
    "forecast",
    "funnel",
    "load_tables",
    "pipeline_waterfall",
    "settings",
]
