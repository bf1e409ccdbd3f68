"""What every rule receives and returns, and the one place findings are built from frames.

A rule is a pure function ``(AuditContext) -> RuleOutput``: it selects the flagged subjects with
Polars expressions over the whole organisation at once, and only the flagged rows become
:class:`Finding` objects.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

import polars as pl

from kpiwell.engine.audit.config import AuditConfig
from kpiwell.engine.audit.findings import Finding, Note, Severity
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
    findings: tuple[Finding, ...] = ()
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
) -> tuple[Finding, ...]:
    """One finding per row of ``frame``.

    ``severity`` is a fixed :class:`Severity` or the name of a column holding its value; ``team``,
    ``person`` and ``kpi`` name the subject columns (None: not applicable); ``evidence`` names the
    columns copied into the evidence (and the message parameters); ``message_key`` may name a column
    when the wording depends on the row. ``extra`` adds constant evidence entries.
    """
    message = message_key or f"code.{code}.message"
    remedy = remedy_key or f"code.{code}.remedy"
    constants = {name: json_value(value) for name, value in (extra or {}).items()}
    subject = {"team": team, "person_id": person, "kpi": kpi}
    row_wise = {key: column for key, column in subject.items() if column is not None}
    if message in frame.columns:
        row_wise["message_key"] = message
    if not isinstance(severity, Severity):
        row_wise["severity"] = severity
    table = frame.select(
        *(pl.col(column).alias(f"_{key}") for key, column in row_wise.items()),
        *evidence_columns(frame, evidence),
    )
    # Whole columns to Python once, then plain tuples: no per-row dicts from Polars.
    fixed = severity if isinstance(severity, Severity) else None
    severities = {level.value: level for level in Severity}
    names = tuple(evidence)
    columns = [table.get_column(f"_{key}").to_list() if key in row_wise else None for key in _ROW_WISE]
    nothing = [None] * table.height
    teams, people, kpis, message_keys, levels = (values or nothing for values in columns)
    out: list[Finding] = []
    rows = table.select(names).rows() if names else [()] * table.height
    for row, team_, person_, kpi_, message_, level in zip(
        rows, teams, people, kpis, message_keys, levels, strict=True
    ):
        values = dict(zip(names, row, strict=True))
        if constants:
            values.update(constants)
        out.append(
            Finding(
                code=code,
                cause=cause,
                harm=harm,
                severity=fixed or severities.get(level) or Severity(level),
                team=team_,
                person_id=person_,
                kpi=kpi_,
                evidence=values,
                message_key=message_ or message,
                remedy_key=remedy,
                params=dict(values),
            )
        )
    return tuple(out)


# The row-wise subject and wording columns ``emit`` may read, in the order it unpacks them.
_ROW_WISE: Final = ("team", "person_id", "kpi", "message_key", "severity")
