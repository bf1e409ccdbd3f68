from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from kpiwell.engine.audit.frames import (
    ACTUALS_SCHEMA,
    CHECKINS_SCHEMA,
    PLAN_SCHEMA,
    RECOGNITION_SCHEMA,
    SURVEYS_SCHEMA,
    TARGETS_SCHEMA,
)
from kpiwell.engine.audit.io import read_inputs

from .conftest import ACTUALS_CSV, PLAN_CSV, Writer, csv_to

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "audit"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_every_input_kind_reads_the_same_from_csv_xlsx_and_parquet(write: Writer, fmt: str) -> None:
    files = {
        "plan": write("plan.csv", PLAN_CSV),
        "actuals": write("actuals.csv", ACTUALS_CSV),
        "targets": write("targets.csv", "person_id,kpi,period_end,target\nE1,calls,2024-01-07,80\n"),
        "checkins": write("checkins.csv", "person_id,date,manager_id,mood,workload\nE1,2024-01-05,M9,4,2\n"),
        "recognition": write(
            "recognition.csv", "to_id,date,from_id,kind,note\nE2,2024-01-03,E1,Praise,Thanks\n"
        ),
        "surveys": write("surveys.csv", "person_id,date,instrument,item,response\nE1,2024-01-04,WHO5,2,3\n"),
    }
    inputs = read_inputs(**{kind: csv_to(path, fmt) for kind, path in files.items()})

    assert inputs.plan.schema == pl.Schema(PLAN_SCHEMA)
    assert inputs.actuals.schema == pl.Schema(ACTUALS_SCHEMA)
    assert inputs.targets.schema == pl.Schema(TARGETS_SCHEMA)
    assert inputs.checkins.schema == pl.Schema(CHECKINS_SCHEMA)
    assert inputs.recognition.schema == pl.Schema(RECOGNITION_SCHEMA)
    assert inputs.surveys.schema == pl.Schema(SURVEYS_SCHEMA)
    assert inputs.plan.select("person_id", "team", "kpi", "target", "cycle_start").row(1) == (
        "E2",
        "Ops",
        "calls",
        90.0,
        date(2024, 1, 1),
    )
    assert inputs.actuals["value"].to_list() == [95.0, 88.5]
    assert inputs.targets.row(0) == ("E1", "calls", date(2024, 1, 7), 80.0)
    assert inputs.checkins.row(0) == ("E1", date(2024, 1, 5), "M9", 4, 2)
    assert inputs.recognition.row(0) == ("E2", date(2024, 1, 3), "E1", "praise", "Thanks")
    assert inputs.surveys.row(0) == ("E1", date(2024, 1, 4), "who5", 2, 3)


def test_plan_defaults_fill_kind_direction_and_period_when_columns_are_missing(write: Writer) -> None:
    inputs = read_inputs(plan=write("plan.csv", PLAN_CSV), actuals=write("actuals.csv", ACTUALS_CSV))

    row = inputs.plan.row(0, named=True)
    assert (row["kind"], row["direction"], row["period"]) == ("quantitative", "higher", "week")
    assert (row["set_by"], row["weight"], row["revised_on"], row["manager_id"]) == (None, None, None, None)
    assert inputs.actuals["recorded_at"].null_count() == 2
    assert inputs.targets.is_empty() and inputs.checkins.is_empty() and inputs.surveys.is_empty()


def test_empty_optional_cells_take_the_default_and_blank_text_becomes_null(write: Writer) -> None:
    plan = write(
        "plan.csv",
        "person_id,team,kpi,target,cycle_start,cycle_end,kind,direction,period,purpose,set_by\n"
        "E1,Ops,calls,100,2024-01-01,2024-06-30,,LOWER, Month ,   ,Co Created\n",
    )
    inputs = read_inputs(
        plan=plan, actuals=write("actuals.csv", ACTUALS_CSV.replace("\nE2,calls,2024-01-07,88.5", ""))
    )

    row = inputs.plan.row(0, named=True)
    assert (row["kind"], row["direction"], row["period"], row["purpose"], row["set_by"]) == (
        "quantitative",
        "lower",
        "month",
        None,
        "co-created",
    )


def test_utf8_byte_order_mark_and_mixed_case_headers_are_accepted(write: Writer) -> None:
    plan = write(
        "plan.csv",
        "\ufeffPerson_ID,  TEAM ,Kpi,Target,Cycle_Start,CYCLE_END,Favourite Colour\n"
        "E1,Ops,calls,100,2024-01-01,2024-06-30,blue\n",
    )
    actuals = write("actuals.csv", "\ufeffPERSON_ID,KPI,Period_End,VALUE\nE1,calls,2024-01-07,95\n")

    inputs = read_inputs(plan=plan, actuals=actuals)

    assert inputs.plan.select("person_id", "team", "kpi").row(0) == ("E1", "Ops", "calls")
    assert inputs.actuals.select("person_id", "value").row(0) == ("E1", 95.0)
    assert "favourite colour" not in inputs.plan.columns


def test_spreadsheet_style_ids_lose_their_decimal_zeros_and_spaces(write: Writer) -> None:
    plan = write(
        "plan.csv",
        "person_id,manager_id,team,kpi,target,cycle_start,cycle_end\n"
        " 7.0 ,12.00,10.0,1.0,100,2024-01-01,2024-06-30\n"
        "7.5,12,10,2,100,2024-01-01,2024-06-30\n",
    )
    actuals = write(
        "actuals.csv", "person_id,kpi,period_end,value\n7,1,2024-01-07,95\n7.5,2.0,2024-01-07,1\n"
    )

    inputs = read_inputs(plan=plan, actuals=actuals)

    assert inputs.plan.select("person_id", "manager_id", "team", "kpi").rows() == [
        ("7", "12", "10", "1"),
        ("7.5", "12", "10", "2"),
    ]
    assert inputs.actuals["person_id"].to_list() == ["7", "7.5"]


