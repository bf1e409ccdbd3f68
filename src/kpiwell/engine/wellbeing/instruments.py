"""Scoring of the validated wellbeing instruments, exactly as their sources define it.

Two APIs share one definition of each instrument:

* scalar functions (:func:`who5`, :func:`cbi_personal`, :func:`cbi_work`, :func:`mini_z`,
  :func:`enps`, :func:`pulse`) for one person's answers, e.g. the web survey page;
* :func:`score_responses`, which scores a long frame of responses (``person_id``, ``round``,
  ``instrument``, ``item``, ``response``) into one row per person, round and instrument with Polars
  expressions, for the audit.

Errors never quote an answer: they name the instrument, the item number and the allowed range, so an
error message or a log line cannot leak what someone answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import polars as pl

from kpiwell.engine.wellbeing.config import DEFAULT_CONFIG, WellbeingConfig

WHO5: Final = "who5"
CBI_PERSONAL: Final = "cbi-personal"
CBI_WORK: Final = "cbi-work"
MINI_Z: Final = "mini-z"
ENPS: Final = "enps"


@dataclass(frozen=True, slots=True, kw_only=True)
class InstrumentSpec:
    """The shape of an instrument's answers: item count, answer range and reverse-scored items."""

    code: str
    name: str
    items: int
    low: int
    high: int
    reverse_items: frozenset[int]
    source: str


INSTRUMENTS: Final[dict[str, InstrumentSpec]] = {
    WHO5: InstrumentSpec(
        code=WHO5,
        name="WHO-5 Well-Being Index",
        items=5,
        low=0,
        high=5,
        reverse_items=frozenset(),
        source="WHO Regional Office for Europe 1998; Topp et al. 2015, Psychother Psychosom 84:167-176",
    ),
    CBI_PERSONAL: InstrumentSpec(
        code=CBI_PERSONAL,
        name="Copenhagen Burnout Inventory, personal burnout",
        items=6,
        low=0,
        high=4,
        reverse_items=frozenset(),
        source="Kristensen, Borritz, Villadsen & Christensen 2005, Work & Stress 19(3):192-207",
    ),
    CBI_WORK: InstrumentSpec(
        code=CBI_WORK,
        name="Copenhagen Burnout Inventory, work-related burnout",
        items=7,
        low=0,
        high=4,
        reverse_items=frozenset({4}),
        source="Kristensen, Borritz, Villadsen & Christensen 2005, Work & Stress 19(3):192-207",
    ),
    MINI_Z: InstrumentSpec(
        code=MINI_Z,
        name="Mini-Z single burnout item",
        items=1,
        low=1,
        high=5,
        reverse_items=frozenset(),
        source="Rohland, Kruse & Rohrer 2004, Stress and Health 20:75-79 (the Mini-Z burnout item)",
    ),
    ENPS: InstrumentSpec(
        code=ENPS,
        name="Employee Net Promoter Score",
        items=1,
        low=0,
        high=10,
        reverse_items=frozenset(),
        source="Net Promoter convention (Reichheld 2003) applied to 'recommend as a place to work'",
    ),
}

WHO5_PERCENT_PER_RAW_POINT: Final = 4  # WHO-5: percentage = raw score (0-25) x 4 (Topp et al. 2015)
CBI_POINTS_PER_STEP: Final = 25  # CBI: answers score 100, 75, 50, 25, 0 (Kristensen et al. 2005)
PULSE_LOW: Final = 1  # check-in pulse: mood and workload are answered 1-5 (issue 4)
PULSE_HIGH: Final = 5

