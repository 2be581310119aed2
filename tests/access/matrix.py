"""The checks of the leak matrix: each takes a served company and a user, asks the real app
what that user sees on one kind of route, and returns every problem as a line of text.

Kinds of problems (all must be 0):
- ``LEAK``: a record, id, name or e-mail the user does not reach, a slice of reps they do
  not reach, or a number that equals the unrestricted one where the user's own differs;
- ``WRONG``: a restricted user's number or records differ from the reference over the rows
  they reach (without evidence of other rows), or a page does not show their own records;
- ``MISMATCH``: an admin's or executive's numbers or records differ from the reference (not
  about access, but the reference must hold for the matrix to mean anything);
- ``ERROR``: a server error (5xx) where an answer was due;
- ``ACCESS``: a status that breaks the contract's table of routes per role (401/403).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from fastapi.testclient import TestClient

from tests.access.companies import Company, Shape, User
from tests.reference.pandas_access import (
    RECORD_KPIS,
    REFERENCE_COLUMNS,
    RESTRICTED,
    allowed_ids,
    currencies_of,
    expected_frame,
    expected_records,
    find_tokens,
    forbidden_tokens,
    is_company_level,
    norm,
    reached_teams,
    text,
    visible_tables,
)
from tests.reference.pandas_kpis import period_containing

MAX_PER_REQUEST = 8  # problem lines listed per request before "… and N more"
PAGES = ("/", "/pipeline", "/revenue", "/team", "/leads", "/customers", "/marketing", "/kpis")
TODAY = dt.date.today().isoformat()


@dataclass
class Served:
    """A company in a real workspace on one engine, served by the real app, with a bearer
    token per user."""

    company: Company
    engine: str
    client: TestClient
    tokens: dict[str, str]
    noise: dict[str, set[str]] = field(default_factory=dict)  # page -> tokens of an empty one
    full: bool = True  # every KPI of the company, else its core ones

    def every_kpi(self, user: User) -> bool:
        """Every KPI for the restricted users on the first engine; the core KPIs of every kind
        for admins and executives (their numbers are the unrestricted ones, which the
        reference suites check on every KPI and engine) and on the other engines."""
        return self.full and user.role in RESTRICTED

    def kpis(self, user: User) -> tuple[str, ...]:
        return self.company.kpis() if self.every_kpi(user) else self.company.core

    def explain_kpis(self, user: User) -> tuple[str, ...]:
        """Every KPI with records compared one by one, every company-level one and the core;
        the core alone where ``every_kpi`` does not hold."""
        if not self.every_kpi(user):
            return self.company.core
        dims = self.company.dims
        return tuple(
            k for k in self.company.kpis()
            if self.compares_records(k) or k in self.company.core or is_company_level(dims[k])
        )  # fmt: skip

    def compares_records(self, kpi: str) -> bool:
        listed = self.company.record_kpis
        return kpi in RECORD_KPIS and (listed is None or kpi in listed)

    def get(self, user: User | None, url: str, params: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[user.name]}"} if user else {}
        return self.client.get(url, params=params, headers=headers, follow_redirects=False)

    def post(self, user: User | None, url: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[user.name]}"} if user else {}
        return self.client.post(url, headers=headers, follow_redirects=False, **kwargs)


class Problems:
    def __init__(self, served: Served, user: User | None) -> None:
        self.served, self.user = served, user
        self.lines: list[str] = []

    @property
    def restricted(self) -> bool:
        return self.user is not None and self.user.role in RESTRICTED

    def add(self, kind: str, where: str, detail: str) -> None:
        who = self.user.label if self.user else "anonymous"
        self.lines.append(
            f"{kind} {self.served.engine}/{self.served.company.name} {who} {where}: {detail}"
        )

    def bad_status(self, where: str, r: Any) -> None:
        """An unexpected status: ERROR for a server error (5xx), else WRONG / MISMATCH."""
        kind = "ERROR" if r.status_code >= 500 else "WRONG" if self.restricted else "MISMATCH"
        self.add(kind, where, f"status {r.status_code}: {plain(r.text)[:300]}")

    def numbers(self, where: str, details: list[str], leaky: list[str]) -> None:
        """Differences of numbers: LEAK when evidenced, else WRONG (restricted) / MISMATCH."""
        kind = "WRONG" if self.restricted else "MISMATCH"
        for d in leaky[:MAX_PER_REQUEST]:
            self.add("LEAK", where, d)
        for d in details[:MAX_PER_REQUEST]:
            self.add(kind, where, d)
        more = (
            len(leaky)
            + len(details)
            - min(len(leaky), MAX_PER_REQUEST)
            - min(len(details), MAX_PER_REQUEST)
        )
        if more > 0:
            self.add(kind, where, f"… and {more} more")


# -- reference values, computed once per company, user and request --------------------------------
_FRAMES: dict[tuple[Any, ...], pd.DataFrame | None] = {}


def want(
    company: Company,
    user: User | None,
    kpi: str,
    grain: str,
    start: str,
    end: str,
    by: Iterable[str] = (),
    where: dict[str, Any] | None = None,
    as_of: str | None = None,
) -> pd.DataFrame | None:
    """The reference frame for ``user`` (None = unrestricted); None when not shown."""
    role, rep = (user.role, user.rep_id) if user else ("admin", None)
    reach = company.reach(user) if user else None
    restricted = role in RESTRICTED
    key = (
        company.name,
        reach,
        restricted,
        kpi,
        grain,
        start,
        end,
        tuple(by),
        tuple(sorted((where or {}).items())),
        as_of or company.as_of,
    )
    if key not in _FRAMES:
        _FRAMES[key] = expected_frame(
            company.reference,
            company.dims,
            kpi,
            company.tables,
            role,
            rep,
            grain,
            start,
            end,
            list(by),
            dict(where or {}),
            as_of or company.as_of,
            company.settings,
        )
    return _FRAMES[key]


_SEEN: dict[
    tuple[Any, ...], tuple[dict[str, pd.DataFrame], dict[str, str], dict[str, set[str]]]
] = {}


def seen(
    company: Company, user: User
) -> tuple[dict[str, pd.DataFrame], dict[str, str], dict[str, set[str]]]:
    """(visible tables, forbidden tokens, allowed ids) of the user."""
    key = (company.name, user)
    if key not in _SEEN:
        visible = visible_tables(company.tables, user.role, user.rep_id)
        _SEEN[key] = (
            visible,
            forbidden_tokens(company.tables, visible),
            allowed_ids(company.tables, visible),
        )
    return _SEEN[key]


# -- comparing rows -------------------------------------------------------------------------------
def num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    f = float(v)
    return None if math.isnan(f) else f


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def dim_value(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
        return None
    return str(v)


Key = tuple[Any, ...]
CELLS = ("value", "numerator", "denominator")


def frame_cells(df: pd.DataFrame, by: Iterable[str]) -> dict[Key, tuple[float | None, ...]]:
    out = {}
    for r in df.to_dict("records"):
        key = (str(r["period_start"])[:10], *(dim_value(r[d]) for d in by))
        out[key] = tuple(num(r[c]) for c in CELLS)
    return out


def row_cells(rows: list[dict[str, Any]], by: Iterable[str]) -> tuple[dict[Key, tuple], list]:
    out: dict[Key, tuple[float | None, ...]] = {}
    dupes = []
    for r in rows:
        key = (str(r.get("period_start"))[:10], *(dim_value(r.get(d)) for d in by))
        if key in out:
            dupes.append(key)
        out[key] = tuple(num(r.get(c)) for c in CELLS)
    return out, dupes


def fmt(key: Key) -> str:
    return "/".join("(empty)" if k is None else str(k) for k in key)


def diff_rows(
    rows: list[dict[str, Any]],
    expected: pd.DataFrame,
    by: Iterable[str],
    unrestricted: pd.DataFrame | None,
) -> tuple[list[str], list[str]]:
    """(differences, leaks): rows and cells of ``rows`` against the expected frame; a cell
    that differs from the expectation but equals the unrestricted reference (which differs)
    is a leak, as is a row the expectation does not have."""
    # the frame's own dimension columns: `by`, plus `stage` for the KPIs always split by it
    by = [c for c in expected.columns if c not in ("period_start", *CELLS)] or list(by)
    got, dupes = row_cells(rows, by)
    exp = frame_cells(expected, by)
    whole = frame_cells(unrestricted, by) if unrestricted is not None else {}
    details, leaks = [], []
    for key in dupes:
        details.append(f"row {fmt(key)} appears twice")
    for key in got.keys() - exp.keys():
        target = leaks if key in whole else details
        target.append(f"row {fmt(key)} is not among the user's rows (got value {got[key][0]})")
    for key in exp.keys() - got.keys():
        details.append(f"row {fmt(key)} is missing (expected value {exp[key][0]})")
    for key in sorted(got.keys() & exp.keys(), key=str):
        for col, g, w in zip(CELLS, got[key], exp[key], strict=True):
            if same(g, w):
                continue
            u = whole.get(key, (None, None, None))[CELLS.index(col)]
            line = f"row {fmt(key)} {col}: got {g}, expected {w}"
            if key in whole and same(g, u) and not same(w, u):
                leaks.append(f"{line} (= the unrestricted number)")
            else:
                details.append(line)
    return details, leaks


# -- targets --------------------------------------------------------------------------------------
def period_bounds(grain: str, first: str, start: str, end: str, fy: int) -> tuple[dt.date, dt.date]:
    lo, hi = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if grain == "total":
        return lo, hi
    f, la = period_containing(dt.date.fromisoformat(first), grain, fy)
    return max(f, lo), min(la, hi)


def expected_target(
    company: Company,
    user: User | None,
    kpi: str,
    lo: dt.date,
    hi: dt.date,
    slice_: tuple[str, str | None] | None,
) -> float | None:
    """docs/targets-benchmarks-scorecard.md over the targets the user reaches; ``slice_`` =
    (dimension, value) of a row sliced by one dimension, ("", None) for the unsliced row, None
    for rows that take no target."""
    if slice_ is None or "targets" not in company.tables:
        return None
    if user is None or user.role not in RESTRICTED:
        targets = company.tables["targets"]
    else:
        targets = seen(company, user)[0]["targets"]
    dim, value = slice_
    if dim and value is None:
        return None  # the empty slice has no target
    cands = []
    for t in targets.to_dict("records"):
        t_dim = norm(t["dimension"]) or ""
        if t["kpi"] != kpi or t_dim != dim.casefold():
            continue
        if dim and text(t["dimension_value"]) != value:
            continue
        cands.append((t["period_start"].date(), t["period_end"].date(), float(t["value"])))
    kind = company.target_kinds[kpi]
    if kind == "flow":
        inside = sorted(c for c in cands if lo <= c[0] and c[1] <= hi)
        day = lo
        for first, last, _ in inside:
            if first != day:
                return None
            day = last + dt.timedelta(days=1)
        return sum(v for _, _, v in inside) if inside and day == hi + dt.timedelta(days=1) else None
    if kind == "stock":
        holding = [c for c in cands if c[0] <= hi <= c[1]]
    else:
        holding = [c for c in cands if c[0] <= lo and hi <= c[1]]
    if not holding:
        return None
    return min(holding, key=lambda c: c[1] - c[0])[2]


def check_targets(
    p: Problems,
    where: str,
    company: Company,
    user: User,
    kpi: str,
    rows: list[dict[str, Any]],
    shape: Shape,
    foreign: str | None,
) -> None:
    if kpi not in company.target_kinds:
        return
    by = list(shape.by)
    for r in rows:
        lo, hi = period_bounds(
            shape.grain,
            str(r["period_start"])[:10],
            shape.start,
            shape.end,
            int(company.settings["fiscal_year_start_month"]),
        )
        if len(by) == 1:
            slice_: tuple[str, str | None] | None = (by[0], dim_value(r.get(by[0])))
        elif not by:
            slice_ = ("rep", foreign) if foreign else ("", None)
        else:
            slice_ = None
        w = expected_target(company, user, kpi, lo, hi, slice_)
        g = num(r.get("target"))
        if not same(g, w):
            whole = expected_target(company, None, kpi, lo, hi, slice_)
            kind = (
                "LEAK" if g is not None and w is None else ("WRONG" if p.restricted else "MISMATCH")
            )
            p.add(
                kind,
                where,
                f"row {r['period_start']} {slice_}: target {g}, expected {w} "
                f"(unrestricted {whole})",
            )
        if g is None and num(r.get("attainment_pct")) is not None:
            p.add("LEAK", where, f"row {r['period_start']}: attainment without a target shown")


# -- the text of an answer ------------------------------------------------------------------------
CURRENCY = re.compile(r"\b[A-Z]{3}\b")


def check_text(
    p: Problems, where: str, company: Company, user: User, body: str, ignore: Iterable[str] = ()
) -> None:
    """No forbidden token in ``body``."""
    if not p.restricted:
        return
    _, forbidden, _ = seen(company, user)
    skip = set(ignore)
    hits = find_tokens(body, {t: w for t, w in forbidden.items() if t not in skip})
    for hit in hits[:MAX_PER_REQUEST]:
        p.add("LEAK", where, f"shows {hit}")
    if len(hits) > MAX_PER_REQUEST:
        p.add("LEAK", where, f"… and {len(hits) - MAX_PER_REQUEST} more tokens")


def check_warnings(
    p: Problems, where: str, company: Company, user: User, warnings: list[str]
) -> None:
    """Warnings name no forbidden token and no currency only other reps' rows are in."""
    if not p.restricted:
        return
    check_text(p, where, company, user, "\n".join(warnings))
    visible = seen(company, user)[0]
    foreign = currencies_of(company.tables) - currencies_of(visible) - {"USD"}
    for w in warnings:
        if "rate" in w or "currenc" in w:
            for code in set(CURRENCY.findall(w)) & foreign:
                p.add(
                    "LEAK",
                    where,
                    f"warning names {code}, a currency of rows the user does not reach: {w!r}",
                )