def test_numeric_ids_typed_in_a_spreadsheet_match_text_ids_elsewhere(tmp_path: Path, write: Writer) -> None:
    plan_xlsx = tmp_path / "plan.xlsx"
    pl.DataFrame(
        {
            "person_id": [7.0, 8.0],
            "team": ["Ops", "Ops"],
            "kpi": ["calls", "calls"],
            "target": [100, 90],
            "cycle_start": [date(2024, 1, 1)] * 2,
            "cycle_end": [datetime(2024, 6, 30)] * 2,
        }
    ).write_excel(plan_xlsx)
    actuals = write(
        "actuals.csv", "person_id,kpi,period_end,value\n7,calls,2024-01-07,95\n8.0,calls,2024-01-07,80\n"
    )

    inputs = read_inputs(plan=plan_xlsx, actuals=actuals)

    assert inputs.plan.select("person_id", "cycle_start", "cycle_end").rows() == [
        ("7", date(2024, 1, 1), date(2024, 6, 30)),
        ("8", date(2024, 1, 1), date(2024, 6, 30)),
    ]
    assert inputs.actuals["person_id"].to_list() == ["7", "8"]


def test_typed_parquet_columns_are_accepted(tmp_path: Path, write: Writer) -> None:
    actuals = tmp_path / "actuals.parquet"
    pl.DataFrame(
        {
            "person_id": [1, 2],
            "kpi": ["calls", "calls"],
            "period_end": [date(2024, 1, 7), date(2024, 1, 14)],
            "value": [95.25, 80.0],
            "recorded_at": [datetime(2024, 1, 8, 9, 30), None],
        }
    ).write_parquet(actuals)
    plan = write("plan.csv", PLAN_CSV.replace("E1", "1").replace("E2", "2"))

    inputs = read_inputs(plan=plan, actuals=actuals)

    assert inputs.actuals.rows() == [
        ("1", "calls", date(2024, 1, 7), 95.25, datetime(2024, 1, 8, 9, 30)),
        ("2", "calls", date(2024, 1, 14), 80.0, None),
    ]


def test_huge_finite_numbers_are_read_even_when_their_sum_overflows(write: Writer) -> None:
    # The fast path proves every number finite from their sum; this sum is infinite.
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value\nE1,calls,2024-01-07,1.5e308\nE1,calls,2024-01-14,1.5e308\n",
    )

    inputs = read_inputs(plan=write("plan.csv", PLAN_CSV), actuals=actuals)

    assert inputs.actuals.get_column("value").to_list() == [1.5e308, 1.5e308]


def test_recorded_at_accepts_iso_8601_forms_and_converts_offsets_to_utc(write: Writer) -> None:
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value,recorded_at\n"
        "E1,calls,2024-01-07,1,2024-01-08T09:30:00\n"
        "E1,calls,2024-01-07,2,2024-01-08 10:00\n"
        "E1,calls,2024-01-07,3,2024-01-08T11:00:00.250Z\n"
        "E1,calls,2024-01-07,4,2024-01-08T19:00:00+07:00\n"
        "E1,calls,2024-01-07,5,2024-01-09\n",
    )

    inputs = read_inputs(plan=write("plan.csv", PLAN_CSV), actuals=actuals)

    assert inputs.actuals["recorded_at"].to_list() == [
        datetime(2024, 1, 8, 9, 30),
        datetime(2024, 1, 8, 10, 0),
        datetime(2024, 1, 8, 11, 0, 0, 250000),
        datetime(2024, 1, 8, 12, 0),
        datetime(2024, 1, 9, 0, 0),
    ]


def test_revisions_with_distinct_recorded_at_are_kept_as_history(write: Writer) -> None:
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value,recorded_at\n"
        "E1,calls,2024-01-07,10,2024-01-07T18:00:00\n"
        "E1,calls,2024-01-07,95,2024-01-08T09:00:00\n"
        "E1,calls,2024-01-14,97,\n",
    )

    inputs = read_inputs(plan=write("plan.csv", PLAN_CSV), actuals=actuals)

    assert inputs.actuals["value"].to_list() == [10.0, 95.0, 97.0]


def test_the_example_files_are_valid(tmp_path: Path) -> None:
    inputs = read_inputs(
        plan=EXAMPLES / "plan.csv",
        actuals=EXAMPLES / "actuals.csv",
        targets=EXAMPLES / "targets.csv",
        checkins=EXAMPLES / "checkins.csv",
        recognition=EXAMPLES / "recognition.csv",
        surveys=EXAMPLES / "surveys.csv",
    )

    assert inputs.plan.height == 38
    assert inputs.plan["person_id"].n_unique() == 16
    assert inputs.actuals["recorded_at"].drop_nulls().len() == 4
    assert inputs.surveys["instrument"].unique().sort().to_list() == ["cbi-work", "enps", "who5"]


def test_the_plan_template_reads_as_an_empty_plan() -> None:
    frame = pl.read_excel(EXAMPLES / "kpiwell-plan-template.xlsx", sheet_id=1, infer_schema_length=0)

    assert [name.lower() for name in frame.columns] == list(PLAN_SCHEMA)
    assert frame.height == 0
