"""The Apache Spark backend: the canonical tables as Parquet directories (or catalog tables).

Location: ``spark:MASTER?warehouse=DIR&database=NAME`` — MASTER is what ``--master`` takes
(``local[*]``, ``spark://host:7077``, ``yarn``; ``spark://host:7077?…`` also works), DIR any
path Spark writes (local, ``hdfs://``, ``s3a://``), NAME the workspace (default
``salesmetrics``). Each table is the Parquet directory ``DIR/NAME.db/TABLE``: tables the
company's own pipelines maintain there are read as they are. With ``catalog=true`` the tables
are instead ``NAME.TABLE`` of Spark's catalog (a Hive metastore, Unity, Glue…). Any
``spark.*`` query parameter is passed to the session (``spark.executor.memory=8g``).

Spark has no transactions: a write computes the table's new contents, writes them beside the
old ones and swaps them in (a directory rename, or a table rename in catalog mode). Readers see
the old or the new table, never a half-written one; an import that writes several tables swaps
them one after another (see docs/scale-out.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import duckdb

from salesmetrics.backends.base import META_TABLE, Backend, Loaded, Mode, Session, commit_protected
from salesmetrics.backends.duckdb import CONFIG, arrow_of
from salesmetrics.backends.postgres import transpile, with_values
from salesmetrics.errors import InternalError, UserError
from salesmetrics.schema import ALL_TABLES, TABLES

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

    from salesmetrics.schema import Column, Table

DEFAULT_DATABASE = "salesmetrics"
#: Settings of a small, quick local session (each can be overridden in the location).
DEFAULT_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.ansi.enabled": "false",
    "spark.driver.extraJavaOptions": "-Dderby.system.home=/tmp",
}


def spark_type(kind: str) -> Any:
    from pyspark.sql import types as T

    return {
        "str": T.StringType(),
        "date": T.DateType(),
        "timestamp": T.TimestampNTZType(),
        "money": T.DecimalType(18, 4),
        "int": T.LongType(),
        "float": T.DoubleType(),
        "bool": T.BooleanType(),
    }[kind]


def schema_of(table: Table) -> StructType:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(c.name, spark_type(c.type), True) for c in table.columns])


META_SCHEMA_COLUMNS = ("key", "value")


def parse_location(location: str) -> tuple[str, dict[str, str]]:
    """(master, options) of a ``spark:`` location."""
    parts = urlsplit(location)
    options = dict(parse_qsl(parts.query))
    master = f"spark://{parts.netloc}" if parts.netloc else parts.path or "local[*]"
    return master, options


class SparkSessionHandle(Session):
    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark

    def rows(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        frame = self.spark.sql(sql)
        return list(frame.columns), [tuple(r) for r in frame.collect()]

    def frame(self, sql: str) -> pd.DataFrame:
        return self.spark.sql(sql).toPandas()


class SparkBackend(Backend):
    """Canonical tables as Parquet directories (or catalog tables) read by Spark SQL."""

    kind = "pyspark"
    dialect = "pyspark"

    def __init__(self, location: str, read_only: bool = False, create: bool = False) -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise UserError(
                "A spark: workspace needs PySpark: pip install 'pyspark>=3.5,<4.1' (and Java 17)."
            ) from None
        self.location = location
        self.read_only = read_only
        self.master, options = parse_location(location)
        self.database = options.pop("database", DEFAULT_DATABASE)
        self.catalog = options.pop("catalog", "false").lower() in ("1", "true", "yes")
        warehouse = options.pop("warehouse", None)
        if warehouse is None and not self.catalog:
            raise UserError(
                f"Spark workspace {location} needs a warehouse directory: add "
                "?warehouse=DIR (a local path, hdfs:// or s3a://), or ?catalog=true to use "
                "Spark's catalog."
            )
        self.warehouse = (warehouse or "").rstrip("/")
        conf = dict(DEFAULT_CONF)
        if self.master.startswith("local"):  # no network name needed on one machine
            conf.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
        conf.update({k: v for k, v in options.items() if k.startswith("spark.")})
        builder = SparkSession.builder.master(self.master).appName("salesmetrics")
        for key, value in conf.items():
            builder = builder.config(key, value)
        if self.catalog:
            builder = builder.enableHiveSupport()
        try:
            # one SparkContext per process; each workspace gets its own session (its views)
            root = builder.getOrCreate()
            root.sparkContext.setLogLevel("ERROR")
            self.spark = root.newSession()
        except Exception as exc:  # the JVM's errors are not Python's
            raise UserError(f"Cannot start Spark for {self.display}: {exc}") from None
        for key, value in conf.items():  # the session's own SQL settings
            if key.startswith("spark.sql."):
                self.spark.conf.set(key, value)
        if self.catalog and not read_only:
            self.spark.sql(f"CREATE DATABASE IF NOT EXISTS `{self.database}`")
        self._register_all()

    @property
    def display(self) -> str:
        where = f"catalog database {self.database}" if self.catalog else self.warehouse
        return f"spark:{self.master} ({where})"

    def quote(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def inline_dates(self, names: list[str], rows: list[tuple[Any, ...]]) -> str:
        values = ", ".join(
            "(" + ", ".join(str(v) if isinstance(v, int) else f"DATE'{v.isoformat()}'"
                            for v in row) + ")"
            for row in rows
        )  # fmt: skip
        return f"(SELECT * FROM VALUES {values} AS v({', '.join(names)}))"

    def inline_strings(self, values: list[str]) -> str:
        # Spark reads backslash escapes in string literals, and two quotes as two literals
        return ", ".join("'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'" for v in values)

    # -- where tables live -----------------------------------------------------------------
    def _path(self, table: str) -> str:
        return f"{self.warehouse}/{self.database}.db/{table}"

    def _fs(self, path: str) -> Any:
        jvm: Any = self.spark._jvm
        hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
        conf = self.spark._jsc.hadoopConfiguration()
        return hadoop_path.getFileSystem(conf), hadoop_path, jvm

    def _exists(self, table: str) -> bool:
        if self.catalog:
            return bool(self.spark.catalog.tableExists(f"{self.database}.{table}"))
        fs, path, _ = self._fs(self._path(table))
        return bool(fs.exists(path))

    def _schema(self, table: str) -> StructType:
        from pyspark.sql import types as T

        if table == META_TABLE:
            return T.StructType(
                [T.StructField(c, T.StringType(), True) for c in META_SCHEMA_COLUMNS]
            )
        return schema_of(TABLES[table])

    def _read(self, table: str) -> DataFrame:
        if self.catalog:
            return self.spark.table(f"`{self.database}`.`{table}`")
        return self.spark.read.schema(self._schema(table)).parquet(self._path(table))

    def _register(self, table: str) -> None:
        if self._exists(table):
            self._read(table).createOrReplaceTempView(table)

    def _register_all(self) -> None:
        for name in [*TABLES, META_TABLE]:
            self._register(name)

    def _write(self, table: str, frame: DataFrame) -> None:
        """Write ``frame`` beside the table, then swap it in (and re-register its view)."""
        if self.read_only:
            raise UserError(f"Workspace {self.display} is open read-only.")
        frame = frame.select(*[f"`{f.name}`" for f in self._schema(table).fields])
        token = uuid.uuid4().hex[:12]
        if self.catalog:
            name = f"`{self.database}`.`{table}`"
            fresh = f"`{self.database}`.`{table}__sm_new_{token}`"
            frame.write.format("parquet").saveAsTable(fresh.replace("`", ""))
            self.spark.sql(f"DROP TABLE IF EXISTS {name}")
            self.spark.sql(f"ALTER TABLE {fresh} RENAME TO {name}")
        else:
            target = self._path(table)
            fresh, old = f"{target}.__sm_new_{token}", f"{target}.__sm_old_{token}"
            frame.write.mode("overwrite").parquet(fresh)
            fs, target_path, jvm = self._fs(target)
            fresh_path, old_path = (
                jvm.org.apache.hadoop.fs.Path(fresh),
                jvm.org.apache.hadoop.fs.Path(old),
            )
            had = fs.exists(target_path)
            if had:
                fs.rename(target_path, old_path)
            fs.mkdirs(target_path.getParent())
            fs.rename(fresh_path, target_path)
            if had:
                fs.delete(old_path, True)
        self._register(table)

    def _from_arrow(self, data: pa.Table, table: str) -> DataFrame:
        """An Arrow table as a Spark DataFrame (types kept; cast to the table's by _full)."""
        from pyspark.sql import types as T

        if not data.num_rows:
            schema = self._schema(table)
            return self.spark.createDataFrame(
                [], T.StructType([f for f in schema.fields if f.name in data.column_names])
            )
        return self.spark.createDataFrame(data)

    def _full(self, frame: DataFrame, table: str) -> DataFrame:
        """``frame`` with every column of the table (missing ones null), in order."""
        from pyspark.sql import functions as F

        out = []
        for field in self._schema(table).fields:
            if field.name in frame.columns:
                out.append(F.col(f"`{field.name}`").cast(field.dataType).alias(field.name))
            else:
                out.append(F.lit(None).cast(field.dataType).alias(field.name))
        return frame.select(*out)

    def _current(self, table: str) -> DataFrame:
        if not self._exists(table):
            return self.spark.createDataFrame([], self._schema(table))
        return self._read(table)

    # -- catalog -----------------------------------------------------------------------------
    def tables(self) -> set[str]:
        return {name for name in [*TABLES, META_TABLE] if self._exists(name)}

    def columns(self) -> set[tuple[str, str]]:
        # tables are read with the canonical schema: a column missing from old files is null
        return {(t.name, c) for t in ALL_TABLES if self._exists(t.name) for c in t.column_names}

    def create_table(self, table: Table) -> None:
        if not self._exists(table.name):
            self._write(table.name, self.spark.createDataFrame([], schema_of(table)))

    def add_column(self, table: Table, column: Column) -> None:
        """Nothing to do: the canonical schema reads a missing column as null."""

    def create_meta(self) -> None:
        if not self._exists(META_TABLE):
            self._write(META_TABLE, self.spark.createDataFrame([], self._schema(META_TABLE)))

    def write_meta(self, key: str, value: str) -> None:
        from pyspark.sql import functions as F

        rest = self._current(META_TABLE).filter(F.col("key") != key)
        row = self.spark.createDataFrame([(key, value)], self._schema(META_TABLE))
        self._write(META_TABLE, rest.unionByName(row).localCheckpoint())

    # -- statements ----------------------------------------------------------------------------
    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        found = self.spark.sql(transpile(with_values(sql, params), "spark")).collect()
        return [tuple(r) for r in found]

    def execute(self, sql: str, params: list[Any] | None = None) -> int:
        raise InternalError(
            "Statements that change rows are not run on Spark; use the Backend primitives."
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Spark has no transactions: each write swaps one table in (see the module doc)."""
        yield
        commit_protected(lambda: None)

    @contextmanager
    def session(self) -> Iterator[Session]:
        yield SparkSessionHandle(self.spark)

    # -- imports -------------------------------------------------------------------------------
    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = duckdb.connect(":memory:", config=dict(CONFIG))
        con.execute("SET enable_progress_bar = false")
        try:
            yield con
        finally:
            con.close()

    def mirror(self, staging: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
        import pyarrow as pa

        frame = self._current(table).select(*[f"`{c}`" for c in columns]).toPandas()
        staging.register("__sm_mirror", pa.Table.from_pandas(frame, preserve_index=False))
        try:
            staging.execute(f'CREATE OR REPLACE TEMP TABLE "{table}" AS SELECT * FROM __sm_mirror')
        finally:
            staging.unregister("__sm_mirror")

    def load(self, table: Table, staging: duckdb.DuckDBPyConnection, relation: str, mode: Mode,
             columns: list[str]) -> Loaded:  # fmt: skip
        names = ", ".join(f'{c} AS "{n}"' for c, n in zip(columns, table.column_names, strict=True))
        incoming = self._full(self._from_arrow(arrow_of(staging, f"SELECT {names} FROM {relation}"),
                                               table.name), table.name)  # fmt: skip
        incoming = incoming.localCheckpoint()
        total = incoming.count()
        current = self._current(table.name)
        if mode == "replace":
            removed = current.count()
            self._write(table.name, incoming)
            return Loaded(total, 0, removed)
        keys = incoming.select(*[f"`{k}`" for k in table.key]).distinct()
        condition = [current[k].eqNullSafe(keys[k]) for k in table.key]
        kept = current.join(keys, on=condition, how="left_anti")
        replaced = current.join(keys, on=condition, how="left_semi").count()
        self._write(table.name, kept.unionByName(incoming).localCheckpoint())
        return Loaded(total - replaced, replaced, 0)

    def insert_rows(self, table: str, data: pa.Table) -> int:
        if not data.num_rows:
            return 0
        incoming = self._full(self._from_arrow(data, table), table)
        self._write(table, self._current(table).unionByName(incoming).localCheckpoint())
        return data.num_rows

    def update_column(self, table: str, key: str, column: str, mapping: pa.Table,
                      only_null: bool = False) -> int:  # fmt: skip
        from pyspark.sql import functions as F

        if not mapping.num_rows:
            return 0
        m = self.spark.createDataFrame(mapping).toDF("__sm_key", "__sm_value")
        current = self._current(table)
        joined = current.join(m, current[key] == m["__sm_key"], "left")
        hit = F.col("__sm_key").isNotNull()
        if only_null:
            hit = hit & F.col(f"`{column}`").isNull()
        changed = joined.filter(hit).count()
        if not changed:
            return 0
        target_type = self._schema(table)[column].dataType
        updated = joined.withColumn(
            column,
            F.when(hit, F.col("__sm_value").cast(target_type)).otherwise(F.col(f"`{column}`")),
        ).drop("__sm_key", "__sm_value")
        self._write(table, updated.localCheckpoint())
        return int(changed)

    def delete_keys(self, table: str, key: str, keys: pa.Table) -> int:
        if not keys.num_rows:
            return 0
        k = self.spark.createDataFrame(keys).toDF("__sm_key")
        current = self._current(table)
        gone = current.join(k, current[key] == k["__sm_key"], "left_semi").count()
        if gone:
            kept = current.join(k, current[key] == k["__sm_key"], "left_anti")
            self._write(table, kept.localCheckpoint())
        return int(gone)

    def replace_table(self, table: Table, data: pa.Table) -> None:
        self._write(table.name, self._full(self._from_arrow(data, table.name), table.name))

    def close(self) -> None:
        """The SparkContext stays for the process (starting one takes seconds)."""
