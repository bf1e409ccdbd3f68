"""Two survey rounds (WHO-5, CBI personal and work-related, Mini-Z, eNPS) for the operational teams.

Each person has a stable disposition (an offset from the team mean, re-centred so the team mean is
what the profile says); each round adds a small change. Item answers are spread so that the
person's instrument score is exactly their drawn score, using each source's own scoring:
WHO-5 percentage = 4 x the sum of five 0-5 items; a CBI subscale = the mean of item points where a
0-4 answer (4 = "Always" / "To a very high degree") is worth answer x 25, work-related item 4
reverse-scored (Kristensen et al. 2005).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import numpy as np

from kpiwell.demo.model import DemoPerson, DemoSurveyResponse, Instrument
from kpiwell.demo.roster import CARE, DELIVERY, ONLINE, OPERATIONAL_TEAMS, REPAIR, STORE_D1, STORE_TD
from kpiwell.demo.timeline import Timeline

WHO5_ITEMS: Final = 5
CBI_PERSONAL_ITEMS: Final = 6
CBI_WORK_ITEMS: Final = 7
CBI_WORK_REVERSED_ITEM: Final = 4  # "enough energy for family and friends during leisure time?"
ROUND_GAP_DAYS: Final = 91
ROUND_SPREAD_DAYS: Final = 5
CALM_CEILING: Final = 44.0


@dataclass(frozen=True, slots=True, kw_only=True)
class RoundProfile:
    who5: float  # team mean, percentage 0-100
    cbi_work: float  # team mean, 0-100
    cbi_personal: float
    cbi_work_cap: float  # no individual above this (keeps the "30% of respondents >= 50" rule quiet)
    miniz: tuple[float, float, float, float, float]  # weights for answers 1-5
    promoters: float  # share of the team answering 9-10
    detractors: float  # share answering 0-6
    calm_share: float = 0.0  # share of respondents (the least strained) whose CBI stays under 45


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamProfile:
    first: RoundProfile
    second: RoundProfile


_CALM: Final = (0.45, 0.45, 0.1, 0.0, 0.0)
_STRAINED: Final = (0.1, 0.4, 0.4, 0.1, 0.0)
_BURNT: Final = (0.0, 0.1, 0.4, 0.4, 0.1)

PROFILES: Final = {
    # The healthy control team: good wellbeing, low burnout, keen to recommend, stable.
    CARE: TeamProfile(
        first=RoundProfile(
            who5=68, cbi_work=31, cbi_personal=34, cbi_work_cap=42, miniz=_CALM, promoters=0.7, detractors=0.0
        ),
        second=RoundProfile(
            who5=70, cbi_work=30, cbi_personal=33, cbi_work_cap=42, miniz=_CALM, promoters=0.7, detractors=0.0
        ),
    ),
    # One target for everyone: fine personally, but would not recommend working here (eNPS ~ -50).
    STORE_D1: TeamProfile(
        first=RoundProfile(
            who5=66,
            cbi_work=36,
            cbi_personal=40,
            cbi_work_cap=46,
            miniz=_STRAINED,
            promoters=0.1,
            detractors=0.5,
        ),
        second=RoundProfile(
            who5=66,
            cbi_work=37,
            cbi_personal=41,
            cbi_work_cap=46,
            miniz=_STRAINED,
            promoters=0.1,
            detractors=0.5,
        ),
    ),
    # Locked targets after the market fell: burnout (CBI work mean >= 50, WHO-5 < 50). Already
    # strained in the first round, so the fall between rounds stays small; a third of the team
    # stays under 45, so the Retail division as a whole stays under the 30%-share line.
    STORE_TD: TeamProfile(
        first=RoundProfile(
            who5=41,
            cbi_work=56,
            cbi_personal=55,
            cbi_work_cap=100,
            miniz=_BURNT,
            promoters=0.4,
            detractors=0.2,
            calm_share=0.34,
        ),
        second=RoundProfile(
            who5=38,
            cbi_work=62,
            cbi_personal=60,
            cbi_work_cap=100,
            miniz=_BURNT,
            promoters=0.4,
            detractors=0.2,
            calm_share=0.34,
        ),
    ),
    # Numbers only: wellbeing falls by about 16 WHO-5 points between the rounds.
    ONLINE: TeamProfile(
        first=RoundProfile(
            who5=74,
            cbi_work=32,
            cbi_personal=35,
            cbi_work_cap=46,
            miniz=_CALM,
            promoters=0.45,
            detractors=0.0,
        ),
        second=RoundProfile(
            who5=58,
            cbi_work=38,
            cbi_personal=41,
            cbi_work_cap=46,
            miniz=_STRAINED,
            promoters=0.35,
            detractors=0.0,
        ),
    ),
    DELIVERY: TeamProfile(
        first=RoundProfile(
            who5=62,
            cbi_work=38,
            cbi_personal=38,
            cbi_work_cap=46,
            miniz=_STRAINED,
            promoters=0.3,
            detractors=0.2,
        ),
        second=RoundProfile(
            who5=61,
            cbi_work=39,
            cbi_personal=39,
            cbi_work_cap=46,
            miniz=_STRAINED,
            promoters=0.3,
            detractors=0.2,
        ),
    ),
    # Four people: poor wellbeing that only a privacy-respecting roll-up may show, never on its own.
    REPAIR: TeamProfile(
        first=RoundProfile(
            who5=46,
            cbi_work=44,
            cbi_personal=45,
            cbi_work_cap=46,
            miniz=_STRAINED,
            promoters=0.25,
            detractors=0.25,
        ),
        second=RoundProfile(
            who5=44,
            cbi_work=45,
            cbi_personal=46,
            cbi_work_cap=46,
            miniz=_STRAINED,
            promoters=0.25,
            detractors=0.25,
        ),
    ),
}


def spread(rng: np.random.Generator, total: int, items: int, top: int) -> list[int]:
    """``items`` answers between 0 and ``top`` summing to ``total`` (clamped), varied a little."""
    total = max(0, min(total, items * top))
    answers = [total // items] * items
    for index in rng.permutation(items)[: total - sum(answers)]:
        answers[int(index)] += 1
    for _ in range(items):
        give, take = (int(i) for i in rng.choice(items, size=2, replace=False))
        if answers[give] > 0 and answers[take] < top:
            answers[give] -= 1
            answers[take] += 1
    return answers


def who5_items(rng: np.random.Generator, percentage: float) -> list[int]:
    return spread(rng, round(percentage / 4), WHO5_ITEMS, 5)


def cbi_items(rng: np.random.Generator, score: float, items: int, reversed_item: int | None) -> list[int]:
    """0-4 answers whose CBI score (mean of item points) is ``score`` to the nearest 25/items."""
    intensities = spread(rng, round(score * items / 25), items, 4)
    if reversed_item is not None:
        intensities[reversed_item - 1] = 4 - intensities[reversed_item - 1]
    return intensities


def _enps_answer(rng: np.random.Generator, category: str) -> int:
    if category == "promoter":
        return int(rng.choice([9, 10]))
    if category == "passive":
        return int(rng.choice([7, 8]))
    return int(rng.choice([2, 3, 4, 5, 6]))


def _categories(rng: np.random.Generator, keys: Sequence[str], profile: RoundProfile) -> dict[str, str]:
    order = [keys[int(i)] for i in rng.permutation(len(keys))]
    promoters = round(profile.promoters * len(keys))
    detractors = round(profile.detractors * len(keys))
    result = {}
    for position, key in enumerate(order):
        if position < promoters:
            result[key] = "promoter"
        elif position >= len(keys) - detractors:
            result[key] = "detractor"
        else:
            result[key] = "passive"
    return result


def _centred(values: Sequence[float]) -> list[float]:
    middle = sum(values) / len(values) if values else 0.0
    return [value - middle for value in values]


def _absent(rng: np.random.Generator, keys: Sequence[str], categories: dict[str, str]) -> set[str]:
    """About one in eight does not answer a round; the quiet ones are mostly passives.

    Drawing non-respondents among passives keeps a small team's eNPS from swinging by 20 points
    between rounds only because a different promoter or detractor happened to skip.
    """
    skipped = max(1, round(0.13 * len(keys)))
    passives = [k for k in keys if categories[k] == "passive"]
    others = [k for k in keys if categories[k] != "passive"]
    pool = [passives[int(i)] for i in rng.permutation(len(passives))]
    pool += [others[int(i)] for i in rng.permutation(len(others))]
    return set(pool[:skipped])


def round_dates(timeline: Timeline) -> tuple[date, date]:
    """First days of the two rounds: about three months and about a week before the last period."""
    second = timeline.last_period - timedelta(days=8)
    return second - timedelta(days=ROUND_GAP_DAYS), second


def build_survey_responses(
    rng: np.random.Generator, timeline: Timeline, people: Sequence[DemoPerson]
) -> list[DemoSurveyResponse]:
    responses: list[DemoSurveyResponse] = []
    starts = round_dates(timeline)
    for team in OPERATIONAL_TEAMS:
        members = [p for p in people if p.team_key == team]
        keys = [p.key for p in members]
        profile = PROFILES[team]
        who5_disposition = [float(x) for x in rng.normal(0.0, 8.0, size=len(keys))]
        cbi_disposition = [float(x) for x in rng.normal(0.0, 6.0, size=len(keys))]
        categories_first = _categories(rng, keys, profile.first)
        # the second round keeps people's answer categories unless the team's shares changed
        categories_second = (
            categories_first
            if profile.first.promoters == profile.second.promoters
            else _categories(rng, keys, profile.second)
        )
        for round_profile, start, categories in (
            (profile.first, starts[0], categories_first),
            (profile.second, starts[1], categories_second),
        ):
            absent = _absent(rng, keys, categories)
            present = [i for i, p in enumerate(members) if p.key not in absent and p.start_date <= start]
            # a person's disposition plus this round's mood, centred on the respondents so the
            # team mean is the profile's, whoever happened to skip the round
            who5_offsets = _centred([who5_disposition[i] + float(rng.normal(0, 2.5)) for i in present])
            cbi_offsets = _centred([cbi_disposition[i] + float(rng.normal(0, 2.5)) for i in present])
            least_strained = sorted(range(len(present)), key=lambda i: cbi_offsets[i])
            calm = set(least_strained[: round(round_profile.calm_share * len(present))])
            for position, index in enumerate(present):
                person = members[index]
                day = start + timedelta(days=int(rng.integers(0, ROUND_SPREAD_DAYS)))
                who5 = float(np.clip(round_profile.who5 + who5_offsets[position], 8, 96))
                work = float(
                    np.clip(round_profile.cbi_work + cbi_offsets[position], 0, round_profile.cbi_work_cap)
                )
                personal = float(np.clip(round_profile.cbi_personal + cbi_offsets[position], 0, 100))
                if position in calm:
                    work, personal = min(work, CALM_CEILING), min(personal, CALM_CEILING)
                answers: list[tuple[Instrument, list[int]]] = [
                    ("who5", who5_items(rng, who5)),
                    ("cbi-personal", cbi_items(rng, personal, CBI_PERSONAL_ITEMS, None)),
                    ("cbi-work", cbi_items(rng, work, CBI_WORK_ITEMS, CBI_WORK_REVERSED_ITEM)),
                    ("mini-z", [int(rng.choice(5, p=np.asarray(round_profile.miniz))) + 1]),
                    ("enps", [_enps_answer(rng, categories[person.key])]),
                ]
                for instrument, items in answers:
                    for item, response in enumerate(items, start=1):
                        responses.append(
                            DemoSurveyResponse(
                                person_key=person.key,
                                instrument=instrument,
                                item=item,
                                response=response,
                                date=day,
                            )
                        )
    return responses
