from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kpiwell.cli import main
from kpiwell.engine.audit.findings import Severity, finding_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "audit"
KEYS = (
    "id",
    "code",
    "cause",
    "harm",
    "severity",
    "team",
    "person_id",
    "kpi",
    "evidence",
    "message",
    "remedy",
)
ORIGINAL_IDS = [
    *(f"H0{i}" for i in range(1, 6)),
    *(f"S0{i}" for i in range(1, 6)),
    *(f"C0{i}" for i in range(1, 7)),
    "M01",
    "M02",
    "M03",
]
ORIGINAL_NAMES = [
    "Nguyễn Thị Lan",
    "Trần Văn Hùng",
    "Đặng Hoàng Nam",
    "Tạ Quang Vinh",
    "Hanoi Sales",
    "Saigon Sales",
]
ORIGINAL_NAMES += ["Customer Care", "Sales"]


def example_args(out: Path, *extra: str, plan: Path | None = None) -> list[str]:
    return [
        "audit",
        "--plan",
        str(plan or EXAMPLES / "plan.csv"),
        "--actuals",
        str(EXAMPLES / "actuals.csv"),
        "--targets",
        str(EXAMPLES / "targets.csv"),
        "--checkins",
        str(EXAMPLES / "checkins.csv"),
        "--recognition",
        str(EXAMPLES / "recognition.csv"),
        "--out",
        str(out),
        *extra,
    ]


