"""Scoring of each instrument, with expected values worked by hand from the source's rules."""

from __future__ import annotations

import polars as pl
import pytest

from kpiwell.engine.wellbeing.config import WellbeingConfig
from kpiwell.engine.wellbeing.instruments import (
    cbi_personal,
    cbi_work,
    check_responses,
    enps,
    enps_category,
    mini_z,
    pulse,
    pulse_problems,
    response_problems,
    score_responses,
    who5,
    who5_change,
)

# --- WHO-5 (Topp et al. 2015) -------------------------------------------------------------------


def test_who5_raw_is_the_sum_and_percentage_is_raw_times_four() -> None:
    # 5 + 4 + 3 + 2 + 1 = 15 raw; 15 x 4 = 60
    score = who5([5, 4, 3, 2, 1])
    assert (score.raw, score.percentage) == (15, 60)
    assert not score.poor_wellbeing
    assert not score.likely_depression


def test_who5_raw_twelve_is_poor_wellbeing_but_thirteen_is_not() -> None:
    # 3 + 3 + 2 + 2 + 2 = 12 -> 48 < 50: poor; 3 + 3 + 3 + 2 + 2 = 13 -> 52: not poor
    assert who5([3, 3, 2, 2, 2]).poor_wellbeing
    assert who5([3, 3, 2, 2, 2]).percentage == 48
    assert not who5([3, 3, 3, 2, 2]).poor_wellbeing


def test_who5_twenty_eight_is_likely_depression_and_thirty_two_is_not() -> None:
    # 2 + 2 + 1 + 1 + 1 = 7 -> 28 <= 28: likely depression; 2 + 2 + 2 + 1 + 1 = 8 -> 32: not
    assert who5([2, 2, 1, 1, 1]).likely_depression
    assert not who5([2, 2, 2, 1, 1]).likely_depression
    assert who5([2, 2, 2, 1, 1]).poor_wellbeing


def test_who5_extremes_are_zero_and_one_hundred() -> None:
    assert who5([0, 0, 0, 0, 0]).percentage == 0
    assert who5([5, 5, 5, 5, 5]).percentage == 100


def test_who5_rejects_a_missing_answer_naming_the_item() -> None:
    with pytest.raises(ValueError, match=r"missing item\(s\): 3"):
        who5([4, 4, None, 4, 4])


def test_who5_rejects_wrong_item_count() -> None:
    with pytest.raises(ValueError, match="has 5 items; 4 answers"):
        who5([4, 4, 4, 4])


def test_who5_out_of_range_error_does_not_contain_the_answer() -> None:
    with pytest.raises(ValueError, match="item 2") as caught:
        who5([1, 17, 1, 1, 1])
    assert "17" not in str(caught.value)


def test_who5_change_of_ten_points_is_meaningful_and_nine_point_six_is_not() -> None:
    # 60 -> 50 is -10: meaningful; 60 -> 50.4 is -9.6: not
    assert who5_change(60, 50).meaningful
    assert who5_change(60, 50).change == -10
    assert not who5_change(60, 50.4).meaningful
    assert who5_change(40, 52).meaningful


# --- CBI (Kristensen et al. 2005) ---------------------------------------------------------------


def test_cbi_personal_is_the_mean_of_answer_times_25() -> None:
    # points 100, 75, 50, 25, 0, 50 -> 300 / 6 = 50 -> burnout (>= 50)
    score = cbi_personal([4, 3, 2, 1, 0, 2])
    assert score is not None
    assert (score.score, score.answered, score.burnout) == (50.0, 6, True)


def test_cbi_personal_just_below_fifty_does_not_flag() -> None:
    # points 100, 75, 50, 25, 0, 25 -> 275 / 6 = 45.83
    score = cbi_personal([4, 3, 2, 1, 0, 1])
    assert score is not None
    assert score.score == pytest.approx(275 / 6)
    assert not score.burnout


def test_cbi_work_reverses_item_four() -> None:
    # items 1-3 and 5-7 answer 2 -> 50 points each; item 4 answer 4 ("Always" has enough energy)
    # reversed: (4 - 4) x 25 = 0 -> (6 x 50 + 0) / 7 = 42.857
    score = cbi_work([2, 2, 2, 4, 2, 2, 2])
    assert score is not None
    assert score.score == pytest.approx(300 / 7)
    assert not score.burnout
    # item 4 answer 0 (never enough energy) -> 100 points -> (300 + 100) / 7 = 57.14: burnout
    flagged = cbi_work([2, 2, 2, 0, 2, 2, 2])
    assert flagged is not None
    assert flagged.score == pytest.approx(400 / 7)
    assert flagged.burnout


