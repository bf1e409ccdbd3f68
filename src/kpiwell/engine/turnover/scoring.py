"""Scoring people with a fitted model, the scores file, and reading a scores file back.

The scores file (CSV) has one row per person:

``<id column or row>, risk_probability, risk_band, driver_1, driver_1_effect_pp, driver_2,
driver_2_effect_pp, driver_3, driver_3_effect_pp, note``

A driver is one column of the person's record, said in plain words, whose value moves this
person's risk most away from the average person's; its effect is signed, in percentage points of
risk (``+12.3``: raises the risk by 12.3 points). ``note`` repeats on every row that the risk is for a
supportive conversation, never for decisions about the person.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from kpiwell.engine.audit.frames import TURNOVER_SCORES_SCHEMA, conform
from kpiwell.engine.turnover.config import TurnoverConfig
from kpiwell.engine.turnover.errors import ScoresFileError, TurnoverError, TurnoverInputError
from kpiwell.engine.turnover.explain import describe
from kpiwell.engine.turnover.model import TurnoverModel, effects, predict
from kpiwell.engine.turnover.tables import as_text, read_table

ROW_COLUMN = "row"
PROBABILITY = "risk_probability"
BAND = "risk_band"
NOTE = "note"
BANDS = ("low", "medium", "high")
PERCENT = 100.0
EFFECT_DECIMALS = 1


def driver_column(rank: int) -> str:
    return f"driver_{rank}"


def effect_column(rank: int) -> str:
    return f"driver_{rank}_effect_pp"


@dataclass(frozen=True, slots=True, kw_only=True)
class Driver:
    column: str
    text: str  # plain words: "works overtime"
    effect_pp: float  # signed change of risk in percentage points versus the average person

    @property
    def direction(self) -> str:
        return "raises" if self.effect_pp > 0 else "lowers"

    def summary(self) -> str:
        """``works overtime (+12.3 pp)``"""
        return f"{self.text} ({self.effect_pp:+.{EFFECT_DECIMALS}f} pp)"


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonRisk:
    person_id: str
    probability: float
    band: str
    drivers: tuple[Driver, ...]  # most important first


@dataclass(frozen=True, slots=True, kw_only=True)
class Scores:
    id_name: str  # the id column's name, or "row"
    people: tuple[PersonRisk, ...]
    notes: tuple[str, ...]  # what was done to the input (unknown categories replaced, ...)


def score(
    model: TurnoverModel,
    frame: pl.DataFrame,
    *,
    id_column: str | None = None,
    config: TurnoverConfig | None = None,
) -> Scores:
    """Risk, band and top drivers per row of ``frame``. ``id_column`` defaults to the model's."""
    config = config or TurnoverConfig()
    id_name = id_column or model.id_column
    if id_name is not None and id_name not in frame.columns:
        raise TurnoverInputError(f"the data has no id column {id_name!r}")
    ids = [str(number) for number in range(1, frame.height + 1)] if id_name is None else _ids(frame[id_name])
    prediction = predict(model, frame)
    effect = effects(prediction) * PERCENT
    people: list[PersonRisk] = []
    for row in range(frame.height):
        ranked = np.argsort(-np.abs(effect[row]), kind="stable")[: config.drivers]
        drivers = tuple(
            Driver(
                column=model.encoder.columns[index].name,
                text=describe(model.encoder.columns[index], prediction.encoded.raw[index][row], config),
                effect_pp=round(float(effect[row, index]), EFFECT_DECIMALS),
            )
            for index in ranked
            if round(float(effect[row, index]), EFFECT_DECIMALS) != 0.0
        )
        probability = float(prediction.probability[row])
        people.append(
            PersonRisk(
                person_id=ids[row],
                probability=probability,
                band=model.bands.band(probability),
                drivers=drivers,
            )
        )
    notes = tuple(
        f"{column}: {count} value(s) the model had not seen were treated as the most frequent one"
        for column, count in prediction.encoded.replaced.items()
    )
    return Scores(id_name=id_name or ROW_COLUMN, people=tuple(people), notes=notes)


def _ids(series: pl.Series) -> list[str]:
    ids = as_text(series).to_list()
    seen: set[str] = set()
    for row, value in enumerate(ids, start=1):
        if value is None:
            raise TurnoverInputError(f"the id column {series.name!r} is empty on row {row}")
        if value in seen:
            raise TurnoverInputError(
                f"the id column {series.name!r} has {value!r} twice (again on row {row})"
            )
        seen.add(value)
    return [value for value in ids if value is not None]


