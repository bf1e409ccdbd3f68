"""Assignments, weekly values, corrections and target revisions, team by team.

Each person x KPI is a ``Track``: a typical level with growth, seasonality, noise and (for the
planted teams) a shock. Targets follow each team's habit: fitted to the person's own trajectory
(the healthy team), one number for everyone (Store District 1), trivially safe (Delivery), or
fitted once and then locked while the market moved (Store Thủ Đức). Planted behaviour (bunching
just over the line, month-end spikes, convenient corrections) is written over the natural series
afterwards, so it holds for every seed and every ``as_of``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import Final

import numpy as np

from kpiwell.demo.model import (
    DemoAssignment,
    DemoMeasurement,
    DemoPerson,
    DemoRevision,
    Direction,
    SetBy,
)
from kpiwell.demo.roster import CARE, DELIVERY, KPI_BY_KEY, ONLINE, REPAIR, STORE_D1, STORE_TD
from kpiwell.demo.timeline import (
    CURRENT_START,
    WEEKS,
    Timeline,
    double_day_factor,
    is_last_period_of_month,
    seasonal_factor,
)

Values = list[float | None]

MID_PREVIOUS: Final = 12  # the period whose level a previous-cycle target is fitted to
MID_CURRENT: Final = 38  # the same for the current cycle
LAST_WINDOW: Final = 8  # "the last 8 periods" of the wellbeing rules

# Planted people (see ``kpiwell.demo.generate.PLANTED`` for the story of each).
UNIFORM_SALES_TARGET: Final = 60_000_000.0
UNREACHABLE_JUNIOR: Final = "E018"
NEAR_MISS_SELLER: Final = "E013"
MARKET_DROP_INDEX: Final = CURRENT_START + 12  # week 13 of the current cycle
MARKET_DROP: Final = 0.58  # Store Thủ Đức sells 42% less once the mall opens
PRESSURED_SELLER: Final = "E020"
BUNCHING_PERSON: Final = "E031"
SPIKING_HOST: Final = "E033"
CORRECTING_PERSON: Final = "E035"
CONVENIENT_CORRECTIONS: Final = (CURRENT_START + 13, CURRENT_START + 18, CURRENT_START + 22)
PARTS_SHORTAGE_INDEX: Final = CURRENT_START + 7  # Appliance Repair: parts shortage from week 8
PARTS_SHORTAGE: Final = 0.75
REVISION_INDEX: Final = CURRENT_START + 11  # agreed new targets in week 12


@dataclass(frozen=True, slots=True, kw_only=True)
class Track:
    """How one person's values for one KPI behave over the 52 weeks."""

    person_key: str
    kpi_key: str
    level: float  # typical weekly value at the end of the year, before any planted shock
    noise: float  # relative week-to-week variation (for ratings: absolute sd divided by level)
    growth: float = 0.0  # relative change of the level over the year
    season: float = 0.0  # sensitivity to retail seasonality (0: none, 1: a store's full Tết rush)
    double_days: bool = False  # online mega-sale weeks
    shift_from: int | None = None  # first period of a planted level shift
    shift: float = 1.0
    poisson: bool = False  # small counts
    first_index: int = 0  # first period with a value (new hires, KPIs introduced later)

    def level_at(self, index: int, *, with_shift: bool = True) -> float:
        level = self.level * (1.0 + self.growth * (index - (WEEKS - 1)) / WEEKS)
        if with_shift and self.shift_from is not None and index >= self.shift_from:
            level *= self.shift
        return level


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One cycle's agreement for a track."""

    target: float
    weight: float
    set_by: SetBy
    revised_from: float | None = None  # the original target when it was revised in the cycle


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackPlan:
    track: Track
    previous: Term | None
    current: Term
    healthy: bool = False  # values must stay clear of every audit threshold


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    index: int
    original: float  # the first value recorded; the track's value is the corrected one
    recorded_by_key: str
    days_later: int


@dataclass(slots=True, kw_only=True)
class Series:
    plan: TrackPlan
    values: Values
    corrections: list[Correction] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Rounding: counts are whole, money is in thousands of VND, rates in tenths.


def round_value(scale: str, value: float) -> float:
    if scale == "vnd":
        return float(max(0, round(value / 1000) * 1000))
    if scale == "count":
        return float(max(0, round(value)))
    if scale == "percent":
        return min(100.0, max(0.0, round(value, 1)))
    if scale == "minutes":
        return max(0.5, round(value, 1))
    if scale == "ratio":
        return max(0.0, round(value, 2))
    return min(5.0, max(1.0, round(value, 1)))  # rating


