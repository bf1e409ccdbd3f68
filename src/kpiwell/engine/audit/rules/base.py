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

import numpy as np
import polars as pl

from kpiwell.engine.audit.config import AuditConfig
from kpiwell.engine.audit.findings import FindingBatch, Note, Severity
from kpiwell.engine.audit.prepare import Prepared

EVIDENCE_DIGITS: Final = 6  # significant digits kept in evidence numbers (presentation only)


def attainment_rows(prepared: Prepared) -> pl.DataFrame:
    """Observations up to as-of with a target > 0 and a finite ``attainment`` (value / target, or
    target / value for ``lower``, uncapped), with the assignment's ``sign`` (Int8, +1 or -1),
    ``period_days`` and whether it is ``quantitative`` (no strings: 5 million rows stay small);
    sorted by ``aid`` and ``period_end``."""
    obs = prepared.observations.filter(pl.col("target") > 0)
    aid = obs.get_column("aid")
    assignments = prepared.assignments
    # The rules only compare the sign with 0, so one byte per row carries it instead of a float.
    per_aid = assignments.select(
        pl.col("sign").cast(pl.Int8), "period_days", (pl.col("kind") == "quantitative").alias("quantitative")
    )
    if obs.height and per_aid.null_count().row(0) == (0, 0, 0):
        # Each aid's rows are one run (the observations are sorted by aid), so each row's
        # assignment values are its run's, repeated: cheaper than a gather per row.
        aid_np = aid.to_numpy()
        new_run = np.empty(aid_np.size, dtype=bool)
        new_run[0] = True
        np.not_equal(aid_np[1:], aid_np[:-1], out=new_run[1:])
        first = np.flatnonzero(new_run)
        length = np.diff(first, append=aid_np.size)
        run_aid = aid_np[first]
        columns = [
            pl.Series(name, np.repeat(per_aid.get_column(name).to_numpy()[run_aid], length), dtype=dtype)
            for name, dtype in per_aid.schema.items()
        ]
    else:
        columns = [per_aid.get_column(name).gather(aid) for name in per_aid.columns]
    sign, period_days, quantitative = columns
    higher = (sign > 0).to_numpy()
    value = obs.get_column("value").to_numpy()
    target = obs.get_column("target").to_numpy()
    # Each row's one division written straight into the result: a when/then/otherwise would
    # compute both quotients for all rows, two more arrays of millions of floats. All rows are
    # divided as for ``higher`` in one unmasked (vectorised) pass, then only the ``lower`` rows,
    # usually the fewer, are divided again the other way: faster than two masked divisions.
    attainment = np.empty(obs.height)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(value, target, out=attainment)
        np.divide(target, value, out=attainment, where=~higher)
    rows = obs.with_columns(sign, period_days, quantitative, pl.Series("attainment", attainment))
    # Usually every quotient is finite: then the filter, a copy of every column, is skipped.
    finite = np.isfinite(attainment)
    return rows if finite.all() else rows.filter(finite)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditContext:
    """Prepared inputs, the attainment model (one row per ``aid``) and the per-period attainment
    rows (:func:`attainment_rows`), computed once and shared by the rules.

    ``fitted`` gives the model: ``audit()`` fits it on a second thread while the rules that do not
    read it run, so a rule that reads ``model`` may wait for it there.
    """

    prepared: Prepared
    fitted: Callable[[], pl.DataFrame]
    periods: pl.DataFrame

    @property
    def model(self) -> pl.DataFrame:
        return self.fitted()

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
