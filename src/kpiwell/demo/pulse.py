"""Check-ins (the weekly 1:1 pulse: mood and workload 1-5) and recognition, team by team.

Healthy teams meet weekly and praise often; Delivery & Installation's supervisor is always on the
road, so 1:1s stopped weeks ago; Store District 1's manager meets weekly but praises only the two
top sellers. Planted people get their pattern written explicitly, so it holds for every seed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import numpy as np

from kpiwell.demo.model import DemoCheckIn, DemoPerson, DemoRecognition, RecognitionKind
from kpiwell.demo.roster import (
    CARE,
    DELIVERY,
    HEAD_OFFICE,
    ONLINE,
    REPAIR,
    RETAIL,
    SERVICES,
    STORE_D1,
    STORE_TD,
)
from kpiwell.demo.timeline import Timeline, tet_date

PRESSURED_SELLER: Final = "E020"  # workload >= 4 in her last four check-ins
FADING_SELLER: Final = "E022"  # mood falls from 5 to 1 over her last eight check-ins
FADING_MOODS: Final = (5, 5, 4, 3, 2, 1, 1, 1)
PRESSURED_WORKLOADS: Final = (4, 4, 5, 4)
# Delivery & Installation: days since each person's last 1:1 (the new hire had one at onboarding).
# The audit's default as-of is the latest period end, up to six days before the demo's as-of, so
# every gap stays beyond its line (warning after 14 days, critical after 30) from either date.
LAST_DELIVERY_CHECKIN: Final = {
    "E049": 38,
    "E050": 45,
    "E051": 24,
    "E052": 62,
    "E053": 23,
    "E054": 52,
    "E055": 71,
}
DELIVERY_NEW_HIRE: Final = "E056"
TOP_SELLERS: Final = frozenset({"E008", "E009"})  # the only ones Store District 1 praises
NEVER_PRAISED: Final = frozenset({"E013", "E018"})

# (mood weights for 1-5, workload weights for 1-5) per team and phase
_PULSE: Final[dict[str, tuple[tuple[float, ...], tuple[float, ...]]]] = {
    CARE: ((0, 0, 0.15, 0.6, 0.25), (0, 0.4, 0.6, 0, 0)),
    STORE_D1: ((0, 0.15, 0.5, 0.35, 0), (0, 0.15, 0.65, 0.2, 0)),
    STORE_TD: ((0, 0, 0.4, 0.5, 0.1), (0, 0.2, 0.7, 0.1, 0)),
    "store-td-after-drop": ((0, 0.2, 0.6, 0.2, 0), (0, 0.1, 0.6, 0.3, 0)),
    ONLINE: ((0, 0, 0.3, 0.55, 0.15), (0, 0.3, 0.6, 0.1, 0)),
    DELIVERY: ((0, 0, 0.4, 0.5, 0.1), (0, 0.1, 0.7, 0.2, 0)),
    REPAIR: ((0, 0, 0.25, 0.6, 0.15), (0, 0.3, 0.6, 0.1, 0)),
    HEAD_OFFICE: ((0, 0, 0.3, 0.6, 0.1), (0, 0, 0.6, 0.4, 0)),
}

_NOTES: Final = {
    "en": {
        "good": (
            "Good week. Shared what worked with the team.",
            "Talked about the training course for next quarter.",
            "Workload fine; agreed to try a new approach on the hard cases.",
            "Nothing blocking. Celebrated a customer's thank-you note.",
        ),
        "ok": (
            "Busy week but manageable. Reviewed priorities together.",
            "Discussed a difficult customer and how to handle similar cases.",
            "Agreed what to drop so the important work gets done.",
        ),
        "low": (
            "Tired; the numbers feel out of reach. Talked about what is in our control.",
            "Stressful week. Agreed to look at the target together next time.",
            "Feeling low. Offered a day off and the wellbeing line.",
        ),
    },
    "vi": {
        "good": (
            "Tuần tốt. Đã chia sẻ cách làm hiệu quả với cả nhóm.",
            "Trao đổi về khóa đào tạo quý tới.",
            "Khối lượng việc ổn; thống nhất thử cách mới cho các ca khó.",
            "Không có vướng mắc. Vui vì nhận được lời cảm ơn của khách hàng.",
        ),
        "ok": (
            "Tuần bận nhưng vẫn ổn. Cùng xem lại thứ tự ưu tiên.",
            "Trao đổi về một khách hàng khó và cách xử lý các trường hợp tương tự.",
            "Thống nhất việc nào có thể tạm gác để tập trung việc quan trọng.",
        ),
        "low": (
            "Mệt; chỉ tiêu có vẻ ngoài tầm với. Đã nói về những gì mình kiểm soát được.",
            "Tuần nhiều áp lực. Hẹn lần sau cùng xem lại chỉ tiêu.",
            "Tinh thần đi xuống. Đề nghị nghỉ một ngày và giới thiệu đường dây hỗ trợ.",
        ),
    },
}


@dataclass(frozen=True, slots=True, kw_only=True)
class _Meeting:
    day: date
    phase: str


def _tet_holiday(day: date) -> bool:
    tet = tet_date(day.year)
    return tet - timedelta(days=1) <= day <= tet + timedelta(days=4)


def _weekly(first: date, last: date, weekday: int) -> list[date]:
    """Every ``weekday`` from ``first`` to ``last``; a meeting in the Tết holiday moves before it."""
    day = last - timedelta(days=(last.weekday() - weekday) % 7)
    days = set()
    while day >= first:
        days.add(tet_date(day.year) - timedelta(days=2) if _tet_holiday(day) else day)
        day -= timedelta(days=7)
    return sorted(d for d in days if first <= d <= last)


def _pick(rng: np.random.Generator, weights: Sequence[float]) -> int:
    probabilities = np.asarray(weights, dtype=float)
    return int(rng.choice(5, p=probabilities / probabilities.sum())) + 1


def _slope(values: Sequence[int]) -> float:
    x = np.arange(len(values), dtype=float)
    return float(np.polyfit(x, np.asarray(values, dtype=float), 1)[0])


def _steady(rng: np.random.Generator, moods: list[int], workloads: list[int], phase: str) -> None:
    """Redraw the last eight so a non-planted person shows no trend and no run of heavy weeks."""
    mood_weights, workload_weights = _PULSE[phase]
    tail = min(8, len(moods))
    for _ in range(500):
        recent_moods = moods[-tail:]
        recent_workloads = workloads[-4:]
        flat = tail < 3 or abs(_slope(recent_moods) * 7) <= 0.45
        light = sum(w >= 4 for w in recent_workloads) <= 1
        if flat and light:
            return
        moods[-tail:] = [_pick(rng, mood_weights) for _ in range(tail)]
        workloads[-4:] = [_pick(rng, workload_weights) for _ in range(len(recent_workloads))]
    raise RuntimeError("could not draw a steady pulse")


def _note(rng: np.random.Generator, person: DemoPerson, mood: int) -> str:
    band = "good" if mood >= 4 else "ok" if mood == 3 else "low"
    options = _NOTES[person.language][band]
    return options[int(rng.integers(0, len(options)))]


def _meetings(rng: np.random.Generator, timeline: Timeline, person: DemoPerson, drop: date) -> list[_Meeting]:
    first = max(person.start_date + timedelta(days=3), timeline.periods[0] - timedelta(days=6))
    last = timeline.as_of
    weekday = int(rng.integers(0, 5))
    team = person.team_key
    if team == DELIVERY and person.manager_key == "E048":
        if person.key == DELIVERY_NEW_HIRE:
            return [_Meeting(day=person.start_date + timedelta(days=3), phase=DELIVERY)]
        gap = LAST_DELIVERY_CHECKIN[person.key]
        end = last - timedelta(days=gap)
        days = [end - timedelta(days=7 * int(step)) for step in np.cumsum(rng.integers(4, 9, size=12))]
        return [_Meeting(day=d, phase=DELIVERY) for d in sorted([end, *days]) if d >= first]
    if team in (HEAD_OFFICE, RETAIL, SERVICES):
        days = _weekly(first, last, weekday)[::-2][::-1]  # every other week
        return [_Meeting(day=d, phase=HEAD_OFFICE) for d in days]
    days = _weekly(first, last, weekday)
    if person.key == FADING_SELLER:  # her manager moved to twice-weekly check-ins as she struggled
        # Up to the last period end, so that her last eight check-ins are the same whether the
        # audit's as-of is the demo's or the default (the latest period end).
        cutoff = timeline.last_period - timedelta(days=27)
        twice_weekly = sorted(
            cutoff + timedelta(days=offset)
            for offset in range(28)
            if (cutoff + timedelta(days=offset)).weekday() in (0, 3)
        )
        days = sorted([d for d in days if d < cutoff - timedelta(days=3)] + twice_weekly)
    meetings = []
    for day in days:
        phase = "store-td-after-drop" if team == STORE_TD and day >= drop else team
        meetings.append(_Meeting(day=day, phase=phase))
    return meetings


def build_checkins(
    rng: np.random.Generator, timeline: Timeline, people: Sequence[DemoPerson], drop: date
) -> list[DemoCheckIn]:
    checkins: list[DemoCheckIn] = []
    for person in people:
        if person.manager_key is None:
            continue
        meetings = _meetings(rng, timeline, person, drop)
        if not meetings:
            continue
        moods = [_pick(rng, _PULSE[m.phase][0]) for m in meetings]
        workloads = [_pick(rng, _PULSE[m.phase][1]) for m in meetings]
        if person.key == FADING_SELLER:
            moods[-len(FADING_MOODS) :] = list(FADING_MOODS)
            workloads[-len(FADING_MOODS) :] = [3] * len(FADING_MOODS)
        elif person.key == PRESSURED_SELLER:
            _steady(rng, moods, workloads, meetings[-1].phase)
            moods[-len(PRESSURED_WORKLOADS) :] = [3, 2, 3, 2]
            workloads[-len(PRESSURED_WORKLOADS) :] = list(PRESSURED_WORKLOADS)
        else:
            _steady(rng, moods, workloads, meetings[-1].phase)
        for meeting, mood, workload in zip(meetings, moods, workloads, strict=True):
            checkins.append(
                DemoCheckIn(
                    employee_key=person.key,
                    manager_key=person.manager_key,
                    date=meeting.day,
                    mood=mood,
                    workload=workload,
                    notes=_note(rng, person, mood),
                )
            )
    return checkins


# ----------------------------------------------------------------------------------------------
# Recognition

_PRAISE: Final = {
    "en": (
        "Thank you for staying late to help a customer choose the right fridge.",
        "Your write-up of the warranty process saved us all time.",
        "Calm and kind with a very upset customer. Thank you!",
        "Covered a colleague's shift without being asked.",
        "Great teamwork during the mega-sale week.",
        "A customer called just to say how helpful you were.",
    ),
    "vi": (
        "Cảm ơn bạn đã ở lại muộn để giúp khách chọn đúng tủ lạnh.",
        "Bản hướng dẫn quy trình bảo hành của bạn giúp cả nhóm tiết kiệm thời gian.",
        "Bình tĩnh và tử tế với một khách hàng rất bực bội. Cảm ơn bạn!",
        "Chủ động làm thay ca cho đồng nghiệp.",
        "Phối hợp rất tốt trong tuần siêu khuyến mãi.",
        "Một khách hàng gọi lại chỉ để khen bạn đã tư vấn nhiệt tình.",
    ),
}
_NOMINATION: Final = {
    "en": "Nominated for the customer-experience training scholarship.",
    "vi": "Đề cử học bổng khóa đào tạo trải nghiệm khách hàng.",
}

# (days before the last period for the latest recognition: low, high; gap between recognitions)
_RHYTHM: Final[dict[str, tuple[int, int, int, int]]] = {
    CARE: (2, 14, 10, 28),
    STORE_D1: (45, 120, 40, 90),
    STORE_TD: (5, 40, 20, 50),
    ONLINE: (3, 30, 15, 40),
    DELIVERY: (10, 60, 30, 70),
    REPAIR: (4, 25, 14, 35),
    RETAIL: (5, 30, 20, 50),
    SERVICES: (5, 30, 20, 50),
    HEAD_OFFICE: (10, 60, 30, 80),
}


def _givers(person: DemoPerson, people: Sequence[DemoPerson]) -> list[str]:
    peers = [p.key for p in people if p.team_key == person.team_key and p.key != person.key]
    givers = [*peers, *([person.manager_key] if person.manager_key else [])]
    return givers or ["E001" if person.key != "E001" else "E002"]


def build_recognitions(
    rng: np.random.Generator, timeline: Timeline, people: Sequence[DemoPerson], main_kpi: dict[str, str]
) -> list[DemoRecognition]:
    recognitions: list[DemoRecognition] = []
    anchor = timeline.last_period
    for person in people:
        low, high, gap_low, gap_high = _RHYTHM[person.team_key]
        if person.key in TOP_SELLERS or person.key == "E007":
            low, high, gap_low, gap_high = 4, 20, 14, 30
        givers = _givers(person, people)
        if person.key in TOP_SELLERS:
            givers = ["E007", "E005"]
        day = anchor - timedelta(days=int(rng.integers(low, high + 1)))
        if person.key in NEVER_PRAISED:
            day = anchor - timedelta(days=400)
        count = 0
        while day >= max(person.start_date, timeline.periods[0]):
            giver = givers[int(rng.integers(0, len(givers)))]
            nomination = person.team_key == CARE and count == 2
            kind: RecognitionKind = "nomination" if nomination else "praise"
            texts = _PRAISE[person.language]
            recognitions.append(
                DemoRecognition(
                    giver_key=giver,
                    receiver_key=person.key,
                    date=day,
                    kind=kind,
                    note=_NOMINATION[person.language]
                    if nomination
                    else texts[int(rng.integers(0, len(texts)))],
                    kpi_key=main_kpi.get(person.key) if rng.random() < 0.4 else None,
                )
            )
            count += 1
            day -= timedelta(days=int(rng.integers(gap_low, gap_high + 1)))
    return recognitions
