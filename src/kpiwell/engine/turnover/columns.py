"""What each column of an HR table is: the outcome, a feature of some type, or left out (and why).

Nothing here looks at the outcome to decide a column's fate: protected attributes are found by
name, proxies by how well a column predicts a protected attribute, identifiers and constants by
their values. So the same plan serves every cross-validation fold without leaking the label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from kpiwell.engine.turnover.config import TurnoverConfig
from kpiwell.engine.turnover.errors import TurnoverInputError
from kpiwell.engine.turnover.tables import as_number, as_text

ColumnRole = Literal["numeric", "ordinal", "binary", "categorical"]
ExclusionCode = Literal["id", "user", "protected", "proxy", "constant", "identifier", "free-text"]

_WORD_CHUNK = re.compile(r"[A-Za-z]+")
_CAMEL_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
_LISTED_VALUES = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Exclusion:
    column: str
    code: ExclusionCode
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeatureColumn:
    name: str
    role: ColumnRole
    binary_levels: tuple[str, str] | None = None  # binary: (no, yes) in lower case


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtectedColumn:
    name: str
    attribute: str  # the protected characteristic, e.g. "marital status"
    allowed: bool  # included in the model on purpose (``--allow``)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    label: str
    positive: str  # the label value that means "left", as written in the data
    left: npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True, kw_only=True)
class ColumnPlan:
    label: str
    id_column: str | None
    features: tuple[FeatureColumn, ...]
    excluded: tuple[Exclusion, ...]
    protected: tuple[ProtectedColumn, ...]


def split_words(name: str) -> tuple[str, ...]:
    """Split a column name into lower-case words on camelCase, underscores, spaces, digits and
    punctuation: ``YearsWithCurrManager`` -> (years, with, curr, manager), ``HRAge`` -> (hr, age)."""
    words: list[str] = []
    for chunk in _WORD_CHUNK.findall(name):
        words.extend(word.lower() for word in _CAMEL_WORD.findall(chunk))
    return tuple(words)


def protected_attribute(name: str, config: TurnoverConfig) -> str | None:
    """The protected characteristic a column name refers to (whole words only), else ``None``."""
    for word in split_words(name):
        attribute = config.protected_words.get(word)
        if attribute is not None:
            return attribute
    return None


def check_rows(frame: pl.DataFrame, config: TurnoverConfig) -> None:
    if frame.height < config.min_rows:
        raise TurnoverInputError(
            f"the data has {frame.height} rows; at least {config.min_rows} people are needed "
            "to fit and validate a turnover model"
        )


def outcome(frame: pl.DataFrame, label: str, positive: str | None, config: TurnoverConfig) -> Outcome:
    """Who left, from the label column. ``positive`` is the value meaning "left" (any case); when
    omitted the label must be a yes/no, true/false or 1/0 column."""
    if label not in frame.columns:
        raise TurnoverInputError(
            f"no label column {label!r} in the data (columns: {_listing(frame.columns)})"
        )
    text = as_text(frame[label])
    missing = text.is_null()
    if missing.any():
        first = int(np.argmax(missing.to_numpy())) + 1
        raise TurnoverInputError(
            f"the label column {label!r} is empty on {int(missing.sum())} rows (first: row {first})"
        )
    lowered = text.str.to_lowercase()
    values = sorted(set(text.to_list()))
    if lowered.n_unique() < 2:
        raise TurnoverInputError(
            f"the label column {label!r} has one class only ({values[0]!r} on every row): "
            "the model needs people who left and people who stayed"
        )
    if positive is None:
        distinct = set(lowered.to_list())
        yes = distinct & set(config.yes_words)
        no = distinct & set(config.no_words)
        if len(distinct) != 2 or len(yes) != 1 or len(no) != 1:
            raise TurnoverInputError(
                f"cannot tell which value of {label!r} means 'left': give --positive "
                f"(values: {_listing(values)})"
            )
        wanted = next(iter(yes))
    else:
        wanted = positive.strip().lower()
    left = (lowered == wanted).to_numpy()
    if not left.any():
        raise TurnoverInputError(f"no row has {label} = {positive!r} (values: {_listing(values)})")
    written = next(value for value in values if value.lower() == wanted)
    counts = (int(left.sum()), int((~left).sum()))
    if min(counts) < config.min_per_class:
        raise TurnoverInputError(
            f"only {counts[0]} people left and {counts[1]} stayed; at least {config.min_per_class} "
            f"of each are needed for nested {config.folds}-fold cross-validation"
        )
    return Outcome(label=label, positive=written, left=left.astype(np.bool_))


def _listing(values: Sequence[str]) -> str:
    shown = ", ".join(str(value) for value in values[:_LISTED_VALUES])
    return shown + (f", ... ({len(values)} in all)" if len(values) > _LISTED_VALUES else "")


def check_named(frame: pl.DataFrame, names: Sequence[str], option: str) -> None:
    for name in names:
        if name not in frame.columns:
            raise TurnoverInputError(f"{option} names column {name!r}, which is not in the data")


def unfit_reason(series: pl.Series, config: TurnoverConfig) -> tuple[ExclusionCode, str] | None:
    """Why a column cannot be a feature (constant, identifier, free text), or ``None``."""
    present = series.drop_nulls()
    distinct = present.n_unique()
    if distinct == 0:
        return "constant", "empty on every row"
    if distinct == 1:
        return "constant", f"the same value ({as_text(present).item(0)}) on every row"
    all_distinct = distinct == series.len()
    if series.dtype == pl.String:
        if all_distinct:
            return "identifier", "a different value on every row: an identifier, not a characteristic"
        if distinct > config.max_categories:
            return "free-text", (
                f"{distinct} different texts: free text or a code, not a category "
                f"(more than {config.max_categories})"
            )
        return None
    if series.dtype.is_integer() and all_distinct:
        named = set(split_words(series.name)) & set(config.identifier_words)
        values = present.to_numpy()
        ordered = bool(np.all(np.diff(values) > 0))
        if named or ordered:
            why = "its name says so" if named else "it counts up row by row"
            return "identifier", f"a different whole number on every row and {why}: an identifier"
    return None


def column_role(series: pl.Series, config: TurnoverConfig) -> ColumnRole:
    """Numeric, ordinal (small integer scale), binary (yes/no, true/false, 0/1) or categorical."""
    if series.dtype == pl.Boolean:
        return "binary"
    if series.dtype == pl.String:
        lowered = set(series.drop_nulls().str.to_lowercase().to_list())
        yes = lowered & set(config.yes_words)
        no = lowered & set(config.no_words)
        if len(lowered) == 2 and len(yes) == 1 and len(no) == 1:
            return "binary"
        return "categorical"
    values = as_number(series).drop_nulls().to_numpy()
    whole = bool(np.all(np.isfinite(values)) and np.all(values == np.round(values)))
    distinct = np.unique(values)
    if whole and set(distinct.tolist()) == {0.0, 1.0}:
        return "binary"
    if (
        whole
        and distinct.size <= config.ordinal_max_levels
        and distinct.min() >= 0
        and distinct.max() <= config.ordinal_max_value
    ):
        return "ordinal"
    return "numeric"


def binary_levels(series: pl.Series, config: TurnoverConfig) -> tuple[str, str]:
    """(no, yes) in lower case for a column ``column_role`` called binary."""
    distinct = sorted(set(as_text(series).drop_nulls().str.to_lowercase().to_list()))
    yes = next(value for value in distinct if value in config.yes_words)
    no = next(value for value in distinct if value != yes)
    return no, yes


def feature_column(series: pl.Series, config: TurnoverConfig) -> FeatureColumn:
    role = column_role(series, config)
    levels = binary_levels(series, config) if role == "binary" else None
    return FeatureColumn(name=series.name, role=role, binary_levels=levels)
