"""Cause 5, no timely feedback or recognition: ``feedback-gap`` and ``recognition-drought`` (person).

Both run only when their input was supplied; events after as-of were dropped when preparing.
"""

from __future__ import annotations

import polars as pl

from kpiwell.engine.audit.findings import Severity
from kpiwell.engine.audit.rules.base import AuditContext, RuleOutput, emit


def _days_since(ctx: AuditContext, events: pl.DataFrame, person_column: str) -> pl.DataFrame:
    last = events.group_by(person_column).agg(pl.col("date").max().alias("last_date"))
    return (
        ctx.prepared.people.select("person_id", "team")
        .join(last, left_on="person_id", right_on=person_column, how="left")
        .with_columns(
            (pl.lit(ctx.prepared.as_of) - pl.col("last_date")).dt.total_days().alias("days_since_last")
        )
        .sort("person_id")
    )


def feedback_gap(ctx: AuditContext) -> RuleOutput:
    checkins = ctx.prepared.checkins
    if checkins is None:
        return RuleOutput()
    cfg = ctx.config.feedback_gap
    people = (
        _days_since(ctx, checkins, "person_id")
        .filter(pl.col("last_date").is_null() | (pl.col("days_since_last") > cfg.warning_after_days))
        .with_columns(
            pl.when(pl.col("last_date").is_null() | (pl.col("days_since_last") > cfg.critical_after_days))
            .then(pl.lit(Severity.CRITICAL.value))
            .otherwise(pl.lit(Severity.WARNING.value))
            .alias("severity"),
            pl.when(pl.col("last_date").is_null())
            .then(pl.lit("code.feedback-gap.message.never"))
            .otherwise(pl.lit("code.feedback-gap.message"))
            .alias("message_key"),
            pl.col("last_date").alias("last_checkin"),
        )
    )
    return RuleOutput(
        findings=emit(
            people,
            code="feedback-gap",
            cause=5,
            harm=None,
            severity="severity",
            person="person_id",
            message_key="message_key",
            evidence=("days_since_last", "last_checkin"),
            extra={"window_days": cfg.warning_after_days},
        )
    )


def recognition_drought(ctx: AuditContext) -> RuleOutput:
    recognition = ctx.prepared.recognition
    if recognition is None:
        return RuleOutput()
    cfg = ctx.config.recognition_drought
    people = (
        _days_since(ctx, recognition, "to_id")
        .filter(pl.col("last_date").is_null() | (pl.col("days_since_last") > cfg.after_days))
        .with_columns(
            pl.when(pl.col("last_date").is_null())
            .then(pl.lit("code.recognition-drought.message.never"))
            .otherwise(pl.lit("code.recognition-drought.message"))
            .alias("message_key"),
            pl.col("last_date").alias("last_recognition"),
        )
    )
    return RuleOutput(
        findings=emit(
            people,
            code="recognition-drought",
            cause=5,
            harm=None,
            severity=Severity.INFO,
            person="person_id",
            message_key="message_key",
            evidence=("days_since_last", "last_recognition"),
            extra={"window_days": cfg.after_days},
        )
    )
