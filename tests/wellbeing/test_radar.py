"""The survey-based radar findings: burnout-risk, motivation-loss and turnover-risk for teams."""

from __future__ import annotations

from datetime import date

import pytest

from kpiwell.engine.audit.findings import Finding, Severity
from kpiwell.engine.wellbeing.config import WellbeingConfig
from kpiwell.engine.wellbeing.privacy import DIFFERENCING, TOO_FEW
from kpiwell.engine.wellbeing.radar import SurveyOutcome, survey_findings
from kpiwell.engine.wellbeing.rounds import SurveyRound
from tests.wellbeing.builders import AS_OF, ROUND_1, ROUND_2, Org

CONFIG = WellbeingConfig()


def _run(org: Org, *, as_of: date = AS_OF, config: WellbeingConfig = CONFIG) -> SurveyOutcome:
    return survey_findings(surveys=org.surveys(), people=org.people_frame(), config=config, as_of=as_of)


def _codes(outcome: SurveyOutcome) -> set[tuple[str, str | None]]:
    return {(finding.code, finding.team) for finding in outcome.findings}


def _only(outcome: SurveyOutcome, code: str, team: str) -> Finding:
    matches = [f for f in outcome.findings if f.code == code and f.team == team]
    assert len(matches) == 1, outcome.findings
    return matches[0]


# --- burnout-risk -------------------------------------------------------------------------------


def test_burnout_risk_when_the_work_cbi_mean_reaches_fifty() -> None:
    # five people at 50 each (answers 2, item 4 reversed: (4 - 2) x 25 = 50) -> mean 50 >= 50;
    # all five are at 50, so the share rule (100% >= 30%) fires too
    org = Org()
    team = org.team("A", 5)
    org.cbi_work(team, ROUND_2, [2, 2, 2, 2, 2])
    finding = _only(_run(org), "burnout-risk", "A")
    assert finding.harm == 5
    assert finding.cause is None
    assert finding.severity is Severity.CRITICAL
    assert finding.person_id is None
    assert finding.kpi is None
    assert finding.evidence == {
        "rules": ["cbi-work-mean", "cbi-work-share"],
        "round_start": "2025-03-03",
        "round_end": "2025-03-03",
        "cbi_work_mean": 50,
        "cbi_work_respondents": 5,
        "cbi_work_share": "at or above 30%",
    }
    assert finding.message_key == "code.burnout-risk.message.team-cbi-work-mean"
    assert finding.remedy_key == "code.burnout-risk.remedy.team"
    assert finding.params == {
        "team": "A",
        "mean": 50,
        "respondents": 5,
        "cutoff": 50,
        "share_percent": 30,
    }


def test_burnout_risk_when_a_third_of_respondents_reach_fifty_although_the_mean_does_not() -> None:
    # 2 of 6 at 75, 4 at 25: share 2/6 = 33% >= 30%; mean (150 + 100) / 6 = 41.67 < 50
    org = Org()
    team = org.team("A", 6)
    org.cbi_work(team, ROUND_2, [3, 3, 1, 1, 1, 1])
    finding = _only(_run(org), "burnout-risk", "A")
    assert finding.evidence["rules"] == ["cbi-work-share"]
    assert finding.evidence["cbi_work_mean"] == 41.7
    assert finding.evidence["cbi_work_share"] == "at or above 30%"
    assert finding.message_key == "code.burnout-risk.message.team-cbi-work-share"


def test_burnout_risk_at_exactly_thirty_percent() -> None:
    # 3 of 10 at 75, 7 at 25: share 3/10 = 30% (no floating-point miss); mean (225 + 175) / 10 = 40
    org = Org()
    team = org.team("A", 10)
    org.cbi_work(team, ROUND_2, [3, 3, 3, 1, 1, 1, 1, 1, 1, 1])
    assert _only(_run(org), "burnout-risk", "A").evidence["rules"] == ["cbi-work-share"]


