"""The demo organisation's planted problems show up as their codes; its healthy team shows none."""

from __future__ import annotations

from datetime import date

import pytest

import kpiwell.engine.audit as engine_audit
from kpiwell.demo.generate import generate_demo, to_audit_frames
from kpiwell.demo.model import DemoOrg
from kpiwell.demo.roster import CARE
from kpiwell.engine.audit import CODES, audit
from kpiwell.engine.audit.findings import AuditResult
from kpiwell.engine.audit.i18n import LANGUAGES, render_message, render_remedy, render_title

AS_OF = date(2026, 11, 27)

Subject = tuple[str, str, str | None, str | None]
SURVEY_CODES = ("burnout-risk", "motivation-loss", "turnover-risk")  # team-level, from surveys


def audited(subject: Subject) -> bool:
    """Whether the audit has a rule for this subject (person-level radar codes arrive with issue 4)."""
    code, _, person, _ = subject
    return code in CODES or (code in SURVEY_CODES and person is None)


@pytest.fixture(scope="module")
def demo() -> DemoOrg:
    return generate_demo(as_of=AS_OF)


def audit_demo(demo: DemoOrg, as_of: date | None) -> AuditResult:
    """The audit of the demo's export with everything it holds, as of ``as_of``."""
    frames = to_audit_frames(demo)
    return audit(
        frames["plan"],
        frames["actuals"],
        frames["checkins"],
        frames["recognition"],
        as_of=as_of,
        surveys=frames["surveys"],
    )


@pytest.fixture(scope="module")
def result(demo: DemoOrg) -> AuditResult:
    return audit_demo(demo, demo.as_of)


def planted_subjects(demo: DemoOrg) -> list[Subject]:
    teams = {team.key: team.name for team in demo.teams}
    kpis = {kpi.key: kpi.name for kpi in demo.kpis}
    return [
        (p.code, teams[p.team_key], p.person_key, kpis[p.kpi_key] if p.kpi_key else None)
        for p in demo.planted
    ]


def test_every_planted_problem_shows_up_as_its_code(demo: DemoOrg, result: AuditResult) -> None:
    found = {(f.code, f.team, f.person_id, f.kpi) for f in result.findings}
    planted = [subject for subject in planted_subjects(demo) if audited(subject)]
    assert len(planted) >= 50
    assert [subject for subject in planted if subject not in found] == []


def test_every_planted_problem_also_shows_up_at_the_default_as_of(demo: DemoOrg) -> None:
    # `kpiwell audit` without --as-of audits as of the latest period end, here the Sunday five
    # days before the demo's as-of: no planted pattern may sit on a rule's line from that day.
    result = audit_demo(demo, None)
    assert result.as_of == date(2026, 11, 22)
    found = {(f.code, f.team, f.person_id, f.kpi) for f in result.findings}
    planted = [subject for subject in planted_subjects(demo) if audited(subject)]
    assert [subject for subject in planted if subject not in found] == []


def test_the_healthy_team_has_no_finding_at_all(demo: DemoOrg, result: AuditResult) -> None:
    healthy = next(team.name for team in demo.teams if team.key == CARE)
    assert [(f.code, f.person_id, f.kpi) for f in result.findings if f.team == healthy] == []


def test_every_person_in_the_plan_has_a_cycle_score(demo: DemoOrg, result: AuditResult) -> None:
    assert len(result.scores) == len({row for row in to_audit_frames(demo)["plan"]["person_id"]})
    assert all(score.cycle_score is not None for score in result.scores)


def test_every_finding_renders_in_both_languages(result: AuditResult) -> None:
    assert len({f.code for f in result.findings}) >= 12
    for finding in result.findings:
        for lang in LANGUAGES:
            for text in (
                render_title(finding, lang),
                render_message(finding, lang),
                render_remedy(finding, lang),
            ):
                assert text.strip()
                assert "{" not in text and "}" not in text


@pytest.mark.parametrize("reads_model", [frozenset(), frozenset(CODES)], ids=["none-marked", "all-marked"])
def test_findings_do_not_depend_on_which_rules_run_before_the_model_is_fitted(
    demo: DemoOrg, result: AuditResult, reads_model: frozenset[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # audit() runs the rules outside READS_MODEL while a second thread fits the model; a rule run
    # early that reads the model waits for it, and the outputs keep RULES' order either way.
    monkeypatch.setattr(engine_audit, "READS_MODEL", reads_model)

    again = audit_demo(demo, demo.as_of)

    assert again.finding_set.table().equals(result.finding_set.table())
    assert [f.evidence for f in again.findings] == [f.evidence for f in result.findings]
