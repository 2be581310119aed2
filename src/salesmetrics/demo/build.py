"""Generate the demo company area by area and write every canonical table."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo import accounts as accounts_mod
from salesmetrics.demo import customers, history, marketing, opportunities, tables
from salesmetrics.demo import org as org_mod
from salesmetrics.demo.activities import activity_batches
from salesmetrics.demo.common import Frame, Timeline, stream, to_date
from salesmetrics.demo.config import Scale
from salesmetrics.demo.leads import build_leads
from salesmetrics.demo.subscriptions import invoice_rows, subscription_rows
from salesmetrics.demo.surveys import survey_rows
from salesmetrics.demo.targets import quarterly_actuals, target_rows
from salesmetrics.demo.writer import DemoWriter, money

EXPANSION_SHARE = 0.18  #: expansion deals, as a share of the scale's opportunities


def build_deals(
    scale: Scale, org: org_mod.Org, accounts: Frame, leads: Frame, tl: Timeline, seed: int
) -> tuple[Frame, customers.Lifecycle]:
    """New business from SQL leads, then the customers' expansions, renewals and win-backs."""
    converted = ~np.isnat(leads["opp_created"])
    new = opportunities.make_deals(
        stream(seed, "deals"),
        org,
        accounts,
        tl,
        created=leads["opp_created"][converted],
        account=leads["account"][converted],
        kind=np.full(int(converted.sum()), opportunities.NEW_BUSINESS),
        source=leads["source"][converted].astype(np.int64),
    )
    new["lead_no"] = leads["lead_no"][converted]
    opportunities.plant_ramp_story(new, org, tl)
    life = customers.lifecycle(new, len(accounts["account_no"]), tl, seed)

    requests = customers.follow_on_requests(
        life, tl, seed, int(EXPANSION_SHARE * scale.opportunities)
    )
    more = opportunities.make_deals(
        stream(seed, "follow-on deals"),
        org,
        accounts,
        tl,
        created=requests["created_at"],
        account=requests["account"],
        kind=requests["kind"],
        source=np.full(len(requests["kind"]), -1),
        forced_win=requests["forced_win"],
    )
    fixed = ~np.isnat(requests["close_at"]) & (requests["close_at"] > requests["created_at"])
    more["close_at"] = np.where(fixed, requests["close_at"], more["close_at"])
    more["lead_no"] = np.full(len(requests["kind"]), -1)

    deals = opportunities.concat([new, more])
    customers.retype_deals(deals, life)
    after_churn = to_date(deals["close_at"]) >= life.churn[deals["account"]]
    deals["won"] &= ~((deals["kind"] == opportunities.EXPANSION) & after_churn)
    return deals, life


def generate(writer: DemoWriter, scale: Scale, tl: Timeline, seed: int) -> None:
    """Every table of the demo company, written through ``writer`` (inside its transaction)."""
    org = org_mod.build_org(scale, tl, seed)
    writer.write("reps", org_mod.reps_frame(org), {"rep_id": tables.REP})
    accounts = accounts_mod.build_accounts(scale, org, tl, seed)
    leads = build_leads(scale, org, accounts, tl, seed)
    deals, life = build_deals(scale, org, accounts, leads, tl, seed)
    tables.write_accounts(writer, accounts)
    tables.write_leads(writer, leads)

    optimists = [org.rep_no(r) for r in tl.story.optimistic_reps]
    deals["optimistic"] = np.isin(deals["owner_rep_no"], optimists)
    times = history.stage_times(deals, seed)
    state = history.current_state(deals, times, tl)
    tables.write_opportunities(writer, deals, state, times, tl)

    subs = subscription_rows(deals, life, tl)
    subs["eur"] = accounts["eur"][subs["account"]]
    actuals = quarterly_actuals(tl, deals, state, leads, subs, life.start, len(org.teams))
    # quotas follow the plan of each quarter (the company grows): an average AE slot's share of
    # the team's revenue that quarter, over a 0.85 attainment rate
    per_ae_quarter = actuals["revenue"][1:] / (org.ae_rep_no.shape[1] * 0.85)
    quotas = org_mod.quota_rows(org, tl, per_ae_quarter)
    writer.write("quotas", quotas, {"rep_id": tables.REP, "amount": money("amount")})

    batches = activity_batches(deals, times["entries"], leads, tl, seed, scale.activities)
    tables.write_activities(writer, batches)
    del times, leads

    tables.write_subscriptions(writer, subs, accounts["segment_code"][subs["account"]])
    tables.write_invoices(writer, invoice_rows(subs, accounts["eur"], tl, seed))
    size = scale.opportunities / 2000
    spend = marketing.spend_rows(org, tl, seed, size)
    writer.write("spend", spend, {"amount": money("amount")})
    web = marketing.web_stats_rows(tl, seed, size)
    writer.write("web_stats", web, {"attributed_revenue": money("attributed_revenue")})
    tables.write_surveys(writer, survey_rows(life, tl, seed))
    writer.write("targets", target_rows(actuals, tl, org.teams, seed))
    writer.write("fx_rates", marketing.fx_rows(tl, seed))