def test_cbi_work_scores_the_mean_of_answered_items_only() -> None:
    # answered items 1, 2, 4, 7: 75, 75, (4 - 1) x 25 = 75, 25 -> 250 / 4 = 62.5
    score = cbi_work([3, 3, None, 1, None, None, 1])
    assert score is not None
    assert (score.score, score.answered) == (62.5, 4)


def test_cbi_work_with_three_of_seven_answered_has_no_score() -> None:
    assert cbi_work([3, 3, None, 1, None, None, None]) is None


def test_cbi_personal_needs_three_of_six() -> None:
    # 3 answered: (100 + 100 + 0) / 3 = 66.67; 2 answered: no score
    score = cbi_personal([4, 4, 0, None, None, None])
    assert score is not None
    assert score.score == pytest.approx(200 / 3)
    assert cbi_personal([4, 4, None, None, None, None]) is None


def test_cbi_rejects_an_out_of_range_answer_without_echoing_it() -> None:
    with pytest.raises(ValueError, match="item 6: the answer is outside the allowed range 0 to 4") as caught:
        cbi_personal([1, 1, 1, 1, 1, 9])
    assert "9" not in str(caught.value)


def test_cbi_rejects_wrong_item_count() -> None:
    with pytest.raises(ValueError, match="has 7 items; 6 answers"):
        cbi_work([1, 1, 1, 1, 1, 1])


def test_cbi_burnout_cutoff_is_configurable() -> None:
    # (100 + 75 + 50 + 25 + 0 + 50) / 6 = 50: flagged at 50, not at a cut-off of 60
    score = cbi_personal([4, 3, 2, 1, 0, 2], config=WellbeingConfig(cbi_burnout_at_or_above=60.0))
    assert score is not None
    assert not score.burnout


# --- Mini-Z, eNPS, pulse ------------------------------------------------------------------------


def test_mini_z_three_flags_and_two_does_not() -> None:
    assert mini_z(3).burnout
    assert mini_z(5).burnout
    assert not mini_z(2).burnout


def test_mini_z_rejects_zero() -> None:
    with pytest.raises(ValueError, match="outside the allowed range 1 to 5"):
        mini_z(0)


def test_enps_categories_follow_nine_ten_and_zero_six() -> None:
    assert [enps_category(answer) for answer in (0, 6, 7, 8, 9, 10)] == [
        "detractor",
        "detractor",
        "passive",
        "passive",
        "promoter",
        "promoter",
    ]


def test_enps_is_percent_promoters_minus_percent_detractors() -> None:
    # 10 answers: promoters 9, 10, 10 (3); passives 7, 8 (2); detractors 0, 3, 5, 6, 6 (5)
    # 30% - 50% = -20
    score = enps([9, 10, 10, 7, 8, 0, 3, 5, 6, 6])
    assert score.score == pytest.approx(-20.0)
    assert (score.promoters, score.passives, score.detractors, score.respondents) == (3, 2, 5, 10)


def test_enps_of_all_promoters_is_one_hundred() -> None:
    assert enps([9, 10, 9]).score == 100.0


def test_enps_needs_an_answer_and_rejects_eleven() -> None:
    with pytest.raises(ValueError, match="at least one answer"):
        enps([])
    with pytest.raises(ValueError, match="0 to 10") as caught:
        enps([3, 11])
    assert "11" not in str(caught.value)


def test_pulse_accepts_one_to_five_and_missing_answers() -> None:
    assert pulse(mood=1, workload=5).mood == 1
    assert pulse(mood=None, workload=None).workload is None


@pytest.mark.parametrize(("mood", "workload", "name"), [(0, 3, "mood"), (3, 6, "workload")])
def test_pulse_rejects_answers_outside_one_to_five(mood: int, workload: int, name: str) -> None:
    with pytest.raises(ValueError, match=f"check-in {name}"):
        pulse(mood=mood, workload=workload)


def test_pulse_problems_lists_rows_and_columns_without_values() -> None:
    frame = pl.DataFrame({"mood": [3, 0, None, 5], "workload": [1, 2, 9, 5]})
    problems = pulse_problems(frame)
    assert problems.to_dicts() == [{"row": 1, "column": "mood"}, {"row": 2, "column": "workload"}]