def round_target(scale: str, value: float) -> float:
    if scale == "vnd":
        return float(round(value / 1_000_000) * 1_000_000)
    if scale == "count":
        return float(max(1, round(value)))
    if scale == "percent":
        return min(100.0, round(value * 2) / 2)
    if scale == "minutes":
        return max(0.5, round(value, 1))
    if scale == "ratio":
        return round(value * 20) / 20
    return min(5.0, max(1.0, round(value * 2) / 2))  # rating


def target_levels(kpi_key: str, target: float) -> tuple[float, float, float]:
    """(commit, target, stretch), stepping towards the better direction of the KPI."""
    spec = KPI_BY_KEY[kpi_key]
    if spec.scale == "rating":
        return max(1.0, target - 0.5), target, min(5.0, target + 0.5)
    easier, harder = (0.9, 1.1) if spec.direction == "higher" else (1.1, 0.9)
    return round_target(spec.scale, target * easier), target, round_target(spec.scale, target * harder)


def attainment(value: float, target: float, direction: Direction) -> float:
    return value / target if direction == "higher" else target / value


def fitted(track: Track, index: int, factor: float) -> float:
    """A target on the person's own trajectory (no shocks): factor < 1 leaves room to reach it."""
    spec = KPI_BY_KEY[track.kpi_key]
    if spec.direction == "lower":
        factor = 2.0 - factor
    return round_target(spec.scale, track.level_at(index, with_shift=False) * factor)


# ----------------------------------------------------------------------------------------------
# Team plans


def _u(rng: np.random.Generator, low: float, high: float) -> float:
    return float(rng.uniform(low, high))


def _rating_noise(level: float, sd: float) -> float:
    return sd / level


def _store_d1(rng: np.random.Generator, first: dict[str, int]) -> list[TrackPlan]:
    """One sales target for everyone, whatever their capacity; every target set by the manager."""
    capacity = {  # median weekly sales in millions of VND: part-timers and juniors sell far less
        "E008": 92,
        "E009": 85,
        "E010": 78,
        "E011": 70,
        "E012": 62,
        NEAR_MISS_SELLER: 55,
        "E014": 45,
        "E015": 38,
        "E016": 32,
        "E017": 28,
        UNREACHABLE_JUNIOR: 22,
    }
    plans: list[TrackPlan] = []
    for person, millions in capacity.items():
        steady = person == NEAR_MISS_SELLER
        sales = Track(
            person_key=person,
            kpi_key="K-SALES",
            level=millions * 1_000_000.0,
            noise=0.035 if steady else 0.12,
            growth=0.0 if steady else _u(rng, 0.0, 0.10),
            season=0.3 if steady else 1.0,
            first_index=first[person],
        )
        basket = Track(
            person_key=person,
            kpi_key="K-BASKET",
            level=_u(rng, 2.1, 2.8),
            noise=0.08,
            season=0.3,
            first_index=first[person],
        )
        service_level = _u(rng, 3.6, 4.2)
        service = Track(
            person_key=person,
            kpi_key="K-SERVICE",
            level=service_level,
            noise=_rating_noise(service_level, 0.35),
            first_index=first[person],
        )
        plans += [
            TrackPlan(
                track=sales,
                previous=Term(target=55_000_000.0, weight=50, set_by="manager"),
                current=Term(target=UNIFORM_SALES_TARGET, weight=50, set_by="manager"),
            ),
            TrackPlan(
                track=basket,
                previous=Term(target=2.4, weight=25, set_by="manager"),
                current=Term(target=2.5, weight=25, set_by="manager"),
            ),
            TrackPlan(
                track=service,
                previous=Term(target=4.0, weight=25, set_by="manager"),
                current=Term(target=4.0, weight=25, set_by="manager"),
            ),
        ]
    manager_sales = Track(person_key="E007", kpi_key="K-SALES", level=34_000_000.0, noise=0.12, season=1.0)
    coach = Track(person_key="E007", kpi_key="K-COACH", level=3.3, noise=_rating_noise(3.3, 0.3))
    plans += [
        TrackPlan(
            track=manager_sales,
            previous=Term(target=30_000_000.0, weight=50, set_by="manager"),
            current=Term(target=30_000_000.0, weight=50, set_by="manager"),
        ),
        TrackPlan(
            track=coach,
            previous=Term(target=4.0, weight=50, set_by="manager"),
            current=Term(target=4.0, weight=50, set_by="manager"),
        ),
    ]
    return plans


