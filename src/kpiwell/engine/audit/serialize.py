"""``findings.json``: the audit's machine-readable output, byte-identical for the same input.

Shape (``docs/formats.md`` documents every field)::

    {"schema_version": 1, "as_of": "2024-12-29",
     "summary": {"scope": ..., "people": ..., "findings": ..., "by_severity": {...}, "by_code": {...},
                 "by_cause": {...}, "scores": [...], "notes": [...], "suppressed": {...},
                 "resolved": [...]},          # resolved only with a baseline
     "findings": [{"id", "code", "cause", "harm", "severity", "team", "person_id", "kpi",
                   "evidence", "message", "remedy", "status"?}, ...]}

Findings are sorted by severity, then code, then subject. Numbers that are not finite become null,
so the file is always valid JSON.

:func:`findings_json` writes the file's text from the findings' columns (Polars encodes each
line, :func:`~kpiwell.engine.audit.i18n.render_rows` words the messages), without a dict or a
:class:`Finding` per finding. :func:`findings_document` builds the same document from
:class:`Finding` objects, one dict each; a test holds the two to the same JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

import polars as pl

from kpiwell.engine.audit.findings import (
    SUBJECT_COLUMNS,
    AuditResult,
    Finding,
    FindingBatch,
    FindingSet,
    Severity,
)
from kpiwell.engine.audit.i18n import render_message, render_note, render_remedy, render_rows

SCHEMA_VERSION: Final = 1
SEVERITIES: Final = tuple(severity.value for severity in sorted(Severity, key=lambda s: s.rank))
CAUSES: Final = (1, 2, 3, 4, 5)
HARMS: Final = (1, 2, 3, 4, 5, 6, 7)


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    """A finding of the baseline that the new audit no longer has."""

    id: str
    code: str
    severity: str
    team: str | None
    person_id: str | None
    kpi: str | None


def plain(value: Any) -> Any:
    """A JSON-safe copy: non-finite floats to null, dates to ISO strings, tuples to lists, keys sorted."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): plain(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [plain(item) for item in items]
    if hasattr(value, "item"):  # NumPy scalars
        return plain(value.item())
    return str(value)


def finding_document(finding: Finding, lang: str, status: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": finding.id,
        "code": finding.code,
        "cause": finding.cause,
        "harm": finding.harm,
        "severity": finding.severity.value,
        "team": finding.team,
        "person_id": finding.person_id,
        "kpi": finding.kpi,
        "evidence": plain(finding.evidence),
        "message": render_message(finding, lang),
        "remedy": render_remedy(finding, lang),
    }
    if status is not None:
        document["status"] = status
    return document


def _counts(index: pl.DataFrame, column: str, keys: Sequence[Any]) -> dict[str, int]:
    counted = dict(index.group_by(column).len().iter_rows())
    return {str(key): counted.get(key, 0) for key in keys}


def summary(
    result: AuditResult,
    *,
    lang: str,
    people: int,
    scope: str | None = None,
    resolved: tuple[Resolved, ...] | None = None,
) -> dict[str, Any]:
    index = result.finding_set.table()
    counts = result.counts()
    by_code = {code: {severity: counts[code][severity] for severity in SEVERITIES} for code in counts}
    out: dict[str, Any] = {
        "scope": scope,
        "people": people,
        "findings": index.height,
        "people_with_findings": index.get_column("person_id").drop_nulls().n_unique(),
        "by_severity": _counts(index, "severity", SEVERITIES),
        "by_code": by_code,
        "by_cause": _counts(index, "cause", CAUSES),
        "by_harm": _counts(index, "harm", HARMS),
        "scores": [
            {
                "person_id": score.person_id,
                "team": score.team,
                "cycle_score": plain(score.cycle_score),
                "assignments_measured": score.assignments_measured,
            }
            for score in sorted(result.scores, key=lambda s: s.person_id)
        ],
        "notes": sorted(
            ({"key": note.key, "message": render_note(note, lang)} for note in result.note_details),
            key=lambda item: (item["key"], item["message"]),
        ),
        "suppressed": {key: result.suppressed[key] for key in sorted(result.suppressed)},
    }
    if resolved is not None:
        out["resolved"] = [
            {
                "id": item.id,
                "code": item.code,
                "severity": item.severity,
                "team": item.team,
                "person_id": item.person_id,
                "kpi": item.kpi,
            }
            for item in resolved
        ]
    return out


