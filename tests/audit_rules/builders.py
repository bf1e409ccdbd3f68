"""Small builders for crafted audit inputs: a plan row per call, a weekly series per call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import polars as pl

from kpiwell.engine.audit import frames
from kpiwell.engine.audit.findings import AuditResult, Finding

CYCLE_START = date(2024, 1, 1)
CYCLE_END = date(2024, 12, 29)
FIRST_WEEK = date(2023, 1, 7)  # a Saturday: weekly period ends from here on


def assignment(person_id: str, **overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "person_id": person_id,
        "person_name": None,
        "manager_id": "m1",
        "team": "T",
        "parent_team": None,
        "kpi": "sales",
        "kind": "quantitative",
        "direction": "higher",
        "unit": None,
        "period": "week",
        "target": 100.0,
        "baseline": None,
        "commit": None,
        "stretch": None,
        "weight": None,
        "purpose": "Tells us whether customers get what they came for.",
        "set_by": "co-created",
        "revised_on": None,
        "cycle_start": CYCLE_START,
        "cycle_end": CYCLE_END,
    }
    unknown = set(overrides) - set(row)
    if unknown:
        raise KeyError(f"unknown plan columns {sorted(unknown)}")
    row.update(overrides)
    return row


def plan(*rows: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=frames.PLAN_SCHEMA, orient="row")


def weeks(count: int, first: date = FIRST_WEEK) -> list[date]:
    return [first + timedelta(days=7 * i) for i in range(count)]


def series(
    person_id: str,
    values: Sequence[float],
    *,
    kpi: str = "sales",
    first: date = FIRST_WEEK,
    recorded_at: datetime | None = None,
) -> list[dict[str, Any]]:
    return [
        {"person_id": person_id, "kpi": kpi, "period_end": day, "value": float(v), "recorded_at": recorded_at}
        for day, v in zip(weeks(len(values), first), values, strict=True)
    ]


def actuals(*parts: Iterable[dict[str, Any]]) -> pl.DataFrame:
    rows = [row for part in parts for row in part]
    return pl.DataFrame(rows, schema=frames.ACTUALS_SCHEMA, orient="row")


def targets(rows: Iterable[tuple[str, str, date, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"person_id": p, "kpi": k, "period_end": d, "target": t} for p, k, d, t in rows],
        schema=frames.TARGETS_SCHEMA,
        orient="row",
    )


def of_code(result: AuditResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def subjects(result: AuditResult, code: str) -> list[tuple[str | None, str | None, str | None, str]]:
    return [(f.team, f.person_id, f.kpi, f.severity.value) for f in of_code(result, code)]
