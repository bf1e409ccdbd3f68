"""Small re-implementations of the audit rules' arithmetic, to check the demo's planted numbers.

These are deliberately simple (empirical shares, medians, least squares) and independent of the
engine: they check that the generated data sits clearly on the intended side of each threshold.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from statistics import mean, median, pstdev

import numpy as np

from kpiwell.demo.model import DemoAssignment, DemoOrg, DemoSurveyResponse


def current_values(demo: DemoOrg) -> dict[tuple[str, str], dict[date, float]]:
    """Latest recorded value per person x KPI x period."""
    latest: dict[tuple[str, str, date], tuple[datetime, float]] = {}
    for m in demo.measurements:
        key = (m.person_key, m.kpi_key, m.period_end)
        if key not in latest or m.recorded_at > latest[key][0]:
            latest[key] = (m.recorded_at, m.value)
    out: dict[tuple[str, str], dict[date, float]] = defaultdict(dict)
    for (person, kpi, period), (_, value) in latest.items():
        out[(person, kpi)][period] = value
    return out


def current_assignments(demo: DemoOrg) -> dict[tuple[str, str], DemoAssignment]:
    return {(a.person_key, a.kpi_key): a for a in demo.assignments if a.cycle_key == demo.current_cycle_key}


def direction(demo: DemoOrg, kpi: str) -> str:
    return next(k.direction for k in demo.kpis if k.key == kpi)


def ratio(value: float, target: float, how: str) -> float:
    return value / target if how == "higher" else target / value


def attainments(demo: DemoOrg, person: str, kpi: str, *, in_cycle: bool = True) -> list[float]:
    values = current_values(demo)[(person, kpi)]
    assignment = current_assignments(demo)[(person, kpi)]
    cycle = next(c for c in demo.cycles if c.key == demo.current_cycle_key)
    how = direction(demo, kpi)
    return [
        ratio(v, assignment.target, how) for d, v in sorted(values.items()) if (d >= cycle.start) == in_cycle
    ]


def p_reach(demo: DemoOrg, person: str, kpi: str) -> float:
    """Share of all the person's periods (up to as-of) that reach the current target."""
    ratios = attainments(demo, person, kpi) + attainments(demo, person, kpi, in_cycle=False)
    return sum(r >= 1.0 for r in ratios) / len(ratios)


def p_reach_trend(demo: DemoOrg, person: str, kpi: str) -> float:
    """Normal probability of reaching the target next period, following a least-squares trend."""
    from scipy.stats import norm

    values = current_values(demo)[(person, kpi)]
    target = current_assignments(demo)[(person, kpi)].target
    points = sorted(values.items())
    x = np.array([(d - points[0][0]).days / 7 for d, _ in points])
    y = np.array([v for _, v in points])
    slope, intercept = np.polyfit(x, y, 1)
    residual = float(np.std(y - (slope * x + intercept), ddof=2))
    forecast = slope * (x[-1] + 1) + intercept
    z = (target - forecast) / residual
    return float(1 - norm.cdf(z)) if direction(demo, kpi) == "higher" else float(norm.cdf(z))


def capacity_cv(demo: DemoOrg, team: str, kpi: str) -> float:
    people = {p.key for p in demo.people if p.team_key == team}
    medians = [
        median(v.values()) for (person, k), v in current_values(demo).items() if k == kpi and person in people
    ]
    return pstdev(medians) / mean(medians)


def team_median_series(demo: DemoOrg, team: str, kpi: str) -> list[float]:
    people = {p.key for p in demo.people if p.team_key == team}
    cycle = next(c for c in demo.cycles if c.key == demo.current_cycle_key)
    by_period: dict[date, list[float]] = defaultdict(list)
    for (person, k), values in current_values(demo).items():
        if k == kpi and person in people:
            for d, v in values.items():
                if d >= cycle.start:
                    by_period[d].append(v)
    return [median(by_period[d]) for d in sorted(by_period)]


def best_split_shift(series: list[float], min_side: int = 3) -> float:
    """Largest relative change between medians before and after a split, min_side on each side."""
    best = 0.0
    for split in range(min_side, len(series) - min_side + 1):
        before, after = median(series[:split]), median(series[split:])
        best = max(best, abs(after - before) / before)
    return best


