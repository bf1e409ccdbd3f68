"""The frames contract: conforming adds optional columns as nulls and never invents rows."""

from __future__ import annotations

import datetime as dt

import polars as pl

from kpiwell.engine.audit.frames import ACTUALS_SCHEMA, CHECKINS_SCHEMA, conform


def test_a_frame_without_columns_conforms_to_an_empty_frame() -> None:
    conformed = conform(pl.DataFrame(), ACTUALS_SCHEMA)

    assert conformed.height == 0
    assert conformed.schema == pl.Schema(ACTUALS_SCHEMA)


def test_missing_optional_columns_become_nulls_and_types_are_cast() -> None:
    frame = pl.DataFrame({"person_id": ["7"], "date": [dt.date(2026, 11, 2)], "mood": [4.0]})

    conformed = conform(frame, CHECKINS_SCHEMA)

    assert conformed.columns == ["person_id", "date", "manager_id", "mood", "workload"]
    assert conformed.row(0) == ("7", dt.date(2026, 11, 2), None, 4, None)
    assert conformed.schema["mood"] == pl.Int64
