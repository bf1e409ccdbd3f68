"""The KPI audit: find where a KPI plan is set up to backfire, with the evidence and a remedy.

``audit()`` takes the normalised Polars frames of :mod:`kpiwell.engine.audit.frames` and returns an
:class:`AuditResult` of frozen dataclasses; wording lives in :mod:`kpiwell.engine.audit.i18n`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import polars as pl

from kpiwell.engine.audit.attainment import fit_attainment
from kpiwell.engine.audit.config import AuditConfig, ConfigError, default_config_toml
from kpiwell.engine.audit.findings import (
    AuditResult,
    Finding,
    FindingBatch,
    FindingSet,
    Note,
    PersonScore,
    Severity,
)
from kpiwell.engine.audit.prepare import Prepared
from kpiwell.engine.audit.prepare import prepare as _prepare
from kpiwell.engine.audit.rules import READS_MODEL, RULES, AuditContext
from kpiwell.engine.audit.rules.base import attainment_rows
from kpiwell.engine.audit.scores import cycle_scores
from kpiwell.engine.wellbeing import radar as _radar  # a module, not a name: radar imports findings

CODES: tuple[str, ...] = tuple(RULES)


def audit(  # noqa: PLR0917 - the positional order is the published API (issue 3)
    plan: pl.DataFrame,
    actuals: pl.DataFrame,
    checkins: pl.DataFrame | None = None,
    recognition: pl.DataFrame | None = None,
    as_of: date | None = None,
    config: AuditConfig | None = None,
    *,
    targets: pl.DataFrame | None = None,
    surveys: pl.DataFrame | None = None,
    turnover: pl.DataFrame | None = None,
) -> AuditResult:
    """Audit a KPI plan against its actuals as of ``as_of`` (default: the latest ``period_end``).

    Rules that need an optional input (check-ins, recognition, turnover scores, surveys) run only
    when it is given; survey answers feed only the team-level radar of
    :func:`kpiwell.engine.wellbeing.radar.survey_findings`, whose privacy suppressions (counts only)
    land in ``AuditResult.suppressed``. Raises ``ValueError`` when a frame violates the contract of
    ``frames.py`` (a missing required column, an empty required value, an unknown direction, ...).
    """
    prepared = _prepare(
        plan=plan,
        actuals=actuals,
        targets=targets,
        checkins=checkins,
        recognition=recognition,
        turnover=turnover,
        surveys=surveys,
        as_of=as_of,
        config=config or AuditConfig(),
    )
    # A second thread fits the attainment model, then computes the survey radar and the cycle
    # scores, none of which needs the KPI rules, while this one runs the rules that do not read the
    # model, then the others. All are NumPy and Polars work, which mostly runs without the GIL.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kpiwell-audit") as beside:
        model = beside.submit(fit_attainment, prepared)
        survey_outcome = beside.submit(_survey_outcome, prepared)
        scores = beside.submit(cycle_scores, prepared)
        context = AuditContext(prepared=prepared, fitted=model.result, periods=attainment_rows(prepared))
        order = sorted(RULES, key=lambda code: code in READS_MODEL)  # stable: RULES' order otherwise
        done = {code: RULES[code](context) for code in order}
        outputs = [done[code] for code in RULES]
    outcome = survey_outcome.result()
    notes = tuple(note for out in outputs for note in out.notes)
    summaries = tuple(sorted({f"{note.key}.summary" for note in notes}))
    return AuditResult(
        as_of=prepared.as_of,
        findings=FindingSet(
            batches=[batch for out in outputs for batch in out.findings],
            listed=() if outcome is None else outcome.findings,
        ),
        scores=scores.result(),
        notes=summaries,
        suppressed={} if outcome is None else dict(outcome.suppressed),
        note_details=notes,
    )


def _survey_outcome(prepared: Prepared) -> _radar.SurveyOutcome | None:
    if prepared.surveys is None:
        return None
    return _radar.survey_findings(
        surveys=prepared.surveys,
        people=prepared.assignments.select("person_id", "team", "parent_team"),
        config=prepared.config.wellbeing,
        as_of=prepared.as_of,
    )


__all__ = [
    "CODES",
    "AuditConfig",
    "AuditResult",
    "ConfigError",
    "Finding",
    "FindingBatch",
    "FindingSet",
    "Note",
    "PersonScore",
    "Severity",
    "audit",
    "default_config_toml",
]
