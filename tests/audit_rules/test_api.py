from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from kpiwell.engine.audit import audit
from kpiwell.engine.audit.findings import Severity

from .builders import actuals, assignment, plan, series


def test_missing_required_plan_column_is_a_value_error_naming_it() -> None:
    frame = plan(assignment("a")).drop("target")
    with pytest.raises(ValueError, match=r"plan: missing required column.*target"):
        audit(frame, actuals(series("a", [100.0] * 10)))


def test_missing_required_actuals_column_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match=r"actuals: missing required column.*value"):
        audit(plan(assignment("a")), actuals(series("a", [100.0] * 10)).drop("value"))


def test_unknown_direction_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"direction.*'up'"):
        audit(plan(assignment("a", direction="up")), actuals(series("a", [100.0] * 10)))


def test_duplicate_assignment_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="person a has KPI 'sales' more than once"):
        audit(plan(assignment("a"), assignment("a")), actuals(series("a", [100.0] * 10)))


def test_non_frame_input_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="polars DataFrame"):
        audit({"person_id": ["a"]}, actuals(series("a", [100.0])))  # type: ignore[arg-type]


def test_as_of_defaults_to_the_latest_period_end() -> None:
    result = audit(plan(assignment("a")), actuals(series("a", [100.0] * 3, first=date(2024, 1, 6))))
    assert result.as_of == date(2024, 1, 20)


def test_findings_are_sorted_by_severity_then_code_then_subject() -> None:
    rows = plan(
        assignment("b", target=500.0, purpose=None),
        assignment("a", target=500.0, purpose=None),
    )
    result = audit(rows, actuals(series("a", [100.0] * 20), series("b", [100.0] * 20)))
    keys = [f.sort_key() for f in result.findings]
    assert keys == sorted(keys)
    assert result.findings[0].severity is Severity.CRITICAL
    assert [(f.code, f.person_id) for f in result.findings if f.code == "unrealistic-target"] == [
        ("unrealistic-target", "a"),
        ("unrealistic-target", "b"),
    ]


def test_optional_frames_may_lack_optional_columns() -> None:
    minimal = plan(assignment("a")).select("person_id", "team", "kpi", "target", "cycle_start", "cycle_end")
    values = actuals(series("a", [100.0] * 10)).select("person_id", "kpi", "period_end", "value")
    result = audit(minimal, values)
    assert [s.person_id for s in result.scores] == ["a"]
    assert result.scores[0].team == "T"


def test_text_in_a_number_column_is_a_value_error() -> None:
    values = actuals(series("a", [100.0] * 3)).with_columns(pl.lit("many").alias("value"))
    with pytest.raises(ValueError, match="actuals"):
        audit(plan(assignment("a")), values)