def _store_td(rng: np.random.Generator, first: dict[str, int]) -> list[TrackPlan]:
    """Co-created, realistic targets, then a 42% market drop in week 13 and no revision."""
    plans: list[TrackPlan] = []
    for number in range(20, 29):
        person = f"E0{number}"
        sales = Track(
            person_key=person,
            kpi_key="K-SALES",
            level=_u(rng, 38, 58) * 1_000_000.0,
            noise=0.12,
            growth=0.04,
            season=1.0,
            shift_from=MARKET_DROP_INDEX,
            shift=MARKET_DROP,
            first_index=first[person],
        )
        conversion = Track(
            person_key=person, kpi_key="K-CONV", level=_u(rng, 24, 32), noise=0.08, first_index=first[person]
        )
        service_level = _u(rng, 3.8, 4.2)
        service = Track(
            person_key=person,
            kpi_key="K-SERVICE",
            level=service_level,
            noise=_rating_noise(service_level, 0.35),
            first_index=first[person],
        )
        plans += [
            TrackPlan(
                track=sales,
                previous=Term(target=fitted(sales, MID_PREVIOUS, 0.97), weight=50, set_by="co-created"),
                current=Term(target=fitted(sales, CURRENT_START, 1.0), weight=50, set_by="co-created"),
            ),
            TrackPlan(
                track=conversion,
                previous=Term(target=fitted(conversion, MID_PREVIOUS, 0.97), weight=25, set_by="co-created"),
                current=Term(target=fitted(conversion, MID_CURRENT, 0.97), weight=25, set_by="co-created"),
            ),
            TrackPlan(
                track=service,
                previous=Term(target=4.0, weight=25, set_by="co-created"),
                current=Term(target=4.0, weight=25, set_by="co-created"),
            ),
        ]
    manager_sales = Track(
        person_key="E019",
        kpi_key="K-SALES",
        level=30_000_000.0,
        noise=0.12,
        season=1.0,
        shift_from=MARKET_DROP_INDEX,
        shift=MARKET_DROP,
    )
    coach = Track(person_key="E019", kpi_key="K-COACH", level=3.9, noise=_rating_noise(3.9, 0.3))
    service = Track(person_key="E019", kpi_key="K-SERVICE", level=4.2, noise=_rating_noise(4.2, 0.3))
    plans += [
        TrackPlan(
            track=manager_sales,
            previous=Term(target=fitted(manager_sales, MID_PREVIOUS, 0.97), weight=40, set_by="co-created"),
            current=Term(target=fitted(manager_sales, CURRENT_START, 1.0), weight=40, set_by="co-created"),
        ),
        TrackPlan(
            track=coach,
            previous=Term(target=4.0, weight=30, set_by="co-created"),
            current=Term(target=4.0, weight=30, set_by="co-created"),
        ),
        TrackPlan(
            track=service,
            previous=Term(target=4.0, weight=30, set_by="co-created"),
            current=Term(target=4.0, weight=30, set_by="co-created"),
        ),
    ]
    return plans


