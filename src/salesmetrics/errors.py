"""One exception root: user errors (actionable, exit 2) and internal errors (exit 1)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class SalesmetricsError(Exception):
    """Root of every error salesmetrics raises on purpose."""

    exit_code = 1


class UserError(SalesmetricsError):
    """Something the user can fix: shown as one plain line, exit status 2."""

    exit_code = 2


class Interrupted(SalesmetricsError):
    """The user pressed Ctrl-C; the message says what state the workspace is in (exit 130)."""

    exit_code = 130


class InternalError(SalesmetricsError):
    """A bug or an unexpected state inside salesmetrics: exit status 1."""

    exit_code = 1


def did_you_mean(name: str, choices: Iterable[str]) -> str | None:
    """The closest match of ``name`` among ``choices``, or None."""
    options = list(choices)
    folded = {c.lower(): c for c in options}
    if name.lower() in folded:
        return folded[name.lower()]
    matches = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None


class UnknownNameError(UserError):
    """An unknown table, column, KPI or dimension name, with a suggestion."""

    def __init__(self, kind: str, name: str, choices: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.choices = sorted(choices)
        self.suggestion = did_you_mean(name, self.choices)
        hint = f" Did you mean '{self.suggestion}'?" if self.suggestion else ""
        known = ", ".join(self.choices)
        super().__init__(f"Unknown {kind} '{name}'.{hint} Known {kind}s: {known}.")