def test_no_burnout_risk_with_two_of_seven_at_fifty_and_a_low_mean() -> None:
    # 2 of 7 at 75: share 28.6% < 30%; mean (150 + 125) / 7 = 39.3 < 50
    org = Org()
    team = org.team("A", 7)
    org.cbi_work(team, ROUND_2, [3, 3, 1, 1, 1, 1, 1])
    assert _run(org).findings == ()


def test_burnout_risk_when_the_who5_mean_is_below_fifty() -> None:
    # five people at 48 (raw 12): mean 48 < 50
    org = Org()
    team = org.team("A", 5)
    org.who5(team, ROUND_2, [48, 48, 48, 48, 48])
    finding = _only(_run(org), "burnout-risk", "A")
    assert finding.evidence == {
        "rules": ["who5-mean"],
        "round_start": "2025-03-03",
        "round_end": "2025-03-03",
        "who5_mean": 48,
        "who5_respondents": 5,
    }
    assert finding.message_key == "code.burnout-risk.message.team-who5-mean"
    assert finding.params == {"team": "A", "mean": 48, "respondents": 5, "cutoff": 50}


def test_no_burnout_risk_when_the_who5_mean_is_exactly_fifty() -> None:
    # 48 + 52 + 48 + 52 + 50... 50 is not a WHO-5 percentage (a multiple of 4), so: 48, 52, 48, 52,
    # 44, 56 -> 300 / 6 = 50, which is not below 50
    org = Org()
    team = org.team("A", 6)
    org.who5(team, ROUND_2, [48, 52, 48, 52, 44, 56])
    assert _run(org).findings == ()


# --- motivation-loss ----------------------------------------------------------------------------


def test_motivation_loss_when_the_team_who5_mean_falls_ten_points() -> None:
    # round 1: six at 72 -> 72; round 2: 60, 64, 60, 64, 60, 64 -> 372 / 6 = 62: a fall of 10
    org = Org()
    team = org.team("A", 6)
    org.who5(team, ROUND_1, [72] * 6)
    org.who5(team, ROUND_2, [60, 64, 60, 64, 60, 64])
    outcome = _run(org)
    assert _codes(outcome) == {("motivation-loss", "A")}
    finding = _only(outcome, "motivation-loss", "A")
    assert finding.harm == 3
    assert finding.severity is Severity.WARNING
    assert finding.evidence == {
        "rules": ["who5-fall"],
        "round_start": "2025-03-03",
        "round_end": "2025-03-03",
        "previous_round_start": "2025-01-06",
        "previous_round_end": "2025-01-06",
        "who5_mean": 62,
        "who5_respondents": 6,
        "who5_previous_mean": 72,
        "who5_previous_respondents": 6,
        "who5_change": -10,
    }
    assert finding.message_key == "code.motivation-loss.message.team-who5-fall"
    assert finding.params == {
        "team": "A",
        "mean": 62,
        "previous_mean": 72,
        "fall": 10,
        "respondents": 6,
        "threshold": 10,
    }
    assert outcome.now == SurveyRound(number=2, start=ROUND_2, end=ROUND_2)
    assert outcome.previous == SurveyRound(number=1, start=ROUND_1, end=ROUND_1)


def test_no_motivation_loss_for_a_fall_of_nine_and_a_third() -> None:
    # round 2: 64, 60, 64, 60, 64, 64 -> 376 / 6 = 62.67: a fall of 9.33 from 72
    org = Org()
    team = org.team("A", 6)
    org.who5(team, ROUND_1, [72] * 6)
    org.who5(team, ROUND_2, [64, 60, 64, 60, 64, 64])
    assert _run(org).findings == ()


def test_no_motivation_loss_for_a_rise() -> None:
    org = Org()
    team = org.team("A", 5)
    org.who5(team, ROUND_1, [60] * 5)
    org.who5(team, ROUND_2, [80] * 5)
    assert _run(org).findings == ()


# --- turnover-risk ------------------------------------------------------------------------------


