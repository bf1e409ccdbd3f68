"""Cause 2, no employee involvement: ``low-involvement`` (team)."""

from __future__ import annotations

import polars as pl

from kpiwell.engine.audit.findings import Note, Severity
from kpiwell.engine.audit.rules.base import AuditContext, RuleOutput, emit

INVOLVED = ("employee", "co-created")


def low_involvement(ctx: AuditContext) -> RuleOutput:
    cfg = ctx.config.low_involvement
    teams = (
        ctx.prepared.assignments.group_by("team")
        .agg(
            pl.len().alias("assignments"),
            pl.col("set_by").is_not_null().sum().alias("known_assignments"),
            pl.col("set_by").is_in(list(INVOLVED)).fill_null(False).sum().alias("involved_assignments"),
        )
        .with_columns((pl.col("involved_assignments") / pl.col("known_assignments")).alias("involved_share"))
        .sort("team")
    )
    flagged = teams.filter(
        (pl.col("known_assignments") > 0) & (ctx.decide(pl.col("involved_share")) < cfg.min_involved_share)
    )
    unknown = teams.filter(pl.col("known_assignments") == 0).get_column("team").to_list()
    return RuleOutput(
        findings=emit(
            flagged,
            code="low-involvement",
            cause=2,
            harm=None,
            severity=Severity.WARNING,
            evidence=("involved_share", "involved_assignments", "known_assignments", "assignments"),
        ),
        notes=tuple(Note(key="note.set-by-unknown", params={"team": team}) for team in unknown),
    )
