"""Random CSV files never crash the importer: each loads or raises a clear UserError, and
leaves no temporary copy of the file behind."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesmetrics.errors import UserError
from salesmetrics.ingest import ImportOptions, import_file
from salesmetrics.workspace import Workspace

HEADERS = [
    "opportunity_id", "Opportunity ID", "created_at", "Created At", "status", "STATUS",
    "close_date", "amount", "Amount ($)", "probability", "type", "contract_months", "notes", "",
    "a,b", 'q"uote', "close date",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from([
        "", "o1", "o2", "2024-01-01", "2017-02-30", "03/04/2024", "2024-01-01T10:00:00+02:00",
        "Closed Won", "lost", "open", "1,234.50", "$5", "-3", "1.23456", "150", "new", "upsell",
        "yes", "NaN", "inf", "1e400", "99999999999999999999", "\n", '"', ",", ";", "\t", "%",
        "€", "2024-01-01 25:00", "0x10",
    ]),
    st.text(max_size=12),
)  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, str]:
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    rows = draw(
        st.lists(st.lists(VALUES, min_size=len(headers), max_size=len(headers)), max_size=6)
    )
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting)
    writer.writerow(headers)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()) and rows:  # sometimes a ragged last line
        text += delimiter.join(["x"] * (len(headers) + 1)) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]))
    return text, encoding


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One workspace for every example (a fresh one each time would triple the run time)."""
    with Workspace.create(tmp_path_factory.mktemp("fuzz") / "ws.duckdb") as ws:
        yield ws


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=csv_files(), skip_invalid=st.booleans(), date_format=st.sampled_from([None, "%d/%m/%Y"])
)
def test_random_csv_loads_or_fails_clearly(
    workspace: Workspace, file: tuple[str, str], skip_invalid: bool, date_format: str | None
) -> None:
    text, encoding = file
    before = workspace.row_count("opportunities")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.csv"
        path.write_bytes(text.encode(encoding, errors="replace"))
        options = ImportOptions(skip_invalid=skip_invalid, date_format=date_format, mode="replace")
        scratch = Path(tmp) / "scratch"  # where the importer's copies of the file go
        scratch.mkdir()
        tempfile.tempdir, default = str(scratch), tempfile.tempdir
        try:
            result = import_file(workspace, "opportunities", path, options)
        except UserError as exc:
            message = str(exc).strip()
            assert message and "\n" not in message, message
            assert workspace.row_count("opportunities") == before
            result = None
        finally:
            tempfile.tempdir = default
        # no copy of the user's file outlives the import, whether it loaded or failed
        assert not list(scratch.iterdir())
    assert not _temp_tables(workspace.con)
    if result is None:
        return
    stored = workspace.row_count("opportunities")
    assert stored == result.inserted and result.replaced == 0
    assert result.rows_read == stored + result.rejected


def _temp_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '__sm_%'"
    ).fetchall()
    return [r[0] for r in rows]
