"""The model file: plain JSON data with a format version, checked key by key on load.

Never a pickle: loading a model file only reads numbers and strings, so a file from elsewhere can
at worst be refused, never run code. Every object must have exactly the documented keys; anything
missing, extra, of the wrong type or out of range is refused with a ``ModelFileError`` that says
where. Floats are written with ``repr`` precision, so a loaded model reproduces the fitted model's
probabilities exactly.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Final, cast, get_args

from kpiwell.engine.turnover.columns import ColumnRole, Exclusion, ExclusionCode
from kpiwell.engine.turnover.config import RiskBands
from kpiwell.engine.turnover.encoding import ColumnEncoding, Encoder, Feature, FeatureKind
from kpiwell.engine.turnover.errors import ModelFileError
from kpiwell.engine.turnover.model import Calibration, TurnoverModel

FORMAT: Final = "kpiwell-turnover-model"
FORMAT_VERSION: Final = 1
CALIBRATION_METHOD: Final = "platt"

_TOP_KEYS = frozenset(
    {
        "format",
        "format_version",
        "label",
        "positive",
        "id_column",
        "columns",
        "features",
        "intercept",
        "calibration",
        "regularisation",
        "bands",
        "excluded",
        "training",
        "notes",
    }
)
_COLUMN_KEYS = frozenset({"name", "role", "fill", "missing", "levels"})
_FEATURE_KEYS = frozenset({"column", "kind", "level", "mean", "scale", "coefficient"})
_CALIBRATION_KEYS = frozenset({"method", "slope", "intercept"})
_BANDS_KEYS = frozenset({"medium", "high"})
_EXCLUDED_KEYS = frozenset({"column", "code", "reason"})
_TRAINING_KEYS = frozenset({"rows", "positive_rate"})
_KINDS_BY_ROLE: dict[str, frozenset[str]] = {
    "numeric": frozenset({"value", "log1p", "is_zero"}),
    "ordinal": frozenset({"value", "is"}),
    "binary": frozenset({"is"}),
    "categorical": frozenset({"is"}),
}


def model_to_json(model: TurnoverModel) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "label": model.label,
        "positive": model.positive,
        "id_column": model.id_column,
        "columns": [
            {
                "name": column.name,
                "role": column.role,
                "fill": column.fill,
                "missing": column.missing,
                "levels": list(column.levels),
            }
            for column in model.encoder.columns
        ],
        "features": [
            {
                "column": feature.column,
                "kind": feature.kind,
                "level": feature.level,
                "mean": feature.mean,
                "scale": feature.scale,
                "coefficient": coefficient,
            }
            for feature, coefficient in zip(model.encoder.features, model.coefficients, strict=True)
        ],
        "intercept": model.intercept,
        "calibration": {
            "method": CALIBRATION_METHOD,
            "slope": model.calibration.slope,
            "intercept": model.calibration.intercept,
        },
        "regularisation": model.regularisation,
        "bands": {"medium": model.bands.medium, "high": model.bands.high},
        "excluded": [
            {"column": exclusion.column, "code": exclusion.code, "reason": exclusion.reason}
            for exclusion in model.excluded
        ],
        "training": {"rows": model.training_rows, "positive_rate": model.training_positive_rate},
        "notes": list(model.notes),
    }


def save_model(model: TurnoverModel, path: Path) -> None:
    text = json.dumps(model_to_json(model), indent=2, ensure_ascii=False, allow_nan=False)
    try:
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise ModelFileError(f"cannot write {path}: {error.strerror or error}") from error


def load_model(path: Path) -> TurnoverModel:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ModelFileError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise ModelFileError(f"{path} is not a kpiwell turnover model: not JSON (not UTF-8 text)") from None
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        raise ModelFileError(f"{path} is not a kpiwell turnover model: not JSON ({error})") from error
    try:
        return model_from_json(data)
    except ModelFileError as error:
        raise ModelFileError(f"{path}: {error}") from error


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def model_from_json(data: object) -> TurnoverModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelFileError("not a kpiwell turnover model (no 'format': 'kpiwell-turnover-model')")
    version = data.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ModelFileError(
            f"model file format version {version!r} is not supported (this kpiwell reads version "
            f"{FORMAT_VERSION}); fit the model again with this version"
        )
    top = _object(data, _TOP_KEYS, "the model")
    columns = tuple(
        _column(item, f"columns[{index}]") for index, item in enumerate(_list(top["columns"], "columns"))
    )
    names = [column.name for column in columns]
    if not columns or len(set(names)) != len(names):
        raise ModelFileError("'columns' must list each column once, and at least one")
    features: list[Feature] = []
    coefficients: list[float] = []
    for index, item in enumerate(_list(top["features"], "features")):
        feature, coefficient = _feature(
            item, f"features[{index}]", {column.name: column for column in columns}
        )
        features.append(feature)
        coefficients.append(coefficient)
    calibration = _object(top["calibration"], _CALIBRATION_KEYS, "calibration")
    if calibration["method"] != CALIBRATION_METHOD:
        raise ModelFileError(f"calibration method {calibration['method']!r} is not {CALIBRATION_METHOD!r}")
    bands = _object(top["bands"], _BANDS_KEYS, "bands")
    medium, high = _number(bands["medium"], "bands.medium"), _number(bands["high"], "bands.high")
    if not 0.0 < medium < high < 1.0:
        raise ModelFileError("bands must satisfy 0 < medium < high < 1")
    training = _object(top["training"], _TRAINING_KEYS, "training")
    regularisation = _number(top["regularisation"], "regularisation")
    if regularisation <= 0.0:
        raise ModelFileError("regularisation must be positive")
    return TurnoverModel(
        label=_text(top["label"], "label"),
        positive=_text(top["positive"], "positive"),
        id_column=None if top["id_column"] is None else _text(top["id_column"], "id_column"),
        encoder=Encoder(columns=columns, features=tuple(features)),
        coefficients=tuple(coefficients),
        intercept=_number(top["intercept"], "intercept"),
        calibration=Calibration(
            slope=_number(calibration["slope"], "calibration.slope"),
            intercept=_number(calibration["intercept"], "calibration.intercept"),
        ),
        regularisation=regularisation,
        bands=RiskBands(medium=medium, high=high),
        excluded=tuple(
            _exclusion(item, f"excluded[{index}]")
            for index, item in enumerate(_list(top["excluded"], "excluded"))
        ),
        training_rows=_count(training["rows"], "training.rows"),
        training_positive_rate=_number(training["positive_rate"], "training.positive_rate"),
        notes=tuple(
            _text(item, f"notes[{index}]") for index, item in enumerate(_list(top["notes"], "notes"))
        ),
    )


def _column(item: object, where: str) -> ColumnEncoding:
    data = _object(item, _COLUMN_KEYS, where)
    role = data["role"]
    if role not in get_args(ColumnRole):
        raise ModelFileError(f"{where}.role {role!r} is not one of {', '.join(get_args(ColumnRole))}")
    levels_data = _list(data["levels"], f"{where}.levels")
    fill: float | str
    levels: tuple[float, ...] | tuple[str, ...]
    if role in ("numeric", "ordinal"):
        fill = _number(data["fill"], f"{where}.fill")
        levels = tuple(_number(level, f"{where}.levels") for level in levels_data)
        if role == "numeric" and levels:
            raise ModelFileError(f"{where}.levels must be empty for a numeric column")
        if role == "ordinal" and (not levels or list(levels) != sorted(set(levels))):
            raise ModelFileError(f"{where}.levels must be distinct ascending numbers")
    else:
        fill = _text(data["fill"], f"{where}.fill")
        levels = tuple(_text(level, f"{where}.levels") for level in levels_data)
        if role == "binary" and len(levels) != 2:
            raise ModelFileError(f"{where}.levels must be [no, yes] for a binary column")
        if not levels or len(set(levels)) != len(levels):
            raise ModelFileError(f"{where}.levels must be distinct texts")
    return ColumnEncoding(
        name=_text(data["name"], f"{where}.name"),
        role=cast(ColumnRole, role),
        fill=fill,
        missing=_count(data["missing"], f"{where}.missing"),
        levels=levels,
    )


def _feature(item: object, where: str, columns: dict[str, ColumnEncoding]) -> tuple[Feature, float]:
    data = _object(item, _FEATURE_KEYS, where)
    column = columns.get(_text(data["column"], f"{where}.column"))
    if column is None:
        raise ModelFileError(f"{where}.column {data['column']!r} is not in 'columns'")
    kind = data["kind"]
    if kind not in get_args(FeatureKind):
        raise ModelFileError(f"{where}.kind {kind!r} is not one of {', '.join(get_args(FeatureKind))}")
    if kind not in _KINDS_BY_ROLE[column.role]:
        raise ModelFileError(
            f"{where}.kind {kind!r} does not apply to the {column.role} column {column.name!r}"
        )
    level: float | str | None = None
    if kind == "is":
        if column.role == "ordinal":
            level = _number(data["level"], f"{where}.level")
        else:
            level = _text(data["level"], f"{where}.level")
        if level not in column.levels:
            raise ModelFileError(f"{where}.level {level!r} is not a level of column {column.name!r}")
    elif data["level"] is not None:
        raise ModelFileError(f"{where}.level must be null for a {kind!r} feature")
    scale = _number(data["scale"], f"{where}.scale")
    if scale <= 0.0:
        raise ModelFileError(f"{where}.scale must be positive")
    feature = Feature(
        column=column.name,
        kind=cast(FeatureKind, kind),
        level=level,
        mean=_number(data["mean"], f"{where}.mean"),
        scale=scale,
    )
    return feature, _number(data["coefficient"], f"{where}.coefficient")


def _exclusion(item: object, where: str) -> Exclusion:
    data = _object(item, _EXCLUDED_KEYS, where)
    code = data["code"]
    if code not in get_args(ExclusionCode):
        raise ModelFileError(f"{where}.code {code!r} is not a known reason")
    return Exclusion(
        column=_text(data["column"], f"{where}.column"),
        code=cast(ExclusionCode, code),
        reason=_text(data["reason"], f"{where}.reason"),
    )


def _object(value: object, keys: frozenset[str], where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ModelFileError(f"{where} must be a JSON object")
    unexpected = sorted(set(value) - keys)
    if unexpected:
        raise ModelFileError(f"unexpected key {unexpected[0]!r} in {where}")
    lacking = sorted(keys - set(value))
    if lacking:
        raise ModelFileError(f"{where} lacks the key {lacking[0]!r}")
    return cast(dict[str, object], value)


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise ModelFileError(f"{where} must be a JSON list")
    return cast(list[object], value)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ModelFileError(f"{where} must be text")
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ModelFileError(f"{where} must be a finite number")
    return float(value)


def _count(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ModelFileError(f"{where} must be a whole number >= 0")
    return value
