"""The in-app audit: the organisation's data from the database, through the one engine.

Survey answers go into the engine only, which reports team-level results under its privacy rules
(minimum group size, no differencing); no individual answer ever comes back out of it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from kpiwell.core.exports import audit_frames
from kpiwell.engine.audit import audit
from kpiwell.engine.audit.findings import AuditResult
from kpiwell.engine.audit.frames import SURVEYS_SCHEMA, conform
from kpiwell.kpis.models import Cycle
from kpiwell.org.models import Organisation
from kpiwell.org.selectors import AnyUser
from kpiwell.surveys.models import SurveyResponse


def _survey_frame(*, organisation: Organisation, person_ids: list[str], as_of: dt.date) -> pl.DataFrame:
    rows = list(
        SurveyResponse.objects.filter(
            person__organisation=organisation, person__external_id__in=person_ids, date__lte=as_of
        ).values_list("person__external_id", "date", "instrument", "item", "response")
    )
    frame = pl.DataFrame(
        rows,
        schema=["person_id", "date", "instrument", "item", "response"],
        orient="row",
        schema_overrides={k: v for k, v in SURVEYS_SCHEMA.items()},
    )
    return conform(frame, SURVEYS_SCHEMA)


def organisation_audit(
    *, viewer: AnyUser, organisation: Organisation, cycle: Cycle, as_of: dt.date | None = None
) -> AuditResult:
    """Audit the organisation's current plan (HR and admins only, like the export)."""
    frames = audit_frames(viewer=viewer, organisation=organisation, cycle=cycle)
    effective = as_of or frames.actuals["period_end"].max()
    assert isinstance(effective, dt.date)
    surveys = _survey_frame(
        organisation=organisation,
        person_ids=frames.plan["person_id"].unique().to_list(),
        as_of=effective,
    )
    return audit(
        frames.plan,
        frames.actuals,
        checkins=frames.checkins,
        recognition=frames.recognition,
        as_of=as_of,
        surveys=surveys,
    )