# -- KPI API --------------------------------------------------------------------------------------
def plain(html: str) -> str:
    """The text of an HTML answer (tags and runs of white space dropped)."""
    text_only = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text_only)).strip()


def refused_as_not_shown(
    p: Problems, where: str, company: Company, user: User, kpi: str, r: Any
) -> bool:
    """A company-level KPI a restricted user may not see, refused outright (explain, CSV, its
    page) with a message saying it is not shown: nothing is shown, so no leak — only the
    message is checked. True when the answer is such a refusal."""
    if not (p.restricted and kpi in company.dims and is_company_level(company.dims[kpi])):
        return False
    if r.status_code < 400 or "not shown" not in r.text:
        return False
    check_text(p, where, company, user, r.text)
    return True


def kpi_params(
    company: Company, shape: Shape, foreign: str | None, as_of: str | None = None
) -> dict[str, Any]:
    params: dict[str, Any] = {
        "grain": shape.grain,
        "from": shape.start,
        "to": shape.end,
        "as_of": as_of or company.as_of,
    }
    if shape.by:
        params["by"] = list(shape.by)
    if foreign:
        params["where"] = [f"rep:{foreign}"]
    return params


def not_shown(p: Problems, where: str, rows: list[dict[str, Any]], warnings: list[str]) -> None:
    """A company-level KPI for a restricted user: every value null, a 'not shown' warning."""
    shown = [
        r
        for r in rows
        if any(num(r.get(c)) is not None for c in (*CELLS, "target", "attainment_pct"))
    ]
    for r in shown[:MAX_PER_REQUEST]:
        p.add("LEAK", where, f"company-level number shown: {r}")
    if not any("not shown" in w for w in warnings):
        p.add("WRONG", where, f"no 'not shown' warning: {warnings!r}")


