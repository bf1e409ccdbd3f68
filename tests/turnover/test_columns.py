from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.turnover import TurnoverConfig, TurnoverInputError, evaluate, fit, read_table
from kpiwell.engine.turnover.columns import column_role, outcome, protected_attribute, split_words
from kpiwell.engine.turnover.plan import plan_columns

from .hr_data import hr_table

CONFIG = TurnoverConfig()


def _plan(frame: pl.DataFrame, **options: object) -> dict[str, str]:
    plan = plan_columns(
        frame,
        label=str(options.get("label", "Left")),
        id_column=options.get("id_column"),  # type: ignore[arg-type]
        exclude=options.get("exclude", ()),  # type: ignore[arg-type]
        allow=options.get("allow", ()),  # type: ignore[arg-type]
        config=CONFIG,
        seed=42,
    )
    fate: dict[str, str] = {column.name: column.role for column in plan.features}
    fate.update({exclusion.column: exclusion.code for exclusion in plan.excluded})
    return fate


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("MaritalStatus", ("marital", "status")),
        ("YearsWithCurrManager", ("years", "with", "curr", "manager")),
        ("age_band", ("age", "band")),
        ("HRAge", ("hr", "age")),
        ("Date of Birth", ("date", "of", "birth")),
        ("Q4Rating2023", ("q", "rating")),
        ("PercentSalaryHike", ("percent", "salary", "hike")),
    ],
)
def test_column_names_split_into_lower_case_words(name: str, words: tuple[str, ...]) -> None:
    assert split_words(name) == words


@pytest.mark.parametrize(
    ("name", "attribute"),
    [
        ("Gender", "sex or gender"),
        ("SEX", "sex or gender"),
        ("Age", "age"),
        ("EmployeeAge", "age"),
        ("age_band", "age"),
        ("Age2", "age"),
        ("DateOfBirth", "age"),
        ("MaritalStatus", "marital status"),
        ("Race", "race or ethnicity"),
        ("ethnic_origin", "race or ethnicity"),
        ("Religion", "religion or belief"),
        ("Nationality", "nationality"),
        ("DisabilityStatus", "disability"),
        ("pregnancy_leave", "pregnancy or maternity"),
    ],
)
def test_protected_attributes_are_found_by_whole_words(name: str, attribute: str) -> None:
    assert protected_attribute(name, CONFIG) == attribute


@pytest.mark.parametrize(
    "name",
    [
        "Percentage",
        "YearsWithCurrManager",
        "Average",
        "Mileage",
        "Stage",
        "Message",
        "Agency",
        "Sextant",
        "Usage",
    ],
)
def test_words_that_merely_contain_a_protected_word_are_not_protected(name: str) -> None:
    assert protected_attribute(name, CONFIG) is None


def test_the_protected_word_list_is_configurable() -> None:
    config = TurnoverConfig(protected_words={"union": "trade-union membership"})
    assert protected_attribute("UnionMember", config) == "trade-union membership"
    assert protected_attribute("Gender", config) is None


def test_column_roles_are_worked_out_from_the_values() -> None:
    assert column_role(pl.Series("a", [1, 2, 3, 4, 2]), CONFIG) == "ordinal"
    assert column_role(pl.Series("a", [0, 7, 12, 30, 2, 1]), CONFIG) == "numeric"
    assert column_role(pl.Series("a", [1.5, 2.0, 3.0]), CONFIG) == "numeric"
    assert column_role(pl.Series("a", [0, 1, 1, 0]), CONFIG) == "binary"
    assert column_role(pl.Series("a", ["Yes", "No", "yes"]), CONFIG) == "binary"
    assert column_role(pl.Series("a", [True, False]), CONFIG) == "binary"
    assert column_role(pl.Series("a", ["Sales", "R&D", "Sales"]), CONFIG) == "categorical"
    assert column_role(pl.Series("a", ["Yes", "No", "Maybe"]), CONFIG) == "categorical"