def _online(rng: np.random.Generator, first: dict[str, int]) -> list[TrackPlan]:
    """Only numbers: orders, live-stream sales and chat response time."""
    plans: list[TrackPlan] = []
    for number in range(30, 38):
        person = f"E0{number}"
        orders = Track(
            person_key=person,
            kpi_key="K-ORDERS",
            level=_u(rng, 300, 450),
            noise=0.10,
            growth=_u(rng, 0.0, 0.10),
            season=0.6,
            double_days=True,
            first_index=first[person],
        )
        live = Track(
            person_key=person,
            kpi_key="K-LIVE",
            level=_u(rng, 70, 160) * 1_000_000.0,
            noise=0.15,
            growth=_u(rng, 0.0, 0.12),
            season=0.6,
            double_days=True,
            first_index=first[person],
        )
        if person == BUNCHING_PERSON:  # smooth, spread history; then exactly on target every week
            orders = Track(
                person_key=person, kpi_key="K-ORDERS", level=400.0, noise=0.12, first_index=first[person]
            )
        if person == SPIKING_HOST:  # month-end pushes with deep discounts
            live = Track(
                person_key=person,
                kpi_key="K-LIVE",
                level=110_000_000.0,
                noise=0.10,
                first_index=first[person],
            )
        if person == CORRECTING_PERSON:
            orders = Track(
                person_key=person, kpi_key="K-ORDERS", level=385.0, noise=0.07, first_index=first[person]
            )
        chat = Track(
            person_key=person,
            kpi_key="K-CHAT",
            level=_u(rng, 2.5, 5.0),
            noise=0.12,
            first_index=first[person],
        )
        orders_target = {BUNCHING_PERSON: 420.0, CORRECTING_PERSON: 380.0}.get(
            person, fitted(orders, MID_CURRENT, 0.97)
        )
        live_target = 120_000_000.0 if person == SPIKING_HOST else fitted(live, MID_CURRENT, 0.97)
        plans += [
            TrackPlan(
                track=orders,
                previous=Term(target=fitted(orders, MID_PREVIOUS, 0.97), weight=45, set_by="employee"),
                current=Term(target=orders_target, weight=45, set_by="employee"),
            ),
            TrackPlan(
                track=live,
                previous=Term(target=fitted(live, MID_PREVIOUS, 0.97), weight=30, set_by="co-created"),
                current=Term(target=live_target, weight=30, set_by="co-created"),
            ),
            TrackPlan(
                track=chat,
                previous=Term(target=fitted(chat, MID_PREVIOUS, 0.95), weight=25, set_by="co-created"),
                current=Term(target=fitted(chat, MID_CURRENT, 0.95), weight=25, set_by="co-created"),
            ),
        ]
    lead_live = Track(
        person_key="E029",
        kpi_key="K-LIVE",
        level=180_000_000.0,
        noise=0.12,
        growth=0.08,
        season=0.6,
        double_days=True,
    )
    lead_orders = Track(person_key="E029", kpi_key="K-ORDERS", level=150.0, noise=0.10, season=0.6)
    for track, weight in ((lead_live, 60), (lead_orders, 40)):
        plans.append(
            TrackPlan(
                track=track,
                previous=Term(target=fitted(track, MID_PREVIOUS, 0.97), weight=weight, set_by="co-created"),
                current=Term(target=fitted(track, MID_CURRENT, 0.97), weight=weight, set_by="co-created"),
            )
        )
    return plans


def _care(rng: np.random.Generator, first: dict[str, int]) -> list[TrackPlan]:
    """The healthy control team: co-created targets on each person's own trajectory."""
    plans: list[TrackPlan] = []

    def fit_both(track: Track, weight: float, factor: float) -> TrackPlan:
        return TrackPlan(
            track=track,
            previous=Term(target=fitted(track, MID_PREVIOUS, factor), weight=weight, set_by="co-created"),
            current=Term(target=fitted(track, MID_CURRENT, factor), weight=weight, set_by="co-created"),
            healthy=True,
        )

    def rating_both(track: Track, weight: float) -> TrackPlan:
        return TrackPlan(
            track=track,
            previous=Term(target=4.0, weight=weight, set_by="co-created"),
            current=Term(target=4.0, weight=weight, set_by="co-created"),
            healthy=True,
        )

    for number in range(39, 48):
        person = f"E0{number}"
        know_level = _u(rng, 4.05, 4.25)
        plans += [
            fit_both(
                Track(
                    person_key=person,
                    kpi_key="K-CASES",
                    level=_u(rng, 105, 135),
                    noise=0.09,
                    growth=_u(rng, 0.0, 0.05),
                    season=0.15,
                    first_index=first[person],
                ),
                25,
                0.97,
            ),
            fit_both(
                Track(
                    person_key=person,
                    kpi_key="K-FCR",
                    level=_u(rng, 66, 78),
                    noise=0.08,
                    first_index=first[person],
                ),
                25,
                0.97,
            ),
            fit_both(
                Track(
                    person_key=person,
                    kpi_key="K-AHT",
                    level=_u(rng, 5.6, 7.2),
                    noise=0.08,
                    first_index=first[person],
                ),
                20,
                0.97,
            ),
            rating_both(
                Track(
                    person_key=person,
                    kpi_key="K-KNOW",
                    level=know_level,
                    noise=_rating_noise(know_level, 0.33),
                    first_index=first[person],
                ),
                30,
            ),
        ]
    plans += [
        rating_both(
            Track(person_key="E038", kpi_key="K-COACH", level=4.2, noise=_rating_noise(4.2, 0.33)), 40
        ),
        fit_both(Track(person_key="E038", kpi_key="K-CASES", level=45.0, noise=0.10, season=0.15), 30, 0.97),
        fit_both(Track(person_key="E038", kpi_key="K-FCR", level=64.0, noise=0.08), 30, 0.97),
    ]
    return plans


