"""Reading real-world files: encodings, delimiters, headers, money, enums, dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from salesmetrics.errors import UserError
from salesmetrics.ingest import ImportFailed, ImportOptions, import_file
from salesmetrics.workspace import Workspace
from tests.ingest.samples import write_lines


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.create(tmp_path / "ws.duckdb") as workspace:
        yield workspace


def fx_rows(ws: Workspace) -> list[tuple[object, ...]]:
    return ws.con.execute("SELECT currency, date, rate FROM fx_rates ORDER BY ALL").fetchall()


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(ws: Workspace, tmp_path: Path, delimiter: str) -> None:
    lines = [
        delimiter.join(r) for r in (["currency", "date", "rate"], ["EUR", "2024-01-01", "1.1"])
    ]
    import_file(ws, "fx_rates", write_lines(tmp_path / "fx.csv", lines))
    assert fx_rows(ws) == [("EUR", dt.date(2024, 1, 1), 1.1)]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("\ufeffname,rep_id\nJosé Müller,r1\n".encode(), "José Müller"),
        ("name;rep_id\nJosé Müller;r1\n".encode("latin-1"), "José Müller"),
        ("name,rep_id\r\nZoë,r1\r\n".encode("utf-16"), "Zoë"),
    ],
    ids=["utf8-bom", "latin-1", "utf-16"],
)
def test_encodings(ws: Workspace, tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / "reps.csv"
    path.write_bytes(data)
    import_file(ws, "reps", path)
    assert ws.con.execute("SELECT rep_id, name FROM reps").fetchall() == [("r1", name)]


def test_latin1_after_a_long_ascii_start(ws: Workspace, tmp_path: Path) -> None:
    lines = ["rep_id,name"] + [f"r{i},Ann" for i in range(20000)] + ["rx,Ren\xe9e"]
    import_file(ws, "reps", write_lines(tmp_path / "reps.csv", lines, encoding="latin-1"))
    assert ws.con.execute("SELECT name FROM reps WHERE rep_id = 'rx'").fetchone() == ("Renée",)


def test_headers_match_ignoring_case_spaces_and_punctuation(ws: Workspace, tmp_path: Path) -> None:
    lines = [
        "Opportunity-ID, CREATEDAT ,Status,Close Date,AMOUNT ($),notes",
        "o1,2024-01-01,won,2024-02-01,10,hello",
    ]
    result = import_file(ws, "opportunities", write_lines(tmp_path / "o.csv", lines))
    assert result.notes == ["ignored columns not in opportunities: 'notes'"]
    row = ws.con.execute("SELECT opportunity_id, created_at, close_date, amount FROM opportunities")
    assert row.fetchall() == [("o1", dt.datetime(2024, 1, 1), dt.date(2024, 2, 1), Decimal(10))]


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("1234.5", Decimal("1234.5")),
        ("1,234.50", Decimal("1234.5")),
        ("$1,234.50", Decimal("1234.5")),
        ("-$12", Decimal("-12")),
        ("US$ 99.9999", Decimal("99.9999")),
        ("USD 1,000", Decimal("1000")),
        ("1,000 USD", Decimal("1000")),
        ("12.50000", Decimal("12.5")),
        ("1,23", Decimal("1.23")),  # a comma before two digits is a decimal comma
        ("1 234,5", Decimal("1234.5")),
        ("  7 ", Decimal("7")),
    ],
)
def test_money_formats(ws: Workspace, tmp_path: Path, text: str, stored: Decimal) -> None:
    lines = ["kpi,period_start,period_end,value", "x,2024-01-01,2024-01-31,1"]
    import_file(ws, "targets", write_lines(tmp_path / "t.csv", lines))  # unrelated table
    path = write_lines(tmp_path / "q.csv", ["rep_id;period_start;period_end;amount"])
    with path.open("a") as fh:
        fh.write(f"r1;2024-01-01;2024-03-31;{text}\n")
    if stored < 0:
        with pytest.raises(ImportFailed, match="1 problem"):
            import_file(ws, "quotas", path)
        return
    import_file(ws, "quotas", path)
    assert ws.con.execute("SELECT amount FROM quotas").fetchone() == (stored,)


@pytest.mark.parametrize("text", ["1.23456", "1,234.56789", "12,34.5", "$", "1.2.3", "12e3"])
def test_bad_money_is_never_rounded_or_guessed(ws: Workspace, tmp_path: Path, text: str) -> None:
    path = write_lines(tmp_path / "q.csv", ["rep_id;period_start;period_end;amount"])
    with path.open("a") as fh:
        fh.write(f"r1;2024-01-01;2024-03-31;{text}\n")
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "quotas", path)
    assert failed.value.issues[0].column == "amount"
    assert ws.con.execute("SELECT count(*) FROM quotas").fetchone() == (0,)


def test_enum_synonyms_are_stored_lower_case(ws: Workspace, tmp_path: Path) -> None:
    lines = ["opportunity_id,created_at,status,close_date,type"]
    values = [
        ("Closed Won", "won", "New Business"),
        ("CLOSEDLOST", "lost", "Cross-Sell"),
        ("Open", "open", "RENEWAL"),
        ("closed_won", "won", "upsell"),
    ]
    lines += [f"o{i},2024-01-01,{s},2024-02-01,{t}" for i, (s, _, t) in enumerate(values)]
    import_file(ws, "opportunities", write_lines(tmp_path / "o.csv", lines))
    stored = ws.con.execute("SELECT status, type FROM opportunities ORDER BY opportunity_id")
    assert stored.fetchall() == [
        ("won", "new_business"),
        ("lost", "expansion"),
        ("open", "renewal"),
        ("won", "expansion"),
    ]


def test_date_format_option(ws: Workspace, tmp_path: Path) -> None:
    lines = [
        "opportunity_id,created_at,status,close_date",
        "o1,03/04/2024,open,25/12/2024",
        "o2,03/04/2024 14:30,open,2024-12-26",
    ]
    path = write_lines(tmp_path / "o.csv", lines)
    expected = [
        (dt.datetime(2024, 4, 3), dt.date(2024, 12, 25)),
        (dt.datetime(2024, 4, 3, 14, 30), dt.date(2024, 12, 26)),
    ]
    # 25/12/2024 can only be day first, so the whole file is: 03/04/2024 is 3 April.
    import_file(ws, "opportunities", path)
    stored = ws.con.execute("SELECT created_at, close_date FROM opportunities ORDER BY ALL")
    assert stored.fetchall() == expected
    import_file(ws, "opportunities", path, ImportOptions(date_format="%d/%m/%Y"))
    stored = ws.con.execute("SELECT created_at, close_date FROM opportunities ORDER BY ALL")
    assert stored.fetchall() == expected
    with pytest.raises(ImportFailed) as wrong:
        import_file(ws, "opportunities", path, ImportOptions(date_format="%Y.%m.%d"))
    assert wrong.value.issues[0].reason == "does not match --date-format %Y.%m.%d"


def test_ambiguous_hint_uses_the_values_separator(ws: Workspace, tmp_path: Path) -> None:
    lines = ["opportunity_id,created_at,status", "o1,03.04.24,open"]
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "opportunities", write_lines(tmp_path / "o.csv", lines))
    assert "--date-format %d.%m.%y (day first)" in failed.value.issues[0].hint


def test_timestamps_with_offsets_are_stored_in_utc(ws: Workspace, tmp_path: Path) -> None:
    lines = [
        "lead_id,created_at",
        "l1,2024-01-01T10:00:00+02:00",
        "l2,2024-01-01 10:00:00Z",
        "l3,2024-01-01T10:00:00.250-0500",
        "l4,2024-01-01",
    ]
    import_file(ws, "leads", write_lines(tmp_path / "l.csv", lines))
    stored = ws.con.execute("SELECT created_at FROM leads ORDER BY lead_id").fetchall()
    assert [r[0] for r in stored] == [
        dt.datetime(2024, 1, 1, 8),
        dt.datetime(2024, 1, 1, 10),
        dt.datetime(2024, 1, 1, 15, 0, 0, 250000),
        dt.datetime(2024, 1, 1),
    ]


def test_a_timestamp_in_a_date_column_keeps_its_date(ws: Workspace, tmp_path: Path) -> None:
    lines = [
        "opportunity_id,created_at,status,close_date",
        "o1,2024-01-01,won,2024-02-15 23:30",
        "o2,2024-01-01,won,2024-02-16T01:00:00+02:00",
    ]
    import_file(ws, "opportunities", write_lines(tmp_path / "o.csv", lines))
    stored = ws.con.execute("SELECT close_date FROM opportunities ORDER BY ALL").fetchall()
    assert stored == [(dt.date(2024, 2, 15),), (dt.date(2024, 2, 16),)]


@pytest.mark.parametrize("text", ["1e400", "nan", "inf", '"12.5,3"', "1.2.3", "--1"])
def test_bad_floats(ws: Workspace, tmp_path: Path, text: str) -> None:
    lines = ["currency,date,rate", f"EUR,2024-01-01,{text}"]
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "fx_rates", write_lines(tmp_path / "fx.csv", lines))
    assert [(i.column, i.reason) for i in failed.value.issues] == [("rate", "not a number")]


def test_bools(ws: Workspace, tmp_path: Path) -> None:
    lines = ["activity_id,rep_id,type,occurred_at,opened,replied"]
    pairs = [("true", "false"), ("1", "0"), ("Yes", "NO"), ("", "")]
    lines += [f"a{i},r1,email,2024-01-01,{o},{r}" for i, (o, r) in enumerate(pairs)]
    import_file(ws, "activities", write_lines(tmp_path / "a.csv", lines))
    stored = ws.con.execute("SELECT opened, replied FROM activities ORDER BY activity_id")
    assert stored.fetchall() == [(True, False), (True, False), (True, False), (None, None)]


def test_physical_line_numbers_count_quoted_line_breaks(ws: Workspace, tmp_path: Path) -> None:
    lines = [
        "account_id,name,employees",
        'a1,"Acme',
        'Holdings",10',
        "a2,Globex,many",
    ]
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "accounts", write_lines(tmp_path / "a.csv", lines))
    assert [(i.line, i.column) for i in failed.value.issues] == [(4, "employees")]


def test_line_numbers_count_blank_lines_and_line_breaks(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "fx.csv"
    path.write_text(
        "currency,date,rate\nEUR,2024-01-01,1\n\nGBP,2024-01-01,x\n\n\n"
        'USD,"2024-01\n-01",y\nCHF,2024-01-01,z\n\n'
    )
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "fx_rates", path)
    found = [(i.line, i.column, i.value) for i in failed.value.issues]
    assert found == [
        (4, "rate", "x"),
        (7, "date", "2024-01\n-01"),
        (7, "rate", "y"),
        (9, "rate", "z"),
    ]
    result = import_file(ws, "fx_rates", path, ImportOptions(skip_invalid=True))
    assert (result.inserted, result.rejected) == (1, 3)
    rejected = (tmp_path / "fx.rejected.csv").read_text().splitlines()
    assert [line.split(",")[0] for line in rejected] == ["line", "4", "7", '-01"', "9"]


def test_leading_blank_lines_before_the_header(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "fx.csv"
    path.write_bytes(b"\r\n\r\ncurrency,date,rate\r\nEUR,2024-01-01,1\r\nGBP,2024-01-01,x\r\n")
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "fx_rates", path)
    assert [(i.line, i.column, i.value) for i in failed.value.issues] == [(5, "rate", "x")]


def test_unreadable_csv_is_a_user_error(ws: Workspace, tmp_path: Path) -> None:
    ragged = write_lines(tmp_path / "r.csv", ["currency,date,rate", "EUR,2024-01-01,1,extra"])
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "fx_rates", ragged)
    assert [(i.line, i.reason) for i in failed.value.issues] == [
        (2, "4 fields where the header has 3")
    ]
    empty = tmp_path / "e.csv"
    empty.write_text("")
    with pytest.raises(UserError, match="is empty"):
        import_file(ws, "fx_rates", empty)
    broken = tmp_path / "b.xlsx"
    broken.write_text("not a zip")
    with pytest.raises(UserError, match=r"is not an Excel \.xlsx workbook \(it looks like CSV"):
        import_file(ws, "fx_rates", broken)
    bad_parquet = tmp_path / "b.parquet"
    bad_parquet.write_text("nope")
    with pytest.raises(UserError, match="is not a Parquet file"):
        import_file(ws, "fx_rates", bad_parquet)


def test_upsert_replaces_by_key(ws: Workspace, tmp_path: Path) -> None:
    lines = ["currency,date,rate", "EUR,2024-01-01,1.1", "GBP,2024-01-01,1.3"]
    import_file(ws, "fx_rates", write_lines(tmp_path / "a.csv", lines))
    change = ["currency,date,rate", "EUR,2024-01-01,1.2", "USD,2024-01-01,1"]
    result = import_file(ws, "fx_rates", write_lines(tmp_path / "b.csv", change))
    assert (result.inserted, result.replaced) == (1, 1)
    assert fx_rows(ws) == [
        ("EUR", dt.date(2024, 1, 1), 1.2),
        ("GBP", dt.date(2024, 1, 1), 1.3),
        ("USD", dt.date(2024, 1, 1), 1.0),
    ]


def test_upsert_with_empty_key_parts(ws: Workspace, tmp_path: Path) -> None:
    lines = [
        "date,amount,category,channel,campaign",
        "2024-01-01,5,sales,,",
        "2024-01-01,7,sales,x,",
    ]
    import_file(ws, "spend", write_lines(tmp_path / "a.csv", lines))
    again = ["date,amount,category,channel,campaign", "2024-01-01,9,sales,,"]
    result = import_file(ws, "spend", write_lines(tmp_path / "b.csv", again))
    assert (result.inserted, result.replaced) == (0, 1)
    stored = ws.con.execute("SELECT channel, amount FROM spend ORDER BY ALL").fetchall()
    assert stored == [("x", Decimal(7)), (None, Decimal(9))]


def test_unknown_names_and_bad_options(ws: Workspace, tmp_path: Path) -> None:
    from salesmetrics.errors import UnknownNameError

    file = write_lines(tmp_path / "fx.csv", ["currency,date,rate", "EUR,2024-01-01,1.1"])
    with pytest.raises(UnknownNameError, match="Did you mean 'fx_rates'"):
        import_file(ws, "fx_rate", file)
    with pytest.raises(
        UnknownNameError, match=r"Unknown preset 'salesforse'\. Did you mean 'salesforce'"
    ):
        import_file(ws, "opportunities", file, ImportOptions(preset="salesforse"))
    with pytest.raises(
        UserError, match="Preset 'hubspot' maps only opportunities, accounts, leads, not spend"
    ):
        import_file(ws, "spend", file, ImportOptions(preset="hubspot"))
    with pytest.raises(UserError, match=r"--date-format '%Q' is not a valid strftime format"):
        import_file(ws, "fx_rates", file, ImportOptions(date_format="%Q"))
    with pytest.raises(UserError, match="is not a file"):
        import_file(ws, "fx_rates", tmp_path)
    (tmp_path / "fx.json").write_text("{}")
    with pytest.raises(UserError, match=r"unsupported file type '\.json'"):
        import_file(ws, "fx_rates", tmp_path / "fx.json")
    assert fx_rows(ws) == []


def test_offsets_convert_to_the_workspace_time_zone(ws: Workspace, tmp_path: Path) -> None:
    ws.set_setting("timezone", "Europe/Berlin")
    lines = [
        "lead_id,created_at",
        "l1,2024-01-01T10:00:00Z",
        "l2,2024-07-01 10:00+00:00",
        "l3,2024-01-01 10:00",
    ]
    import_file(ws, "leads", write_lines(tmp_path / "l.csv", lines))
    stored = ws.con.execute("SELECT created_at FROM leads ORDER BY lead_id").fetchall()
    assert [r[0] for r in stored] == [
        dt.datetime(2024, 1, 1, 11),  # winter: UTC+1
        dt.datetime(2024, 7, 1, 12),  # summer: UTC+2
        dt.datetime(2024, 1, 1, 10),  # no offset: taken as written
    ]


def test_unknown_workspace_time_zone_is_a_user_error(ws: Workspace, tmp_path: Path) -> None:
    # set_setting refuses unknown zones; a workspace written before that check may hold one.
    ws.backend.write_meta("setting.timezone", '"Mars/Base"')
    file = write_lines(tmp_path / "l.csv", ["lead_id,created_at", "l1,2024-01-01"])
    with pytest.raises(UserError, match="timezone setting 'Mars/Base' is not a known time zone"):
        import_file(ws, "leads", file)
