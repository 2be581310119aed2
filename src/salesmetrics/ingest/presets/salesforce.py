"""Salesforce report exports and Data Loader / API extracts (opportunities, accounts, leads,
opportunity history).

Report exports use field labels (`Close Date`, `Opportunity Owner`); Data Loader and API
extracts use API names (`CloseDate`, `OwnerId`). Headers match ignoring case, spaces and
punctuation, so most API names equal their labels; the others are listed. Sources of every
name: docs/crm-exports.md.
"""

from __future__ import annotations

from salesmetrics.ingest.presets.model import Preset, PresetTable, copy_of, status_from_flags

OPPORTUNITIES = PresetTable(
    table="opportunities",
    columns={
        "Opportunity ID": "opportunity_id",
        "Id": "opportunity_id",
        "Account ID": "account_id",
        "Close Date": "close_date",
        "Stage": "stage",
        "StageName": "stage",
        "Amount": "amount",
        "Amount Currency": "currency",
        "Opportunity Currency": "currency",
        "CurrencyIsoCode": "currency",
        "Probability (%)": "probability",
        "Created Date": "created_at",
        "Lead Source": "source",
        "Owner ID": "owner_rep_id",
        "Opportunity Owner": "owner_rep_id",
        "Type": "type",
        "Opportunity Type": "type",
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
        "status": status_from_flags(closed=("closed", "isclosed"), won=("won", "iswon")),
        "opportunity_id": copy_of("opportunityname"),
    },
    derived_doc={
        "status": "Closed and Won true -> won; Closed true, Won false -> lost; Closed false -> "
        "open. Without Won/Closed columns the stage decides (see Stages).",
        "opportunity_id": "Opportunity Name when the report has no Opportunity ID column (add "
        "it to the report: names need not be unique).",
    },
    inputs=("Won", "Closed", "IsWon", "IsClosed", "Opportunity Name"),
    links={"Account Name": "account_name"},
)

ACCOUNTS = PresetTable(
    table="accounts",
    columns={
        "Account ID": "account_id",
        "Id": "account_id",
        "Account Name": "name",
        "Industry": "industry",
        "Account Segment": "segment",
        "Billing Country": "country",
        "Billing State/Province": "region",
        "Employees": "employees",
        "NumberOfEmployees": "employees",
        "Annual Revenue": "annual_revenue",
        "Owner ID": "owner_rep_id",
        "Account Owner": "owner_rep_id",
        "Created Date": "created_at",
    },
    derived={"account_id": copy_of("accountname")},
    derived_doc={"account_id": "Account Name when the report has no Account ID column."},
)

LEADS = PresetTable(
    table="leads",
    columns={
        "Lead ID": "lead_id",
        "Id": "lead_id",
        "Created Date": "created_at",
        "Create Date": "created_at",
        "Lead Source": "source",
        "Owner ID": "owner_rep_id",
        "Lead Owner": "owner_rep_id",
        "Converted Account ID": "account_id",
        "Converted Opportunity ID": "converted_opportunity_id",
    },
)

#: The OpportunityHistory object (Data Loader extract, or a report with its fields): one row
#: per change of stage, amount, probability or close date, each holding every field's value
#: after the change. `Id` is the history row's own id, never the opportunity's.
OPPORTUNITY_HISTORY = PresetTable(
    table="opportunity_history",
    columns={
        "Opportunity ID": "opportunity_id",
        "OpportunityId": "opportunity_id",
        "Created Date": "changed_at",
        "CreatedDate": "changed_at",
        "Stage Name": "stage",
        "StageName": "stage",
        "To Stage": "stage",
        "Amount": "amount",
        "Probability": "probability",
        "Probability (%)": "probability",
        "Close Date": "close_date",
        "CloseDate": "close_date",
    },
)

PRESET = Preset(
    name="salesforce",
    label="Salesforce report exports and Data Loader extracts",
    tables={t.table: t for t in (OPPORTUNITIES, ACCOUNTS, LEADS, OPPORTUNITY_HISTORY)},
)
