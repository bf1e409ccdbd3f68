"""Privacy, tested: no individual answer or score reaches a finding, the suppressions or an error."""

from __future__ import annotations

import json
from dataclasses import asdict
from itertools import permutations

import pytest

from kpiwell.engine.wellbeing.config import WellbeingConfig
from kpiwell.engine.wellbeing.instruments import cbi_work, who5
from kpiwell.engine.wellbeing.radar import SurveyOutcome, survey_findings
from tests.wellbeing.builders import AS_OF, ROUND_1, ROUND_2, Org

# Work-related CBI answers with distinctive scores (item 4 reversed; sum of steps x 25 / 7):
T_CBI = [
    [4, 4, 4, 1, 4, 3, 2],  # 4+4+4+3+4+3+2 = 24 -> 85.714
    [3, 4, 3, 2, 3, 3, 4],  # 22 -> 78.571
    [4, 3, 3, 0, 4, 4, 3],  # 25 -> 89.286
    [2, 3, 3, 1, 3, 2, 3],  # 19 -> 67.857
    [3, 3, 2, 2, 2, 3, 2],  # 17 -> 60.714
    [4, 4, 3, 1, 4, 4, 4],  # 26 -> 92.857
]
S_CBI = [
    [0, 0, 1, 4, 0, 1, 0],  # 2 -> 7.143
    [1, 0, 0, 3, 1, 0, 0],  # 3 -> 10.714
]
T_WHO5 = [36, 44, 52, 28, 20, 56]  # mean 236 / 6 = 39.33
T_WHO5_BEFORE = [76, 84, 68, 92, 88, 64]  # mean 472 / 6 = 78.67
S_WHO5 = [12, 4]
E_WHO5 = [96, 92, 100, 88, 96]


def _organisation() -> tuple[Org, list[float]]:
    """D = T (6) + S (2); E (5) is a second department. Returns the data and every individual score."""
    org = Org()
    t = org.team("T", 6, parent="D")
    s = org.team("S", 2, parent="D")
    e = org.team("E", 5)
    for person, answers in zip(t + s, T_CBI + S_CBI, strict=True):
        org.answer(person, ROUND_2, "cbi-work", answers)
    org.who5(t, ROUND_1, T_WHO5_BEFORE)
    org.who5(t, ROUND_2, T_WHO5)
    org.who5(s, ROUND_2, S_WHO5)
    org.who5(e, ROUND_2, E_WHO5)
    org.enps(t + s, ROUND_2, [0, 1, 2, 3, 4, 10, 5, 6])
    individual = [score.score for score in (cbi_work(a) for a in T_CBI + S_CBI) if score is not None]
    individual += [float(value) for value in T_WHO5 + T_WHO5_BEFORE + S_WHO5 + E_WHO5]
    return org, individual


def _run(org: Org) -> SurveyOutcome:
    return survey_findings(
        surveys=org.surveys(), people=org.people_frame(), config=WellbeingConfig(), as_of=AS_OF
    )


def _serialised(outcome: SurveyOutcome) -> str:
    return json.dumps(
        {
            "findings": [asdict(finding) for finding in outcome.findings],
            "suppressed": outcome.suppressed,
            "withheld": [asdict(entry) for entry in outcome.withheld],
        },
        default=str,
    )


def test_the_distinctive_dataset_produces_findings() -> None:
    # the checks below only mean something when there are findings to search. D (8 people):
    # CBI (24 + 22 + 25 + 19 + 17 + 26 + 2 + 3) x 25 / 7 / 8 = 3450 / 56 = 61.6 >= 50;
    # WHO-5 (236 + 16) / 8 = 31.5 < 50, down from T's 472 / 6 = 78.7 in round 1 (T was all of D);
    # eNPS: one promoter (10), seven detractors -> (1 - 7) / 8 = -75
    outcome = _run(_organisation()[0])
    assert {(finding.code, finding.team) for finding in outcome.findings} == {
        ("burnout-risk", "D"),
        ("motivation-loss", "D"),
        ("turnover-risk", "D"),
    }
    burnout = next(finding for finding in outcome.findings if finding.code == "burnout-risk")
    assert burnout.evidence["cbi_work_mean"] == 61.6
    assert burnout.evidence["who5_mean"] == 31.5


