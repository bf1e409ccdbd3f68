"""Time ``kpiwell audit`` on the generated organisation against a DuckDB floor, in the same run.

The floor is DuckDB reading the same actuals CSV and computing, per person x KPI, the mean, the
standard deviation, the median and the count: the least work any audit of that file must do. Each
side runs in its own process; wall time comes from the clock and peak memory from that child's
resource usage (``os.wait4``), so neither measurement includes the other.

    python benchmarks/generate.py          # once: writes benchmarks/data/
    python benchmarks/run.py [--repeat 3] [--data benchmarks/data]

The audit is timed twice per round: without surveys (issue 3) and with ``--surveys`` for everyone
(issue 4, whose done-when asks that this stays within the same goal). Prints each run, the best of
each, and both ratios; the goal is audit <= 2.5x the floor and peak memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOAL_RATIO = 2.5
GOAL_MEMORY_MB = 1536

DUCKDB_FLOOR = """
import sys, duckdb
con = duckdb.connect()
rows = con.execute(
    "SELECT person_id, kpi, avg(value), stddev_samp(value), quantile_cont(value, 0.5), count(*) "
    "FROM read_csv(?, header = true) GROUP BY person_id, kpi",
    [sys.argv[1]],
).fetchall()
print(len(rows))
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Measurement:
    seconds: float
    peak_mb: float
    output: str


def measure(command: list[str]) -> Measurement:
    """Wall time and peak resident memory of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    stdout = child.stdout.read() if child.stdout else ""
    stderr = child.stderr.read() if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{stderr}")
    return Measurement(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, output=stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data: Path = args.data
    if not (data / "actuals.csv").is_file():
        raise SystemExit(f"no {data / 'actuals.csv'}: run benchmarks/generate.py first")
    kpiwell = [sys.executable, "-m", "kpiwell", "audit"]
    with tempfile.TemporaryDirectory() as out:
        audit_command = [
            *kpiwell,
            "--plan", str(data / "plan.csv"),
            "--actuals", str(data / "actuals.csv"),
            "--checkins", str(data / "checkins.csv"),
            "--recognition", str(data / "recognition.csv"),
            "--out", out,
        ]  # fmt: skip
        surveys_command = [*audit_command, "--surveys", str(data / "surveys.csv")]
        floor_command = [sys.executable, "-c", DUCKDB_FLOOR, str(data / "actuals.csv")]
        with_surveys = (data / "surveys.csv").is_file()
        if not with_surveys:
            print(f"no {data / 'surveys.csv'}: timing without surveys only (rerun benchmarks/generate.py)")
        audits: list[Measurement] = []
        surveyed: list[Measurement] = []
        floors: list[Measurement] = []
        sizes: dict[str, float] = {}
        for round_ in range(1, args.repeat + 1):
            floors.append(measure(floor_command))
            audits.append(measure(audit_command))
            line = (
                f"round {round_}: duckdb {floors[-1].seconds:6.2f} s {floors[-1].peak_mb:5.0f} MB   "
                f"audit {audits[-1].seconds:6.2f} s {audits[-1].peak_mb:5.0f} MB"
            )
            if with_surveys:
                surveyed.append(measure(surveys_command))
                line += f"   with surveys {surveyed[-1].seconds:6.2f} s {surveyed[-1].peak_mb:5.0f} MB"
            print(line, flush=True)
            if round_ == 1:
                sizes = {n: (Path(out) / n).stat().st_size / 1e6 for n in ("findings.json", "report.html")}
    floor = min(m.seconds for m in floors)
    print()
    print(f"machine: {os.cpu_count()} cores; actuals {(data / 'actuals.csv').stat().st_size / 1e6:.0f} MB")
    print(
        f"duckdb floor (best of {args.repeat}): {floor:.2f} s, peak {max(m.peak_mb for m in floors):.0f} MB"
    )
    for label, runs in (("kpiwell audit", audits), ("kpiwell audit --surveys", surveyed)):
        if not runs:
            continue
        best = min(m.seconds for m in runs)
        peak = max(m.peak_mb for m in runs)
        verdict = "met" if best / floor <= GOAL_RATIO and peak < GOAL_MEMORY_MB else "NOT met"
        print(
            f"{label + ':':<25} best {best:5.2f} s  ratio {best / floor:4.2f}x  peak {peak:5.0f} MB  "
            f"(goal <= {GOAL_RATIO}x, < {GOAL_MEMORY_MB} MB: {verdict})"
        )
    print(
        f"outputs: findings.json {sizes['findings.json']:.1f} MB, report.html {sizes['report.html']:.2f} MB"
        " (the last run's)"
    )
    print((surveyed or audits)[-1].output.strip().splitlines()[0])


if __name__ == "__main__":
    main()
