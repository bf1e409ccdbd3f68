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

import io
import json
import math
from collections.abc import Iterator, Mapping, Sequence
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
    PersonScore,
    Severity,
)
from kpiwell.engine.audit.i18n import render_message, render_note, render_pieces, render_remedy, render_rows

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


def _score_document(score: PersonScore) -> dict[str, Any]:
    return {
        "person_id": score.person_id,
        "team": score.team,
        "cycle_score": plain(score.cycle_score),
        "assignments_measured": score.assignments_measured,
    }


def _score_lines(scores: Sequence[PersonScore]) -> _Lines | list[Any]:
    """The scores as :func:`_block` writes ``[_score_document(score) ...]`` in the summary (one
    per person: 10,000 encoder calls and dicts there), written with f-strings where the values
    have the types the encoder writes plainly (text, int, finite float or None), else by it."""
    if not scores:
        return []
    lines = []
    for score in scores:
        person, team, value, measured = (
            score.person_id,
            score.team,
            score.cycle_score,
            score.assignments_measured,
        )
        if (
            type(person) is str
            and type(team) is str
            and type(measured) is int
            and (value is None or (type(value) is float and math.isfinite(value)))
        ):
            # float.__repr__ and int.__repr__ are what the JSON encoder writes for these types
            lines.append(
                f'{{"person_id":{_string(person)},"team":{_string(team)},'
                f'"cycle_score":{"null" if value is None else repr(value)},'
                f'"assignments_measured":{measured!r}}}'
            )
        else:
            lines.append(_compact(_score_document(score)))
    return _Lines(_SUMMARY_ITEM_SEPARATOR.join(lines), len(lines))


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
    return _summary(result, lang=lang, people=people, scope=scope, resolved=resolved, encoded=False)