def check_error_answer(
    p: Problems, where: str, company: Company, user: User, r: Any, asked: str
) -> None:
    """An error answer (e.g. a foreign --where value): the one error shape, and its message
    and "did you mean" name nothing the user does not reach (but the value they asked)."""
    try:
        body = r.json()
        assert set(body) == {"error"} and body["error"]["status"] == r.status_code
    except Exception:
        p.add("WRONG", where, f"error {r.status_code} without the one error shape: {r.text[:200]}")
        return
    check_text(p, where, company, user, json.dumps(body), ignore=[asked])
    if p.restricted:
        teams = {t for t in reached_teams(seen(company, user)[0]) if t}
        every_team = {t for t in map(dim_value, company.tables["reps"]["team"]) if t}
        for team in sorted(every_team - teams):
            if re.search(rf"['\"]{re.escape(team)}['\"]", json.dumps(body)):
                p.add("LEAK", where, f"error names team {team!r}, which the user does not reach")


def check_kpis(served: Served, user: User) -> list[str]:
    company, p = served.company, Problems(served, user)
    for kpi in served.kpis(user):
        dims = company.dims[kpi]
        for shape in company.shapes if p.restricted else company.shapes[:2]:
            if not shape.applies(kpi, dims):
                continue
            foreign = company.foreign_rep(user) if shape.foreign_rep else None
            where_ = {"rep": foreign} if foreign else {}
            where = f"GET /api/kpis/{kpi} [{shape.label}{' rep:' + foreign if foreign else ''}]"
            r = served.get(user, f"/api/kpis/{kpi}", kpi_params(company, shape, foreign))
            if foreign and p.restricted and r.status_code == 400:
                check_error_answer(p, where, company, user, r, foreign)
                continue
            if r.status_code != 200:
                p.bad_status(where, r)
                continue
            body = r.json()
            rows, warnings = body.get("rows", []), body.get("warnings", [])
            check_warnings(p, where, company, user, warnings)
            check_text(p, where, company, user, json.dumps(rows), ignore=[foreign or ""])
            args = (kpi, shape.grain, shape.start, shape.end, shape.by, where_)
            expected = want(company, user, *args)
            if expected is None:
                not_shown(p, where, rows, warnings)
                continue
            whole = want(company, None, *args) if p.restricted else None
            details, leaks = diff_rows(rows, expected, shape.by, whole)
            p.numbers(where, details, leaks)
            check_targets(p, where, company, user, kpi, rows, shape, foreign)
    check_did_you_mean(served, user, p)
    return p.lines


