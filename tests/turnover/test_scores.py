from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from kpiwell.engine.audit.frames import TURNOVER_SCORES_SCHEMA
from kpiwell.engine.turnover import (
    Driver,
    PersonRisk,
    Scores,
    ScoresFileError,
    TurnoverConfig,
    fit,
    read_scores,
    score,
    write_scores,
)
from kpiwell.engine.turnover.model import TurnoverModel

from .hr_data import hr_table

NOTE = TurnoverConfig().note
HEADER = [
    "risk_probability",
    "risk_band",
    "driver_1",
    "driver_1_effect_pp",
    "driver_2",
    "driver_2_effect_pp",
    "driver_3",
    "driver_3_effect_pp",
    "note",
]


@pytest.fixture(scope="module")
def model() -> TurnoverModel:
    return fit(hr_table(), label="Left", id_column="PersonId")


def _scores() -> Scores:
    drivers = (
        Driver(column="OverTime", text="works overtime", effect_pp=21.4),
        Driver(column="JobSatisfaction", text="low job satisfaction (1 of 4)", effect_pp=9.0),
        Driver(column="YearsSinceLastPromotion", text="promoted within the last year", effect_pp=-3.5),
    )
    return Scores(
        id_name="EmployeeNumber",
        people=(
            PersonRisk(person_id="17", probability=0.35, band="high", drivers=drivers),
            PersonRisk(person_id="18", probability=0.15, band="medium", drivers=drivers[:1]),
            PersonRisk(person_id="19", probability=0.01, band="low", drivers=()),
        ),
        notes=(),
    )


def test_the_scores_file_has_the_id_risk_band_three_drivers_and_the_note(
    model: TurnoverModel, tmp_path: Path
) -> None:
    path = tmp_path / "scores.csv"
    scores = score(model, hr_table(rows=80, seed=3))
    write_scores(scores, path)
    written = pl.read_csv(path)
    assert written.columns == ["PersonId", *HEADER]
    assert written.height == 80
    assert written["PersonId"][0] == "P0001"
    assert set(written["note"].to_list()) == {NOTE}
    assert "never for decisions about this person" in NOTE
    assert set(written["risk_band"].to_list()) <= {"low", "medium", "high"}
    assert written["driver_1"].null_count() == 0
    assert written["driver_1"].to_list() == [person.drivers[0].text for person in scores.people]
    assert written["driver_1_effect_pp"].to_list() == [
        person.drivers[0].effect_pp for person in scores.people
    ]
    raw_names = ("OverTime", "JobSatisfaction", "YearsSinceLastPromotion", "MonthlyIncome")
    for rank in (1, 2, 3):
        for text in written[f"driver_{rank}"].drop_nulls().to_list():
            assert not any(name in text for name in raw_names), text


def test_without_an_id_rows_are_numbered_from_one(model: TurnoverModel, tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    frame = hr_table(rows=60, seed=3).drop("PersonId")
    write_scores(score(replace_id(model), frame), path)
    written = pl.read_csv(path)
    assert written.columns[0] == "row"
    assert written["row"].to_list() == list(range(1, 61))


def replace_id(model: TurnoverModel) -> TurnoverModel:
    return replace(model, id_column=None)


def test_the_written_file_shows_bands_boundaries_and_signed_effects(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    write_scores(_scores(), path)
    written = pl.read_csv(path)
    assert written["risk_band"].to_list() == ["high", "medium", "low"]
    assert written["risk_probability"].to_list() == [0.35, 0.15, 0.01]
    assert written["driver_1"].to_list() == ["works overtime", "works overtime", None]
    assert written["driver_3_effect_pp"].to_list() == [-3.5, None, None]


def test_read_scores_returns_the_audit_schema_with_drivers_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    write_scores(_scores(), path)
    frame = read_scores(path)
    assert frame.schema == pl.Schema(TURNOVER_SCORES_SCHEMA)
    assert frame["person_id"].to_list() == ["17", "18", "19"]
    assert frame["band"].to_list() == ["high", "medium", "low"]
    assert frame["drivers"].to_list() == [
        [
            "works overtime (+21.4 pp)",
            "low job satisfaction (1 of 4) (+9.0 pp)",
            "promoted within the last year (-3.5 pp)",
        ],
        ["works overtime (+21.4 pp)"],
        [],
    ]


def test_read_scores_takes_a_named_id_column_and_trims_it(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    frame = pl.DataFrame(
        {
            "row": [1, 2],
            "Email": [" a@x.org ", "b@x.org"],
            "risk_probability": [0.2, 0.4],
            "risk_band": ["medium", "high"],
        }
    )
    frame.write_csv(path)
    assert read_scores(path, id_column="Email")["person_id"].to_list() == ["a@x.org", "b@x.org"]
    assert read_scores(path)["drivers"].to_list() == [[], []]


def test_read_scores_round_trips_a_real_scores_file(model: TurnoverModel, tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    scores = score(model, hr_table(rows=80, seed=3))
    write_scores(scores, path)
    frame = read_scores(path)
    assert frame["person_id"].to_list() == [person.person_id for person in scores.people]
    assert frame["probability"].to_list() == [person.probability for person in scores.people]
    assert frame["drivers"].to_list() == [
        [driver.summary() for driver in person.drivers] for person in scores.people
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"risk_band": ["high", "urgent"]},
            r"scores.csv, row 2, column 'risk_band': 'urgent' is not one of low, medium, high",
        ),
        (
            {"risk_probability": ["0.2", "lots"]},
            r"scores.csv, row 2, column 'risk_probability': 'lots' is not a number",
        ),
        (
            {"risk_probability": [0.2, 1.5]},
            r"scores.csv, row 2, column 'risk_probability': 1.5 is not a probability",
        ),
        ({"id": ["7", "7"]}, r"scores.csv, row 2, column 'id': person '7' appears twice"),
        ({"id": ["7", " "]}, r"scores.csv, row 2, column 'id': empty person id"),
        (
            {"driver_1_effect_pp": [3.0, None]},
            r"scores.csv, row 2, column 'driver_1_effect_pp': a driver without its effect",
        ),
    ],
)
def test_read_scores_names_file_row_and_column_of_bad_input(
    tmp_path: Path, change: dict[str, list[object]], message: str
) -> None:
    columns: dict[str, list[object]] = {
        "id": ["7", "8"],
        "risk_probability": [0.2, 0.4],
        "risk_band": ["medium", "high"],
        "driver_1": ["works overtime", "works overtime"],
        "driver_1_effect_pp": [3.0, 4.0],
    }
    columns.update(change)
    path = tmp_path / "scores.csv"
    pl.DataFrame(columns).write_csv(path)
    with pytest.raises(ScoresFileError, match=message):
        read_scores(path)


def test_read_scores_refuses_a_file_without_the_score_columns(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    pl.DataFrame({"id": ["1"], "risk": [0.3]}).write_csv(path)
    with pytest.raises(ScoresFileError, match=r"scores.csv, column 'risk_probability': missing column"):
        read_scores(path)


def test_read_scores_refuses_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ScoresFileError, match=r"absent.csv: no such file"):
        read_scores(tmp_path / "absent.csv")
