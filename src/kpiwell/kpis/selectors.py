"""Reads of KPI data. Access is decided by :mod:`kpiwell.org.selectors`; nothing here returns a
person's KPI data without asking it first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from kpiwell.kpis.models import Assignment, Cycle, Measurement, TargetRevision
from kpiwell.org.models import Organisation, Person
from kpiwell.org.selectors import AnyUser, person_get_visible


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasurementRow:
    period_end: dt.date
    value: float
    recorded_at: dt.datetime
    recorded_by: str
    note: str
    is_current: bool  # the latest row of its period


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentView:
    assignment_id: int
    kpi_id: int
    kpi_name: str
    purpose: str
    kind: str
    kind_label: str
    unit: str
    direction: str
    baseline: float | None
    commit: float | None
    target: float
    stretch: float | None
    weight: float
    set_by: str
    set_by_label: str
    status: str
    status_label: str
    last_revised: dt.date | None
    latest_period: dt.date | None
    latest_value: float | None
    periods_reported: int
    recent: tuple[tuple[dt.date, float], ...]  # current value per period, oldest first


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonOverview:
    person: Person
    cycle: Cycle | None
    cycles: tuple[Cycle, ...]
    assignments: tuple[AssignmentView, ...]


RECENT_PERIODS = 12  # how many periods of history the person page shows per KPI


def cycle_current(*, organisation: Organisation, today: dt.date) -> Cycle | None:
    """The cycle running on ``today``; failing that the latest one that has started; else the first."""
    cycles = Cycle.objects.filter(organisation=organisation)
    return (
        cycles.filter(start__lte=today, end__gte=today).order_by("-start").first()
        or cycles.filter(start__lte=today).order_by("-start").first()
        or cycles.order_by("start").first()
    )


def current_values(rows: list[Measurement]) -> dict[dt.date, Measurement]:
    """The current row of each period: its latest ``recorded_at`` (ties: the later id)."""
    latest: dict[dt.date, Measurement] = {}
    for row in sorted(rows, key=lambda m: (m.period_end, m.recorded_at, m.pk)):
        latest[row.period_end] = row
    return latest


def measurement_history(*, viewer: AnyUser, person_id: int, kpi_id: int) -> list[MeasurementRow] | None:
    """Every row ever reported for one person and KPI, corrections included; ``None`` if hidden."""
    person = person_get_visible(user=viewer, person_id=person_id)
    if person is None:
        return None
    rows = list(
        Measurement.objects.filter(person=person, kpi_id=kpi_id)
        .select_related("recorded_by")
        .order_by("period_end", "recorded_at", "id")
    )
    current_ids = {m.pk for m in current_values(rows).values()}
    return [
        MeasurementRow(
            period_end=m.period_end,
            value=m.value,
            recorded_at=m.recorded_at,
            recorded_by=m.recorded_by.get_username() if m.recorded_by else "",
            note=m.note,
            is_current=m.pk in current_ids,
        )
        for m in rows
    ]


def person_overview(
    *, viewer: AnyUser, person_id: int, today: dt.date, cycle_id: int | None = None
) -> PersonOverview | None:
    """A person's KPIs for a cycle (the current one by default); ``None`` when the viewer may not
    see this person (or the person does not exist: the two are indistinguishable on purpose)."""
    person = person_get_visible(user=viewer, person_id=person_id)
    if person is None:
        return None
    cycles = tuple(Cycle.objects.filter(organisation_id=person.organisation_id).order_by("-start"))
    cycle = next((c for c in cycles if c.pk == cycle_id), None) if cycle_id is not None else None
    if cycle is None:
        cycle = cycle_current(organisation=person.organisation, today=today)
    if cycle is None:
        return PersonOverview(person=person, cycle=None, cycles=cycles, assignments=())
    assignments = list(
        Assignment.objects.filter(person=person, cycle=cycle)
        .select_related("kpi")
        .order_by("-weight", "kpi__name")
    )
    kpi_ids = [a.kpi_id for a in assignments]
    measurements = list(
        Measurement.objects.filter(
            person=person, kpi_id__in=kpi_ids, period_end__gte=cycle.start, period_end__lte=cycle.end
        ).only("kpi_id", "period_end", "value", "recorded_at")
    )
    by_kpi: dict[int, list[Measurement]] = {}
    for m in measurements:
        by_kpi.setdefault(m.kpi_id, []).append(m)
    revised = dict(
        TargetRevision.objects.filter(assignment__in=assignments)
        .values("assignment_id")
        .annotate(last=Max("revised_at"))
        .values_list("assignment_id", "last")
    )
    views = []
    for a in assignments:
        current = current_values(by_kpi.get(a.kpi_id, []))
        periods = sorted(current)
        last_revised = revised.get(a.pk)
        views.append(
            AssignmentView(
                assignment_id=a.pk,
                kpi_id=a.kpi_id,
                kpi_name=a.kpi.name,
                purpose=a.kpi.purpose,
                kind=a.kpi.kind,
                kind_label=str(a.kpi.get_kind_display()),
                unit=a.kpi.unit,
                direction=a.kpi.direction,
                baseline=a.baseline,
                commit=a.commit,
                target=a.target,
                stretch=a.stretch,
                weight=a.weight,
                set_by=a.set_by,
                set_by_label=str(a.get_set_by_display()) if a.set_by else "",
                status=a.status,
                status_label=str(a.get_status_display()),
                last_revised=last_revised.date() if last_revised else None,
                latest_period=periods[-1] if periods else None,
                latest_value=current[periods[-1]].value if periods else None,
                periods_reported=len(periods),
                recent=tuple((p, current[p].value) for p in periods[-RECENT_PERIODS:]),
            )
        )
    return PersonOverview(person=person, cycle=cycle, cycles=cycles, assignments=tuple(views))
