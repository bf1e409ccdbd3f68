from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

PLAN_HEADER = "person_id,person_name,team,kpi,target,cycle_start,cycle_end"
PLAN_CSV = (
    f"{PLAN_HEADER}\nE1,An,Ops,calls,100,2024-01-01,2024-06-30\nE2,Binh,Ops,calls,90,2024-01-01,2024-06-30\n"
)
ACTUALS_CSV = "person_id,kpi,period_end,value\nE1,calls,2024-01-07,95\nE2,calls,2024-01-07,88.5\n"

Writer = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write ``text`` to ``tmp_path/name`` exactly as given (UTF-8) and return the path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def csv_to(path: Path, fmt: str) -> Path:
    """Convert a CSV written by a test into XLSX or Parquet (all text, as a person would type it)."""
    frame = pl.read_csv(path, infer_schema=False)
    if fmt == "csv":
        return path
    target = path.with_suffix(f".{fmt}")
    if fmt == "xlsx":
        frame.write_excel(target)
    else:
        frame.write_parquet(target)
    return target
