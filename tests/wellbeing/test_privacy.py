"""k-anonymity and no differencing: group results that cannot be traced back to fewer than k people."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpiwell.engine.wellbeing.config import WellbeingConfig, WellbeingConfigError
from kpiwell.engine.wellbeing.privacy import (
    DIFFERENCING,
    TOO_FEW,
    Suppression,
    WithheldResult,
    decide_groups,
    group_results,
    suppression_counts,
    team_tree,
)

# --- the decision on counts ---------------------------------------------------------------------


def test_a_department_and_the_same_department_minus_one_small_team() -> None:
    # D = T (6) + S (2); E (5) is another department. D (8) and T (6) both reach 5, but D - T = 2
    # people of S: publishing both reveals S's mean, so T (the smaller) is suppressed.
    # Organisation 13 = D 8 + E 5: nothing left over.
    decision = decide_groups(
        respondents={"D": 8, "T": 6, "S": 2, "E": 5},
        organisation=13,
        parent={"T": "D", "S": "D", "D": None, "E": None},
    )
    assert decision.organisation_reported
    assert decision.reported == frozenset({"D", "E"})
    assert decision.suppressed == (
        Suppression(team="S", reason=TOO_FEW),
        Suppression(team="T", reason=DIFFERENCING),
    )


def test_a_department_minus_a_team_of_five_or_more_is_fine() -> None:
    # D = T (6) + S (5): D - T = 5 >= 5, everything is shown
    decision = decide_groups(
        respondents={"D": 11, "T": 6, "S": 5}, organisation=11, parent={"T": "D", "S": "D", "D": None}
    )
    assert decision.reported == frozenset({"D", "T", "S"})
    assert decision.suppressed == ()


def test_the_organisation_total_minus_all_but_one_team() -> None:
    # top-level A (5), B (5), C (2); organisation 12 is published. 12 - A - B = 2 reveals C, so one
    # of A and B goes (equal sizes: the first by name, A); then 12 - B = 7 >= 5.
    decision = decide_groups(
        respondents={"A": 5, "B": 5, "C": 2}, organisation=12, parent={"A": None, "B": None, "C": None}
    )
    assert decision.reported == frozenset({"B"})
    assert decision.suppressed == (
        Suppression(team="A", reason=DIFFERENCING),
        Suppression(team="C", reason=TOO_FEW),
    )


def test_the_organisation_minus_one_team_near_miss_is_fine() -> None:
    # A (5), B (5), C (5): 15 - A - B = 5 >= 5
    decision = decide_groups(
        respondents={"A": 5, "B": 5, "C": 5}, organisation=15, parent={"A": None, "B": None, "C": None}
    )
    assert decision.reported == frozenset({"A", "B", "C"})


def test_the_smaller_of_two_teams_is_suppressed() -> None:
    # A (9), B (6), C (1): 16 - 9 - 6 = 1 -> suppress B (6 < 9); then 16 - 9 = 7
    decision = decide_groups(
        respondents={"A": 9, "B": 6, "C": 1}, organisation=16, parent={"A": None, "B": None, "C": None}
    )
    assert decision.reported == frozenset({"A"})
    assert Suppression(team="B", reason=DIFFERENCING) in decision.suppressed


def test_a_second_group_is_suppressed_where_the_first_is_not_enough() -> None:
    # D (8) = T (6) + S (2); T (6) = U (5) + W (1); E (5) top-level. Published D, T, U, E.
    # D - T = 2 -> suppress T; now D - U = 3 -> suppress U as well; D alone then has 8.
    decision = decide_groups(
        respondents={"D": 8, "T": 6, "S": 2, "U": 5, "W": 1, "E": 5},
        organisation=13,
        parent={"D": None, "T": "D", "S": "D", "U": "T", "W": "T", "E": None},
    )
    assert decision.reported == frozenset({"D", "E"})
    assert [entry for entry in decision.suppressed if entry.reason == DIFFERENCING] == [
        Suppression(team="T", reason=DIFFERENCING),
        Suppression(team="U", reason=DIFFERENCING),
    ]


def test_a_team_of_four_is_not_shown_but_rolls_up_into_its_parent() -> None:
    # D = T (4) + 3 people directly in D = 7; E (5). T is too small; D's group includes T's people.
    decision = decide_groups(
        respondents={"D": 7, "T": 4, "E": 5}, organisation=12, parent={"T": "D", "D": None, "E": None}
    )
    assert decision.reported == frozenset({"D", "E"})
    assert decision.suppressed == (Suppression(team="T", reason=TOO_FEW),)


def test_an_organisation_with_fewer_than_five_respondents_shows_nothing() -> None:
    decision = decide_groups(respondents={"A": 4}, organisation=4, parent={"A": None})
    assert not decision.organisation_reported
    assert decision.reported == frozenset()
    assert decision.suppressed == (
        Suppression(team=None, reason=TOO_FEW),
        Suppression(team="A", reason=TOO_FEW),
    )


def test_a_lower_threshold_of_three_shows_a_team_of_three() -> None:
    decision = decide_groups(
        respondents={"A": 3, "B": 3},
        organisation=6,
        parent={"A": None, "B": None},
        config=WellbeingConfig(min_group_size=3),
    )
    assert decision.reported == frozenset({"A", "B"})


def test_a_group_size_below_three_cannot_be_configured() -> None:
    with pytest.raises(WellbeingConfigError, match="at least 3"):
        decide_groups(
            respondents={"A": 2}, organisation=2, parent={"A": None}, config=WellbeingConfig(min_group_size=2)
        )


# --- brute force over the actual respondent sets ------------------------------------------------


@st.composite
def _organisations(draw: st.DrawFn) -> tuple[dict[str, str | None], dict[str, int]]:
    size = draw(st.integers(min_value=1, max_value=7))
    parent: dict[str, str | None] = {}
    for index in range(size):
        above = draw(st.integers(min_value=-1, max_value=index - 1))
        parent[f"t{index}"] = None if above < 0 else f"t{above}"
    direct = {team: draw(st.integers(min_value=0, max_value=8)) for team in parent}
    return parent, direct


@settings(max_examples=300, deadline=None)
@given(_organisations(), st.integers(min_value=3, max_value=6))
def test_no_published_result_can_be_combined_into_fewer_than_k_people(
    organisation: tuple[dict[str, str | None], dict[str, int]], k: int
) -> None:
    parent, direct = organisation
    people = {team: {f"{team}.{n}" for n in range(count)} for team, count in direct.items()}

    def under(team: str) -> set[str]:
        result = set(people[team])
        for child, above in parent.items():
            if above == team:
                result |= under(child)
        return result

    groups = {team: frozenset(under(team)) for team in parent}
    everyone = frozenset().union(*people.values())
    decision = decide_groups(
        respondents={team: len(members) for team, members in groups.items()},
        organisation=len(everyone),
        parent=parent,
        config=WellbeingConfig(min_group_size=k),
    )
    published = [groups[team] for team in decision.reported]
    if decision.organisation_reported:
        published.append(everyone)
    for group in published:
        assert len(group) >= k
    # every difference of a published group and any disjoint published groups inside it
    for outer in published:
        inner = [group for group in published if group < outer]
        for count in range(1, len(inner) + 1):
            for chosen in combinations(inner, count):
                if any(a & b for a, b in combinations(chosen, 2)):
                    continue
                rest = outer - frozenset().union(*chosen)
                assert len(rest) == 0 or len(rest) >= k
    # and nothing is withheld without a reason: every team at or above k is published or suppressed
    suppressed = {entry.team for entry in decision.suppressed}
    for team, members in groups.items():
        if members:
            assert (team in decision.reported) != (team in suppressed)


# --- the team tree ------------------------------------------------------------------------------


def _people(rows: Sequence[tuple[str, str, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema={"person_id": pl.Utf8, "team": pl.Utf8, "parent_team": pl.Utf8}, orient="row"
    )


def test_team_tree_accepts_repeated_rows_and_parents_without_members() -> None:
    tree = team_tree(_people([("p1", "T", "D"), ("p1", "T", "D"), ("p2", "T", None), ("p3", "D", "Org")]))
    assert dict(tree.parent) == {"D": "Org", "Org": None, "T": "D"}
    assert tree.members.rows() == [("p1", "T"), ("p2", "T"), ("p3", "D")]
    ancestry = {(team, group) for team, group in tree.ancestry.rows()}
    assert ("T", "Org") in ancestry
    assert ("T", "T") in ancestry
    assert ("D", "T") not in ancestry


def test_team_tree_rejects_a_person_in_two_teams() -> None:
    with pytest.raises(ValueError, match="1 person\\(s\\) belong to more than one team"):
        team_tree(_people([("p1", "A", None), ("p1", "B", None)]))


def test_team_tree_rejects_a_team_with_two_parents() -> None:
    with pytest.raises(ValueError, match="team T has more than one parent_team"):
        team_tree(_people([("p1", "T", "D"), ("p2", "T", "E")]))


def test_team_tree_rejects_a_cycle() -> None:
    with pytest.raises(ValueError, match="leads back to itself"):
        team_tree(_people([("p1", "A", "B"), ("p2", "B", "A")]))


# --- group results ------------------------------------------------------------------------------


def _scores(rows: list[tuple[str, str, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(person, 1, instrument, score, None) for person, instrument, score in rows],
        schema={
            "person_id": pl.Utf8,
            "round": pl.Int64,
            "instrument": pl.Utf8,
            "score": pl.Float64,
            "flagged": pl.Boolean,
        },
        orient="row",
    )


def test_group_results_roll_a_small_team_into_its_department() -> None:
    # D: T has 4 people (WHO-5 40 each), 3 people directly in D (WHO-5 60 each) -> D mean
    # (4 x 40 + 3 x 60) / 7 = 340 / 7 = 48.57 over 7; E: 5 people at 80.
    # Organisation (12): (340 + 400) / 12 = 61.67.
    rows = [(f"t{n}", "T", "D") for n in range(4)] + [(f"d{n}", "D", None) for n in range(3)]
    rows += [(f"e{n}", "E", None) for n in range(5)]
    tree = team_tree(_people(rows))
    scores = _scores(
        [(f"t{n}", "who5", 40.0) for n in range(4)]
        + [(f"d{n}", "who5", 60.0) for n in range(3)]
        + [(f"e{n}", "who5", 80.0) for n in range(5)]
    )
    results = group_results(scores, tree)
    shown = {row["team"]: (row["respondents"], row["mean"]) for row in results.reported.to_dicts()}
    assert shown.keys() == {None, "D", "E"}
    assert shown["D"][0] == 7
    assert shown["D"][1] == pytest.approx(340 / 7)
    assert shown["E"] == (5, 80.0)
    assert shown[None][0] == 12
    assert shown[None][1] == pytest.approx(740 / 12)
    assert results.withheld == (WithheldResult(team="T", instrument="who5", round=1, reason=TOO_FEW),)
    assert suppression_counts(results.withheld) == {TOO_FEW: 1}


def test_group_results_compute_enps_per_group() -> None:
    # 6 people in A: answers 10, 9, 8, 3, 2, 0 -> promoters 2, detractors 3: (2 - 3) / 6 = -16.67
    tree = team_tree(_people([(f"a{n}", "A", None) for n in range(6)]))
    scores = _scores([(f"a{n}", "enps", float(answer)) for n, answer in enumerate([10, 9, 8, 3, 2, 0])])
    results = group_results(scores, tree)
    team_a = results.reported.filter(pl.col("team") == "A").row(0, named=True)
    assert team_a["mean"] == pytest.approx(-100 / 6)
    assert team_a["respondents"] == 6


def test_group_results_ignore_people_without_a_score_or_outside_the_tree() -> None:
    tree = team_tree(_people([(f"a{n}", "A", None) for n in range(5)]))
    rows = [(f"a{n}", "who5", 50.0) for n in range(4)] + [("stranger", "who5", 10.0)]
    scores = pl.concat(
        [
            _scores(rows),
            _scores([("a4", "who5", 0.0)]).with_columns(pl.lit(None, dtype=pl.Float64).alias("score")),
        ]
    )
    results = group_results(scores, tree)
    assert results.reported.height == 0
    assert {entry.team for entry in results.withheld} == {None, "A"}
