"""A small builder for survey data: people in teams, and their answers on given days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from kpiwell.engine.audit.frames import SURVEYS_SCHEMA

ROUND_1 = date(2025, 1, 6)
ROUND_2 = date(2025, 3, 3)
AS_OF = date(2025, 3, 31)


def cbi_work_at(level: int) -> list[int]:
    """Work-related CBI answers scoring ``level`` x 25 (item 4 is reverse-scored, so it gets 4 - level)."""
    return [level, level, level, 4 - level, level, level, level]


def who5_at(percentage: int) -> list[int]:
    """WHO-5 answers whose percentage score is ``percentage`` (a multiple of 4)."""
    raw = percentage // 4
    answers = [raw // 5] * 5
    for index in range(raw % 5):
        answers[index] += 1
    return answers


@dataclass
class Org:
    people: list[tuple[str, str, str | None]] = field(default_factory=list)
    answers: list[tuple[str, date, str, int, int]] = field(default_factory=list)

    def team(self, name: str, size: int, parent: str | None = None) -> list[str]:
        ids = [f"{name}-{index}" for index in range(size)]
        self.people.extend((person, name, parent) for person in ids)
        return ids

    def answer(self, person: str, day: date, instrument: str, responses: list[int]) -> None:
        self.answers.extend(
            (person, day, instrument, item, response) for item, response in enumerate(responses, start=1)
        )

    def who5(self, people: list[str], day: date, percentages: list[int]) -> None:
        for person, percentage in zip(people, percentages, strict=True):
            self.answer(person, day, "who5", who5_at(percentage))

    def cbi_work(self, people: list[str], day: date, levels: list[int]) -> None:
        for person, level in zip(people, levels, strict=True):
            self.answer(person, day, "cbi-work", cbi_work_at(level))

    def enps(self, people: list[str], day: date, responses: list[int]) -> None:
        for person, response in zip(people, responses, strict=True):
            self.answer(person, day, "enps", [response])

    def surveys(self) -> pl.DataFrame:
        return pl.DataFrame(self.answers, schema=SURVEYS_SCHEMA, orient="row")

    def people_frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            self.people, schema={"person_id": pl.Utf8, "team": pl.Utf8, "parent_team": pl.Utf8}, orient="row"
        )
