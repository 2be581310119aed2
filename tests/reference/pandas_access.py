"""An independent pandas reference of row-level access (docs/access-control.md), written from
the contract alone: it never looks at `salesmetrics.access` or at the engine's scope code.

Entry points
- ``reached_reps(reps, role, rep_id) -> set[str] | None``: the rep ids a user reaches (None =
  every row, no rep restriction).
- ``visible_tables(tables, role, rep_id) -> tables``: the rows of each canonical table the user
  reaches, table by table as the contract's table says (the records a user may see).
- ``reference_inputs(tables, role, rep_id, kpi)``: what the existing pandas references
  (pandas_kpis, pandas_subscriptions, pandas_operations, pandas_history) are given to compute a
  KPI *for that user*: the visible tables, plus the lookups the contract keeps whole.
- ``expected_frame(reference, dims, kpi, tables, role, rep_id, ...)``: the KPI frame the user
  must get, or ``None`` when the KPI is not shown to the role (company-level data).
- ``expected_records(kpi, tables, role, rep_id, grain, start, end, settings)``: the
  (period_start, record id) pairs behind an explanation, for the KPIs listed in
  ``RECORD_KPIS``.
- ``allowed_ids`` / ``forbidden_tokens``: the ids, names and e-mails a user may meet in an
  answer, and those that must never appear in it.

How the contract is read here (every place where it leaves room is decided and listed):

Reach
1. admin and executive reach every row (None), whether or not they are linked to a rep.
2. rep linked to R reaches {R}.
3. manager linked to M reaches M; the *chain* under M: every rep whose ``reps.manager`` names
   M, then the reps whose manager names one of those, and so on; and every rep of the team of
   M and of every rep of the chain who manages someone. A ``reps.manager`` value names a rep
   by its id, or by the name or e-mail of exactly one rep (a name two reps share names no
   one), all compared trimmed and case-insensitively (``strip().casefold()``); teams too (an
   empty team is no team). Decided where the contract leaves room:
   - a value equal to a rep id names that rep, even when it is also another rep's name (ids
     are keys; names are the fallback); M's own id names M even when M has no row;
   - "every rep M reaches who manages someone" is read as the reps of the *chain* (and M):
     a teammate reached only through a team brings neither its own reports nor its team —
     the sentence lists what the chain brings, it does not start a second round;
   - "manages someone" = some rep's ``reps.manager`` names it (by the same rule).
4. Rows are reached through their owner: a row is reached when its owner id (compared exactly,
   as ids are) is in the reach *and* is a known rep id (has a ``reps`` row). The contract says
   rows whose owner is "empty or unknown" are for admins and executives only; decided: that
   rule wins even when a user is linked to a rep id without a row (such a user reaches no
   owned row; the fixtures never have it).

Rows of each table (restricted users)
5. opportunities, leads, accounts by ``owner_rep_id``; activities, reps, quotas by
   ``rep_id``; opportunity_history by its deal (the deal reached); subscriptions, invoices and
   surveys by their account (the account reached, i.e. its owner reached).
6. targets: ``dimension = rep`` and a reached rep id; ``dimension = team`` and every rep row of
   that team reached (decided: a team with no rep row is not reached — there is nobody to
   reach; dimension and team compared trimmed and case-insensitively); company-wide targets
   and every other dimension are not reached.
7. spend and web_stats: never (empty tables); fx_rates: kept whole (used to convert the user's
   own amounts, never shown as records).

What the KPIs of a restricted user are computed on
8. "A KPI is computed over the rows the user reaches": its *population* is the visible rows (a
   rep's leads, deals, accounts). Facts *about* a reached row that its definition derives
   from another table are that row's own state and are read over all rows (the contract's
   "facts of a reached record"): whether a lead converted (L20 of r4 converts through r7's
   o54 in kpi_small: r4 sees it converted — an SDR's leads become an AE's deals), when an
   account became a customer (its first won deal, whoever won it), when a lead got its
   first response and when a deal was last touched (any rep's activity). They add no row of
   another rep's to a number; the records behind them stay unlisted (point 12).
   ``ROW_FACTS`` lists, per KPI, the tables read whole for those facts.
9. The only lookup kept whole is the one the contract names: **account attributes** (industry,
   segment, country, account region) of a reached record's account, even another rep's. So
   ``reference_inputs`` gives the references the *whole* accounts table as the lookup for every
   KPI whose population is not accounts; for KPIs counting accounts themselves
   (``new_customers``) the accounts are the reached ones. Subscriptions, invoices and surveys
   are only kept on reached accounts, so for them both give the same numbers.
10. Rep-derived dimensions (rep, team, manager, region) come from the reps rows, which for a
    restricted user are the reached ones — exactly the owners of the rows they reach.
11. A KPI that cannot be split by ``rep`` (spend and web_stats KPIs: cac, cpa, roas, ctr,
    sales_marketing_spend, ltv_to_cac …) is not shown to a restricted user: ``expected_frame``
    returns None, and the test expects every value null and a "not shown" warning.
12. Explanations list only reached records: a record's id of a kind (deal, lead, account,
    activity, subscription, invoice, survey response, rep) must be an id the user reaches *or*
    a reference carried by a row they reach (a reached deal names its account, another rep's;
    a reached activity names its deal) — but an account *name* is only shown for a reached
    account (the contract: "the account row itself (its name …) is not reached").
13. One workspace-level fact is kept whole: when the workspace's data starts (its first deal
    created). ramp_days leaves out reps hired before it, because their first win may predate
    the data — a question about the workspace's coverage, not about the user's rows (read
    over the user's rows, a rep hired before their own first deal would never see their own
    ramp). It gates a rep in or out; it adds no number of another rep's.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from tests.reference.pandas_kpis import (
    Request,
    as_date,
    day_of,
    in_window,
    is_open,
    missing,
)

Tables = dict[str, pd.DataFrame]

UNRESTRICTED = ("admin", "executive")
RESTRICTED = ("manager", "rep")
ROLES = (*UNRESTRICTED, *RESTRICTED)

#: Tables whose rows belong to the rep named in a column.
OWNED_BY = {
    "opportunities": "owner_rep_id",
    "leads": "owner_rep_id",
    "accounts": "owner_rep_id",
    "activities": "rep_id",
    "reps": "rep_id",
    "quotas": "rep_id",
}
#: Tables whose rows follow their account.
BY_ACCOUNT = ("subscriptions", "invoices", "surveys")
#: Company-level tables a restricted user never reaches.
COMPANY_LEVEL = ("spend", "web_stats")
#: Kept whole: used to convert the user's own amounts.
WHOLE = ("fx_rates",)
#: KPIs whose population is the accounts themselves (they count reached accounts only).
ACCOUNT_POPULATION = ("new_customers",)
#: Tables read whole for the facts of a reached row (point 8): a lead's conversion, an
#: account's first won deal, a lead's first response, a deal's last touch.
ROW_FACTS: dict[str, tuple[str, ...]] = {
    "lead_conversion_rate": ("opportunities",),
    "lead_to_opportunity_rate": ("opportunities",),
    "new_customers": ("opportunities",),
    "lead_response_hours": ("activities",),
    "lead_response_hours_median": ("activities",),
    "stale_opportunities": ("activities",),
}

#: id column of each table, and the kind of id it is.
ID_COLUMNS = {
    "opportunities": "opportunity_id",
    "leads": "lead_id",
    "accounts": "account_id",
    "activities": "activity_id",
    "subscriptions": "subscription_id",
    "invoices": "invoice_id",
    "surveys": "response_id",
    "reps": "rep_id",
}
#: columns naming an id of another table (the kind is the referenced table).
REFERENCE_COLUMNS = {
    "account_id": "accounts",
    "opportunity_id": "opportunities",
    "lead_id": "leads",
    "activity_id": "activities",
    "subscription_id": "subscriptions",
    "invoice_id": "invoices",
    "response_id": "surveys",
    "rep_id": "reps",
    "owner_rep_id": "reps",
}


# -- small helpers --------------------------------------------------------------------------------
def text(value: Any) -> str | None:
    """A stored string, None when null or empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str) and pd.isna(value):
        return None
    out = str(value)
    return out if out != "" else None


