"""Read the audit's input files (CSV, XLSX, Parquet) into the frames of ``frames.py``, or explain why not.

Every file is read as text first and converted column by column with Polars expressions, so a bad
cell never stops the reading: it becomes an ``InputIssue`` naming the file, the spreadsheet row
(the header is row 1) and the column. All issues of all files are collected and raised together in
one ``InputError`` (the first ``MAX_ISSUES`` of them, with the total count).

Speed matters for the 5-million-row actuals of a large organisation, so the common case (no errors)
takes one pass that produces typed columns plus one boolean flag per column; messages are built only
on the error path, for the first rows that need one.

Survey responses are confidential: no message about a survey row ever repeats the response value.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Final

import polars as pl

from kpiwell.engine.audit.frames import (
    ACTUALS_SCHEMA,
    CHECKINS_SCHEMA,
    PLAN_SCHEMA,
    RECOGNITION_SCHEMA,
    SURVEYS_SCHEMA,
    TARGETS_SCHEMA,
    conform,
    empty,
)
from kpiwell.engine.audit.i18n.report import CATALOGUE
from kpiwell.engine.wellbeing.instruments import INSTRUMENTS as WELLBEING_INSTRUMENTS

MAX_ISSUES: Final = 100
#: The spreadsheet row of each row, in the row index's own 32-bit type: a 64-bit copy would take
#: 20 MB more for 5 million rows.
ROW = "__row"
START = "__start"
#: The keys of one person's KPI: actuals and targets list each one's periods together.
ASSIGNMENT: Final = ("person_id", "kpi")

CSV_SUFFIXES: Final = frozenset({".csv"})
EXCEL_SUFFIXES: Final = frozenset({".xlsx", ".xlsm", ".xls"})
PARQUET_SUFFIXES: Final = frozenset({".parquet", ".pq"})

#: Survey instruments: number of items and the response range, from the wellbeing engine's one
#: table (sources cited there): WHO-5 0-5, Copenhagen Burnout Inventory 0-4, Mini-Z 1-5, eNPS 0-10.
INSTRUMENTS: Final[dict[str, tuple[int, int, int]]] = {
    code: (spec.items, spec.low, spec.high) for code, spec in WELLBEING_INSTRUMENTS.items()
}

#: Qualitative KPIs are rated on this scale, so their targets and values must lie within it.
QUALITATIVE_SCALE: Final = (1.0, 5.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class InputIssue:
    """One problem in one input file; ``row`` is the spreadsheet row (header = 1), None for the file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.row}:{self.column or ''}: {self.message}"


class InputError(Exception):
    """All problems found in the inputs: at most ``MAX_ISSUES`` of them, and how many there were."""

    def __init__(self, issues: Sequence[InputIssue], total: int | None = None) -> None:
        self.issues: tuple[InputIssue, ...] = tuple(issues)
        self.total: int = len(self.issues) if total is None else total
        super().__init__("\n".join(str(issue) for issue in self.issues))


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditInputs:
    """The validated inputs, each conforming exactly to its schema in ``frames.py``."""

    plan: pl.DataFrame
    actuals: pl.DataFrame
    targets: pl.DataFrame
    checkins: pl.DataFrame
    recognition: pl.DataFrame
    surveys: pl.DataFrame
    turnover: pl.DataFrame | None = None


class _Kind(Enum):
    ID = "id"
    TEXT = "text"
    FLOAT = "float"
    INT = "int"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Column:
    name: str
    kind: _Kind
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | None = None
    low: float | None = None
    high: float | None = None
    sensitive: bool = False  # never repeat the value in a message


_C = _Column
_K = _Kind

