"""What every rule receives and returns, and the one place findings are built from frames.

A rule is a pure function ``(AuditContext) -> RuleOutput``: it selects the flagged subjects with
Polars expressions over the whole organisation at once, and the flagged rows become a
:class:`FindingBatch` (columns, one row per finding).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

import polars as pl

from kpiwell.engine.audit.config import AuditConfig
from kpiwell.engine.audit.findings import FindingBatch, Note, Severity
from kpiwell.engine.audit.prepare import Prepared

EVIDENCE_DIGITS: Final = 6  # significant digits kept in evidence numbers (presentation only)


def attainment_rows(prepared: Prepared) -> pl.DataFrame:
    """Observations up to as-of with a target > 0 and a finite ``attainment`` (value / target, or
    target / value for ``lower``, uncapped), with the assignment's ``sign``, ``period_days`` and
    whether it is ``quantitative`` (no strings: 5 million rows stay small); sorted by ``aid`` and
    ``period_end``."""
    obs = prepared.observations.filter(pl.col("target") > 0)
    aid = obs.get_column("aid")
    assignments = prepared.assignments
    return (
        obs.with_columns(
            assignments.get_column("sign").gather(aid).alias("sign"),
            assignments.get_column("period_days").gather(aid).alias("period_days"),
            (assignments.get_column("kind") == "quantitative").gather(aid).alias("quantitative"),
        )
        .with_columns(
            pl.when(pl.col("sign") > 0)
            .then(pl.col("value") / pl.col("target"))
            .otherwise(pl.col("target") / pl.col("value"))
            .alias("attainment")
        )
        .filter(pl.col("attainment").is_finite())
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditContext:
    """Prepared inputs, the attainment model (one row per ``aid``) and the per-period attainment
    rows (:func:`attainment_rows`), computed once and shared by the rules."""

    prepared: Prepared
    model: pl.DataFrame
    periods: pl.DataFrame

    @property
    def config(self) -> AuditConfig:
        return self.prepared.config

    def decide(self, expr: pl.Expr) -> pl.Expr:
        """A unit-free quantity rounded before it meets a threshold (see ``numerics``)."""
        return expr.round(self.config.numerics.decision_decimals)


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleOutput:
    findings: tuple[FindingBatch, ...] = ()
    notes: tuple[Note, ...] = ()


Rule = Callable[[AuditContext], RuleOutput]


def evidence_columns(frame: pl.DataFrame, names: Sequence[str]) -> list[pl.Expr]:
    """Evidence columns as JSON-friendly values, vectorised: floats rounded to ``EVIDENCE_DIGITS``
    significant digits with NaN and infinities as null, dates as ISO text."""
    out: list[pl.Expr] = []
    for name in names:
        dtype = frame.schema[name]
        column = pl.col(name)
        if dtype.is_float():
            column = pl.when(column.is_finite()).then(column.round_sig_figs(EVIDENCE_DIGITS))
        elif dtype in (pl.Date, pl.Datetime):
            column = column.dt.to_string()
        out.append(column.alias(name))
    return out


def json_value(value: object) -> Any:
    """A constant evidence value as JSON-friendly Python (same conventions as ``evidence_columns``)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return pl.select(pl.lit(value).round_sig_figs(EVIDENCE_DIGITS)).item()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def emit(
    frame: pl.DataFrame,
    *,
    code: str,
    cause: int | None,
    harm: int | None,
    severity: Severity | str,
    evidence: Sequence[str],
    team: str | None = "team",
    person: str | None = None,
    kpi: str | None = None,
    message_key: str | None = None,
    remedy_key: str | None = None,
    extra: Mapping[str, object] | None = None,
) -> tuple[FindingBatch, ...]:
    """One finding per row of ``frame``, as one column batch.

    ``severity`` is a fixed :class:`Severity` or the name of a column holding its value; ``team``,
    ``person`` and ``kpi`` name the subject columns (None: not applicable); ``evidence`` names the
    columns copied into the evidence (and the message parameters); ``message_key`` may name a column
    when the wording depends on the row. ``extra`` adds constant evidence entries.
    """
    message = message_key or f"code.{code}.message"
    remedy = remedy_key or f"code.{code}.remedy"

    def text(column: str | None, fixed: str | None) -> pl.Expr:
        if column is None:
            return pl.lit(fixed, dtype=pl.String)
        return pl.col(column).cast(pl.String)

    table = frame.select(
        text(team, None).alias("_team"),
        text(person, None).alias("_person_id"),
        text(kpi, None).alias("_kpi"),
        (text(None, severity.value) if isinstance(severity, Severity) else text(severity, None)).alias(
            "_severity"
        ),
        text(message if message in frame.columns else None, message).alias("_message_key"),
        text(None, remedy).alias("_remedy_key"),
        *evidence_columns(frame, evidence),
    )
    return (
        FindingBatch(
            code=code,
            cause=cause,
            harm=harm,
            frame=table,
            evidence=tuple(evidence),
            constants={name: json_value(value) for name, value in (extra or {}).items()},
        ),
    )