EnpsCategory = Literal["promoter", "passive", "detractor"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Who5Score:
    raw: int  # 0-25
    percentage: int  # 0-100
    poor_wellbeing: bool  # percentage below the cut-off: suggest follow-up
    likely_depression: bool  # screening only, never a diagnosis


@dataclass(frozen=True, slots=True, kw_only=True)
class Who5Change:
    change: float  # later minus earlier, in percentage points
    meaningful: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class CbiScore:
    score: float  # 0-100: mean of the answered items' points
    answered: int
    burnout: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class MiniZScore:
    response: int  # 1-5
    burnout: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class EnpsScore:
    score: float  # % promoters - % detractors, -100 to +100
    respondents: int
    promoters: int
    passives: int
    detractors: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Pulse:
    mood: int | None  # 1-5
    workload: int | None  # 1-5


# --- scalar API ---------------------------------------------------------------------------------


def _check_answers(spec: InstrumentSpec, responses: Sequence[int | None]) -> None:
    if isinstance(responses, str | bytes):
        raise TypeError(f"{spec.name}: answers must be a sequence of whole numbers")
    if len(responses) != spec.items:
        raise ValueError(f"{spec.name} has {spec.items} items; {len(responses)} answers were given")
    for number, answer in enumerate(responses, start=1):
        if answer is None:
            continue
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise ValueError(f"{spec.name} item {number}: the answer must be a whole number")
        if not spec.low <= answer <= spec.high:
            raise ValueError(
                f"{spec.name} item {number}: the answer is outside the allowed range "
                f"{spec.low} to {spec.high}"
            )


def who5(responses: Sequence[int | None], *, config: WellbeingConfig = DEFAULT_CONFIG) -> Who5Score:
    """Score the WHO-5 Well-Being Index from its five answers (0-5 each, in the source's order).

    Source: WHO Regional Office for Europe (1998), Wellbeing Measures in Primary Health Care; scoring
    and cut-offs as reviewed by Topp, Ostergaard, Sondergaard & Bech (2015), Psychother Psychosom
    84:167-176. The raw score is the sum of the answers (0-25); the percentage score is raw x 4
    (0-100). Below 50 indicates poor wellbeing; 28 or below indicates likely depression (a
    screening result, never a diagnosis). All five items must be answered.
    """
    spec = INSTRUMENTS[WHO5]
    _check_answers(spec, responses)
    missing = [number for number, answer in enumerate(responses, start=1) if answer is None]
    if missing:
        numbers = ", ".join(str(number) for number in missing)
        raise ValueError(f"{spec.name} needs all {spec.items} items answered; missing item(s): {numbers}")
    raw = sum(answer for answer in responses if answer is not None)
    percentage = raw * WHO5_PERCENT_PER_RAW_POINT
    return Who5Score(
        raw=raw,
        percentage=percentage,
        poor_wellbeing=percentage < config.who5_poor_below,
        likely_depression=percentage <= config.who5_depression_at_or_below,
    )


def who5_change(before: float, after: float, *, config: WellbeingConfig = DEFAULT_CONFIG) -> Who5Change:
    """The change between two WHO-5 percentage scores and whether it is meaningful.

    Source: Topp et al. (2015), Psychother Psychosom 84:167-176: a change of 10 percentage points
    is clinically meaningful.
    """
    for value in (before, after):
        if not 0.0 <= value <= 100.0:
            raise ValueError("a WHO-5 percentage score lies between 0 and 100")
    change = round(after - before, config.decision_decimals)
    return Who5Change(change=change, meaningful=abs(change) >= config.who5_meaningful_change)


def _cbi(
    spec: InstrumentSpec, responses: Sequence[int | None], min_answered: int, config: WellbeingConfig
) -> CbiScore | None:
    _check_answers(spec, responses)
    points = [
        (spec.high - answer if number in spec.reverse_items else answer) * CBI_POINTS_PER_STEP
        for number, answer in enumerate(responses, start=1)
        if answer is not None
    ]
    if len(points) < min_answered:
        return None
    score = sum(points) / len(points)
    return CbiScore(
        score=score,
        answered=len(points),
        burnout=round(score, config.decision_decimals) >= config.cbi_burnout_at_or_above,
    )


def cbi_personal(
    responses: Sequence[int | None], *, config: WellbeingConfig = DEFAULT_CONFIG
) -> CbiScore | None:
    """Score the personal-burnout subscale of the Copenhagen Burnout Inventory (6 items).

    Source: Kristensen, Borritz, Villadsen & Christensen (2005), "The Copenhagen Burnout Inventory:
    a new tool for the assessment of burnout", Work & Stress 19(3):192-207. Each answer is 0-4,
    4 being the first option ("Always"); its points are answer x 25 (100, 75, 50, 25, 0). The
    subscale score is the mean of the answered items' points; ``None`` (items left unanswered are
    ``None``) when fewer than 3 of the 6 are answered. A score of 50 or more flags burnout.
    """
    return _cbi(INSTRUMENTS[CBI_PERSONAL], responses, config.cbi_personal_min_answered, config)


def cbi_work(responses: Sequence[int | None], *, config: WellbeingConfig = DEFAULT_CONFIG) -> CbiScore | None:
    """Score the work-related burnout subscale of the Copenhagen Burnout Inventory (7 items).

    Source: Kristensen et al. (2005), Work & Stress 19(3):192-207. Answers are 0-4 with 4 the first
    option ("Always" / "To a very high degree"); points are answer x 25, except item 4 ("Do you have
    enough energy for family and friends during leisure time?"), which is reverse-scored:
    (4 - answer) x 25. The subscale score is the mean of the answered items' points; ``None`` when
    fewer than 4 of the 7 are answered. A score of 50 or more flags burnout.
    """
    return _cbi(INSTRUMENTS[CBI_WORK], responses, config.cbi_work_min_answered, config)


def mini_z(response: int, *, config: WellbeingConfig = DEFAULT_CONFIG) -> MiniZScore:
    """Score the Mini-Z single burnout item (answer 1-5; 3 or more flags burnout).

    Source: the single-item burnout measure validated by Rohland, Kruse & Rohrer (2004), Stress and
    Health 20:75-79, used as the burnout item of the Mini-Z survey (Linzer et al.). Scoring only:
    the item's licence is unverified, so kpiwell ships no item text.
    """
    _check_answers(INSTRUMENTS[MINI_Z], [response])
    return MiniZScore(response=response, burnout=response >= config.mini_z_burnout_at_or_above)


def enps_category(response: int, *, config: WellbeingConfig = DEFAULT_CONFIG) -> EnpsCategory:
    """Classify one eNPS answer (0-10): promoter (9-10), passive (7-8) or detractor (0-6).

    Source: the Net Promoter convention (Reichheld 2003, Harvard Business Review 81(12):46-54)
    applied to "How likely is it that you would recommend this organisation as a place to work?".
    """
    _check_answers(INSTRUMENTS[ENPS], [response])
    if response >= config.enps_promoter_at_or_above:
        return "promoter"
    if response <= config.enps_detractor_at_or_below:
        return "detractor"
    return "passive"


def enps(responses: Sequence[int], *, config: WellbeingConfig = DEFAULT_CONFIG) -> EnpsScore:
    """The employee Net Promoter Score of a group: % promoters (9-10) minus % detractors (0-6).

    Source: the Net Promoter convention (Reichheld 2003) applied to the workplace question; the
    result runs from -100 to +100. Needs at least one answer.
    """
    if len(responses) == 0:
        raise ValueError("eNPS needs at least one answer")
    categories = [enps_category(response, config=config) for response in responses]
    promoters = categories.count("promoter")
    detractors = categories.count("detractor")
    respondents = len(categories)
    return EnpsScore(
        score=100.0 * (promoters - detractors) / respondents,
        respondents=respondents,
        promoters=promoters,
        passives=respondents - promoters - detractors,
        detractors=detractors,
    )


def pulse(*, mood: int | None, workload: int | None) -> Pulse:
    """Validate the two-question check-in pulse: mood 1-5 and workload 1-5, each optional (issue 4)."""
    for name, answer in (("mood", mood), ("workload", workload)):
        if answer is None:
            continue
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise ValueError(f"check-in {name}: the answer must be a whole number")
        if not PULSE_LOW <= answer <= PULSE_HIGH:
            raise ValueError(
                f"check-in {name}: the answer is outside the allowed range {PULSE_LOW} to {PULSE_HIGH}"
            )
    return Pulse(mood=mood, workload=workload)


# --- vectorised API -----------------------------------------------------------------------------

RESPONSE_KEYS: Final = ("person_id", "round", "instrument")
SCORES_SCHEMA: Final = pl.Schema(
    {
        "person_id": pl.Utf8,
        "round": pl.Int64,
        "instrument": pl.Utf8,
        "answered": pl.Int64,
        "score": pl.Float64,  # null when too few items were answered
        "flagged": pl.Boolean,  # at the instrument's cut-off; null for eNPS and for null scores
    }
)


def _spec_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "instrument": [spec.code for spec in INSTRUMENTS.values()],
            "_items": [spec.items for spec in INSTRUMENTS.values()],
            "_low": [spec.low for spec in INSTRUMENTS.values()],
            "_high": [spec.high for spec in INSTRUMENTS.values()],
        },
        schema={"instrument": pl.Utf8, "_items": pl.Int64, "_low": pl.Int64, "_high": pl.Int64},
    )