def norm(value: Any) -> str | None:
    """Trimmed and case-folded; None when empty after trimming."""
    raw = text(value)
    if raw is None:
        return None
    out = raw.strip().casefold()
    return out or None


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [dict(r) for r in df.to_dict("records")]


def _keep(df: pd.DataFrame, mask: Iterable[bool]) -> pd.DataFrame:
    keep = pd.Series(list(mask), index=df.index, dtype=bool)
    return df.loc[keep].reset_index(drop=True)


# -- 1. reach -------------------------------------------------------------------------------------
def names_of(reps: pd.DataFrame) -> Callable[[Any], str | None]:
    """``reps.manager`` value -> the rep id it names (point 3 of the module docstring): a rep
    id (even one without a row, compared trimmed and case-insensitively), else the name or
    e-mail of exactly one rep; None when it names no one."""
    rows = _rows(reps)
    ids = {norm(r["rep_id"]): text(r["rep_id"]) for r in rows if norm(r["rep_id"])}
    labels: dict[str, set[str]] = {}
    for r in rows:
        rid = text(r["rep_id"])
        for col in ("name", "email"):
            label = norm(r.get(col))
            if label is not None and rid is not None:
                labels.setdefault(label, set()).add(rid)

    def named(value: Any, me: str | None = None) -> str | None:
        v = norm(value)
        if v is None:
            return None
        if me is not None and v == norm(me):
            return me
        if v in ids:
            return ids[v]
        hits = labels.get(v, set())
        return next(iter(hits)) if len(hits) == 1 else None

    return named


