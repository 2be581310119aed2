"""The reference pages generated from the code are current (`python -m salesmetrics.docgen`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesmetrics.docgen import PAGES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_current(name: str) -> None:
    page = DOCS / name
    assert page.exists(), f"docs/{name} is missing: run `python -m salesmetrics.docgen`"
    assert page.read_text(encoding="utf-8") == PAGES[name](), (
        f"docs/{name} is stale: run `python -m salesmetrics.docgen`"
    )


def test_readme_links_the_references() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for name in PAGES:
        assert f"docs/{name}" in readme, name
