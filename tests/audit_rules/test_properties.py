"""Properties that hold for any input: monotone in the target, unit-free, order-free."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpiwell.engine.audit import audit, frames
from kpiwell.engine.audit.attainment import fit_attainment
from kpiwell.engine.audit.config import AuditConfig
from kpiwell.engine.audit.findings import AuditResult
from kpiwell.engine.audit.prepare import prepare

from .builders import CYCLE_START, assignment, plan

FIRST = CYCLE_START - timedelta(weeks=30)
PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

values = st.integers(min_value=0, max_value=5000).map(lambda v: v / 10)


@st.composite
def organisations(draw: st.DrawFn) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """2-5 people in 1-2 teams with 1-2 KPIs each, ragged weekly histories and per-period targets."""
    people = draw(st.integers(min_value=2, max_value=5))
    rows: list[dict[str, Any]] = []
    actual_rows: list[dict[str, Any]] = []
    target_rows: list[dict[str, Any]] = []
    for index in range(people):
        person = f"p{index}"
        team = draw(st.sampled_from(["A", "B"]))
        for kpi in draw(st.sampled_from([["sales"], ["sales", "rating"], ["time"]])):
            direction = "lower" if kpi == "time" else "higher"
            kind = "qualitative" if kpi == "rating" else "quantitative"
            rows.append(
                assignment(
                    person,
                    team=team,
                    kpi=kpi,
                    kind=kind,
                    direction=direction,
                    target=draw(values),
                    set_by=draw(st.sampled_from(["manager", "employee", None])),
                    purpose=draw(st.sampled_from(["why", None])),
                    weight=draw(st.sampled_from([None, 20.0, 80.0])),
                )
            )
            start = draw(st.integers(min_value=0, max_value=40))
            length = draw(st.integers(min_value=0, max_value=50 - start))
            for week in range(start, start + length):
                actual_rows.append(
                    {
                        "person_id": person,
                        "kpi": kpi,
                        "period_end": FIRST + timedelta(weeks=week),
                        "value": draw(values),
                        "recorded_at": None,
                    }
                )
            for week in draw(st.lists(st.integers(min_value=30, max_value=60), max_size=3, unique=True)):
                target_rows.append(
                    {
                        "person_id": person,
                        "kpi": kpi,
                        "period_end": FIRST + timedelta(weeks=week),
                        "target": draw(values),
                    }
                )
    return (
        plan(*rows),
        pl.DataFrame(actual_rows, schema=frames.ACTUALS_SCHEMA, orient="row"),
        pl.DataFrame(target_rows, schema=frames.TARGETS_SCHEMA, orient="row"),
    )


AS_OF = FIRST + timedelta(weeks=49)


def run(org: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> AuditResult:
    rows, actual, per_period = org
    return audit(rows, actual, as_of=AS_OF, targets=per_period)


def subjects(result: AuditResult) -> list[tuple[str, str | None, str | None, str | None, str]]:
    return [(f.code, f.team, f.person_id, f.kpi, f.severity.value) for f in result.findings]


def p_attain(rows: pl.DataFrame, actual: pl.DataFrame, per_period: pl.DataFrame) -> list[float | None]:
    prepared = prepare(
        plan=rows,
        actuals=actual,
        targets=per_period,
        checkins=None,
        recognition=None,
        turnover=None,
        surveys=None,
        as_of=AS_OF,
        config=AuditConfig(),
    )
    return fit_attainment(prepared).get_column("p_attain").to_list()


@PROPERTY_SETTINGS
@given(
    org=organisations(),
    raise_by=st.integers(min_value=1, max_value=2000).map(lambda v: v / 10),
    who=st.integers(0, 20),
)
def test_raising_a_target_never_raises_p_attain(
    org: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame], raise_by: float, who: int
) -> None:
    rows, actual, per_period = org
    index = who % rows.height
    rows = rows.with_columns(pl.lit("higher").alias("direction"))
    raised = rows.with_columns(
        pl.when(pl.int_range(pl.len()) == index)
        .then(pl.col("target") + raise_by)
        .otherwise(pl.col("target"))
        .alias("target")
    )
    mine = (pl.col("person_id") == rows["person_id"][index]) & (pl.col("kpi") == rows["kpi"][index])
    raised_periods = per_period.with_columns(
        pl.when(mine).then(pl.col("target") + raise_by).otherwise(pl.col("target")).alias("target")
    )
    before = p_attain(rows, actual, per_period)
    after = p_attain(raised, actual, raised_periods)
    assert before[:index] + before[index + 1 :] == after[:index] + after[index + 1 :]
    assert (before[index] is None) == (after[index] is None)  # None only for a KPI nobody has values of
    assert (after[index] or 0.0) <= (before[index] or 0.0)


@PROPERTY_SETTINGS
@given(org=organisations())
def test_multiplying_values_and_targets_by_1000_changes_no_finding(
    org: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame],
) -> None:
    rows, actual, per_period = org
    scaled = (
        rows.with_columns(pl.col("target") * 1000),
        actual.with_columns(pl.col("value") * 1000),
        per_period.with_columns(pl.col("target") * 1000),
    )
    assert subjects(run(scaled)) == subjects(run(org))


@PROPERTY_SETTINGS
@given(org=organisations(), seed=st.integers(min_value=0, max_value=2**16))
def test_shuffling_row_order_changes_nothing(
    org: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame], seed: int
) -> None:
    rows, actual, per_period = org
    shuffled = (
        rows.sample(fraction=1.0, shuffle=True, seed=seed),
        actual.sample(fraction=1.0, shuffle=True, seed=seed),
        per_period.sample(fraction=1.0, shuffle=True, seed=seed),
    )
    original, reordered = run(org), run(shuffled)
    assert reordered.findings == original.findings
    assert reordered.scores == original.scores
    assert reordered.note_details == original.note_details


def test_the_generated_organisations_do_produce_findings() -> None:
    # Guards the properties above against vacuity: a fixed example with findings of several codes.
    rows = plan(
        assignment("a", target=100.0, set_by="manager", purpose=None),
        assignment("b", target=100.0, set_by="manager"),
        assignment("c", target=10.0, direction="lower"),
    )
    actual = pl.DataFrame(
        [
            {
                "person_id": p,
                "kpi": "sales",
                "period_end": FIRST + timedelta(weeks=w),
                "value": v,
                "recorded_at": None,
            }
            for p, v in (("a", 60.0), ("b", 180.0), ("c", 30.0))
            for w in range(40)
        ],
        schema=frames.ACTUALS_SCHEMA,
        orient="row",
    )
    empty = pl.DataFrame(schema=frames.TARGETS_SCHEMA)
    found = {code for code, *_ in subjects(run((rows, actual, empty)))}
    scaled = {
        code
        for code, *_ in subjects(
            run(
                (
                    rows.with_columns(pl.col("target") * 1000),
                    actual.with_columns(pl.col("value") * 1000),
                    empty,
                )
            )
        )
    }
    assert (
        found
        == scaled
        == {
            "unrealistic-target",
            "safe-target",
            "low-involvement",
            "no-purpose",
            "quantitative-only",
            "chronic-pressure",
        }
    )
