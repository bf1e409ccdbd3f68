"""REST endpoints for KPI data: parse, call a selector, return. Access rules live in selectors."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from kpiwell.kpis import selectors as kpi_selectors

router = Router(tags=["KPIs"])


class AssignmentOut(Schema):
    assignment_id: int
    kpi: str
    purpose: str
    kind: str
    unit: str
    direction: str
    baseline: float | None
    commit: float | None
    target: float
    stretch: float | None
    weight: float
    set_by: str
    status: str
    last_revised: dt.date | None
    latest_period: dt.date | None
    latest_value: float | None
    periods_reported: int


class PersonKpisOut(Schema):
    person_id: str
    full_name: str
    team: str
    cycle: str | None
    cycle_start: dt.date | None
    cycle_end: dt.date | None
    assignments: list[AssignmentOut]


class MeasurementOut(Schema):
    period_end: dt.date
    value: float
    recorded_at: dt.datetime
    recorded_by: str
    note: str
    is_current: bool


@router.get("/people/{person_id}/kpis", response=PersonKpisOut)
def person_kpis(request: HttpRequest, person_id: int, cycle: int | None = None) -> PersonKpisOut:
    """A person's KPIs for a cycle (the current one by default). 404 when not yours to see."""
    overview = kpi_selectors.person_overview(
        viewer=request.user, person_id=person_id, today=timezone.localdate(), cycle_id=cycle
    )
    if overview is None:
        raise Http404
    return PersonKpisOut(
        person_id=overview.person.external_id,
        full_name=overview.person.full_name,
        team=overview.person.team.name,
        cycle=overview.cycle.name if overview.cycle else None,
        cycle_start=overview.cycle.start if overview.cycle else None,
        cycle_end=overview.cycle.end if overview.cycle else None,
        assignments=[
            AssignmentOut(
                assignment_id=a.assignment_id,
                kpi=a.kpi_name,
                purpose=a.purpose,
                kind=a.kind,
                unit=a.unit,
                direction=a.direction,
                baseline=a.baseline,
                commit=a.commit,
                target=a.target,
                stretch=a.stretch,
                weight=a.weight,
                set_by=a.set_by,
                status=a.status,
                last_revised=a.last_revised,
                latest_period=a.latest_period,
                latest_value=a.latest_value,
                periods_reported=a.periods_reported,
            )
            for a in overview.assignments
        ],
    )


@router.get("/people/{person_id}/kpis/{kpi_id}/measurements", response=list[MeasurementOut])
def measurements(request: HttpRequest, person_id: int, kpi_id: int) -> list[MeasurementOut]:
    """Every value ever reported, corrections included (oldest first)."""
    rows = kpi_selectors.measurement_history(viewer=request.user, person_id=person_id, kpi_id=kpi_id)
    if rows is None:
        raise Http404
    return [
        MeasurementOut(
            period_end=r.period_end,
            value=r.value,
            recorded_at=r.recorded_at,
            recorded_by=r.recorded_by,
            note=r.note,
            is_current=r.is_current,
        )
        for r in rows
    ]
