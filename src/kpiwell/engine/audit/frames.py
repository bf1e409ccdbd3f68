"""The normalised columnar inputs of the audit: the contract between readers and rules.

Readers (``kpiwell.engine.audit.io`` for files, selectors in the web app for the database) produce
Polars frames with exactly these columns and dtypes; the rules consume nothing else. Optional columns
are always present, filled with nulls when the source did not have them.
"""

from __future__ import annotations

from typing import Final

import polars as pl

PLAN_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "person_id": pl.Utf8,
    "person_name": pl.Utf8,  # nullable
    "manager_id": pl.Utf8,  # nullable
    "team": pl.Utf8,
    "parent_team": pl.Utf8,  # nullable
    "kpi": pl.Utf8,
    "kind": pl.Utf8,  # "quantitative" | "qualitative" (rated 1-5)
    "direction": pl.Utf8,  # "higher" | "lower"
    "unit": pl.Utf8,  # nullable
    "period": pl.Utf8,  # "day" | "week" | "month" | "quarter"
    "target": pl.Float64,
    "baseline": pl.Float64,  # nullable
    "commit": pl.Float64,  # nullable
    "stretch": pl.Float64,  # nullable
    "weight": pl.Float64,  # nullable: null weights mean equal shares of what is left
    "purpose": pl.Utf8,  # nullable; empty or blank means "no purpose"
    "set_by": pl.Utf8,  # nullable: "manager" | "employee" | "co-created"; null = unknown
    "revised_on": pl.Date,  # nullable: date of the last target revision
    "cycle_start": pl.Date,
    "cycle_end": pl.Date,
}

ACTUALS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "person_id": pl.Utf8,
    "kpi": pl.Utf8,
    "period_end": pl.Date,
    "value": pl.Float64,
    "recorded_at": pl.Datetime("us"),  # nullable when the source has no revision times
}

TARGETS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "person_id": pl.Utf8,
    "kpi": pl.Utf8,
    "period_end": pl.Date,
    "target": pl.Float64,
}

CHECKINS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "person_id": pl.Utf8,
    "date": pl.Date,
    "manager_id": pl.Utf8,  # nullable
    "mood": pl.Int64,  # nullable, 1-5
    "workload": pl.Int64,  # nullable, 1-5
}

RECOGNITION_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "to_id": pl.Utf8,
    "date": pl.Date,
    "from_id": pl.Utf8,  # nullable
    "kind": pl.Utf8,  # nullable: "praise" | "nomination"
    "note": pl.Utf8,  # nullable
}

SURVEYS_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "person_id": pl.Utf8,
    "date": pl.Date,
    "instrument": pl.Utf8,  # "who5" | "cbi-personal" | "cbi-work" | "mini-z" | "enps"
    "item": pl.Int64,  # 1-based, in the source's order
    "response": pl.Int64,
}

TURNOVER_SCORES_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "person_id": pl.Utf8,
    "probability": pl.Float64,
    "band": pl.Utf8,  # "low" | "medium" | "high"
    "drivers": pl.List(pl.Utf8),  # plain-words drivers, most important first
}


def empty(schema: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    """An empty frame with the given schema (for optional inputs that were not supplied)."""
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    """Select and cast ``frame`` to ``schema``, adding missing optional columns as nulls.

    Raises ``KeyError`` naming the first missing column that has no null default; readers
    validate required columns with friendly errors before calling this.
    """
    if frame.width == 0:
        return empty(schema)  # selecting literals from a frame without columns would invent a row
    columns = []
    for name, dtype in schema.items():
        if name in frame.columns:
            columns.append(pl.col(name).cast(dtype))
        else:
            columns.append(pl.lit(None, dtype=dtype).alias(name))
    return frame.select(columns)
