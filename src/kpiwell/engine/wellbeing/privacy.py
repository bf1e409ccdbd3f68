"""Group survey results without exposing anyone: k-anonymity and no differencing.

Groups. Every team is a group of everyone under it: the people of the team itself and of all its
sub-teams (a department's result includes its teams, as a department result normally does). The
organisation total, everyone, is a group too, and is treated as published whenever it is large
enough, so nothing can be worked out by subtracting teams from it.

Rule 1, k-anonymity. A group's result for an instrument in a round is reported only when at least
``min_group_size`` different people (5 by default, never below 3) answered it. A smaller team is not
shown ("not enough responses"); its people still count in every group above it, so its answers roll
up into its ``parent_team``'s result.

Rule 2, no differencing. Two published results must not combine into the result of fewer than
``min_group_size`` people. Because every person belongs to exactly one team and groups are subtrees,
the respondent sets of groups are laminar: any two are nested or disjoint. Everything that can be
derived from the published groups by adding and subtracting is then a union of their *atoms*: for
each published group, its respondents minus those of the published groups directly inside it (for
the organisation total: everyone minus all published top-level groups). The difference of two nested
groups, or the organisation minus all-but-one team, is such a union. So the check is: every non-empty
atom must have at least ``min_group_size`` people. Where an atom is non-empty and smaller, the
smallest published group directly inside it is suppressed (ties: by team name), which merges its
atom into the outer one; this repeats until every atom is empty or large enough. Suppressing a group
only ever merges atoms, so fixing one atom cannot break another, and one pass over the groups fixes
them all. On laminar sets the sizes of these differences are differences of counts, so the check
runs on counts per group rather than on lists of people.

What is returned names groups (teams) and reasons, never a respondent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import polars as pl

from kpiwell.engine.wellbeing.config import DEFAULT_CONFIG, WellbeingConfig
from kpiwell.engine.wellbeing.instruments import ENPS, enps_expr

TOO_FEW: Final = "too-few-respondents"
DIFFERENCING: Final = "differencing"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class TeamTree:
    """Who is in which team, and which teams are inside which."""

    parent: Mapping[str, str | None]  # team -> parent team; None = directly under the organisation
    members: pl.DataFrame  # person_id, team (one row per person)
    ancestry: pl.DataFrame  # team, group: the team itself and every team above it


@dataclass(frozen=True, slots=True, kw_only=True)
class Suppression:
    team: str | None  # None = the organisation total
    reason: str  # TOO_FEW | DIFFERENCING


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupDecision:
    """Which groups of one instrument in one round may be shown."""

    organisation_reported: bool
    reported: frozenset[str]
    suppressed: tuple[Suppression, ...]  # sorted: organisation first, then by team


@dataclass(frozen=True, slots=True, kw_only=True)
class WithheldResult:
    team: str | None  # None = the organisation total
    instrument: str
    round: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class GroupResults:
    """The results that may be shown, and the ones that may not (with the reason)."""

    reported: pl.DataFrame  # see GROUP_RESULTS_SCHEMA; team null = the organisation total
    withheld: tuple[WithheldResult, ...]


GROUP_RESULTS_SCHEMA: Final = pl.Schema(
    {
        "instrument": pl.Utf8,
        "round": pl.Int64,
        "team": pl.Utf8,  # null for the organisation total
        "respondents": pl.Int64,
        "mean": pl.Float64,  # mean score; for eNPS the eNPS itself
        "flagged_share": pl.Float64,  # share of respondents at the instrument's cut-off; null for eNPS
    }
)


def team_tree(people: pl.DataFrame) -> TeamTree:
    """Build the team hierarchy from ``person_id``, ``team`` and ``parent_team``.

    Rows may repeat (a plan has one row per person and KPI). Raises ``ValueError`` when a person is
    in more than one team, a team has more than one parent, a team or person is missing, or the
    parents form a cycle.
    """
    rows = people.select(
        pl.col("person_id").cast(pl.Utf8), pl.col("team").cast(pl.Utf8), pl.col("parent_team").cast(pl.Utf8)
    ).unique()
    missing = rows.filter(pl.col("person_id").is_null() | pl.col("team").is_null()).height
    if missing:
        raise ValueError(f"people: {missing} row(s) without a person_id or team")
    members = rows.select("person_id", "team").unique()
    in_two = members.group_by("person_id").len().filter(pl.col("len") > 1).height
    if in_two:
        raise ValueError(f"people: {in_two} person(s) belong to more than one team")
    parents = (
        rows.filter(pl.col("parent_team").is_not_null())
        .select("team", "parent_team")
        .unique()
        .sort("team", "parent_team")
    )
    conflicting = parents.group_by("team").len().filter(pl.col("len") > 1).get_column("team").sort()
    if conflicting.len():
        raise ValueError(f"people: team {conflicting[0]} has more than one parent_team")
    parent: dict[str, str | None] = dict.fromkeys(members.get_column("team").unique().sort().to_list())
    for team, above in parents.iter_rows():
        parent[team] = above
        parent.setdefault(above, None)
    chains: dict[str, list[str]] = {}
    for team in sorted(parent):
        chain = [team]
        above = parent[team]
        while above is not None:
            if above in chain:
                raise ValueError(f"people: the parent_team of team {team} leads back to itself")
            chain.append(above)
            above = parent[above]
        chains[team] = chain
    # one row per team and group it counts in, built flat: a list column to explode costs 10x more
    ancestry = pl.DataFrame(
        {
            "team": [team for team, chain in chains.items() for _ in chain],
            "group": [group for chain in chains.values() for group in chain],
        },
        schema={"team": pl.Utf8, "group": pl.Utf8},
    )
    return TeamTree(parent=parent, members=members.sort("person_id"), ancestry=ancestry)


def decide_groups(
    *,
    respondents: Mapping[str, int],
    organisation: int,
    parent: Mapping[str, str | None],
    config: WellbeingConfig = DEFAULT_CONFIG,
) -> GroupDecision:
    """Decide which groups of one instrument in one round may be shown.

    ``respondents`` maps each team to the number of different people under it (itself and its
    sub-teams) who answered; ``organisation`` is everyone who answered; ``parent`` is the team
    hierarchy. Rule 1 drops groups below ``config.min_group_size``; rule 2 then suppresses groups
    until every atom (see the module docstring) is empty or at least ``min_group_size``.
    """
    k = config.min_group_size
    answered = {team: count for team, count in respondents.items() if count > 0}
    if organisation < k:
        suppressed = [Suppression(team=None, reason=TOO_FEW)] if organisation > 0 else []
        suppressed += [Suppression(team=team, reason=TOO_FEW) for team in sorted(answered)]
        return GroupDecision(organisation_reported=False, reported=frozenset(), suppressed=tuple(suppressed))
    reported = {team for team, count in answered.items() if count >= k}
    too_few = [Suppression(team=team, reason=TOO_FEW) for team in sorted(answered) if team not in reported]

    children: dict[str | None, set[str]] = {None: set()}
    for team in reported:
        children.setdefault(team, set())
        above = parent.get(team)
        while above is not None and above not in reported:
            above = parent.get(above)
        children.setdefault(above, set()).add(team)

    def size(group: str | None) -> int:
        return organisation if group is None else answered[group]

    # each atom as a count: the group's size less the reported groups directly inside it
    atom = {
        group: size(group) - sum(answered[child] for child in inside) for group, inside in children.items()
    }
    differencing: list[Suppression] = []
    # Suppressing a group merges its atom into the one directly around it and changes no other, so
    # an atom fixed earlier in the pass stays fixed: one pass leaves every atom empty or large enough.
    for group in [None, *sorted(reported)]:
        if group is not None and group not in reported:
            continue
        inside = children[group]
        while 0 < atom[group] < k and inside:
            smallest = min(inside, key=lambda team: (answered[team], team))
            inside.discard(smallest)
            inside.update(children.pop(smallest))
            atom[group] += atom.pop(smallest)
            reported.discard(smallest)
            differencing.append(Suppression(team=smallest, reason=DIFFERENCING))
    suppressed = sorted(too_few + differencing, key=lambda entry: entry.team or "")
    return GroupDecision(
        organisation_reported=True, reported=frozenset(reported), suppressed=tuple(suppressed)
    )


def group_results(
    scores: pl.DataFrame, tree: TeamTree, *, config: WellbeingConfig = DEFAULT_CONFIG
) -> GroupResults:
    """Aggregate per-person scores into the group results that may be shown.

    ``scores`` has ``person_id``, ``round``, ``instrument``, ``score`` and ``flagged`` (as from
    :func:`kpiwell.engine.wellbeing.instruments.score_responses`); rows with a null score and people
    outside ``tree`` do not count. Every (instrument, round) is decided separately with
    :func:`decide_groups`; only reported groups appear in ``reported``.
    """
    scored = scores.filter(pl.col("score").is_not_null()).join(tree.members, on="person_id", how="inner")
    in_groups = scored.join(tree.ancestry, on="team", how="inner")
    score = pl.col("score")
    aggregates = [
        pl.len().cast(pl.Int64).alias("respondents"),
        pl.when(pl.col("instrument").first() == ENPS)
        .then(enps_expr(score, config=config))
        .otherwise(score.mean())
        .alias("mean"),
        pl.col("flagged").cast(pl.Float64).mean().alias("flagged_share"),
    ]
    teams = (
        in_groups.group_by("instrument", "round", "group")
        .agg(aggregates)
        .rename({"group": "team"})
        .select(list(GROUP_RESULTS_SCHEMA))
        .cast(GROUP_RESULTS_SCHEMA)
    )
    organisation = (
        scored.group_by("instrument", "round")
        .agg(aggregates)
        .with_columns(pl.lit(None, dtype=pl.Utf8).alias("team"))
        .select(list(GROUP_RESULTS_SCHEMA))
        .cast(GROUP_RESULTS_SCHEMA)
    )
    counts = teams.group_by("instrument", "round").agg(pl.col("team"), pl.col("respondents"))
    totals = dict(
        zip(
            zip(organisation.get_column("instrument"), organisation.get_column("round"), strict=True),
            organisation.get_column("respondents"),
            strict=True,
        )
    )
    keep: list[tuple[str, int, str | None]] = []
    withheld: list[WithheldResult] = []
    for instrument, round_number, team_names, team_counts in counts.sort("instrument", "round").iter_rows():
        decision = decide_groups(
            respondents=dict(zip(team_names, team_counts, strict=True)),
            organisation=totals[(instrument, round_number)],
            parent=tree.parent,
            config=config,
        )
        if decision.organisation_reported:
            keep.append((instrument, round_number, None))
        keep.extend((instrument, round_number, team) for team in sorted(decision.reported))
        withheld.extend(
            WithheldResult(team=entry.team, instrument=instrument, round=round_number, reason=entry.reason)
            for entry in decision.suppressed
        )
    allowed = pl.DataFrame(
        keep, schema={"instrument": pl.Utf8, "round": pl.Int64, "team": pl.Utf8}, orient="row"
    )
    reported = (
        pl.concat([organisation, teams])
        .join(allowed, on=["instrument", "round", "team"], how="semi", nulls_equal=True)
        .sort("instrument", "round", "team", nulls_last=False)
    )
    return GroupResults(reported=reported, withheld=tuple(withheld))


def suppression_counts(withheld: tuple[WithheldResult, ...]) -> dict[str, int]:
    """Counts of withheld results per reason (for the report's privacy note)."""
    counts: dict[str, int] = {}
    for entry in withheld:
        counts[entry.reason] = counts.get(entry.reason, 0) + 1
    return dict(sorted(counts.items()))
