from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from scipy.special import expit

from kpiwell.engine.turnover import (
    RiskBands,
    TurnoverConfig,
    TurnoverInputError,
    evaluate,
    fit,
    load_model,
    save_model,
    score,
)
from kpiwell.engine.turnover.encoding import ColumnEncoding
from kpiwell.engine.turnover.explain import describe
from kpiwell.engine.turnover.model import TurnoverModel, predict

from .hr_data import hr_table

CONFIG = TurnoverConfig()


@pytest.fixture(scope="module")
def model() -> TurnoverModel:
    return fit(hr_table(), label="Left", id_column="PersonId")


def test_a_model_round_trips_through_its_json_file(model: TurnoverModel, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    save_model(model, path)
    loaded = load_model(path)
    assert loaded == model
    frame = hr_table(rows=120, seed=99)
    in_memory = predict(model, frame).probability
    from_file = predict(loaded, frame).probability
    assert np.max(np.abs(in_memory - from_file)) <= 1e-9
    assert [person.probability for person in score(loaded, frame).people] == pytest.approx(
        in_memory.tolist(), abs=1e-9
    )


def test_the_model_learns_the_real_drivers(model: TurnoverModel) -> None:
    frame = hr_table(rows=120, seed=5)
    risk = predict(model, frame).probability
    overtime = (frame["OverTime"] == "Yes").to_numpy()
    assert risk[overtime].mean() > 2 * risk[~overtime].mean()
    assert model.id_column == "PersonId"
    assert [column.name for column in model.encoder.columns] == [
        "OverTime",
        "JobSatisfaction",
        "YearsSinceLastPromotion",
        "MonthlyIncome",
        "Department",
        "Noise",
    ]


def test_a_person_is_explained_by_the_three_columns_that_move_their_risk_most(model: TurnoverModel) -> None:
    person = hr_table(rows=1).with_columns(
        pl.lit("P9999").alias("PersonId"),
        pl.lit("Yes").alias("OverTime"),
        pl.lit(1).alias("JobSatisfaction"),
        pl.lit(10).alias("YearsSinceLastPromotion"),
        pl.lit(float(model.encoder.columns[3].fill)).alias("MonthlyIncome").cast(pl.Int64),
        pl.lit(0.0).alias("Noise"),
    )
    (scored,) = score(model, person).people
    assert scored.person_id == "P9999"
    assert scored.band == "high"
    assert {driver.text for driver in scored.drivers} == {
        "works overtime",
        "low job satisfaction (1 of 4)",
        "no promotion for 10 years",
    }
    assert all(driver.direction == "raises" and driver.effect_pp > 5.0 for driver in scored.drivers)
    effects = [abs(driver.effect_pp) for driver in scored.drivers]
    assert effects == sorted(effects, reverse=True)


def test_a_driver_effect_is_the_risk_change_versus_the_average_person(model: TurnoverModel) -> None:
    person = hr_table(rows=120, seed=5).head(1).with_columns(pl.lit("Yes").alias("OverTime"))
    prediction = predict(model, person)
    (feature_index,) = [
        index for index, feature in enumerate(model.encoder.features) if feature.column == "OverTime"
    ]
    feature = model.encoder.features[feature_index]
    z = (1.0 - feature.mean) / feature.scale
    contribution = model.calibration.slope * model.coefficients[feature_index] * z
    without = expit(prediction.logit[0] - contribution)
    expected = round(100.0 * (prediction.probability[0] - without), 1)
    (scored,) = score(model, person).people
    overtime = [driver for driver in scored.drivers if driver.column == "OverTime"]
    assert overtime
    assert overtime[0].effect_pp == expected
    assert overtime[0].text == "works overtime"


def test_bands_include_their_lower_boundary() -> None:
    bands = RiskBands()
    assert bands.band(0.0) == "low"
    assert bands.band(np.nextafter(0.15, 0.0)) == "low"
    assert bands.band(0.15) == "medium"
    assert bands.band(np.nextafter(0.35, 0.0)) == "medium"
    assert bands.band(0.35) == "high"
    assert bands.band(1.0) == "high"


def test_scoring_applies_the_models_band_thresholds_at_the_boundaries(model: TurnoverModel) -> None:
    frame = hr_table(rows=120, seed=5)
    risk = predict(model, frame).probability
    low, high = sorted(np.unique(risk))[10], sorted(np.unique(risk))[100]
    people = score(replace(model, bands=RiskBands(medium=low, high=high)), frame).people
    bands = {person.probability: person.band for person in people}
    assert bands[low] == "medium"
    assert bands[high] == "high"
    assert bands[max(value for value in risk if value < low)] == "low"
    assert bands[max(value for value in risk if value < high)] == "medium"


def test_scoring_needs_every_column_the_model_uses(model: TurnoverModel) -> None:
    with pytest.raises(TurnoverInputError, match=r"the data lacks column\(s\) the model needs: OverTime"):
        score(model, hr_table(rows=60).drop("OverTime"))


def test_scoring_a_number_column_holding_text_is_a_clear_error(model: TurnoverModel) -> None:
    frame = hr_table(rows=60).with_columns(pl.col("MonthlyIncome").cast(pl.String))
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("n/a"))
        .otherwise(pl.col("MonthlyIncome"))
        .alias("MonthlyIncome")
    )
    with pytest.raises(TurnoverInputError, match=r"column 'MonthlyIncome', row 3: 'n/a' is not a number"):
        score(model, frame)