def test_scalar_answers_reject_booleans() -> None:
    with pytest.raises(ValueError, match="whole number"):
        who5([True, 1, 1, 1, 1])


# --- vectorised scoring -------------------------------------------------------------------------


def _long(rows: list[tuple[str, int, str, int, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "person_id": pl.Utf8,
            "round": pl.Int64,
            "instrument": pl.Utf8,
            "item": pl.Int64,
            "response": pl.Int64,
        },
        orient="row",
    )


def _answers(
    person: str, round_number: int, instrument: str, answers: list[int | None]
) -> list[tuple[str, int, str, int, int]]:
    return [
        (person, round_number, instrument, item, answer)
        for item, answer in enumerate(answers, start=1)
        if answer is not None
    ]


def test_score_responses_matches_the_scalar_functions() -> None:
    rows = (
        _answers("p1", 1, "who5", [3, 3, 2, 2, 2])
        + _answers("p1", 1, "cbi-work", [2, 2, 2, 0, 2, 2, 2])
        + _answers("p1", 1, "cbi-personal", [4, 3, 2, 1, 0, 2])
        + _answers("p2", 1, "cbi-work", [3, 3, None, 1, None, None, 1])
        + _answers("p2", 2, "mini-z", [2])
        + _answers("p2", 2, "enps", [9])
    )
    scores = score_responses(_long(rows))
    got = {
        (r["person_id"], r["round"], r["instrument"]): (r["score"], r["answered"], r["flagged"])
        for r in scores.to_dicts()
    }
    assert got[("p1", 1, "who5")] == (48.0, 5, True)  # 12 x 4 = 48 < 50
    assert got[("p1", 1, "cbi-work")][0] == pytest.approx(400 / 7)  # reverse item 4: 0 -> 100
    assert got[("p1", 1, "cbi-work")][2] is True
    assert got[("p1", 1, "cbi-personal")] == (50.0, 6, True)  # 300 / 6
    assert got[("p2", 1, "cbi-work")] == (62.5, 4, True)  # (75 + 75 + 75 + 25) / 4
    assert got[("p2", 2, "mini-z")] == (2.0, 1, False)
    assert got[("p2", 2, "enps")] == (9.0, 1, None)


def test_score_responses_gives_no_score_to_incomplete_sets() -> None:
    rows = _answers("p1", 1, "who5", [5, 5, 5, 5, None]) + _answers(
        "p1", 1, "cbi-personal", [4, 4, None, None, None, None]
    )
    scores = score_responses(_long(rows))
    assert scores.get_column("score").to_list() == [None, None]
    assert scores.get_column("answered").to_list() == [2, 4]  # sorted: cbi-personal, who5


def test_score_responses_rejects_out_of_range_answers_with_counts_not_values() -> None:
    rows = [*_answers("p1", 1, "who5", [5, 5, 5, 5, 5]), ("p2", 1, "who5", 1, 77), ("p3", 1, "enps", 1, 77)]
    with pytest.raises(
        ValueError, match="2 row\\(s\\) with response out of range in column response"
    ) as caught:
        score_responses(_long(rows))
    assert "77" not in str(caught.value)


def test_score_responses_rejects_duplicate_answers() -> None:
    rows = [("p1", 1, "enps", 1, 3), ("p1", 1, "enps", 1, 9)]
    with pytest.raises(ValueError, match=r"2 row\(s\) repeat an answer"):
        score_responses(_long(rows))


def test_response_problems_names_rows_and_columns() -> None:
    frame = pl.DataFrame(
        {
            "instrument": ["who5", "mbi", None, "cbi-work", "enps"],
            "item": [6, 1, 1, 1, 1],
            "response": [3, 1, 1, 4, None],
        }
    )
    assert response_problems(frame).to_dicts() == [
        {"row": 0, "column": "item", "problem": "item-out-of-range"},
        {"row": 1, "column": "instrument", "problem": "unknown-instrument"},
        {"row": 2, "column": "instrument", "problem": "missing"},
        {"row": 4, "column": "response", "problem": "missing"},
    ]


def test_check_responses_accepts_valid_rows() -> None:
    frame = pl.DataFrame({"instrument": ["mini-z", "enps"], "item": [1, 1], "response": [5, 0]})
    check_responses(frame)
    assert response_problems(frame).height == 0
