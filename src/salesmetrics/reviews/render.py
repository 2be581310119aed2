"""A review as a self-contained HTML file (styles and charts inline), Markdown, or PDF (the
HTML through WeasyPrint)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from salesmetrics.errors import UserError
from salesmetrics.reviews.model import Column, Review

HERE = Path(__file__).parent
FORMATS = ("html", "md", "pdf")


def cell(row: dict[str, Any], column: Column, currency: str) -> tuple[str, str]:
    """A table cell's text and its CSS class (numbers right-aligned; changes good or bad)."""
    from salesmetrics.catalog.units import format_value

    value = row.get(column.key)
    if value is None or (isinstance(value, float) and value != value):
        return ("—" if column.unit != "text" else "", "num" if column.unit != "text" else "")
    unit = row.get("unit", "count") if column.unit == "kpi" else column.unit
    if column.unit == "change":
        better = (value > 0) == (row.get("direction") == "up")
        css = (
            "num"
            if row.get("direction") == "neutral" or value == 0
            else ("num good" if better else "num bad")
        )
        return (f"{'▲' if value > 0 else '▼' if value < 0 else '▬'} {value:+.1f} %", css)
    if column.unit in ("signed",):
        return (f"{value:+,.4g}", "num")
    if column.unit == "number":
        return (f"{value:,.4g}", "num")
    if column.unit == "date":
        return (str(value)[:10], "")
    if column.unit == "text" or isinstance(value, str | bool):
        return (str(value), "")
    if unit == "ratio" and column.unit == "ratio":
        return (f"{value:,.2f}x", "num")
    return (str(format_value(value, unit, currency)), "num")


def to_html(review: Review, base: str = "") -> str:
    """The review as one HTML file; ``base`` (the dashboard's address) makes links absolute."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
    )
    return env.get_template("review.html").render(
        review=review,
        base=base.rstrip("/"),
        fmt=lambda row, column: cell(row, column, review.currency),
    )


def to_markdown(review: Review) -> str:
    lines = [
        f"# {review.title}",
        "",
        f"{review.company} · money in {review.currency} · made "
        f"{review.generated:%Y-%m-%d %H:%M} UTC",
        "",
    ]
    lines += [f"> Note: {w}" for w in review.warnings]
    for s in review.sections:
        lines += ["", f"## {s.title}", ""]
        if s.intro:
            lines += [s.intro, ""]
        if s.rows:
            lines.append("| " + " | ".join(c.header for c in s.columns) + " |")
            lines.append(
                "|"
                + "|".join("---:" if c.unit not in ("text", "date") else "---" for c in s.columns)
                + "|"
            )
            for row in s.rows:
                cells = [cell(row, c, review.currency)[0].replace("|", "\\|") for c in s.columns]
                lines.append("| " + " | ".join(cells) + " |")
        for f in s.findings:
            lines.append(f"- {f['title']}")
        lines += [f"_{n}_" for n in s.notes]
        if s.command:
            lines += ["", f"`{s.command}`"]
    return "\n".join(lines) + "\n"


def to_pdf(review: Review, base: str = "") -> bytes:
    """The HTML rendered to PDF by WeasyPrint (needs Pango: Debian's libpango-1.0-0)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise UserError(
            f"PDF reviews need WeasyPrint and Pango ({exc}); install them "
            "(apt-get install libpango-1.0-0 libpangoft2-1.0-0) or use "
            "--format html."
        ) from None
    return bytes(HTML(string=to_html(review, base)).write_pdf())


def render(review: Review, fmt: str, base: str = "") -> bytes:
    if fmt == "html":
        return to_html(review, base).encode()
    if fmt == "md":
        return to_markdown(review).encode()
    if fmt == "pdf":
        return to_pdf(review, base)
    raise UserError(f"--format must be html, md or pdf, not {fmt!r}.")


def default_name(review: Review, fmt: str) -> str:
    scope = "".join(ch if ch.isalnum() else "-" for ch in review.audience).strip("-").lower()
    stamp = review.first.isoformat() if isinstance(review.first, dt.date) else ""
    return f"review-{review.cadence}-{stamp}-{scope}.{fmt}"