def test_an_unseen_category_is_treated_as_the_most_frequent_and_noted(model: TurnoverModel) -> None:
    frame = hr_table(rows=60, seed=5)
    changed = frame.with_columns(
        pl.when(pl.int_range(pl.len()) < 2)
        .then(pl.lit("Legal"))
        .otherwise(pl.col("Department"))
        .alias("Department")
    )
    department = next(column for column in model.encoder.columns if column.name == "Department")
    filled = changed.with_columns(
        pl.when(pl.int_range(pl.len()) < 2)
        .then(pl.lit(department.fill))
        .otherwise(pl.col("Department"))
        .alias("Department")
    )
    scores = score(model, changed)
    assert scores.notes == (
        "Department: 2 value(s) the model had not seen were treated as the most frequent one",
    )
    assert [person.probability for person in scores.people] == [
        person.probability for person in score(model, filled).people
    ]


def test_the_same_seed_gives_the_same_evaluation() -> None:
    frame = hr_table(rows=150)
    first = evaluate(frame, label="Left", seed=3)
    second = evaluate(frame, label="Left", seed=3)
    assert first == second
    assert evaluate(frame, label="Left", seed=4).folds != first.folds


def test_the_evaluation_reports_folds_calibration_and_fairness() -> None:
    evaluation = evaluate(hr_table(), label="Left", id_column="PersonId")
    assert len(evaluation.folds) == 5
    assert sum(fold.rows for fold in evaluation.folds) == 300
    assert evaluation.roc_auc == pytest.approx(np.mean([fold.roc_auc for fold in evaluation.folds]))
    assert evaluation.roc_auc > 0.7
    assert len(evaluation.calibration) == 10
    assert sum(row.count for row in evaluation.calibration) == 300
    means = [row.mean_predicted for row in evaluation.calibration]
    assert means == sorted(means)
    reports = {report.column: report for report in evaluation.fairness}
    assert set(reports) == {"Gender", "Age", "MaritalStatus"}
    marital = reports["MaritalStatus"]
    assert [group.group for group in marital.groups] == ["Divorced", "Married", "Single"]
    assert sum(group.count for group in marital.groups) == 300
    assert marital.largest_gap == pytest.approx(
        max(group.mean_risk for group in marital.groups) - min(group.mean_risk for group in marital.groups)
    )
    assert [group.group for group in reports["Age"].groups] == ["under 30", "30-39", "40-49", "50 and over"]


ENCODINGS = {
    "numeric": ColumnEncoding(name="MonthlyIncome", role="numeric", fill=4919.0, missing=0, levels=()),
    "ordinal": ColumnEncoding(
        name="JobSatisfaction", role="ordinal", fill=3.0, missing=0, levels=(1.0, 2.0, 3.0, 4.0)
    ),
    "scale": ColumnEncoding(
        name="Education", role="ordinal", fill=3.0, missing=0, levels=(1.0, 2.0, 3.0, 4.0, 5.0)
    ),
    "binary": ColumnEncoding(name="RemoteWorker", role="binary", fill="no", missing=0, levels=("no", "yes")),
    "overtime": ColumnEncoding(name="OverTime", role="binary", fill="no", missing=0, levels=("no", "yes")),
    "category": ColumnEncoding(
        name="BusinessTravel", role="categorical", fill="Rarely", missing=0, levels=("Rarely",)
    ),
    "promotion": ColumnEncoding(
        name="YearsSinceLastPromotion", role="numeric", fill=1.0, missing=0, levels=()
    ),
}


@pytest.mark.parametrize(
    ("encoding", "value", "words"),
    [
        ("numeric", 2090.0, "monthly income 2,090 (typical 4,919)"),
        ("numeric", 3.25, "monthly income 3.25 (typical 4,919)"),
        ("ordinal", 1.0, "low job satisfaction (1 of 4)"),
        ("ordinal", 4.0, "high job satisfaction (4 of 4)"),
        ("scale", 3.0, "middle education (3 of 5)"),
        ("binary", "Yes", "remote worker: yes"),
        ("overtime", "Yes", "works overtime"),
        ("overtime", "no", "does not work overtime"),
        ("category", "Travel_Frequently", "business travel: Travel Frequently"),
        ("promotion", 6.0, "no promotion for 6 years"),
        ("promotion", 1.0, "no promotion for 1 year"),
        ("promotion", 0.0, "promoted within the last year"),
        ("numeric", None, "monthly income not recorded"),
    ],
)
def test_values_are_said_in_plain_words(encoding: str, value: float | str | None, words: str) -> None:
    assert describe(ENCODINGS[encoding], value, CONFIG) == words


def test_scoring_refuses_duplicate_or_empty_ids(model: TurnoverModel) -> None:
    frame = hr_table(rows=60, seed=5)
    twice = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 4)
        .then(pl.lit("P0001"))
        .otherwise(pl.col("PersonId"))
        .alias("PersonId")
    )
    with pytest.raises(
        TurnoverInputError, match=r"the id column 'PersonId' has 'P0001' twice \(again on row 5\)"
    ):
        score(model, twice)
    empty = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2).then(None).otherwise(pl.col("PersonId")).alias("PersonId")
    )
    with pytest.raises(TurnoverInputError, match=r"the id column 'PersonId' is empty on row 3"):
        score(model, empty)


def test_a_solver_that_stops_early_is_noted_not_raised() -> None:
    model = fit(hr_table(), label="Left", config=TurnoverConfig(max_iterations=1))
    assert model.notes == (
        "the solver stopped after 1 iterations before fully converging; "
        "the coefficients are close to, not exactly at, the optimum",
    )