def response_problems(responses: pl.DataFrame) -> pl.DataFrame:
    """Rows of a responses frame that cannot be scored, without their values.

    ``responses`` needs ``instrument``, ``item`` and ``response``. Returns ``row`` (0-based position
    in ``responses``), ``column`` and ``problem`` (``"unknown-instrument"``, ``"item-out-of-range"``,
    ``"response-out-of-range"`` or ``"missing"``), one row per problem, so a reader can report the
    file position and column without ever echoing an answer.
    """
    checked = (
        responses.select("instrument", "item", "response")
        .with_row_index("row")
        .with_columns(pl.col("row").cast(pl.Int64))
        .join(_spec_frame(), on="instrument", how="left")
    )
    problems = [
        checked.filter(pl.col("instrument").is_null() | pl.col("_items").is_null()).select(
            "row",
            pl.lit("instrument").alias("column"),
            pl.when(pl.col("instrument").is_null())
            .then(pl.lit("missing"))
            .otherwise(pl.lit("unknown-instrument"))
            .alias("problem"),
        ),
        checked.filter(
            pl.col("_items").is_not_null()
            & (pl.col("item").is_null() | (pl.col("item") < 1) | (pl.col("item") > pl.col("_items")))
        ).select(
            "row",
            pl.lit("item").alias("column"),
            pl.when(pl.col("item").is_null())
            .then(pl.lit("missing"))
            .otherwise(pl.lit("item-out-of-range"))
            .alias("problem"),
        ),
        checked.filter(
            pl.col("_items").is_not_null()
            & (
                pl.col("response").is_null()
                | (pl.col("response") < pl.col("_low"))
                | (pl.col("response") > pl.col("_high"))
            )
        ).select(
            "row",
            pl.lit("response").alias("column"),
            pl.when(pl.col("response").is_null())
            .then(pl.lit("missing"))
            .otherwise(pl.lit("response-out-of-range"))
            .alias("problem"),
        ),
    ]
    return pl.concat(problems).sort("row", "column")


