"""The engines that hold a workspace, chosen by the workspace location.

- a file path (default ``./salesmetrics.duckdb``): the embedded DuckDB file;
- ``postgresql://user:password@host:5432/db?schema=NAME``: a PostgreSQL schema;
- ``spark:local[*]?warehouse=DIR&database=NAME`` or ``spark://host:7077?…``: Apache Spark, the
  tables in a catalog database (see docs/scale-out.md).

Nothing outside ``backends/`` knows which engine it talks to.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from salesmetrics.backends.base import Backend

POSTGRES_PREFIXES = ("postgresql://", "postgres://")
SPARK_PREFIXES = ("spark:", "spark://")


def kind_of(location: str) -> str:
    """'postgres', 'pyspark' or 'duckdb' for a workspace location."""
    if location.startswith(POSTGRES_PREFIXES):
        return "postgres"
    if location.startswith(SPARK_PREFIXES):
        return "pyspark"
    return "duckdb"


def open_backend(location: str, read_only: bool = False, wait: float = 0.0,
                 create: bool = False) -> Backend:  # fmt: skip
    """Connect to the workspace at ``location`` (``create``: it may not exist yet)."""
    kind = kind_of(location)
    if kind == "postgres":
        from salesmetrics.backends.postgres import PostgresBackend

        return PostgresBackend(location, read_only=read_only, wait=wait)
    if kind == "pyspark":
        from salesmetrics.backends.spark import SparkBackend

        return SparkBackend(location, read_only=read_only, create=create)
    from salesmetrics.backends.duckdb import DuckDBBackend

    path = Path(location)
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    return DuckDBBackend(path, read_only=read_only, wait=wait)


def compile_sql(expr: Any, dialect: str, pretty: bool = False) -> str:
    """An Ibis expression as SQL of ``dialect`` (no connection needed)."""
    import ibis

    if dialect == "pyspark" and getattr(ibis.options, "pyspark", None) is None:
        from ibis.backends.pyspark import Backend as IbisSpark  # the compiler reads its options

        ibis.options.pyspark = IbisSpark.Options()
    if dialect == "duckdb":
        return _duckdb_compiler().to_sqlglot(expr.unbind()).sql(dialect="duckdb", pretty=pretty)
    return str(ibis.to_sql(expr, dialect=dialect, pretty=pretty))


@cache
def _duckdb_compiler() -> Any:
    """Ibis' DuckDB compiler, with ``first``/``last`` over a window skipping nulls as asked
    (Ibis writes FIRST_VALUE/LAST_VALUE without IGNORE NULLS for DuckDB; Spark gets it)."""
    import sqlglot.expressions as sge
    from ibis.backends.sql.compilers.duckdb import DuckDBCompiler

    class Compiler(DuckDBCompiler):
        def visit_FirstValue(self, op: Any, *, arg: Any) -> Any:
            return sge.IgnoreNulls(this=self.f.first_value(arg))

        def visit_LastValue(self, op: Any, *, arg: Any) -> Any:
            return sge.IgnoreNulls(this=self.f.last_value(arg))

    return Compiler()


def exists(location: str) -> bool:
    """Whether a workspace location can be opened without creating it (files must exist)."""
    return kind_of(location) != "duckdb" or Path(location).exists()


__all__ = ["Backend", "compile_sql", "exists", "kind_of", "open_backend"]
