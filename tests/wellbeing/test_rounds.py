"""Survey rounds: a gap of more than 14 days starts a new round; the latest answer per item counts."""

from __future__ import annotations

from datetime import date

import polars as pl

from kpiwell.engine.wellbeing.config import WellbeingConfig
from kpiwell.engine.wellbeing.rounds import (
    SurveyRound,
    assign_rounds,
    latest_answers,
    latest_two,
    round_dates,
    survey_rounds,
)


def _dates(*days: date) -> pl.Series:
    return pl.Series("date", list(days), dtype=pl.Date)


def test_a_gap_of_exactly_fourteen_days_stays_in_the_round() -> None:
    # 1 Mar -> 15 Mar is 14 days: same round; 15 Mar -> 30 Mar is 15 days: new round
    mapping = round_dates(_dates(date(2025, 3, 1), date(2025, 3, 15), date(2025, 3, 30)))
    assert mapping.get_column("round").to_list() == [1, 1, 2]


def test_rounds_chain_through_consecutive_dates_not_from_the_first_date() -> None:
    # 1, 10, 20, 30 Jan: every gap is 9 or 10 days, so one round though it spans 29 days
    mapping = round_dates(_dates(date(2025, 1, 1), date(2025, 1, 10), date(2025, 1, 20), date(2025, 1, 30)))
    assert mapping.get_column("round").to_list() == [1, 1, 1, 1]


def test_rounds_use_the_organisation_wide_distinct_dates_in_any_order() -> None:
    mapping = round_dates(_dates(date(2025, 6, 1), date(2025, 1, 1), date(2025, 6, 1), date(2025, 1, 3)))
    assert mapping.to_dicts() == [
        {"date": date(2025, 1, 1), "round": 1},
        {"date": date(2025, 1, 3), "round": 1},
        {"date": date(2025, 6, 1), "round": 2},
    ]


def test_the_gap_is_configurable() -> None:
    # a 7-day gap with a 5-day setting splits the rounds
    mapping = round_dates(
        _dates(date(2025, 1, 1), date(2025, 1, 8)), config=WellbeingConfig(round_gap_days=5)
    )
    assert mapping.get_column("round").to_list() == [1, 2]


def _surveys(rows: list[tuple[str, date, str, int, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "person_id": pl.Utf8,
            "date": pl.Date,
            "instrument": pl.Utf8,
            "item": pl.Int64,
            "response": pl.Int64,
        },
        orient="row",
    )


def test_survey_rounds_report_their_first_and_last_date() -> None:
    frame = assign_rounds(
        _surveys(
            [
                ("a", date(2025, 1, 2), "enps", 1, 5),
                ("b", date(2025, 1, 9), "enps", 1, 5),
                ("a", date(2025, 4, 1), "enps", 1, 5),
            ]
        )
    )
    rounds = survey_rounds(frame)
    assert rounds == (
        SurveyRound(number=1, start=date(2025, 1, 2), end=date(2025, 1, 9)),
        SurveyRound(number=2, start=date(2025, 4, 1), end=date(2025, 4, 1)),
    )
    assert latest_two(rounds) == (rounds[1], rounds[0])


def test_latest_two_without_a_previous_round() -> None:
    only = SurveyRound(number=1, start=date(2025, 1, 1), end=date(2025, 1, 1))
    assert latest_two((only,)) == (only, None)
    assert latest_two(()) == (None, None)


def test_a_persons_latest_answer_per_item_in_a_round_counts() -> None:
    frame = assign_rounds(
        _surveys(
            [
                ("a", date(2025, 1, 5), "enps", 1, 8),
                ("a", date(2025, 1, 2), "enps", 1, 2),  # earlier in the round: replaced
                ("a", date(2025, 1, 5), "who5", 1, 1),
                ("a", date(2025, 1, 5), "who5", 1, 4),  # same day, later row: counts
                ("b", date(2025, 1, 2), "enps", 1, 10),
                ("a", date(2025, 3, 1), "enps", 1, 0),  # another round: kept separately
            ]
        )
    )
    kept = latest_answers(frame).sort("person_id", "round", "instrument")
    assert kept.select("person_id", "round", "instrument", "response").rows() == [
        ("a", 1, "enps", 8),
        ("a", 1, "who5", 4),
        ("a", 2, "enps", 0),
        ("b", 1, "enps", 10),
    ]


def test_without_repeated_answers_every_row_is_kept_in_date_order() -> None:
    frame = assign_rounds(
        _surveys(
            [
                ("a", date(2025, 1, 5), "enps", 1, 8),
                ("b", date(2025, 1, 2), "enps", 1, 2),
                ("a", date(2025, 1, 5), "who5", 1, 1),
                ("a", date(2025, 1, 5), "who5", 2, 4),
                ("a", date(2025, 3, 1), "enps", 1, 0),
            ]
        )
    )
    ordered = frame.sort("date", maintain_order=True)
    kept = latest_answers(frame)
    assert kept.equals(ordered)
    assert kept.equals(
        ordered.filter(pl.struct("person_id", "round", "instrument", "item").is_last_distinct())
    )