def _result_values(outcome: SurveyOutcome) -> list[float]:
    """Every number a finding carries except respondent counts and configured thresholds."""
    settings = {"cutoff", "share_percent", "threshold"}
    values: list[float] = []
    for finding in outcome.findings:
        for name, value in [*finding.evidence.items(), *finding.params.items()]:
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if name in settings or name == "respondents" or name.endswith("_respondents"):
                continue
            values.append(float(value))
    return values


def test_no_individual_score_appears_in_any_finding() -> None:
    org, individual = _organisation()
    outcome = _run(org)
    values = _result_values(outcome)
    assert len(values) >= 8  # group means and changes of three findings
    for score in individual:
        assert not any(abs(value - score) < 0.05 for value in values), score


def test_only_group_numbers_appear_in_the_serialised_outcome() -> None:
    # the serialised outcome holds only the group means (61.6, 31.5, 78.7), the change (47.2),
    # eNPS -75, counts, thresholds and round dates; no individual CBI score with decimals
    org, individual = _organisation()
    text = _serialised(_run(org))
    for score in individual:
        if not float(score).is_integer():
            assert f"{score:.1f}" not in text
            assert f"{score:.2f}" not in text


def test_no_person_id_appears_in_any_finding_or_suppression() -> None:
    org, _ = _organisation()
    text = _serialised(_run(org))
    for person, _team, _parent in org.people:
        assert person not in text


def test_no_two_published_results_combine_into_the_small_teams_answers() -> None:
    # S's two people have CBI 7.14 and 10.71 (mean 8.93) and WHO-5 12 and 4 (mean 8). Whatever two
    # published results of one instrument are subtracted, S's mean must not come out.
    org, _ = _organisation()
    outcome = _run(org)
    published: dict[str, list[tuple[int, float]]] = {"cbi_work": [], "who5": []}
    for finding in outcome.findings:
        for prefix, results in published.items():
            if f"{prefix}_mean" in finding.evidence:
                results.append(
                    (finding.evidence[f"{prefix}_respondents"], finding.evidence[f"{prefix}_mean"])
                )
    secrets = {"cbi_work": (7.143 + 10.714) / 2, "who5": 8.0}
    for prefix, results in published.items():
        for (n1, m1), (n2, m2) in permutations(results, 2):
            if 0 < n1 - n2 < 5:
                derived = (n1 * m1 - n2 * m2) / (n1 - n2)
                assert abs(derived - secrets[prefix]) > 1.0


def test_small_and_differencing_groups_are_reported_by_count_and_reason_only() -> None:
    org, _ = _organisation()
    outcome = _run(org)
    # per instrument in round 2: S too few, T withheld (D - T = S); WHO-5 round 1: T alone = the
    # whole organisation (6), so nothing differs there
    assert outcome.suppressed == {"differencing": 3, "too-few-respondents": 3}
    assert {(entry.team, entry.reason) for entry in outcome.withheld} == {
        ("T", "differencing"),
        ("S", "too-few-respondents"),
    }


@pytest.mark.parametrize(
    ("call", "secret"),
    [
        (lambda: who5([4, 4, 4, 4, 4242]), "4242"),
        (lambda: cbi_work([1, 1, 1, 1, 1, 1, 3131]), "3131"),
    ],
)
def test_scalar_errors_never_contain_the_answer(call: object, secret: str) -> None:
    assert callable(call)
    with pytest.raises(ValueError) as caught:
        call()
    assert secret not in str(caught.value)


def test_audit_errors_never_contain_the_answer_or_the_person() -> None:
    org = Org()
    team = org.team("A", 5)
    org.answer(team[2], ROUND_2, "who5", [1, 2, 3, 4, 5757])
    with pytest.raises(ValueError) as caught:
        _run(org)
    message = str(caught.value)
    assert "5757" not in message
    assert team[2] not in message
    assert "1 row(s) with response out of range in column response" in message
