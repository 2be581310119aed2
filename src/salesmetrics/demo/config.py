"""Sizes of the demo company and the stories planted in it, as plain parameters.

Tests read these values instead of hard-coding them, so a story can be moved here without
touching the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

MONTHS = 36  #: length of the demo history
COMPANY_NAME = "Northwind Cloud (demo)"
BASE_CURRENCY = "USD"
DEMO_META_KEY = "demo_seed"  #: meta key marking a workspace as a demo workspace


@dataclass(frozen=True)
class Scale:
    """How big the demo company is."""

    name: str
    pods: int  #: teams per (region, segment) pair
    aes_per_team: int
    sdrs_per_team: int
    opportunities: int  #: about this many opportunities
    activities: int  #: about this many activities
    accounts_per_opportunity: float = 0.8


SCALES: dict[str, Scale] = {
    "small": Scale(
        "small", pods=1, aes_per_team=5, sdrs_per_team=2, opportunities=2_000, activities=40_000
    ),
    "medium": Scale(
        "medium",
        pods=5,
        aes_per_team=7,
        sdrs_per_team=3,
        opportunities=50_000,
        activities=1_000_000,
    ),
    "large": Scale(
        "large",
        pods=60,
        aes_per_team=8,
        sdrs_per_team=3,
        opportunities=1_000_000,
        activities=10_000_000,
    ),
}

# -- organisation -----------------------------------------------------------------------
REGIONS = ("North America", "EMEA")
SEGMENTS = ("smb", "mid-market", "enterprise")
SEGMENT_LABELS = {"smb": "SMB", "mid-market": "Mid-Market", "enterprise": "Enterprise"}
SEGMENT_SHARE = (0.55, 0.30, 0.15)


@dataclass(frozen=True)
class Story:
    """The planted stories a sales manager should recognise in the demo data."""

    #: rep ids of the story reps; all three sell in ``story_team``.
    star_rep: str = "R0002"
    struggling_rep: str = "R0003"
    slow_ramper_rep: str = "R0004"
    story_team: str = "Mid-Market North America"
    #: the slow ramper is hired this many months after the start and wins nothing for ~10 months
    slow_ramper_hire_month: int = 6
    slow_ramper_no_win_days: int = 330
    normal_ramp_days: int = 75
    #: lead source whose qualification rate falls in the last two quarters
    dropping_source: str = "linkedin"
    dropping_quarters: int = 2
    dropping_factor: float = 0.35
    #: 0-based quarter of the history (0 = first quarter) with a churn spike
    churn_spike_quarter: int = 8
    churn_spike_factor: float = 6.0
    #: AEs of the story team whose open deals carry inflated CRM probabilities and whose close
    #: dates slip more often (their pipeline is optimistic)
    optimistic_reps: tuple[str, ...] = ("R0005", "R0006")
    optimism_factor: float = 1.6
    optimistic_push_rate: float = 0.8
    #: False: a company without stories (``salesmetrics demo --no-stories``): the same
    #: organisation and volumes, no planted effect (for checking that insights find nothing)
    planted: bool = True

    def calm(self) -> Story:
        """This story with every planted effect switched off."""
        return replace(self, planted=False, dropping_factor=1.0, churn_spike_factor=1.0,
                       optimistic_reps=())  # fmt: skip


STORY = Story()

# -- sales process -----------------------------------------------------------------------
STAGES = ("prospecting", "discovery", "demo", "proposal", "negotiation")
CLOSED_WON, CLOSED_LOST = "closed_won", "closed_lost"
STAGE_PROBABILITIES = {
    "prospecting": 10.0,
    "discovery": 20.0,
    "demo": 40.0,
    "proposal": 60.0,
    "negotiation": 80.0,
    CLOSED_WON: 100.0,
    CLOSED_LOST: 0.0,
}
#: base win rate, mean TCV (USD) and mean cycle days per segment (smb, mid-market, enterprise)
SEGMENT_WIN_RATE = (0.25, 0.21, 0.16)
SEGMENT_DEAL_SIZE = (9_000.0, 36_000.0, 150_000.0)
SEGMENT_CYCLE_DAYS = (28.0, 62.0, 125.0)
SEGMENT_CONTRACT_MONTHS = ((12, 24), (12, 24, 36), (12, 36))

LEAD_SOURCES = ("website", "google_ads", "linkedin", "events", "referral", "outbound")
LEAD_SOURCE_SHARE = (0.26, 0.22, 0.17, 0.10, 0.07, 0.18)
#: share of a source's leads that become sales-qualified, and the win-rate multiplier
LEAD_SOURCE_SQL_RATE = (0.34, 0.30, 0.36, 0.40, 0.60, 0.22)
LEAD_SOURCE_WIN_FACTOR = (1.0, 0.9, 1.0, 1.1, 1.5, 0.75)

PRODUCTS = ("Core", "Analytics", "Platform")
PLANS = ("starter", "growth", "enterprise")

# -- geography and currency ------------------------------------------------------------
COUNTRIES = {  # country: (region, currency, weight)
    "US": ("North America", "USD", 0.50),
    "CA": ("North America", "USD", 0.08),
    "GB": ("EMEA", "USD", 0.12),
    "DE": ("EMEA", "EUR", 0.12),
    "FR": ("EMEA", "EUR", 0.08),
    "NL": ("EMEA", "EUR", 0.05),
    "ES": ("EMEA", "EUR", 0.05),
}
INDUSTRIES = (
    "software",
    "financial services",
    "manufacturing",
    "healthcare",
    "retail",
    "education",
)
INDUSTRY_SHARE = (0.30, 0.18, 0.17, 0.14, 0.13, 0.08)
EUR_USD_START = 1.08

# -- marketing ------------------------------------------------------------------------
CHANNELS = ("google_ads", "linkedin", "events", "content")
#: daily marketing spend (USD) per channel at the small scale (grows with the scale)
CHANNEL_DAILY_SPEND = (450.0, 350.0, 250.0, 120.0)

# -- customers -------------------------------------------------------------------------
MONTHLY_CHURN = 0.018
REACTIVATION_SHARE = 0.18
CONTRACTION_SHARE = 0.15
LATE_PAYER_SHARE = 0.10