def test_identifiers_constants_and_free_text_are_left_out_with_their_reason() -> None:
    frame = hr_table(rows=120)
    frame = frame.with_columns(
        pl.Series("EmployeeNumber", list(range(5000, 5120))),
        pl.Series("Badge", list(range(1, 121))),
        pl.Series("Salary", np.linspace(1000.5, 9000.5, 120)),
        pl.Series("Comment", [f"free text {index % 60}" for index in range(120)]),
        pl.Series("Empty", [None] * 120, dtype=pl.Float64),
    )
    fate = _plan(frame)
    assert fate["PersonId"] == "identifier"  # a different text on every row
    assert fate["EmployeeNumber"] == "identifier"  # unique whole numbers, "number" in the name
    assert fate["Badge"] == "identifier"  # unique whole numbers counting up row by row
    assert fate["Salary"] == "numeric"  # unique but fractional: a measurement
    assert fate["Comment"] == "free-text"  # 60 distinct texts > 50
    assert fate["Office"] == "constant"
    assert fate["Empty"] == "constant"
    assert fate["OverTime"] == "binary"
    assert fate["JobSatisfaction"] == "ordinal"
    assert fate["Department"] == "categorical"


def test_the_reasons_say_what_was_found() -> None:
    plan = plan_columns(
        hr_table(rows=120), label="Left", id_column=None, exclude=(), allow=(), config=CONFIG, seed=42
    )
    reasons = {exclusion.column: exclusion.reason for exclusion in plan.excluded}
    assert reasons["Office"] == "the same value (HQ) on every row"
    assert (
        reasons["Gender"] == "protected attribute (sex or gender); use --allow Gender to include it knowingly"
    )
    assert reasons["PersonId"] == "a different value on every row: an identifier, not a characteristic"


def test_the_id_and_user_excluded_columns_are_listed_as_such() -> None:
    fate = _plan(hr_table(rows=120), id_column="PersonId", exclude=("Noise",))
    assert fate["PersonId"] == "id"
    assert fate["Noise"] == "user"


def test_allow_includes_a_protected_attribute_knowingly() -> None:
    fate = _plan(hr_table(rows=120), allow=("Gender",))
    assert fate["Gender"] == "categorical"
    assert fate["Age"] == "protected"


@pytest.mark.parametrize("option", ["exclude", "allow"])
def test_an_unknown_column_in_exclude_or_allow_is_a_clear_error(option: str) -> None:
    with pytest.raises(
        TurnoverInputError, match=rf"--{option} names column 'Salry', which is not in the data"
    ):
        _plan(hr_table(rows=120), **{option: ("Salry",)})


def test_a_missing_label_column_is_a_clear_error() -> None:
    with pytest.raises(TurnoverInputError, match=r"no label column 'Attrition' in the data"):
        fit(hr_table(), label="Attrition")


def test_fewer_than_50_rows_is_a_clear_error() -> None:
    with pytest.raises(TurnoverInputError, match=r"the data has 49 rows; at least 50 people are needed"):
        fit(hr_table(rows=49), label="Left")


def test_50_rows_are_enough() -> None:
    people = hr_table()
    frame = pl.concat(
        [people.filter(pl.col("Left") == "Yes").head(10), people.filter(pl.col("Left") == "No").head(40)]
    )
    model = fit(frame, label="Left")
    assert model.training_rows == 50
    assert model.training_positive_rate == 0.2


def test_one_class_only_is_a_clear_error() -> None:
    frame = hr_table().with_columns(pl.lit("No").alias("Left"))
    with pytest.raises(TurnoverInputError, match=r"has one class only \('No' on every row\)"):
        evaluate(frame, label="Left")


def test_too_few_leavers_for_five_folds_is_a_clear_error() -> None:
    frame = hr_table().with_columns(pl.Series("Left", ["Yes"] * 6 + ["No"] * 294))
    with pytest.raises(TurnoverInputError, match=r"only 6 people left and 294 stayed; at least 7 of each"):
        fit(frame, label="Left")


def test_seven_leavers_are_enough_for_nested_five_fold_cross_validation() -> None:
    frame = hr_table().with_columns(pl.Series("Left", ["Yes"] * 7 + ["No"] * 293))
    evaluation = evaluate(frame, label="Left")
    assert evaluation.left == 7
    assert [fold.left for fold in evaluation.folds] == [2, 2, 1, 1, 1]


def test_empty_label_cells_are_a_clear_error() -> None:
    frame = hr_table().with_columns(
        pl.when(pl.int_range(pl.len()) == 3).then(None).otherwise(pl.col("Left")).alias("Left")
    )
    with pytest.raises(
        TurnoverInputError, match=r"the label column 'Left' is empty on 1 rows \(first: row 4\)"
    ):
        fit(frame, label="Left")


