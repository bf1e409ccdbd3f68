"""What the audit returns: findings and the result object, as frozen dataclasses.

A finding is about the design of a KPI plan, never a verdict on a person: each one carries the
numbers behind it (``evidence``) and a remedy in plain words. Wording is not stored here: rules
return a message key and its values, and ``kpiwell.engine.audit.i18n`` renders them in the
requested language (``render_message``, ``render_remedy``), so every sentence lives in one
translatable place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Sort key: most severe first."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK: dict[Severity, int] = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


def finding_id(code: str, team: str | None, person_id: str | None, kpi: str | None) -> str:
    """Stable id: the same subject and code give the same id in every run."""
    subject = "\x1f".join([code, team or "", person_id or "", kpi or ""])
    return hashlib.sha256(subject.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    code: str
    cause: int | None  # 1-5: the five backfire causes; None where not one of them
    harm: int | None  # 1-7: the seven harms of the wellbeing radar; None where not one of them
    severity: Severity
    team: str | None
    person_id: str | None
    kpi: str | None
    evidence: dict[str, Any]  # JSON-serialisable numbers and strings, documented per code
    message_key: str  # key into the message catalogue
    remedy_key: str  # key into the remedy catalogue
    params: dict[str, Any] = field(default_factory=dict)  # values the message template uses

    @property
    def id(self) -> str:
        return finding_id(self.code, self.team, self.person_id, self.kpi)

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (self.severity.rank, self.code, self.team or "", self.person_id or "", self.kpi or "")


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonScore:
    person_id: str
    team: str
    cycle_score: float | None  # weighted mean of capped attainment; None when nothing measured yet
    assignments_measured: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A summary note: a message key and the values its text uses (e.g. which team)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditResult:
    as_of: date
    findings: tuple[Finding, ...]  # sorted by severity, then code, then subject
    scores: tuple[PersonScore, ...]  # sorted by person_id
    notes: tuple[str, ...] = ()  # message keys for summary notes (e.g. "no set_by known")
    suppressed: dict[str, int] = field(default_factory=dict)  # privacy suppressions, counts only
    note_details: tuple[Note, ...] = ()  # every note with its values, e.g. the team it is about

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of findings per code and severity: ``{code: {severity: n}}``."""
        out: dict[str, dict[str, int]] = {}
        for finding in self.findings:
            per_code = out.setdefault(finding.code, {})
            per_code[finding.severity.value] = per_code.get(finding.severity.value, 0) + 1
        return out
