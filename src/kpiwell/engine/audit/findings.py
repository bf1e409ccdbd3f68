"""What the audit returns: findings and the result object, as frozen dataclasses.

A finding is about the design of a KPI plan, never a verdict on a person: each one carries the
numbers behind it (``evidence``) and a remedy in plain words. Wording is not stored here: rules
return a message key and its values, and ``kpiwell.engine.audit.i18n`` renders them in the
requested language (``render_message``, ``render_remedy``), so every sentence lives in one
translatable place.

A large organisation has tens of thousands of findings, so rules hand them over as columns: a
:class:`FindingBatch` is one code's findings as a frame, one row per finding. ``findings.json`` is
written from those columns (:mod:`~kpiwell.engine.audit.serialize`), and :class:`Finding` objects
are made only for readers that ask for them (``AuditResult.findings``, a :class:`FindingSet`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final, overload

import polars as pl


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


# The columns of a batch's frame that hold a finding's subject and wording (evidence columns keep
# their own names, which never start with an underscore).
SUBJECT_COLUMNS: Final = ("_team", "_person_id", "_kpi")
WORDING_COLUMNS: Final = ("_severity", "_message_key", "_remedy_key")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class FindingBatch:
    """Findings of one code as columns: one row of ``frame`` per finding.

    ``frame`` has the subject (``_team``, ``_person_id``, ``_kpi``: text or null), the wording
    (``_severity``: a :class:`Severity` value, ``_message_key``, ``_remedy_key``) and one column per
    name in ``evidence``, with JSON-friendly values (numbers, text, lists, nulls). ``constants``
    are evidence entries shared by every row. A finding's message parameters are its evidence.
    """

    code: str
    cause: int | None
    harm: int | None
    frame: pl.DataFrame
    evidence: tuple[str, ...]
    constants: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        expected = {*SUBJECT_COLUMNS, *WORDING_COLUMNS, *self.evidence}
        if set(self.frame.columns) != expected:
            raise ValueError(f"batch {self.code}: columns {self.frame.columns}, expected {sorted(expected)}")

    @property
    def height(self) -> int:
        return self.frame.height

    def findings(self) -> list[Finding]:
        """The rows as :class:`Finding` objects (whole columns to Python once, then plain tuples)."""
        frame = self.frame
        names = self.evidence
        teams, people, kpis, severities, messages, remedies = (
            frame.get_column(name).to_list() for name in (*SUBJECT_COLUMNS, *WORDING_COLUMNS)
        )
        rows = frame.select(names).rows() if names else [()] * frame.height
        constants = dict(self.constants)
        levels = {level.value: level for level in Severity}
        out: list[Finding] = []
        for row, team, person, kpi, severity, message, remedy in zip(
            rows, teams, people, kpis, severities, messages, remedies, strict=True
        ):
            values = dict(zip(names, row, strict=True))
            if constants:
                values.update(constants)
            out.append(
                Finding(
                    code=self.code,
                    cause=self.cause,
                    harm=self.harm,
                    severity=levels[severity],
                    team=team,
                    person_id=person,
                    kpi=kpi,
                    evidence=values,
                    message_key=message,
                    remedy_key=remedy,
                    params=dict(values),
                )
            )
        return out

    def where(self, keep: pl.Expr) -> FindingBatch:
        """The findings whose row satisfies ``keep`` (an expression over the frame's columns)."""
        return dataclasses.replace(self, frame=self.frame.filter(keep))

    def where_rows(self, rows: pl.Series) -> FindingBatch:
        """The findings in these rows (positions in ``frame``), in that order."""
        return dataclasses.replace(self, frame=self.frame[rows])


class FindingSet(Sequence[Finding]):
    """An audit's findings, sorted by :meth:`Finding.sort_key`: column batches (what the rules
    produce) and finding objects (what the few row-by-row rules produce), with the
    :class:`Finding` objects of the batches made on first access only."""

    __slots__ = ("_items", "_table", "batches", "listed")

    def __init__(self, batches: Iterable[FindingBatch] = (), listed: Iterable[Finding] = ()) -> None:
        self.batches: tuple[FindingBatch, ...] = tuple(batch for batch in batches if batch.height)
        self.listed: tuple[Finding, ...] = tuple(listed)
        self._items: tuple[Finding, ...] | None = None
        self._table: pl.DataFrame | None = None

    def table(self) -> pl.DataFrame:
        """One row per finding, in the order of :meth:`Finding.sort_key`, per :data:`TABLE_SCHEMA`:
        the id, code, cause, harm, severity and subject, and where the finding is: ``part`` (the
        batch's position in ``batches``; ``len(batches)`` for ``listed``) and ``row`` (its row
        there)."""
        if self._table is None:
            parts = [_batch_table(batch, part) for part, batch in enumerate(self.batches)]
            parts.append(_listed_table(self.listed, len(self.batches)))
            self._table = pl.concat(parts).sort(
                pl.col("severity").replace_strict(_RANK_OF_VALUE, return_dtype=pl.UInt8),
                "code",
                *(pl.col(name).fill_null("") for name in ("team", "person_id", "kpi")),
                maintain_order=True,
            )
        return self._table

    def pick(self, rows: pl.DataFrame) -> list[Finding]:
        """The findings of some rows of :meth:`table` (its ``part`` and ``row`` columns), in their
        order: Finding objects for just those rows."""
        made: dict[tuple[int, int], Finding] = {}
        for (part,), wanted in rows.select("part", "row").group_by("part"):
            numbers = wanted.get_column("row")
            if part == len(self.batches):
                found = [self.listed[row] for row in numbers.to_list()]
            else:
                found = self.batches[part].where_rows(numbers).findings()
            made.update(zip(((part, row) for row in numbers.to_list()), found, strict=True))
        return [made[key] for key in rows.select("part", "row").iter_rows()]

    def _all(self) -> tuple[Finding, ...]:
        if self._items is None:  # in the table's order: the sort is written once, there
            self._items = tuple(self.pick(self.table()))
        return self._items

    def __len__(self) -> int:
        return sum(batch.height for batch in self.batches) + len(self.listed)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._all() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable cache, compared by value

    def __repr__(self) -> str:
        return f"FindingSet({len(self)} findings)"


TABLE_SCHEMA: Final = pl.Schema(
    {
        "id": pl.String,
        "code": pl.String,
        "cause": pl.Int64,
        "harm": pl.Int64,
        "severity": pl.String,
        "team": pl.String,
        "person_id": pl.String,
        "kpi": pl.String,
        "part": pl.UInt32,
        "row": pl.UInt32,
    }
)
_RANK_OF_VALUE: Final = {level.value: level.rank for level in Severity}


def _batch_table(batch: FindingBatch, part: int) -> pl.DataFrame:
    return batch.frame.select(
        pl.Series("id", _batch_ids(batch), dtype=pl.String),
        pl.lit(batch.code, dtype=pl.String).alias("code"),
        pl.lit(batch.cause, dtype=pl.Int64).alias("cause"),
        pl.lit(batch.harm, dtype=pl.Int64).alias("harm"),
        pl.col("_severity").alias("severity"),
        pl.col("_team").alias("team"),
        pl.col("_person_id").alias("person_id"),
        pl.col("_kpi").alias("kpi"),
        pl.lit(part, dtype=pl.UInt32).alias("part"),
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("row"),
    )


def _batch_ids(batch: FindingBatch) -> list[str]:
    """:func:`finding_id` of each row. finding_id's text is made by Polars for the whole batch
    (UTF-8, as ``str.encode`` gives; nulls as empty text), leaving only the hash per finding to
    Python: an f-string and an encode per finding cost more (measured after a whole audit:
    36 -> 30 ms for 61,000 findings)."""
    subjects = batch.frame.select(
        pl.concat_str(
            pl.lit(batch.code, dtype=pl.String),
            # cast: a subject column of nulls only may have the dtype Null
            *(pl.col(name).cast(pl.String).fill_null("") for name in SUBJECT_COLUMNS),
            separator="\x1f",
        ).cast(pl.Binary)
    )
    return [digest.hexdigest()[:16] for digest in map(hashlib.sha256, subjects.to_series().to_list())]


def _listed_table(findings: Sequence[Finding], part: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "id": [f.id for f in findings],
            "code": [f.code for f in findings],
            "cause": [f.cause for f in findings],
            "harm": [f.harm for f in findings],
            "severity": [f.severity.value for f in findings],
            "team": [f.team for f in findings],
            "person_id": [f.person_id for f in findings],
            "kpi": [f.kpi for f in findings],
            "part": [part] * len(findings),
            "row": range(len(findings)),
        },
        schema=TABLE_SCHEMA,
    )


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
    findings: Sequence[Finding]  # a FindingSet, sorted by severity, code, subject (tuples become one)
    scores: tuple[PersonScore, ...]  # sorted by person_id
    notes: tuple[str, ...] = ()  # message keys for summary notes (e.g. "no set_by known")
    suppressed: dict[str, int] = field(default_factory=dict)  # privacy suppressions, counts only
    note_details: tuple[Note, ...] = ()  # every note with its values, e.g. the team it is about

    def __post_init__(self) -> None:
        if not isinstance(self.findings, FindingSet):
            object.__setattr__(self, "findings", FindingSet(listed=self.findings))

    @property
    def finding_set(self) -> FindingSet:
        """``findings`` with its columns: what the writers of ``findings.json`` read."""
        assert isinstance(self.findings, FindingSet)  # made so by __post_init__
        return self.findings

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of findings per code and severity, every severity listed (0 where none), codes
        in alphabetical order: ``{code: {severity: n}}``."""
        counted = self.finding_set.table().group_by("code", "severity").len()
        out: dict[str, dict[str, int]] = {}
        for code, severity, count in counted.sort("code").iter_rows():
            out.setdefault(code, {level.value: 0 for level in Severity})[severity] = count
        return out
