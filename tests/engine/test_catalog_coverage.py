"""Every catalog KPI has a docs entry, an engine test and an independent reference check."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from salesmetrics.catalog import all_kpis, get_kpi
from salesmetrics.catalog.model import Aggregation
from salesmetrics.engine.registry import MEASURES
from salesmetrics.schema import dimensions

REPO = Path(__file__).resolve().parents[2]
IDS = [k.id for k in all_kpis()]


def test_every_kpi_has_a_docs_entry() -> None:
    text = (REPO / "docs" / "kpis.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### (\S+)\s*$", text, flags=re.MULTILINE))
    assert sorted(set(IDS) - headings) == []


def test_every_kpi_is_named_in_an_engine_test() -> None:
    here = Path(__file__).parent
    texts = [
        p.read_text(encoding="utf-8")
        for p in here.glob("test_*.py")
        if p.name != Path(__file__).name
    ]
    missing = [i for i in IDS if not any(f'"{i}"' in t for t in texts)]
    assert missing == []


def test_every_kpi_has_a_reference_check() -> None:
    checked: set[str] = set()
    for name in (
        "tests.reference.pandas_kpis",
        "tests.reference.pandas_subscriptions",
        "tests.reference.pandas_history",
        "tests.reference.pandas_operations",
    ):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            pytest.fail(f"{name} (an independent reference) is missing")
        checked |= set(module.REFERENCE)
    assert sorted(set(IDS) - checked) == []


def test_entries_are_complete_and_consistent() -> None:
    known_dims = set(dimensions())
    for kpi in all_kpis():
        assert kpi.label and kpi.description and kpi.formula and kpi.anchor, kpi.id
        assert set(kpi.dimensions) <= known_dims, kpi.id
        if kpi.aggregation is not Aggregation.VELOCITY:
            assert kpi.numerator in MEASURES, kpi.id
            assert kpi.denominator is None or kpi.denominator in MEASURES, kpi.id
        assert get_kpi(kpi.id.upper()) is kpi
