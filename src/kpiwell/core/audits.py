"""The in-app audit: the organisation's data from the database, through the one engine.

Survey answers go into the engine only, which reports team-level results under its privacy rules
(minimum group size, no differencing); no individual answer ever comes back out of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.utils import timezone

from kpiwell.core.exports import AuditFrames, audit_frames
from kpiwell.engine.audit import audit
from kpiwell.engine.audit.findings import AuditResult
from kpiwell.engine.audit.frames import SURVEYS_SCHEMA, TARGETS_SCHEMA, conform, empty
from kpiwell.engine.audit.report import render_report, report_data
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


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganisationAudit:
    frames: AuditFrames
    result: AuditResult

    def report_html(self, *, lang: str) -> str:
        """The same self-contained report ``kpiwell audit`` writes, for this organisation."""
        data = report_data(
            result=self.result,
            plan=self.frames.plan,
            actuals=self.frames.actuals,
            targets=empty(TARGETS_SCHEMA),
        )
        return render_report(data, lang)


def organisation_audit(
    *, viewer: AnyUser, organisation: Organisation, cycle: Cycle, as_of: dt.date | None = None
) -> OrganisationAudit:
    """Audit the organisation's plan for ``cycle`` (HR and admins only, like the export)."""
    frames = audit_frames(viewer=viewer, organisation=organisation, cycle=cycle)
    effective = as_of or timezone.localdate()  # in the app, the audit is as of today
    surveys = _survey_frame(
        organisation=organisation,
        person_ids=frames.plan["person_id"].unique().to_list(),
        as_of=effective,
    )
    result = audit(
        frames.plan,
        frames.actuals,
        checkins=frames.checkins,
        recognition=frames.recognition,
        as_of=effective,
        surveys=surveys,
    )
    return OrganisationAudit(frames=frames, result=result)
