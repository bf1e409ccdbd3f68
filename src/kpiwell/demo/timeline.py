"""The demo's calendar: 52 weekly periods ending on Sundays, two 26-week cycles, seasonality.

Retail in Vietnam peaks in the weeks before Tết (Lunar New Year) and dips in the holiday week;
online shops add the "double-day" sales (9.9, 10.10, 11.11, 12.12).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from kpiwell.demo.model import DemoCycle

WEEKS: Final = 52
CYCLE_WEEKS: Final = 26
CURRENT_START: Final = WEEKS - CYCLE_WEEKS  # index of the current cycle's first period

# First day of the Lunar New Year (Tết Nguyên Đán) in Vietnam.
_TET: Final = {
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
    2033: date(2033, 1, 31),
    2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
}
_TET_FALLBACK_MONTH_DAY: Final = (2, 5)  # a typical date, for years outside the table

_TET_RUSH: Final = 0.30  # the three weeks before Tết
_TET_HOLIDAY: Final = -0.35  # the week of Tết: many shops close for days
_TET_AFTER: Final = -0.10  # the week after
_YEARLY_AMPLITUDE: Final = 0.04
_DOUBLE_DAY_BOOST: Final = 0.35


def tet_date(year: int) -> date:
    return _TET.get(year, date(year, *_TET_FALLBACK_MONTH_DAY))


def last_sunday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() + 1) % 7)


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    as_of: date
    periods: tuple[date, ...]  # Sundays, oldest first; the last one is on or before as_of
    previous: DemoCycle
    current: DemoCycle

    @property
    def last_period(self) -> date:
        return self.periods[-1]

    def week_start(self, index: int) -> date:
        return self.periods[index] - timedelta(days=6)


def build_timeline(as_of: date) -> Timeline:
    last = last_sunday_on_or_before(as_of)
    periods = tuple(last - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS))
    previous = _cycle("cycle-previous", periods[0] - timedelta(days=6), periods[CURRENT_START - 1])
    current = _cycle("cycle-current", periods[CURRENT_START] - timedelta(days=6), periods[-1])
    return Timeline(as_of=as_of, periods=periods, previous=previous, current=current)


def _cycle(key: str, start: date, end: date) -> DemoCycle:
    half = "H1" if start.month <= 6 else "H2"
    return DemoCycle(
        key=key, name=f"{start.year} {half} ({start:%d %b %Y} – {end:%d %b %Y})", start=start, end=end
    )


def tet_effect(period_end: date) -> float:
    """Relative change of retail demand in the week ending ``period_end`` due to Tết."""
    week_start = period_end - timedelta(days=6)
    for year in (period_end.year, period_end.year + 1):
        tet = tet_date(year)
        if week_start <= tet <= period_end:
            return _TET_HOLIDAY
        if 1 <= (tet - period_end).days <= 21:
            return _TET_RUSH
        if 1 <= (week_start - tet).days <= 7:
            return _TET_AFTER
    return 0.0


def seasonal_factor(period_end: date, sensitivity: float) -> float:
    """Multiplier for retail-like demand; ``sensitivity`` 0 means no seasonality at all."""
    yearly = _YEARLY_AMPLITUDE * math.sin(2 * math.pi * period_end.timetuple().tm_yday / 365.25)
    return 1.0 + sensitivity * (yearly + tet_effect(period_end))


def double_day_factor(period_end: date) -> float:
    """Online mega-sale weeks: the week containing 9.9, 10.10, 11.11 or 12.12."""
    week_start = period_end - timedelta(days=6)
    for month in (9, 10, 11, 12):
        for year in {week_start.year, period_end.year}:
            if week_start <= date(year, month, month) <= period_end:
                return 1.0 + _DOUBLE_DAY_BOOST
    return 1.0


def is_last_period_of_month(periods: tuple[date, ...], index: int) -> bool:
    """True when the period is the last one ending in its calendar month."""
    return (periods[index] + timedelta(days=7)).month != periods[index].month