def check_did_you_mean(served: Served, user: User, p: Problems) -> None:
    """A --where value near a team or rep name the user does not reach: the answer (an
    error with "did you mean", or an empty result) names nothing they do not reach."""
    company = served.company
    if not p.restricted:
        return
    visible = seen(company, user)[0]
    reps = company.tables["reps"]
    teams = sorted({t for t in map(dim_value, reps["team"]) if t} - reached_teams(visible))
    names = sorted(
        {
            text(n)
            for r, n in zip(reps["rep_id"], reps["name"], strict=True)
            if r not in set(visible["reps"]["rep_id"]) and text(n)
        }
        - {text(n) for n in visible["reps"]["name"]}
    )
    kpi = next(k for k in served.kpis(user) if {"team", "rep"} <= set(company.dims[k]))
    start, end = company.window
    for dim, value in [("team", t[:-1]) for t in teams[:1]] + [("rep", n[:-1]) for n in names[:1]]:
        where = f"GET /api/kpis/{kpi}?where={dim}:{value}"
        params = {"grain": "total", "from": start, "to": end, "where": [f"{dim}:{value}"]}
        r = served.get(user, f"/api/kpis/{kpi}", params)
        if r.status_code == 200:
            rows = r.json().get("rows", [])
            shown = [x for x in rows if num(x.get("value")) not in (None, 0.0)]
            if shown:
                p.add("LEAK", where, f"a value near another team or rep matched rows: {shown[:3]}")
            check_text(p, where, company, user, r.text, ignore=[value])
        else:
            check_error_answer(p, where, company, user, r, value)


