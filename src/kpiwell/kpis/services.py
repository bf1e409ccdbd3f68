"""Writes of KPIs: definitions, cycles, assignments, measurements and target revisions.

Each service validates, writes and logs in one transaction. Measurements and revisions only ever
add rows; the assignment's status moves draft -> proposed -> agreed -> revised -> closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kpiwell.core.services import Actor, audit_log_record, snapshot
from kpiwell.kpis.models import Assignment, Cycle, Kpi, Measurement, Objective, TargetRevision
from kpiwell.org.models import Organisation, Person, Team

AnyUser = Actor

QUALITATIVE_MIN, QUALITATIVE_MAX = 1, 5  # the 1-5 rubric of qualitative KPIs
TARGET_FIELDS = ["commit", "target", "stretch"]


@transaction.atomic
def objective_create(
    *,
    actor: AnyUser,
    organisation: Organisation,
    title: str,
    purpose: str,
    team: Team | None = None,
    parent: Objective | None = None,
) -> Objective:
    objective = Objective(organisation=organisation, title=title, purpose=purpose, team=team, parent=parent)
    objective.full_clean()
    objective.save()
    audit_log_record(
        actor=actor, action="kpis.objective.created", instance=objective, after=snapshot(objective)
    )
    return objective


def _kpi_save(
    *,
    actor: AnyUser,
    action: str,
    organisation: Organisation,
    name: str,
    purpose: str,
    kind: str,
    unit: str,
    direction: str,
    period: str,
    owner: Person | None,
    objective: Objective | None,
    rubric: Mapping[int, str] | None,
) -> Kpi:
    kpi = Kpi(
        organisation=organisation,
        name=name,
        purpose=purpose.strip(),
        kind=kind,
        unit=unit,
        direction=direction,
        period=period,
        owner=owner,
        objective=objective,
        rubric={str(level): text for level, text in (rubric or {}).items()},
    )
    kpi.full_clean()
    kpi.save()
    audit_log_record(actor=actor, action=action, instance=kpi, after=snapshot(kpi))
    return kpi


@transaction.atomic
def kpi_create(
    *,
    actor: AnyUser,
    organisation: Organisation,
    name: str,
    purpose: str,
    kind: str = Kpi.Kind.QUANTITATIVE,
    unit: str = "",
    direction: str = Kpi.Direction.HIGHER,
    period: str = Kpi.Period.WEEK,
    owner: Person | None = None,
    objective: Objective | None = None,
    rubric: Mapping[int, str] | None = None,
) -> Kpi:
    """Define a KPI. The purpose ("why this KPI exists") is required: people deserve to know."""
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say why this KPI exists: people deserve to know.")})
    return _kpi_save(
        actor=actor,
        action="kpis.kpi.created",
        organisation=organisation,
        name=name,
        purpose=purpose,
        kind=kind,
        unit=unit,
        direction=direction,
        period=period,
        owner=owner,
        objective=objective,
        rubric=rubric,
    )


@transaction.atomic
def kpi_import(
    *,
    actor: AnyUser,
    organisation: Organisation,
    name: str,
    purpose: str,
    kind: str = Kpi.Kind.QUANTITATIVE,
    unit: str = "",
    direction: str = Kpi.Direction.HIGHER,
    period: str = Kpi.Period.WEEK,
    owner: Person | None = None,
    objective: Objective | None = None,
    rubric: Mapping[int, str] | None = None,
) -> Kpi:
    """Bring in a KPI defined elsewhere (a spreadsheet, another system) exactly as it was, even
    without a purpose: the audit then flags the missing purpose instead of the import inventing one."""
    return _kpi_save(
        actor=actor,
        action="kpis.kpi.imported",
        organisation=organisation,
        name=name,
        purpose=purpose,
        kind=kind,
        unit=unit,
        direction=direction,
        period=period,
        owner=owner,
        objective=objective,
        rubric=rubric,
    )


@transaction.atomic
def kpi_set_purpose(*, actor: AnyUser, kpi: Kpi, purpose: str) -> Kpi:
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say why this KPI exists: people deserve to know.")})
    before = snapshot(kpi, ["purpose"])
    kpi.purpose = purpose.strip()
    kpi.save(update_fields=["purpose"])
    audit_log_record(
        actor=actor,
        action="kpis.kpi.purpose_set",
        instance=kpi,
        before=before,
        after=snapshot(kpi, ["purpose"]),
    )
    return kpi


@transaction.atomic
def cycle_create(
    *, actor: AnyUser, organisation: Organisation, name: str, start: dt.date, end: dt.date
) -> Cycle:
    cycle = Cycle(organisation=organisation, name=name, start=start, end=end)
    cycle.full_clean()
    cycle.save()
    audit_log_record(actor=actor, action="kpis.cycle.created", instance=cycle, after=snapshot(cycle))
    return cycle


@transaction.atomic
def assignment_create(
    *,
    actor: AnyUser,
    person: Person,
    kpi: Kpi,
    cycle: Cycle,
    target: float,
    weight: float,
    set_by: str,
    commit: float | None = None,
    stretch: float | None = None,
    baseline: float | None = None,
    status: str = Assignment.Status.DRAFT,
) -> Assignment:
    assignment = Assignment(
        person=person,
        kpi=kpi,
        cycle=cycle,
        baseline=baseline,
        commit=commit,
        target=target,
        stretch=stretch,
        weight=weight,
        set_by=set_by,
        status=status,
    )
    assignment.full_clean()
    assignment.save()
    audit_log_record(
        actor=actor, action="kpis.assignment.created", instance=assignment, after=snapshot(assignment)
    )
    return assignment


_TRANSITIONS: dict[str, set[str]] = {
    Assignment.Status.DRAFT: {Assignment.Status.PROPOSED, Assignment.Status.AGREED},
    Assignment.Status.PROPOSED: {Assignment.Status.DRAFT, Assignment.Status.AGREED},
    Assignment.Status.AGREED: {Assignment.Status.CLOSED},
    Assignment.Status.REVISED: {Assignment.Status.CLOSED},
    Assignment.Status.CLOSED: set(),
}


@transaction.atomic
def assignment_set_status(*, actor: AnyUser, assignment: Assignment, status: str) -> Assignment:
    """Move an assignment along its workflow; revisions go through :func:`assignment_revise`."""
    if status not in _TRANSITIONS[assignment.status]:
        raise ValidationError(
            _("An assignment cannot go from %(old)s to %(new)s.") % {"old": assignment.status, "new": status}
        )
    before = snapshot(assignment, ["status"])
    assignment.status = status
    assignment.save(update_fields=["status"])
    audit_log_record(
        actor=actor,
        action=f"kpis.assignment.{status}",
        instance=assignment,
        before=before,
        after=snapshot(assignment, ["status"]),
    )
    return assignment


@transaction.atomic
def assignment_revise(
    *,
    actor: AnyUser,
    assignment: Assignment,
    target: float,
    reason: str,
    effective_from: dt.date,
    commit: float | None = None,
    stretch: float | None = None,
    at: dt.datetime | None = None,
) -> TargetRevision:
    """Change an agreed assignment's target levels. The old and new values, the reason, who and
    when are kept as their own row, so "when was this target last revised" is always answerable."""
    if assignment.status not in {Assignment.Status.AGREED, Assignment.Status.REVISED}:
        raise ValidationError(_("Only agreed targets are revised; drafts are simply edited."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the target changes.")})
    if not assignment.cycle.start <= effective_from <= assignment.cycle.end:
        raise ValidationError({"effective_from": _("The revision must take effect within the cycle.")})
    before = snapshot(assignment, [*TARGET_FIELDS, "status"])
    revision = TargetRevision(
        assignment=assignment,
        old_commit=assignment.commit,
        old_target=assignment.target,
        old_stretch=assignment.stretch,
        new_commit=commit,
        new_target=target,
        new_stretch=stretch,
        reason=reason.strip(),
        revised_by=actor if actor is not None and actor.is_authenticated else None,
        revised_at=at or timezone.now(),
        effective_from=effective_from,
    )
    assignment.commit, assignment.target, assignment.stretch = commit, target, stretch
    assignment.status = Assignment.Status.REVISED
    assignment.full_clean()
    assignment.save(update_fields=[*TARGET_FIELDS, "status"])
    revision.full_clean()
    revision.save()
    audit_log_record(
        actor=actor,
        action="kpis.assignment.revised",
        instance=assignment,
        before=before,
        after={**snapshot(assignment, [*TARGET_FIELDS, "status"]), "revision_id": revision.pk},
    )
    return revision


@transaction.atomic
def measurement_record(
    *,
    actor: AnyUser,
    person: Person,
    kpi: Kpi,
    period_end: dt.date,
    value: float,
    note: str = "",
    recorded_at: dt.datetime | None = None,
) -> Measurement:
    """Report the value of one period. Reporting a period again is a correction: it adds a newer
    row and the earlier value stays readable in the history."""
    if kpi.kind == Kpi.Kind.QUALITATIVE and not QUALITATIVE_MIN <= value <= QUALITATIVE_MAX:
        raise ValidationError({"value": _("A qualitative KPI is rated from 1 to 5.")})
    if kpi.organisation_id != person.organisation_id:
        raise ValidationError(_("The person and the KPI belong to different organisations."))
    previous = (
        Measurement.objects.filter(person=person, kpi=kpi, period_end=period_end)
        .order_by("-recorded_at", "-id")
        .first()
    )
    measurement = Measurement(
        person=person,
        kpi=kpi,
        period_end=period_end,
        value=value,
        note=note,
        recorded_at=recorded_at or timezone.now(),
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    measurement.full_clean()
    measurement.save()
    audit_log_record(
        actor=actor,
        action="kpis.measurement.corrected" if previous else "kpis.measurement.recorded",
        instance=measurement,
        before=snapshot(previous, ["value", "recorded_at"]) if previous else None,
        after=snapshot(measurement, ["person_id", "kpi_id", "period_end", "value", "recorded_at"]),
    )
    return measurement


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasurementInput:
    person: Person
    kpi: Kpi
    period_end: dt.date
    value: float
    recorded_at: dt.datetime
    recorded_by: User | None = None
    note: str = ""


IMPORT_BATCH_SIZE = 2000


@transaction.atomic
def measurements_import(*, actor: AnyUser, rows: list[MeasurementInput], source: str) -> int:
    """Append many reported values at once (an import or a migration from another system).

    All or nothing: every row is validated before any is written. The import is one state change
    and gets one audit-log entry naming its source and size; each row keeps its own
    ``recorded_at`` and ``recorded_by``, so the history reads exactly as it happened.
    """
    measurements = []
    for row in rows:
        if row.kpi.kind == Kpi.Kind.QUALITATIVE and not QUALITATIVE_MIN <= row.value <= QUALITATIVE_MAX:
            raise ValidationError(
                _("%(kpi)s is rated from 1 to 5 (period %(period)s).")
                % {"kpi": row.kpi.name, "period": row.period_end.isoformat()}
            )
        measurements.append(
            Measurement(
                person=row.person,
                kpi=row.kpi,
                period_end=row.period_end,
                value=row.value,
                recorded_at=row.recorded_at,
                recorded_by=row.recorded_by,
                note=row.note,
            )
        )
    Measurement.objects.bulk_create(measurements, batch_size=IMPORT_BATCH_SIZE)
    if measurements:
        audit_log_record(
            actor=actor,
            action="kpis.measurements.imported",
            instance=measurements[0].person.organisation,
            after={"source": source, "rows": len(measurements)},
        )
    return len(measurements)
