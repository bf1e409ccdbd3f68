from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kpiwell.engine.turnover import ModelFileError, fit, load_model, save_model
from kpiwell.engine.turnover.model import TurnoverModel
from kpiwell.engine.turnover.modelfile import model_to_json

from .hr_data import hr_table


@pytest.fixture(scope="module")
def model() -> TurnoverModel:
    return fit(hr_table(rows=150), label="Left")


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_model_file_is_plain_json_with_a_format_version(model: TurnoverModel, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    save_model(model, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "kpiwell-turnover-model"
    assert data["format_version"] == 1
    assert data["calibration"]["method"] == "platt"
    assert data["bands"] == {"medium": 0.15, "high": 0.35}
    assert {item["column"] for item in data["excluded"]} >= {"Gender", "Age", "MaritalStatus", "StockLevel"}
    assert [column["name"] for column in data["columns"]] == [
        "OverTime",
        "JobSatisfaction",
        "YearsSinceLastPromotion",
        "MonthlyIncome",
        "Department",
        "Noise",
    ]
    assert len(data["features"]) == len(model.coefficients)


def _set(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _add(path: tuple[str | int, ...], key: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path:
            target = target[step]
        target[key] = "surprise"

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del data[key]

    return change


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (
            _set(("format_version",), 2),
            r"model file format version 2 is not supported \(this kpiwell reads version 1\)",
        ),
        (_set(("format_version",), "1"), r"model file format version '1' is not supported"),
        (_set(("format",), "sklearn-pickle"), r"not a kpiwell turnover model"),
        (_add((), "__reduce__"), r"unexpected key '__reduce__' in the model"),
        (_add(("columns", 0), "code"), r"unexpected key 'code' in columns\[0\]"),
        (_add(("features", 1), "callable"), r"unexpected key 'callable' in features\[1\]"),
        (_add(("calibration",), "isotonic"), r"unexpected key 'isotonic' in calibration"),
        (_drop("intercept"), r"the model lacks the key 'intercept'"),
        (_set(("intercept",), "0.5"), r"intercept must be a finite number"),
        (_set(("features", 0, "coefficient"), True), r"features\[0\].coefficient must be a finite number"),
        (_set(("features", 0, "scale"), 0.0), r"features\[0\].scale must be positive"),
        (_set(("features", 0, "column"), "Salary"), r"features\[0\].column 'Salary' is not in 'columns'"),
        (_set(("columns", 0, "role"), "python"), r"columns\[0\].role 'python' is not one of"),
        (_set(("calibration", "method"), "isotonic"), r"calibration method 'isotonic' is not 'platt'"),
        (_set(("bands",), {"medium": 0.5, "high": 0.2}), r"bands must satisfy 0 < medium < high < 1"),
        (_set(("columns",), []), r"'columns' must list each column once, and at least one"),
    ],
)
def test_a_tampered_model_file_is_refused_with_a_clear_error(
    model: TurnoverModel, tmp_path: Path, tamper: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = model_to_json(model)
    tamper(data)
    with pytest.raises(ModelFileError, match=message):
        load_model(_write(tmp_path, data))


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.pkl"
    path.write_bytes(b"\x80\x04\x95\x00\x00cos\nsystem\n")
    with pytest.raises(
        ModelFileError, match=r"model.pkl is not a kpiwell turnover model: not JSON \(not UTF-8 text\)"
    ):
        load_model(path)
    path.write_text("format_version = 1", encoding="utf-8")
    with pytest.raises(
        ModelFileError, match=r"model.pkl is not a kpiwell turnover model: not JSON \(Expecting value"
    ):
        load_model(path)


def test_json_with_nan_is_refused(model: TurnoverModel, tmp_path: Path) -> None:
    text = json.dumps(model_to_json(model)).replace('"intercept": ', '"intercept": NaN, "x": ', 1)
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"not JSON \(NaN is not a number JSON allows\)"):
        load_model(path)


def test_a_json_list_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"not a kpiwell turnover model"):
        load_model(_write(tmp_path, [1, 2, 3]))


def test_a_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"cannot read .*absent.json: No such file or directory"):
        load_model(tmp_path / "absent.json")