def findings_document(
    result: AuditResult,
    *,
    lang: str,
    people: int,
    scope: str | None = None,
    status: Mapping[str, str] | None = None,
    resolved: tuple[Resolved, ...] | None = None,
) -> dict[str, Any]:
    ordered = sorted(result.findings, key=Finding.sort_key)
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": result.as_of.isoformat(),
        "summary": summary(result, lang=lang, people=people, scope=scope, resolved=resolved),
        "findings": [
            finding_document(finding, lang, None if status is None else status.get(finding.id, "new"))
            for finding in ordered
        ],
    }


# One encoder for every value (``json.dumps`` with these options builds a new one per call).
_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)


@dataclass(frozen=True, slots=True)
class _Lines:
    """Items already encoded, one per line: ``text`` joins ``count`` of them with
    :data:`_ITEM_SEPARATOR`, the separator of a list at the document's top level (UTF-8 bytes
    straight from Polars: the tens of megabytes of findings never become a Python ``str``)."""

    text: str | bytes
    count: int


_ITEM_INDENT: Final = "    "
_ITEM_SEPARATOR: Final = ",\n" + _ITEM_INDENT


def findings_json(
    result: AuditResult,
    *,
    lang: str,
    people: int,
    scope: str | None = None,
    status: Mapping[str, str] | None = None,
    resolved: tuple[Resolved, ...] | None = None,
) -> bytes:
    """The JSON of ``findings_document(...)`` with the same arguments, written from the columns, as
    the UTF-8 bytes of the file."""
    findings = result.finding_set
    lines = _finding_lines(findings, lang, status)
    document = {
        "schema_version": SCHEMA_VERSION,
        "as_of": result.as_of.isoformat(),
        "summary": summary(result, lang=lang, people=people, scope=scope, resolved=resolved),
        "findings": _Lines(lines.str.join(_ITEM_SEPARATOR).cast(pl.Binary).item(), len(lines)),
    }
    return b"".join(part if isinstance(part, bytes) else part.encode("utf-8") for part in _parts(document))


def _finding_lines(findings: FindingSet, lang: str, status: Mapping[str, str] | None) -> pl.Series:
    """Each finding as ``_compact(finding_document(finding, lang, status))`` encodes it, in order."""
    index = findings.table()
    parts = [
        _batch_lines(batch, index.filter(pl.col("part") == part).sort("row"), lang, status)
        for part, batch in enumerate(findings.batches)
    ]
    parts.append(
        pl.Series(
            [
                _compact(finding_document(f, lang, None if status is None else status.get(f.id, "new")))
                for f in findings.listed
            ],
            dtype=pl.String,
        )
    )
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    position = pl.Series(offsets[:-1], dtype=pl.UInt32).gather(index.get_column("part")) + index.get_column(
        "row"
    )
    return pl.concat(parts).gather(position)


