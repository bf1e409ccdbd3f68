"""The survey-based findings of the wellbeing radar: about teams, never about a person.

Three codes come from surveys (issue 4), each for a team whose result the privacy rules allow to be
shown (:mod:`kpiwell.engine.wellbeing.privacy`); a team's group is everyone under it:

* ``burnout-risk`` (harm 5, critical): in the latest round, the team's mean work-related CBI score is
  at or above 50, or at least 30% of its respondents score at or above 50, or its mean WHO-5 score is
  below 50;
* ``motivation-loss`` (harm 3, warning; the team part of the code): the team's mean WHO-5 score fell
  by 10 points or more between the two latest rounds;
* ``turnover-risk`` (harm 7, warning; the team part of the code): the team's eNPS is below -10 in the
  latest round, or fell by 20 points or more between the two latest rounds.

Evidence carries only group numbers: the rules that fired, the rounds, each involved instrument's
group mean and respondent count, and a share of respondents only as "at or above 30%".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import polars as pl

from kpiwell.engine.audit.findings import Finding, Severity
from kpiwell.engine.audit.frames import SURVEYS_SCHEMA
from kpiwell.engine.wellbeing.config import WellbeingConfig
from kpiwell.engine.wellbeing.instruments import (
    CBI_WORK,
    ENPS,
    WHO5,
    check_responses,
    score_checked_responses,
)
from kpiwell.engine.wellbeing.privacy import (
    WithheldResult,
    group_results,
    suppression_counts,
    team_tree,
)
from kpiwell.engine.wellbeing.rounds import (
    SurveyRound,
    assign_rounds,
    latest_answers,
    latest_two,
    survey_rounds,
)

__all__ = ["SurveyOutcome", "WellbeingConfig", "survey_findings"]

BURNOUT_RISK: Final = "burnout-risk"
MOTIVATION_LOSS: Final = "motivation-loss"
TURNOVER_RISK: Final = "turnover-risk"

HARM: Final[dict[str, int]] = {MOTIVATION_LOSS: 3, BURNOUT_RISK: 5, TURNOVER_RISK: 7}  # issue 4
SEVERITY: Final[dict[str, Severity]] = {
    BURNOUT_RISK: Severity.CRITICAL,
    MOTIVATION_LOSS: Severity.WARNING,
    TURNOVER_RISK: Severity.WARNING,
}
RADAR_INSTRUMENTS: Final = (WHO5, CBI_WORK, ENPS)

# Rule names as they appear in evidence["rules"], in the order that picks a finding's message.
RULES: Final[dict[str, tuple[str, ...]]] = {
    BURNOUT_RISK: ("cbi-work-mean", "cbi-work-share", "who5-mean"),
    MOTIVATION_LOSS: ("who5-fall",),
    TURNOVER_RISK: ("enps-low", "enps-fall"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class SurveyOutcome:
    """What the audit takes from the surveys."""

    findings: tuple[Finding, ...]  # sorted by severity, code, team
    suppressed: dict[str, int] = field(default_factory=dict)  # withheld group results per reason
    withheld: tuple[WithheldResult, ...] = ()  # which group results were withheld, and why
    now: SurveyRound | None = None  # the latest round on or before as_of
    previous: SurveyRound | None = None  # the round before it


def _results_of(
    reported: pl.DataFrame, instrument: str, round_number: int | None, prefix: str
) -> pl.DataFrame:
    columns: dict[str, pl.DataType] = {
        "team": pl.Utf8(),
        f"{prefix}_mean": pl.Float64(),
        f"{prefix}_n": pl.Int64(),
    }
    if instrument == CBI_WORK:
        columns[f"{prefix}_share"] = pl.Float64()
    schema = pl.Schema(columns)
    if round_number is None:
        return pl.DataFrame(schema=schema)
    return (
        reported.filter(
            (pl.col("instrument") == instrument)
            & (pl.col("round") == round_number)
            & pl.col("team").is_not_null()
        )
        .select(
            "team",
            pl.col("mean").alias(f"{prefix}_mean"),
            pl.col("respondents").alias(f"{prefix}_n"),
            pl.col("flagged_share").alias(f"{prefix}_share"),
        )
        .select(list(schema))
        .cast(schema)
    )


def _team_table(reported: pl.DataFrame, now: int, previous: int | None) -> pl.DataFrame:
    parts = [
        _results_of(reported, CBI_WORK, now, "cbi"),
        _results_of(reported, WHO5, now, "who5"),
        _results_of(reported, WHO5, previous, "who5_prev"),
        _results_of(reported, ENPS, now, "enps"),
        _results_of(reported, ENPS, previous, "enps_prev"),
    ]
    teams = pl.concat([part.select("team") for part in parts]).unique()
    for part in parts:
        teams = teams.join(part, on="team", how="left")
    return teams.sort("team")


def _rule_columns(config: WellbeingConfig) -> list[pl.Expr]:
    def decided(expr: pl.Expr) -> pl.Expr:
        return expr.round(config.decision_decimals)

    def fired(expr: pl.Expr) -> pl.Expr:
        return expr.fill_null(False)

    return [
        fired(decided(pl.col("cbi_mean")) >= config.cbi_burnout_at_or_above).alias("cbi-work-mean"),
        fired(decided(pl.col("cbi_share")) >= config.burnout_share_at_or_above).alias("cbi-work-share"),
        fired(decided(pl.col("who5_mean")) < config.who5_poor_below).alias("who5-mean"),
        fired(
            decided(pl.col("who5_mean") - pl.col("who5_prev_mean")) <= -config.team_who5_fall_at_least
        ).alias("who5-fall"),
        fired(decided(pl.col("enps_mean")) < config.enps_turnover_below).alias("enps-low"),
        fired(decided(pl.col("enps_mean") - pl.col("enps_prev_mean")) <= -config.enps_fall_at_least).alias(
            "enps-fall"
        ),
    ]


def _number(value: float, decimals: int) -> float | int:
    rounded = round(value, decimals)
    return int(rounded) if float(rounded).is_integer() else rounded


def _round_evidence(prefix: str, span: SurveyRound) -> dict[str, Any]:
    return {f"{prefix}_start": span.start.isoformat(), f"{prefix}_end": span.end.isoformat()}


def _finding(
    code: str,
    team: str,
    rules: list[str],
    evidence: dict[str, Any],
    params: dict[str, Any],
) -> Finding:
    primary = rules[0]
    return Finding(
        code=code,
        cause=None,
        harm=HARM[code],
        severity=SEVERITY[code],
        team=team,
        person_id=None,
        kpi=None,
        evidence={"rules": rules, **evidence},
        message_key=f"code.{code}.message.team-{primary}",
        remedy_key=f"code.{code}.remedy.team",
        params={"team": team, **params},
    )


def _team_findings(
    row: dict[str, Any], now: SurveyRound, previous: SurveyRound | None, config: WellbeingConfig
) -> list[Finding]:
    d = config.evidence_decimals
    team: str = row["team"]
    findings: list[Finding] = []

    def fired(code: str) -> list[str]:
        return [rule for rule in RULES[code] if row[rule]]

    burnout = fired(BURNOUT_RISK)
    if burnout:
        evidence = _round_evidence("round", now)
        if "cbi-work-mean" in burnout or "cbi-work-share" in burnout:
            evidence["cbi_work_mean"] = _number(row["cbi_mean"], d)
            evidence["cbi_work_respondents"] = row["cbi_n"]
        if "cbi-work-share" in burnout:
            evidence["cbi_work_share"] = config.share_evidence
        if "who5-mean" in burnout:
            evidence["who5_mean"] = _number(row["who5_mean"], d)
            evidence["who5_respondents"] = row["who5_n"]
        primary = burnout[0]
        if primary == "who5-mean":
            params: dict[str, Any] = {
                "mean": evidence["who5_mean"],
                "respondents": row["who5_n"],
                "cutoff": _number(config.who5_poor_below, d),
            }
        else:
            params = {
                "mean": evidence["cbi_work_mean"],
                "respondents": row["cbi_n"],
                "cutoff": _number(config.cbi_burnout_at_or_above, d),
                "share_percent": round(config.burnout_share_at_or_above * 100),
            }
        findings.append(_finding(BURNOUT_RISK, team, burnout, evidence, params))

    motivation = fired(MOTIVATION_LOSS)
    if motivation and previous is not None:
        change = _number(row["who5_mean"] - row["who5_prev_mean"], d)
        evidence = {
            **_round_evidence("round", now),
            **_round_evidence("previous_round", previous),
            "who5_mean": _number(row["who5_mean"], d),
            "who5_respondents": row["who5_n"],
            "who5_previous_mean": _number(row["who5_prev_mean"], d),
            "who5_previous_respondents": row["who5_prev_n"],
            "who5_change": change,
        }
        params = {
            "mean": evidence["who5_mean"],
            "previous_mean": evidence["who5_previous_mean"],
            "fall": abs(change),
            "respondents": row["who5_n"],
            "threshold": _number(config.team_who5_fall_at_least, d),
        }
        findings.append(_finding(MOTIVATION_LOSS, team, motivation, evidence, params))

    turnover = fired(TURNOVER_RISK)
    if turnover:
        evidence = {
            **_round_evidence("round", now),
            "enps": _number(row["enps_mean"], d),
            "enps_respondents": row["enps_n"],
        }
        params = {
            "enps": evidence["enps"],
            "respondents": row["enps_n"],
            "cutoff": _number(config.enps_turnover_below, d),
        }
        if "enps-fall" in turnover and previous is not None:
            change = _number(row["enps_mean"] - row["enps_prev_mean"], d)
            evidence.update(_round_evidence("previous_round", previous))
            evidence["enps_previous"] = _number(row["enps_prev_mean"], d)
            evidence["enps_previous_respondents"] = row["enps_prev_n"]
            evidence["enps_change"] = change
            params["previous_enps"] = evidence["enps_previous"]
            params["fall"] = abs(change)
        findings.append(_finding(TURNOVER_RISK, team, turnover, evidence, params))
    return findings


def survey_findings(
    *, surveys: pl.DataFrame, people: pl.DataFrame, config: WellbeingConfig, as_of: date
) -> SurveyOutcome:
    """The team-level survey findings of the radar, as of ``as_of``.

    ``surveys`` follows :data:`kpiwell.engine.audit.frames.SURVEYS_SCHEMA`; responses dated after
    ``as_of`` are ignored, and so are responses of people not in ``people`` (``person_id``, ``team``,
    ``parent_team``; rows may repeat). Rounds, latest answers, scoring and the privacy rules are
    those of :mod:`~kpiwell.engine.wellbeing.rounds`, :mod:`~kpiwell.engine.wellbeing.instruments`
    and :mod:`~kpiwell.engine.wellbeing.privacy`; only the two latest rounds are scored.

    Raises ``ValueError`` for unscorable responses (counts per column and problem, never values) and
    for an inconsistent team hierarchy.
    """
    frame = surveys.select([pl.col(name).cast(dtype) for name, dtype in SURVEYS_SCHEMA.items()]).filter(
        pl.col("date") <= as_of
    )
    if frame.height == 0:
        return SurveyOutcome(findings=())
    check_responses(frame)
    with_rounds = assign_rounds(frame, config=config)
    now, previous = latest_two(survey_rounds(with_rounds))
    if now is None:
        return SurveyOutcome(findings=())
    used = [now.number] if previous is None else [previous.number, now.number]
    answers = latest_answers(
        with_rounds.filter(pl.col("round").is_in(used) & pl.col("instrument").is_in(RADAR_INSTRUMENTS))
    )
    if answers.height == 0:
        return SurveyOutcome(findings=(), now=now, previous=previous)
    # every row was checked above, and latest_answers keeps one answer per item
    scores = score_checked_responses(answers, config=config)
    results = group_results(scores, team_tree(people), config=config)
    table = _team_table(results.reported, now.number, None if previous is None else previous.number)
    flagged = table.with_columns(_rule_columns(config))
    any_rule = pl.any_horizontal([rule for rules in RULES.values() for rule in rules])
    findings = [
        finding
        for row in flagged.filter(any_rule).iter_rows(named=True)
        for finding in _team_findings(row, now, previous, config)
    ]
    return SurveyOutcome(
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        suppressed=suppression_counts(results.withheld),
        withheld=results.withheld,
        now=now,
        previous=previous,
    )
