"""Generate the benchmark organisation: 10,000 people, 5 KPIs each, 104 weekly periods (seeded).

Writes ``plan.csv`` (50,000 rows) and ``actuals.csv`` (5,200,000 rows, no ``recorded_at``) into
``benchmarks/data/`` (or ``--out``), plus small ``checkins.csv`` and ``recognition.csv`` files so every
rule has something to do. The organisation is 50 departments of 20 teams of 10 people; capacities,
growth and noise differ per person, and about a fifth of the teams have a uniform, top-down target
far above what most of their people deliver.

``surveys.csv`` (issue 4) holds everyone's wellbeing surveys: WHO-5, CBI personal and work-related,
Mini-Z and eNPS, in two rounds about three months apart (the later one ending at as-of), each
answered over ten working days by about 70% of the people (a few skip an item). Answers follow a
per-person wellbeing level; about a tenth of the teams are strained in the latest round (lower
WHO-5, higher CBI, lower eNPS), so the radar's team rules have something to find.

    python benchmarks/generate.py [--people 10000] [--weeks 104] [--seed 7] [--out benchmarks/data]
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

KPIS = (
    # name, kind, direction, typical level, relative spread between people
    ("calls", "quantitative", "higher", 120.0, 0.30),
    ("deals", "quantitative", "higher", 8.0, 0.35),
    ("response_hours", "quantitative", "lower", 6.0, 0.25),
    ("tickets", "quantitative", "higher", 45.0, 0.20),
    ("teamwork", "qualitative", "higher", 3.8, 0.10),
)
FIRST_WEEK = date(2023, 1, 8)
TEAM_SIZE = 10
TEAMS_PER_DEPARTMENT = 20


def build(
    people: int, weeks: int, seed: int
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    rng = np.random.default_rng(seed)
    person = np.arange(people)
    team = person // TEAM_SIZE
    department = team // TEAMS_PER_DEPARTMENT
    person_ids = np.char.add("E", np.char.zfill(person.astype(str), 6))
    team_names = np.char.add("Team ", np.char.zfill(team.astype(str), 4))
    department_names = np.char.add("Dept ", np.char.zfill(department.astype(str), 2))
    manager_ids = np.char.add("M", np.char.zfill(team.astype(str), 4))
    cycle_start = FIRST_WEEK + timedelta(weeks=weeks - 26)
    cycle_end = FIRST_WEEK + timedelta(weeks=weeks + 25)
    top_down_team = rng.random(team.max() + 1) < 0.2

    plans = []
    actual_frames = []
    periods = np.array([FIRST_WEEK + timedelta(weeks=w) for w in range(weeks)], dtype="datetime64[D]")
    for index, (kpi, kind, direction, level, spread) in enumerate(KPIS):
        capacity = level * rng.lognormal(0.0, spread, people)
        growth = rng.normal(0.001, 0.002, people)  # per week, relative
        noise = rng.uniform(0.05, 0.15, people)
        if kind == "qualitative":
            capacity = np.clip(capacity, 2.5, 4.8)
        lower = direction == "lower"
        realistic = capacity * (1.0 + (-0.05 if lower else 0.05))
        uniform = np.full(people, level * (0.6 if lower else 1.6))
        target = np.where(top_down_team[team] & (kind == "quantitative"), uniform, realistic)
        plans.append(
            pl.DataFrame(
                {
                    "person_id": person_ids,
                    "person_name": np.char.add("Person ", person.astype(str)),
                    "manager_id": manager_ids,
                    "team": team_names,
                    "parent_team": department_names,
                    "kpi": kpi,
                    "kind": kind,
                    "direction": direction,
                    "target": np.round(target, 1 if kind == "qualitative" else 0),
                    "weight": np.full(people, 20.0),
                    "purpose": np.where(rng.random(people) < 0.9, f"Why {kpi} matters", ""),
                    "set_by": rng.choice(
                        ["manager", "employee", "co-created", ""], people, p=[0.5, 0.2, 0.2, 0.1]
                    ),
                    "cycle_start": cycle_start.isoformat(),
                    "cycle_end": cycle_end.isoformat(),
                }
            )
        )
        week = np.arange(weeks)
        trend = 1.0 + growth[:, None] * week[None, :]
        values: np.ndarray[Any, np.dtype[np.floating[Any]]] = (
            capacity[:, None] * trend * rng.normal(1.0, noise[:, None], (people, weeks))
        )
        if kind == "qualitative":
            values = np.clip(np.round(values), 1, 5)
        else:
            values = np.round(np.maximum(values, 0.0), 1)
        actual_frames.append(
            pl.DataFrame(
                {
                    "person_id": np.repeat(person_ids, weeks),
                    "kpi": kpi,
                    "period_end": np.tile(periods, people),
                    "value": values.reshape(-1),
                    "order": np.repeat(person * len(KPIS) + index, weeks),
                }
            )
        )
    plan = pl.concat(plans).sort("person_id", "kpi")
    actuals = pl.concat(actual_frames).sort("order", "period_end").drop("order")
    as_of = FIRST_WEEK + timedelta(weeks=weeks - 1)
    last_checkin = rng.integers(0, 45, people)
    checkins = pl.DataFrame(
        {
            "person_id": person_ids,
            "date": [(as_of - timedelta(days=int(d))).isoformat() for d in last_checkin],
            "manager_id": manager_ids,
            "mood": rng.integers(1, 6, people),
            "workload": rng.integers(1, 6, people),
        }
    )
    praised = rng.random(people) < 0.6
    recognition = pl.DataFrame(
        {
            "to_id": person_ids[praised],
            "date": [
                (as_of - timedelta(days=int(d))).isoformat() for d in rng.integers(0, 60, int(praised.sum()))
            ],
            "from_id": manager_ids[praised],
            "kind": "praise",
        }
    )
    surveys = build_surveys(person_ids, team, as_of, rng)
    return plan, actuals, checkins, recognition, surveys


#: instrument, number of items, lowest and highest response (as in ``kpiwell.engine.audit.io``), and
#: the mean answer of a healthy person and its change per unit of wellbeing, as shares of the range
#: (CBI and Mini-Z measure burnout, so better wellbeing lowers them).
INSTRUMENTS = (
    ("who5", 5, 0, 5, 0.66, 0.12),
    ("cbi-personal", 6, 0, 4, 0.38, -0.12),
    ("cbi-work", 7, 0, 4, 0.32, -0.12),
    ("mini-z", 1, 1, 5, 0.25, -0.15),
    ("enps", 1, 0, 10, 0.82, 0.10),
)
RESPONSE_RATE = 0.7
SKIP_RATE = 0.01  # an item left unanswered
ROUND_DAYS = 10  # answers trickle in over two working weeks
ROUND_GAP_WEEKS = 13  # about three months between rounds


def build_surveys(
    person_ids: np.ndarray, team: np.ndarray, as_of: date, rng: np.random.Generator
) -> pl.DataFrame:
    """Two survey rounds for everyone, one row per answered item, in date then person order."""
    people = len(person_ids)
    wellbeing = rng.normal(0.0, 0.8, people)  # per person: + is better
    strained = rng.random(team.max() + 1) < 0.1
    frames = []
    for round_index, weeks_before in enumerate((ROUND_GAP_WEEKS, 0)):
        last_day = as_of - timedelta(weeks=weeks_before)
        latest = round_index == 1
        level = wellbeing + rng.normal(0.0, 0.3, people) - np.where(latest & strained[team], 1.5, 0.0)
        answered = np.flatnonzero(rng.random(people) < RESPONSE_RATE)
        day = rng.integers(0, ROUND_DAYS, answered.size)
        for instrument, items, low, high, healthy, slope in INSTRUMENTS:
            centre = low + (high - low) * (healthy + slope * level[answered])
            responses = np.rint(
                centre[:, None] + rng.normal(0.0, 0.12 * (high - low), (answered.size, items))
            )
            responses = np.clip(responses, low, high).astype(np.int64)
            kept = rng.random((answered.size, items)) >= SKIP_RATE
            who, item = np.nonzero(kept)
            frames.append(
                pl.DataFrame(
                    {
                        "person_id": person_ids[answered[who]],
                        "date": (np.datetime64(last_day) - (ROUND_DAYS - 1 - day[who])).astype(
                            "datetime64[D]"
                        ),
                        "instrument": instrument,
                        "item": item + 1,
                        "response": responses[who, item],
                        "__order": answered[who],
                    }
                )
            )
    order = {name: index for index, (name, *_) in enumerate(INSTRUMENTS)}
    return (
        pl.concat(frames)
        .with_columns(pl.col("instrument").replace_strict(order, return_dtype=pl.Int64).alias("__instrument"))
        .sort("date", "__order", "__instrument", "item")
        .drop("__order", "__instrument")
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    plan, actuals, checkins, recognition, surveys = build(args.people, args.weeks, args.seed)
    plan.write_csv(args.out / "plan.csv")
    actuals.write_csv(args.out / "actuals.csv")
    checkins.write_csv(args.out / "checkins.csv")
    recognition.write_csv(args.out / "recognition.csv")
    surveys.write_csv(args.out / "surveys.csv")
    print(
        f"wrote {plan.height:,} plan rows, {actuals.height:,} actuals rows and "
        f"{surveys.height:,} survey answers to {args.out}"
    )


if __name__ == "__main__":
    main()
