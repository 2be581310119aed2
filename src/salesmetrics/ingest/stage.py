"""Build the stage table: every row's typed values and error codes, in the file's locale.

``STAGE`` holds per row its ``__line``, per column the typed value ``t_`` and error code ``e_``,
the currency written inside each amount (``k_``), the currency column's code (``f_currency``)
and the names of related records (``l_account_name``). Building it first reads the file's
stages (status from stage) and its locale (decimal mark, day/month order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from salesmetrics.backends.duckdb import SQL_TYPES, first_row, quote
from salesmetrics.ingest.currencies import GENERIC_SYMBOLS
from salesmetrics.ingest.headers import ColumnPlan
from salesmetrics.ingest.parsing import Parser, amount_currency_sql, currency_code_sql
from salesmetrics.ingest.profile import Profile, profile
from salesmetrics.ingest.readers import RAW
from salesmetrics.ingest.report import ImportOptions
from salesmetrics.ingest.rules import FILE_CURRENCY, STAGE, e, k, r, t
from salesmetrics.ingest.stage_status import StageReading, read_stages, status_sql
from salesmetrics.schema import Table


def link_column(name: str) -> str:
    return quote(f"l_{name}")


def texts_sql(plan: ColumnPlan, links: bool = True) -> str:
    """The trimmed text (NULL when empty) of each mapped column, read from RAW."""
    texts = [
        f"nullif(trim(CAST({source} AS VARCHAR)), '') AS {r(name)}"
        for name, source in plan.sources.items()
    ]
    if links:
        texts += [
            f"nullif(trim(CAST({source} AS VARCHAR)), '') AS {link_column(name)}"
            for name, source in plan.links.items()
        ]
    return f"SELECT __line, {', '.join(texts)} FROM {RAW}"


def money_columns(table: Table, plan: ColumnPlan) -> list[str]:
    return [c.name for c in table.columns if c.type == "money" and c.name in plan.sources]


@dataclass
class StageBuilder:
    """Builds STAGE (``build`` may run again when the file is re-read, e.g. as Latin-1)."""

    con: duckdb.DuckDBPyConnection
    table: Table
    plan: ColumnPlan
    options: ImportOptions
    zone: str
    stage_map: dict[str, dict[str, Any]]
    profile: Profile = field(default_factory=Profile)
    stages: StageReading = field(default_factory=StageReading)

    def __post_init__(self) -> None:
        self.flags = self.plan.sources.get("status") if self.plan.status_from_stage else None

    def build(self) -> int:
        """Create STAGE; returns its row count."""
        plan = self.plan
        if plan.status_from_stage:
            stage_only = ColumnPlan(sources={"stage": plan.sources["stage"]})
            if self.flags is not None:  # only rows whose flags are empty take their stage's
                stage_only.sources["stage"] = (
                    f"CASE WHEN ({self.flags}) IS NULL THEN {plan.sources['stage']} END"
                )
            self.stages = read_stages(self.con, texts_sql(stage_only, links=False), self.stage_map)
            plan.sources["status"] = status_sql(plan.sources["stage"], self.flags, self.stages)
        texts = texts_sql(plan)
        mapped = [c for c in self.table.columns if c.name in plan.sources]
        self.profile = profile(self.con, self.table, texts, mapped, self.options.decimal)
        money = money_columns(self.table, plan)
        marks = [f"{amount_currency_sql(r(m))} AS {k(m)}" for m in money]
        if "currency" in plan.sources:
            marks.append(f"{currency_code_sql(r('currency'))} AS {FILE_CURRENCY}")
        layer = f"SELECT *{''.join(', ' + m for m in marks)} FROM ({texts})"
        typed, codes = [], []
        for column in self.table.columns:
            if column.name == "currency" and money and "currency" in self.table.column_names:
                typed.append(
                    f"{self._currency(money[0], 'currency' in plan.sources)} AS {t('currency')}"
                )
                codes.append(self._currency_code(plan))
                continue
            if column.name not in plan.sources:
                typed.append(f"NULL::{SQL_TYPES[column.type]} AS {t(column.name)}")
                codes.append(f"NULL::VARCHAR AS {e(column.name)}")
                continue
            parser = Parser(column, self.options.date_format, self.zone, self.profile.locale)
            value = parser.value_sql(r(column.name))
            if column.name in plan.fractions:
                value = f"CASE WHEN {value} <= 1 THEN {value} * 100 ELSE {value} END"
            typed.append(f"{value} AS {t(column.name)}")
            codes.append(f"{parser.error_sql(r(column.name), t(column.name))} AS {e(column.name)}")
        kept = [t(c) for c in self.table.column_names] + [k(m) for m in money]
        if "currency" in plan.sources:
            kept.append(FILE_CURRENCY)
        kept += [link_column(name) for name in plan.links]
        row = first_row(
            self.con,
            f"CREATE OR REPLACE TEMP TABLE {STAGE} AS SELECT __line, {', '.join(kept)}, "
            f"{', '.join(codes)} FROM (SELECT *, {', '.join(typed)} FROM ({layer}))",
        )
        return int(row[0]) if row else 0

    @staticmethod
    def _currency(money: str, from_file: bool) -> str:
        """The row's currency: its currency column, else the one written in the amount."""
        generic = " ".join(f"WHEN '{s}' THEN '{code}'" for s, (code, _) in GENERIC_SYMBOLS.items())
        written = f"CASE {k(money)} {generic} ELSE {k(money)} END"
        return f"coalesce({FILE_CURRENCY}, {written})" if from_file else written

    def _currency_code(self, plan: ColumnPlan) -> str:
        if "currency" not in plan.sources:
            return f"NULL::VARCHAR AS {e('currency')}"
        column = self.table.column("currency")
        parser = Parser(column, None, self.zone, self.profile.locale)
        return f"{parser.error_sql(r('currency'), FILE_CURRENCY)} AS {e('currency')}"
