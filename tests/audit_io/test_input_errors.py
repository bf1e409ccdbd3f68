from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kpiwell.engine.audit.io import MAX_ISSUES, InputError, InputIssue, read_inputs

from .conftest import ACTUALS_CSV, PLAN_CSV, PLAN_HEADER, Writer, csv_to


def issues_of(**files: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputError) as caught:
        read_inputs(**files)  # type: ignore[arg-type]
    return [(Path(i.file).name, i.row, i.column, i.message) for i in caught.value.issues]


def test_a_missing_required_column_is_reported_on_the_header_row(write: Writer) -> None:
    plan = write("plan.csv", "person_id,team,kpi,cycle_start,cycle_end\nE1,Ops,calls,2024-01-01,2024-06-30\n")
    actuals = write("actuals.csv", "person_id,kpi,value\nE1,calls,3\n")

    assert issues_of(plan=plan, actuals=actuals) == [
        ("plan.csv", 1, "target", "required column is missing"),
        ("actuals.csv", 1, "period_end", "required column is missing"),
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_text_in_a_number_names_file_row_and_column_in_every_format(write: Writer, fmt: str) -> None:
    actuals = write(
        "actuals.csv", "person_id,kpi,period_end,value\nE1,calls,2024-01-07,95\nE2,calls,2024-01-07,9O\n"
    )

    issues = issues_of(plan=write("plan.csv", PLAN_CSV), actuals=csv_to(actuals, fmt))

    assert issues == [(f"actuals.{fmt}", 3, "value", '"9O" is not a number (use a dot for decimals)')]


def test_every_kind_of_cell_error_is_reported_at_once(write: Writer) -> None:
    plan = write(
        "plan.csv",
        "person_id,team,kpi,target,cycle_start,cycle_end,kind,weight,revised_on\n"
        "E1,Ops,calls,1,2024-01-01,2024-06-30,numeric,150,2024-13-01\n"
        ",Ops,mails,1,01/02/2024,2024-06-30,,,\n",
    )
    checkins = write(
        "checkins.csv",
        "person_id,date,mood,workload\nE1,2024-01-05,6,2.5\nE1,2024-01-06,three,\n",
    )
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value,recorded_at\nE1,calls,2024-01-07,1,yesterday\n",
    )

    assert issues_of(plan=plan, actuals=actuals, checkins=checkins) == [
        ("plan.csv", 2, "kind", '"numeric" is not one of: quantitative, qualitative'),
        ("plan.csv", 2, "weight", "150 is outside the allowed range 0 to 100"),
        ("plan.csv", 2, "revised_on", '"2024-13-01" is not a date (use YYYY-MM-DD)'),
        ("plan.csv", 3, "person_id", "a value is required"),
        ("plan.csv", 3, "cycle_start", '"01/02/2024" is not a date (use YYYY-MM-DD)'),
        ("actuals.csv", 2, "recorded_at", '"yesterday" is not a date and time (use YYYY-MM-DDTHH:MM:SS)'),
        ("checkins.csv", 2, "mood", "6 is outside the allowed range 1 to 5"),
        ("checkins.csv", 2, "workload", '"2.5" is not a whole number'),
        ("checkins.csv", 3, "mood", '"three" is not a number (use a dot for decimals)'),
    ]


def test_dates_without_zero_padding_are_errors_in_an_otherwise_clean_file(write: Writer) -> None:
    # The date parser itself takes 2024-1-7; only YYYY-MM-DD is a date here, on every path.
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value\nE1,calls,2024-01-07,95\nE1,calls,2024-1-14,96\nE2,calls,2024-01-7,9\n",
    )

    assert issues_of(plan=write("plan.csv", PLAN_CSV), actuals=actuals) == [
        ("actuals.csv", 3, "period_end", '"2024-1-14" is not a date (use YYYY-MM-DD)'),
        ("actuals.csv", 4, "period_end", '"2024-01-7" is not a date (use YYYY-MM-DD)'),
    ]