def month_end_spikes(demo: DemoOrg, person: str, kpi: str) -> tuple[int, int]:
    """(months whose last period is >= 2x the median of the month's other periods, months)."""
    values = current_values(demo)[(person, kpi)]
    months: dict[tuple[int, int], list[tuple[date, float]]] = defaultdict(list)
    for d, v in sorted(values.items()):
        months[(d.year, d.month)].append((d, v))
    spikes = complete = 0
    for rows in months.values():
        last_day = rows[-1][0]
        if len(rows) < 4 or (last_day + timedelta(days=7)).month == last_day.month:
            continue  # not a complete month: its last week is missing
        complete += 1
        others = [v for _, v in rows[:-1]]
        spikes += rows[-1][1] >= 2 * median(others)
    return spikes, complete


def short_to_reach_corrections(demo: DemoOrg, person: str, kpi: str) -> int:
    target = current_assignments(demo)[(person, kpi)].target
    how = direction(demo, kpi)
    rows = defaultdict(list)
    for m in demo.measurements:
        if m.person_key == person and m.kpi_key == kpi:
            rows[m.period_end].append((m.recorded_at, m.value))
    count = 0
    for history in rows.values():
        history.sort()
        for (_, before), (_, after) in pairwise(history):
            count += ratio(before, target, how) < 1.0 <= ratio(after, target, how)
    return count


def checkin_slope_per_checkin(demo: DemoOrg, person: str) -> float:
    moods = [c.mood for c in sorted(demo.checkins, key=lambda c: c.date) if c.employee_key == person][-8:]
    return float(np.polyfit(np.arange(len(moods)), moods, 1)[0]) * 7


def checkin_slope_per_day(demo: DemoOrg, person: str) -> float:
    rows = [c for c in sorted(demo.checkins, key=lambda c: c.date) if c.employee_key == person][-8:]
    days = [(c.date - rows[0].date).days for c in rows]
    return float(np.polyfit(days, [c.mood for c in rows], 1)[0]) * 7


def days_since_checkin(demo: DemoOrg, person: str, as_of: date) -> int:
    dates = [c.date for c in demo.checkins if c.employee_key == person and c.date <= as_of]
    return (as_of - max(dates)).days if dates else 10_000


def days_since_recognition(demo: DemoOrg, person: str, as_of: date) -> int:
    dates = [r.date for r in demo.recognitions if r.receiver_key == person and r.date <= as_of]
    return (as_of - max(dates)).days if dates else 10_000


def survey_rounds(demo: DemoOrg) -> list[list[DemoSurveyResponse]]:
    rows = sorted(demo.survey_responses, key=lambda s: s.date)
    rounds: list[list[DemoSurveyResponse]] = []
    last: date | None = None
    for row in rows:
        if last is None or (row.date - last) > timedelta(days=14):
            rounds.append([])
        rounds[-1].append(row)
        last = row.date
    return rounds


def survey_scores(demo: DemoOrg, team: str, round_index: int) -> dict[str, list[float]]:
    """Per instrument, the respondents' scores in the round (WHO-5 %, CBI 0-100, raw mini-z/eNPS)."""
    people = {p.key for p in demo.people if p.team_key == team}
    answers: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for row in survey_rounds(demo)[round_index]:
        if row.person_key in people:
            answers[(row.person_key, row.instrument)][row.item] = row.response
    scores: dict[str, list[float]] = defaultdict(list)
    for (_, instrument), items in answers.items():
        if instrument == "who5":
            scores[instrument].append(4.0 * sum(items.values()))
        elif instrument == "cbi-personal":
            scores[instrument].append(mean(25.0 * r for r in items.values()))
        elif instrument == "cbi-work":
            points = [25.0 * (4 - r if item == 4 else r) for item, r in items.items()]
            scores[instrument].append(mean(points))
        else:
            scores[instrument].append(float(next(iter(items.values()))))
    return scores


def enps(answers: list[float]) -> float:
    promoters = sum(a >= 9 for a in answers)
    detractors = sum(a <= 6 for a in answers)
    return 100.0 * (promoters - detractors) / len(answers)