def _delivery(rng: np.random.Generator, first: dict[str, int]) -> list[TrackPlan]:
    """Self-set, trivially safe targets, plus an add-on KPI pushed from above without a purpose."""
    plans: list[TrackPlan] = []
    for number in range(49, 57):
        person = f"E0{number}"
        deliveries = Track(
            person_key=person,
            kpi_key="K-DELIV",
            level=_u(rng, 38, 52),
            noise=0.10,
            growth=0.03,
            season=0.5,
            first_index=first[person],
        )
        on_time = Track(
            person_key=person,
            kpi_key="K-ONTIME",
            level=_u(rng, 93.5, 96.5),
            noise=0.025,
            first_index=first[person],
        )
        install_level = _u(rng, 4.2, 4.5)
        install = Track(
            person_key=person,
            kpi_key="K-INSTALL",
            level=install_level,
            noise=_rating_noise(install_level, 0.3),
            first_index=first[person],
        )
        addon = Track(
            person_key=person,
            kpi_key="K-ADDON",
            level=_u(rng, 9.5, 12.0),
            noise=0.0,
            poisson=True,
            first_index=max(first[person], CURRENT_START),
        )
        plans += [
            TrackPlan(
                track=deliveries,
                previous=Term(target=fitted(deliveries, MID_PREVIOUS, 0.65), weight=40, set_by="employee"),
                current=Term(target=fitted(deliveries, MID_CURRENT, 0.65), weight=35, set_by="employee"),
            ),
            TrackPlan(
                track=on_time,
                previous=Term(target=85.0, weight=30, set_by="employee"),
                current=Term(target=85.0, weight=25, set_by="employee"),
            ),
            TrackPlan(
                track=install,
                previous=Term(target=3.0, weight=30, set_by="employee"),
                current=Term(target=3.0, weight=25, set_by="employee"),
            ),
            TrackPlan(track=addon, previous=None, current=Term(target=10.0, weight=15, set_by="manager")),
        ]
    team_on_time = Track(person_key="E048", kpi_key="K-ONTIME", level=95.0, noise=0.015)
    coach = Track(person_key="E048", kpi_key="K-COACH", level=3.7, noise=_rating_noise(3.7, 0.3))
    plans += [
        TrackPlan(
            track=team_on_time,
            previous=Term(target=85.0, weight=60, set_by="co-created"),
            current=Term(target=85.0, weight=60, set_by="co-created"),
        ),
        TrackPlan(
            track=coach,
            previous=Term(target=3.5, weight=40, set_by="co-created"),
            current=Term(target=3.5, weight=40, set_by="co-created"),
        ),
    ]
    return plans


def _repair(rng: np.random.Generator, first: dict[str, int]) -> list[TrackPlan]:
    """A parts shortage cut output by a quarter; the team revised its targets a month later."""
    plans: list[TrackPlan] = []
    for person in ("E057", "E058", "E059", "E060"):
        lead = person == "E057"
        jobs = Track(
            person_key=person,
            kpi_key="K-JOBS",
            level=14.0 if lead else _u(rng, 20, 26),
            noise=0.10,
            shift_from=PARTS_SHORTAGE_INDEX,
            shift=PARTS_SHORTAGE,
            first_index=first[person],
        )
        fix_rate = Track(
            person_key=person,
            kpi_key="K-FTF",
            level=88.0 if lead else _u(rng, 82, 88),
            noise=0.05,
            first_index=first[person],
        )
        rated_kpi = "K-COACH" if lead else "K-WORK"
        rated_level = _u(rng, 4.0, 4.3)
        rated = Track(
            person_key=person,
            kpi_key=rated_kpi,
            level=rated_level,
            noise=_rating_noise(rated_level, 0.3),
            first_index=first[person],
        )
        original = fitted(jobs, CURRENT_START, 0.97)
        revised = round_target("count", original * PARTS_SHORTAGE)
        plans += [
            TrackPlan(
                track=jobs,
                previous=Term(target=fitted(jobs, MID_PREVIOUS, 0.97), weight=40, set_by="co-created"),
                current=Term(target=revised, weight=40, set_by="co-created", revised_from=original),
            ),
            TrackPlan(
                track=fix_rate,
                previous=Term(target=fitted(fix_rate, MID_PREVIOUS, 0.97), weight=30, set_by="co-created"),
                current=Term(target=fitted(fix_rate, MID_CURRENT, 0.97), weight=30, set_by="co-created"),
            ),
            TrackPlan(
                track=rated,
                previous=Term(target=4.0, weight=30, set_by="co-created"),
                current=Term(target=4.0, weight=30, set_by="co-created"),
            ),
        ]
    return plans


