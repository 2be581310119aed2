"""Link the records of an export to the ones already stored, the way the export names them.

CRM reports name related records by name, not id: an opportunity report has the Account Name
and the Opportunity Owner's full name. Before the rows are checked, owners named by a rep's
name or email get that rep's id, and accounts named by name get the stored account's id (or a
new account, created with the import). Converted-lead exports set the lead of the deal.
Every link made is reported in a note; nothing is linked when a name fits several records.

The matching runs on the staging connection (stored reps, accounts and leads are mirrored
there); what must change in the workspace is handed to the backend as a write of the import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from salesmetrics.backends.base import Backend
from salesmetrics.backends.duckdb import arrow_of, first_row
from salesmetrics.ingest.report import Finding
from salesmetrics.ingest.rules import STAGE, VALID, t
from salesmetrics.schema import Table

#: The account name a row names (a STAGE column; see ingest.stage).
ACCOUNT_NAME = '"l_account_name"'
#: Tables whose rows point at an account, for re-pointing placeholder accounts.
ACCOUNT_USERS = ("opportunities", "leads", "activities", "subscriptions", "invoices", "surveys")
#: (table, column) holding a rep id, for owners imported before their reps.
OWNER_REFERENCES = (
    ("opportunities", "owner_rep_id"),
    ("leads", "owner_rep_id"),
    ("accounts", "owner_rep_id"),
    ("activities", "rep_id"),
    ("quotas", "rep_id"),
)
OWNER_COLUMNS = ("owner_rep_id", "rep_id")
#: What each link reads of the stored tables (mirrored onto the staging connection).
MIRRORS = {
    "reps": ["rep_id", "name", "email"],
    "accounts": ["account_id", "name", "industry", "segment", "country", "owner_rep_id",
                 "created_at"],
    "leads": ["lead_id", "converted_opportunity_id"],
}  # fmt: skip

#: A write of the import: runs inside its transaction, may return a note.
Write = Callable[[Backend, duckdb.DuckDBPyConnection], str | None]


@dataclass
class Links:
    """What linking did (notes and warnings) and the writes to run with the import."""

    notes: list[str] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    before_load: list[Write] = field(default_factory=list)
    after_load: list[Write] = field(default_factory=list)


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = first_row(con, sql)
    return int(row[0]) if row and row[0] is not None else 0


REP_ALIASES = (
    "SELECT lower(trim(a)) AS k, min(rep_id) AS rep_id, count(DISTINCT rep_id) AS n FROM "
    "(SELECT rep_id, name AS a FROM {reps} UNION ALL SELECT rep_id, email FROM {reps}) "
    "WHERE nullif(trim(a), '') IS NOT NULL GROUP BY 1"
)


def link_owners(con: duckdb.DuckDBPyConnection, table: Table, links: Links) -> None:
    """Owners written as a rep's name or email become the rep's id."""
    if table.name == "reps":
        links.after_load.append(relink_owners)
        return
    aliases = REP_ALIASES.format(reps="reps")
    for column in OWNER_COLUMNS:
        if column not in table.column_names:
            continue
        col = t(column)
        unknown = f"{col} IS NOT NULL AND {col} NOT IN (SELECT rep_id FROM reps)"
        example = first_row(
            con,
            f"SELECT s.{col}, a.rep_id FROM {STAGE} s JOIN ({aliases}) a "
            f"ON lower(trim(s.{col})) = a.k AND a.n = 1 WHERE s.{unknown} LIMIT 1",
        )
        ambiguous = con.execute(
            f"SELECT DISTINCT s.{col} FROM {STAGE} s JOIN ({aliases}) a "
            f"ON lower(trim(s.{col})) = a.k AND a.n > 1 WHERE s.{unknown} ORDER BY 1 LIMIT 3"
        ).fetchall()
        if ambiguous:
            links.warnings.append(
                Finding(
                    f"{column} names several reps (same name or email); stored as written",
                    len(ambiguous),
                    tuple(str(a[0]) for a in ambiguous),
                )
            )
        if example is None:
            continue
        changed = _count(
            con,
            f"UPDATE {STAGE} SET {col} = a.rep_id FROM ({aliases}) a "
            f"WHERE {STAGE}.{unknown} AND lower(trim({STAGE}.{col})) = a.k AND a.n = 1",
        )
        links.notes.append(
            f"{column}: {changed} row(s) named their rep by name or email and got the rep's id "
            f"(e.g. {example[0]!r} -> {example[1]})"
        )


def relink_owners(backend: Backend, con: duckdb.DuckDBPyConnection) -> str | None:
    """Records stored before their reps, naming them by name or email, get the reps' ids."""
    import pyarrow as pa

    con.execute(
        "CREATE OR REPLACE TEMP TABLE __sm_aliases AS "
        + REP_ALIASES.format(reps=f"(SELECT {t('rep_id')} AS rep_id, {t('name')} AS name, "
                                  f"{t('email')} AS email FROM {VALID})")
    )  # fmt: skip
    aliases = {k: rep for k, rep, n in con.execute("SELECT * FROM __sm_aliases").fetchall()
               if n == 1}  # fmt: skip
    con.execute("DROP TABLE IF EXISTS __sm_aliases")
    if not aliases:
        return None
    changed = 0
    for table, column in OWNER_REFERENCES:
        stored = backend.rows(
            f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL '
            f'AND "{column}" NOT IN (SELECT rep_id FROM reps)'
        )
        pairs = [(v, aliases[str(v).strip().lower()]) for (v,) in stored
                 if str(v).strip().lower() in aliases]  # fmt: skip
        if pairs:
            mapping = pa.table({"key": [p[0] for p in pairs], "value": [p[1] for p in pairs]})
            changed += max(backend.update_column(table, column, column, mapping), 0)
    if not changed:
        return None
    return f"{changed} stored row(s) naming these reps by name or email now hold their rep_id"


