"""Where the time of ``kpiwell audit`` goes: each stage timed in one process with ``time.perf_counter``.

Runs the same steps as ``kpiwell.cli.audit`` (read and validate, audit, chart data, findings.json,
report.html) on the generated organisation and prints each stage's best time over the repeats.
Stage timings in one process are steadier than whole-process times on a shared machine.

    python benchmarks/stages.py [--surveys] [--repeat 3] [--data benchmarks/data]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--surveys", action="store_true", help="also read and audit surveys.csv")
    args = parser.parse_args()
    data: Path = args.data

    start = time.perf_counter()
    from kpiwell.cli import audit as cli

    imported = time.perf_counter() - start
    from kpiwell.engine.audit import audit
    from kpiwell.engine.audit.io import read_inputs
    from kpiwell.engine.audit.report import render_report, report_data
    from kpiwell.engine.audit.serialize import findings_json_chunks

    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(args.repeat):
        times: dict[str, float] = {}

        def lap(name: str, began: float, times: dict[str, float] = times) -> float:
            now = time.perf_counter()
            times[name] = now - began
            return now

        t0 = time.perf_counter()
        inputs = read_inputs(
            plan=data / "plan.csv",
            actuals=data / "actuals.csv",
            checkins=data / "checkins.csv",
            recognition=data / "recognition.csv",
            surveys=data / "surveys.csv" if args.surveys else None,
        )
        t = lap("read and validate inputs", t0)
        result = audit(
            inputs.plan,
            inputs.actuals,
            inputs.checkins,
            inputs.recognition,
            None,
            None,
            targets=inputs.targets,
            surveys=inputs.surveys if args.surveys else None,
            turnover=inputs.turnover,
        )
        t = lap("audit()", t)
        report = report_data(result=result, plan=inputs.plan, actuals=inputs.actuals, targets=inputs.targets)
        t = lap("report data (chart series)", t)
        # as the command does: findings.json made piece by piece and written by a second thread
        # meanwhile, then the report rendered while the last pieces are written
        with cli._Staged(Path("/tmp/kpiwell-stages")) as staged:
            chunks = findings_json_chunks(report.result, lang="en", people=report.people.height)
            staged.add("findings.json", chunks)
            t = lap("findings.json (incl. messages)", t)
            page = render_report(report, "en")
            t = lap("render report.html", t)
            staged.add("report.html", page)
        lap("finish writing", t)
        times["total (after imports)"] = time.perf_counter() - t0
        for name, seconds in times.items():
            best[name] = min(best[name], seconds)
        print("  ".join(f"{name}: {seconds:.2f}" for name, seconds in times.items()), flush=True)
    print()
    print(f"import kpiwell.cli.audit: {imported:.2f} s (first run in this process)")
    print(f"findings: {len(result.findings):,}; best of {args.repeat}:")
    for name, seconds in best.items():
        print(f"  {name:<40} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
