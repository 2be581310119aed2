"""Generate the demo company area by area and write every canonical table."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo import accounts as accounts_mod
from salesmetrics.demo import customers, history, marketing, opportunities
from salesmetrics.demo import org as org_mod
from salesmetrics.demo.activities import activity_batches
from salesmetrics.demo.common import Timeline, categorical, stream, to_date
from salesmetrics.demo.config import LEAD_SOURCES, PLANS, PRODUCTS, Scale
from salesmetrics.demo.leads import build_leads
from salesmetrics.demo.subscriptions import invoice_rows, subscription_rows
from salesmetrics.demo.surveys import survey_rows
from salesmetrics.demo.targets import quarterly_actuals, target_rows
from salesmetrics.demo.writer import DemoWriter, ident, money, numbered
from salesmetrics.schema.enums import ACTIVITY_TYPE

REP = ident("R", 4, "rep_no")
ACC = "CASE WHEN account >= 0 THEN printf('A%07d', account + 1) END"  # account = position
CURRENCY = "CASE WHEN eur THEN 'EUR' ELSE 'USD' END"


def generate(writer: DemoWriter, scale: Scale, tl: Timeline, seed: int) -> None:
    """Every table of the demo company, written through ``writer`` (inside its transaction)."""
    org = org_mod.build_org(scale, tl, seed)
    writer.write("reps", org_mod.reps_frame(org), {"rep_id": REP})

    accounts = accounts_mod.build_accounts(scale, org, tl, seed)
    leads = build_leads(scale, org, accounts, tl, seed)

    converted = ~np.isnat(leads["opp_created"])
    new = opportunities.make_deals(
        stream(seed, "deals"),
        org,
        accounts,
        tl,
        leads["opp_created"][converted],
        leads["account"][converted],
        np.full(int(converted.sum()), opportunities.NEW_BUSINESS),
        leads["source"][converted].astype(np.int64),
    )
    new["lead_no"] = leads["lead_no"][converted]
    opportunities.plant_ramp_story(new, org, tl)
    life = customers.lifecycle(new, len(accounts["account_no"]), tl, seed)
    requests = customers.follow_on_requests(life, tl, seed, int(0.18 * scale.opportunities))
    more = opportunities.make_deals(
        stream(seed, "follow-on deals"),
        org,
        accounts,
        tl,
        requests["created_at"],
        requests["account"],
        requests["kind"],
        np.full(len(requests["kind"]), -1),
        requests["forced_win"],
    )
    fixed = ~np.isnat(requests["close_at"]) & (requests["close_at"] > requests["created_at"])
    more["close_at"] = np.where(fixed, requests["close_at"], more["close_at"])
    more["lead_no"] = np.full(len(requests["kind"]), -1)
    deals = opportunities.concat([new, more])
    customers.retype_deals(deals, life)
    after_churn = to_date(deals["close_at"]) >= life.churn[deals["account"]]
    deals["won"] &= ~((deals["kind"] == opportunities.EXPANSION) & after_churn)

    _write_accounts(writer, accounts)
    _write_leads(writer, leads)
    times = history.stage_times(deals, seed)
    state = history.current_state(deals, times, tl)
    _write_opportunities(writer, deals, state, times, tl)

    subs = subscription_rows(deals, life, tl)
    subs["eur"] = accounts["eur"][subs["account"]]
    actuals = quarterly_actuals(tl, deals, state, leads, subs, life.start, len(org.teams))
    per_team = actuals["revenue"][1:].sum(axis=1)
    capacity = per_team / (org.ae_rep_no.shape[1] * actuals["revenue"].shape[1] * 0.85)
    writer.write(
        "quotas", org_mod.quota_rows(org, tl, capacity), {"rep_id": REP, "amount": money("amount")}
    )

    n_acts, target = 0, scale.activities
    for batch in activity_batches(deals, times["entries"], leads, tl, seed, target):
        batch["activity_no"] = numbered(n_acts, len(batch["type"]))
        batch["type"] = categorical(batch["type"], ACTIVITY_TYPE)
        batch["direction"] = categorical(batch["direction"], ("outbound", "inbound"))
        n_acts += len(batch["activity_no"])
        writer.write(
            "activities",
            batch,
            {
                "activity_id": ident("ACT", 9, "activity_no"),
                "rep_id": REP,
                "account_id": ACC,
                "lead_id": ident("L", 8, "lead_no"),
                "opportunity_id": ident("O", 8, "opp_no"),
                "opened": "CAST(opened AS BOOLEAN)",
                "replied": "CAST(replied AS BOOLEAN)",
            },
            done=False,
        )
    writer.finish("activities")

    segment = accounts["segment_code"][subs["account"]]
    subs["subscription_no"] = numbered(0, len(subs["account"]))
    subs["plan"] = categorical(segment, PLANS)
    writer.write(
        "subscriptions",
        subs,
        {
            "subscription_id": ident("S", 8, "subscription_no"),
            "account_id": ACC,
            "mrr": money("mrr"),
            "currency": CURRENCY,
        },
    )
    invoices = invoice_rows(subs, accounts["eur"], tl, seed)
    invoices["invoice_no"] = numbered(0, len(invoices["account"]))
    writer.write(
        "invoices",
        invoices,
        {
            "invoice_id": ident("INV", 8, "invoice_no"),
            "account_id": ACC,
            "amount": money("amount"),
            "currency": CURRENCY,
        },
    )

    spend = marketing.spend_rows(org, tl, seed)
    writer.write("spend", spend, {"amount": money("amount")})
    writer.write(
        "web_stats",
        marketing.web_stats_rows(spend, tl, seed),
        {"attributed_revenue": money("attributed_revenue")},
    )
    surveys = survey_rows(life, tl, seed)
    surveys["response_no"] = numbered(0, len(surveys["kind"]))
    surveys["type"] = categorical(surveys["kind"], ("nps", "csat"))
    writer.write(
        "surveys", surveys, {"response_id": ident("SV", 8, "response_no"), "account_id": ACC}
    )
    writer.write("targets", target_rows(actuals, tl, org.teams, seed))
    writer.write("fx_rates", marketing.fx_rows(tl, seed))


def _write_accounts(writer: DemoWriter, accounts: dict) -> None:
    from salesmetrics.demo.config import COUNTRIES, REGIONS, SEGMENTS

    frame = dict(accounts)
    frame["account"] = accounts["account_no"] - 1
    frame["rep_no"] = accounts["owner_rep_no"]
    frame["segment"] = categorical(accounts["segment_code"], SEGMENTS)
    frame["country"] = categorical(accounts["country_code"], list(COUNTRIES))
    frame["region"] = categorical(accounts["region_code"], REGIONS)
    writer.write(
        "accounts",
        frame,
        {
            "account_id": ACC,
            "owner_rep_id": REP,
            "name": "name_head || name_tail || ' ' || name_kind",
            "annual_revenue": money("annual_revenue"),
        },
    )


def _write_leads(writer: DemoWriter, leads: dict) -> None:
    frame = dict(leads)
    frame["source"] = categorical(leads["source"], LEAD_SOURCES)
    frame["rep_no"] = leads["owner_rep_no"]
    writer.write(
        "leads",
        frame,
        {
            "lead_id": ident("L", 8, "lead_no"),
            "owner_rep_id": REP,
            "account_id": ACC,
        },
    )


def _write_opportunities(
    writer: DemoWriter, deals: dict, state: dict, times: dict, tl: Timeline
) -> None:
    from salesmetrics.demo.history import STAGE_NAMES, STATUS_NAMES, history_rows

    n = len(deals["created_at"])
    opp = numbered(0, n)
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
        "type": categorical(deals["kind"], opportunities.DEAL_TYPES),
        "product": categorical(deals["product"], PRODUCTS),
        "contract_months": deals["contract_months"],
    }
    writer.write(
        "opportunities",
        frame,
        {
            "opportunity_id": ident("O", 8, "opp_no"),
            "amount": money("amount"),
            "currency": CURRENCY,
            "owner_rep_id": REP,
            "account_id": ACC,
            "lead_id": ident("L", 8, "lead_no"),
        },
    )
    rows = history_rows(deals, times, tl)
    hist = {
        "opp_no": opp[rows["opp_index"]],
        "changed_at": rows["changed_at"],
        "stage": categorical(rows["stage"], STAGE_NAMES),
        "status": categorical(rows["status"], STATUS_NAMES),
        "amount": rows["amount"],
        "probability": rows["probability"],
        "close_date": rows["close_date"],
    }
    writer.write(
        "opportunity_history",
        hist,
        {
            "opportunity_id": ident("O", 8, "opp_no"),
            "amount": money("amount"),
        },
    )