def link_accounts(con: duckdb.DuckDBPyConnection, table: Table, links: Links) -> None:
    """Rows naming an account by name get its id; unknown names become new accounts."""
    col = t("account_id")
    stored = (
        "SELECT lower(trim(name)) AS k, min(account_id) AS id, count(*) AS n FROM accounts "
        "WHERE nullif(trim(name), '') IS NOT NULL GROUP BY 1"
    )
    named = f"{col} IS NULL AND {ACCOUNT_NAME} IS NOT NULL"
    found = _count(
        con,
        f"UPDATE {STAGE} SET {col} = a.id FROM ({stored}) a WHERE {STAGE}.{named} "
        f"AND lower(trim({STAGE}.{ACCOUNT_NAME})) = a.k AND a.n = 1",
    )
    if found:
        links.notes.append(f"account_id: {found} row(s) found their account by Account Name")
    ambiguous = con.execute(
        f"SELECT DISTINCT s.{ACCOUNT_NAME} FROM {STAGE} s JOIN ({stored}) a "
        f"ON lower(trim(s.{ACCOUNT_NAME})) = a.k AND a.n > 1 WHERE s.{named} ORDER BY 1 LIMIT 3"
    ).fetchall()
    if ambiguous:
        links.warnings.append(
            Finding(
                "Account Name fits several stored accounts; those rows have no account",
                len(ambiguous),
                tuple(str(a[0]) for a in ambiguous),
            )
        )
    created = _count(
        con,
        f"UPDATE {STAGE} SET {col} = trim({ACCOUNT_NAME}) WHERE {named} "
        f"AND lower(trim({ACCOUNT_NAME})) NOT IN (SELECT k FROM ({stored}))",
    )
    if created:
        links.after_load.append(create_accounts)


def create_accounts(backend: Backend, con: duckdb.DuckDBPyConnection) -> str | None:
    """Insert the accounts the valid rows name but nobody stored yet (id = name)."""
    account = t("account_id")
    new = arrow_of(
        con,
        f"SELECT DISTINCT {account} AS account_id, {account} AS name FROM {VALID} "
        f"WHERE {account} IS NOT NULL AND {account} = trim({ACCOUNT_NAME}) "
        f"AND {account} NOT IN (SELECT account_id FROM accounts) ORDER BY 1",
    )
    n = backend.insert_rows("accounts", new)
    if not n:
        return None
    return (
        f"created {n} account(s) named in Account Name (their id is their name; importing the "
        "accounts report later fills them in and keeps the links)"
    )


def link_converted_leads(con: duckdb.DuckDBPyConnection, table: Table, links: Links) -> None:
    """Opportunities get the lead a stored lead says it converted to; leads set theirs."""
    if table.name == "opportunities":
        lead = t("lead_id")
        done = _count(
            con,
            f"UPDATE {STAGE} SET {lead} = l.lead_id FROM (SELECT converted_opportunity_id AS o, "
            "min(lead_id) AS lead_id FROM leads WHERE converted_opportunity_id IS NOT NULL "
            f"GROUP BY 1) l WHERE {STAGE}.{lead} IS NULL AND {STAGE}.{t('opportunity_id')} = l.o",
        )
        if done:
            links.notes.append(
                f"lead_id: {done} opportunity row(s) got the lead that converted to them"
            )
    if table.name == "leads":
        links.after_load.append(set_opportunity_leads)


def set_opportunity_leads(backend: Backend, con: duckdb.DuckDBPyConnection) -> str | None:
    mapping = arrow_of(
        con,
        f"SELECT {t('converted_opportunity_id')} AS key, min({t('lead_id')}) AS value "
        f"FROM {VALID} WHERE {t('converted_opportunity_id')} IS NOT NULL GROUP BY 1",
    )
    n = backend.update_column("opportunities", "opportunity_id", "lead_id", mapping, True)
    return f"set the lead of {n} stored opportunity(ies) from converted leads" if n > 0 else None


def relink_placeholder_accounts(backend: Backend, con: duckdb.DuckDBPyConnection) -> str | None:
    """Accounts created from a name (id = name, nothing else known) that the imported accounts
    now give a real id: their records point at the real account, the placeholder goes. Runs
    before the accounts are stored, so ``--mode replace`` keeps the links too."""
    mapping = arrow_of(
        con,
        f"SELECT p.account_id AS key, min(v.{t('account_id')}) AS value FROM accounts p "
        f"JOIN {VALID} v ON lower(trim(v.{t('name')})) = lower(trim(p.name)) "
        "WHERE p.account_id = p.name AND p.industry IS NULL AND p.segment IS NULL "
        "AND p.country IS NULL AND p.owner_rep_id IS NULL AND p.created_at IS NULL "
        f"AND v.{t('account_id')} <> p.account_id GROUP BY 1 "
        f"HAVING count(DISTINCT v.{t('account_id')}) = 1",
    )
    if not mapping.num_rows:
        return None
    for user in ACCOUNT_USERS:
        backend.update_column(user, "account_id", "account_id", mapping)
    backend.delete_keys("accounts", "account_id", mapping.select(["key"]))
    return (
        f"{mapping.num_rows} account(s) created earlier from a name now have their real id; "
        "their records moved to it"
    )
