"""Reading HR tables (CSV, XLSX, Parquet) into Polars, and turning cells into text or numbers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from kpiwell.engine.turnover.errors import TurnoverInputError

CSV_SUFFIXES = frozenset({".csv", ".txt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
BYTE_ORDER_MARK = "\ufeff"
# Cells that spreadsheet and HR-system exports write for "no value"; read as missing in CSV files.
MISSING_MARKERS = ["NA", "N/A", "n/a", "#N/A", "NULL", "null", "NaN"]


def read_table(path: Path, *, text_columns: Sequence[str] = (), all_text: bool = False) -> pl.DataFrame:
    """Read a CSV (UTF-8, with or without byte-order mark), the first sheet of an XLSX, or Parquet.

    Text cells are trimmed; empty text, and in CSV files the usual markers (NA, N/A, NULL, ...),
    become missing. ``text_columns`` (identifiers such as ``007``) and, with ``all_text``, every
    column are kept as text instead of being read as numbers. Raises ``TurnoverInputError`` with one
    plain sentence when the file cannot be read.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise TurnoverInputError(f"cannot read {path}: no such file")
    try:
        overrides: dict[str, pl.DataType | type[pl.DataType]] = dict.fromkeys(text_columns, pl.String)
        if suffix in CSV_SUFFIXES:
            # Read as text, then type the columns here: Polars would turn codes like "007" into 7.
            frame = pl.read_csv(path, infer_schema_length=0, encoding="utf8", null_values=MISSING_MARKERS)
        elif suffix in EXCEL_SUFFIXES:
            header = pl.read_excel(path, sheet_id=1, read_options={"n_rows": 0}).columns
            present = {name: dtype for name, dtype in overrides.items() if name in header}
            frame = pl.read_excel(path, sheet_id=1, schema_overrides=present or None)
        elif suffix in PARQUET_SUFFIXES:
            frame = pl.read_parquet(path)
        else:
            raise TurnoverInputError(
                f"cannot read {path}: unknown file type {suffix or '(none)'!r} (use .csv, .xlsx or .parquet)"
            )
    except TurnoverInputError:
        raise
    except Exception as error:  # Polars, fastexcel and the OS raise many types; all mean "unreadable"
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise TurnoverInputError(f"cannot read {path}: {reason}") from error
    if all_text:
        frame = frame.with_columns(as_text(frame[name]) for name in frame.columns)
    return _tidy(frame, keep_text=frozenset(frame.columns if all_text else text_columns))


def _tidy(frame: pl.DataFrame, keep_text: frozenset[str]) -> pl.DataFrame:
    """Strip the byte-order mark and blanks; text columns that hold only numbers become numbers."""
    renamed = {name: name.removeprefix(BYTE_ORDER_MARK).strip() for name in frame.columns}
    frame = frame.rename(renamed)
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text_columns:
        return frame
    frame = frame.with_columns(
        pl.when(pl.col(name).str.strip_chars() == "")
        .then(None)
        .otherwise(pl.col(name).str.strip_chars())
        .alias(name)
        for name in text_columns
    )
    return frame.with_columns(
        _numbers_if_all_numeric(frame[name]) for name in text_columns if name not in keep_text
    )


def _numbers_if_all_numeric(series: pl.Series) -> pl.Series:
    """Numbers written as text (" 3100 ") become numbers; codes with leading zeros stay text."""
    numbers = series.cast(pl.Float64, strict=False)
    if series.null_count() == series.len() or numbers.null_count() != series.null_count():
        return series
    if bool(series.str.contains(r"^[+-]?0\d").any()):
        return series
    present = numbers.drop_nulls()
    if bool(present.is_finite().all()) and bool((present == present.round(0)).all()):
        whole = numbers.cast(pl.Int64, strict=False)
        if whole.null_count() == numbers.null_count():  # no value beyond the 64-bit range
            return whole
    return numbers


def as_text(series: pl.Series) -> pl.Series:
    """Cells as trimmed text; whole-number floats print without ``.0`` (``1.0`` -> ``"1"``)."""
    if series.dtype == pl.String:
        return series.str.strip_chars()
    if series.dtype.is_float():
        whole = series.is_not_null() & series.is_finite() & (series == series.round(0))
        text = pl.select(
            pl.when(whole)
            .then(series.cast(pl.Int64, strict=False).cast(pl.String))
            .otherwise(series.cast(pl.String))
        ).to_series()
        return text.alias(series.name)
    return series.cast(pl.String).alias(series.name)


def as_number(series: pl.Series) -> pl.Series:
    """Cells as Float64; text that is not a number becomes missing (see ``unparsable``)."""
    if series.dtype == pl.Boolean:
        return series.cast(pl.Float64)
    if series.dtype == pl.String:
        return series.str.strip_chars().cast(pl.Float64, strict=False)
    return series.cast(pl.Float64, strict=False)