# -- explain --------------------------------------------------------------------------------------
def check_explain(served: Served, user: User) -> list[str]:
    company, p = served.company, Problems(served, user)
    _, _, allowed = seen(company, user)
    month = company.shapes[0]
    by_rep = next(s for s in company.shapes if s.label == "total_by_rep")
    for kpi in served.explain_kpis(user):
        shapes = [month] + (
            [by_rep]
            if served.compares_records(kpi) and by_rep.applies(kpi, company.dims[kpi])
            else []
        )
        for shape in shapes:
            where = f"GET /api/kpis/{kpi}/explain [{shape.label}]"
            params = {**kpi_params(company, shape, None), "limit": 10_000}
            r = served.get(user, f"/api/kpis/{kpi}/explain", params)
            if refused_as_not_shown(p, where, company, user, kpi, r):
                continue
            if r.status_code != 200:
                p.bad_status(where, r)
                continue
            body = r.json()
            check_text(p, where, company, user, json.dumps(body))
            check_warnings(p, where, company, user, body.get("warnings", []))
            records = body.get("records", [])
            args = (kpi, shape.grain, shape.start, shape.end, shape.by)
            expected = want(company, user, *args)
            if expected is None:
                not_shown(p, where, body.get("result", []), body.get("warnings", []))
                if records:
                    p.add("LEAK", where, f"{len(records)} company-level records, e.g. {records[0]}")
                continue
            whole = want(company, None, *args) if p.restricted else None
            details, leaks = diff_rows(body.get("result", []), expected, shape.by, whole)
            p.numbers(where + " result", details, leaks)
            outside = []
            for rec in records:
                for col, value in rec.items():
                    kind = REFERENCE_COLUMNS.get(col)
                    if kind and value is not None and str(value) not in allowed[kind]:
                        outside.append(f"record with {col}={value}")
            for line in sorted(set(outside))[:MAX_PER_REQUEST]:
                p.add("LEAK", where, f"{line}, a row the user does not reach")
            if served.compares_records(kpi):
                id_col = RECORD_KPIS[kpi][0]
                got = {
                    (str(rec.get("period_start"))[:10], str(rec.get(id_col)))
                    for rec in records
                    if rec.get(id_col) is not None
                }
                exp = {
                    (d.isoformat(), i)
                    for d, i in expected_records(
                        kpi,
                        company.tables,
                        user.role,
                        user.rep_id,
                        shape.grain,
                        shape.start,
                        shape.end,
                        company.settings,
                    )
                }
                if got != exp:
                    kind = "WRONG" if p.restricted else "MISMATCH"
                    p.add(
                        kind,
                        where,
                        f"records {id_col}: extra {sorted(got - exp)}, missing {sorted(exp - got)}",
                    )
    return p.lines