def reached_reps(reps: pd.DataFrame, role: str, rep_id: str | None) -> set[str] | None:
    """The rep ids the user reaches; None = every row (admin, executive)."""
    if role in UNRESTRICTED:
        return None
    if role not in RESTRICTED:
        raise ValueError(f"unknown role {role!r}")
    if text(rep_id) is None:
        raise ValueError(f"a {role} user must be linked to a rep id")
    me = str(rep_id)
    if role == "rep":
        return {me}
    rows = _rows(reps)
    named = names_of(reps)
    boss_of = {rid: named(r.get("manager"), me) for r in rows if (rid := text(r["rep_id"]))}
    chain = {me}
    frontier = [me]
    while frontier:  # transitive; a cycle stops because reached ids are not revisited
        boss = frontier.pop()
        for rid, b in boss_of.items():
            if b == boss and rid not in chain:
                chain.add(rid)
                frontier.append(rid)
    managers = {b for b in boss_of.values() if b is not None}
    team_of = {text(r["rep_id"]): norm(r.get("team")) for r in rows}
    teams = {team_of.get(rid) for rid in chain if rid == me or rid in managers}
    teams.discard(None)
    return chain | {rid for rid, team in team_of.items() if rid and team in teams}


def known_reps(tables: Tables) -> set[str]:
    return {rid for r in tables["reps"]["rep_id"] if (rid := text(r)) is not None}


def reaches_owner(owner: Any, reach: set[str], known: set[str]) -> bool:
    """A row whose owner is empty or unknown is reached by admins and executives only."""
    o = text(owner)
    return o is not None and o in reach and o in known


# -- 2. visible rows ------------------------------------------------------------------------------
def _targets_reached(targets: pd.DataFrame, reps: pd.DataFrame, reach: set[str]) -> pd.DataFrame:
    teams: dict[str, set[str]] = {}
    for r in _rows(reps):
        team, rid = norm(r.get("team")), text(r["rep_id"])
        if team is not None and rid is not None:
            teams.setdefault(team, set()).add(rid)

    def ok(row: dict[str, Any]) -> bool:
        dim, value = norm(row.get("dimension")), text(row.get("dimension_value"))
        if dim == "rep":
            return value is not None and value in reach
        if dim == "team":
            members = teams.get(norm(value) or "", set())
            return bool(members) and members <= reach
        return False  # company-wide targets and other dimensions

    return _keep(targets, [ok(r) for r in _rows(targets)])