def load(out: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KPIWELL_PSEUDONYM_KEY", "test key, not a secret")
    return "test key, not a secret"


def test_auditing_the_examples_writes_both_files_and_prints_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "nested"

    assert main(example_args(out)) == 0

    document = load(out)
    stdout, stderr = capsys.readouterr()
    assert stderr == ""  # no progress bar when stderr is not a terminal
    assert stdout.startswith("KPI audit as of 2024-12-29: 16 people, whole organisation")
    assert "unrealistic-target" in stdout and f"Wrote {out / 'findings.json'}" in stdout
    assert document["schema_version"] == 1
    assert document["as_of"] == "2024-12-29"
    assert document["summary"]["people"] == 16
    assert document["summary"]["findings"] == len(document["findings"])
    codes = {finding["code"] for finding in document["findings"]}
    assert {"unrealistic-target", "uniform-target", "low-involvement", "locked-target", "no-purpose"} <= codes
    assert {"quantitative-only", "feedback-gap", "recognition-drought"} <= codes
    assert all(tuple(finding) == KEYS for finding in document["findings"])
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "KPI health audit" in html
    assert sorted(p.name for p in out.iterdir()) == ["findings.json", "report.html"]


def test_findings_are_sorted_by_severity_then_code_and_ids_are_stable(tmp_path: Path) -> None:
    assert main(example_args(tmp_path / "a")) == 0

    findings = load(tmp_path / "a")["findings"]
    order = [(Severity(f["severity"]).rank, f["code"]) for f in findings]
    assert order == sorted(order)
    assert [f["id"] for f in findings] == [
        finding_id(f["code"], f["team"], f["person_id"], f["kpi"]) for f in findings
    ]
    hanoi_calls = next(f for f in findings if f["code"] == "uniform-target")
    assert (hanoi_calls["team"], hanoi_calls["kpi"], hanoi_calls["severity"]) == (
        "Hanoi Sales",
        "calls",
        "warning",
    )


def test_the_same_input_gives_byte_identical_outputs(tmp_path: Path) -> None:
    assert main(example_args(tmp_path / "first")) == 0
    assert main(example_args(tmp_path / "second")) == 0

    for name in ("findings.json", "report.html"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


def test_vietnamese_report_and_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(example_args(tmp_path, "--lang", "vi")) == 0

    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in html
    assert "Đánh giá sức khỏe KPI" in html and "Nên làm gì" in html
    assert "What to do" not in html and "KPI health audit" not in html
    feedback = next(f for f in load(tmp_path)["findings"] if f["code"] == "feedback-gap")
    assert "1:1" in feedback["remedy"] and "ngày" in feedback["message"]
    assert capsys.readouterr().out.startswith("Đánh giá KPI tính đến 29/12/2024: 16 người, toàn tổ chức")


@pytest.mark.parametrize(
    ("team", "teams", "people"),
    [("Hanoi Sales", {"Hanoi Sales"}, 5), ("Sales", {"Hanoi Sales", "Saigon Sales"}, 10)],
)
def test_team_limits_everything_to_the_team_and_its_sub_teams(
    tmp_path: Path, team: str, teams: set[str], people: int
) -> None:
    assert main(example_args(tmp_path, "--team", team)) == 0

    document = load(tmp_path)
    assert document["summary"]["scope"] == team
    assert document["summary"]["people"] == people
    assert {f["team"] for f in document["findings"]} == teams
    assert {s["team"] for s in document["summary"]["scores"]} == teams
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Customer Care" not in html and "Đỗ Khánh Vy" not in html


WELLBEING = (
    "--surveys",
    str(EXAMPLES / "surveys.csv"),
    "--turnover-scores",
    str(EXAMPLES / "turnover-scores.csv"),
)


def test_surveys_and_turnover_scores_feed_the_wellbeing_radar(tmp_path: Path) -> None:
    assert main(example_args(tmp_path, *WELLBEING)) == 0

    harms = {
        (f["code"], f["team"], f["person_id"]) for f in load(tmp_path)["findings"] if f["harm"] is not None
    }
    assert ("burnout-risk", "Hanoi Sales", None) in harms
    assert {("turnover-risk", "Hanoi Sales", "H03"), ("turnover-risk", "Saigon Sales", "S04")} <= harms
    survey_codes = {"burnout-risk", "motivation-loss", "turnover-risk"}
    assert not any(team == "Customer Care" for code, team, _ in harms if code in survey_codes)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    radar = html[html.index('id="wellbeing"') : html.index('id="history"')]
    teams_with_harms = {team for _, team, _ in harms if team is not None}
    assert {"Hanoi Sales", "Saigon Sales", "Sales"} <= teams_with_harms
    assert radar.count('class="radar"') == 1 + len(teams_with_harms)  # the organisation, then each team
    assert "How people&#x27;s privacy is protected" in radar


def test_pseudonymize_leaves_no_original_id_or_name_anywhere(tmp_path: Path, key: str) -> None:
    assert main(example_args(tmp_path, "--pseudonymize", *WELLBEING)) == 0

    for name in ("findings.json", "report.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        leaked = [original for original in ORIGINAL_IDS + ORIGINAL_NAMES if original in text]
        assert leaked == [], name
    document = load(tmp_path)
    assert all(f["person_id"] is None or f["person_id"].startswith("P-") for f in document["findings"])
    assert all(f["team"] is None or f["team"].startswith("T-") for f in document["findings"])
    assert len(document["findings"]) > 40


def test_pseudonyms_are_stable_across_runs_and_change_with_the_key(
    tmp_path: Path, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(example_args(tmp_path / "a", "--pseudonymize")) == 0
    assert main(example_args(tmp_path / "b", "--pseudonymize")) == 0
    monkeypatch.setenv("KPIWELL_PSEUDONYM_KEY", "another key")
    assert main(example_args(tmp_path / "c", "--pseudonymize")) == 0

    ids = [
        [f["id"] for f in load(tmp_path / run)["findings"] if f["team"] or f["person_id"]] for run in "abc"
    ]
    people = [{f["person_id"] for f in load(tmp_path / run)["findings"]} for run in "abc"]
    assert ids[0] == ids[1] and people[0] == people[1]
    assert not set(ids[0]) & set(ids[2])
    assert not (people[0] - {None}) & people[2]


def test_without_a_key_one_is_created_privately_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KPIWELL_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    assert main(example_args(tmp_path / "a", "--pseudonymize", "--team", "Hanoi Sales")) == 0
    assert main(example_args(tmp_path / "b", "--pseudonymize", "--team", "Hanoi Sales")) == 0

    key_file = tmp_path / "home" / ".kpiwell" / "pseudonym.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert len(key_file.read_bytes()) == 64
    assert load(tmp_path / "a") == load(tmp_path / "b")
    assert load(tmp_path / "a")["summary"]["scope"].startswith("T-")


def test_baseline_marks_new_and_persisting_and_lists_the_resolved(tmp_path: Path) -> None:
    assert main(example_args(tmp_path / "before")) == 0
    plan = (EXAMPLES / "plan.csv").read_text(encoding="utf-8")
    # Hanoi lowers the call target within reach of everyone; Customer Care loses a purpose.
    fixed = plan.replace(
        "Hanoi Sales,2024-07-01,2024-12-31,Sales,calls,calls,300,",
        "Hanoi Sales,2024-07-01,2024-12-31,Sales,calls,calls,60,",
    )
    fixed = fixed.replace("Customers get their problem solved", "")
    assert fixed.count(",calls,calls,60,") == 5
    changed = tmp_path / "plan.csv"
    changed.write_text(fixed, encoding="utf-8")

    args = example_args(
        tmp_path / "after", "--baseline", str(tmp_path / "before" / "findings.json"), plan=changed
    )
    assert main(args) == 0

    before = {f["id"]: f for f in load(tmp_path / "before")["findings"]}
    after = load(tmp_path / "after")
    status = {f["id"]: f["status"] for f in after["findings"]}
    assert {i for i, s in status.items() if s == "persisting"} == set(status) & set(before)
    new = [f for f in after["findings"] if f["status"] == "new"]
    assert [(f["code"], f["team"], f["kpi"]) for f in new if f["code"] == "no-purpose"] == [
        ("no-purpose", "Customer Care", "tickets_resolved")
    ]
    resolved = after["summary"]["resolved"]
    assert {r["id"] for r in resolved} == set(before) - set(status)
    assert {(r["code"], r["person_id"], r["kpi"]) for r in resolved if r["kpi"] == "calls"} >= {
        ("unrealistic-target", f"H0{i}", "calls") for i in range(1, 6)
    }
    assert "Progress since last time" in (tmp_path / "after" / "report.html").read_text(encoding="utf-8")


def test_bad_input_lists_every_problem_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actuals = tmp_path / "actuals.csv"
    actuals.write_text(
        "person_id,kpi,period_end,value\nH01,calls,2024-01-07,12\nH01,calls,2024-01-14,lots\nX9,calls,2024-01-07,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["audit", "--plan", str(EXAMPLES / "plan.csv"), "--actuals", str(actuals), "--out", str(out)]

    assert main(args) == 2

    stdout, stderr = capsys.readouterr()
    assert stdout == ""
    assert stderr.splitlines() == [
        f'{actuals}:3:value: "lots" is not a number (use a dot for decimals)',
        f"{actuals}:4:person_id: person X9 is not in the plan",
        "Nothing was written: the input has problems.",
    ]
    assert not out.exists()


def test_more_than_a_hundred_problems_are_capped_with_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actuals = tmp_path / "actuals.csv"
    rows = "".join(f"H01,calls,2024-{1 + i // 28:02d}-{1 + i % 28:02d},n/a\n" for i in range(130))
    actuals.write_text("person_id,kpi,period_end,value\n" + rows, encoding="utf-8")

    code = main(
        [
            "audit",
            "--plan",
            str(EXAMPLES / "plan.csv"),
            "--actuals",
            str(actuals),
            "--out",
            str(tmp_path / "o"),
        ]
    )

    lines = capsys.readouterr().err.splitlines()
    assert code == 2
    assert len(lines) == 102
    assert lines[100] == "... and 30 more problems (fix these first, then run again)"


@pytest.mark.parametrize(
    ("extra", "config", "expected"),
    [
        (["--as-of", "29/12/2024"], None, '--as-of "29/12/2024" is not a date (use YYYY-MM-DD)'),
        (
            ["--team", "Marketing"],
            None,
            'there is no team "Marketing" in the plan (teams: Customer Care, Hanoi',
        ),
        ([], "this is = not [toml", "is not valid TOML"),
        ([], "[no_such_section]\nvalue = 1\n", "has a wrong setting: "),
        (["--baseline", "missing.json"], None, "missing.json: cannot read the file"),
    ],
)
def test_bad_options_are_explained_without_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    config: str | None,
    expected: str,
) -> None:
    options = list(extra)
    if config is not None:
        (tmp_path / "audit.toml").write_text(config, encoding="utf-8")
        options += ["--config", str(tmp_path / "audit.toml")]
    out = tmp_path / "out"

    code = main(example_args(out, *[o if o != "missing.json" else str(tmp_path / o) for o in options]))

    stderr = capsys.readouterr().err
    assert code == 2
    assert stderr.startswith("kpiwell audit: ") and expected in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_a_real_process_shows_no_traceback_for_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "plan.xlsx").write_bytes(b"not a workbook at all")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "kpiwell",
            "audit",
            "--plan",
            str(tmp_path / "plan.xlsx"),
            "--actuals",
            str(tmp_path / "nope.csv"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )

    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'plan.xlsx'}: cannot read the file: ")
    assert lines[1] == f"{tmp_path / 'nope.csv'}: the file does not exist"
    assert not (tmp_path / "out").exists()


def test_a_real_process_writes_everything_and_prints_its_summary_before_it_ends(tmp_path: Path) -> None:
    # The installed command ends without the interpreter's teardown (kpiwell.cli.console): the
    # files and the piped (so buffered) summary must be complete all the same.
    assert main(example_args(tmp_path / "in-process")) == 0
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    completed = subprocess.run(
        [sys.executable, "-m", "kpiwell", *example_args(tmp_path / "process")],
        capture_output=True,
        text=True,
        check=False,
        env=buffered,
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout.rstrip().endswith(
        f"Wrote {tmp_path / 'process' / 'findings.json'} and {tmp_path / 'process' / 'report.html'}"
    )
    for name in ("findings.json", "report.html"):
        assert (tmp_path / "process" / name).read_bytes() == (tmp_path / "in-process" / name).read_bytes()


def test_a_failed_write_leaves_the_previous_outputs_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(example_args(out)) == 0
    before = (out / "findings.json").read_bytes()
    shutil.rmtree(out)
    out.write_text("a file where the directory should be", encoding="utf-8")

    assert main(example_args(out, "--team", "Hanoi Sales")) == 1

    assert out.read_text(encoding="utf-8") == "a file where the directory should be"
    assert before.startswith(b'{\n  "schema_version": 1')
