"""Reading HR tables (CSV, XLSX, Parquet) into Polars, and turning cells into text or numbers."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from kpiwell.engine.turnover.errors import TurnoverInputError

CSV_SUFFIXES = frozenset({".csv", ".txt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
BYTE_ORDER_MARK = "\ufeff"


def read_table(path: Path) -> pl.DataFrame:
    """Read a CSV (UTF-8, with or without byte-order mark), the first sheet of an XLSX, or Parquet.

    Text cells are trimmed and empty text becomes missing. Raises ``TurnoverInputError`` with one
    plain sentence when the file cannot be read.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise TurnoverInputError(f"cannot read {path}: no such file")
    try:
        if suffix in CSV_SUFFIXES:
            frame = pl.read_csv(path, infer_schema_length=None, encoding="utf8")
        elif suffix in EXCEL_SUFFIXES:
            frame = pl.read_excel(path, sheet_id=1)
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
    return _tidy(frame)


def _tidy(frame: pl.DataFrame) -> pl.DataFrame:
    renamed = {name: name.removeprefix(BYTE_ORDER_MARK).strip() for name in frame.columns}
    frame = frame.rename(renamed)
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if text_columns:
        frame = frame.with_columns(
            pl.when(pl.col(name).str.strip_chars() == "")
            .then(None)
            .otherwise(pl.col(name).str.strip_chars())
            .alias(name)
            for name in text_columns
        )
    return frame


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


def is_numeric(series: pl.Series) -> bool:
    return series.dtype.is_numeric()