TEAM_PLANS: Final[dict[str, Callable[[np.random.Generator, dict[str, int]], list[TrackPlan]]]] = {
    STORE_D1: _store_d1,
    STORE_TD: _store_td,
    ONLINE: _online,
    CARE: _care,
    DELIVERY: _delivery,
    REPAIR: _repair,
}


# ----------------------------------------------------------------------------------------------
# Values


def draw_values(rng: np.random.Generator, timeline: Timeline, track: Track) -> Values:
    scale = KPI_BY_KEY[track.kpi_key].scale
    values: Values = []
    for index, period_end in enumerate(timeline.periods):
        if index < track.first_index:
            values.append(None)
            continue
        base = track.level_at(index) * seasonal_factor(period_end, track.season)
        if track.double_days:
            base *= double_day_factor(period_end)
        if track.poisson:
            values.append(round_value(scale, float(rng.poisson(base))))
        else:
            z = float(np.clip(rng.standard_normal(), -2.5, 2.5))
            values.append(round_value(scale, base * (1.0 + track.noise * z)))
    return values


def healthy_enough(values: Values, target: float, direction: Direction) -> bool:
    """The control team's values stay clearly away from every audit threshold.

    Reachable but not trivially (0.5-0.85 of the weeks reach the target, over the cycle and over
    the whole year), no bunching just over the line, and no run of weeks under 80% of target.
    """

    def reached(ratios: Sequence[float]) -> float:
        return sum(r >= 1.0 for r in ratios) / len(ratios)

    every = [attainment(v, target, direction) for v in values if v is not None]
    ratios = [attainment(v, target, direction) for v in values[CURRENT_START:] if v is not None]
    just_over = sum(1.0 <= r <= 1.03 for r in ratios) / len(ratios)
    runs_under = sum(r < 0.8 for r in ratios[-LAST_WINDOW:])
    return (
        0.5 <= reached(ratios) <= 0.85
        and 0.5 <= reached(every) <= 0.85
        and just_over < 0.25
        and runs_under <= 1
    )


def level_shift(values: Values, min_side: int = 3) -> float:
    """Relative change of the medians either side of the least-squares split of the cycle's values.

    The same split the locked-target rule looks for; a single person's rating series (a manager's
    coaching KPI is a team x KPI of one) must not show a shift from rating noise alone.
    """
    series = np.asarray([v for v in values[CURRENT_START:] if v is not None], dtype=float)
    count = len(series)
    if count < 2 * min_side:
        return 0.0
    sums, squares = np.cumsum(series), np.cumsum(series**2)
    splits = np.arange(min_side, count - min_side + 1)
    before_sum, before_squares = sums[splits - 1], squares[splits - 1]
    after_sum, after_squares = sums[-1] - before_sum, squares[-1] - before_squares
    sse = (before_squares - before_sum**2 / splits) + (after_squares - after_sum**2 / (count - splits))
    split = int(splits[int(np.argmin(sse))])
    before_median, after_median = float(np.median(series[:split])), float(np.median(series[split:]))
    return abs(after_median / before_median - 1.0)


def _acceptable(plan: TrackPlan, values: Values) -> bool:
    direction = KPI_BY_KEY[plan.track.kpi_key].direction
    if plan.healthy and not healthy_enough(values, plan.current.target, direction):
        return False
    steady = plan.healthy or KPI_BY_KEY[plan.track.kpi_key].scale == "rating"
    return not steady or level_shift(values) < 0.08


def generate_series(rng: np.random.Generator, timeline: Timeline, plans: Sequence[TrackPlan]) -> list[Series]:
    series = []
    for plan in plans:
        values = draw_values(rng, timeline, plan.track)
        attempts = 1
        while not _acceptable(plan, values):
            if attempts >= 200:
                raise RuntimeError(f"could not draw healthy values for {plan.track}")
            values = draw_values(rng, timeline, plan.track)
            attempts += 1
        series.append(Series(plan=plan, values=values))
    return series


def take_leave(rng: np.random.Generator, series: Sequence[Series], protected: frozenset[str]) -> None:
    """One week of annual leave per person (no values that week: missing, never zero)."""
    by_person: dict[str, list[Series]] = {}
    for item in series:
        by_person.setdefault(item.plan.track.person_key, []).append(item)
    for person in sorted(by_person):
        if person in protected:
            continue
        week = int(rng.integers(2, CURRENT_START + 14))
        for item in by_person[person]:
            item.values[week] = None


