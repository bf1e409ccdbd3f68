"""feedback-gap and recognition-drought, and person-level turnover-risk."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from kpiwell.engine.audit import audit, frames
from kpiwell.engine.audit.findings import Note, Severity

from .builders import actuals, assignment, of_code, plan, series, subjects

AS_OF = date(2024, 6, 29)
PEOPLE = ("a", "b", "c", "d", "e", "f")


def checkins(days_ago: dict[str, int]) -> pl.DataFrame:
    rows = [
        {"person_id": p, "date": AS_OF - timedelta(days=d), "manager_id": "m1", "mood": 4, "workload": 3}
        for p, d in days_ago.items()
    ]
    return pl.DataFrame(rows, schema=frames.CHECKINS_SCHEMA, orient="row")


def recognition(days_ago: dict[str, int]) -> pl.DataFrame:
    rows = [
        {"to_id": p, "date": AS_OF - timedelta(days=d), "from_id": "m1", "kind": "praise", "note": None}
        for p, d in days_ago.items()
    ]
    return pl.DataFrame(rows, schema=frames.RECOGNITION_SCHEMA, orient="row")


def org() -> tuple[pl.DataFrame, pl.DataFrame]:
    return plan(*(assignment(p) for p in PEOPLE)), actuals(*(series(p, [100.0] * 30) for p in PEOPLE))


def test_check_in_gaps_beyond_14_days_warn_and_beyond_30_are_critical() -> None:
    rows, values = org()
    # f's only check-in is after as-of: it does not count
    result = audit(
        rows, values, checkins=checkins({"a": 14, "b": 15, "c": 30, "d": 31, "f": -3}), as_of=AS_OF
    )
    assert subjects(result, "feedback-gap") == [
        ("T", "d", None, "critical"),
        ("T", "e", None, "critical"),
        ("T", "f", None, "critical"),
        ("T", "b", None, "warning"),
        ("T", "c", None, "warning"),
    ]
    by_person = {f.person_id: f for f in of_code(result, "feedback-gap")}
    assert by_person["b"].evidence == {"days_since_last": 15, "last_checkin": "2024-06-14", "window_days": 14}
    assert by_person["e"].evidence["days_since_last"] is None
    assert by_person["e"].message_key == "code.feedback-gap.message.never"
    assert by_person["b"].cause == 5


def test_the_most_recent_check_in_counts() -> None:
    rows, values = org()
    frame = pl.concat([checkins(dict.fromkeys(PEOPLE, 40)), checkins(dict.fromkeys(PEOPLE, 3))])
    assert of_code(audit(rows, values, checkins=frame, as_of=AS_OF), "feedback-gap") == []


def test_without_check_ins_there_is_no_feedback_finding() -> None:
    rows, values = org()
    assert of_code(audit(rows, values, as_of=AS_OF), "feedback-gap") == []


def test_no_recognition_for_more_than_30_days_is_a_drought() -> None:
    rows, values = org()
    result = audit(
        rows, values, recognition=recognition({"a": 30, "b": 31, "c": 0, "d": 5, "f": -1}), as_of=AS_OF
    )
    assert subjects(result, "recognition-drought") == [
        ("T", "b", None, "info"),
        ("T", "e", None, "info"),
        ("T", "f", None, "info"),
    ]
    by_person = {f.person_id: f for f in of_code(result, "recognition-drought")}
    assert by_person["b"].evidence == {
        "days_since_last": 31,
        "last_recognition": "2024-05-29",
        "window_days": 30,
    }
    assert by_person["e"].message_key == "code.recognition-drought.message.never"
    assert by_person["b"].severity is Severity.INFO


def test_without_recognition_data_there_is_no_drought_finding() -> None:
    rows, values = org()
    assert of_code(audit(rows, values, as_of=AS_OF), "recognition-drought") == []


def test_high_turnover_risk_band_is_a_person_finding_with_its_drivers() -> None:
    rows, values = org()
    scores = pl.DataFrame(
        [
            {
                "person_id": "a",
                "probability": 0.71,
                "band": "high",
                "drivers": ["no recognition in 90 days", "workload"],
            },
            {"person_id": "b", "probability": 0.4, "band": "medium", "drivers": ["workload"]},
            {"person_id": "c", "probability": 0.66, "band": "high", "drivers": []},
            {"person_id": "zz", "probability": 0.9, "band": "high", "drivers": ["tenure"]},
        ],
        schema=frames.TURNOVER_SCORES_SCHEMA,
        orient="row",
    )
    result = audit(rows, values, turnover=scores, as_of=AS_OF)
    found = of_code(result, "turnover-risk")
    assert [(f.person_id, f.severity, f.harm, f.cause) for f in found] == [
        ("a", Severity.WARNING, 7, None),
        ("c", Severity.WARNING, 7, None),
    ]
    assert found[0].evidence["drivers"] == ["no recognition in 90 days", "workload"]
    assert found[0].evidence["probability"] == 0.71
    assert found[1].message_key == "code.turnover-risk.message.no-drivers"
    assert Note(key="note.turnover-outside-plan", params={"count": 1}) in result.note_details
