"""Enumerated values of the canonical model and the synonyms accepted on import."""

from __future__ import annotations

STATUS = ("open", "won", "lost")
STATUS_SYNONYMS = {
    "closed won": "won",
    "closedwon": "won",
    "closed-won": "won",
    "closed_won": "won",
    "closed lost": "lost",
    "closedlost": "lost",
    "closed-lost": "lost",
    "closed_lost": "lost",
    "opened": "open",
    "in progress": "open",
    "pending": "open",
}

ROLE = ("sdr", "ae", "am", "manager", "other")
ROLE_SYNONYMS = {
    "bdr": "sdr",
    "sales development representative": "sdr",
    "business development representative": "sdr",
    "account executive": "ae",
    "account manager": "am",
    "sales manager": "manager",
    "mgr": "manager",
}

DEAL_TYPE = ("new_business", "expansion", "renewal")
DEAL_TYPE_SYNONYMS = {
    "new": "new_business",
    "new business": "new_business",
    "new-business": "new_business",
    "newbusiness": "new_business",
    "new customer": "new_business",
    "upsell": "expansion",
    "up-sell": "expansion",
    "cross-sell": "expansion",
    "cross sell": "expansion",
    "crosssell": "expansion",
    "existingbusiness": "expansion",
    "existing business": "expansion",
    "existing customer - upgrade": "expansion",
    "renew": "renewal",
    "existing customer - renewal": "renewal",
}

ACTIVITY_TYPE = ("call", "email", "meeting", "demo", "proposal", "task", "social", "other")
ACTIVITY_TYPE_SYNONYMS = {
    "phone": "call",
    "phone call": "call",
    "e-mail": "email",
    "mail": "email",
    "event": "meeting",
    "presentation": "demo",
    "quote": "proposal",
    "todo": "task",
    "to-do": "task",
    "linkedin": "social",
}

DIRECTION = ("outbound", "inbound")
DIRECTION_SYNONYMS = {
    "out": "outbound",
    "outgoing": "outbound",
    "in": "inbound",
    "incoming": "inbound",
}

SPEND_CATEGORY = ("marketing", "sales")
SPEND_CATEGORY_SYNONYMS = {
    "mktg": "marketing",
    "marketing spend": "marketing",
    "sales spend": "sales",
}

SURVEY_TYPE = ("nps", "csat")
SURVEY_TYPE_SYNONYMS = {"net promoter score": "nps", "customer satisfaction": "csat"}

#: Score ranges per survey type (inclusive).
SURVEY_SCORE_RANGE = {"nps": (0, 10), "csat": (1, 5)}