def _summary(
    result: AuditResult,
    *,
    lang: str,
    people: int,
    scope: str | None,
    resolved: tuple[Resolved, ...] | None,
    encoded: bool,
) -> dict[str, Any]:
    """:func:`summary`; with ``encoded``, its scores already encoded (:func:`_score_lines`)."""
    index = result.finding_set.table()
    counts = result.counts()
    by_code = {code: {severity: counts[code][severity] for severity in SEVERITIES} for code in counts}
    scores = sorted(result.scores, key=lambda s: s.person_id)
    out: dict[str, Any] = {
        "scope": scope,
        "people": people,
        "findings": index.height,
        "people_with_findings": index.get_column("person_id").drop_nulls().n_unique(),
        "by_severity": _counts(index, "severity", SEVERITIES),
        "by_code": by_code,
        "by_cause": _counts(index, "cause", CAUSES),
        "by_harm": _counts(index, "harm", HARMS),
        "scores": _score_lines(scores) if encoded else [_score_document(score) for score in scores],
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


# The encoder's own function for a string with ensure_ascii=False (quoted and escaped)
_string: Final = json.encoder.encode_basestring


@dataclass(frozen=True, slots=True)
class _Lines:
    """Items already encoded, one per line: ``text`` joins ``count`` of them with the separator of
    the list's indentation."""

    text: str
    count: int


@dataclass(frozen=True, slots=True)
class _Stream:
    """``count`` items encoded one per line, as UTF-8 ``chunks`` to write in turn: the first
    chunk starts with the first item, each later one with :data:`_ITEM_SEPARATOR` (a list at the
    document's top level). The findings are tens of megabytes: made chunk by chunk, they never
    exist as one string."""

    count: int
    chunks: Iterator[bytes]


_ITEM_INDENT: Final = "    "
_ITEM_SEPARATOR: Final = ",\n" + _ITEM_INDENT
_SUMMARY_ITEM_SEPARATOR: Final = ",\n" + _ITEM_INDENT + "  "  # a list inside the summary
# Findings per chunk of findings.json (about 1.5 MB of text on the benchmark): small enough that
# each chunk's memory is reused by the next (4,096 touched twice the pages, measured), large
# enough that the per-chunk overhead (a few Polars calls per batch it touches) stays small.
CHUNK_FINDINGS: Final = 2048


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
    the UTF-8 bytes of the file (:func:`findings_json_chunks`, joined)."""
    # Written into one growing buffer, each chunk dropped once copied: bytes.join would first
    # hold every chunk in a list, the whole text twice over (measured: 26,000 -> 18,000 page
    # faults); getvalue() hands over the buffer itself.
    buffer = io.BytesIO()
    for chunk in findings_json_chunks(
        result, lang=lang, people=people, scope=scope, status=status, resolved=resolved
    ):
        buffer.write(chunk)
    return buffer.getvalue()


def findings_json_chunks(
    result: AuditResult,
    *,
    lang: str,
    people: int,
    scope: str | None = None,
    status: Mapping[str, str] | None = None,
    resolved: tuple[Resolved, ...] | None = None,
    chunk_findings: int = CHUNK_FINDINGS,
) -> Iterator[bytes]:
    """:func:`findings_json`'s bytes in pieces, to write one after the other: the summary, then
    the findings ``chunk_findings`` at a time, then the end. Only one chunk of the findings' text
    is in memory at a time. A generator: the work is done as the chunks are taken."""
    findings = result.finding_set
    document = {
        "schema_version": SCHEMA_VERSION,
        "as_of": result.as_of.isoformat(),
        "summary": _summary(result, lang=lang, people=people, scope=scope, resolved=resolved, encoded=True),
        "findings": _Stream(len(findings), _finding_chunks(findings, lang, status, chunk_findings)),
    }
    pending: list[str] = []
    for part in _parts(document):
        if isinstance(part, _Stream):
            yield "".join(pending).encode("utf-8")
            pending.clear()
            yield from part.chunks
        else:
            pending.append(part)
    yield "".join(pending).encode("utf-8")


def _finding_chunks(
    findings: FindingSet, lang: str, status: Mapping[str, str] | None, size: int
) -> Iterator[bytes]:
    """Each finding as ``_compact(finding_document(finding, lang, status))`` encodes it, in the
    table's order, ``size`` findings per chunk (see :class:`_Stream`)."""
    if size < 1:
        raise ValueError(f"chunk_findings must be at least 1, not {size}")
    # "_id" and "_status": the lines' columns besides the batch's, whose evidence names never start
    # with an underscore (an evidence column may well be called "id" or "status")
    index = findings.table().select(pl.col("id").alias("_id"), "part", "row")
    if status is not None:  # looked up once for the whole table, not per chunk
        index = index.with_columns(
            pl.col("_id")
            .replace_strict(list(status), list(status.values()), default="new", return_dtype=pl.String)
            .alias("_status")
        )
    encoders = [_BatchEncoder(batch, lang, with_status=status is not None) for batch in findings.batches]
    listed = pl.Series(
        [
            _compact(finding_document(f, lang, None if status is None else status.get(f.id, "new")))
            for f in findings.listed
        ],
        dtype=pl.String,
    )
    separator = pl.Series([""], dtype=pl.String)  # joined in front of a later chunk's first line

    def lines(part: int, rows: pl.DataFrame) -> pl.Series:
        if part == len(encoders):
            return listed.gather(rows.get_column("row"))
        return encoders[part].lines(rows)

    # The table as runs of rows of one part (the table is sorted by severity, code and subject, and
    # a batch is one code: a few dozen runs on the benchmark). A chunk's lines are those of the
    # pieces of the runs inside it, in order: a slice each, cheaper than grouping the chunk's rows
    # by part and putting the lines back in order (measured after a whole audit: about 10 ms less
    # CPU over the benchmark's 31 chunks). Where parts alternate (many runs in a chunk), the
    # group-by after all.
    runs = index.select(pl.col("part").rle()).unnest("part")
    run_parts, run_ends = runs.get_column("value").to_list(), runs.get_column("len").cum_sum().to_list()
    run = 0  # the first run not wholly before the chunk
    for start in range(0, index.height, size):
        end = min(start + size, index.height)
        while run_ends[run] <= start:
            run += 1
        last = run
        while run_ends[last] < end:
            last += 1
        if last - run < _MAX_RUNS:
            pieces = []
            for at in range(run, last + 1):
                first = max(start, run_ends[at - 1] if at else 0)
                pieces.append(lines(run_parts[at], index.slice(first, min(end, run_ends[at]) - first)))
            text = pl.concat(pieces)
        else:
            chunk = index.slice(start, size).with_row_index("at")
            texts: list[pl.Series] = []
            where: list[pl.Series] = []
            for (part,), rows in chunk.group_by("part"):
                texts.append(lines(part, rows))
                where.append(rows.get_column("at"))
            text = pl.concat(texts).gather(pl.concat(where).arg_sort())
        if start:
            text = pl.concat([separator, text])
        yield text.str.join(_ITEM_SEPARATOR).cast(pl.Binary).item()


# Runs of one batch in a chunk of findings.json beyond which the chunk's rows are grouped by batch
_MAX_RUNS: Final = 16


class _BatchEncoder:
    """Writes the lines of some rows of one batch: the columns every line reads (the batch's own,
    and each message placeholder's texts, formatted once for the whole batch) and one
    ``concat_str`` that makes a line from them.

    Only the evidence goes through Polars' JSON encoder; the rest of the object is put together
    from literal text and the columns' text, JSON-escaped where a column needs it (Polars escapes
    exactly what Python's encoder does: ``"``, ``\\`` and U+0000-U+001F, the same way; a test
    holds them together). The messages and remedies then never exist on their own, as they would
    when encoded as a struct of strings."""

    __slots__ = ("columns", "line")

    def __init__(self, batch: FindingBatch, lang: str, *, with_status: bool) -> None:
        frame = batch.frame
        constants = {name: pl.lit(value) for name, value in batch.constants.items()}
        subject = {name[1:]: pl.col(name) for name in SUBJECT_COLUMNS}
        # what the messages read: the subject, then the evidence (constants last), as i18n's params
        params = frame.select(
            *(column.alias(name) for name, column in subject.items() if name not in batch.evidence),
            *(name for name in batch.evidence if name not in constants),
            *(value.alias(name) for name, value in constants.items()),
        )
        texts: dict[str, pl.Series] = {}  # columns the wording reads, besides the batch's own
        formatted: dict[tuple[str, str], pl.Series] = {}  # shared by the messages and the remedies
        message = _text(
            frame.get_column("_message_key"), params, lang, formatted=formatted, texts=texts, name="message"
        )
        remedy = _text(
            frame.get_column("_remedy_key"), params, lang, formatted=formatted, texts=texts, name="remedy"
        )
        # The texts inside JSON strings: escaped once for the whole batch where needed
        self.columns = frame.with_columns(
            _json_escaped(
                [
                    *(frame.get_column(name) for name in ("_severity", *SUBJECT_COLUMNS)),
                    *texts.values(),
                    *formatted.values(),
                ]
            )
        )
        # '"code":...,"cause":...,"harm":...' as Polars writes these three constants
        constant_head = pl.select(
            pl.struct(
                pl.lit(batch.code).alias("code"),
                pl.lit(batch.cause).alias("cause"),
                pl.lit(batch.harm).alias("harm"),
            ).struct.json_encode()
        ).item()[1:-1]
        evidence = {name: pl.col(name) for name in batch.evidence} | constants
        names = sorted(evidence)
        pieces: list[str | pl.Expr] = [
            '{"id":"',
            pl.col("_id"),  # sha256 hex digits (FindingSet.table): nothing to escape
            f'",{constant_head},"severity":',
            _json_of(frame, "_severity"),
        ]
        for name in SUBJECT_COLUMNS:
            pieces += [f',"{name[1:]}":', _json_of(frame, name)]
        pieces.append(',"evidence":')
        if names:
            pieces.append(pl.struct([evidence[name].alias(name) for name in names]).struct.json_encode())
        else:
            pieces.append("{}")
        pieces += [',"message":"', *message, '","remedy":"', *remedy, '"']
        if with_status:
            pieces += [',"status":', _json_string(pl.col("_status"))]
        pieces.append("}")
        self.line = pl.concat_str(_merged(pieces))

    def lines(self, rows: pl.DataFrame) -> pl.Series:
        """The lines of ``rows`` (the batch's rows of a chunk of the table: ``row``, ``_id`` and
        maybe ``_status``), in their order."""
        numbers = rows.get_column("row")
        first = numbers[0]
        if numbers.is_sorted() and numbers[-1] - first == len(numbers) - 1:
            # consecutive rows (a table row is in the table once): a slice, not a copy
            picked = self.columns.slice(first, len(numbers))
        else:
            picked = self.columns[numbers]
        extra = [rows.get_column(name) for name in ("_id", "_status") if name in rows.columns]
        return picked.hstack(extra).select(self.line).to_series()


# What a JSON string escapes (Polars and Python's encoder alike): a column without any of these
# goes into the line as it is.
_NEEDS_ESCAPE: Final = r'["\\\x00-\x1f]'


def _json_escaped(columns: list[pl.Series]) -> list[pl.Series]:
    """Text columns of one length as they appear inside JSON strings (nulls stay null): each column
    itself unless a value needs escaping, then Polars' encoding of each value without the quotes.
    (Which columns need it is asked in one pass over them all: a call per column costs more than
    the scan.)"""
    text = [column for column in columns if column.dtype == pl.String]
    if not text:
        return columns
    dirty = (
        pl.DataFrame(text)
        .select(pl.col(column.name).str.contains(_NEEDS_ESCAPE).any() for column in text)
        .row(0, named=True)
    )
    return [column if not dirty.get(column.name, False) else _escaped(column) for column in columns]


def _escaped(column: pl.Series) -> pl.Series:
    encoded = pl.struct(column.alias("s")).struct.json_encode()  # '{"s":"..."}' or '{"s":null}'
    return pl.select(
        pl.when(column.is_not_null()).then(encoded.str.slice(6).str.head(-2)).alias(column.name)
    ).to_series()


def _json_of(frame: pl.DataFrame, name: str) -> pl.Expr:
    """The JSON of a subject or severity column: a text column (the contract) escaped by
    :func:`_json_escaped`, quoted; any other type as Polars' encoder writes its values."""
    if frame.schema[name] == pl.String:
        return _json_string(pl.col(name))
    return pl.struct(pl.col(name).alias("v")).struct.json_encode().str.slice(5).str.head(-1)  # '{"v":…}'


def _json_string(column: pl.Expr) -> pl.Expr:
    """The JSON of a text column already escaped by :func:`_json_escaped`: quoted, or null."""
    return pl.concat_str(pl.lit('"'), column, pl.lit('"')).fill_null(pl.lit("null"))


def _merged(pieces: list[str | pl.Expr]) -> list[pl.Expr]:
    """Expressions for ``concat_str``: neighbouring literal texts joined into one."""
    out: list[pl.Expr] = []
    literal: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            literal.append(piece)
            continue
        if literal:
            out.append(pl.lit("".join(literal), dtype=pl.String))
            literal = []
        out.append(piece)
    if literal:
        out.append(pl.lit("".join(literal), dtype=pl.String))
    return out


def _text(
    keys: pl.Series,
    params: pl.DataFrame,
    lang: str,
    *,
    formatted: dict[tuple[str, str], pl.Series],
    texts: dict[str, pl.Series],
    name: str,
) -> list[str | pl.Expr]:
    """Each row's text for the template key in ``keys``, as pieces to put inside a JSON string:
    the template's own (one key, the usual case: the whole batch's text never exists at once),
    literal texts JSON-escaped; else a column ``_name`` of the whole batch's texts, added to
    ``texts``. Columns are as they come: the caller escapes them."""
    distinct = keys.unique(maintain_order=True).to_list()
    if len(distinct) == 1:
        pieces = render_pieces(distinct[0], lang, params, formatted)
        if pieces is not None:
            return [_compact(piece)[1:-1] if isinstance(piece, str) else piece for piece in pieces]
    column = f"_{name}"
    texts[column] = _rendered(keys, params, lang, formatted).alias(column)
    return [pl.col(column)]


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
    return "".join(
        part if isinstance(part, str) else b"".join(part.chunks).decode("utf-8") for part in _parts(document)
    )


def _parts(document: Mapping[str, Any]) -> list[str | _Stream]:
    """The pieces of :func:`dumps`' text, joined once at the end; a :class:`_Stream` of already
    encoded lines stays as it came (its chunks are taken in order by the caller)."""
    parts: list[str | _Stream] = ["{\n"]
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


def _block(value: Any, indent: str, parts: list[str | _Stream]) -> None:
    """A list of objects as one item per line; anything else compact on one line."""
    lines: _Lines | _Stream
    if isinstance(value, _Lines | _Stream):
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
    parts += [f"[\n{indent}  ", lines if isinstance(lines, _Stream) else lines.text, f"\n{indent}]"]
