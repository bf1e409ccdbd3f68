"""Cause 4 and purpose: ``quantitative-only`` (person) and ``no-purpose`` (team x KPI)."""

from __future__ import annotations

import polars as pl

from kpiwell.engine.audit.findings import Severity
from kpiwell.engine.audit.rules.base import AuditContext, RuleOutput, emit


def quantitative_only(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.quantitative_only
    qualitative = pl.col("kind") == "qualitative"
    people = (
        ctx.prepared.assignments.group_by("person_id")
        .agg(
            pl.col("weight_share").filter(qualitative).sum().alias("qualitative_weight"),
            qualitative.sum().alias("qualitative_kpis"),
            pl.len().alias("kpis"),
        )
        .join(ctx.prepared.people.select("person_id", "team"), on="person_id")
        .filter(ctx.decide(pl.col("qualitative_weight")) < cfg.min_qualitative_weight)
        .sort("person_id")
    )
    return RuleOutput(
        findings=emit(
            people,
            code="quantitative-only",
            cause=4,
            harm=None,
            severity=Severity.WARNING,
            person="person_id",
            evidence=("qualitative_weight", "qualitative_kpis", "kpis"),
            extra={"min_qualitative_weight": cfg.min_qualitative_weight},
        )
    )


def no_purpose(ctx: AuditContext) -> RuleOutput:
    teams = (
        ctx.prepared.assignments.group_by("team", "kpi")
        .agg(
            pl.col("purpose").is_null().sum().alias("without_purpose"),
            pl.len().alias("assignments"),
        )
        .filter(pl.col("without_purpose") > 0)
        .sort("team", "kpi")
    )
    return RuleOutput(
        findings=emit(
            teams,
            code="no-purpose",
            cause=None,
            harm=None,
            severity=Severity.INFO,
            kpi="kpi",
            evidence=("without_purpose", "assignments"),
        )
    )
