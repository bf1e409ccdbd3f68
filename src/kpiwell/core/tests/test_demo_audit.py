"""The demo's planted problems come out of the audit of its export; its healthy team stays clean.

The demo is loaded into the database through the services, exported exactly as `kpiwell export`
does, and audited by the engine: the whole path a customer's data takes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from kpiwell.core.audits import organisation_audit
from kpiwell.demo.generate import generate_demo
from kpiwell.demo.load import demo_load
from kpiwell.demo.model import DemoOrg, Planted
from kpiwell.engine.audit.findings import AuditResult, Finding, Severity
from kpiwell.kpis.models import Cycle

AS_OF = dt.date(2026, 11, 27)
ISSUE_3_CODES = {
    "unrealistic-target",
    "safe-target",
    "uniform-target",
    "low-involvement",
    "locked-target",
    "quantitative-only",
    "no-purpose",
    "feedback-gap",
    "recognition-drought",
}
HARM_CODES = {
    "chronic-pressure",
    "effort-unrecognized",
    "motivation-loss",
    "gaming-suspected",
    "burnout-risk",
    "innovation-suppressed",
    "turnover-risk",
}
SURVEY_CODES = {"burnout-risk", "motivation-loss", "turnover-risk"}


# The mark makes pytest-django set up the test database for this module: a module-scoped fixture
# alone does not count as using it, and run on its own the module would reach the real database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_audit(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[DemoOrg, AuditResult]]:
    demo = generate_demo(as_of=AS_OF)
    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_load(demo=demo)
        hr = User.objects.get(username="lan.nguyen")
        cycle = Cycle.objects.get(organisation=result.organisation, name=demo.cycles[-1].name)
        audited = organisation_audit(
            viewer=hr, organisation=result.organisation, cycle=cycle, as_of=AS_OF
        ).result
        transaction.set_rollback(True)
    yield demo, audited


def subject(demo: DemoOrg, planted: Planted) -> tuple[str, str | None, str | None]:
    teams = {t.key: t.name for t in demo.teams}
    kpis = {k.key: k.name for k in demo.kpis}
    return teams[planted.team_key], planted.person_key, kpis[planted.kpi_key] if planted.kpi_key else None


def matches(finding: Finding, code: str, team: str, person: str | None, kpi: str | None) -> bool:
    return (
        finding.code == code
        and finding.team == team
        and (person is None or finding.person_id == person)
        and (kpi is None or finding.kpi == kpi)
    )


@pytest.mark.parametrize(("codes", "kind"), [(ISSUE_3_CODES, "design problems"), (HARM_CODES, "harms")])
def test_every_planted_problem_is_found(
    demo_audit: tuple[DemoOrg, AuditResult], codes: set[str], kind: str
) -> None:
    demo, result = demo_audit
    planted = [p for p in demo.planted if p.code in codes]

    missed = [
        (p.code, *subject(demo, p))
        for p in planted
        if not any(matches(f, p.code, *subject(demo, p)) for f in result.findings)
    ]

    assert {p.code for p in planted} == codes, kind
    assert missed == []


def test_the_healthy_team_has_no_findings(demo_audit: tuple[DemoOrg, AuditResult]) -> None:
    demo, result = demo_audit
    healthy = next(t.name for t in demo.teams if t.key == demo.healthy_team_key)

    assert [f.code for f in result.findings if f.team == healthy] == []


def test_the_planted_unrealistic_target_is_critical(demo_audit: tuple[DemoOrg, AuditResult]) -> None:
    demo, result = demo_audit
    (planted,) = [p for p in demo.planted if p.code == "unrealistic-target"]
    team, person, kpi = subject(demo, planted)

    (finding,) = [f for f in result.findings if matches(f, "unrealistic-target", team, person, kpi)]
    assert finding.severity is Severity.CRITICAL
    assert finding.evidence["p_attain"] < 0.05


def test_the_small_teams_survey_results_stay_private(demo_audit: tuple[DemoOrg, AuditResult]) -> None:
    demo, result = demo_audit
    small = next(t.name for t in demo.teams if t.key == demo.small_team_key)

    assert [f.code for f in result.findings if f.team == small and f.code in SURVEY_CODES] == []
    assert sum(result.suppressed.values()) > 0
    survey_findings = [f for f in result.findings if f.code in SURVEY_CODES and f.person_id is None]
    counts = [v for f in survey_findings for k, v in f.evidence.items() if k.endswith("respondents")]
    assert len(survey_findings) >= 3
    assert counts and min(counts) >= 5
