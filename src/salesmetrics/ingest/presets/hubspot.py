"""HubSpot exports (deals, companies, contacts) as a preset.

Column labels as HubSpot exports them (sources: docs/crm-exports.md). Association columns hold
``;``-separated ids; the first one is used.
"""

from __future__ import annotations

from salesmetrics.ingest.presets.model import (
    Preset,
    PresetTable,
    copy_of,
    first_of_list,
    status_from_flags,
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
        "Deal currency code": "currency",
        "Deal owner": "owner_rep_id",
        "Deal Type": "type",
        "Original Source Type": "source",
    },
    values={
        "type": {"newbusiness": "new_business", "existingbusiness": "expansion"},
    },
    derived={
        "status": status_from_flags(
            closed=("isdealclosed", "isclosed"), won=("isclosedwon",), lost=("isclosedlost",)
        ),
        "probability": copy_of("dealprobability"),
        "account_id": first_of_list("associatedcompanyids", "associatedcompanyid"),
        "lead_id": first_of_list("associatedcontactids", "associatedcontactid"),
    },
    derived_doc={
        "status": "Is Deal Closed? / Is Closed Won / Is closed lost when exported; otherwise the "
        "Deal Stage decides (see Stages).",
        "probability": "Deal probability 0–1 -> 0–100 (values above 1 are kept as percentages).",
        "account_id": "the first id of Associated Company IDs.",
        "lead_id": "the first id of Associated Contact IDs (contacts are imported as leads).",
    },
    inputs=(
        "Is Closed",
        "Is Deal Closed?",
        "Is Closed Won",
        "Is closed lost",
        "Deal probability",
        "Associated Company IDs",
        "Associated Company ID",
        "Associated Contact IDs",
        "Associated Contact ID",
    ),
    links={"Associated Company": "account_name"},
    fractions=("probability",),
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
    derived={
        "account_id": first_of_list("associatedcompanyids"),
        "converted_opportunity_id": first_of_list("associateddealids", "associateddealid"),
    },
    derived_doc={
        "account_id": "the first id of Associated Company IDs.",
        "converted_opportunity_id": "the first id of Associated Deal IDs.",
    },
    inputs=("Associated Company IDs", "Associated Deal IDs", "Associated Deal ID"),
)

PRESET = Preset(
    name="hubspot",
    label="HubSpot exports",
    tables={t.table: t for t in (DEALS, COMPANIES, CONTACTS)},
)
