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


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditContext:
    """Prepared inputs plus the attainment model (one row per ``aid``) shared by several rules."""

    prepared: Prepared
    model: pl.DataFrame

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


def json_value(value: object) -> Any:
    """Evidence values as JSON-friendly Python: ISO dates, rounded floats, NaN as None."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value == 0.0:
            return 0.0
        digits = EVIDENCE_DIGITS - 1 - math.floor(math.log10(abs(value)))
        return round(value, max(digits, 0)) if digits > 0 else float(round(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
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
    columns = set(frame.columns)
    out: list[Finding] = []
    for row in frame.iter_rows(named=True):
        values = {name: json_value(row[name]) for name in evidence}
        if extra:
            values.update({name: json_value(value) for name, value in extra.items()})
        level = severity if isinstance(severity, Severity) else Severity(row[severity])
        out.append(
            Finding(
                code=code,
                cause=cause,
                harm=harm,
                severity=level,
                team=row[team] if team else None,
                person_id=row[person] if person else None,
                kpi=row[kpi] if kpi else None,
                evidence=values,
                message_key=str(row[message]) if message in columns else message,
                remedy_key=remedy,
                params=dict(values),
            )
        )
    return tuple(out)
