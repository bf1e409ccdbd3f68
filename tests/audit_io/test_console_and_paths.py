from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from kpiwell.cli._console import Progress, table
from kpiwell.cli.audit import _Staged
from kpiwell.engine.audit.io import read_inputs

from .conftest import PLAN_CSV, Writer


def test_progress_bar_redraws_one_line_and_erases_itself() -> None:
    stream = io.StringIO()
    progress = Progress(2, enabled=True, stream=stream)

    progress.step("reading actuals")
    progress.step("auditing")
    progress.close()

    assert stream.getvalue() == (
        "\r[........................] 1/2 reading actuals"
        "\r[############............] 2/2 auditing       "
        "\r" + " " * 39 + "\r"
    )


def test_progress_bar_stays_silent_when_disabled_or_not_a_terminal() -> None:
    stream = io.StringIO()
    Progress(3, enabled=False, stream=stream).step("reading plan")

    assert stream.getvalue() == ""
    assert Progress.for_terminal(3, work_bytes=10**12, threshold_bytes=1).enabled is False


def test_summary_table_aligns_names_left_and_numbers_right() -> None:
    assert table(["finding", "critical"], [["feedback-gap", "5"], ["total", "12"]]).splitlines() == [
        "finding       critical",
        "------------  --------",
        "feedback-gap         5",
        "total               12",
    ]


def test_the_fast_and_the_careful_csv_paths_give_the_same_frames(write: Writer) -> None:
    clean = (
        "person_id,kpi,period_end,value\n"
        "E1,calls,2024-01-07,95\nE2,calls,2024-01-07,88.5\nE1,calls,2024-01-14,97\n"
    )
    # Padding and a spreadsheet-style id send the second file down the careful path.
    padded = clean.replace("E2,calls,2024-01-07,88.5", " E2 ,calls, 2024-01-07 , 88.5 ")
    plan = write("plan.csv", PLAN_CSV)

    fast = read_inputs(plan=plan, actuals=write("clean.csv", clean))
    careful = read_inputs(plan=plan, actuals=write("padded.csv", padded))

    assert fast.actuals.equals(careful.actuals)
    assert fast.actuals["value"].to_list() == [95.0, 88.5, 97.0]


def test_quoted_empty_cells_are_missing_values_on_both_csv_paths(write: Writer) -> None:
    # Polars and pandas write empty text as "": a missing value, as an unquoted empty cell is.
    header = "person_id,team,kpi,target,cycle_start,cycle_end,purpose,set_by,kind,revised_on,surveys\n"
    rows = (
        'E1,Ops,calls,100,2024-01-01,2024-06-30,"","","","",x\n'
        "E2,Ops,calls,4,2024-01-01,2024-06-30,Why,employee,qualitative,2024-02-01,y\n"
    )
    actuals = write("actuals.csv", "person_id,kpi,period_end,value\nE1,calls,2024-01-07,95\n")

    quoted = read_inputs(plan=write("quoted.csv", header + rows), actuals=actuals)
    # A padded id sends this file down the careful path, which trims it: the same frame either way.
    careful = read_inputs(plan=write("padded.csv", header + rows.replace("E2,", " E2 ,")), actuals=actuals)

    assert quoted.plan.equals(careful.plan)
    assert quoted.plan.row(0, named=True) | {"cycle_start": None, "cycle_end": None} == {
        **dict.fromkeys(quoted.plan.columns),
        "person_id": "E1",
        "team": "Ops",
        "kpi": "calls",
        "kind": "quantitative",
        "direction": "higher",
        "period": "week",
        "target": 100.0,
    }


def test_staged_outputs_replace_the_old_ones_together_with_no_temporary_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.json").write_text("old findings", encoding="utf-8")

    with _Staged(out) as staged:
        staged.add("findings.json", b"new findings")
        staged.add("report.html", "new report")

    assert sorted(path.name for path in out.iterdir()) == ["findings.json", "report.html"]
    assert (out / "findings.json").read_bytes() == b"new findings"
    assert (out / "report.html").read_text(encoding="utf-8") == "new report"
    assert (out / "report.html").stat().st_mode & 0o777 == 0o644


def test_an_error_while_staging_leaves_the_old_outputs_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.json").write_text("old findings", encoding="utf-8")

    # the report fails to render after findings.json was handed to the writer thread
    with pytest.raises(RuntimeError, match="render failed"), _Staged(out) as staged:
        staged.add("findings.json", b"new findings")
        raise RuntimeError("render failed")

    assert sorted(path.name for path in out.iterdir()) == ["findings.json"]
    assert (out / "findings.json").read_text(encoding="utf-8") == "old findings"


def test_a_failed_background_write_is_raised_and_nothing_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("old report", encoding="utf-8")

    # a lone surrogate cannot be encoded: the writer thread fails on the second file
    with pytest.raises(UnicodeEncodeError), _Staged(out) as staged:
        staged.add("findings.json", b"new findings")
        staged.add("report.html", "\ud800")

    assert sorted(path.name for path in out.iterdir()) == ["report.html"]
    assert (out / "report.html").read_text(encoding="utf-8") == "old report"


def test_a_file_given_in_pieces_is_written_in_order(tmp_path: Path) -> None:
    pieces = [f"piece {index};".encode() for index in range(500)]

    with _Staged(tmp_path) as staged:
        staged.add("findings.json", iter(pieces))

    assert (tmp_path / "findings.json").read_bytes() == b"".join(pieces)


def test_pieces_that_fail_half_way_leave_the_old_output_and_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "findings.json").write_text("old findings", encoding="utf-8")

    def pieces() -> Iterator[bytes]:
        yield b"new "
        raise ValueError("the findings could not be encoded")

    with pytest.raises(ValueError, match="could not be encoded"), _Staged(tmp_path) as staged:
        staged.add("findings.json", pieces())

    assert sorted(path.name for path in tmp_path.iterdir()) == ["findings.json"]
    assert (tmp_path / "findings.json").read_text(encoding="utf-8") == "old findings"