def _batch_lines(
    batch: FindingBatch, index: pl.DataFrame, lang: str, status: Mapping[str, str] | None
) -> pl.Series:
    """The lines of one batch, in its row order; ``index`` is the batch's part of the index."""
    frame = batch.frame
    constants = {name: pl.lit(value) for name, value in batch.constants.items()}
    subject = {name[1:]: pl.col(name) for name in SUBJECT_COLUMNS}
    # what the messages read: the subject, then the evidence (constants last), as i18n's params
    params = frame.select(
        *(column.alias(name) for name, column in subject.items() if name not in batch.evidence),
        *(name for name in batch.evidence if name not in constants),
        *(value.alias(name) for name, value in constants.items()),
    )
    evidence = {name: pl.col(name) for name in batch.evidence} | constants
    ids = index.get_column("id")
    head = [ids, pl.lit(batch.code).alias("code"), pl.lit(batch.cause).alias("cause")]
    head += [pl.lit(batch.harm).alias("harm"), pl.col("_severity").alias("severity")]
    head += [column.alias(name) for name, column in subject.items()]
    formatted: dict[tuple[str, str], pl.Series] = {}  # shared by the messages and the remedies
    tail = [
        _rendered(frame.get_column("_message_key"), params, lang, formatted).alias("message"),
        _rendered(frame.get_column("_remedy_key"), params, lang, formatted).alias("remedy"),
    ]
    if status is not None:
        tail.append(
            ids.replace_strict(
                list(status), list(status.values()), default="new", return_dtype=pl.String
            ).alias("status")
        )
    names = sorted(evidence)
    encoded_evidence = (
        pl.struct([evidence[name].alias(name) for name in names]).struct.json_encode()
        if names
        else pl.lit("{}")
    )
    # '{"id":...,"kpi":...}' and '{"message":...}' joined around the evidence: one JSON object
    return frame.select(
        pl.concat_str(
            pl.struct(head).struct.json_encode().str.head(-1),
            pl.lit(',"evidence":'),
            encoded_evidence,
            pl.lit(","),
            pl.struct(tail).struct.json_encode().str.slice(1),
        )
    ).to_series()


def _rendered(
    keys: pl.Series, params: pl.DataFrame, lang: str, formatted: dict[tuple[str, str], pl.Series]
) -> pl.Series:
    """Each row's text for the template key in ``keys``, with the row of ``params``; ``formatted``
    as in :func:`render_rows`, for templates over the whole of ``params``."""
    distinct = keys.unique(maintain_order=True).to_list()
    if len(distinct) == 1:
        return render_rows(distinct[0], lang, params, formatted)
    rows = pl.int_range(0, len(keys), dtype=pl.UInt32, eager=True)
    texts = [
        (rows.filter(keys == key), render_rows(key, lang, params.filter(keys == key))) for key in distinct
    ]
    order = pl.concat([where for where, _ in texts]).arg_sort()
    return pl.concat([text for _, text in texts]).gather(order)


def dumps(document: Mapping[str, Any]) -> str:
    """The document as JSON text, one finding (and one score) per line, newline at the end.

    Line-per-item keeps the file readable and diffable while letting the C encoder do the work:
    ``json.dumps(indent=...)`` falls back to pure Python, seconds for 50,000 findings.
    """
    return "".join(part if isinstance(part, str) else part.decode("utf-8") for part in _parts(document))


def _parts(document: Mapping[str, Any]) -> list[str | bytes]:
    """The pieces of :func:`dumps`' text, joined once at the end (the findings alone are tens of
    megabytes); already encoded lines (:class:`_Lines`) stay as they came."""
    parts: list[str | bytes] = ["{\n"]
    top = list(document.items())
    for index, (key, value) in enumerate(top):
        comma = "," if index < len(top) - 1 else ""
        if isinstance(value, Mapping):
            parts.append(f"  {_compact(key)}: {{\n")
            inner = list(value.items())
            for inner_index, (inner_key, inner_value) in enumerate(inner):
                inner_comma = "," if inner_index < len(inner) - 1 else ""
                parts.append(f"    {_compact(inner_key)}: ")
                _block(inner_value, "    ", parts)
                parts.append(f"{inner_comma}\n")
            parts.append(f"  }}{comma}\n")
        else:
            parts.append(f"  {_compact(key)}: ")
            _block(value, "  ", parts)
            parts.append(f"{comma}\n")
    parts.append("}\n")
    return parts


def _block(value: Any, indent: str, parts: list[str | bytes]) -> None:
    """A list of objects as one item per line; anything else compact on one line."""
    if isinstance(value, _Lines):
        lines = value
    elif isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        separator = f",\n{indent}  "
        lines = _Lines(separator.join(_compact(item) for item in value), len(value))
    else:
        parts.append(_compact(value))
        return
    if not lines.count:
        parts.append("[]")
        return
    parts += [f"[\n{indent}  ", lines.text, f"\n{indent}]"]
