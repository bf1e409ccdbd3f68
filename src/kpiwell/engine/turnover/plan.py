"""The column plan: which columns of an HR table feed the model, and why the others do not."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from kpiwell.engine.turnover.columns import (
    ColumnPlan,
    Exclusion,
    FeatureColumn,
    ProtectedColumn,
    check_named,
    feature_column,
    protected_attribute,
    unfit_reason,
)
from kpiwell.engine.turnover.config import TurnoverConfig
from kpiwell.engine.turnover.errors import TurnoverInputError
from kpiwell.engine.turnover.proxies import find_proxies


def plan_columns(
    frame: pl.DataFrame,
    *,
    label: str,
    id_column: str | None,
    exclude: Sequence[str],
    allow: Sequence[str],
    config: TurnoverConfig,
    seed: int,
) -> ColumnPlan:
    """Sort every column into features and exclusions (with reasons); find proxies."""
    if id_column is not None and id_column not in frame.columns:
        raise TurnoverInputError(f"--id names column {id_column!r}, which is not in the data")
    check_named(frame, exclude, "--exclude")
    check_named(frame, allow, "--allow")
    excluded: list[Exclusion] = []
    protected: list[ProtectedColumn] = []
    candidates: list[FeatureColumn] = []
    for name in frame.columns:
        if name == label:
            continue
        if name == id_column:
            excluded.append(
                Exclusion(column=name, code="id", reason="the id column (names people, not a feature)")
            )
            continue
        attribute = protected_attribute(name, config)
        if attribute is not None:
            protected.append(ProtectedColumn(name=name, attribute=attribute, allowed=name in allow))
        if name in exclude:
            excluded.append(Exclusion(column=name, code="user", reason="left out with --exclude"))
            continue
        if attribute is not None and name not in allow:
            excluded.append(
                Exclusion(
                    column=name,
                    code="protected",
                    reason=f"protected attribute ({attribute}); use --allow {name} to include it knowingly",
                )
            )
            continue
        unfit = unfit_reason(frame[name], config)
        if unfit is not None:
            excluded.append(Exclusion(column=name, code=unfit[0], reason=unfit[1]))
            continue
        candidates.append(feature_column(frame[name], config))
    screened = tuple(column for column in candidates if column.name not in allow)
    proxies = {
        proxy.column: proxy
        for proxy in find_proxies(
            frame,
            candidates=screened,
            protected=tuple(column for column in protected if not column.allowed),
            config=config,
            seed=seed,
        )
    }
    features: list[FeatureColumn] = []
    for column in candidates:
        proxy = proxies.get(column.name)
        if proxy is None:
            features.append(column)
            continue
        excluded.append(
            Exclusion(
                column=column.name,
                code="proxy",
                reason=(
                    f"proxy for {proxy.protected} ({proxy.attribute}): on its own it tells "
                    f"{proxy.group!r} from the rest with ROC-AUC {proxy.roc_auc:.2f} "
                    f"(>= {config.proxy_auc:.2f}); use --allow {column.name} to include it knowingly"
                ),
            )
        )
    if not features:
        raise TurnoverInputError("no usable feature columns are left after the exclusions")
    return ColumnPlan(
        label=label,
        id_column=id_column,
        features=tuple(features),
        excluded=tuple(excluded),
        protected=tuple(protected),
    )