def scores_frame(scores: Scores, config: TurnoverConfig | None = None) -> pl.DataFrame:
    """The scores file's layout as a frame."""
    config = config or TurnoverConfig()
    data: dict[str, list[str] | list[float] | list[str | float | None]] = {
        scores.id_name: [person.person_id for person in scores.people],
        PROBABILITY: [person.probability for person in scores.people],
        BAND: [person.band for person in scores.people],
    }
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        scores.id_name: pl.String,
        PROBABILITY: pl.Float64,
        BAND: pl.String,
    }
    for rank in range(1, config.drivers + 1):
        data[driver_column(rank)] = [_driver(person, rank, text=True) for person in scores.people]
        data[effect_column(rank)] = [_driver(person, rank, text=False) for person in scores.people]
        schema[driver_column(rank)] = pl.String
        schema[effect_column(rank)] = pl.Float64
    data[NOTE] = [config.note for _ in scores.people]
    schema[NOTE] = pl.String
    return pl.DataFrame(data, schema=schema)


def _driver(person: PersonRisk, rank: int, *, text: bool) -> str | float | None:
    if rank > len(person.drivers):
        return None
    driver = person.drivers[rank - 1]
    return driver.text if text else driver.effect_pp


def write_scores(scores: Scores, path: Path, config: TurnoverConfig | None = None) -> None:
    try:
        scores_frame(scores, config).write_csv(path)
    except OSError as error:
        raise TurnoverInputError(f"cannot write {path}: {error.strerror or error}") from error


def read_scores(path: Path, id_column: str | None = None) -> pl.DataFrame:
    """A scores file as a frame conforming to ``TURNOVER_SCORES_SCHEMA``.

    ``person_id`` is ``id_column`` (default: the first column) as trimmed text; ``drivers`` lists
    the plain-words drivers with their effects, most important first (``works overtime (+12.3 pp)``).
    Raises ``ScoresFileError`` naming the file, row and column of the first problem.
    """
    try:
        frame = read_table(path, all_text=True)
    except TurnoverError as error:
        raise ScoresFileError(path, str(error).removeprefix(f"cannot read {path}: ")) from error
    if frame.width == 0:
        raise ScoresFileError(path, "the file has no columns")
    id_name = id_column or frame.columns[0]
    for required in (id_name, PROBABILITY, BAND):
        if required not in frame.columns:
            raise ScoresFileError(
                path, "missing column (is this a kpiwell turnover scores file?)", column=required
            )
    ids = as_text(frame[id_name]).to_list()
    probabilities = _numbers(frame, PROBABILITY, path)
    bands = as_text(frame[BAND]).to_list()
    ranks = _driver_ranks(frame)
    driver_texts = {rank: as_text(frame[driver_column(rank)]).to_list() for rank in ranks}
    driver_effects = {rank: _numbers(frame, effect_column(rank), path) for rank in ranks}
    seen: set[str] = set()
    people: list[str] = []
    drivers: list[list[str]] = []
    for row in range(frame.height):
        person = ids[row]
        if person is None or not person.strip():
            raise ScoresFileError(path, "empty person id", row=row + 1, column=id_name)
        if person in seen:
            raise ScoresFileError(path, f"person {person!r} appears twice", row=row + 1, column=id_name)
        seen.add(person)
        probability = probabilities[row]
        if probability is None or not 0.0 <= probability <= 1.0:
            raise ScoresFileError(
                path, f"{probability!r} is not a probability between 0 and 1", row=row + 1, column=PROBABILITY
            )
        if bands[row] not in BANDS:
            raise ScoresFileError(
                path, f"{bands[row]!r} is not one of {', '.join(BANDS)}", row=row + 1, column=BAND
            )
        listed: list[str] = []
        for rank in ranks:
            text = driver_texts[rank][row]
            effect = driver_effects[rank][row]
            if text is None:
                continue
            if effect is None:
                raise ScoresFileError(
                    path, "a driver without its effect", row=row + 1, column=effect_column(rank)
                )
            listed.append(f"{text} ({effect:+.{EFFECT_DECIMALS}f} pp)")
        people.append(person.strip())
        drivers.append(listed)
    result = pl.DataFrame(
        {
            "person_id": people,
            "probability": [probabilities[row] for row in range(frame.height)],
            "band": bands,
            "drivers": drivers,
        },
        schema=TURNOVER_SCORES_SCHEMA,
    )
    return conform(result, TURNOVER_SCORES_SCHEMA)


def _driver_ranks(frame: pl.DataFrame) -> list[int]:
    ranks: list[int] = []
    rank = 1
    while driver_column(rank) in frame.columns:
        ranks.append(rank)
        rank += 1
    return ranks


def _numbers(frame: pl.DataFrame, column: str, path: Path) -> list[float | None]:
    if column not in frame.columns:
        raise ScoresFileError(path, "missing column", column=column)
    series = frame[column]
    if series.dtype.is_numeric():
        values = series.cast(pl.Float64).to_list()
    else:
        values = []
        for row, cell in enumerate(as_text(series).to_list()):
            if cell is None:
                values.append(None)
                continue
            try:
                values.append(float(cell))
            except ValueError:
                raise ScoresFileError(path, f"{cell!r} is not a number", row=row + 1, column=column) from None
    for row, value in enumerate(values):
        if value is not None and not math.isfinite(value):
            raise ScoresFileError(path, f"{value!r} is not a finite number", row=row + 1, column=column)
    return values