def visible_tables(tables: Tables, role: str, rep_id: str | None) -> Tables:
    """The rows of each table the user reaches (see the module docstring, points 4-7)."""
    reach = reached_reps(tables["reps"], role, rep_id)
    if reach is None:
        return {name: df.copy() for name, df in tables.items()}
    known = known_reps(tables)
    out: Tables = {}
    for name, df in tables.items():
        if name in OWNED_BY:
            col = OWNED_BY[name]
            out[name] = _keep(df, [reaches_owner(v, reach, known) for v in df[col]])
        elif name in COMPANY_LEVEL:
            out[name] = df.iloc[0:0].copy()
        elif name in WHOLE:
            out[name] = df.copy()
        elif name not in BY_ACCOUNT and name not in ("opportunity_history", "targets"):
            raise ValueError(f"the access reference does not know table {name!r}")
    if "opportunity_history" in tables:
        deals = set(out["opportunities"]["opportunity_id"])
        hist = tables["opportunity_history"]
        out["opportunity_history"] = _keep(hist, [o in deals for o in hist["opportunity_id"]])
    accounts = set(out["accounts"]["account_id"]) if "accounts" in out else set()
    for name in BY_ACCOUNT:
        if name in tables:
            df = tables[name]
            out[name] = _keep(df, [text(a) in accounts for a in df["account_id"]])
    if "targets" in tables:
        out["targets"] = _targets_reached(tables["targets"], tables["reps"], reach)
    return out


#: KPIs that read when the workspace's data starts (its first deal created): ramp_days leaves
#: out reps hired before it (point 13 of the module docstring).
WORKSPACE_DATA_START = ("ramp_days",)


def _with_data_start(every: pd.DataFrame, visible: pd.DataFrame) -> pd.DataFrame:
    """The visible deals plus one deal of no one, no status and no amount, created when the
    workspace's first deal was: it moves the data start and nothing else."""
    first = min((c for c in every["created_at"] if not pd.isna(c)), default=None)
    if first is None:
        return visible
    pad = {c: [None] for c in visible.columns}
    pad["opportunity_id"] = ["(data start)"]
    pad["created_at"] = [first]
    return pd.concat(
        [visible, pd.DataFrame(pad).astype(visible.dtypes.to_dict())], ignore_index=True
    )


def reference_inputs(tables: Tables, role: str, rep_id: str | None, kpi: str) -> Tables:
    """The tables the pandas references get to compute ``kpi`` for the user: the visible rows,
    with the whole accounts table as the attribute lookup unless ``kpi`` counts accounts, and
    the tables of ``ROW_FACTS`` whole."""
    out = visible_tables(tables, role, rep_id)
    if "accounts" in tables and kpi not in ACCOUNT_POPULATION:
        out["accounts"] = tables["accounts"].copy()
    for name in ROW_FACTS.get(kpi, ()):
        if name in tables:
            out[name] = tables[name].copy()
    if kpi in WORKSPACE_DATA_START and len(tables.get("opportunities", ())) > len(
        out["opportunities"]
    ):
        out["opportunities"] = _with_data_start(tables["opportunities"], out["opportunities"])
    if "surveys" in out and len(out["surveys"]) == 0:
        # pandas_subscriptions filters surveys by type with `df[[...]]`, which an empty list
        # turns into a column selection: one row of no survey type keeps it a row filter
        # (it is neither nps nor csat, so it counts nowhere).
        pad = {c: [None] for c in out["surveys"].columns}
        pad["type"] = ["(no survey)"]
        out["surveys"] = pd.DataFrame(pad).astype(out["surveys"].dtypes.to_dict())
    return out


def is_company_level(supported_dims: Iterable[str]) -> bool:
    """The contract: the KPIs built from company-level data are exactly those that cannot be
    split by rep."""
    return "rep" not in tuple(supported_dims)


def expected_frame(
    reference: dict[str, Callable[..., pd.DataFrame]],
    dims: dict[str, tuple[str, ...]],
    kpi: str,
    tables: Tables,
    role: str,
    rep_id: str | None,
    grain: str,
    start: Any,
    end: Any,
    by: list[str],
    where: dict[str, Any],
    as_of: Any,
    settings: dict[str, Any],
) -> pd.DataFrame | None:
    """The frame the user must get (None: not shown to this role, every value null)."""
    if role in RESTRICTED and is_company_level(dims[kpi]):
        return None
    inputs = reference_inputs(tables, role, rep_id, kpi)
    return reference[kpi](inputs, grain, start, end, by, where, as_of, settings)


