"""Time ``kpiwell audit`` on the generated organisation against a DuckDB floor, in the same run.

The floor is DuckDB reading the same actuals CSV and computing, per person x KPI, the mean, the
standard deviation, the median and the count: the least work any audit of that file must do. Each
side runs in its own process; wall time comes from the clock and peak memory from that child's
resource usage (``os.wait4``), so neither measurement includes the other.

    python benchmarks/generate.py          # once: writes benchmarks/data/
    python benchmarks/run.py [--repeat 3] [--data benchmarks/data]

Prints each run, the best of each side, and the ratio; the goal is audit <= 2.5x the floor and
peak memory under 1.5 GB (issue 3).
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
        floor_command = [sys.executable, "-c", DUCKDB_FLOOR, str(data / "actuals.csv")]
        audits: list[Measurement] = []
        floors: list[Measurement] = []
        for round_ in range(1, args.repeat + 1):
            floors.append(measure(floor_command))
            audits.append(measure(audit_command))
            print(
                f"round {round_}: duckdb {floors[-1].seconds:6.2f} s {floors[-1].peak_mb:7.0f} MB   "
                f"kpiwell audit {audits[-1].seconds:6.2f} s {audits[-1].peak_mb:7.0f} MB"
            )
        sizes = {name: (Path(out) / name).stat().st_size / 1e6 for name in ("findings.json", "report.html")}
    floor = min(m.seconds for m in floors)
    best = min(m.seconds for m in audits)
    peak = max(m.peak_mb for m in audits)
    print()
    print(f"machine: {os.cpu_count()} cores; actuals {(data / 'actuals.csv').stat().st_size / 1e6:.0f} MB")
    print(
        f"duckdb floor (best of {args.repeat}): {floor:.2f} s, peak {max(m.peak_mb for m in floors):.0f} MB"
    )
    print(f"kpiwell audit (best of {args.repeat}): {best:.2f} s, peak {peak:.0f} MB")
    print(f"ratio: {best / floor:.2f}x (goal <= {GOAL_RATIO}x); memory goal < {GOAL_MEMORY_MB} MB")
    print(
        f"outputs: findings.json {sizes['findings.json']:.1f} MB, report.html {sizes['report.html']:.2f} MB"
    )
    print(audits[-1].output.strip().splitlines()[0])


if __name__ == "__main__":
    main()