def _find(series: Sequence[Series], person: str, kpi: str) -> Series:
    for item in series:
        if item.plan.track.person_key == person and item.plan.track.kpi_key == kpi:
            return item
    raise KeyError((person, kpi))


def _reported_from(values: Values, start: int) -> tuple[int, float]:
    """The first reported week at or after ``start`` (annual leave leaves gaps)."""
    for index in range(start, len(values)):
        value = values[index]
        if value is not None:
            return index, value
    raise ValueError("no reported week after the planned correction")


def plant_behaviour(rng: np.random.Generator, timeline: Timeline, series: Sequence[Series]) -> None:
    """Write the planted patterns over the natural series."""
    # Store District 1: a steady seller always just short of the one-size target.
    near_miss = _find(series, NEAR_MISS_SELLER, "K-SALES")
    for index in range(WEEKS - LAST_WINDOW, WEEKS):
        near_miss.values[index] = round_value("vnd", UNIFORM_SALES_TARGET * _u(rng, 0.87, 0.975))

    # Store District 1: the junior never came near the target.
    junior = _find(series, UNREACHABLE_JUNIOR, "K-SALES")
    junior.values[:] = [
        None if v is None else min(v, round_value("vnd", UNIFORM_SALES_TARGET * _u(rng, 0.5, 0.6)))
        for v in junior.values
    ]

    # Store Thủ Đức: after the drop this seller never gets near her locked target.
    pressured = _find(series, PRESSURED_SELLER, "K-SALES")
    target = pressured.plan.current.target
    for index in range(WEEKS - LAST_WINDOW, WEEKS):
        value = pressured.values[index]
        cap = round_value("vnd", target * _u(rng, 0.55, 0.7))
        pressured.values[index] = cap if value is None else min(value, cap)

    # Online: every in-cycle week lands at 100-101% of target.
    bunching = _find(series, BUNCHING_PERSON, "K-ORDERS")
    target = bunching.plan.current.target
    for index in range(CURRENT_START, WEEKS):
        bunching.values[index] = target + float(rng.integers(0, 5))

    # Online: the last week of every month is at least twice a normal week.
    spiking = _find(series, SPIKING_HOST, "K-LIVE")
    for index in range(WEEKS):
        if spiking.values[index] is not None and is_last_period_of_month(timeline.periods, index):
            spiking.values[index] = round_value("vnd", spiking.plan.track.level_at(index) * _u(rng, 2.4, 2.9))

    # Online: three self-corrections, each lifting a week from short of target to just over it.
    correcting = _find(series, CORRECTING_PERSON, "K-ORDERS")
    target = correcting.plan.current.target
    for index in CONVENIENT_CORRECTIONS:
        original = float(math.floor(target * _u(rng, 0.93, 0.97)))
        correcting.values[index] = float(math.ceil(target * _u(rng, 1.0, 1.02)))
        correcting.corrections.append(
            Correction(index=index, original=original, recorded_by_key=CORRECTING_PERSON, days_later=3)
        )

    # Honest corrections (a returned item, a repair reopened): the first report was too high and
    # the correction lowers it, so it can never lift a week from short of the target to reaching it.
    for person, kpi, planned, recorder in (
        ("E010", "K-SALES", CURRENT_START + 4, "E007"),
        ("E059", "K-FTF", CURRENT_START + 15, "E057"),
        ("E025", "K-CONV", CURRENT_START + 2, "E019"),
    ):
        item = _find(series, person, kpi)
        index, value = _reported_from(item.values, planned)
        original = round_value(KPI_BY_KEY[kpi].scale, value * 1.04 + 1.0)
        if original > value:
            item.corrections.append(
                Correction(index=index, original=original, recorded_by_key=recorder, days_later=2)
            )


# ----------------------------------------------------------------------------------------------
# Rows


def _recorded_at(timeline: Timeline, index: int, minutes: int, *, by_manager: bool) -> datetime:
    """Monday morning (numbers) or afternoon (manager ratings) after the period; never after as_of."""
    period_end = timeline.periods[index]
    start = time(14, 0) if by_manager else time(8, 30)
    stamp = datetime.combine(period_end + timedelta(days=1), start) + timedelta(minutes=minutes)
    if stamp.date() > timeline.as_of:
        stamp = datetime.combine(period_end, time(19, 0)) + timedelta(minutes=minutes % 120)
    return stamp


