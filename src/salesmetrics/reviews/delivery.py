"""Delivering a review: email through SMTP (STARTTLS and login; an HTML body with the PDF
attached) and webhooks (Slack-compatible JSON: the headline numbers and a link)."""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from salesmetrics.errors import UserError
from salesmetrics.reviews.model import Review
from salesmetrics.reviews.render import cell, default_name, to_html, to_pdf

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    user: str
    password: str
    sender: str
    starttls: bool

    @classmethod
    def of(cls, ws: Workspace) -> Smtp:
        """The settings of the workspace, each overridden by ``$SALESMETRICS_SMTP_<NAME>``."""

        def pick(name: str) -> Any:
            return os.environ.get(f"SALESMETRICS_SMTP_{name.upper()}") or ws.get_setting(
                f"smtp_{name}"
            )

        host = str(pick("host") or "")
        if not host:
            raise UserError(
                "No mail server: set smtp_host (salesmetrics settings smtp_host=…) "
                "or $SALESMETRICS_SMTP_HOST."
            )
        starttls = str(pick("starttls")).strip().lower() not in ("false", "0", "no")
        sender = str(pick("from") or pick("user") or f"salesmetrics@{host}")
        return cls(
            host,
            int(pick("port") or 587),
            str(pick("user") or ""),
            os.environ.get("SALESMETRICS_SMTP_PASSWORD", ""),
            sender,
            starttls,
        )


def subject(review: Review, late: bool) -> str:
    """``[late] Acme: weekly review 2026-09-07 to 2026-09-13 (team East)`` (plain ASCII
    punctuation: mail clients fold and re-join long headers)."""
    span = (
        review.first.isoformat()
        if review.first == review.last
        else f"{review.first} to {review.last}"
    )
    return (
        "[late] " if late else ""
    ) + f"{review.company}: {review.cadence} review {span} ({review.audience})"


def send_email(smtp: Smtp, review: Review, to: list[str], late: bool, base: str) -> str:
    """Send the review; returns the message id."""
    import email.policy

    # headers up to the RFC's hard limit: a subject is not folded (and re-joined with spaces)
    message = EmailMessage(policy=email.policy.SMTP.clone(max_line_length=998))
    message["Subject"] = subject(review, late)
    message["From"] = smtp.sender
    message["To"] = ", ".join(to)
    from email.utils import make_msgid

    message["Message-ID"] = make_msgid(domain=smtp.sender.split("@")[-1] or "salesmetrics")
    html = to_html(review, base)
    message.set_content(f"{review.title}\n\nOpen it on the dashboard: {review.link or base}\n")
    message.add_alternative(html, subtype="html")
    message.add_attachment(
        to_pdf(review, base),
        maintype="application",
        subtype="pdf",
        filename=default_name(review, "pdf"),
    )
    with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as client:
        client.ehlo()
        if smtp.starttls:
            client.starttls(context=ssl.create_default_context())
            client.ehlo()
        if smtp.user:
            client.login(smtp.user, smtp.password)
        client.send_message(message)
    return str(message["Message-ID"])


def webhook_payload(review: Review, late: bool) -> dict[str, Any]:
    """Slack-compatible: ``text`` for any receiver, ``blocks`` for Slack."""
    lines = []
    for row in review.headline()[:8]:
        if "label" in row:
            from salesmetrics.reviews.model import Column

            value = cell(row, Column("value", "", "kpi"), review.currency)[0]
            change = cell(row, Column("change_pct", "", "change"), review.currency)[0]
            lines.append(f"• {row['label']}: {value} ({change})")
    link = f"\n<{review.link}|Open the review>" if review.link else ""
    text = f"{subject(review, late)}\n" + "\n".join(lines) + link
    return {
        "text": text,
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": subject(review, late)[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines) or "-"}},
            *(
                [{"type": "section", "text": {"type": "mrkdwn", "text": link.strip()}}]
                if link
                else []
            ),
        ],
        "review": {
            "cadence": review.cadence,
            "start": review.first.isoformat(),
            "end": review.last.isoformat(),
            "audience": review.audience,
            "headline": review.headline(),
            "link": review.link,
        },
    }


def post_webhook(url: str, review: Review, late: bool) -> str:
    import httpx

    answer = httpx.post(url, json=webhook_payload(review, late), timeout=30)
    if answer.status_code >= 300:
        raise OSError(f"the webhook answered {answer.status_code}: {answer.text[:200]}")
    return f"HTTP {answer.status_code}"