# -- 3. records behind an explanation -------------------------------------------------------------
def _request(tables: Tables, grain: str, start: Any, end: Any, settings: dict[str, Any]) -> Request:
    return Request(tables, grain, start, end, [], {}, end, settings)


IdsOf = Callable[[Tables, Request, dt.date, dt.date], set[str]]


def _closed(statuses: tuple[str, ...], money: bool = False) -> IdsOf:
    """Deals closed in [lo, hi] with one of ``statuses``; ``money``: only those whose currency
    has a rate on the close date (the others are left out of the number, so not behind it)."""

    def ids(t: Tables, req: Request, lo: dt.date, hi: dt.date) -> set[str]:
        return {
            r.opportunity_id
            for r in t["opportunities"].itertuples()
            if r.status in statuses
            and in_window(r.close_date, lo, hi)
            and (not money or req.rate(r.currency, day_of(r.close_date)) is not None)  # type: ignore[arg-type]
        }

    return ids


def _open_on(money: bool) -> IdsOf:
    """Deals open on the stock day hi (``money``: with a rate on that day)."""

    def ids(t: Tables, req: Request, lo: dt.date, hi: dt.date) -> set[str]:
        return {
            r.opportunity_id
            for r in t["opportunities"].itertuples()
            if is_open(r, hi) and (not money or req.rate(r.currency, hi) is not None)
        }

    return ids


def _created(table: str, id_col: str, day_col: str) -> IdsOf:
    def ids(t: Tables, req: Request, lo: dt.date, hi: dt.date) -> set[str]:
        df = t[table]
        return {i for i, d in zip(df[id_col], df[day_col], strict=True) if in_window(d, lo, hi)}

    return ids


def _new_customers(t: Tables, req: Request, lo: dt.date, hi: dt.date) -> set[str]:
    opp = t["opportunities"]
    since: dict[str, dt.date] = {}
    for a, s, c in zip(opp["account_id"], opp["status"], opp["close_date"], strict=True):
        day = day_of(c)
        if s == "won" and text(a) is not None and day is not None:
            since[a] = min(day, since.get(a, day))
    return {a for a in t["accounts"]["account_id"] if a in since and lo <= since[a] <= hi}


def _survey(kind: str) -> IdsOf:
    def ids(t: Tables, req: Request, lo: dt.date, hi: dt.date) -> set[str]:
        sv = t["surveys"]
        return {
            i
            for i, k, d in zip(sv["response_id"], sv["type"], sv["responded_at"], strict=True)
            if str(k).lower() == kind and in_window(d, lo, hi)
        }

    return ids


#: KPI -> (id column of its records, the ids behind the cell of [lo, hi]). Money KPIs list
#: only the rows their number adds up (a row in a currency without a rate is left out).
RECORD_KPIS: dict[str, tuple[str, IdsOf]] = {
    "revenue": ("opportunity_id", _closed(("won",), money=True)),
    "won_deals": ("opportunity_id", _closed(("won",))),
    "lost_deals": ("opportunity_id", _closed(("lost",))),
    "win_rate": ("opportunity_id", _closed(("won", "lost"))),
    "open_opportunities": ("opportunity_id", _open_on(money=False)),
    "pipeline_value": ("opportunity_id", _open_on(money=True)),
    "opportunities_created": (
        "opportunity_id",
        _created("opportunities", "opportunity_id", "created_at"),
    ),
    "leads_created": ("lead_id", _created("leads", "lead_id", "created_at")),
    "lead_conversion_rate": ("lead_id", _created("leads", "lead_id", "created_at")),
    "new_customers": ("account_id", _new_customers),
    "nps": ("response_id", _survey("nps")),
    "csat": ("response_id", _survey("csat")),
    "activities": ("activity_id", _created("activities", "activity_id", "occurred_at")),
    "touches_per_won_deal": ("opportunity_id", _closed(("won",))),
}


