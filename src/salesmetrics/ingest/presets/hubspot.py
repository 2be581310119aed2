"""HubSpot exports (deals, companies, contacts) as a preset."""

from __future__ import annotations

from salesmetrics.ingest.presets.model import (
    Preset,
    PresetTable,
    scaled_fraction,
    status_from_flags_or_stage,
)

DEALS = PresetTable(
    table="opportunities",
    columns={
        "Record ID": "opportunity_id",
        "Deal ID": "opportunity_id",
        "Deal Stage": "stage",
        "Close Date": "close_date",
        "Create Date": "created_at",
        "Amount": "amount",
        "Currency": "currency",
        "Deal owner": "owner_rep_id",
        "Deal Type": "type",
        "Original Source Type": "source",
        "Associated Company IDs": "account_id",
        "Associated Company ID": "account_id",
    },
    values={
        "type": {"newbusiness": "new_business", "existingbusiness": "expansion"},
    },
    derived={
        "status": status_from_flags_or_stage(
            closed="isclosed",
            won="isclosedwon",
            stage="dealstage",
            won_stages=("closedwon", "closed won"),
            lost_stages=("closedlost", "closed lost"),
        ),
        "probability": scaled_fraction("dealprobability"),
    },
    derived_doc={
        "status": "Deal Stage closedwon / Closed Won -> won, closedlost / Closed Lost -> lost, "
        "any other stage -> open (or from Is Closed / Is Closed Won when exported).",
        "probability": "Deal probability 0–1 -> 0–100 (values above 1 are kept as percentages).",
    },
    inputs=("Is Closed", "Is Closed Won", "Deal probability"),
)

COMPANIES = PresetTable(
    table="accounts",
    columns={
        "Record ID": "account_id",
        "Company ID": "account_id",
        "Company name": "name",
        "Industry": "industry",
        "Country/Region": "country",
        "Number of Employees": "employees",
        "Annual Revenue": "annual_revenue",
        "Company owner": "owner_rep_id",
        "Create Date": "created_at",
    },
)

CONTACTS = PresetTable(
    table="leads",
    columns={
        "Record ID": "lead_id",
        "Contact ID": "lead_id",
        "Create Date": "created_at",
        "Original Source": "source",
        "Contact owner": "owner_rep_id",
        "Associated Company ID": "account_id",
        "Became a Marketing Qualified Lead Date": "mql_at",
        "Became a Sales Qualified Lead Date": "sql_at",
    },
)

PRESET = Preset(
    name="hubspot",
    label="HubSpot exports",
    tables={t.table: t for t in (DEALS, COMPANIES, CONTACTS)},
)
