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

:func:`findings_json` writes the file's text directly, byte for byte what
``dumps(findings_document(...))`` gives (a test holds them together), without building a dict per
finding: each line is put together from encoded pieces, repeated values encoded once.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from kpiwell.engine.audit.findings import AuditResult, Finding, Severity
from kpiwell.engine.audit.i18n import render_message, render_note, render_remedy

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


def summary(
    result: AuditResult,
    *,
    lang: str,
    people: int,
    scope: str | None = None,
    resolved: tuple[Resolved, ...] | None = None,
) -> dict[str, Any]:
    findings = result.findings
    by_severity = {severity: 0 for severity in SEVERITIES}
    by_cause = {str(cause): 0 for cause in CAUSES}
    by_harm = {str(harm): 0 for harm in HARMS}
    for finding in findings:
        by_severity[finding.severity.value] += 1
        if finding.cause is not None:
            by_cause[str(finding.cause)] += 1
        if finding.harm is not None:
            by_harm[str(finding.harm)] += 1
    counts = result.counts()
    by_code = {
        code: {severity: counts[code].get(severity, 0) for severity in SEVERITIES} for code in sorted(counts)
    }
    out: dict[str, Any] = {
        "scope": scope,
        "people": people,
        "findings": len(findings),
        "people_with_findings": len({f.person_id for f in findings if f.person_id is not None}),
        "by_severity": by_severity,
        "by_code": by_code,
        "by_cause": by_cause,
        "by_harm": by_harm,
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
_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
_STRING: Final[Callable[[str], str]] = json.encoder.encode_basestring


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)


class _NotPlainError(Exception):
    """A value ``plain`` would have to convert (NaN, infinity, NumPy, dates, tuples, dicts...)."""


def _finite(value: float) -> str:
    if value - value == 0.0:  # false for NaN and the infinities
        return float.__repr__(value)  # what the JSON encoder writes for a float
    raise _NotPlainError


def _items(values: list[Any]) -> str:
    return "[" + ", ".join([_SCALARS[type(item)](item) for item in values]) + "]"


_SCALARS: Final[dict[type, Callable[[Any], str]]] = {
    str: _STRING,
    int: int.__repr__,
    float: _finite,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}
_VALUES: Final[dict[type, Callable[[Any], str]]] = {**_SCALARS, list: _items}


def _evidence_json(
    evidence: Mapping[str, Any], layouts: dict[tuple[Any, ...], list[tuple[str, str]] | None]
) -> str:
    """``_compact(plain(evidence))``, without ``plain``'s copy when the values are plain already.

    Findings of one code share their evidence keys: ``layouts`` keeps, per key tuple, the keys in
    sorted order with their encoded ``"key": `` prefixes (None when a key is not a string).
    """
    if type(evidence) is dict:
        keys = tuple(evidence)
        try:
            layout = layouts[keys]
        except KeyError:
            layout = layouts[keys] = (
                [(f"{_STRING(key)}: ", key) for key in sorted(keys)]
                if all(type(key) is str for key in keys)
                else None
            )
        if layout is not None:
            # a value of another type raises KeyError or _NotPlainError: plain() decides below
            with contextlib.suppress(KeyError, _NotPlainError):
                return (
                    "{"
                    + ", ".join(
                        [prefix + _VALUES[type(evidence[key])](evidence[key]) for prefix, key in layout]
                    )
                    + "}"
                )
    return _compact(plain(evidence))


class _Encoded(list[str]):
    """Items already encoded, one per line (for :func:`dumps`)."""


def findings_json(
    result: AuditResult,
    *,
    lang: str,
    people: int,
    scope: str | None = None,
    status: Mapping[str, str] | None = None,
    resolved: tuple[Resolved, ...] | None = None,
) -> str:
    """``dumps(findings_document(...))`` with the same arguments, built faster."""
    ordered = sorted(result.findings, key=Finding.sort_key)
    document = {
        "schema_version": SCHEMA_VERSION,
        "as_of": result.as_of.isoformat(),
        "summary": summary(result, lang=lang, people=people, scope=scope, resolved=resolved),
        "findings": _finding_lines(ordered, lang, status),
    }
    return dumps(document)


def _finding_lines(findings: Sequence[Finding], lang: str, status: Mapping[str, str] | None) -> _Encoded:
    """Each finding as ``_compact(finding_document(finding, lang, status))`` would encode it."""
    known: dict[tuple[type, object], str] = {}

    def encoded(value: object) -> str:  # values that repeat: teams, KPIs, remedies, statuses
        key = (type(value), value)
        text = known.get(key)
        if text is None:
            text = known[key] = _compact(value)
        return text

    def text(value: object) -> str:  # a string (most ids and names), else as the encoder has it
        return _STRING(value) if type(value) is str else encoded(value)

    heads: dict[tuple[object, ...], str] = {}
    layouts: dict[tuple[Any, ...], list[tuple[str, str]] | None] = {}
    lines = _Encoded()
    for finding in findings:
        code, cause, harm, severity = finding.code, finding.cause, finding.harm, finding.severity.value
        key = (code, type(cause), cause, type(harm), harm, severity)
        head = heads.get(key)
        if head is None:
            head = heads[key] = (
                f'"code": {encoded(code)}, "cause": {encoded(cause)}, "harm": {encoded(harm)}, '
                f'"severity": {encoded(severity)}, "team": '
            )
        identifier = finding.id
        line = (
            f'{{"id": {text(identifier)}, {head}{text(finding.team)}, '
            f'"person_id": {text(finding.person_id)}, "kpi": {encoded(finding.kpi)}, '
            f'"evidence": {_evidence_json(finding.evidence, layouts)}, '
            f'"message": {text(render_message(finding, lang))}, '
            f'"remedy": {encoded(render_remedy(finding, lang))}'
        )
        if status is not None:
            line += f', "status": {encoded(status.get(identifier, "new"))}}}'
        else:
            line += "}"
        lines.append(line)
    return lines


def dumps(document: Mapping[str, Any]) -> str:
    """The document as UTF-8 JSON text, one finding (and one score) per line, newline at the end.

    Line-per-item keeps the file readable and diffable while letting the C encoder do the work:
    ``json.dumps(indent=...)`` falls back to pure Python, seconds for 50,000 findings. The pieces
    are joined once at the end (the findings alone are tens of megabytes).
    """
    parts = ["{\n"]
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
    return "".join(parts)


def _block(value: Any, indent: str, parts: list[str]) -> None:
    """A list of objects as one item per line; anything else compact on one line."""
    items: Sequence[str]
    if isinstance(value, _Encoded):
        items = value
    elif isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        items = [_compact(item) for item in value]
    else:
        parts.append(_compact(value))
        return
    if not items:
        parts.append("[]")
        return
    # Items and separators go into ``parts`` as they are: the one final join copies them once.
    separator = f",\n{indent}  "
    parts.append(f"[\n{indent}  ")
    for item in items:
        parts.append(item)
        parts.append(separator)
    parts[-1] = f"\n{indent}]"
