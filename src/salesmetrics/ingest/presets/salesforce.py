"""Salesforce report exports (opportunities, accounts, leads) as a preset."""

from __future__ import annotations

from salesmetrics.ingest.presets.model import Preset, PresetTable, status_from_flags_or_stage

OPPORTUNITIES = PresetTable(
    table="opportunities",
    columns={
        "Opportunity ID": "opportunity_id",
        "Account ID": "account_id",
        "Close Date": "close_date",
        "Stage": "stage",
        "Amount": "amount",
        "Opportunity Currency": "currency",
        "Probability (%)": "probability",
        "Created Date": "created_at",
        "Lead Source": "source",
        "Owner ID": "owner_rep_id",
        "Opportunity Owner": "owner_rep_id",
        "Type": "type",
        "Product Name": "product",
    },
    values={
        "type": {
            "new customer": "new_business",
            "new business": "new_business",
            "existing customer - upgrade": "expansion",
            "existing customer - replacement": "expansion",
            "existing customer - downgrade": "expansion",
            "existing customer - renewal": "renewal",
            "existing business": "expansion",
        },
    },
    derived={
        "status": status_from_flags_or_stage(
            closed="closed",
            won="won",
            stage="stage",
            won_stages=("closed won", "closedwon", "won"),
            lost_stages=("closed lost", "closedlost", "lost"),
        ),
    },
    derived_doc={
        "status": "Closed and Won true -> won; Closed true, Won false -> lost; Closed false -> "
        "open. Without Won/Closed: Stage 'Closed Won' -> won, 'Closed Lost' -> lost, any other "
        "stage -> open.",
    },
    inputs=("Won", "Closed"),
)

ACCOUNTS = PresetTable(
    table="accounts",
    columns={
        "Account ID": "account_id",
        "Account Name": "name",
        "Industry": "industry",
        "Account Segment": "segment",
        "Billing Country": "country",
        "Billing State/Province": "region",
        "Employees": "employees",
        "Annual Revenue": "annual_revenue",
        "Owner ID": "owner_rep_id",
        "Account Owner": "owner_rep_id",
        "Created Date": "created_at",
    },
)

LEADS = PresetTable(
    table="leads",
    columns={
        "Lead ID": "lead_id",
        "Created Date": "created_at",
        "Lead Source": "source",
        "Owner ID": "owner_rep_id",
        "Lead Owner": "owner_rep_id",
        "Converted Account ID": "account_id",
    },
)

PRESET = Preset(
    name="salesforce",
    label="Salesforce report exports",
    tables={t.table: t for t in (OPPORTUNITIES, ACCOUNTS, LEADS)},
)
