"""Workspace settings: their names, defaults and how a value is checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from salesmetrics.errors import UnknownNameError, UserError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    description: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("base_currency", "USD", "ISO 4217 code all money is reported in"),
        Setting("fiscal_year_start_month", 1, "month (1-12) the fiscal year starts in"),
        Setting("timezone", "UTC", "time zone of stored timestamps"),
        Setting("stage_probabilities", {}, "default win probability (0-100) per stage name"),
        Setting(
            "stages",
            {},
            "status (open/won/lost) and default probability per deal stage; "
            "see `salesmetrics stages`",
        ),
        Setting(
            "stage_order",
            [],
            "open deal stages from first to last (empty: learnt from opportunity_history); "
            "see `salesmetrics stages order`",
        ),
        Setting("company_name", "", "shown in reports and the dashboard"),
        Setting(
            "benchmarks",
            {},
            "benchmark overrides per KPI (JSON): kpi -> {low, high} or {value}, optionally "
            '"industry": {name: {...}}; null drops the shipped one',
        ),
        Setting(
            "smtp_host", "", "mail server reviews are sent through (or $SALESMETRICS_SMTP_HOST)"
        ),
        Setting("smtp_port", 587, "its port (587: STARTTLS)"),
        Setting("smtp_user", "", "login name (the password: $SALESMETRICS_SMTP_PASSWORD)"),
        Setting("smtp_from", "", "sender address of reviews"),
        Setting("smtp_starttls", True, "upgrade the connection with STARTTLS before logging in"),
        Setting("dashboard_url", "", "address of the dashboard, for links in reviews"),
        Setting(
            "company_industry",
            "",
            "the company's own industry: picks the industry benchmark of rows not split by "
            "industry (e.g. software)",
        ),
    )
}


def parse_setting(name: str, value: Any) -> Any:
    """Check and normalise a setting value; bad values are user errors."""
    if name not in SETTINGS:
        raise UnknownNameError("setting", name, SETTINGS)
    if name == "fiscal_year_start_month":
        try:
            month = int(value)
        except (TypeError, ValueError):
            month = 0
        if not 1 <= month <= 12:
            raise UserError(f"fiscal_year_start_month must be a month from 1 to 12, not {value!r}.")
        return month
    if name == "base_currency":
        code = str(value).strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise UserError(f"base_currency must be a 3-letter ISO 4217 code, not {value!r}.")
        return code
    if name == "timezone":
        return _parse_timezone(value)
    if name == "stages":
        from salesmetrics.stages import parse_stage_map

        return parse_stage_map(value)
    if name == "stage_order":
        return parse_stage_order(value)
    if name == "benchmarks":
        from salesmetrics.catalog.benchmarks import parse_overrides

        return parse_overrides(value)
    if name == "company_industry":
        return " ".join(str(value).split())
    if name == "smtp_port":
        try:
            port = int(value)
        except (TypeError, ValueError):
            port = 0
        if not 1 <= port <= 65535:
            raise UserError(f"smtp_port must be a port number, not {value!r}.")
        return port
    if name == "smtp_starttls":
        text = str(value).strip().lower()
        if text not in ("true", "false", "1", "0", "yes", "no"):
            raise UserError(f"smtp_starttls must be true or false, not {value!r}.")
        return text in ("true", "1", "yes")
    if name == "stage_probabilities":
        mapping = json.loads(value) if isinstance(value, str) else dict(value)
        out = {}
        for stage, p in mapping.items():
            prob = float(p)
            if not 0 <= prob <= 100:
                raise UserError(f"Probability of stage {stage!r} must be 0-100, not {p!r}.")
            out[str(stage)] = prob
        return out
    return str(value)


def parse_stage_order(value: Any) -> list[str]:
    """Stage names from first to last: a JSON list, or names separated by commas."""
    if isinstance(value, str):
        text = value.strip()
        names = json.loads(text) if text.startswith("[") else text.split(",")
    else:
        names = list(value or [])
    out = [str(n).strip() for n in names if str(n).strip()]
    from salesmetrics.stages import key

    keys = [key(n) for n in out]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise UserError(f"stage_order names a stage twice: {', '.join(repeated)}.")
    return out


def _parse_timezone(value: Any) -> str:
    """An IANA time zone name such as 'UTC' or 'Europe/Berlin'."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"timezone must be an IANA time zone name such as 'UTC' or 'Europe/Berlin', "
            f"not {value!r}."
        ) from None
    return name


def encode(value: Any) -> str:
    return json.dumps(value)


def decode(raw: str) -> Any:
    return json.loads(raw)
