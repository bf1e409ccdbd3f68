"""Each step of ``kpiwell audit --surveys`` timed once in this (fresh) process, with its page faults.

``stages.py`` repeats the whole command in one process, where later runs reuse memory the first
one touched; this script runs it once, as the command does, and prints each step's wall time, CPU
time (user and system) and minor page faults, including the imports. Run it a few times and take
the best of each line.

    python benchmarks/fresh.py [--data benchmarks/data]

Steps: importing Polars, NumPy and the command; reading and validating; prepare; importing SciPy's
special functions (which the attainment model would otherwise import); the attainment model;
the attainment rows; the rules; the survey radar and the cycle scores (a side thread in the
command, one after the other here); the report's chart data; findings.json; report.html; the
rest of writing.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Laps:
    def __init__(self) -> None:
        self.began = time.perf_counter()
        self.last = (self.began, *self._usage())

    @staticmethod
    def _usage() -> tuple[float, float, int]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime, usage.ru_stime, usage.ru_minflt

    def lap(self, name: str) -> None:
        now, (user, system, faults) = time.perf_counter(), self._usage()
        then, user0, system0, faults0 = self.last
        print(
            f"{name:<34} wall {now - then:6.3f} s  user {user - user0:6.3f}  sys {system - system0:6.3f}"
            f"  faults {faults - faults0:8,}",
            flush=True,
        )
        self.last = (now, user, system, faults)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=HERE / "data")
    data: Path = parser.parse_args().data
    laps = Laps()
    import numpy  # noqa: F401  # timed on its own line
    import polars as pl

    laps.lap("import polars and numpy")
    from kpiwell.cli import audit as cli
    from kpiwell.engine.audit import AuditResult, FindingSet, _survey_outcome
    from kpiwell.engine.audit.attainment import fit_attainment
    from kpiwell.engine.audit.config import AuditConfig
    from kpiwell.engine.audit.io import read_inputs
    from kpiwell.engine.audit.prepare import prepare
    from kpiwell.engine.audit.report import render_report, report_data
    from kpiwell.engine.audit.rules import RULES, AuditContext
    from kpiwell.engine.audit.rules.base import attainment_rows
    from kpiwell.engine.audit.scores import cycle_scores
    from kpiwell.engine.audit.serialize import findings_json_chunks

    laps.lap("import the command")
    inputs = read_inputs(
        plan=data / "plan.csv",
        actuals=data / "actuals.csv",
        checkins=data / "checkins.csv",
        recognition=data / "recognition.csv",
        surveys=data / "surveys.csv",
    )
    laps.lap("read and validate inputs")
    prepared = prepare(
        plan=inputs.plan,
        actuals=inputs.actuals,
        targets=inputs.targets,
        checkins=inputs.checkins,
        recognition=inputs.recognition,
        turnover=inputs.turnover,
        surveys=inputs.surveys,
        as_of=None,
        config=AuditConfig(),
    )
    laps.lap("prepare")
    from scipy import special  # noqa: F401  # as the attainment model imports it on first use

    laps.lap("import scipy.special")
    model = fit_attainment(prepared)
    laps.lap("attainment model")
    periods = attainment_rows(prepared)
    laps.lap("attainment rows")
    context = AuditContext(prepared=prepared, fitted=lambda: model, periods=periods)
    outputs = [rule(context) for rule in RULES.values()]
    laps.lap("rules")
    survey = _survey_outcome(prepared)
    laps.lap("survey radar")
    scores = cycle_scores(prepared)
    laps.lap("cycle scores")
    assert survey is not None
    result = AuditResult(
        as_of=prepared.as_of,
        findings=FindingSet(
            batches=[batch for out in outputs for batch in out.findings], listed=survey.findings
        ),
        scores=scores,
        notes=(),
        suppressed=dict(survey.suppressed),
        note_details=(),
    )
    report = report_data(result=result, plan=inputs.plan, actuals=inputs.actuals, targets=inputs.targets)
    laps.lap("report data (chart series)")
    with cli._Staged(Path("/tmp/kpiwell-fresh")) as staged:
        staged.add(
            "findings.json", findings_json_chunks(report.result, lang="en", people=report.people.height)
        )
        laps.lap("findings.json (written meanwhile)")
        page = render_report(report, "en")
        laps.lap("render report.html")
        staged.add("report.html", page)
    laps.lap("finish writing")
    print(f"{'total':<34} wall {time.perf_counter() - laps.began:6.3f} s ({pl.__version__=})")
    os._exit(0)  # as the command ends: no teardown of a gigabyte of frames


if __name__ == "__main__":
    main()
