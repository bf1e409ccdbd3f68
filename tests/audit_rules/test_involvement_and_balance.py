"""low-involvement, quantitative-only and no-purpose."""

from __future__ import annotations

from typing import Any

import pytest

from kpiwell.engine.audit import audit
from kpiwell.engine.audit.findings import AuditResult, Note, Severity

from .builders import actuals, assignment, of_code, plan, series


def run(*rows: dict[str, Any]) -> AuditResult:
    people = sorted({row["person_id"] for row in rows})
    return audit(plan(*rows), actuals(*(series(p, [100.0] * 10) for p in people)))


def test_mostly_manager_set_targets_are_low_involvement() -> None:
    result = run(
        assignment("a", set_by="manager"),
        assignment("b", set_by="manager"),
        assignment("c", set_by="employee"),
    )
    (finding,) = of_code(result, "low-involvement")
    assert (finding.team, finding.person_id, finding.kpi, finding.severity) == (
        "T",
        None,
        None,
        Severity.WARNING,
    )
    assert finding.cause == 2
    assert finding.evidence["involved_share"] == pytest.approx(1 / 3, abs=1e-6)
    assert (finding.evidence["involved_assignments"], finding.evidence["known_assignments"]) == (1, 3)


def test_exactly_half_involved_is_not_low() -> None:
    result = run(
        assignment("a", set_by="manager"),
        assignment("b", set_by="manager"),
        assignment("c", set_by="co-created"),
        assignment("d", set_by="employee"),
    )
    assert of_code(result, "low-involvement") == []


def test_unknown_set_by_is_left_out_of_the_share() -> None:
    result = run(
        assignment("a", set_by="manager"),
        assignment("b", set_by=None),
        assignment("c", set_by=None),
        assignment("d", set_by="employee"),
    )
    assert of_code(result, "low-involvement") == []


def test_no_known_set_by_gives_a_note_not_a_finding() -> None:
    result = run(assignment("a", set_by=None, team="X"), assignment("b", set_by="manager", team="Y"))
    assert [f.team for f in of_code(result, "low-involvement")] == ["Y"]
    assert result.note_details == (Note(key="note.set-by-unknown", params={"team": "X"}),)
    assert result.notes == ("note.set-by-unknown.summary",)


def test_a_person_with_only_quantitative_kpis_is_flagged() -> None:
    result = run(assignment("a", kpi="sales"), assignment("a", kpi="calls"))
    (finding,) = of_code(result, "quantitative-only")
    assert (finding.team, finding.person_id, finding.kpi) == ("T", "a", None)
    assert finding.evidence["qualitative_weight"] == 0.0
    assert (finding.evidence["qualitative_kpis"], finding.evidence["kpis"]) == (0, 2)


def test_qualitative_weight_of_exactly_20_percent_is_enough() -> None:
    result = run(
        assignment("a", kpi="sales", weight=80.0),
        assignment("a", kpi="collaboration", kind="qualitative", weight=20.0),
    )
    assert of_code(result, "quantitative-only") == []


def test_qualitative_weight_of_15_percent_is_too_little() -> None:
    result = run(
        assignment("a", kpi="sales", weight=85.0),
        assignment("a", kpi="collaboration", kind="qualitative", weight=15.0),
    )
    (finding,) = of_code(result, "quantitative-only")
    assert finding.evidence["qualitative_weight"] == pytest.approx(0.15)


def test_null_weights_share_the_remainder_equally() -> None:
    # 70 known; the two null weights get 15 each: qualitative 15% -> flagged
    result = run(
        assignment("a", kpi="sales", weight=70.0),
        assignment("a", kpi="collaboration", kind="qualitative", weight=None),
        assignment("a", kpi="calls", weight=None),
    )
    (finding,) = of_code(result, "quantitative-only")
    assert finding.evidence["qualitative_weight"] == pytest.approx(0.15)


def test_all_null_weights_are_equal_shares() -> None:
    result = run(
        assignment("a", kpi="sales"),
        assignment("a", kpi="calls"),
        assignment("a", kpi="collaboration", kind="qualitative"),
    )
    assert of_code(result, "quantitative-only") == []


def test_weights_are_normalised() -> None:
    # weights in any scale: 8 and 2 -> 80% / 20%
    result = run(
        assignment("a", kpi="sales", weight=8.0),
        assignment("a", kpi="collaboration", kind="qualitative", weight=2.0),
    )
    assert of_code(result, "quantitative-only") == []


def test_kpi_without_purpose_in_a_team_is_flagged_once_per_team() -> None:
    result = run(
        assignment("a", team="X", purpose=None),
        assignment("b", team="X", purpose="   "),
        assignment("c", team="X"),
        assignment("d", team="Y"),
    )
    (finding,) = of_code(result, "no-purpose")
    assert (finding.team, finding.person_id, finding.kpi, finding.severity) == (
        "X",
        None,
        "sales",
        Severity.INFO,
    )
    assert (finding.evidence["without_purpose"], finding.evidence["assignments"]) == (2, 3)


def test_kpis_with_purpose_everywhere_are_fine() -> None:
    assert of_code(run(assignment("a"), assignment("b", direction="lower", kpi="time")), "no-purpose") == []