def test_turnover_risk_when_enps_is_below_minus_ten() -> None:
    # 9, 7, 7, 3, 3: one promoter, two detractors -> (1 - 2) / 5 = -20 < -10
    org = Org()
    team = org.team("A", 5)
    org.enps(team, ROUND_2, [9, 7, 7, 3, 3])
    finding = _only(_run(org), "turnover-risk", "A")
    assert finding.harm == 7
    assert finding.severity is Severity.WARNING
    assert finding.evidence == {
        "rules": ["enps-low"],
        "round_start": "2025-03-03",
        "round_end": "2025-03-03",
        "enps": -20,
        "enps_respondents": 5,
    }
    assert finding.message_key == "code.turnover-risk.message.team-enps-low"
    assert finding.remedy_key == "code.turnover-risk.remedy.team"


def test_no_turnover_risk_at_exactly_minus_ten() -> None:
    # ten answers: promoters 9, 10; detractors 0, 5, 6; passives 7, 7, 8, 8, 8 -> (2 - 3) / 10 = -10
    org = Org()
    team = org.team("A", 10)
    org.enps(team, ROUND_2, [9, 10, 0, 5, 6, 7, 7, 8, 8, 8])
    assert _run(org).findings == ()


def test_turnover_risk_when_enps_falls_twenty_points() -> None:
    # round 1: 9, 9, 9, 7, 3 -> (3 - 1) / 5 = +40; round 2: 9, 9, 7, 7, 3 -> (2 - 1) / 5 = +20
    org = Org()
    team = org.team("A", 5)
    org.enps(team, ROUND_1, [9, 9, 9, 7, 3])
    org.enps(team, ROUND_2, [9, 9, 7, 7, 3])
    finding = _only(_run(org), "turnover-risk", "A")
    assert finding.evidence == {
        "rules": ["enps-fall"],
        "round_start": "2025-03-03",
        "round_end": "2025-03-03",
        "enps": 20,
        "enps_respondents": 5,
        "previous_round_start": "2025-01-06",
        "previous_round_end": "2025-01-06",
        "enps_previous": 40,
        "enps_previous_respondents": 5,
        "enps_change": -20,
    }
    assert finding.message_key == "code.turnover-risk.message.team-enps-fall"
    assert finding.params["fall"] == 20
    assert finding.params["previous_enps"] == 40


def test_no_turnover_risk_for_a_fall_of_nineteen() -> None:
    # round 1: ten answers, promoters 4, detractors 1 -> +30; round 2: nine answers, promoters 3,
    # detractors 2 -> (3 - 2) / 9 = +11.1: a fall of 18.9 < 20, and +11.1 is not below -10
    org = Org()
    team = org.team("A", 10)
    org.enps(team, ROUND_1, [9, 9, 10, 10, 3, 7, 7, 8, 8, 8])
    org.enps(team[:9], ROUND_2, [9, 9, 10, 3, 3, 7, 7, 8, 8])
    assert _run(org).findings == ()


# --- rounds, as-of and privacy ------------------------------------------------------------------


def test_only_the_latest_round_counts_as_now() -> None:
    # round 1 was bad (WHO-5 mean 40), round 2 is fine (80): no burnout-risk
    org = Org()
    team = org.team("A", 5)
    org.who5(team, ROUND_1, [40] * 5)
    org.who5(team, ROUND_2, [80] * 5)
    assert _run(org).findings == ()


def test_responses_after_as_of_are_ignored() -> None:
    # round 2 (3 March) lies after an as-of of 1 February: round 1 (WHO-5 40) is "now"
    org = Org()
    team = org.team("A", 5)
    org.who5(team, ROUND_1, [40] * 5)
    org.who5(team, ROUND_2, [80] * 5)
    outcome = _run(org, as_of=date(2025, 2, 1))
    assert _codes(outcome) == {("burnout-risk", "A")}
    assert outcome.now == SurveyRound(number=1, start=ROUND_1, end=ROUND_1)
    assert outcome.previous is None


def test_a_persons_latest_answer_in_the_round_counts() -> None:
    # everyone first answers 40 on 3 March, then 80 on 10 March (same round): the team is fine
    org = Org()
    team = org.team("A", 5)
    org.who5(team, ROUND_2, [40] * 5)
    org.who5(team, date(2025, 3, 10), [80] * 5)
    assert _run(org).findings == ()