PLAN_COLUMNS: Final = (
    _C(name="person_id", kind=_K.ID, required=True),
    _C(name="person_name", kind=_K.TEXT),
    _C(name="manager_id", kind=_K.ID),
    _C(name="team", kind=_K.ID, required=True),
    _C(name="parent_team", kind=_K.ID),
    _C(name="kpi", kind=_K.ID, required=True),
    _C(name="kind", kind=_K.CHOICE, choices=("quantitative", "qualitative"), default="quantitative"),
    _C(name="direction", kind=_K.CHOICE, choices=("higher", "lower"), default="higher"),
    _C(name="unit", kind=_K.TEXT),
    _C(name="period", kind=_K.CHOICE, choices=("day", "week", "month", "quarter"), default="week"),
    _C(name="target", kind=_K.FLOAT, required=True),
    _C(name="baseline", kind=_K.FLOAT),
    _C(name="commit", kind=_K.FLOAT),
    _C(name="stretch", kind=_K.FLOAT),
    _C(name="weight", kind=_K.FLOAT, low=0.0, high=100.0),
    _C(name="purpose", kind=_K.TEXT),
    _C(name="set_by", kind=_K.CHOICE, choices=("manager", "employee", "co-created")),
    _C(name="revised_on", kind=_K.DATE),
    _C(name="cycle_start", kind=_K.DATE, required=True),
    _C(name="cycle_end", kind=_K.DATE, required=True),
)
ACTUALS_COLUMNS: Final = (
    _C(name="person_id", kind=_K.ID, required=True),
    _C(name="kpi", kind=_K.ID, required=True),
    _C(name="period_end", kind=_K.DATE, required=True),
    _C(name="value", kind=_K.FLOAT, required=True),
    _C(name="recorded_at", kind=_K.DATETIME),
)
TARGETS_COLUMNS: Final = (
    _C(name="person_id", kind=_K.ID, required=True),
    _C(name="kpi", kind=_K.ID, required=True),
    _C(name="period_end", kind=_K.DATE, required=True),
    _C(name="target", kind=_K.FLOAT, required=True),
)
CHECKINS_COLUMNS: Final = (
    _C(name="person_id", kind=_K.ID, required=True),
    _C(name="date", kind=_K.DATE, required=True),
    _C(name="manager_id", kind=_K.ID),
    _C(name="mood", kind=_K.INT, low=1, high=5),
    _C(name="workload", kind=_K.INT, low=1, high=5),
)
RECOGNITION_COLUMNS: Final = (
    _C(name="to_id", kind=_K.ID, required=True),
    _C(name="date", kind=_K.DATE, required=True),
    _C(name="from_id", kind=_K.ID),
    _C(name="kind", kind=_K.CHOICE, choices=("praise", "nomination")),
    _C(name="note", kind=_K.TEXT),
)
SURVEYS_COLUMNS: Final = (
    _C(name="person_id", kind=_K.ID, required=True),
    _C(name="date", kind=_K.DATE, required=True),
    _C(name="instrument", kind=_K.CHOICE, required=True, choices=tuple(INSTRUMENTS)),
    _C(name="item", kind=_K.INT, required=True, low=1),
    _C(name="response", kind=_K.INT, required=True, sensitive=True),
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_DATE_FORMAT: Final = "%Y-%m-%d"  # the parser also takes ``2024-1-7``: lengths are checked apart
_DATETIME_FORMATS: Final = ("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", _DATE_FORMAT)
_ISSUE_SCHEMA: Final[dict[str, pl.DataType | type[pl.DataType]]] = {
    "row": pl.Int64,
    "order": pl.Int64,
    "column": pl.Utf8,
    "message": pl.Utf8,
}


# --- messages ---------------------------------------------------------------------------------


def _template(key: str, lang: str) -> str:
    entry = CATALOGUE[key]
    return entry.get(lang) or entry["en"]


def _text(key: str, lang: str, **params: object) -> str:
    """A message as a plain string (for file-level issues)."""
    return _PLACEHOLDER.sub(lambda m: str(params[m.group(1)]), _template(key, lang))


def _message(key: str, lang: str, **params: pl.Expr | str | float) -> pl.Expr:
    """A message as a column expression: the template's text with each placeholder's column."""
    template = _template(key, lang)
    pieces: list[pl.Expr] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            pieces.append(pl.lit(template[position : match.start()]))
        value = params[match.group(1)]
        if isinstance(value, pl.Expr):
            pieces.append(value.cast(pl.Utf8).fill_null(""))
        else:
            pieces.append(pl.lit(_number_text(value) if isinstance(value, float) else value))
        position = match.end()
    if position < len(template):
        pieces.append(pl.lit(template[position:]))
    return pl.concat_str(pieces)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- reading files ----------------------------------------------------------------------------


def _file_issue(label: str, key: str, lang: str, **params: object) -> InputIssue:
    return InputIssue(file=label, row=None, column=None, message=_text(key, lang, **params))


def _short_reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _scan(path: Path, label: str, lang: str) -> pl.LazyFrame | InputIssue:
    """The file as a lazy frame of text columns, with the header names as written."""
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES:
        return _file_issue(label, "input.unsupported_type", lang, ext=suffix or path.name)
    if not path.is_file():
        return _file_issue(label, "input.not_found", lang)
    try:
        if suffix in CSV_SUFFIXES:
            if not _looks_like_utf8(path):
                return _file_issue(label, "input.not_utf8", lang)
            frame = pl.scan_csv(path, infer_schema=False, encoding="utf8", raise_if_empty=True)
            frame.collect_schema()
            return frame
        if suffix in EXCEL_SUFFIXES:
            return pl.read_excel(path, sheet_id=1, infer_schema_length=0).lazy()
        return pl.scan_parquet(path)
    except pl.exceptions.NoDataError:
        return _file_issue(label, "input.empty", lang)
    except Exception as error:  # any reader failure becomes an issue, never a traceback
        return _file_issue(label, "input.unreadable", lang, reason=_short_reason(error))


def _looks_like_utf8(path: Path) -> bool:
    """False for UTF-16/32 text (byte-order mark or NUL bytes) and for bytes that are not UTF-8."""
    with path.open("rb") as handle:
        start = handle.read(1 << 16)
    if start[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in start:
        return False
    try:
        start.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > len(start) - 4  # a character cut by the end of the sample is fine
    return True


# --- per-column conversion --------------------------------------------------------------------


def _raw(name: str) -> str:
    return f"raw:{name}"


def _clean(name: str) -> pl.Expr:
    """Trimmed text, empty as null."""
    text = pl.col(_raw(name)).str.strip_chars()
    return pl.when(text.str.len_bytes() > 0).then(text)


# Whole numbers up to 2**53 are exact in a float (and fit a 64-bit integer); larger ones are not
# read as integers.
_EXACT_WHOLE_NUMBERS: Final = 2.0**53


def _whole(number: pl.Expr) -> pl.Expr:
    return number.is_finite() & (number == number.round(0))


def _exact_whole(number: pl.Expr) -> pl.Expr:
    return _whole(number) & (number.abs() <= _EXACT_WHOLE_NUMBERS)


def _typed(column: _Column) -> pl.Expr:
    text = _clean(column.name)
    kind = column.kind
    if kind is _Kind.ID:
        typed = text.str.replace(r"^(-?\d+)\.0+$", "${1}")
    elif kind is _Kind.TEXT:
        typed = text
    elif kind is _Kind.FLOAT:
        number = text.cast(pl.Float64, strict=False)
        typed = pl.when(number.is_finite()).then(number)
    elif kind is _Kind.INT:
        number = text.cast(pl.Float64, strict=False)
        typed = pl.when(_exact_whole(number)).then(number).cast(pl.Int64)
    elif kind is _Kind.DATE:
        shaped = (text.str.len_bytes() == 10) | text.str.slice(10, 1).is_in(["T", " "])
        typed = pl.when(shaped).then(text.str.slice(0, 10).str.to_date(_DATE_FORMAT, strict=False))
    elif kind is _Kind.DATETIME:
        typed = _datetime(text)
    else:
        normalised = text.str.to_lowercase().str.replace_all(r"[_\s]+", "-")
        typed = pl.when(normalised.is_in(column.choices)).then(normalised)
        if column.default is not None:
            typed = pl.when(text.is_null()).then(pl.lit(column.default)).otherwise(typed)
    return typed.alias(column.name)


def _datetime(text: pl.Expr) -> pl.Expr:
    """ISO 8601 date-times: ``T`` or space, optional fraction, ``Z`` or an offset (kept as UTC)."""
    unified = text.str.replace(" ", "T", literal=True)
    zulu = unified.str.strip_suffix("Z")
    naive = [zulu.str.to_datetime(fmt, strict=False, time_unit="us") for fmt in _DATETIME_FORMATS]
    offset = (
        unified.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%:z", strict=False, time_unit="us")
        .dt.convert_time_zone("UTC")
        .dt.replace_time_zone(None)
    )
    return pl.coalesce([*naive, offset])


def _absent(column: _Column) -> pl.Expr:
    """The value of an optional column the file does not have."""
    dtype = _COLUMN_DTYPES[column.kind]
    return pl.lit(column.default, dtype=dtype).alias(column.name)


_COLUMN_DTYPES: Final[dict[_Kind, pl.DataType | type[pl.DataType]]] = {
    _Kind.ID: pl.Utf8,
    _Kind.TEXT: pl.Utf8,
    _Kind.FLOAT: pl.Float64,
    _Kind.INT: pl.Int64,
    _Kind.DATE: pl.Date,
    _Kind.DATETIME: pl.Datetime("us"),
    _Kind.CHOICE: pl.Utf8,
}


def _flag_name(name: str) -> str:
    return f"bad:{name}"


def _conditions(column: _Column) -> list[tuple[pl.Expr, str]]:
    """(condition, message key) pairs, first match wins; evaluated after ``_typed``."""
    present = _clean(column.name).is_not_null()
    typed = pl.col(column.name)
    out: list[tuple[pl.Expr, str]] = []
    if column.required:
        out.append((~present, "input.required"))
    hidden = "_hidden" if column.sensitive else ""
    kind = column.kind
    if kind is _Kind.FLOAT:
        out.append((present & typed.is_null(), "input.not_number" + hidden))
    elif kind is _Kind.INT:
        number = _clean(column.name).cast(pl.Float64, strict=False)
        out.append((present & ~number.is_finite().fill_null(False), "input.not_number" + hidden))
        out.append((present & _whole(number) & typed.is_null(), "input.too_large" + hidden))
        out.append((present & typed.is_null(), "input.not_whole" + hidden))
    elif kind is _Kind.DATE:
        out.append((present & typed.is_null(), "input.not_date"))
    elif kind is _Kind.DATETIME:
        out.append((present & typed.is_null(), "input.not_datetime"))
    elif kind is _Kind.CHOICE:
        out.append((present & typed.is_null(), "input.bad_choice"))
    if column.low is not None or column.high is not None:
        low = float("-inf") if column.low is None else column.low
        high = float("inf") if column.high is None else column.high
        out.append(((typed < low) | (typed > high), "input.out_of_range" + hidden))
    return out


def _flag(column: _Column) -> pl.Expr:
    conditions = [condition for condition, _ in _conditions(column)]
    if not conditions:
        return pl.lit(False).alias(_flag_name(column.name))
    return pl.any_horizontal(conditions).fill_null(False).alias(_flag_name(column.name))


def _message_expr(column: _Column, lang: str) -> pl.Expr:
    raw = _clean(column.name)
    low = "" if column.low is None else _number_text(column.low)
    high = "" if column.high is None else _number_text(column.high)
    params: dict[str, pl.Expr | str | float] = {
        "value": raw,
        "choices": ", ".join(column.choices),
        "low": low,
        "high": high,
    }
    chain: pl.Expr | None = None
    for condition, key in reversed(_conditions(column)):
        text = _message(key, lang, **params)
        chain = (
            pl.when(condition).then(text) if chain is None else pl.when(condition).then(text).otherwise(chain)
        )
    return (pl.lit(None, dtype=pl.Utf8) if chain is None else chain).alias(f"msg:{column.name}")


# --- issue collection -------------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class _Issues:
    """Issues found in one file: the first rows of each kind and how many there were in all."""

    label: str
    frames: list[pl.DataFrame] = field(default_factory=list)
    total: int = 0

    def add(self, frame: pl.DataFrame, count: int) -> None:
        if count:
            self.frames.append(
                frame.select(pl.col(name).cast(dtype) for name, dtype in _ISSUE_SCHEMA.items())
            )
            self.total += count

    def add_rows(
        self,
        rows: pl.DataFrame,
        column: str,
        order: int,
        message: pl.Expr,
    ) -> None:
        """``rows`` are the offending rows (in file order); messages are built for the first few."""
        count = rows.height
        if count:
            head = rows.head(MAX_ISSUES).select(
                pl.col(ROW).alias("row"),
                pl.lit(order).alias("order"),
                pl.lit(column).alias("column"),
                message.alias("message"),
            )
            self.add(head, count)

    def to_list(self, limit: int) -> list[InputIssue]:
        if not self.frames or limit <= 0:
            return []
        merged = pl.concat(self.frames).sort(["row", "order"], nulls_last=False).head(limit)
        return [
            InputIssue(file=self.label, row=row, column=column, message=message)
            for row, column, message in zip(
                merged["row"].to_list(), merged["column"].to_list(), merged["message"].to_list(), strict=True
            )
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Runs:
    """The runs of rows with equal ``keys`` (see :func:`_run_starts`): found once for both the
    reading and the checks."""

    keys: tuple[str, ...]
    starts: pl.Series
    #: The ``keys`` columns on the start rows, in file order: every distinct key appears there, in
    #: one row in a hundred for actuals, so several checks look at these rows rather than at all.
    heads: pl.DataFrame


def _runs(frame: pl.DataFrame, keys: Sequence[str]) -> _Runs:
    starts = _run_starts(frame, keys)
    return _Runs(keys=tuple(keys), starts=starts, heads=frame.select(keys).filter(starts))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Table:
    """One file after conversion: typed columns (with the spreadsheet row ``ROW`` or not, see
    :func:`_numbered`), and what it had.

    ``runs`` are the runs of the keys the file was loaded with.
    """

    frame: pl.DataFrame
    present: frozenset[str]
    runs: _Runs | None = None


def _load(
    path: Path,
    label: str,
    columns: Sequence[_Column],
    issues: _Issues,
    lang: str,
    *,
    runs: Sequence[str] = (),
) -> _Table | None:
    """The file as a ``_Table``, or None when it cannot be used at all (its issues are added).

    ``runs`` are required key columns whose run starts the checks need (see :func:`_run_starts`).
    """
    scanned = _scan(path, label, lang)
    if isinstance(scanned, InputIssue):
        issues.add(_file_level(scanned), 1)
        return None
    header = scanned.collect_schema()
    by_name: dict[str, str] = {}
    seen: set[str] = set()
    order = {column.name: index for index, column in enumerate(columns)}
    header_rows: list[dict[str, object]] = []
    for original, dtype in header.items():
        key = original.strip().lower().lstrip("\ufeff")
        if key not in order:
            continue
        if key in seen:
            header_rows.append(_issue_row(1, order[key], key, _text("input.duplicate_column", lang)))
            continue
        seen.add(key)
        if isinstance(dtype, pl.List | pl.Array | pl.Struct | pl.Object):
            header_rows.append(
                _issue_row(1, order[key], key, _text("input.unsupported_column", lang, dtype=str(dtype)))
            )
            continue
        by_name[key] = original
    for column in columns:
        if column.required and column.name not in seen:
            header_rows.append(
                _issue_row(1, order[column.name], column.name, _text("input.missing_column", lang))
            )
    if header_rows:
        issues.add(pl.DataFrame(header_rows, schema=_ISSUE_SCHEMA), len(header_rows))
        return None

    present = [column for column in columns if column.name in by_name]
    if path.suffix.lower() in CSV_SUFFIXES:
        clean = _load_clean_csv(path, by_name, present, columns, runs)
        if clean is not None:
            frame, found = clean
            return _Table(frame=frame, present=frozenset(by_name), runs=found)
    base = scanned.select(
        pl.col(by_name[column.name]).cast(pl.Utf8).alias(_raw(column.name)) for column in present
    ).with_row_index(ROW, offset=2)
    typed = base.with_columns(_typed(column) for column in present)
    fast = typed.select(
        pl.col(ROW),
        *(pl.col(column.name) for column in present),
        *(_flag(column) for column in present),
        *(_absent(column) for column in columns if column.name not in by_name),
    )
    try:
        frame = fast.collect()
    except Exception as error:  # malformed CSV, invalid UTF-8, unreadable Parquet...
        issues.add(_file_level(_file_issue(label, "input.unreadable", lang, reason=_short_reason(error))), 1)
        return None

    flags = [_flag_name(column.name) for column in present]
    counts = frame.select(pl.col(flags).sum()).row(0) if flags else ()
    if any(counts):
        bad = typed.with_columns(_flag(column) for column in present).filter(pl.any_horizontal(flags))
        messages = (
            bad.head(MAX_ISSUES).select(ROW, *(_message_expr(column, lang) for column in present)).collect()
        )
        for column, count in zip(present, counts, strict=True):
            if count:
                rows = messages.filter(pl.col(f"msg:{column.name}").is_not_null())
                head = rows.select(
                    pl.col(ROW).alias("row"),
                    pl.lit(order[column.name]).alias("order"),
                    pl.lit(column.name).alias("column"),
                    pl.col(f"msg:{column.name}").alias("message"),
                )
                issues.add(head, int(count))
    frame = frame.drop(flags)
    return _Table(frame=frame, present=frozenset(by_name), runs=_runs(frame, runs) if runs else None)


def _load_clean_csv(
    path: Path,
    by_name: Mapping[str, str],
    present: Sequence[_Column],
    columns: Sequence[_Column],
    runs: Sequence[str],
) -> tuple[pl.DataFrame, _Runs | None] | None:
    """The fast path for a clean CSV file with the run starts of ``runs`` (see :func:`_load`), or
    None when anything needs the careful path.

    Numbers are parsed by the CSV reader itself and only the needed columns are read; dates are
    read as text and parsed strictly as ISO 8601 as they are read (the reader would also accept
    ``01/02/2024``), each with a flag for a text that needs a closer look. Any value the careful
    path would reject, or merely normalise, sends the file there instead, so both paths give the
    same frame for the same file.

    The checks are aggregates run together in one ``select`` (Polars runs them in parallel). Ids
    and choices repeat a lot (5 million actuals rows hold 10,000 people and 5 KPIs), so their
    checks look at each distinct value once rather than at every cell; the run starts of the key
    columns hold every distinct key, and cost less to find than a hash table.
    """
    native: dict[str, pl.DataType | type[pl.DataType]] = {
        by_name[column.name]: pl.Float64 for column in present if column.kind in {_Kind.FLOAT, _Kind.INT}
    }
    simple = {_Kind.ID, _Kind.TEXT, _Kind.FLOAT, _Kind.INT, _Kind.DATE, _Kind.CHOICE}
    if any(column.kind not in simple for column in present):
        return None
    # Each date text is parsed and checked within the reading, so only the parsed dates are kept:
    # the frame holds no text copy of a date column at any time.
    dates = {
        column.name: pl.col(column.name).str.to_date(_DATE_FORMAT, strict=False)
        for column in present
        if column.kind is _Kind.DATE
    }
    try:
        frame = (
            pl.scan_csv(path, infer_schema=False, schema_overrides=native, encoding="utf8")
            .select(pl.col(by_name[column.name]).alias(column.name) for column in present)
            .with_columns(
                *(date.alias(name) for name, date in dates.items()),
                *(_misshapen(pl.col(name), date).alias(_unsure(name)) for name, date in dates.items()),
            )
            .collect()
        )
    except Exception:  # a cell the reader cannot parse: the careful path will say which
        return None
    if any(frame.drop_in_place(_unsure(name)).any() for name in dates):
        return None
    # Required keys pass ``_care`` only when no cell is missing or changed: these are the runs the
    # careful path would find, and the columns they hold are the same in the frame returned.
    found = _runs(frame, runs) if runs else None
    empty = _care(frame, present, runs=found)
    if empty is None:
        return None
    missing = [column for column in columns if column.name not in by_name]
    if empty:
        frame = frame.with_columns(
            pl.when(pl.col(name).str.len_bytes() > 0).then(pl.col(name)).alias(name) for name in empty
        )
    frame = frame.with_columns(
        *(pl.col(column.name).cast(pl.Int64) for column in present if column.kind is _Kind.INT),
        *(
            pl.col(column.name).fill_null(column.default)
            for column in present
            if column.kind is _Kind.CHOICE and column.default is not None
        ),
        *(_absent(column) for column in missing),
    )
    return frame, found


def _care(frame: pl.DataFrame, present: Sequence[_Column], *, runs: _Runs | None) -> frozenset[str] | None:
    """None when some value of ``frame`` needs the careful path (to be rejected or normalised);
    else the text columns holding empty strings (a quoted ``""``), which become nulls as there.

    Date columns are already parsed, their texts checked by :func:`_misshapen`: an empty text is
    a null date, so only whether a required one has nulls is left to check.

    ``runs`` are the runs of some key columns: their start rows hold all the keys' distinct values.
    """
    checks: list[pl.Expr] = []
    texts: list[_Column] = []
    for column in present:
        value = pl.col(column.name)
        if column.required:
            checks.append(value.null_count() > 0)
        if column.kind is _Kind.FLOAT:
            # Aggregates rather than a flag per cell (1.5 ms rather than 12 ms for 5 million): a sum
            # is finite only when every number is, save for finite sums too large for a float,
            # which the careful path reads the same, just slower.
            wrong = ~value.sum().is_finite()
            if column.low is not None:
                wrong = wrong | (value.min() < column.low)
            if column.high is not None:
                wrong = wrong | (value.max() > column.high)
            checks.append(wrong)
        elif column.kind is _Kind.INT:
            wrong = ~value.is_finite()
            # Only the bounds a column has are compared: millions of comparisons with infinity cost.
            if column.low is not None:
                wrong = wrong | (value < column.low)
            if column.high is not None:
                wrong = wrong | (value > column.high)
            # Whole numbers that a 64-bit float holds exactly; the careful path decides the rest.
            wrong = wrong | (value != value.round(0)) | (value.abs() > WHOLE_LIMIT)
            checks.append(wrong.any())
        elif column.kind is not _Kind.DATE:
            texts.append(column)
    if checks and frame.select(pl.any_horizontal(check.fill_null(False) for check in checks)).item():
        return None
    empty: set[str] = set()
    for column in texts:
        values = frame.get_column(column.name)
        # Ids and choices repeat: each distinct value is looked at once.
        if runs is not None and column.name in runs.keys:
            values = runs.heads.get_column(column.name)
        elif column.kind is not _Kind.TEXT:
            values = values.unique()
        wrong, blank = values.to_frame().select(_text_checks(pl.col(column.name), column)).row(0)
        if wrong or (blank and column.required):
            return None
        if blank:
            empty.add(column.name)
    return frozenset(empty)


def _text_checks(text: pl.Expr, column: _Column) -> tuple[pl.Expr, pl.Expr]:
    """Whether any value needs the careful path, and whether any is an empty string.

    Padding, ``7.0``-style ids and enum spelling are the careful path's job; an empty string is a
    missing value on both paths.
    """
    filled = text.str.len_bytes() > 0
    wrong = text.str.len_bytes() != text.str.strip_chars().str.len_bytes()
    if column.kind is _Kind.ID:
        wrong = wrong | text.str.contains(".", literal=True)
    elif column.kind is _Kind.CHOICE:
        wrong = wrong | (filled & ~text.is_in(column.choices))
    return wrong.fill_null(False).any().alias("wrong"), (~filled).fill_null(False).any().alias("blank")


#: Whole numbers up to this size are exact in a 64-bit float (2**53).
WHOLE_LIMIT: Final = float(2**53)


def _unsure(name: str) -> str:
    return f"__unsure:{name}"


def _misshapen(text: pl.Expr, date: pl.Expr) -> pl.Expr:
    """Whether a date text needs the careful path: filled but not ``YYYY-MM-DD``.

    ``date`` is the text parsed without a guard (cheaper on every cell), which also takes
    ``2024-1-7``: the length rules that out. An empty text is a missing value on both paths.
    """
    length = text.str.len_bytes()
    return (length > 0) & ((length != 10) | date.is_null())


def _issue_row(row: int, order: int, column: str, message: str) -> dict[str, object]:
    return {"row": row, "order": order, "column": column, "message": message}


def _file_level(issue: InputIssue) -> pl.DataFrame:
    return pl.DataFrame(
        [{"row": None, "order": -1, "column": None, "message": issue.message}], schema=_ISSUE_SCHEMA
    )


# --- checks across rows and files -------------------------------------------------------------


def _order(columns: Sequence[_Column]) -> dict[str, int]:
    return {column.name: index for index, column in enumerate(columns)}


def _not_null(names: Sequence[str]) -> pl.Expr:
    return pl.all_horizontal(pl.col(name).is_not_null() for name in names)


def _numbered(frame: pl.DataFrame, where: pl.Expr | None = None) -> pl.DataFrame:
    """The rows of a file's frame (those where ``where`` holds) with their spreadsheet row ``ROW``
    as the first column.

    The careful path's frames carry ``ROW``; a clean CSV's frame does not (20 MB for 5 million
    rows), as only the checks that found something need it: each row's number is then its
    position, plus 2 for the header.
    """
    if ROW in frame.columns:
        return frame if where is None else frame.filter(where)
    if where is None:
        return frame.with_row_index(ROW, offset=2)
    matches = frame.select(where.fill_null(False)).to_series()
    # ``arg_true`` gives the row index's own type, so ROW has the same type on both paths.
    return frame.filter(matches).insert_column(0, (matches.arg_true() + 2).alias(ROW))


def _repeats(
    frame: pl.DataFrame,
    keys: Sequence[str],
    required: Sequence[str],
    *,
    runs: _Runs | None = None,
) -> pl.DataFrame:
    """Rows whose ``keys`` equal an earlier row's (nulls equal), with that row's number as ``first``.

    ``runs`` may pass the runs of ``keys[:-1]`` when the caller has them. When the cheap check
    cannot prove the keys unique, the rows are hashed once: groups of one row (the usual case) need
    no join at all.
    """
    no_repeats = _numbered(frame.clear())
    no_repeats = no_repeats.with_columns(pl.lit(None, dtype=no_repeats.schema[ROW]).alias("first"))
    if _plainly_unique(frame, keys, runs=runs):
        return no_repeats
    frame = _numbered(frame)
    repeated = (
        frame.filter(_not_null(required))
        .group_by(list(keys))
        .agg(pl.col(ROW).min().alias("first"), pl.len().alias("__rows"))
        .filter(pl.col("__rows") > 1)
        .drop("__rows")
    )
    if repeated.is_empty():
        return no_repeats
    return (
        frame.join(repeated, on=list(keys), how="inner", nulls_equal=True)
        .filter(pl.col(ROW) != pl.col("first"))
        .sort(ROW)
    )


def _run_starts(frame: pl.DataFrame, keys: Sequence[str]) -> pl.Series:
    """True on each row whose ``keys`` differ from the previous row's (the first row included); a
    null key counts as different, even from another null."""
    first, *rest = (_changes(frame.get_column(key)) for key in keys)
    for changes in rest:
        first = first | changes
    return first.alias(START)


def _changes(values: pl.Series) -> pl.Series:
    """Whether each value differs from the one before it (or either is null); True on the first."""
    return _against_previous(values, operator.ne).fill_null(True)


#: The average chunk length from which :func:`_against_previous` compares chunk by chunk.
_ROWS_PER_CHUNK: Final = 4096


def _against_previous(values: pl.Series, compare: Callable[[pl.Series, pl.Series], pl.Series]) -> pl.Series:
    """``compare(value, previous value)`` on each row; null on the first row, and where either is.

    A file is read in chunks, and comparing a column with its own ``shift()`` compares chunks that
    are out of step by one row, which Polars does at twice the cost of aligned ones (40 ms rather
    than 20 ms per 5 million texts) and with a shifted copy of the column. So each chunk is
    compared with itself one row apart, and only its first row with the last of the chunk before.
    That costs a few Python calls per chunk, so a column of many small chunks is compared with its
    ``shift()`` all the same.
    """
    if values.len() < _ROWS_PER_CHUNK * values.n_chunks():
        return compare(values, values.shift())
    pieces: list[pl.Series] = []
    last: pl.Series | None = None
    for chunk in values.get_chunks():
        size = chunk.len()
        if size == 0:
            continue
        if last is None:
            pieces.append(pl.Series([None], dtype=pl.Boolean))
        else:
            pieces.append(compare(chunk.head(1), last))
        pieces.append(compare(chunk.slice(1), chunk.slice(0, size - 1)))
        last = chunk.tail(1)
    if not pieces:
        return pl.Series(values.name, [], dtype=pl.Boolean)
    return pl.concat(pieces, rechunk=True)


def _plainly_unique(frame: pl.DataFrame, keys: Sequence[str], *, runs: _Runs | None = None) -> bool:
    """True when a cheap, linear check proves the ``keys`` unique; False means "look closer".

    Exports usually list each person x KPI's periods together and in order. Then rows of one run
    (same leading keys) have strictly increasing last keys, and no run's leading keys reappear in a
    later run; both are checked without hashing millions of rows.
    """
    if len(keys) < 2 or frame.height < 2:
        return frame.height < 2
    if sum(frame.get_column(k).null_count() for k in keys):
        return False
    *leading, last = keys
    if runs is None:
        runs = _runs(frame, leading)
    assert runs.keys == tuple(leading), "the runs of the leading keys"
    increasing = _against_previous(frame.get_column(last), operator.gt).fill_null(False)
    if not (runs.starts | increasing).all():
        return False
    return not runs.heads.is_duplicated().any()


def _check_plan(table: _Table, issues: _Issues, lang: str) -> None:
    frame = table.frame
    order = _order(PLAN_COLUMNS)
    issues.add_rows(
        _numbered(frame, pl.col("cycle_end") < pl.col("cycle_start")),
        "cycle_end",
        order["cycle_end"],
        _message("input.end_before_start", lang, end=pl.col("cycle_end"), start=pl.col("cycle_start")),
    )
    issues.add_rows(
        _repeats(frame, ["person_id", "kpi"], ["person_id", "kpi"]),
        "kpi",
        order["kpi"],
        _message(
            "input.duplicate_plan", lang, person=pl.col("person_id"), kpi=pl.col("kpi"), first=pl.col("first")
        ),
    )
    issues.add_rows(
        _conflicts(frame, "person_id", "team"),
        "team",
        order["team"],
        _message(
            "input.team_conflict",
            lang,
            person=pl.col("person_id"),
            other=pl.col("other"),
            first=pl.col("first"),
        ),
    )
    issues.add_rows(
        _conflicts(frame, "team", "parent_team"),
        "parent_team",
        order["parent_team"],
        _message(
            "input.parent_conflict", lang, team=pl.col("team"), other=pl.col("other"), first=pl.col("first")
        ),
    )
    issues.add_rows(
        _numbered(frame, (pl.col("kind") == "qualitative") & _outside_scale(pl.col("target"))),
        "target",
        order["target"],
        _message("input.qualitative_range", lang, kpi=pl.col("kpi"), value=_shown(pl.col("target"))),
    )


def _conflicts(frame: pl.DataFrame, key: str, value: str) -> pl.DataFrame:
    """Rows whose ``value`` differs from the first one given for their ``key``, with that value
    (``other``) and its row (``first``), in file order."""
    # Only the columns the messages need are joined, and in file order, so nothing is sorted; none
    # when a cheap check finds no conflict (the empty frame keeps the result's columns).
    pairs = _numbered(frame.clear() if _plainly_consistent(frame, key, value) else frame).select(
        ROW, key, value
    )
    first = (
        pairs.filter(_not_null([key, value]))
        .group_by(key, maintain_order=True)
        .agg(pl.col(value).first().alias("other"), pl.col(ROW).first().alias("first"))
    )
    return pairs.join(first, on=key, maintain_order="left").filter(pl.col(value) != pl.col("other"))


def _plainly_consistent(frame: pl.DataFrame, key: str, value: str) -> bool:
    """True when a cheap, linear check proves that each ``key`` has one ``value``; False means
    "look closer".

    A plan lists a person's (and usually a team's) rows together. Then, with no nulls, ``value``
    changes only where ``key`` does, and no key's run of rows comes back after another's.
    """
    keys = frame.get_column(key)
    values = frame.get_column(value)
    if keys.null_count() or values.null_count():
        return False
    starts = _changes(keys)
    if (_changes(values) & ~starts).any():
        return False
    return not keys.filter(starts).is_duplicated().any()


def _outside_scale(value: pl.Expr) -> pl.Expr:
    low, high = QUALITATIVE_SCALE
    return (value < low) | (value > high)


def _shown(value: pl.Expr) -> pl.Expr:
    """A number as written by a person: ``3`` rather than ``3.0`` (and ``1e+20`` for a whole number
    too large to be exact)."""
    return (
        pl.when(_exact_whole(value))
        # not strict: both branches are computed for every row, and rows beyond the 64-bit
        # integers take the other one
        .then(value.cast(pl.Int64, strict=False).cast(pl.Utf8))
        .otherwise(value.cast(pl.Utf8))
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Known:
    """What the plan defines: its people and its person x KPI assignments (with the KPI's kind)."""

    people: pl.Series
    assignments: pl.DataFrame  # person_id, kpi, __kind


def _known(plan: _Table | None) -> _Known | None:
    if plan is None:
        return None
    valid = plan.frame.filter(_not_null(["person_id", "kpi"]))
    return _Known(
        people=valid.get_column("person_id").unique(),
        assignments=valid.select(
            "person_id", "kpi", pl.lit(True).alias("__known"), pl.col("kind").alias("__kind")
        ).unique(subset=["person_id", "kpi"], keep="first"),
    )


def _check_assignments(
    table: _Table,
    *,
    known: _Known,
    issues: _Issues,
    lang: str,
    columns: Sequence[_Column],
    number: str,
) -> None:
    """Unknown people or person x KPI pairs, and qualitative numbers off the 1-5 scale.

    Only the first row of each run of one person x KPI is looked up (an export lists a person's
    periods together, so that is one row in a hundred); rows are joined only when something is wrong.
    """
    order = _order(columns)
    frame = table.frame
    keys = list(ASSIGNMENT)
    runs = table.runs
    assert runs is not None, "actuals and targets are loaded with the runs of ASSIGNMENT"
    firsts = runs.heads.filter(_not_null(keys)).unique()
    strangers = firsts.join(known.assignments, on=keys, how="anti")
    if not strangers.is_empty():
        unknown = _numbered(frame).select(ROW, *keys).join(strangers, on=keys, how="semi").sort(ROW)
        stranger = pl.col("person_id").is_in(known.people.implode()).not_()
        issues.add_rows(
            unknown.filter(stranger),
            "person_id",
            order["person_id"],
            _message("input.unknown_person", lang, person=pl.col("person_id")),
        )
        issues.add_rows(
            unknown.filter(~stranger),
            "kpi",
            order["kpi"],
            _message("input.unknown_assignment", lang, person=pl.col("person_id"), kpi=pl.col("kpi")),
        )
    qualitative = known.assignments.filter(pl.col("__kind") == "qualitative").select(keys)
    if qualitative.is_empty():
        return
    # Only rows of KPIs rated somewhere in the plan can be off the scale: a cheap filter first.
    rated = qualitative.get_column("kpi").unique().implode()
    off_scale = _numbered(frame, _outside_scale(pl.col(number)) & pl.col("kpi").is_in(rated)).select(
        ROW, *keys, number
    )
    issues.add_rows(
        off_scale.join(qualitative, on=keys, how="semi").sort(ROW),
        number,
        order[number],
        _message("input.qualitative_range", lang, kpi=pl.col("kpi"), value=_shown(pl.col(number))),
    )


def _check_actuals(table: _Table, known: _Known | None, issues: _Issues, lang: str) -> None:
    keys = ["person_id", "kpi", "period_end"]
    with_times = "recorded_at" in table.present
    repeats = _repeats(
        table.frame,
        [*keys, "recorded_at"] if with_times else keys,
        keys,
        runs=None if with_times else table.runs,
    )
    if with_times:
        # A period with several rows needs a recorded_at on every one of them to tell them apart.
        frame = _numbered(table.frame)
        untimed = frame.filter(
            _not_null(keys) & pl.col("recorded_at").is_null() & pl.struct(keys).is_duplicated()
        )
        if not untimed.is_empty():
            firsts = (
                frame.join(untimed.select(keys).unique(), on=keys)
                .group_by(keys)
                .agg(pl.col(ROW).sort().alias("rows"))
            )
            other_first = (
                pl.when(pl.col("rows").list.first() != pl.col(ROW))
                .then(pl.col("rows").list.first())
                .otherwise(pl.col("rows").list.get(1))
            )
            untimed = untimed.join(firsts, on=keys).with_columns(other_first.alias("first")).drop("rows")
            repeats = pl.concat([repeats, untimed.select(repeats.columns)]).unique(ROW).sort(ROW)
    order = _order(ACTUALS_COLUMNS)
    issues.add_rows(
        repeats,
        "recorded_at" if with_times else "period_end",
        order["recorded_at"] if with_times else order["period_end"],
        _message("input.duplicate_revision", lang, first=pl.col("first")),
    )
    if known is not None:
        _check_assignments(
            table,
            known=known,
            issues=issues,
            lang=lang,
            columns=ACTUALS_COLUMNS,
            number="value",
        )


def _check_targets(table: _Table, known: _Known | None, issues: _Issues, lang: str) -> None:
    keys = ["person_id", "kpi", "period_end"]
    issues.add_rows(
        _repeats(table.frame, keys, keys, runs=table.runs),
        "period_end",
        _order(TARGETS_COLUMNS)["period_end"],
        _message(
            "input.duplicate_target",
            lang,
            person=pl.col("person_id"),
            kpi=pl.col("kpi"),
            period=pl.col("period_end"),
            first=pl.col("first"),
        ),
    )
    if known is not None:
        _check_assignments(
            table,
            known=known,
            issues=issues,
            lang=lang,
            columns=TARGETS_COLUMNS,
            number="target",
        )


def _check_people(
    table: _Table,
    *,
    known: _Known | None,
    issues: _Issues,
    lang: str,
    columns: Sequence[_Column],
    person: str,
) -> None:
    if known is None:
        return
    issues.add_rows(
        _numbered(table.frame, pl.col(person).is_not_null() & ~pl.col(person).is_in(known.people.implode())),
        person,
        _order(columns)[person],
        _message("input.unknown_person", lang, person=pl.col(person)),
    )


def _check_surveys(table: _Table, known: _Known | None, issues: _Issues, lang: str) -> None:
    _check_answers(table.frame, issues, lang)
    _check_people(table, known=known, issues=issues, lang=lang, columns=SURVEYS_COLUMNS, person="person_id")


def _check_answers(frame: pl.DataFrame, issues: _Issues, lang: str) -> None:
    """Items beyond an instrument's count and responses outside its range."""
    # One comparison per instrument and a single answer first (a quarter of the cost of the
    # lookups below): the rows and their messages are only looked for when something is wrong.
    wrong = (
        (pl.col("instrument") == code)
        & ((pl.col("item") > count) | (pl.col("response") < low) | (pl.col("response") > high))
        for code, (count, low, high) in INSTRUMENTS.items()
    )
    if not frame.select(pl.any_horizontal(wrong).any()).item():
        return
    order = _order(SURVEYS_COLUMNS)
    # Each row's instrument's item count and response range, looked up by expressions rather than
    # joined, so no copy of the file's rows is made; an unknown instrument has none, so no issue.
    items, low, high = (
        pl.col("instrument").replace_strict(
            list(INSTRUMENTS),
            [shape[index] for shape in INSTRUMENTS.values()],
            default=None,
            return_dtype=pl.Int64,
        )
        for index in range(3)
    )
    issues.add_rows(
        _numbered(frame, pl.col("item") > items),
        "item",
        order["item"],
        _message(
            "input.survey_item", lang, item=pl.col("item"), instrument=pl.col("instrument"), count=items
        ),
    )
    issues.add_rows(
        _numbered(frame, (pl.col("response") < low) | (pl.col("response") > high)),
        "response",
        order["response"],
        _message("input.survey_response", lang, instrument=pl.col("instrument"), low=low, high=high),
    )


# --- entry points -----------------------------------------------------------------------------

Schema = Mapping[str, pl.DataType | type[pl.DataType]]


def read_inputs(
    *,
    plan: Path,
    actuals: Path,
    targets: Path | None = None,
    checkins: Path | None = None,
    recognition: Path | None = None,
    surveys: Path | None = None,
    turnover_scores: Path | None = None,
    lang: str = "en",
    progress: Callable[[str], None] | None = None,
) -> AuditInputs:
    """Read and validate every input; raise one ``InputError`` with all the problems found.

    ``progress`` is called with the name of each file kind as its reading starts.
    """
    all_issues: list[_Issues] = []

    def load(kind: str, path: Path, columns: Sequence[_Column]) -> tuple[_Table | None, _Issues]:
        if progress is not None:
            progress(kind)
        issues = _Issues(label=str(path))
        all_issues.append(issues)
        # Actuals and targets are checked run by run of person x KPI.
        runs = ASSIGNMENT if kind in {"actuals", "targets"} else ()
        return _load(path, str(path), columns, issues, lang, runs=runs), issues

    plan_table, plan_issues = load("plan", plan, PLAN_COLUMNS)
    if plan_table is not None:
        _check_plan(plan_table, plan_issues, lang)
    known = _known(plan_table)

    actuals_table, actuals_issues = load("actuals", actuals, ACTUALS_COLUMNS)
    if actuals_table is not None:
        _check_actuals(actuals_table, known, actuals_issues, lang)

    optional: dict[str, pl.DataFrame] = {}
    specs: list[tuple[str, Path | None, tuple[_Column, ...], Schema]] = [
        ("targets", targets, TARGETS_COLUMNS, TARGETS_SCHEMA),
        ("checkins", checkins, CHECKINS_COLUMNS, CHECKINS_SCHEMA),
        ("recognition", recognition, RECOGNITION_COLUMNS, RECOGNITION_SCHEMA),
        ("surveys", surveys, SURVEYS_COLUMNS, SURVEYS_SCHEMA),
    ]
    for kind, path, columns, schema in specs:
        if path is None:
            optional[kind] = empty(dict(schema))
            continue
        table, issues = load(kind, path, columns)
        if table is None:
            continue
        if kind == "targets":
            _check_targets(table, known, issues, lang)
        elif kind == "checkins":
            _check_people(
                table, known=known, issues=issues, lang=lang, columns=CHECKINS_COLUMNS, person="person_id"
            )
        elif kind == "recognition":
            _check_people(
                table, known=known, issues=issues, lang=lang, columns=RECOGNITION_COLUMNS, person="to_id"
            )
        else:
            _check_surveys(table, known, issues, lang)
        optional[kind] = conform(table.frame, dict(schema))

    turnover: pl.DataFrame | None = None
    if turnover_scores is not None:
        if progress is not None:
            progress("turnover")
        issues = _Issues(label=str(turnover_scores))
        all_issues.append(issues)
        turnover = _read_turnover(turnover_scores, issues, lang)

    total = sum(issues.total for issues in all_issues)
    if total:
        collected: list[InputIssue] = []
        for issues in all_issues:
            collected.extend(issues.to_list(MAX_ISSUES - len(collected)))
        raise InputError(collected, total)
    assert plan_table is not None and actuals_table is not None  # no issues means both were read
    return AuditInputs(
        plan=conform(plan_table.frame, dict(PLAN_SCHEMA)),
        actuals=conform(actuals_table.frame, dict(ACTUALS_SCHEMA)),
        targets=optional["targets"],
        checkins=optional["checkins"],
        recognition=optional["recognition"],
        surveys=optional["surveys"],
        turnover=turnover,
    )


def _read_turnover(path: Path, issues: _Issues, lang: str) -> pl.DataFrame | None:
    """The turnover model's scores file (``kpiwell turnover score``), read by its own reader."""
    from kpiwell.engine.turnover import ScoresFileError, read_scores

    scanned = _scan(path, str(path), lang)  # same file checks and messages as the other inputs
    if isinstance(scanned, InputIssue):
        issues.add(_file_level(scanned), 1)
        return None
    try:
        return read_scores(path)
    except ScoresFileError as error:
        # That reader counts data rows from 1; here the header is row 1, as in a spreadsheet.
        where = [str(error.path)]
        if error.row is not None:
            where.append(f"row {error.row}")
        if error.column is not None:
            where.append(f"column {error.column!r}")
        message = str(error).removeprefix(", ".join(where) + ": ")
        row = None if error.row is None else error.row + 1
        order = -1 if row is None else 0
        frame = pl.DataFrame(
            [{"row": row, "order": order, "column": error.column, "message": message}], schema=_ISSUE_SCHEMA
        )
        issues.add(frame, 1)
        return None
