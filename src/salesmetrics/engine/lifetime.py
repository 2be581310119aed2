"""Customer lifetime value: ARPA of the period over the mean monthly customer churn rate of the
six calendar months ending with the month holding the period's last day.

The monthly churn rates come from one more engine request (customer_churn_rate, grain month,
the same slices and filters) over the months the periods need; each period's value is ARPA
divided by the mean of its six months' rates (months without customers at their start are
skipped: the mean of the rates there are, as spec/kpis.md asks — a mean of ratios).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from statistics import fmean
from typing import TYPE_CHECKING, Any

from salesmetrics.engine.periods import add_months
from salesmetrics.engine.result import Result

if TYPE_CHECKING:
    from salesmetrics.engine.request import KpiRequest

MONTHS = 6
CHURN_KPI = "customer_churn_rate"


def churn_request(request: KpiRequest, last_days: list[dt.date]) -> KpiRequest:
    """The monthly churn request covering the six months before every period's last day."""
    from salesmetrics.catalog import get_kpi

    churn = get_kpi(CHURN_KPI)
    first = add_months(min(last_days).replace(day=1), -(MONTHS - 1))
    return replace(request, kpi=churn, kpis=(churn,), grain="month", start=first, end=request.end)


def months_of(last_day: dt.date) -> list[dt.date]:
    """The first days of the six months ending with the month holding ``last_day``."""
    month = last_day.replace(day=1)
    return [add_months(month, -k) for k in range(MONTHS - 1, -1, -1)]


def with_lifetime(
    arpa: Result, churn: Result, last_days: dict[dt.date, dt.date], over_cac: bool = False
) -> Result:
    """``arpa`` (rows of ARPA) turned into CLV rows: numerator ARPA, denominator the mean
    monthly churn / 100, value their ratio (null when either is missing or the mean is 0).

    ``over_cac``: the rows carry CAC as denominator; the result is CLV / CAC (numerator CLV,
    denominator CAC)."""
    width = len(arpa.columns) - 4  # period_start, dims…, value, numerator, denominator
    rates: dict[tuple[Any, ...], float] = {}
    for row in churn.rows:
        if row[-3] is not None:
            rates[(row[0], *row[1 : 1 + width])] = float(row[-3])
    rows = []
    for row in arpa.rows:
        start, dims, value, cac = row[0], tuple(row[1 : 1 + width]), row[-3], row[-1]
        found = [rates[(m, *dims)] for m in months_of(last_days[start]) if (m, *dims) in rates]
        churn_share = fmean(found) / 100.0 if found else None
        clv = None
        if value is not None and churn_share:
            clv = value / churn_share
        if over_cac:
            ratio = clv / cac if clv is not None and cac else None
            rows.append((start, *dims, ratio, clv, cac))
        else:
            rows.append((start, *dims, clv, value, churn_share))
    warnings = list(dict.fromkeys([*arpa.warnings, *churn.warnings]))
    return Result(arpa.columns, rows, {**arpa.attrs, "warnings": warnings})
