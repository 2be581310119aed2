"""Subscriptions (one row per price period) and the invoices billed from them."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import DAY, Frame, Timeline, stream, to_date
from salesmetrics.demo.config import LATE_PAYER_SHARE
from salesmetrics.demo.customers import Lifecycle
from salesmetrics.demo.opportunities import RENEWAL

#: event kinds, in the order they apply on the same day
WIN, CONTRACT, CHURN = 0, 1, 2
CONTRACTION_FACTOR = 0.6


def subscription_rows(deals: Frame, life: Lifecycle, tl: Timeline) -> Frame:
    """Replay each account's won deals, contraction and churn into price periods."""
    wins = deals["won"] & (deals["close_at"] < tl.end_s) & (deals["kind"] != RENEWAL)
    win_acc = deals["account"][wins]
    win_day = to_date(deals["close_at"][wins])
    win_mrr = np.round(deals["amount"][wins] / deals["contract_months"][wins], 2)
    con_acc = np.flatnonzero(~np.isnat(life.contraction))
    churn_acc = np.flatnonzero(~np.isnat(life.churn))
    acc = np.concatenate([win_acc, con_acc, churn_acc])
    day = np.concatenate([win_day, life.contraction[con_acc], life.churn[churn_acc]])
    kind = np.concatenate(
        [
            np.full(len(win_acc), WIN),
            np.full(len(con_acc), CONTRACT),
            np.full(len(churn_acc), CHURN),
        ]
    )
    value = np.concatenate([win_mrr, np.zeros(len(con_acc) + len(churn_acc))])
    order = np.lexsort((kind, day, acc))

    out_acc: list[int] = []
    out_start: list[int] = []
    out_end: list[int] = []
    out_mrr: list[float] = []
    day_no = (day - tl.start_day).astype(np.int64)
    current_acc, mrr, row = -1, 0.0, -1
    churned = False
    for a, d, k, v in zip(
        acc[order].tolist(),
        day_no[order].tolist(),
        kind[order].tolist(),
        value[order].tolist(),
        strict=True,
    ):
        if a != current_acc:
            current_acc, mrr, row, churned = a, 0.0, -1, False
        if k == WIN:
            new = mrr + v
        elif k == CONTRACT and mrr > 0:
            new = round(mrr * CONTRACTION_FACTOR, 2)
        elif k == CHURN and mrr > 0 and not churned:
            new, churned = 0.0, True
        else:
            continue
        if row >= 0 and out_end[row] < 0:
            if out_start[row] == d:  # several changes on one day: keep the last price
                out_mrr[row] = new
                if new <= 0:
                    out_end[row] = d
                    row = -1
                mrr = new
                continue
            out_end[row] = d
        mrr = new
        if new > 0:
            out_acc.append(a)
            out_start.append(d)
            out_end.append(-1)
            out_mrr.append(new)
            row = len(out_acc) - 1
    keep = [i for i in range(len(out_acc)) if out_start[i] != out_end[i]]
    start = np.array(out_start, dtype=np.int64)[keep]
    end = np.array(out_end, dtype=np.int64)[keep]
    return {
        "account": np.array(out_acc, dtype=np.int64)[keep],
        "start_date": tl.start_day + start * DAY,
        "end_date": np.where(end < 0, np.datetime64("NaT"), tl.start_day + end * DAY),
        "mrr": np.array(out_mrr)[keep],
    }


def invoice_rows(subs: Frame, eur: np.ndarray, tl: Timeline, seed: int) -> Frame:
    """Quarterly invoices in advance for each price period; some accounts pay late."""
    rng = stream(seed, "invoices")
    start, end = subs["start_date"], subs["end_date"]
    stop = np.where(np.isnat(end), tl.end_day, end)
    months = (stop.astype("datetime64[M]") - start.astype("datetime64[M]")).astype(np.int64)
    count = np.maximum(months // 3 + (months % 3 > 0), 1)
    row = np.repeat(np.arange(len(start)), count)
    k = np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
    day_in_month = (start - start.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    issued = (start.astype("datetime64[M]")[row] + 3 * k).astype("datetime64[D]")
    issued = issued + np.minimum(day_in_month[row], 27) * DAY
    keep = (issued < stop[row]) & (issued < tl.end_day)
    row, issued = row[keep], issued[keep]
    account = subs["account"][row]

    n_accounts = int(account.max()) + 1 if len(account) else 1
    late_payer = stream(seed, "late_payers").random(n_accounts) < LATE_PAYER_SHARE
    due = issued + 30 * DAY
    delay = np.where(
        late_payer[account],
        30 + rng.integers(10, 80, len(row)),
        rng.integers(3, 33, len(row)),
    )
    paid = issued + delay * DAY
    return {
        "account": account,
        "issued_at": issued,
        "amount": np.round(subs["mrr"][row] * 3, 2),
        "due_at": due,
        "paid_at": np.where(paid < tl.end_day, paid, np.datetime64("NaT")),
        "eur": eur[account],
    }