def test_the_positive_value_is_matched_in_any_case_and_written_as_in_the_data() -> None:
    result = outcome(hr_table(), "Left", "YES", CONFIG)
    assert result.positive == "Yes"
    assert int(result.left.sum()) == int((hr_table()["Left"] == "Yes").sum())


def test_a_positive_value_that_never_occurs_is_a_clear_error() -> None:
    with pytest.raises(TurnoverInputError, match=r"no row has Left = 'Gone' \(values: No, Yes\)"):
        outcome(hr_table(), "Left", "Gone", CONFIG)


def test_without_positive_a_label_that_is_not_yes_no_asks_for_it() -> None:
    frame = hr_table().with_columns(pl.col("Left").replace({"Yes": "Resigned", "No": "Active"}))
    with pytest.raises(
        TurnoverInputError, match=r"cannot tell which value of 'Left' means 'left': give --positive"
    ):
        outcome(frame, "Left", None, CONFIG)
    assert outcome(frame, "Left", "Resigned", CONFIG).positive == "Resigned"


def test_a_numeric_one_zero_label_needs_no_positive() -> None:
    frame = hr_table().with_columns((pl.col("Left") == "Yes").cast(pl.Int64).alias("Left"))
    result = outcome(frame, "Left", None, CONFIG)
    assert result.positive == "1"
    assert int(result.left.sum()) == int(frame["Left"].sum())


def test_missing_values_are_filled_and_reported() -> None:
    frame = hr_table().with_columns(
        pl.when(pl.int_range(pl.len()) < 30)
        .then(None)
        .otherwise(pl.col("MonthlyIncome"))
        .alias("MonthlyIncome"),
        pl.when(pl.int_range(pl.len()) < 10).then(None).otherwise(pl.col("Department")).alias("Department"),
    )
    model = fit(frame, label="Left")
    columns = {column.name: column for column in model.encoder.columns}
    assert columns["MonthlyIncome"].missing == 30
    assert columns["MonthlyIncome"].fill == float(np.median(frame["MonthlyIncome"].drop_nulls().to_numpy()))
    assert columns["Department"].missing == 10
    assert columns["Department"].fill == frame["Department"].drop_nulls().mode().sort()[0]
    imputed = {item.column: (item.missing, item.fill) for item in evaluate(frame, label="Left").imputed}
    assert imputed["Department"] == (10, columns["Department"].fill)
    assert imputed["MonthlyIncome"][0] == 30


def test_csv_missing_markers_and_a_byte_order_mark_are_understood(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_bytes("\ufeffId,Income,Team\n1,2500,Sales\n2,NA,\n3, 3100 ,N/A\n".encode())
    frame = read_table(path)
    assert frame.columns == ["Id", "Income", "Team"]
    assert frame["Income"].dtype == pl.Int64
    assert frame["Income"].to_list() == [2500, None, 3100]
    assert frame["Team"].to_list() == ["Sales", None, None]


def test_an_unknown_file_type_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "hr.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(
        TurnoverInputError, match=r"unknown file type '.json' \(use .csv, .xlsx or .parquet\)"
    ):
        read_table(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_identifier_columns_keep_their_leading_zeros(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"hr{suffix}"
    frame = pl.DataFrame(
        {"Id": ["007", "010", "120"], "Code": ["01", "02", "03"], "Income": ["2500", "2600", "3100"]}
    )
    if suffix == ".csv":
        frame.write_csv(path)
    else:
        frame.write_excel(path)
    assert read_table(path, text_columns=("Id", "Absent"))["Id"].to_list() == ["007", "010", "120"]
    assert read_table(path)["Code"].to_list() == ["01", "02", "03"]
    assert read_table(path)["Income"].to_list() == [2500, 2600, 3100]
    assert read_table(path, all_text=True)["Income"].to_list() == ["2500", "2600", "3100"]


def test_csv_numbers_are_typed_by_their_values(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(
        "Whole,Fraction,Huge,Flag\n1,1.5,99999999999999999999,true\n2,2.25,1,false\n", encoding="utf-8"
    )
    frame = read_table(path)
    assert frame.schema == pl.Schema(
        {"Whole": pl.Int64, "Fraction": pl.Float64, "Huge": pl.Float64, "Flag": pl.String}
    )
    assert column_role(frame["Flag"], CONFIG) == "binary"
