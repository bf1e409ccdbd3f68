from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest

from kpiwell.cli import main
from kpiwell.cli.turnover import run

from .hr_data import hr_table


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hr")
    frame = hr_table()
    (folder / "hr.csv").write_bytes("\ufeff".encode() + frame.write_csv().encode("utf-8"))
    frame.write_excel(folder / "hr.xlsx")
    frame.write_parquet(folder / "hr.parquet")
    frame.head(40).write_csv(folder / "small.csv")
    return folder


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_evaluate_json_prints_one_object_with_the_documented_keys(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        ["evaluate", "--data", str(data_dir / "hr.csv"), "--label", "Left", "--id", "PersonId", "--json"]
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert {"roc_auc", "pr_auc", "brier", "excluded", "fairness"} <= set(result)
    assert all(isinstance(result[key], float) for key in ("roc_auc", "pr_auc", "brier"))
    excluded = {item["column"]: item["code"] for item in result["excluded"]}
    assert excluded == {
        "PersonId": "id",
        "Gender": "protected",
        "Age": "protected",
        "MaritalStatus": "protected",
        "Office": "constant",
        "StockLevel": "proxy",
    }
    assert set(result["fairness"]) == {"Gender", "Age", "MaritalStatus"}
    marital = result["fairness"]["MaritalStatus"]
    assert [group["group"] for group in marital["groups"]] == ["Divorced", "Married", "Single"]
    assert marital["largest_gap"] >= 0.0
    assert len(result["calibration"]) == 10


@pytest.mark.parametrize("name", ["hr.csv", "hr.xlsx", "hr.parquet"])
def test_csv_with_bom_xlsx_and_parquet_give_the_same_evaluation(
    data_dir: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert run(["evaluate", "--data", str(data_dir / name), "--label", "Left", "--json", "--seed", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    reference = {"Gender", "Age", "MaritalStatus", "PersonId", "Office", "StockLevel"}
    assert {item["column"] for item in result["excluded"]} == reference
    assert result["rows"] == 300
    assert result["left"] == int((hr_table()["Left"] == "Yes").sum())


def test_evaluate_plain_output_shows_quality_calibration_exclusions_and_fairness(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["evaluate", "--data", str(data_dir / "hr.csv"), "--label", "Left", "--positive", "Yes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Turnover-risk model, cross-validated on 300 people")
    assert "\nROC-AUC  0." in out and " ± " in out
    assert "\nPR-AUC   0." in out
    assert "\nBrier    0." in out
    assert "  predicted  observed  people\n" in out
    assert re.search(r"\n  StockLevel +proxy for MaritalStatus \(marital status\)", out)
    assert (
        "\nMaritalStatus (marital status; left out of the model; values of the column) - largest gap " in out
    )
    assert "  group     people  mean risk  left\n  Divorced" in out
    assert "never for decisions about this person" in out


def test_fit_then_score_writes_an_explained_scores_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model.json"
    scores = tmp_path / "scores.csv"
    data = str(data_dir / "hr.parquet")
    assert run(["fit", "--data", data, "--label", "Left", "--id", "PersonId", "--model", str(model)]) == 0
    fitted = capsys.readouterr().out
    assert fitted.startswith("Fitted on 300 people (19.0% with Left = Yes)")
    assert f"Model written to {model}" in fitted
    assert json.loads(model.read_text(encoding="utf-8"))["format_version"] == 1
    assert run(["score", "--model", str(model), "--data", data, "--out", str(scores)]) == 0
    assert capsys.readouterr().out.startswith("Scored 300 people: ")
    written = pl.read_csv(scores)
    assert written.columns[:3] == ["PersonId", "risk_probability", "risk_band"]
    assert written.height == 300


def test_fit_accepts_custom_bands(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "model.json"
    args = [
        "fit",
        "--data",
        str(data_dir / "hr.csv"),
        "--label",
        "Left",
        "--model",
        str(model),
        "--bands",
        "0.1,0.5",
    ]
    assert run(args) == 0
    assert "Risk bands: low < 0.1 <= medium < 0.5 <= high" in capsys.readouterr().out
    assert json.loads(model.read_text(encoding="utf-8"))["bands"] == {"medium": 0.1, "high": 0.5}


def test_the_console_script_routes_turnover_to_this_command(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["turnover", "evaluate", "--data", str(data_dir / "small.csv"), "--label", "Left"]) == 2
    assert (
        _one_error_line(capsys)
        == "kpiwell turnover: error: the data has 40 rows; at least 50 people are needed "
        "to fit and validate a turnover model"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["evaluate", "--data", "{dir}/hr.csv", "--label", "Quit"], "no label column 'Quit' in the data"),
        (
            ["evaluate", "--data", "{dir}/hr.csv", "--label", "Office"],
            "the label column 'Office' has one class only",
        ),
        (["evaluate", "--data", "{dir}/small.csv", "--label", "Left"], "the data has 40 rows; at least 50"),
        (
            ["evaluate", "--data", "{dir}/absent.csv", "--label", "Left"],
            "cannot read {dir}/absent.csv: no such file",
        ),
        (
            ["evaluate", "--data", "{dir}/hr.csv", "--label", "Left", "--exclude", "Salary"],
            "--exclude names column 'Salary'",
        ),
        (
            [
                "fit",
                "--data",
                "{dir}/hr.csv",
                "--label",
                "Left",
                "--allow",
                "Religion",
                "--model",
                "{dir}/m.json",
            ],
            "--allow names column 'Religion'",
        ),
        (
            [
                "fit",
                "--data",
                "{dir}/hr.csv",
                "--label",
                "Left",
                "--model",
                "{dir}/m.json",
                "--bands",
                "0.5,0.2",
            ],
            "bands must satisfy",
        ),
        (
            ["score", "--model", "{dir}/hr.csv", "--data", "{dir}/hr.csv", "--out", "{dir}/s.csv"],
            "is not a kpiwell turnover model: not JSON",
        ),
        (["evaluate", "--label", "Left"], "the following arguments are required: --data"),
        (["predict"], "invalid choice: 'predict'"),
        ([], "choose a command: evaluate, fit or score"),
    ],
)
def test_bad_input_is_one_clear_line_on_stderr_and_exit_code_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    code = run([argument.format(dir=data_dir) for argument in arguments])
    assert code == 2
    line = _one_error_line(capsys)
    assert line.startswith("kpiwell turnover: error: ")
    assert message.format(dir=data_dir) in line


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a spreadsheet")
    assert run(["evaluate", "--data", str(broken), "--label", "Left"]) == 2
    assert _one_error_line(capsys).startswith(f"kpiwell turnover: error: cannot read {broken}: ")


def test_a_model_file_of_another_version_is_refused(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model.json"
    assert run(["fit", "--data", str(data_dir / "hr.csv"), "--label", "Left", "--model", str(model)]) == 0
    data = json.loads(model.read_text(encoding="utf-8"))
    data["format_version"] = 0
    model.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert (
        run(
            [
                "score",
                "--model",
                str(model),
                "--data",
                str(data_dir / "hr.csv"),
                "--out",
                str(tmp_path / "s.csv"),
            ]
        )
        == 2
    )
    assert "model file format version 0 is not supported" in _one_error_line(capsys)


def test_help_exits_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    assert "supportive" in capsys.readouterr().out
