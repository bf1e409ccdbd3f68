"""Cause 1, targets that ignore capacity: ``unrealistic-target``, ``safe-target``, ``uniform-target``.

All three read the attainment model (``kpiwell.engine.audit.attainment``); targets <= 0 (a "zero
incidents" standard rather than a capacity target) are never judged.
"""

from __future__ import annotations

import polars as pl

from kpiwell.engine.audit.findings import Severity
from kpiwell.engine.audit.rules.base import AuditContext, RuleOutput, emit


def assessed(ctx: AuditContext) -> pl.DataFrame:
    """Assignments joined with their model, for the rules that judge a target."""
    return ctx.prepared.assignments.select(
        "aid", "person_id", "team", "kpi", "kind", "direction", "sign", "current_target"
    ).join(ctx.model, on="aid", how="inner")


def unrealistic_target(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.unrealistic_target
    flagged = (
        assessed(ctx)
        .filter(
            (pl.col("current_target") > 0)
            & pl.col("p_attain").is_not_null()
            & (ctx.decide(pl.col("p_attain")) < cfg.warning_below)
        )
        .with_columns(
            pl.when(ctx.decide(pl.col("p_attain")) < cfg.critical_below)
            .then(pl.lit(Severity.CRITICAL.value))
            .otherwise(pl.lit(Severity.WARNING.value))
            .alias("severity"),
            pl.col("current_target").alias("target"),
        )
    )
    return RuleOutput(
        findings=emit(
            flagged,
            code="unrealistic-target",
            cause=1,
            harm=None,
            severity="severity",
            person="person_id",
            kpi="kpi",
            evidence=(
                "p_attain",
                "history_periods",
                "suggested_target",
                "target",
                "direction",
                "own_median",
                "projected_level",
            ),
            extra={"suggest_probability": ctx.config.attainment.suggest_probability},
        )
    )


def safe_flags(ctx: AuditContext) -> pl.DataFrame:
    """Assignments whose target is a safe bet (also read by ``innovation-suppressed``)."""
    min_history = ctx.config.attainment.min_history_periods
    return assessed(ctx).filter(
        (pl.col("current_target") > 0)
        & (pl.col("history_periods") >= min_history)
        & pl.col("p_attain").is_not_null()
        & (ctx.decide(pl.col("p_attain")) > ctx.config.safe_target.p_above)
        & (pl.col("sign") * (pl.col("current_target") - pl.col("own_median")) < 0)
    )


def safe_target(ctx: AuditContext) -> RuleOutput:
    flagged = safe_flags(ctx).with_columns(pl.col("current_target").alias("target"))
    return RuleOutput(
        findings=emit(
            flagged,
            code="safe-target",
            cause=None,
            harm=None,
            severity=Severity.INFO,
            person="person_id",
            kpi="kpi",
            evidence=("p_attain", "target", "own_median", "history_periods", "direction"),
        )
    )


def uniform_target(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.uniform_target
    min_history = ctx.config.attainment.min_history_periods
    rows = assessed(ctx).filter(pl.col("current_target") > 0)
    modal = (
        rows.group_by("team", "kpi", "current_target")
        .agg(pl.len().alias("sharing"))
        .sort(["team", "kpi", "sharing", "current_target"], descending=[False, False, True, True])
        .group_by("team", "kpi", maintain_order=True)
        .first()
    )
    capacity = pl.col("own_median").filter(pl.col("history_periods") >= min_history)
    teams = rows.group_by("team", "kpi").agg(
        pl.len().alias("members"),
        capacity.count().alias("members_with_history"),
        capacity.mean().alias("capacity_mean"),
        capacity.std(ddof=1).alias("capacity_sd"),
        capacity.min().alias("capacity_min"),
        capacity.median().alias("capacity_median"),
        capacity.max().alias("capacity_max"),
    )
    flagged = (
        teams.join(modal, on=["team", "kpi"])
        .with_columns(
            (pl.col("sharing") / pl.col("members")).alias("shared_share"),
            (pl.col("capacity_sd") / pl.col("capacity_mean")).alias("capacity_cv"),
            pl.col("current_target").alias("shared_target"),
        )
        .filter(
            (pl.col("members") >= cfg.min_members)
            & (pl.col("members_with_history") >= cfg.min_members)
            & (pl.col("capacity_mean") > 0)
            & (ctx.decide(pl.col("shared_share")) >= cfg.min_shared_share)
            & (ctx.decide(pl.col("capacity_cv")) >= cfg.min_capacity_cv)
        )
        .sort("team", "kpi")
    )
    return RuleOutput(
        findings=emit(
            flagged,
            code="uniform-target",
            cause=1,
            harm=None,
            severity=Severity.WARNING,
            kpi="kpi",
            evidence=(
                "shared_target",
                "shared_share",
                "members",
                "members_with_history",
                "capacity_cv",
                "capacity_min",
                "capacity_median",
                "capacity_max",
            ),
        )
    )