def test_a_team_of_four_gets_no_finding_but_rolls_up_into_its_department() -> None:
    # T (4 people, WHO-5 20) under D, which has 3 more people directly (WHO-5 60):
    # D mean (4 x 20 + 3 x 60) / 7 = 260 / 7 = 37.1 < 50 -> burnout-risk for D only
    org = Org()
    small = org.team("T", 4, parent="D")
    direct = org.team("D", 3)
    org.who5(small, ROUND_2, [20] * 4)
    org.who5(direct, ROUND_2, [60] * 3)
    outcome = _run(org)
    assert _codes(outcome) == {("burnout-risk", "D")}
    finding = _only(outcome, "burnout-risk", "D")
    assert finding.evidence["who5_mean"] == 37.1
    assert finding.evidence["who5_respondents"] == 7
    assert outcome.suppressed == {TOO_FEW: 1}


def test_a_department_and_its_team_are_not_both_shown_when_they_differ_by_two_people() -> None:
    # D = T (6, WHO-5 40) + S (2, WHO-5 40); E (5, WHO-5 80). D - T would be S's two people, so T
    # is withheld (differencing) and S is too small: only D's finding remains.
    org = Org()
    t = org.team("T", 6, parent="D")
    s = org.team("S", 2, parent="D")
    e = org.team("E", 5)
    org.who5(t, ROUND_2, [40] * 6)
    org.who5(s, ROUND_2, [40, 44])
    org.who5(e, ROUND_2, [80] * 5)
    outcome = _run(org)
    assert _codes(outcome) == {("burnout-risk", "D")}
    assert outcome.suppressed == {DIFFERENCING: 1, TOO_FEW: 1}
    assert {(w.team, w.reason) for w in outcome.withheld} == {("T", DIFFERENCING), ("S", TOO_FEW)}


def test_an_organisation_of_four_respondents_shows_nothing() -> None:
    org = Org()
    team = org.team("A", 4)
    org.who5(team, ROUND_2, [8] * 4)
    outcome = _run(org)
    assert outcome.findings == ()
    assert outcome.suppressed == {TOO_FEW: 2}  # team A and the organisation total


def test_a_configured_group_size_of_three_shows_a_team_of_three() -> None:
    org = Org()
    team = org.team("A", 3)
    org.who5(team, ROUND_2, [8] * 3)
    assert _codes(_run(org, config=WellbeingConfig(min_group_size=3))) == {("burnout-risk", "A")}


def test_people_missing_from_the_people_frame_do_not_count() -> None:
    # four known people plus one stranger: only four respondents, nothing is shown
    org = Org()
    team = org.team("A", 4)
    org.who5([*team, "stranger"], ROUND_2, [8] * 5)
    assert _run(org).findings == ()


def test_no_surveys_no_findings() -> None:
    org = Org()
    org.team("A", 5)
    outcome = _run(org)
    assert outcome == SurveyOutcome(findings=())


def test_an_out_of_range_response_raises_without_its_value() -> None:
    org = Org()
    team = org.team("A", 5)
    org.who5(team, ROUND_2, [80] * 5)
    org.answer(team[0], ROUND_2, "enps", [4242])
    with pytest.raises(ValueError, match="response out of range") as caught:
        _run(org)
    assert "4242" not in str(caught.value)
    assert team[0] not in str(caught.value)


def test_findings_are_sorted_by_severity_then_code_then_team() -> None:
    org = Org()
    for name in ("B", "A"):
        team = org.team(name, 5)
        org.who5(team, ROUND_1, [80] * 5)
        org.who5(team, ROUND_2, [40] * 5)
    outcome = _run(org)
    assert [(f.code, f.team) for f in outcome.findings] == [
        ("burnout-risk", "A"),
        ("burnout-risk", "B"),
        ("motivation-loss", "A"),
        ("motivation-loss", "B"),
    ]
