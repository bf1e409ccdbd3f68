"""Write the sample audit inputs in this folder (seeded, so the files never change by accident).

A small company with three teams under one roof, each planted with the problems (or the health)
the audit should notice:

- Hanoi Sales: 300 calls a week for everyone whatever their capacity (unrealistic and uniform
  targets), set by the manager, numbers only, no check-in for seven weeks, no recognition lately.
- Saigon Sales: a market change cut deals by a third mid-cycle and no target moved (locked target);
  the deals KPI has no purpose written down; the qualitative KPI weighs only 10%.
- Customer Care: co-created, realistic, mixed KPIs, weekly check-ins, recent recognition (healthy).

Survey answers (two rounds, three months apart) show strain in both sales teams and none in
Customer Care; the turnover scores put one person of each sales team in the high band.

Run ``python examples/audit/make_examples.py`` from the repository root to regenerate.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

HERE = Path(__file__).resolve().parent
FIRST_WEEK = date(2024, 1, 7)  # Sundays: each weekly value covers the week ending that day
WEEKS = 52
CYCLE_START = date(2024, 7, 1)
CYCLE_END = date(2024, 12, 31)

PEOPLE = [
    # person_id, name, team, capacity for the team's main KPI
    ("H01", "Nguyễn Thị Lan", "Hanoi Sales", 95.0),
    ("H02", "Trần Văn Hùng", "Hanoi Sales", 120.0),
    ("H03", "Lê Minh Châu", "Hanoi Sales", 150.0),
    ("H04", "Phạm Quốc Bảo", "Hanoi Sales", 70.0),
    ("H05", "Vũ Thu Hà", "Hanoi Sales", 180.0),
    ("S01", "Đặng Hoàng Nam", "Saigon Sales", 6.0),
    ("S02", "Bùi Ngọc Anh", "Saigon Sales", 7.0),
    ("S03", "Hồ Thanh Tâm", "Saigon Sales", 6.5),
    ("S04", "Ngô Gia Huy", "Saigon Sales", 5.5),
    ("S05", "Dương Mỹ Linh", "Saigon Sales", 6.0),
    ("C01", "Đỗ Khánh Vy", "Customer Care", 40.0),
    ("C02", "Trịnh Đức Thắng", "Customer Care", 46.0),
    ("C03", "Lý Phương Thảo", "Customer Care", 38.0),
    ("C04", "Mai Xuân Trường", "Customer Care", 44.0),
    ("C05", "Châu Bích Ngọc", "Customer Care", 42.0),
    ("C06", "Tạ Quang Vinh", "Customer Care", 41.0),
]
MANAGERS = {"Hanoi Sales": "M01", "Saigon Sales": "M02", "Customer Care": "M03"}


def weeks() -> list[date]:
    return [FIRST_WEEK + timedelta(weeks=i) for i in range(WEEKS)]


def plan_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    common = {
        "cycle_start": CYCLE_START.isoformat(),
        "cycle_end": CYCLE_END.isoformat(),
        "parent_team": "Sales",
    }
    for person_id, name, team, capacity in PEOPLE:
        base = {
            "person_id": person_id,
            "person_name": name,
            "manager_id": MANAGERS[team],
            "team": team,
            **common,
        }
        if team == "Hanoi Sales":
            rows.append(
                {
                    **base,
                    "kpi": "calls",
                    "unit": "calls",
                    "target": 300,
                    "baseline": 100,
                    "weight": 60,
                    "purpose": "Reach every customer in the territory",
                    "set_by": "manager",
                }
            )
            rows.append(
                {
                    **base,
                    "kpi": "deals",
                    "unit": "deals",
                    "target": 5,
                    "weight": 40,
                    "purpose": "Grow revenue in the north",
                    "set_by": "manager",
                }
            )
        elif team == "Saigon Sales":
            rows.append(
                {
                    **base,
                    "kpi": "deals",
                    "unit": "deals",
                    "target": round(capacity),
                    "weight": 90,
                    "purpose": "",
                    "set_by": "manager" if person_id in {"S01", "S02", "S03"} else "employee",
                }
            )
            rows.append(
                {
                    **base,
                    "kpi": "customer_feedback",
                    "kind": "qualitative",
                    "target": 4,
                    "weight": 10,
                    "purpose": "Customers recommend us",
                    "set_by": "co-created",
                }
            )
        else:
            base["parent_team"] = ""
            rows.append(
                {
                    **base,
                    "kpi": "tickets_resolved",
                    "unit": "tickets",
                    "target": round(capacity * 0.95),
                    "weight": 40,
                    "purpose": "Customers get their problem solved",
                    "set_by": "co-created",
                    "revised_on": "2024-09-02",
                }
            )
            rows.append(
                {
                    **base,
                    "kpi": "response_hours",
                    "direction": "lower",
                    "unit": "hours",
                    "target": 4,
                    "weight": 30,
                    "purpose": "Nobody waits long for an answer",
                    "set_by": "co-created",
                }
            )
            rows.append(
                {
                    **base,
                    "kpi": "teamwork",
                    "kind": "qualitative",
                    "target": 4,
                    "weight": 30,
                    "purpose": "We help each other",
                    "set_by": "employee",
                }
            )
    return rows


def actual_rows(rng: np.random.Generator) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    all_weeks = weeks()
    shift = CYCLE_START + timedelta(weeks=8)  # Saigon's market change
    for person_id, _, team, capacity in PEOPLE:
        for index, week in enumerate(all_weeks):
            growth = 1 + 0.1 * index / WEEKS
            if team == "Hanoi Sales":
                calls = capacity * growth * rng.normal(1, 0.08)
                rows.append(
                    {"person_id": person_id, "kpi": "calls", "period_end": week, "value": float(round(calls))}
                )
                rows.append(
                    {
                        "person_id": person_id,
                        "kpi": "deals",
                        "period_end": week,
                        "value": max(0, round(rng.normal(5, 1.2))),
                    }
                )
            elif team == "Saigon Sales":
                level = capacity * (0.62 if week >= shift else 1.0)
                rows.append(
                    {
                        "person_id": person_id,
                        "kpi": "deals",
                        "period_end": week,
                        "value": round(level * rng.normal(1, 0.08), 1),
                    }
                )
                if week.day <= 7:  # rated once a month
                    rows.append(
                        {
                            "person_id": person_id,
                            "kpi": "customer_feedback",
                            "period_end": week,
                            "value": int(rng.integers(4, 6)),
                        }
                    )
            else:
                rows.append(
                    {
                        "person_id": person_id,
                        "kpi": "tickets_resolved",
                        "period_end": week,
                        "value": round(capacity * rng.normal(1, 0.07)),
                    }
                )
                rows.append(
                    {
                        "person_id": person_id,
                        "kpi": "response_hours",
                        "period_end": week,
                        "value": round(float(rng.normal(3.8, 0.3)), 1),
                    }
                )
                if week.day <= 7:
                    rows.append(
                        {
                            "person_id": person_id,
                            "kpi": "teamwork",
                            "period_end": week,
                            "value": int(rng.integers(4, 6)),
                        }
                    )
    frame = pl.DataFrame(rows, schema_overrides={"value": pl.Float64}, infer_schema_length=None).with_columns(
        pl.lit(None, dtype=pl.Utf8).alias("recorded_at")
    )
    # Two corrected entries: the first figure was typed wrong and fixed the next morning.
    corrections = pl.DataFrame(
        {
            "person_id": ["C02", "C02", "S03", "S03"],
            "kpi": ["tickets_resolved", "tickets_resolved", "deals", "deals"],
            "period_end": [date(2024, 12, 22)] * 2 + [date(2024, 12, 15)] * 2,
            "value": [4.0, 45.0, 40.0, 4.0],
            "recorded_at": [
                "2024-12-22T18:00:00",
                "2024-12-23T09:30:00",
                "2024-12-15T17:00:00",
                "2024-12-16T08:45:00",
            ],
        }
    )
    keys = corrections.select("person_id", "kpi", "period_end").unique()
    frame = frame.with_columns(pl.col("value").cast(pl.Float64)).join(
        keys, on=["person_id", "kpi", "period_end"], how="anti"
    )
    return pl.concat([frame, corrections]).sort("person_id", "kpi", "period_end").to_dicts()


def target_rows() -> list[dict[str, object]]:
    # Customer Care lowers its ticket targets for the holiday weeks, as agreed with the team.
    holiday = [w for w in weeks() if w >= date(2024, 12, 15)]
    return [
        {
            "person_id": person_id,
            "kpi": "tickets_resolved",
            "period_end": week.isoformat(),
            "target": round(capacity * 0.85),
        }
        for person_id, _, team, capacity in PEOPLE
        if team == "Customer Care"
        for week in holiday
    ]


def checkin_rows(rng: np.random.Generator) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    last = {
        "Hanoi Sales": date(2024, 11, 8),
        "Saigon Sales": date(2024, 12, 6),
        "Customer Care": date(2024, 12, 27),
    }
    for person_id, _, team, _ in PEOPLE:
        day = date(2024, 9, 6)
        while day <= last[team]:
            heavy = team == "Hanoi Sales"
            rows.append(
                {
                    "person_id": person_id,
                    "date": day.isoformat(),
                    "manager_id": MANAGERS[team],
                    "mood": int(rng.integers(2, 4) if heavy else rng.integers(3, 6)),
                    "workload": int(rng.integers(4, 6) if heavy else rng.integers(2, 4)),
                }
            )
            day += timedelta(weeks=1 if team == "Customer Care" else 2)
    return rows


def recognition_rows() -> list[dict[str, object]]:
    rows = [
        {
            "to_id": "C01",
            "date": "2024-12-20",
            "from_id": "C03",
            "kind": "praise",
            "note": "Stayed late to help",
        },
        {
            "to_id": "C02",
            "date": "2024-12-10",
            "from_id": "M03",
            "kind": "nomination",
            "note": "Training scholarship",
        },
        {"to_id": "C03", "date": "2024-12-18", "from_id": "C05", "kind": "praise", "note": "Great handover"},
        {
            "to_id": "C04",
            "date": "2024-12-05",
            "from_id": "C01",
            "kind": "praise",
            "note": "Calm under pressure",
        },
        {
            "to_id": "C05",
            "date": "2024-12-23",
            "from_id": "M03",
            "kind": "praise",
            "note": "Customer thanked us",
        },
        {
            "to_id": "C06",
            "date": "2024-12-12",
            "from_id": "C02",
            "kind": "praise",
            "note": "New macro saves time",
        },
        {"to_id": "S02", "date": "2024-12-19", "from_id": "M02", "kind": "praise", "note": "Big renewal"},
        {"to_id": "H05", "date": "2024-09-30", "from_id": "M01", "kind": "praise", "note": "Record week"},
    ]
    return rows


def survey_rows(rng: np.random.Generator) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for round_date, strain in ((date(2024, 9, 16), 0), (date(2024, 12, 16), 1)):
        for person_id, _, team, _ in PEOPLE:
            day = (round_date + timedelta(days=int(rng.integers(0, 4)))).isoformat()
            sales = team != "Customer Care"
            for item in range(1, 6):
                low, high = (1, 4 - strain) if sales else (3, 6)
                rows.append(
                    {
                        "person_id": person_id,
                        "date": day,
                        "instrument": "who5",
                        "item": item,
                        "response": int(rng.integers(low, high)),
                    }
                )
            for item in range(1, 8):
                low = 2 + strain if sales else 0
                rows.append(
                    {
                        "person_id": person_id,
                        "date": day,
                        "instrument": "cbi-work",
                        "item": item,
                        "response": int(rng.integers(low, min(low + 2, 4) + 1)),
                    }
                )
            rows.append(
                {
                    "person_id": person_id,
                    "date": day,
                    "instrument": "enps",
                    "item": 1,
                    "response": int(rng.integers(3, 8) if sales else rng.integers(8, 11)),
                }
            )
    return rows


def turnover_rows() -> list[dict[str, object]]:
    """A scores file as ``kpiwell turnover score`` writes it: two people in the high band."""
    drivers = {
        "H03": ("high", 0.52, "works overtime", 14.0),
        "S04": ("high", 0.41, "no promotion for 4 years", 9.5),
        "H01": ("medium", 0.22, "works overtime", 6.1),
    }
    rows = []
    for person_id, *_ in PEOPLE:
        band, probability, driver, effect = drivers.get(person_id, ("low", 0.06, "long tenure", -3.2))
        rows.append(
            {
                "person_id": person_id,
                "risk_probability": probability,
                "risk_band": band,
                "driver_1": driver,
                "driver_1_effect_pp": effect,
                "note": "For a supportive conversation, not for decisions about the person.",
            }
        )
    return rows


def main() -> None:
    rng = np.random.default_rng(20241229)
    pl.DataFrame(plan_rows(), infer_schema_length=None).write_csv(HERE / "plan.csv")
    pl.DataFrame(actual_rows(rng), infer_schema_length=None).write_csv(HERE / "actuals.csv")
    pl.DataFrame(target_rows()).write_csv(HERE / "targets.csv")
    pl.DataFrame(checkin_rows(rng)).write_csv(HERE / "checkins.csv")
    pl.DataFrame(recognition_rows()).write_csv(HERE / "recognition.csv")
    pl.DataFrame(survey_rows(rng)).write_csv(HERE / "surveys.csv")
    pl.DataFrame(turnover_rows()).write_csv(HERE / "turnover-scores.csv")


if __name__ == "__main__":
    main()