def check_responses(responses: pl.DataFrame) -> None:
    """Raise ``ValueError`` when any row cannot be scored: counts per column and problem, no values."""
    problems = response_problems(responses)
    if problems.height == 0:
        return
    summary = problems.group_by("column", "problem").len().sort("column", "problem")
    parts = [
        f"{count} row(s) with {problem.replace('-', ' ')} in column {column}"
        for column, problem, count in summary.iter_rows()
    ]
    raise ValueError("survey responses cannot be scored: " + "; ".join(parts))


def score_responses(responses: pl.DataFrame, *, config: WellbeingConfig = DEFAULT_CONFIG) -> pl.DataFrame:
    """Score a long frame of responses into one row per person, round and instrument.

    ``responses`` has ``person_id``, ``round``, ``instrument``, ``item`` and ``response``, with at
    most one answer per person, round, instrument and item (see
    :func:`kpiwell.engine.wellbeing.rounds.latest_answers`). The result follows
    :data:`SCORES_SCHEMA`. Scoring is that of the scalar functions, as columnar expressions:

    * ``who5``: percentage = sum of the five answers x 4; null unless all five items are answered
      (an incomplete WHO-5 has no score; the scalar :func:`who5` rejects it);
    * ``cbi-personal`` / ``cbi-work``: mean of the answered items' points (answer x 25, work item 4
      reversed); null with fewer than 3 of 6 / 4 of 7 answered;
    * ``mini-z``: the answer (1-5); ``enps``: the answer (0-10), classified when grouped.

    ``flagged`` is WHO-5 poor wellbeing, CBI burnout or Mini-Z burnout; null for eNPS.
    Raises ``ValueError`` (counts per column and problem, never values) for unscorable rows and for
    duplicate answers.
    """
    frame = _typed(responses)
    check_responses(frame)
    duplicates = frame.select(pl.struct(*RESPONSE_KEYS, "item").is_duplicated().sum()).item()
    if duplicates:
        raise ValueError(
            f"survey responses cannot be scored: {duplicates} row(s) repeat an answer to the same item "
            "by the same person in the same round"
        )
    return _score(frame, config)


