"""Honest measurement: stratified k-fold cross-validation, calibration, and fairness by group.

Every fold refits everything that learns from data (imputation values, categories, scaling, the
regularisation choice, Platt scaling, the coefficients) on its training rows only; the test rows
are scored once, out of fold. ROC-AUC, PR-AUC (average precision) and Brier score are computed per
fold and averaged; the calibration table and the fairness table use the pooled out-of-fold risks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from kpiwell.engine.turnover.columns import Exclusion, Outcome, ProtectedColumn
from kpiwell.engine.turnover.config import TurnoverConfig
from kpiwell.engine.turnover.model import fit_model, predict
from kpiwell.engine.turnover.proxies import protected_groups
from kpiwell.engine.turnover.training import prepare

Vector = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class FoldResult:
    fold: int  # 1-based
    rows: int
    left: int
    roc_auc: float
    pr_auc: float
    brier: float
    regularisation: float


@dataclass(frozen=True, slots=True, kw_only=True)
class CalibrationBin:
    lowest: float
    highest: float
    mean_predicted: float
    observed_rate: float
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FairnessGroup:
    group: str
    count: int
    mean_risk: float  # mean out-of-fold predicted risk
    observed_rate: float  # share who actually left


@dataclass(frozen=True, slots=True, kw_only=True)
class FairnessReport:
    column: str
    attribute: str
    in_model: bool  # allowed into the model with --allow
    grouping: str  # how the groups were formed
    groups: tuple[FairnessGroup, ...]
    # Largest difference of mean risk between two groups of at least config.proxy_min_group_size
    # people; None when fewer than two groups are that large.
    largest_gap: float | None
    gap_between: tuple[str, str] | None  # (highest-risk group, lowest-risk group)


@dataclass(frozen=True, slots=True, kw_only=True)
class Imputation:
    column: str
    missing: int
    fill: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    rows: int
    left: int
    label: str
    positive: str
    seed: int
    folds: tuple[FoldResult, ...]
    roc_auc: float  # mean over folds
    roc_auc_spread: float  # standard deviation over folds
    pr_auc: float
    brier: float
    calibration: tuple[CalibrationBin, ...]
    features: tuple[str, ...]  # the columns the model uses, with their roles ("Col (numeric)")
    excluded: tuple[Exclusion, ...]
    imputed: tuple[Imputation, ...]
    fairness: tuple[FairnessReport, ...]
    notes: tuple[str, ...]


def evaluate(
    frame: pl.DataFrame,
    *,
    label: str,
    positive: str | None = None,
    id_column: str | None = None,
    exclude: Sequence[str] = (),
    allow: Sequence[str] = (),
    config: TurnoverConfig | None = None,
    seed: int | None = None,
) -> Evaluation:
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
    y = result.left.astype(np.int64)
    out_of_fold = np.empty(frame.height, dtype=np.float64)
    folds: list[FoldResult] = []
    notes: list[str] = []
    splitter = StratifiedKFold(n_splits=config.folds, shuffle=True, random_state=seed)
    for number, (train, test) in enumerate(splitter.split(np.zeros(frame.height), y), start=1):
        training = Outcome(label=result.label, positive=result.positive, left=result.left[train])
        model = fit_model(frame[train], training, plan, config, seed)
        notes.extend(model.notes)
        risk = predict(model, frame[test]).probability
        out_of_fold[test] = risk
        folds.append(
            FoldResult(
                fold=number,
                rows=int(test.size),
                left=int(y[test].sum()),
                roc_auc=float(roc_auc_score(y[test], risk)),
                pr_auc=float(average_precision_score(y[test], risk)),
                brier=float(brier_score_loss(y[test], risk)),
                regularisation=model.regularisation,
            )
        )
    whole = fit_model(frame, result, plan, config, seed)
    notes.extend(whole.notes)
    aucs = np.array([fold.roc_auc for fold in folds])
    return Evaluation(
        rows=frame.height,
        left=int(y.sum()),
        label=result.label,
        positive=result.positive,
        seed=seed,
        folds=tuple(folds),
        roc_auc=float(aucs.mean()),
        roc_auc_spread=float(aucs.std()),
        pr_auc=float(np.mean([fold.pr_auc for fold in folds])),
        brier=float(np.mean([fold.brier for fold in folds])),
        calibration=calibration_table(out_of_fold, y, config.calibration_bins),
        features=tuple(f"{column.name} ({column.role})" for column in plan.features),
        excluded=plan.excluded,
        imputed=tuple(
            Imputation(column=column.name, missing=column.missing, fill=_shown(column.fill))
            for column in whole.encoder.columns
            if column.missing
        ),
        fairness=tuple(fairness_report(frame, column, out_of_fold, y, config) for column in plan.protected),
        notes=tuple(dict.fromkeys(notes)),
    )


def calibration_table(risk: Vector, y: npt.NDArray[np.int64], bins: int) -> tuple[CalibrationBin, ...]:
    """Equal-count groups of predicted risk (deciles for ``bins=10``), lowest risk first."""
    order = np.argsort(risk, kind="stable")
    table: list[CalibrationBin] = []
    for members in np.array_split(order, bins):
        if members.size == 0:
            continue
        table.append(
            CalibrationBin(
                lowest=float(risk[members].min()),
                highest=float(risk[members].max()),
                mean_predicted=float(risk[members].mean()),
                observed_rate=float(y[members].mean()),
                count=int(members.size),
            )
        )
    return tuple(table)


def fairness_report(
    frame: pl.DataFrame,
    column: ProtectedColumn,
    risk: Vector,
    y: npt.NDArray[np.int64],
    config: TurnoverConfig,
) -> FairnessReport:
    grouping = protected_groups(frame[column.name], column.attribute, config)
    labels = np.array(grouping.labels, dtype=object)
    groups: list[FairnessGroup] = []
    for group in grouping.order:
        members = labels == group
        groups.append(
            FairnessGroup(
                group=group,
                count=int(members.sum()),
                mean_risk=float(risk[members].mean()),
                observed_rate=float(y[members].mean()),
            )
        )
    large = [group for group in groups if group.count >= config.proxy_min_group_size]
    gap: float | None = None
    between: tuple[str, str] | None = None
    if len(large) >= 2:
        highest = max(large, key=lambda group: group.mean_risk)
        lowest = min(large, key=lambda group: group.mean_risk)
        gap = highest.mean_risk - lowest.mean_risk
        between = (highest.group, lowest.group)
    return FairnessReport(
        column=column.name,
        attribute=column.attribute,
        in_model=column.allowed,
        grouping=grouping.description,
        groups=tuple(groups),
        largest_gap=gap,
        gap_between=between,
    )


def _shown(value: float | str) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return value


def evaluation_as_dict(evaluation: Evaluation) -> dict[str, object]:
    """The evaluation as JSON-ready data (``kpiwell turnover evaluate --json``)."""
    return {
        "roc_auc": evaluation.roc_auc,
        "roc_auc_spread": evaluation.roc_auc_spread,
        "roc_auc_folds": [fold.roc_auc for fold in evaluation.folds],
        "pr_auc": evaluation.pr_auc,
        "brier": evaluation.brier,
        "rows": evaluation.rows,
        "left": evaluation.left,
        "label": evaluation.label,
        "positive": evaluation.positive,
        "seed": evaluation.seed,
        "folds": [
            {
                "fold": fold.fold,
                "rows": fold.rows,
                "left": fold.left,
                "roc_auc": fold.roc_auc,
                "pr_auc": fold.pr_auc,
                "brier": fold.brier,
                "regularisation": fold.regularisation,
            }
            for fold in evaluation.folds
        ],
        "calibration": [
            {
                "lowest": row.lowest,
                "highest": row.highest,
                "mean_predicted": row.mean_predicted,
                "observed_rate": row.observed_rate,
                "count": row.count,
            }
            for row in evaluation.calibration
        ],
        "features": list(evaluation.features),
        "excluded": [
            {"column": exclusion.column, "code": exclusion.code, "reason": exclusion.reason}
            for exclusion in evaluation.excluded
        ],
        "imputed": [
            {"column": imputation.column, "missing": imputation.missing, "fill": imputation.fill}
            for imputation in evaluation.imputed
        ],
        "fairness": {
            report.column: {
                "attribute": report.attribute,
                "in_model": report.in_model,
                "grouping": report.grouping,
                "groups": [
                    {
                        "group": group.group,
                        "count": group.count,
                        "mean_risk": group.mean_risk,
                        "observed_rate": group.observed_rate,
                    }
                    for group in report.groups
                ],
                "largest_gap": report.largest_gap,
                "gap_between": None if report.gap_between is None else list(report.gap_between),
            }
            for report in evaluation.fairness
        },
        "notes": list(evaluation.notes),
    }
