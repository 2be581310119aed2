"""Shared helpers of the demo generators: the timeline, random streams and column frames."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pyarrow as pa

from salesmetrics.demo.config import MONTHS, STORY, Story

#: A table being generated: column name -> numpy array (all of one length).
Frame = dict[str, np.ndarray | pa.Array]

DAY = np.timedelta64(1, "D")
SECONDS_PER_DAY = 86_400


def stream(seed: int, name: str) -> np.random.Generator:
    """An independent random stream per generator, so one area never shifts another's data."""
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


@dataclass(frozen=True)
class Timeline:
    """The demo history: ``MONTHS`` months from ``start`` (a first of month), or from
    ``start`` up to ``end`` (exclusive; the last month may be partial)."""

    start: date
    months: int = MONTHS
    end: date | None = None
    story: Story = STORY
    month_starts: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        first = np.datetime64(self.start, "M")
        if self.end is not None:
            last = np.datetime64(self.end, "D") - DAY
            months = int((last.astype("datetime64[M]") - first).astype(np.int64)) + 1
            object.__setattr__(self, "months", max(months, 1))
        starts = (first + np.arange(self.months + 1)).astype("datetime64[D]")
        object.__setattr__(self, "month_starts", starts)

    @property
    def start_day(self) -> np.datetime64:
        return np.datetime64(self.month_starts[0], "D")

    @property
    def end_day(self) -> np.datetime64:
        """The first day after the history (exclusive)."""
        if self.end is not None:
            return np.datetime64(self.end, "D")
        return np.datetime64(self.month_starts[-1], "D")

    @property
    def days(self) -> int:
        return int((self.end_day - self.start_day) / DAY)

    @property
    def start_s(self) -> np.datetime64:
        return self.start_day.astype("datetime64[s]")

    @property
    def end_s(self) -> np.datetime64:
        """The last instant of the history (exclusive)."""
        return self.end_day.astype("datetime64[s]")

    def calendar_quarter(self, month: int) -> int:
        """Month index (may be negative) where the calendar quarter of history month ``month``
        starts."""
        calendar_month = (self.start.month - 1 + month) % 12
        return month - calendar_month % 3

    def churn_spike(self) -> tuple[np.datetime64, np.datetime64]:
        """First and exclusive last day of the calendar quarter with the churn spike."""
        first = self.calendar_quarter(3 * self.story.churn_spike_quarter + 2)
        return self.month_starts[first], self.month_starts[first + 3]

    def dropping_since(self) -> np.datetime64:
        """First day of the calendar quarters in which the dropping source converts worse."""
        current = self.calendar_quarter(self.months - 1)
        return self.month_starts[current - 3 * (self.story.dropping_quarters - 1)]

    def month_index(self, when: np.ndarray) -> np.ndarray:
        """0-based month of the history that each timestamp or date falls in (may be <0 or >=n)."""
        months = when.astype("datetime64[M]") - np.datetime64(self.start, "M")
        return months.astype(np.int64)

    def at_days(self, offsets: np.ndarray) -> np.ndarray:
        """Timestamps (seconds) at fractional day offsets from the start."""
        return self.start_s + np.round(offsets * SECONDS_PER_DAY).astype("timedelta64[s]")

    def day_offset(self, when: np.ndarray) -> np.ndarray:
        """Fractional days from the start of the history."""
        delta = when.astype("datetime64[s]") - self.start_s
        return delta.astype(np.int64) / SECONDS_PER_DAY


def to_date(ts: np.ndarray) -> np.ndarray:
    """The calendar day of timestamps (NaT stays NaT)."""
    return ts.astype("datetime64[D]")


def business_hours(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Timestamps on the given days at office hours (08:00–18:00)."""
    seconds = rng.integers(8 * 3600, 18 * 3600, size=days.shape)
    return days.astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def nat_after(ts: np.ndarray, limit: np.datetime64) -> np.ndarray:
    """``ts`` with every value at or after ``limit`` replaced by NaT (it has not happened yet)."""
    out = ts.copy()
    out[~(ts < limit)] = np.datetime64("NaT")
    return out


def lognormal(
    rng: np.random.Generator, mean: np.ndarray | float, sigma: float, size: int
) -> np.ndarray:
    """Lognormal values whose mean is ``mean``."""
    return np.asarray(mean) * rng.lognormal(-sigma * sigma / 2, sigma, size)


def pick_codes(rng: np.random.Generator, shares: tuple[float, ...], size: int) -> np.ndarray:
    """Category codes drawn with the given shares."""
    p = np.asarray(shares, dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum()).astype(np.int16)


def categorical(codes: np.ndarray, labels: tuple[str, ...] | list[str]) -> pa.Array:
    """A dictionary-encoded string column; negative codes are null."""
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(labels), pa.string()))