def expected_records(
    kpi: str,
    tables: Tables,
    role: str,
    rep_id: str | None,
    grain: str,
    start: Any,
    end: Any,
    settings: dict[str, Any],
) -> set[tuple[dt.date, str]]:
    """(period_start, id) of every record behind the KPI's cells for the user."""
    _, ids = RECORD_KPIS[kpi]
    inputs = reference_inputs(tables, role, rep_id, kpi)
    req = _request(inputs, grain, start, end, settings)
    return {
        (first, i)
        for first, last in req.periods
        for i in ids(inputs, req, *req.window(first, last))
    }


# -- 4. what may and may not appear in an answer --------------------------------------------------
def allowed_ids(tables: Tables, visible: Tables) -> dict[str, set[str]]:
    """Per kind of id (the table it identifies), the ids a user may meet: the ids of the rows
    they reach and the references those rows carry (point 12 of the module docstring)."""
    out: dict[str, set[str]] = {kind: set() for kind in ID_COLUMNS}
    for name, df in visible.items():
        for col in df.columns:
            kind = REFERENCE_COLUMNS.get(col)
            if kind is not None:
                out[kind] |= {v for v in map(text, df[col]) if v is not None}
        if name in ID_COLUMNS:
            out[name] |= {v for v in map(text, df[ID_COLUMNS[name]]) if v is not None}
    return out


def all_ids(tables: Tables) -> dict[str, set[str]]:
    return allowed_ids(tables, tables)


def forbidden_tokens(tables: Tables, visible: Tables) -> dict[str, str]:
    """Token -> why a user who reaches ``visible`` may never see it: ids of rows they do not
    reach (and no reached row refers to), the names and e-mails of reps they do not reach,
    the names of accounts they do not reach."""
    allowed = allowed_ids(tables, visible)
    out: dict[str, str] = {}
    for kind, ids in all_ids(tables).items():
        for i in sorted(ids - allowed[kind]):
            out[i] = f"{kind} id {i}"
    # a name or e-mail that a reached rep (account) also carries is theirs to see
    mine = {norm(r.get(col)) for r in _rows(visible["reps"]) for col in ("name", "email")} | {
        norm(a.get("name")) for a in _rows(visible.get("accounts", pd.DataFrame()))
    }
    seen_reps = set(visible["reps"]["rep_id"])
    for r in _rows(tables["reps"]):
        if r["rep_id"] in seen_reps:
            continue
        for col in ("name", "email"):
            value = text(r.get(col))
            if value is not None and value.strip() and norm(value) not in mine:
                out[value.strip()] = f"{col} of rep {r['rep_id']}"
    if "accounts" in tables:
        seen_accounts = set(visible["accounts"]["account_id"])
        for a in _rows(tables["accounts"]):
            name = text(a.get("name"))
            if a["account_id"] not in seen_accounts and name is not None and norm(name) not in mine:
                out[name] = f"name of account {a['account_id']}"
    return out


def find_tokens(haystack: str, tokens: dict[str, str]) -> list[str]:
    """The tokens present in ``haystack`` as whole words (e-mails ignoring case)."""
    hits = []
    for token, why in tokens.items():
        flags = re.IGNORECASE if "@" in token else 0
        if re.search(rf"(?<![\w@.]){re.escape(token)}(?![\w@])", haystack, flags):
            hits.append(f"{token!r} ({why})")
    return hits


def currencies_of(visible: Tables) -> set[str]:
    """The currencies of the rows a user reaches (upper-case)."""
    out: set[str] = set()
    for name, df in visible.items():
        if name != "fx_rates" and "currency" in df.columns:
            out |= {c.strip().upper() for c in map(text, df["currency"]) if c and c.strip()}
    return out


def reached_teams(visible: Tables) -> set[str | None]:
    """Team values of the reps a user reaches (None for the empty team)."""
    return {text(t) for t in visible["reps"]["team"]}


__all__ = [
    "RECORD_KPIS",
    "allowed_ids",
    "as_date",
    "currencies_of",
    "expected_frame",
    "expected_records",
    "find_tokens",
    "forbidden_tokens",
    "is_company_level",
    "missing",
    "reached_reps",
    "reached_teams",
    "reference_inputs",
    "visible_tables",
]