def score_checked_responses(
    responses: pl.DataFrame, *, config: WellbeingConfig = DEFAULT_CONFIG
) -> pl.DataFrame:
    """:func:`score_responses` for responses the caller has already checked (with
    :func:`check_responses`) and reduced to one answer per person, round, instrument and item (with
    :func:`kpiwell.engine.wellbeing.rounds.latest_answers`): the same scores, without checking twice."""
    return _score(_typed(responses), config)


def _typed(responses: pl.DataFrame) -> pl.DataFrame:
    return responses.select(
        pl.col("person_id").cast(pl.Utf8),
        pl.col("round").cast(pl.Int64),
        pl.col("instrument").cast(pl.Utf8),
        pl.col("item").cast(pl.Int64),
        pl.col("response").cast(pl.Int64),
    )


def _score(frame: pl.DataFrame, config: WellbeingConfig) -> pl.DataFrame:
    instrument = pl.col("instrument")
    response = pl.col("response")
    cbi_points = (
        pl.when((instrument == CBI_WORK) & pl.col("item").is_in(sorted(INSTRUMENTS[CBI_WORK].reverse_items)))
        .then(INSTRUMENTS[CBI_WORK].high - response)
        .otherwise(response)
        * CBI_POINTS_PER_STEP
    )
    grouped = frame.group_by(*RESPONSE_KEYS).agg(
        pl.len().cast(pl.Int64).alias("answered"),
        (response.sum() * WHO5_PERCENT_PER_RAW_POINT).cast(pl.Float64).alias("_who5"),
        cbi_points.mean().alias("_cbi"),
        response.first().cast(pl.Float64).alias("_single"),
    )
    answered = pl.col("answered")
    score = (
        pl.when(instrument == WHO5)
        .then(pl.when(answered == INSTRUMENTS[WHO5].items).then(pl.col("_who5")))
        .when(instrument == CBI_PERSONAL)
        .then(pl.when(answered >= config.cbi_personal_min_answered).then(pl.col("_cbi")))
        .when(instrument == CBI_WORK)
        .then(pl.when(answered >= config.cbi_work_min_answered).then(pl.col("_cbi")))
        .otherwise(pl.col("_single"))
    )
    decided = pl.col("score").round(config.decision_decimals)
    flagged = (
        pl.when(instrument == WHO5)
        .then(decided < config.who5_poor_below)
        .when(instrument.is_in([CBI_PERSONAL, CBI_WORK]))
        .then(decided >= config.cbi_burnout_at_or_above)
        .when(instrument == MINI_Z)
        .then(decided >= config.mini_z_burnout_at_or_above)
    )
    return (
        grouped.with_columns(score.alias("score"))
        .with_columns(flagged.alias("flagged"))
        .select(list(SCORES_SCHEMA))
        .cast(SCORES_SCHEMA)
        .sort(*RESPONSE_KEYS)
    )


def enps_expr(score: pl.Expr, *, config: WellbeingConfig = DEFAULT_CONFIG) -> pl.Expr:
    """Aggregation: the eNPS of the eNPS answers in ``score`` (% promoters - % detractors)."""
    promoters = (score >= config.enps_promoter_at_or_above).cast(pl.Float64).mean()
    detractors = (score <= config.enps_detractor_at_or_below).cast(pl.Float64).mean()
    return (promoters - detractors) * 100.0


def pulse_problems(checkins: pl.DataFrame) -> pl.DataFrame:
    """Rows of a check-ins frame whose ``mood`` or ``workload`` lies outside 1-5 (nulls are allowed).

    Returns ``row`` (0-based) and ``column``, never the value.
    """
    indexed = (
        checkins.select("mood", "workload").with_row_index("row").with_columns(pl.col("row").cast(pl.Int64))
    )
    parts = [
        indexed.filter(pl.col(name).is_not_null() & ~pl.col(name).is_between(PULSE_LOW, PULSE_HIGH)).select(
            "row", pl.lit(name).alias("column")
        )
        for name in ("mood", "workload")
    ]
    return pl.concat(parts).sort("row", "column")