# -- CSV ------------------------------------------------------------------------------------------
def check_csv(served: Served, user: User) -> list[str]:
    company, p = served.company, Problems(served, user)
    start, end = company.window
    base = {"grain": "month", "from": start, "to": end}
    for kpi in company.csv_kpis:
        where = f"GET /kpis/{kpi}.csv"
        r = served.get(user, f"/kpis/{kpi}.csv", base)
        if refused_as_not_shown(p, where, company, user, kpi, r):
            continue
        if r.status_code != 200:
            p.bad_status(where, r)
            continue
        check_text(p, where, company, user, r.text)
        rows = list(csv.DictReader(io.StringIO(r.text)))
        api = served.get(user, f"/api/kpis/{kpi}", base)
        api_rows = api.json().get("rows", []) if api.status_code == 200 else []
        got, _ = row_cells(rows, [])
        same_api, _ = row_cells(api_rows, [])
        if got != same_api:
            diff = sorted(k for k in got.keys() | same_api.keys() if got.get(k) != same_api.get(k))
            p.add("WRONG", where, f"CSV differs from GET /api/kpis/{kpi} at {diff[:5]}")
        expected = want(company, user, kpi, "month", start, end, as_of=TODAY)
        if expected is None:
            shown = [r for r in rows if any(num(r.get(c)) is not None for c in CELLS)]
            for r_ in shown[:MAX_PER_REQUEST]:
                p.add("LEAK", where, f"company-level number shown: {r_}")
            continue
        whole = want(company, None, kpi, "month", start, end, as_of=TODAY) if p.restricted else None
        details, leaks = diff_rows(rows, expected, [], whole)
        p.numbers(where, details, leaks)
    return p.lines


