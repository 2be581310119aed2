"""Map the generators' frames onto the canonical tables: readable ids, names and currencies."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from salesmetrics.demo.common import Frame, Timeline, categorical
from salesmetrics.demo.config import COUNTRIES, LEAD_SOURCES, PLANS, PRODUCTS, REGIONS, SEGMENTS
from salesmetrics.demo.history import STAGE_NAMES, STATUS_NAMES, history_rows
from salesmetrics.demo.opportunities import DEAL_TYPES
from salesmetrics.demo.writer import DemoWriter, ident, money, numbered
from salesmetrics.schema.enums import ACTIVITY_TYPE, DIRECTION, SURVEY_TYPE

REP = ident("R", 4, "rep_no")
ACC = ident("A", 7, "account", offset=1)  # ``account`` is the account's position
LEAD = ident("L", 8, "lead_no")
OPP = ident("O", 8, "opp_no")
CURRENCY = "CASE WHEN eur THEN 'EUR' ELSE 'USD' END"


def write_accounts(writer: DemoWriter, accounts: Frame) -> None:
    frame = {
        **accounts,
        "account": accounts["account_no"] - 1,
        "rep_no": accounts["owner_rep_no"],
        "segment": categorical(accounts["segment_code"], SEGMENTS),
        "country": categorical(accounts["country_code"], list(COUNTRIES)),
        "region": categorical(accounts["region_code"], REGIONS),
    }
    name = "name_head || name_tail || ' ' || name_kind"
    writer.write(
        "accounts",
        frame,
        {
            "account_id": ACC,
            "owner_rep_id": REP,
            "name": name,
            "annual_revenue": money("annual_revenue"),
        },
    )


def write_leads(writer: DemoWriter, leads: Frame) -> None:
    frame = {
        **leads,
        "source": categorical(leads["source"], LEAD_SOURCES),
        "rep_no": leads["owner_rep_no"],
    }
    writer.write("leads", frame, {"lead_id": LEAD, "owner_rep_id": REP, "account_id": ACC})


def write_opportunities(
    writer: DemoWriter, deals: Frame, state: Frame, times: Frame, tl: Timeline
) -> None:
    """The deals as they stand at the end of the history, and their stage history."""
    opp = numbered(0, len(deals["created_at"]))
    frame = {
        "opp_no": opp,
        "created_at": deals["created_at"],
        "status": categorical(state["status"], STATUS_NAMES),
        "close_date": state["close_date"],
        "amount": state["amount"],
        "eur": deals["eur"],
        "stage": categorical(state["stage"], STAGE_NAMES),
        "probability": state["probability"],
        "rep_no": deals["owner_rep_no"],
        "account": deals["account"],
        "lead_no": deals["lead_no"],
        "source": categorical(deals["source"], LEAD_SOURCES),
        "type": categorical(deals["kind"], DEAL_TYPES),
        "product": categorical(deals["product"], PRODUCTS),
        "contract_months": deals["contract_months"],
    }
    writer.write(
        "opportunities",
        frame,
        {
            "opportunity_id": OPP,
            "amount": money("amount"),
            "currency": CURRENCY,
            "owner_rep_id": REP,
            "account_id": ACC,
            "lead_id": LEAD,
        },
    )
    rows = history_rows(deals, times, tl)
    history = {
        "opp_no": opp[rows["opp_index"]],
        "changed_at": rows["changed_at"],
        "stage": categorical(rows["stage"], STAGE_NAMES),
        "status": categorical(rows["status"], STATUS_NAMES),
        "amount": rows["amount"],
        "probability": rows["probability"],
        "close_date": rows["close_date"],
    }
    writer.write("opportunity_history", history, {"opportunity_id": OPP, "amount": money("amount")})


def write_activities(writer: DemoWriter, batches: Iterable[Frame]) -> None:
    """Activities batch by batch, numbered across batches."""
    written = 0
    for batch in batches:
        n = len(batch["type"])
        frame = {
            **batch,
            "activity_no": numbered(written, n),
            "type": categorical(batch["type"], ACTIVITY_TYPE),
            "direction": categorical(batch["direction"], DIRECTION),
        }
        written += n
        writer.write(
            "activities",
            frame,
            {
                "activity_id": ident("ACT", 9, "activity_no"),
                "rep_id": REP,
                "account_id": ACC,
                "lead_id": LEAD,
                "opportunity_id": OPP,
                "opened": "CAST(opened AS BOOLEAN)",
                "replied": "CAST(replied AS BOOLEAN)",
            },
            done=False,
        )
    writer.finish("activities")


def write_subscriptions(writer: DemoWriter, subs: Frame, segment_code: np.ndarray) -> None:
    frame = {
        **subs,
        "subscription_no": numbered(0, len(subs["account"])),
        "plan": categorical(segment_code, PLANS),
    }
    writer.write(
        "subscriptions",
        frame,
        {
            "subscription_id": ident("S", 8, "subscription_no"),
            "account_id": ACC,
            "mrr": money("mrr"),
            "currency": CURRENCY,
        },
    )


def write_invoices(writer: DemoWriter, invoices: Frame) -> None:
    frame = {**invoices, "invoice_no": numbered(0, len(invoices["account"]))}
    writer.write(
        "invoices",
        frame,
        {
            "invoice_id": ident("INV", 8, "invoice_no"),
            "account_id": ACC,
            "amount": money("amount"),
            "currency": CURRENCY,
        },
    )


def write_surveys(writer: DemoWriter, surveys: Frame) -> None:
    frame = {
        **surveys,
        "response_no": numbered(0, len(surveys["kind"])),
        "type": categorical(surveys["kind"], SURVEY_TYPE),
    }
    writer.write(
        "surveys", frame, {"response_id": ident("SV", 8, "response_no"), "account_id": ACC}
    )
