"""How a CRM export preset is described: header names, value maps and derived columns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

#: Builds a VARCHAR SQL expression from the file's columns (keyed by normalised export
#: header); returns None when the columns it needs are absent.
Derivation = Callable[[Mapping[str, str]], str | None]


@dataclass(frozen=True)
class PresetTable:
    """One export (e.g. Salesforce opportunities) mapped onto one canonical table.

    ``columns`` maps export headers onto canonical columns; when several export headers map
    onto one column the first present wins. ``values`` maps export values (matched ignoring
    case) onto canonical values. ``derived`` computes a canonical column the file lacks.
    ``links`` maps export headers that name a related record onto a link (``account_name``:
    the account is found, or created, by its name).
    """

    table: str
    columns: Mapping[str, str]
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    derived: Mapping[str, Derivation] = field(default_factory=dict)
    derived_doc: Mapping[str, str] = field(default_factory=dict)
    #: Export headers read only by ``derived`` (not reported as ignored).
    inputs: tuple[str, ...] = ()
    links: Mapping[str, str] = field(default_factory=dict)
    #: Canonical 0-100 columns the export writes as 0-1 fractions (scaled once parsed).
    fractions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preset:
    """A CRM's exports: one ``PresetTable`` per canonical table it fills."""

    name: str
    label: str
    tables: Mapping[str, PresetTable]


TRUE_TEXT = "('1', 'true', 'yes', 'y', 't')"
FALSE_TEXT = "('0', 'false', 'no', 'n', 'f')"


def norm_text(expr: str) -> str:
    """A SQL expression: the value lower-cased and trimmed."""
    return f"lower(trim({expr}))"


def _present(cols: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    return next((cols[n] for n in names if n in cols), None)


def status_from_flags(
    closed: tuple[str, ...], won: tuple[str, ...], lost: tuple[str, ...] = ()
) -> Derivation:
    """Status from the export's closed / won / lost flags (normalised header names).

    Closed true and Won true -> won; Closed true and Won false -> lost; Closed false -> open.
    Without a Closed flag, Won / Lost flags decide (neither true -> open). A row whose flags
    are empty gets NULL: its stage decides (see ``salesmetrics.stages``).
    """

    def derive(cols: Mapping[str, str]) -> str | None:
        c, w, lo = _present(cols, closed), _present(cols, won), _present(cols, lost)
        if c is not None:
            c_, w_ = norm_text(c), norm_text(w) if w is not None else "''"
            lost_flag = f"WHEN {norm_text(lo)} IN {TRUE_TEXT} THEN 'lost' " if lo else ""
            won_or_lost = (
                f"CASE WHEN {w_} IN {TRUE_TEXT} THEN 'won' WHEN {w_} IN {FALSE_TEXT} "
                f"THEN 'lost' {lost_flag}END"
            )
            return (
                f"CASE WHEN {c_} IN {TRUE_TEXT} THEN {won_or_lost} "
                f"WHEN {c_} IN {FALSE_TEXT} THEN 'open' END"
            )
        if w is not None:
            w_ = norm_text(w)
            if lo is None:
                return f"CASE WHEN {w_} IN {TRUE_TEXT} THEN 'won' END"
            lo_ = norm_text(lo)
            return (
                f"CASE WHEN {w_} IN {TRUE_TEXT} THEN 'won' WHEN {lo_} IN {TRUE_TEXT} THEN 'lost' "
                f"WHEN {w_} IN {FALSE_TEXT} AND {lo_} IN {FALSE_TEXT} THEN 'open' END"
            )
        return None

    return derive


def first_of_list(*headers: str) -> Derivation:
    """The first id of a ``;``- or ``,``-separated list (HubSpot association columns)."""

    def derive(cols: Mapping[str, str]) -> str | None:
        source = _present(cols, headers)
        if source is None:
            return None
        return f"nullif(trim(regexp_extract({source}, '^\\s*([^;,]+)', 1)), '')"

    return derive


def copy_of(*headers: str) -> Derivation:
    """The value of the first of ``headers`` present (e.g. an id made from a name)."""

    def derive(cols: Mapping[str, str]) -> str | None:
        return _present(cols, headers)

    return derive
