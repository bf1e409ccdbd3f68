"""From table columns to the standardised numbers a logistic regression reads, and back to words.

Per column role:

* numeric: the value, ``log1p`` of it when the column is never negative (pay and tenure are
  right-skewed; the log lets a raise from 2,000 count more than one from 20,000), and an "is zero"
  indicator when enough people have exactly zero (promoted this year, new to the role);
* ordinal (a 1-4 rating, job level 1-5): the value plus one indicator per level, so the model can
  bend where the scale is not linear;
* binary (yes/no): one indicator for "yes";
* categorical: one indicator per level. With L2 regularisation and an unpenalised intercept no
  reference level is needed, and none is favoured (a dropped reference would be shrunk towards
  differently from the others).

Missing cells are filled with the training median (numeric) or the most frequent value (the
rest); at scoring time, a category the model has never seen is treated the same way and counted.
Every feature is then standardised with the training mean and standard deviation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from kpiwell.engine.turnover.columns import ColumnRole, FeatureColumn
from kpiwell.engine.turnover.config import TurnoverConfig
from kpiwell.engine.turnover.errors import TurnoverInputError
from kpiwell.engine.turnover.tables import as_number, as_text

FeatureKind = Literal["value", "log1p", "is_zero", "is"]
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class ColumnEncoding:
    name: str
    role: ColumnRole
    # The fill for missing cells: the median (numeric), the most frequent level (ordinal: a number;
    # binary and categorical: lower-case text for binary, text as written for categorical).
    fill: float | str
    missing: int  # cells filled in the training data
    # ordinal: the levels seen, ascending; binary: (no, yes) in lower case; categorical: the levels
    # seen, most frequent first; numeric: empty.
    levels: tuple[float, ...] | tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Feature:
    column: str
    kind: FeatureKind
    level: float | str | None  # for "is": the level (or "yes") the indicator marks
    mean: float
    scale: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Encoder:
    columns: tuple[ColumnEncoding, ...]
    features: tuple[Feature, ...]

    def column_index(self) -> npt.NDArray[np.int64]:
        """For each feature, the index of its column in ``columns``."""
        position = {column.name: index for index, column in enumerate(self.columns)}
        return np.array([position[feature.column] for feature in self.features], dtype=np.int64)


@dataclass(frozen=True, slots=True, kw_only=True)
class Encoded:
    standardised: Matrix  # rows x features
    raw: tuple[tuple[float | str | None, ...], ...]  # per column, each row's value as given (None: missing)
    replaced: dict[str, int]  # column -> cells whose unknown category was replaced by the fill


def fit_encoder(frame: pl.DataFrame, columns: tuple[FeatureColumn, ...], config: TurnoverConfig) -> Encoder:
    encodings = tuple(_fit_column(frame[column.name], column) for column in columns)
    blocks: list[tuple[Feature, npt.NDArray[np.float64]]] = []
    for encoding in encodings:
        cells = _clean(frame[encoding.name], encoding)
        for kind, level in _feature_kinds(encoding, cells, config):
            values = _feature_values(cells, kind, level)
            scale = float(values.std())
            if scale > 0.0:
                blocks.append(
                    (
                        Feature(
                            column=encoding.name,
                            kind=kind,
                            level=level,
                            mean=float(values.mean()),
                            scale=scale,
                        ),
                        values,
                    )
                )
    return Encoder(columns=encodings, features=tuple(feature for feature, _ in blocks))


def encode(encoder: Encoder, frame: pl.DataFrame) -> Encoded:
    missing = [column.name for column in encoder.columns if column.name not in frame.columns]
    if missing:
        raise TurnoverInputError(f"the data lacks column(s) the model needs: {', '.join(missing)}")
    cells_by_column: dict[str, _Cells] = {}
    raw: list[tuple[float | str | None, ...]] = []
    replaced: dict[str, int] = {}
    for encoding in encoder.columns:
        cells = _clean(frame[encoding.name], encoding)
        cells_by_column[encoding.name] = cells
        raw.append(cells.raw)
        if cells.unknown:
            replaced[encoding.name] = cells.unknown
    matrix = np.empty((frame.height, len(encoder.features)), dtype=np.float64)
    for index, feature in enumerate(encoder.features):
        values = _feature_values(cells_by_column[feature.column], feature.kind, feature.level)
        matrix[:, index] = (values - feature.mean) / feature.scale
    return Encoded(standardised=matrix, raw=tuple(raw), replaced=replaced)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Cells:
    numbers: npt.NDArray[np.float64] | None  # numeric and ordinal, filled
    text: npt.NDArray[np.object_] | None  # binary and categorical, filled
    raw: tuple[float | str | None, ...]
    unknown: int


def _fit_column(series: pl.Series, column: FeatureColumn) -> ColumnEncoding:
    role = column.role
    missing = int(series.null_count())
    if role in ("numeric", "ordinal"):
        numbers = as_number(series).drop_nulls()
        if role == "numeric":
            return ColumnEncoding(
                name=series.name,
                role=role,
                fill=float(np.median(numbers.to_numpy())),
                missing=missing,
                levels=(),
            )
        levels = tuple(float(level) for level in np.unique(numbers.to_numpy()))
        return ColumnEncoding(
            name=series.name, role=role, fill=_most_frequent_number(numbers), missing=missing, levels=levels
        )
    text = as_text(series).drop_nulls()
    if role == "binary":
        assert column.binary_levels is not None
        fill = _most_frequent_text(text.str.to_lowercase())[0]
        return ColumnEncoding(
            name=series.name, role=role, fill=fill, missing=missing, levels=column.binary_levels
        )
    ranked = _most_frequent_text(text)
    return ColumnEncoding(name=series.name, role=role, fill=ranked[0], missing=missing, levels=ranked)


def _most_frequent_number(numbers: pl.Series) -> float:
    counts = numbers.value_counts(sort=False).sort(["count", numbers.name], descending=[True, False])
    return float(counts[numbers.name][0])


def _most_frequent_text(text: pl.Series) -> tuple[str, ...]:
    """Distinct values, most frequent first (ties alphabetical)."""
    counts = text.value_counts(sort=False).sort(["count", text.name], descending=[True, False])
    return tuple(str(value) for value in counts[text.name].to_list())


def _clean(series: pl.Series, encoding: ColumnEncoding) -> _Cells:
    if encoding.role in ("numeric", "ordinal"):
        numbers = as_number(series)
        if series.dtype == pl.String:
            unparsable = series.is_not_null() & numbers.is_null()
            if unparsable.any():
                row = int(np.argmax(unparsable.to_numpy()))
                raise TurnoverInputError(
                    f"column {encoding.name!r}, row {row + 1}: {series[row]!r} is not a number"
                )
        values = numbers.to_numpy().astype(np.float64)
        raw_numbers = tuple(None if np.isnan(value) else float(value) for value in values)
        fill = float(encoding.fill)
        return _Cells(numbers=np.where(np.isnan(values), fill, values), text=None, raw=raw_numbers, unknown=0)
    text = as_text(series)
    written = tuple(text.to_list())
    compare = text.str.to_lowercase() if encoding.role == "binary" else text
    known = compare.is_in(list(encoding.levels))
    unknown = int((compare.is_not_null() & ~known).sum())
    filled = compare.to_numpy().astype(object)
    filled[~known.fill_null(value=False).to_numpy()] = encoding.fill
    return _Cells(numbers=None, text=filled, raw=written, unknown=unknown)


def _feature_kinds(
    encoding: ColumnEncoding, cells: _Cells, config: TurnoverConfig
) -> list[tuple[FeatureKind, float | str | None]]:
    if encoding.role == "numeric":
        assert cells.numbers is not None
        kinds: list[tuple[FeatureKind, float | str | None]] = [("value", None)]
        if cells.numbers.min() >= 0.0:
            kinds.append(("log1p", None))
            zero_share = float((cells.numbers == 0.0).mean())
            if config.zero_indicator_min_share <= zero_share <= config.zero_indicator_max_share:
                kinds.append(("is_zero", None))
        return kinds
    if encoding.role == "ordinal":
        return [("value", None), *(("is", level) for level in encoding.levels)]
    if encoding.role == "binary":
        return [("is", encoding.levels[1])]
    return [("is", level) for level in encoding.levels]


def _feature_values(cells: _Cells, kind: FeatureKind, level: float | str | None) -> npt.NDArray[np.float64]:
    if cells.numbers is not None:
        if kind == "value":
            return cells.numbers
        if kind == "log1p":
            return np.log1p(np.maximum(cells.numbers, 0.0))
        marked: npt.NDArray[np.bool_] = cells.numbers == (0.0 if kind == "is_zero" else level)
        return marked.astype(np.float64)
    assert cells.text is not None
    matches: npt.NDArray[np.bool_] = cells.text == level
    return matches.astype(np.float64)