def test_cycle_end_before_cycle_start_is_an_error(write: Writer) -> None:
    plan = write("plan.csv", f"{PLAN_HEADER}\nE1,An,Ops,calls,100,2024-06-30,2024-01-01\n")

    assert issues_of(plan=plan, actuals=write("actuals.csv", "person_id,kpi,period_end,value\n")) == [
        ("plan.csv", 2, "cycle_end", "cycle_end 2024-01-01 is before cycle_start 2024-06-30"),
    ]


def test_duplicate_plan_rows_and_conflicting_teams_point_at_the_first_row(write: Writer) -> None:
    plan = write(
        "plan.csv",
        "person_id,team,parent_team,kpi,target,cycle_start,cycle_end\n"
        "E1,Ops,Company,calls,100,2024-01-01,2024-06-30\n"
        "E2,Ops,Company,calls,100,2024-01-01,2024-06-30\n"
        "E1,Ops,Company,calls,120,2024-01-01,2024-06-30\n"
        "E2,Sales,Company,mails,100,2024-01-01,2024-06-30\n"
        "E3,Ops,Board,calls,100,2024-01-01,2024-06-30\n",
    )

    assert issues_of(plan=plan, actuals=write("actuals.csv", "person_id,kpi,period_end,value\n")) == [
        ("plan.csv", 4, "kpi", "person E1 already has KPI calls on row 2"),
        ("plan.csv", 5, "team", "person E2 is in team Ops on row 3; a person belongs to one team"),
        (
            "plan.csv",
            6,
            "parent_team",
            "team Ops has parent_team Company on row 2; a team has one parent team",
        ),
    ]


def test_a_team_change_within_a_persons_rows_listed_together_is_a_conflict(write: Writer) -> None:
    # Each person's and each team's rows are together, as exports list them: the conflicts are
    # inside a run of rows rather than in a key that comes back.
    plan = write(
        "plan.csv",
        "person_id,team,parent_team,kpi,target,cycle_start,cycle_end\n"
        "E1,Ops,Company,calls,100,2024-01-01,2024-06-30\n"
        "E1,Ops,Company,mails,100,2024-01-01,2024-06-30\n"
        "E2,Ops,Company,calls,100,2024-01-01,2024-06-30\n"
        "E2,Sales,Board,mails,100,2024-01-01,2024-06-30\n"
        "E3,Sales,Company,calls,100,2024-01-01,2024-06-30\n",
    )

    assert issues_of(plan=plan, actuals=write("actuals.csv", "person_id,kpi,period_end,value\n")) == [
        ("plan.csv", 5, "team", "person E2 is in team Ops on row 4; a person belongs to one team"),
        (
            "plan.csv",
            6,
            "parent_team",
            "team Sales has parent_team Board on row 5; a team has one parent team",
        ),
    ]


def test_unknown_people_and_unknown_kpis_are_errors_in_every_file(write: Writer) -> None:
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value\nE1,calls,2024-01-07,95\nE9,calls,2024-01-07,1\nE2,emails,2024-01-07,1\n",
    )
    targets = write("targets.csv", "person_id,kpi,period_end,target\nE1,mails,2024-01-07,5\n")
    checkins = write("checkins.csv", "person_id,date\nX1,2024-01-05\n")
    recognition = write("recognition.csv", "to_id,date,from_id\nE1,2024-01-05,OUTSIDER\nY2,2024-01-05,E1\n")
    surveys = write("surveys.csv", "person_id,date,instrument,item,response\nZ3,2024-01-05,who5,1,3\n")

    issues = issues_of(
        plan=write("plan.csv", PLAN_CSV),
        actuals=actuals,
        targets=targets,
        checkins=checkins,
        recognition=recognition,
        surveys=surveys,
    )

    assert issues == [
        ("actuals.csv", 3, "person_id", "person E9 is not in the plan"),
        ("actuals.csv", 4, "kpi", "person E2 has no KPI emails in the plan"),
        ("targets.csv", 2, "kpi", "person E1 has no KPI mails in the plan"),
        ("checkins.csv", 2, "person_id", "person X1 is not in the plan"),
        ("recognition.csv", 3, "to_id", "person Y2 is not in the plan"),
        ("surveys.csv", 2, "person_id", "person Z3 is not in the plan"),
    ]


