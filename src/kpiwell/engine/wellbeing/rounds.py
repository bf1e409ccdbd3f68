"""Survey rounds: responses that belong together in time.

Organisations survey in waves, and people answer over a few days. The organisation-wide distinct
response dates are sorted; a gap of more than ``round_gap_days`` (14 by default, issue 4) between
consecutive dates starts a new round. Within a round, a person's latest answer to each item counts.
"Now" is the latest round; trends compare it with the one before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
import polars as pl

from kpiwell.engine.wellbeing.config import DEFAULT_CONFIG, WellbeingConfig

ANSWER_KEYS: Final = ("person_id", "round", "instrument", "item")


@dataclass(frozen=True, slots=True, kw_only=True)
class SurveyRound:
    number: int  # 1 = the earliest round
    start: date  # first response date in the round
    end: date  # last response date in the round


def round_dates(dates: pl.Series, *, config: WellbeingConfig = DEFAULT_CONFIG) -> pl.DataFrame:
    """Map each distinct date to its round: columns ``date`` and ``round`` (1 = earliest)."""
    distinct = pl.DataFrame({"date": dates.cast(pl.Date)}).drop_nulls().unique().sort("date")
    gap = pl.col("date").diff().dt.total_days()
    new_round = gap.fill_null(0) > config.round_gap_days
    return distinct.with_columns((new_round.cast(pl.Int64).cum_sum() + 1).alias("round"))


def assign_rounds(surveys: pl.DataFrame, *, config: WellbeingConfig = DEFAULT_CONFIG) -> pl.DataFrame:
    """Add a ``round`` column (Int64, 1 = earliest) to a frame with a ``date`` column."""
    mapping = round_dates(surveys.get_column("date"), config=config)
    return surveys.join(mapping, on="date", how="left", maintain_order="left")


def survey_rounds(with_rounds: pl.DataFrame) -> tuple[SurveyRound, ...]:
    """The rounds of a frame that has ``date`` and ``round``, earliest first."""
    spans = (
        with_rounds.group_by("round")
        .agg(pl.col("date").min().alias("start"), pl.col("date").max().alias("end"))
        .sort("round")
    )
    return tuple(SurveyRound(number=number, start=start, end=end) for number, start, end in spans.iter_rows())


def latest_answers(with_rounds: pl.DataFrame) -> pl.DataFrame:
    """Keep each person's latest answer per instrument and item within each round.

    Needs ``person_id``, ``round``, ``instrument``, ``item``, ``date`` and ``response``. Among
    answers on the same latest date, the one later in the frame counts (a file's later row).
    """
    # A stable sort keeps the frame's order among equal dates; marking each key's last row is
    # cheaper than a unique that must also keep the order.
    ordered = with_rounds.sort("date", maintain_order=True)
    # Equal keys hash alike, so when no two rows' keys hash alike every row is its key's last (as
    # in a file with no repeated answer): the exact test, on the keys row-encoded, costs twice the
    # hashes, and runs only when some hashes repeat.
    # (Sorted in NumPy, the hashes are unique when no two neighbours are equal: a third of the time
    # of Polars' n_unique, which hashes the hashes again.)
    hashes = np.sort(ordered.select(pl.struct(*ANSWER_KEYS).hash()).to_series().to_numpy())
    if not (hashes[1:] == hashes[:-1]).any():
        return ordered
    return ordered.filter(pl.struct(*ANSWER_KEYS).is_last_distinct())


def latest_two(rounds: tuple[SurveyRound, ...]) -> tuple[SurveyRound | None, SurveyRound | None]:
    """("now", previous): the latest round and the one before it; ``None`` where there is none."""
    now = rounds[-1] if rounds else None
    previous = rounds[-2] if len(rounds) >= 2 else None
    return now, previous