# -- scorecard ------------------------------------------------------------------------------------
def check_scorecard(served: Served, user: User) -> list[str]:
    company, p = served.company, Problems(served, user)
    visible = seen(company, user)[0]
    reach = company.reach(user)
    teams = reached_teams(visible)
    for by in (None, "team", "rep") if served.full else ("rep",):
        params = {"period": company.scorecard_period, **({"by": by} if by else {})}
        where = f"GET /api/scorecard?period={company.scorecard_period}&by={by or ''}"
        r = served.get(user, "/api/scorecard", params)
        if r.status_code != 200:
            p.bad_status(where, r)
            continue
        body = r.json()
        check_text(p, where, company, user, json.dumps(body))
        start, end = body["period"]["start"], body["period"]["measured_to"]
        prev_start, prev_end = body["previous"]["start"], body["previous"]["end"]
        dims = [by] if by else []
        own_api: dict[str, dict[Key, tuple]] = {}
        for row in body.get("rows", []):
            kpi = row["kpi"]
            slice_value = dim_value(row.get(by)) if by else None
            label = f"{kpi} {by}={slice_value}" if by else kpi
            if p.restricted and by == "rep" and slice_value not in (reach or set()):
                p.add("LEAK", where, f"{label}: a rep the user does not reach")
                continue
            if p.restricted and by == "team" and slice_value not in teams:
                p.add("LEAK", where, f"{label}: a team the user does not reach")
                continue
            key: Key = (start, *([slice_value] if by else []))
            pkey: Key = (prev_start, *([slice_value] if by else []))
            if kpi in company.reference:
                if by and by not in company.dims[kpi]:
                    continue
                cur = want(company, user, kpi, "total", start, end, dims, as_of=TODAY)
                prev = want(company, user, kpi, "total", prev_start, prev_end, dims, as_of=TODAY)
                if cur is None or prev is None:
                    for col in ("value", "previous", "target", "attainment_pct"):
                        if num(row.get(col)) is not None:
                            p.add("LEAK", where, f"{label}: company-level {col} {row[col]} shown")
                    continue
                pairs = [
                    ("value", frame_cells(cur, dims).get(key), key),
                    ("previous", frame_cells(prev, dims).get(pkey), pkey),
                ]
                for col, cell, _ in pairs:
                    g = num(row.get(col))
                    w = cell[0] if cell else None
                    if cell is None and g in (None, 0.0):
                        continue  # a slice only in the other period: 0 or empty
                    if not same(g, w):
                        p.add(
                            "WRONG" if p.restricted else "MISMATCH",
                            where,
                            f"{label}: {col} {g}, expected {w}",
                        )
                if kpi in company.target_kinds:
                    lo, hi = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
                    slice_ = (by, slice_value) if by else ("", None)
                    w_t = expected_target(company, user, kpi, lo, hi, slice_)
                    g_t = num(row.get("target"))
                    if not same(g_t, w_t):
                        kind = "LEAK" if w_t is None else "WRONG" if p.restricted else "MISMATCH"
                        p.add(kind, where, f"{label}: target {g_t}, expected {w_t}")
            else:  # no reference here: the scorecard must agree with the user's own KPI answer
                if kpi not in own_api:
                    q = {"grain": "total", "from": start, "to": end, **({"by": by} if by else {})}
                    a = served.get(user, f"/api/kpis/{kpi}", q)
                    own_api[kpi] = (
                        row_cells(a.json().get("rows", []), dims)[0] if a.status_code == 200 else {}
                    )
                cell = own_api[kpi].get(key)
                g = num(row.get("value"))
                if not (cell is None and g in (None, 0.0)) and not same(
                    g, cell[0] if cell else None
                ):
                    p.add(
                        "WRONG",
                        where,
                        f"{label}: value {g}, the user's GET /api/kpis/{kpi} "
                        f"says {cell[0] if cell else None}",
                    )
    return p.lines


# -- pages ----------------------------------------------------------------------------------------
def page_urls(company: Company, full: bool = True) -> list[tuple[str, dict[str, str]]]:
    """The company's boards, then each of its KPI pages (also broken down by rep); the
    first KPI page only on the other engines."""
    start, end = company.window
    base = {"from": start, "to": end, "grain": "month"}
    out = [(page, base) for page in company.pages]
    for kpi in company.page_kpis if full else company.page_kpis[:1]:
        out.append((f"/kpis/{kpi}", base))
        if "rep" in company.dims[kpi]:
            out.append((f"/kpis/{kpi}", {**base, "breakdown": "rep"}))
    return out


#: The overview's cards (README, "Dashboard and REST API").
OVERVIEW_CARDS = (
    "revenue", "win_rate", "average_deal_size", "pipeline_value", "weighted_pipeline",
    "sales_cycle_days", "quota_attainment", "leads_created", "lead_conversion_rate",
)  # fmt: skip


def check_overview_cards(served: Served, user: User, p: Problems) -> None:
    """The overview's cards show the user's own numbers over the window (each as the page
    writes it: `salesmetrics.catalog.units.format_value`)."""
    from salesmetrics.catalog import get_kpi
    from salesmetrics.catalog.units import format_value

    company = served.company
    start, end = company.window
    r = served.get(user, "/", {"from": start, "to": end, "grain": "month"})
    if r.status_code != 200:
        return  # reported by the page loop
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.text))
    for kpi in OVERVIEW_CARDS:
        if kpi not in company.reference:
            continue
        expected = want(company, user, kpi, "total", start, end, as_of=TODAY)
        if expected is None or len(expected) != 1:
            continue
        value = num(expected["value"].iloc[0])
        shown = format_value(value, get_kpi(kpi).unit.value, "USD")
        if value is not None and shown not in page:
            p.add("WRONG", "GET /", f"the {kpi} card does not show the user's {shown}")


