"""The errors the turnover model raises on bad input: each message is one plain sentence."""

from __future__ import annotations

from pathlib import Path


class TurnoverError(ValueError):
    """Base class: bad input to the turnover model. ``str(error)`` is fit to show a person."""


class TurnoverInputError(TurnoverError):
    """The HR table cannot be used (unreadable, too small, label missing, one class only, ...)."""


class ModelFileError(TurnoverError):
    """A model file is not a kpiwell turnover model of a supported format version."""


class ScoresFileError(TurnoverError):
    """A scores file is malformed; names the file, and the row and column where known.

    ``row`` counts data rows from 1 (the header is not a row).
    """

    def __init__(
        self, path: Path, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.path = path
        self.row = row
        self.column = column
        where = [str(path)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")
