"""Generate the demo organisation: Sen Vàng Retail & Services, about 60 people, 12 months of data.

``generate_demo(as_of=..., seed=...)`` returns plain frozen dataclasses (``kpiwell.demo.model``);
the same ``as_of`` and ``seed`` always give the same organisation. Every situation kpiwell is about
is planted in it, listed in ``DemoOrg.planted`` with the audit finding code it should produce, next
to a healthy control team (Customer Care) that should produce none.

Teams (under Head Office; Retail and Services are divisions):

* Store District 1 (Retail, 12): one sales target for everyone whatever their capacity
  (``uniform-target``), so the newest junior faces a target she never came near
  (``unrealistic-target``, critical) and a steady seller misses it by a hair every week while
  nobody thanks him (``effort-unrecognized``); the manager sets every target
  (``low-involvement``) and praises only the two top sellers (``recognition-drought``); nobody
  would recommend working there (``turnover-risk``).
* Store Thủ Đức (Retail, 10): co-created targets, then a new mall takes 42% of the market in week
  13 of the cycle and the targets stay locked (``locked-target``); a seller carries heavy workload
  while far under target (``chronic-pressure``), another's mood falls week after week
  (``motivation-loss``), and the team's survey shows burnout (``burnout-risk``).
* E-commerce & Live Sales (Retail, 9): numbers only (``quantitative-only``); one person lands at
  100-101% of target every week, one host's sales spike in the last week of each month, one person
  corrects three short weeks to just over target (``gaming-suspected``); wellbeing falls 16 WHO-5
  points between the survey rounds (``motivation-loss``, team).
* Customer Care (Services, 10): the healthy control team.
* Delivery & Installation (Services, 9): self-set, trivially safe targets (``safe-target``,
  ``innovation-suppressed``), an add-on KPI nobody explained (``no-purpose``), and 1:1s that
  stopped weeks ago (``feedback-gap``).
* Appliance Repair (Services, 4): too small for its own survey result (privacy roll-up); its
  targets were revised when a parts shortage cut output, so the shift is not a locked target.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np

from kpiwell.demo.frames import to_audit_frames
from kpiwell.demo.measures import (
    BUNCHING_PERSON,
    CORRECTING_PERSON,
    MARKET_DROP_INDEX,
    NEAR_MISS_SELLER,
    SPIKING_HOST,
    TEAM_PLANS,
    UNREACHABLE_JUNIOR,
    TrackPlan,
    build_rows,
    first_indices,
    generate_series,
    plant_behaviour,
    take_leave,
)
from kpiwell.demo.model import DemoOrg, Planted
from kpiwell.demo.pulse import (
    DELIVERY_NEW_HIRE,
    FADING_SELLER,
    LAST_DELIVERY_CHECKIN,
    PRESSURED_SELLER,
    build_checkins,
    build_recognitions,
)
from kpiwell.demo.roster import (
    CARE,
    DELIVERY,
    OBJECTIVES,
    ONLINE,
    OPERATIONAL_TEAMS,
    ORGANISATION_NAME,
    REPAIR,
    STORE_D1,
    STORE_TD,
    TEAMS,
    build_kpis,
    build_people,
)
from kpiwell.demo.surveys import build_survey_responses
from kpiwell.demo.timeline import build_timeline

__all__ = ["DEFAULT_SEED", "demo_password", "generate_demo", "to_audit_frames"]

DEFAULT_SEED: Final = 20261127
_DEMO_PASSWORD: Final = "kpiwell-demo"

# People whose series carry a planted pattern: no annual-leave week is taken out of them.
_PROTECTED: Final = frozenset(
    {
        NEAR_MISS_SELLER,
        UNREACHABLE_JUNIOR,
        PRESSURED_SELLER,
        FADING_SELLER,
        BUNCHING_PERSON,
        SPIKING_HOST,
        CORRECTING_PERSON,
    }
)


def demo_password() -> str:
    """The one password of every demo login. Demo only: never use it for real accounts."""
    return _DEMO_PASSWORD


def _planted() -> tuple[Planted, ...]:
    store_d1_staff = [f"E{n:03d}" for n in range(8, 19)]
    unpraised = [key for key in store_d1_staff if key not in ("E008", "E009")]
    online_people = [f"E{n:03d}" for n in range(29, 38)]
    delivery_staff = [f"E{n:03d}" for n in range(49, 57)]
    tenured_delivery = [key for key in delivery_staff if key != DELIVERY_NEW_HIRE]
    planted = [
        Planted(
            code="uniform-target",
            team_key=STORE_D1,
            person_key=None,
            kpi_key="K-SALES",
            description="One weekly sales target (60 million VND) for all eleven sales associates, whose own "
            "medians range from about 22 to 92 million VND.",
        ),
        Planted(
            code="unrealistic-target",
            team_key=STORE_D1,
            person_key=UNREACHABLE_JUNIOR,
            kpi_key="K-SALES",
            description="A junior who sells about 22 million VND a week and never more than 60% of the "
            "target has to reach 60 million (critical).",
        ),
        Planted(
            code="low-involvement",
            team_key=STORE_D1,
            person_key=None,
            kpi_key=None,
            description="Every target in the store was set by the manager.",
        ),
        Planted(
            code="effort-unrecognized",
            team_key=STORE_D1,
            person_key=NEAR_MISS_SELLER,
            kpi_key=None,
            description="A steady seller lands at 87-97% of the target week after week and has never "
            "received recognition.",
        ),
        *[
            Planted(
                code="recognition-drought",
                team_key=STORE_D1,
                person_key=key,
                kpi_key=None,
                description="The manager praises only the two top sellers: nothing received for 45 days "
                "or more.",
            )
            for key in unpraised
        ],
        Planted(
            code="turnover-risk",
            team_key=STORE_D1,
            person_key=None,
            kpi_key=None,
            description="Most people would not recommend working here: eNPS about -50 in both rounds.",
        ),
        Planted(
            code="locked-target",
            team_key=STORE_TD,
            person_key=None,
            kpi_key="K-SALES",
            description="A new mall opened in week 13 of the cycle and the store's sales fell by 42%; "
            "nobody revised a target.",
        ),
        Planted(
            code="chronic-pressure",
            team_key=STORE_TD,
            person_key=PRESSURED_SELLER,
            kpi_key=None,
            description="Workload 4-5 in each of her last four check-ins while her sales stay under 70% "
            "of the locked target.",
        ),
        Planted(
            code="motivation-loss",
            team_key=STORE_TD,
            person_key=FADING_SELLER,
            kpi_key=None,
            description="Mood in her last eight check-ins (twice a week lately): 5, 4, 4, 3, 2, 2, 1, 1.",
        ),
        Planted(
            code="burnout-risk",
            team_key=STORE_TD,
            person_key=None,
            kpi_key=None,
            description="Work-related CBI mean about 58 (two thirds at 50 or more) and WHO-5 mean "
            "about 38 in the latest round.",
        ),
        *[
            Planted(
                code="quantitative-only",
                team_key=ONLINE,
                person_key=key,
                kpi_key=None,
                description="Orders, live-stream sales and chat time only: no qualitative KPI at all.",
            )
            for key in online_people
        ],
        Planted(
            code="gaming-suspected",
            team_key=ONLINE,
            person_key=BUNCHING_PERSON,
            kpi_key="K-ORDERS",
            description="Every week of the cycle lands at 100-101% of target, after a year of values "
            "spread smoothly around 95%.",
        ),
        Planted(
            code="gaming-suspected",
            team_key=ONLINE,
            person_key=SPIKING_HOST,
            kpi_key="K-LIVE",
            description="The last week of every month sells 2.4-2.9 times a normal week.",
        ),
        Planted(
            code="gaming-suspected",
            team_key=ONLINE,
            person_key=CORRECTING_PERSON,
            kpi_key="K-ORDERS",
            description="Three self-corrections, each lifting a week from 93-97% of target to just over it.",
        ),
        Planted(
            code="motivation-loss",
            team_key=ONLINE,
            person_key=None,
            kpi_key=None,
            description="WHO-5 mean falls from about 74 to about 58 between the two survey rounds.",
        ),
        Planted(
            code="no-purpose",
            team_key=DELIVERY,
            person_key=None,
            kpi_key="K-ADDON",
            description="'Add-on services sold' was added this cycle without anyone writing down why.",
        ),
        *[
            Planted(
                code="feedback-gap",
                team_key=DELIVERY,
                person_key=key,
                kpi_key=None,
                description=(
                    "Only an onboarding check-in, about three months ago (critical)."
                    if key == DELIVERY_NEW_HIRE
                    else f"Last check-in {LAST_DELIVERY_CHECKIN[key]} days before as-of"
                    + (" (critical)." if LAST_DELIVERY_CHECKIN[key] > 30 else " (warning).")
                ),
            )
            for key in delivery_staff
        ],
        *[
            Planted(
                code="safe-target",
                team_key=DELIVERY,
                person_key=key,
                kpi_key=kpi,
                description="A self-set target far below what this person always delivers.",
            )
            for key in tenured_delivery
            for kpi in ("K-DELIV", "K-ONTIME", "K-INSTALL")
        ],
        Planted(
            code="safe-target",
            team_key=DELIVERY,
            person_key="E048",
            kpi_key="K-ONTIME",
            description="The supervisor's on-time target (85%) against a team that runs at about 95%.",
        ),
        Planted(
            code="innovation-suppressed",
            team_key=DELIVERY,
            person_key=None,
            kpi_key=None,
            description="About three quarters of the team's assignments are trivially safe.",
        ),
    ]
    return tuple(planted)


def generate_demo(*, as_of: date, seed: int = DEFAULT_SEED) -> DemoOrg:
    """The demo organisation as of ``as_of`` (the last weekly period is the Sunday on or before it)."""
    rng = np.random.default_rng(seed)
    timeline = build_timeline(as_of)
    people = build_people(as_of)
    by_key = {p.key: p for p in people}
    first = first_indices(timeline, people)

    plans: list[TrackPlan] = []
    for team in OPERATIONAL_TEAMS:
        plans += TEAM_PLANS[team](rng, first)
    series = generate_series(rng, timeline, plans)
    take_leave(rng, [s for s in series if not s.plan.healthy], _PROTECTED)
    plant_behaviour(rng, timeline, series)
    assignments, measurements, revisions = build_rows(rng, timeline, series, by_key)

    main_kpi: dict[str, str] = {}
    for plan in plans:
        main_kpi.setdefault(plan.track.person_key, plan.track.kpi_key)
    checkins = build_checkins(rng, timeline, people, drop=timeline.week_start(MARKET_DROP_INDEX))
    recognitions = build_recognitions(rng, timeline, people, main_kpi)
    survey_responses = build_survey_responses(rng, timeline, people)

    return DemoOrg(
        name=ORGANISATION_NAME,
        as_of=as_of,
        teams=TEAMS,
        people=people,
        objectives=OBJECTIVES,
        kpis=build_kpis(),
        cycles=(timeline.previous, timeline.current),
        assignments=tuple(assignments),
        measurements=tuple(measurements),
        revisions=tuple(revisions),
        checkins=tuple(sorted(checkins, key=lambda c: (c.date, c.employee_key))),
        recognitions=tuple(sorted(recognitions, key=lambda r: (r.date, r.receiver_key))),
        survey_responses=tuple(survey_responses),
        planted=_planted(),
        healthy_team_key=CARE,
        small_team_key=REPAIR,
        current_cycle_key=timeline.current.key,
    )
