"""The schema module matches the contract in ../shared/spec/schema.md, table for table.

The contract lives beside the project, not in it: these comparisons skip (saying so) in a
clone without it. docs/schema.md, generated from the module, is the project's own reference.
"""

from __future__ import annotations

import re

import pytest

from salesmetrics.errors import UnknownNameError
from salesmetrics.schema import TABLES, get_table
from tests.conftest import SHARED

SPEC = SHARED / "spec" / "schema.md"
needs_spec = pytest.mark.skipif(
    not SPEC.exists(), reason=f"the external contract {SPEC} is not beside this clone"
)


def parse_spec() -> dict[str, dict[str, tuple[str, bool]]]:
    """Tables -> column -> (type, required), read from the markdown spec."""
    text = SPEC.read_text()
    tables: dict[str, dict[str, tuple[str, bool]]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"## (\w+) —", line)
        if heading:
            current = heading.group(1)
            tables[current] = {}
            continue
        cell = re.match(r"\| (\w+)(\*?) \| (\w+) \|", line)
        if current and cell and cell.group(1) != "column":
            tables[current][cell.group(1)] = (cell.group(3), cell.group(2) == "*")
    return tables


#: Columns salesmetrics adds to the contract ("a column may be added"), documented in the schema.
ADDED = {("leads", "converted_opportunity_id")}


@needs_spec
def test_every_table_and_column_of_the_spec_is_modelled() -> None:
    spec = parse_spec()
    assert len(spec) == 14
    assert set(spec) == set(TABLES)
    for name, columns in spec.items():
        table = TABLES[name]
        modelled = {
            c.name: (c.type, c.required) for c in table.columns if (name, c.name) not in ADDED
        }
        assert modelled == columns, name
    for table, column in ADDED:
        assert not TABLES[table].column(column).required
        assert "salesmetrics addition" in TABLES[table].column(column).description


def test_keys_are_columns_of_their_table() -> None:
    for table in TABLES.values():
        assert set(table.key) <= set(table.column_names), table.name


def test_enum_synonyms_map_to_enum_values() -> None:
    status = get_table("opportunities").column("status")
    assert status.canonical_enum("Closed Won") == "won"
    assert status.canonical_enum("closedlost") == "lost"
    assert status.canonical_enum("OPEN") == "open"
    assert status.canonical_enum("maybe") is None
    deal_type = get_table("opportunities").column("type")
    assert deal_type.canonical_enum("Upsell") == "expansion"
    assert deal_type.canonical_enum("cross-sell") == "expansion"
    for table in TABLES.values():
        for column in table.columns:
            if column.enum:
                assert set(column.synonyms.values()) <= set(column.enum), column.name


def test_unknown_table_suggests_the_closest() -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'opportunities'"):
        get_table("oportunities")


def test_unknown_column_suggests_the_closest() -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'close_date'"):
        get_table("opportunities").column("closedate")


def test_schema_module_imports_no_database_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys, salesmetrics.schema; "
        "print(','.join(m for m in ('duckdb', 'ibis', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
