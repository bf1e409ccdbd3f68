"""Harm 7 at person level: ``turnover-risk`` from the turnover model's scores (band ``high``)."""

from __future__ import annotations

import polars as pl

from kpiwell.engine.audit.findings import Note, Severity
from kpiwell.engine.audit.rules.base import AuditContext, RuleOutput, emit

HIGH_BAND = "high"


def turnover_risk(ctx: AuditContext) -> RuleOutput:
    scores = ctx.prepared.turnover
    if scores is None:
        return RuleOutput()
    high = (
        scores.filter(pl.col("band") == HIGH_BAND)
        .sort(["person_id", "probability"], descending=[False, True], nulls_last=True)
        .unique(subset="person_id", keep="first", maintain_order=True)
    )
    people = ctx.prepared.people.select("person_id", "team")
    flagged = (
        high.join(people, on="person_id", how="inner")
        .with_columns(
            pl.col("drivers").fill_null([]),
            pl.col("drivers").list.first().alias("top_driver"),
        )
        .with_columns(
            pl.when(pl.col("top_driver").is_null())
            .then(pl.lit("code.turnover-risk.message.no-drivers"))
            .otherwise(pl.lit("code.turnover-risk.message"))
            .alias("message_key")
        )
        .sort("person_id")
    )
    outside = high.join(people, on="person_id", how="anti").height
    notes = (Note(key="note.turnover-outside-plan", params={"count": outside}),) if outside else ()
    return RuleOutput(
        findings=emit(
            flagged,
            code="turnover-risk",
            cause=None,
            harm=7,
            severity=Severity.WARNING,
            person="person_id",
            message_key="message_key",
            evidence=("probability", "drivers", "top_driver"),
        ),
        notes=notes,
    )
