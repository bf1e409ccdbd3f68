"""From an HR table to a fitted model: check the input, plan the columns, fit."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from kpiwell.engine.turnover.columns import ColumnPlan, Outcome, check_rows, outcome
from kpiwell.engine.turnover.config import TurnoverConfig
from kpiwell.engine.turnover.errors import TurnoverInputError
from kpiwell.engine.turnover.model import TurnoverModel, fit_model
from kpiwell.engine.turnover.plan import plan_columns


def prepare(
    frame: pl.DataFrame,
    *,
    label: str,
    positive: str | None,
    id_column: str | None,
    exclude: Sequence[str],
    allow: Sequence[str],
    config: TurnoverConfig,
    seed: int,
) -> tuple[Outcome, ColumnPlan]:
    """Check the table and decide what each column is; raises ``TurnoverInputError`` on bad input."""
    if label not in frame.columns:
        raise TurnoverInputError(
            f"no label column {label!r} in the data (columns: {', '.join(frame.columns)})"
        )
    check_rows(frame, config)
    result = outcome(frame, label, positive, config)
    plan = plan_columns(
        frame, label=label, id_column=id_column, exclude=exclude, allow=allow, config=config, seed=seed
    )
    return result, plan


def fit(
    frame: pl.DataFrame,
    *,
    label: str,
    positive: str | None = None,
    id_column: str | None = None,
    exclude: Sequence[str] = (),
    allow: Sequence[str] = (),
    config: TurnoverConfig | None = None,
    seed: int | None = None,
) -> TurnoverModel:
    """Fit the model on every row of ``frame``; raises ``TurnoverInputError`` on bad input."""
    config = config or TurnoverConfig()
    seed = config.seed if seed is None else seed
    result, plan = prepare(
        frame,
        label=label,
        positive=positive,
        id_column=id_column,
        exclude=exclude,
        allow=allow,
        config=config,
        seed=seed,
    )
    return fit_model(frame, result, plan, config, seed)