def check_pages(served: Served, user: User) -> list[str]:
    company, p = served.company, Problems(served, user)
    start, end = company.window
    for url, params in page_urls(company, served.full):
        where = f"GET {url}?{'&'.join(f'{k}={v}' for k, v in params.items())}"
        r = served.get(user, url, params)
        if url.startswith("/kpis/") and refused_as_not_shown(
            p, where, company, user, url.removeprefix("/kpis/"), r
        ):
            continue
        if r.status_code != 200:
            p.bad_status(where, r)
            continue
        noise = served.noise.get(url, set())
        check_text(p, where, company, user, r.text, ignore=noise)
        kpi = url.removeprefix("/kpis/")
        if served.compares_records(kpi) and "breakdown" not in params:
            if want(company, user, kpi, "total", start, end) is None:
                continue
            own = {
                i
                for _, i in expected_records(
                    kpi,
                    company.tables,
                    user.role,
                    user.rep_id,
                    "total",
                    start,
                    end,
                    company.settings,
                )
            }
            if 0 < len(own) <= 50:
                missing = sorted(i for i in own if not re.search(rf"\b{re.escape(i)}\b", r.text))
                if missing:
                    p.add("WRONG", where, f"the user's own records are not shown: {missing}")
    check_overview_cards(served, user, p)
    if user.rep_id and user.role == "rep":
        params = {"from": start, "to": end, "grain": "month"}
        board = served.get(company.user("admin"), "/team", params).text
        r = served.get(user, "/team", params)
        on_board = re.search(rf"\b{re.escape(user.rep_id)}\b", board)
        if (
            on_board
            and r.status_code == 200
            and not re.search(rf"\b{re.escape(user.rep_id)}\b", r.text)
        ):
            p.add("WRONG", "GET /team", f"the rep's own row ({user.rep_id}) is not on the board")
    return p.lines


# -- routes per role ------------------------------------------------------------------------------
def check_routes(served: Served, user: User) -> list[str]:
    """docs/access-control.md, "What a role may do on the server"."""
    p = Problems(served, user)
    role = user.role
    expect = {
        ("GET", "/api/tables"): role in ("admin", "executive"),
        ("GET", "/import"): role == "admin",
        ("GET", "/admin/audit"): role == "admin",
        ("GET", "/admin/users"): role == "admin",
        ("POST", "/api/imports/opportunities"): role == "admin",
    }
    for (method, url), allowed in expect.items():
        where = f"{method} {url}"
        if method == "GET":
            r = served.get(user, url)
        else:  # no file: an admin gets the validation error, never 401/403; nothing is stored
            r = served.post(user, url, data={"mode": "append"})
        if allowed and r.status_code in (401, 403):
            p.add("ACCESS", where, f"{r.status_code} for a {role}")
        elif allowed and r.status_code >= 500:
            p.add("ACCESS", where, f"{r.status_code} for a {role}: {r.text[:200]}")
        elif not allowed and r.status_code != 403:
            p.add(
                "ACCESS",
                where,
                f"{r.status_code} for a {role}, the contract says 403: {r.text[:200]}",
            )
        elif not allowed and url.startswith("/api/"):
            try:
                error = r.json()["error"]
                assert error["status"] == 403 and error["code"] and error["message"]
            except Exception:
                p.add("ACCESS", where, f"403 without the one error shape: {r.text[:200]}")
    if role == "admin":
        r = served.get(user, "/api/tables")
        if r.status_code == 200:
            counts = {t["table"]: t["rows"] for t in r.json()["data"]}
            want_rows = (
                len(served.company.tables["opportunities"])
                if "opportunities" in served.company.tables
                else None
            )
            if want_rows is not None and counts.get("opportunities") != want_rows:
                p.add(
                    "ACCESS",
                    "POST /api/imports/opportunities",
                    f"opportunities now {counts.get('opportunities')} rows, not {want_rows}",
                )
    return p.lines


def _refused(r: Any, page: bool) -> bool:
    """401; a page (HTML or its CSV) may instead send the browser to /login."""
    to_login = r.status_code in (302, 303, 307) and "/login" in r.headers.get("location", "")
    return r.status_code == 401 or (page and to_login)


def check_anonymous(served: Served) -> list[str]:
    """No page or route answers without a session or token, or with a made-up token."""
    p = Problems(served, None)
    urls = [
        ("/api/kpis/revenue", False),
        ("/api/kpis/revenue/explain", False),
        ("/api/scorecard", False),
        ("/api/tables", False),
        ("/kpis/revenue.csv", True),
        *((url, True) for url in PAGES),
    ]
    for url, page in urls:
        for label, headers in (
            ("without a token", {}),
            ("with a made-up token", {"Authorization": "Bearer sm_nope_nope"}),
        ):
            r = served.client.get(url, headers=headers, follow_redirects=False)
            if not _refused(r, page):
                p.add("ACCESS", f"GET {url}", f"{r.status_code} {label}")
    return p.lines