def test_repeated_actuals_without_distinct_recorded_at_are_errors(write: Writer) -> None:
    without_times = write(
        "actuals.csv",
        "person_id,kpi,period_end,value\nE1,calls,2024-01-07,95\nE2,calls,2024-01-07,1\nE1,calls,2024-01-07,96\n",
    )
    with_times = write(
        "revisions.csv",
        "person_id,kpi,period_end,value,recorded_at\n"
        "E1,calls,2024-01-07,95,2024-01-08T09:00:00\n"
        "E1,calls,2024-01-07,96,2024-01-08T09:00:00\n"
        "E2,calls,2024-01-07,1,\n"
        "E2,calls,2024-01-07,2,2024-01-09T09:00:00\n",
    )
    plan = write("plan.csv", PLAN_CSV)

    assert issues_of(plan=plan, actuals=without_times) == [
        (
            "actuals.csv",
            4,
            "period_end",
            "same person, KPI and period_end as row 2 without a different recorded_at",
        ),
    ]
    assert issues_of(plan=plan, actuals=with_times) == [
        (
            "revisions.csv",
            3,
            "recorded_at",
            "same person, KPI and period_end as row 2 without a different recorded_at",
        ),
        (
            "revisions.csv",
            4,
            "recorded_at",
            "same person, KPI and period_end as row 5 without a different recorded_at",
        ),
    ]


def test_an_untimed_revision_of_a_timed_row_is_the_only_error(write: Writer) -> None:
    # No two rows share a recorded_at, so the untimed row is the only repeat found.
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value,recorded_at\n"
        "E1,calls,2024-01-07,95,2024-01-08T09:00:00\n"
        "E1,calls,2024-01-07,96,\n",
    )

    assert issues_of(plan=write("plan.csv", PLAN_CSV), actuals=actuals) == [
        (
            "actuals.csv",
            3,
            "recorded_at",
            "same person, KPI and period_end as row 2 without a different recorded_at",
        ),
    ]


def test_duplicate_per_period_targets_are_errors(write: Writer) -> None:
    targets = write(
        "targets.csv", "person_id,kpi,period_end,target\nE1,calls,2024-01-07,80\nE1,calls,2024-01-07,85\n"
    )

    assert issues_of(
        plan=write("plan.csv", PLAN_CSV), actuals=write("a.csv", ACTUALS_CSV), targets=targets
    ) == [
        (
            "targets.csv",
            3,
            "period_end",
            "person E1 already has a target for KPI calls and period 2024-01-07 on row 2",
        ),
    ]


def test_qualitative_kpis_must_stay_on_the_one_to_five_scale(write: Writer) -> None:
    plan = write(
        "plan.csv",
        "person_id,team,kpi,kind,target,cycle_start,cycle_end\n"
        "E1,Ops,teamwork,qualitative,4,2024-01-01,2024-06-30\n"
        "E2,Ops,teamwork,Qualitative,80,2024-01-01,2024-06-30\n",
    )
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value\nE1,teamwork,2024-01-07,4.5\nE1,teamwork,2024-01-14,0\n",
    )

    assert issues_of(plan=plan, actuals=actuals) == [
        ("plan.csv", 3, "target", "KPI teamwork is qualitative (rated 1 to 5), so 80 is out of range"),
        ("actuals.csv", 3, "value", "KPI teamwork is qualitative (rated 1 to 5), so 0 is out of range"),
    ]