def build_rows(
    rng: np.random.Generator,
    timeline: Timeline,
    series: Sequence[Series],
    people: dict[str, DemoPerson],
) -> tuple[list[DemoAssignment], list[DemoMeasurement], list[DemoRevision]]:
    assignments: list[DemoAssignment] = []
    measurements: list[DemoMeasurement] = []
    revisions: list[DemoRevision] = []
    for item in series:
        plan = item.plan
        track = plan.track
        spec = KPI_BY_KEY[track.kpi_key]
        person = people[track.person_key]
        rater = person.manager_key or person.key
        by_manager = spec.kind == "qualitative"
        recorder = rater if by_manager else person.key

        if plan.previous is not None and person.start_date <= timeline.previous.end:
            commit, target, stretch = target_levels(track.kpi_key, plan.previous.target)
            assignments.append(
                DemoAssignment(
                    person_key=person.key,
                    kpi_key=track.kpi_key,
                    cycle_key=timeline.previous.key,
                    baseline=round_value(spec.scale, track.level_at(0, with_shift=False)),
                    commit=commit,
                    target=target,
                    stretch=stretch,
                    weight=plan.previous.weight,
                    set_by=plan.previous.set_by,
                    status="closed",
                )
            )
        history = [v for v in item.values[CURRENT_START - 13 : CURRENT_START] if v is not None]
        commit, target, stretch = target_levels(track.kpi_key, plan.current.target)
        assignments.append(
            DemoAssignment(
                person_key=person.key,
                kpi_key=track.kpi_key,
                cycle_key=timeline.current.key,
                baseline=round_value(spec.scale, median(history)) if history else None,
                commit=commit,
                target=target,
                stretch=stretch,
                weight=plan.current.weight,
                set_by=plan.current.set_by,
                status="agreed" if plan.current.revised_from is None else "revised",
            )
        )
        if plan.current.revised_from is not None:
            old_commit, old_target, old_stretch = target_levels(track.kpi_key, plan.current.revised_from)
            revisions.append(
                DemoRevision(
                    person_key=person.key,
                    kpi_key=track.kpi_key,
                    cycle_key=timeline.current.key,
                    old_commit=old_commit,
                    old_target=old_target,
                    old_stretch=old_stretch,
                    new_commit=commit,
                    new_target=target,
                    new_stretch=stretch,
                    reason="Spare-parts shortage from the supplier: jobs wait for parts, so we agreed "
                    "a lower weekly target until deliveries recover.",
                    revised_by_key=person.manager_key or person.key,
                    revised_at=datetime.combine(
                        timeline.periods[REVISION_INDEX] + timedelta(days=2), time(10, 15)
                    ),
                    effective_from=timeline.week_start(PARTS_SHORTAGE_INDEX),
                )
            )

        corrections = {c.index: c for c in item.corrections}
        for index, value in enumerate(item.values):
            if value is None:
                continue
            minutes = int(rng.integers(0, 150))
            stamp = _recorded_at(timeline, index, minutes, by_manager=by_manager)
            correction = corrections.get(index)
            first_value = value if correction is None else correction.original
            measurements.append(
                DemoMeasurement(
                    person_key=person.key,
                    kpi_key=track.kpi_key,
                    period_end=timeline.periods[index],
                    value=first_value,
                    recorded_at=stamp,
                    recorded_by_key=recorder,
                )
            )
            if correction is not None:
                measurements.append(
                    DemoMeasurement(
                        person_key=person.key,
                        kpi_key=track.kpi_key,
                        period_end=timeline.periods[index],
                        value=value,
                        recorded_at=stamp + timedelta(days=correction.days_later, hours=2),
                        recorded_by_key=correction.recorded_by_key,
                    )
                )
    return assignments, measurements, revisions


def first_indices(timeline: Timeline, people: Sequence[DemoPerson]) -> dict[str, int]:
    """The first period each person worked in full."""
    first: dict[str, int] = {}
    for person in people:
        starts = [i for i in range(WEEKS) if timeline.week_start(i) >= person.start_date]
        first[person.key] = (
            0 if person.start_date <= timeline.week_start(0) else (starts[0] if starts else WEEKS)
        )
    return first


def period_index(timeline: Timeline, day: date) -> int:
    """The index of the period containing ``day`` (clamped to the year)."""
    for index, period_end in enumerate(timeline.periods):
        if day <= period_end:
            return index
    return WEEKS - 1
