"""Small terminal helpers shared by the pure command-line tools: a progress bar and aligned tables.

The progress bar draws on stderr only when stderr is a terminal and the work is big enough to be
worth watching; piped or redirected output never sees it. No dependency: a bar of characters
redrawn with a carriage return.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO


class Progress:
    """``[#######.........]  3/8  reading actuals`` on one line, advanced stage by stage."""

    width = 24

    def __init__(self, total: int, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.total = max(1, total)
        self.done = 0
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self._shown = 0

    @classmethod
    def for_terminal(cls, total: int, *, work_bytes: int, threshold_bytes: int) -> Progress:
        """Enabled when stderr is a terminal and the inputs weigh more than ``threshold_bytes``."""
        interactive = sys.stderr.isatty()
        return cls(total, enabled=interactive and work_bytes >= threshold_bytes)

    def step(self, label: str) -> None:
        """Start the next stage, called ``label``."""
        self.done = min(self.total, self.done + 1)
        if not self.enabled:
            return
        filled = round(self.width * (self.done - 1) / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {self.done}/{self.total} {label}"
        padding = " " * max(0, self._shown - len(line))
        self.stream.write(f"\r{line}{padding}")
        self.stream.flush()
        self._shown = len(line)

    def close(self) -> None:
        """Erase the bar so the output that follows starts on a clean line."""
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int = 1) -> str:
    """Rows aligned in columns; columns from ``numeric_from`` on are right-aligned."""
    widths = [len(text) for text in header]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if index >= numeric_from else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])