def test_a_huge_whole_number_off_the_scale_is_an_input_error_not_a_crash(write: Writer) -> None:
    # 1e20 is a whole number beyond the 64-bit integers it would be shown as
    plan = write(
        "plan.csv",
        "person_id,team,kpi,kind,target,cycle_start,cycle_end\n"
        "E1,Ops,teamwork,qualitative,1e20,2024-01-01,2024-06-30\n",
    )
    actuals = write(
        "actuals.csv",
        "person_id,kpi,period_end,value\nE1,teamwork,2024-01-07,-3e19\nE1,teamwork,2024-01-14,2.5e30\n",
    )

    assert issues_of(plan=plan, actuals=actuals) == [
        ("plan.csv", 2, "target", "KPI teamwork is qualitative (rated 1 to 5), so 1e+20 is out of range"),
        ("actuals.csv", 2, "value", "KPI teamwork is qualitative (rated 1 to 5), so -3e+19 is out of range"),
        ("actuals.csv", 3, "value", "KPI teamwork is qualitative (rated 1 to 5), so 2.5e+30 is out of range"),
    ]


def test_a_huge_whole_number_in_a_whole_number_column_is_too_large_not_a_crash(write: Writer) -> None:
    checkins = write("checkins.csv", "person_id,date,mood,workload\nE1,2024-01-05,99999999999999999999,3\n")
    surveys = write(
        "surveys.csv",
        "person_id,date,instrument,item,response\nE1,2024-01-05,who5,1,3\nE1,2024-01-05,who5,2,1e20\n",
    )

    issues = issues_of(
        plan=write("plan.csv", PLAN_CSV),
        actuals=write("a.csv", ACTUALS_CSV),
        checkins=checkins,
        surveys=surveys,
    )

    assert issues == [
        ("checkins.csv", 2, "mood", '"99999999999999999999" is too large for this column'),
        ("surveys.csv", 3, "response", "the value is too large for this column"),  # answers never shown
    ]


def test_survey_errors_never_repeat_the_response(write: Writer) -> None:
    surveys = write(
        "surveys.csv",
        "person_id,date,instrument,item,response\n"
        "E1,2024-01-05,who5,6,3\n"
        "E1,2024-01-05,cbi-work,1,77\n"
        "E1,2024-01-05,mini-z,1,0\n"
        "E1,2024-01-05,enps,1,seventeen\n"
        "E1,2024-01-05,enps,1,8.5\n"
        "E1,2024-01-05,gallup,1,4\n",
    )

    issues = issues_of(plan=write("plan.csv", PLAN_CSV), actuals=write("a.csv", ACTUALS_CSV), surveys=surveys)

    assert issues == [
        ("surveys.csv", 2, "item", "item 6 does not exist in who5, which has 5 items"),
        ("surveys.csv", 3, "response", "the response is outside the range of cbi-work (0 to 4)"),
        ("surveys.csv", 4, "response", "the response is outside the range of mini-z (1 to 5)"),
        ("surveys.csv", 5, "response", "the value is not a number"),
        ("surveys.csv", 6, "response", "the value is not a whole number"),
        (
            "surveys.csv",
            7,
            "instrument",
            '"gallup" is not one of: who5, cbi-personal, cbi-work, mini-z, enps',
        ),
    ]
    for word in ("77", "seventeen", "8.5"):
        assert all(word not in message for *_, message in issues)


def test_more_than_a_hundred_errors_are_capped_but_counted(write: Writer) -> None:
    rows = "".join(f"E1,calls,2024-01-{day:02d},n/a\n" for day in range(1, 29)) * 6
    rows = "".join(f"E1,calls,2025-{month:02d}-01,n/a\n" for month in range(1, 13)) + rows
    actuals = write("actuals.csv", "person_id,kpi,period_end,value\n" + rows)

    with pytest.raises(InputError) as caught:
        read_inputs(plan=write("plan.csv", PLAN_CSV), actuals=actuals)

    error = caught.value
    assert len(error.issues) == MAX_ISSUES
    assert error.total == 12 + 168 + 140  # every bad value, plus every repeated period after its first
    assert error.issues[0] == InputIssue(
        file=str(actuals), row=2, column="value", message='"n/a" is not a number (use a dot for decimals)'
    )
    assert [issue.row for issue in error.issues[:3]] == [2, 3, 4]


