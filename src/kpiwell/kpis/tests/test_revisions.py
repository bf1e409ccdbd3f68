"""Target revisions: each change of an agreed target is its own row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kpiwell.core.models import AuditLogEntry
from kpiwell.kpis.models import Assignment, TargetRevision
from kpiwell.kpis.selectors import person_overview
from kpiwell.kpis.services import assignment_revise, assignment_set_status, kpi_create
from kpiwell.testing.personas import Personas

pytestmark = pytest.mark.django_db


def test_revising_an_agreed_target_keeps_old_and_new_values(personas: Personas) -> None:
    revision = assignment_revise(
        actor=personas.manager.user,
        assignment=personas.assignment,
        commit=60.0,
        target=80.0,
        stretch=95.0,
        reason="The district's foot traffic fell after the road works.",
        effective_from=dt.date(2026, 9, 1),
    )

    personas.assignment.refresh_from_db()
    assert (revision.old_commit, revision.old_target, revision.old_stretch) == (80.0, 100.0, 120.0)
    assert (revision.new_commit, revision.new_target, revision.new_stretch) == (60.0, 80.0, 95.0)
    assert personas.assignment.target == 80.0
    assert personas.assignment.status == Assignment.Status.REVISED
    assert revision.revised_by == personas.manager.user
    log = AuditLogEntry.objects.get(action="kpis.assignment.revised")
    assert log.before == {"commit": 80.0, "target": 100.0, "stretch": 120.0, "status": "agreed"}


def test_the_person_page_answers_when_the_target_was_last_revised(personas: Personas) -> None:
    assignment_revise(
        actor=personas.manager.user,
        assignment=personas.assignment,
        target=90.0,
        reason="Agreed in our 1:1.",
        effective_from=dt.date(2026, 9, 1),
    )

    overview = person_overview(
        viewer=personas.employee.user, person_id=personas.employee.pk, today=dt.date(2026, 9, 2)
    )

    assert overview is not None
    assert overview.assignments[0].last_revised is not None


def test_a_revision_needs_a_reason(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        assignment_revise(
            actor=None,
            assignment=personas.assignment,
            target=90.0,
            reason="  ",
            effective_from=dt.date(2026, 9, 1),
        )
    assert TargetRevision.objects.count() == 0


def test_a_revision_outside_the_cycle_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        assignment_revise(
            actor=None,
            assignment=personas.assignment,
            target=90.0,
            reason="x",
            effective_from=dt.date(2027, 1, 5),
        )
    personas.assignment.refresh_from_db()
    assert personas.assignment.target == 100.0


def test_targets_must_step_towards_the_better_direction(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        assignment_revise(
            actor=None,
            assignment=personas.assignment,
            commit=95.0,
            target=90.0,
            stretch=99.0,
            reason="typo",
            effective_from=dt.date(2026, 9, 1),
        )
    assert TargetRevision.objects.count() == 0


def test_a_closed_assignment_cannot_be_reopened(personas: Personas) -> None:
    assignment_set_status(actor=None, assignment=personas.assignment, status=Assignment.Status.CLOSED)

    with pytest.raises(ValidationError):
        assignment_set_status(actor=None, assignment=personas.assignment, status=Assignment.Status.AGREED)


def test_a_new_kpi_must_say_why_it_exists(personas: Personas) -> None:
    with pytest.raises(ValidationError) as error:
        kpi_create(actor=None, organisation=personas.organisation, name="Calls per day", purpose=" ")

    assert "purpose" in error.value.message_dict
