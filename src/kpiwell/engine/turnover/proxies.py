"""Protected groups, and the columns that stand in for a protected attribute (proxies).

A column is a strong proxy when, on its own, it tells one group of a protected attribute from the
rest with ROC-AUC >= ``config.proxy_auc``. Multi-class attributes (marital status: single, married,
divorced) are checked one group against the rest, and the strongest group counts: a column that
singles out the unmarried is a proxy even if it cannot tell married from divorced. Numeric
protected attributes are banded first (age: under 30, 30-39, 40-49, 50 and over).

How a candidate column scores a group:

* numbers: their rank (the AUC is folded to >= 0.5, so "lower means more likely" counts too);
* categories, yes/no and ordinal scales: each level's share of the group, estimated out of fold
  (stratified k-fold, seeded) so a column with many small levels cannot look predictive by memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import polars as pl
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from kpiwell.engine.turnover.columns import FeatureColumn, ProtectedColumn
from kpiwell.engine.turnover.config import TurnoverConfig
from kpiwell.engine.turnover.tables import as_number, as_text

MISSING_GROUP = "(missing)"
_AGE = "age"


@dataclass(frozen=True, slots=True, kw_only=True)
class Proxy:
    column: str
    protected: str  # the protected column it stands in for
    attribute: str  # the protected characteristic, e.g. "marital status"
    group: str  # the group of the protected column it singles out best
    roc_auc: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Grouping:
    labels: tuple[str, ...]  # one group label per row
    order: tuple[str, ...]  # the groups in display order
    description: str  # how the groups were formed


def protected_groups(series: pl.Series, attribute: str, config: TurnoverConfig) -> Grouping:
    """Group each row by a protected column: its values, or bands for a numeric column."""
    numbers = as_number(series) if series.dtype.is_numeric() else None
    if numbers is not None and numbers.drop_nulls().n_unique() > config.ordinal_max_levels:
        values = numbers.to_numpy()
        if attribute == _AGE:
            edges = tuple(float(edge) for edge in config.age_band_edges)
            names = _age_band_names(config.age_band_edges)
            description = "age bands: " + ", ".join(names)
        else:
            quantiles = np.linspace(0.0, 1.0, config.numeric_protected_quantile_groups + 1)[1:-1]
            edges = tuple(float(edge) for edge in np.unique(np.nanquantile(values, quantiles)))
            names = _range_names(edges)
            description = f"{len(names)} quantile bands"
        labels = tuple(
            MISSING_GROUP if np.isnan(value) else names[int(np.searchsorted(edges, value, side="right"))]
            for value in values
        )
        order = tuple(name for name in names if name in set(labels))
    else:
        text = as_text(series).to_list()
        labels = tuple(MISSING_GROUP if value is None else str(value) for value in text)
        order = tuple(sorted(set(labels) - {MISSING_GROUP}))
        description = "values of the column"
    if MISSING_GROUP in labels:
        order = (*order, MISSING_GROUP)
    return Grouping(labels=labels, order=order, description=description)


def _age_band_names(edges: tuple[int, ...]) -> tuple[str, ...]:
    names = [f"under {edges[0]}"]
    names.extend(f"{low}-{high - 1}" for low, high in pairwise(edges))
    names.append(f"{edges[-1]} and over")
    return tuple(names)


def _range_names(edges: tuple[float, ...]) -> tuple[str, ...]:
    if not edges:
        return ("all",)
    names = [f"below {edges[0]:g}"]
    names.extend(f"{low:g} to below {high:g}" for low, high in pairwise(edges))
    names.append(f"{edges[-1]:g} and over")
    return tuple(names)


def find_proxies(
    frame: pl.DataFrame,
    *,
    candidates: tuple[FeatureColumn, ...],
    protected: tuple[ProtectedColumn, ...],
    config: TurnoverConfig,
    seed: int,
) -> tuple[Proxy, ...]:
    """Candidates that predict a group of a protected column with ROC-AUC >= ``config.proxy_auc``;
    for each proxy the strongest protected group is named."""
    targets: list[tuple[ProtectedColumn, str, npt.NDArray[np.bool_]]] = []
    for column in protected:
        grouping = protected_groups(frame[column.name], column.attribute, config)
        labels = np.array(grouping.labels, dtype=object)
        for group in grouping.order:
            if group == MISSING_GROUP:
                continue
            members = labels == group
            size = int(members.sum())
            if config.proxy_min_group_size <= size <= frame.height - config.proxy_min_group_size:
                targets.append((column, group, members.astype(np.bool_)))
    proxies: list[Proxy] = []
    for candidate in candidates:
        best: Proxy | None = None
        for column, group, members in targets:
            auc = _proxy_auc(frame[candidate.name], candidate, members, config, seed)
            if auc >= config.proxy_auc and (best is None or auc > best.roc_auc):
                best = Proxy(
                    column=candidate.name,
                    protected=column.name,
                    attribute=column.attribute,
                    group=group,
                    roc_auc=auc,
                )
        if best is not None:
            proxies.append(best)
    return tuple(proxies)


def _proxy_auc(
    series: pl.Series,
    candidate: FeatureColumn,
    members: npt.NDArray[np.bool_],
    config: TurnoverConfig,
    seed: int,
) -> float:
    if candidate.role == "numeric":
        values = as_number(series).to_numpy().astype(np.float64)
        filled = np.where(np.isnan(values), np.nanmedian(values), values)
        auc = float(roc_auc_score(members, filled))
        return max(auc, 1.0 - auc)
    text = as_text(series).fill_null(MISSING_GROUP).to_numpy()
    _, codes = np.unique(text, return_inverse=True)
    scores = np.zeros(members.size, dtype=np.float64)
    folds = StratifiedKFold(n_splits=config.folds, shuffle=True, random_state=seed)
    for train, test in folds.split(codes.reshape(-1, 1), members):
        level_count = np.bincount(codes[train], minlength=codes.max() + 1)
        level_members = np.bincount(codes[train], weights=members[train], minlength=codes.max() + 1)
        overall = float(members[train].mean())
        rate = np.where(level_count > 0, level_members / np.maximum(level_count, 1), overall)
        scores[test] = rate[codes[test]]
    return float(roc_auc_score(members, scores))
