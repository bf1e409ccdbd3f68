"""Each person's ``cycle_score``: the weighted mean over their assignments of capped attainment.

Attainment of one period is value / target (target / value for ``lower``), clipped to
[0, ``score.attainment_cap``]; an assignment's attainment is the mean over its in-cycle periods up to
as-of with a target > 0 (each period with the target in force then); the person's score is the mean
of their measured assignments weighted by ``weight_share``, renormalised over the measured ones.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from kpiwell.engine.audit.findings import PersonScore
from kpiwell.engine.audit.prepare import Prepared


def assignment_attainment(prepared: Prepared) -> pl.DataFrame:
    """Per aid: mean capped attainment over in-cycle periods and how many periods were measured.

    A period's attainment is value / target (target / value for ``lower``), clipped to
    [0, ``attainment_cap``]; periods without a positive target do not count.
    """
    cap = prepared.config.score.attainment_cap
    # only the columns the mean reads go through the filter (5 million rows)
    periods = prepared.observations.select("aid", "value", "target", "in_cycle").filter(
        pl.col("in_cycle") & (pl.col("target") > 0)
    )
    # ``aid`` is the row position in ``assignments``: a gather is the join. ``sign`` is never null
    # (prepare makes it +1 or -1 from the direction).
    aid = periods.get_column("aid")
    lower = (prepared.assignments.get_column("sign") < 0).gather(aid).to_numpy()
    # each row's one quotient written into one array, then clipped
    value = periods.get_column("value").to_numpy()
    target = periods.get_column("target").to_numpy()
    ratio = np.empty(periods.height)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(value, target, out=ratio)
        # the rows of ``lower`` assignments, gathered as a flag (one byte a row, not a float)
        np.divide(target, value, out=ratio, where=lower)
    attainment = pl.Series("attainment", ratio).clip(lower_bound=0.0, upper_bound=cap)
    return (
        periods.select("aid", attainment)
        .group_by("aid")
        .agg(pl.col("attainment").mean(), pl.len().alias("periods_measured"))
    )


def cycle_scores(prepared: Prepared) -> tuple[PersonScore, ...]:
    measured = prepared.assignments.select("aid", "person_id", "weight_share").join(
        assignment_attainment(prepared), on="aid", how="inner"
    )
    per_person = measured.group_by("person_id").agg(
        pl.when(pl.col("weight_share").sum() > 0)
        .then((pl.col("attainment") * pl.col("weight_share")).sum() / pl.col("weight_share").sum())
        .otherwise(pl.col("attainment").mean())
        .alias("cycle_score"),
        pl.len().alias("assignments_measured"),
    )
    rows = (
        prepared.people.select("person_id", "team")
        .join(per_person, on="person_id", how="left")
        .with_columns(pl.col("assignments_measured").fill_null(0))
        .sort("person_id")
    )
    return tuple(
        PersonScore(person_id=person_id, team=team, cycle_score=score, assignments_measured=int(measured))
        for person_id, team, score, measured in rows.select(
            "person_id", "team", "cycle_score", "assignments_measured"
        ).iter_rows()
    )