def test_files_that_cannot_be_read_are_reported_with_the_other_errors(tmp_path: Path, write: Writer) -> None:
    (tmp_path / "broken.xlsx").write_bytes(b"this is not a workbook")
    empty = write("empty.csv", "")

    issues = issues_of(
        plan=tmp_path / "missing.csv",
        actuals=write("actuals.txt", ""),
        checkins=tmp_path / "broken.xlsx",
        recognition=empty,
    )

    assert [(name, row, column) for name, row, column, _ in issues] == [
        ("missing.csv", None, None),
        ("actuals.txt", None, None),
        ("broken.xlsx", None, None),
        ("empty.csv", None, None),
    ]
    assert issues[0][3] == "the file does not exist"
    assert issues[1][3] == 'unsupported file type ".txt": use .csv, .xlsx or .parquet'
    assert issues[2][3].startswith("cannot read the file: ")
    assert issues[3][3] == "the file is empty"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1258"])
def test_text_that_is_not_utf8_is_a_file_error_not_a_crash(
    tmp_path: Path, write: Writer, encoding: str
) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_bytes((PLAN_HEADER + "\nE1,Đăng,Ops,calls,100,2024-01-01,2024-06-30\n").encode(encoding))

    issues = issues_of(plan=plan, actuals=write("actuals.csv", ACTUALS_CSV))

    assert issues == [("plan.csv", None, None, 'the file is not UTF-8 text: save it as "CSV UTF-8"')]


def test_messages_are_translated_to_vietnamese(write: Writer) -> None:
    plan = write("plan.csv", PLAN_CSV)
    actuals = write("actuals.csv", "person_id,kpi,period_end,value\nE9,calls,2024-01-07,x\n")

    with pytest.raises(InputError) as caught:
        read_inputs(plan=plan, actuals=actuals, lang="vi")

    assert [str(issue) for issue in caught.value.issues] == [
        f"{actuals}:2:person_id: người E9 không có trong kế hoạch",
        f'{actuals}:2:value: "x" không phải là số (dùng dấu chấm cho phần thập phân)',
    ]


def test_duplicate_headers_differing_only_in_case_are_errors(write: Writer) -> None:
    actuals = write("actuals.csv", "person_id,kpi,period_end,value,Value\nE1,calls,2024-01-07,1,2\n")

    assert issues_of(plan=write("plan.csv", PLAN_CSV), actuals=actuals) == [
        (
            "actuals.csv",
            1,
            "value",
            "the column appears more than once (column names ignore upper and lower case)",
        ),
    ]


def test_a_list_column_in_parquet_is_reported_not_crashed_on(tmp_path: Path, write: Writer) -> None:
    actuals = tmp_path / "actuals.parquet"
    pl.DataFrame(
        {"person_id": ["E1"], "kpi": ["calls"], "period_end": ["2024-01-07"], "value": [[1.0, 2.0]]}
    ).write_parquet(actuals)

    assert issues_of(plan=write("plan.csv", PLAN_CSV), actuals=actuals) == [
        (
            "actuals.parquet",
            1,
            "value",
            "this column holds List(Float64) values, which cannot be read as text",
        ),
    ]


def test_every_run_of_a_file_read_in_several_chunks_is_checked(write: Writer) -> None:
    # 40,000 rows are read in several chunks; run starts are found chunk by chunk, so a run that
    # begins on a chunk's first row must be found too: here every row is a run of its own.
    size = 40_000
    rows = "".join(f"U{index},calls,2024-01-07,1\n" for index in range(size))
    actuals = write("actuals.csv", f"person_id,kpi,period_end,value\n{rows}")

    with pytest.raises(InputError) as caught:
        read_inputs(plan=write("plan.csv", PLAN_CSV), actuals=actuals)

    assert caught.value.total == size
    assert caught.value.issues[0] == InputIssue(
        file=str(actuals), row=2, column="person_id", message="person U0 is not in the plan"
    )
