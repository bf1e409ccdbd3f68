"""Stable pseudonyms for people and teams, so an audit can be shared without naming anyone.

A pseudonym is a keyed hash (HMAC-SHA256) of the original id: ``P-3f9a2c81d0`` for a person,
``T-07be41c9aa`` for a team. The same key gives the same pseudonym in every run, so findings keep
their ids and ``--baseline`` comparisons still work; without the key nobody can recompute them from
a list of likely ids. A person's name becomes their id's pseudonym.

Replacement covers the fields that hold a subject (``team``, ``person_id``) and every string inside
evidence, message values and notes: exact matches first, then any whole-word occurrence inside a
longer string (``"Hanoi Sales vs Saigon Sales"``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import Any, Final

import polars as pl

from kpiwell.engine.audit.findings import AuditResult, Finding, FindingBatch, FindingSet, Note

DIGITS: Final = 10  # 40 bits: a collision among 100,000 ids has a probability below 1 in 200,000


def _joins(character: str) -> bool:
    """Whether ``character`` continues a word: a word character (as ``\\w`` in a regular
    expression: a letter, a digit or ``_``, in any script) or a hyphen."""
    return character.isalnum() or character in "_-"


class PseudonymCollisionError(ValueError):
    """Two different originals received the same pseudonym (vanishingly rare; change the key)."""


class Pseudonymizer:
    """Maps every known person id, person name and team name to its pseudonym."""

    def __init__(
        self,
        *,
        key: bytes,
        people: Iterable[str],
        teams: Iterable[str],
        names: Mapping[str, str] | None = None,
    ) -> None:
        self._key = key
        people = sorted(set(people))
        teams = sorted(set(teams))
        person_names = {person: self.person(person) for person in people}
        team_names = {team: self.team(team) for team in teams}
        if len(set(person_names.values())) < len(person_names) or len(set(team_names.values())) < len(
            team_names
        ):
            raise PseudonymCollisionError("two different ids received the same pseudonym; use another key")
        mapping: dict[str, str] = {**team_names, **person_names}
        for person, name in (names or {}).items():
            if name and name not in mapping:
                mapping[name] = self.person(person)
        self.mapping: dict[str, str] = mapping
        self._longest = max((len(text) for text in mapping), default=0)

    @classmethod
    def from_frames(
        cls,
        *,
        key: bytes,
        plan: pl.DataFrame,
        others: Iterable[pl.Series] = (),
    ) -> Pseudonymizer:
        """Every id and name of the plan, plus other id columns (e.g. recognition's ``from_id``)."""
        people_series = [plan["person_id"], plan["manager_id"], *others]
        people = pl.concat([s.cast(pl.Utf8) for s in people_series]).drop_nulls().unique().sort().to_list()
        teams = pl.concat([plan["team"], plan["parent_team"]]).drop_nulls().unique().sort().to_list()
        named = plan.select("person_id", "person_name").drop_nulls().unique(subset="person_id", keep="first")
        names = dict(zip(named["person_id"].to_list(), named["person_name"].to_list(), strict=True))
        return cls(key=key, people=people, teams=teams, names=names)

    def _digest(self, kind: str, value: str) -> str:
        message = f"{kind}\x1f{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:DIGITS]

    def person(self, person_id: str) -> str:
        return f"P-{self._digest('person', person_id)}"

    def team(self, team: str) -> str:
        return f"T-{self._digest('team', team)}"

    # --- values -----------------------------------------------------------------------------

    def text(self, value: str) -> str:
        """A string with every known id, name and team replaced."""
        exact = self.mapping.get(value)
        if exact is not None:
            return exact
        return self._whole_words(value)

    def _whole_words(self, value: str) -> str:
        """Every known text inside ``value`` that is neither preceded nor followed by a word
        character or a hyphen, replaced; scanning from the left, the longest known text at a
        position wins and the scan goes on after it.

        The same replacement as one regular expression of every known text, longest first, with
        ``(?<![\\w-])`` and ``(?![\\w-])`` around it (a test holds the two equal); the candidates
        here are only the substrings between boundaries, looked up in the mapping, because an
        expression of tens of thousands of alternatives is slow to compile and to search.
        """
        starts = [i for i in range(len(value)) if i == 0 or not _joins(value[i - 1])]
        ends = [j for j in range(1, len(value) + 1) if j == len(value) or not _joins(value[j])]
        if not starts or not ends:
            return value
        parts: list[str] = []
        done = 0  # value[:done] is in parts already
        for start in starts:
            if start < done:
                continue
            # the boundaries after ``start`` no farther than the longest known text, longest first
            first, last = bisect_right(ends, start), bisect_right(ends, start + self._longest)
            for end in reversed(ends[first:last]):
                found = self.mapping.get(value[start:end])
                if found is not None:
                    parts += [value[done:start], found]
                    done = end
                    break
        if not parts:
            return value
        parts.append(value[done:])
        return "".join(parts)

    def value(self, value: Any) -> Any:
        """Strings replaced inside any JSON-like value (dicts, lists, tuples)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.value(item) for item in value)
        return value

    # --- results and frames -----------------------------------------------------------------

    def finding(self, finding: Finding) -> Finding:
        return dataclasses.replace(
            finding,
            team=None if finding.team is None else self.text(finding.team),
            person_id=None if finding.person_id is None else self.text(finding.person_id),
            evidence=self.value(finding.evidence),
            params=self.value(finding.params),
        )

    def batch(self, batch: FindingBatch) -> FindingBatch:
        """A column batch masked like :meth:`finding` masks each of its findings: the team, the
        person and every text (or list of texts) in the evidence, distinct values once each."""
        frame = batch.frame
        texts = [
            name
            for name in ("_team", "_person_id", *batch.evidence)
            if frame.schema[name] in (pl.String, pl.List(pl.String))
        ]
        return dataclasses.replace(
            batch, frame=self.frame(frame, texts), constants=self.value(dict(batch.constants))
        )

    def result(self, result: AuditResult) -> AuditResult:
        findings = result.finding_set
        scores = sorted(
            (
                dataclasses.replace(score, person_id=self.text(score.person_id), team=self.text(score.team))
                for score in result.scores
            ),
            key=lambda score: score.person_id,
        )
        notes = tuple(Note(key=note.key, params=self.value(note.params)) for note in result.note_details)
        masked = FindingSet(
            batches=[self.batch(batch) for batch in findings.batches],
            listed=[self.finding(finding) for finding in findings.listed],
        )
        return dataclasses.replace(result, findings=masked, scores=tuple(scores), note_details=notes)

    def frame(self, frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
        """``columns`` of ``frame`` (texts, or lists of texts) masked with :meth:`text`, each distinct
        value once."""
        out = frame
        for column in columns:
            if column not in out.columns:
                continue
            texts = out[column]
            nested = texts.dtype == pl.List(pl.String)
            if nested:
                texts = texts.explode()
            lookup = {value: self.text(value) for value in texts.drop_nulls().unique().to_list()}
            masked = pl.element() if nested else pl.col(column)
            masked = masked.replace_strict(lookup, default=None, return_dtype=pl.Utf8)
            out = out.with_columns(pl.col(column).list.eval(masked) if nested else masked)
        return out
