"""docs/quality.md documents every check."""

from __future__ import annotations

from salesmetrics.quality import CHECKS
from tests.conftest import REPO


def documented(check_id: str, text: str) -> bool:
    """The id appears verbatim, or as `<table>.name` in a row naming the table."""
    if f"`{check_id}`" in text:
        return True
    table, name = check_id.split(".", 1)
    rows = [line for line in text.splitlines() if f"`<table>.{name}` (" in line]
    return any(table in row.split("|")[1] for row in rows)


def test_every_check_is_documented() -> None:
    text = (REPO / "docs" / "quality.md").read_text()
    assert [c.id for c in CHECKS if not documented(c.id, text)] == []
