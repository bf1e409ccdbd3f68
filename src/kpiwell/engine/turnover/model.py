"""The turnover-risk model: L2-regularised logistic regression with Platt calibration.

Fitting, on the training rows only:

1. encode and standardise the columns (``encoding``);
2. pick the regularisation strength ``C`` from ``config.regularisation_grid`` by the log-loss of an
   inner stratified k-fold cross-validation (ties go to the stronger regularisation);
3. fit Platt scaling (Platt 1999: ``p = sigmoid(a * score + b)``) on the inner out-of-fold scores of
   the chosen ``C``, so the probabilities are calibrated on people the model had not seen;
4. refit the regression on all training rows with the chosen ``C``.

Prediction is plain NumPy on the stored numbers, which is what makes a JSON model file exact: the
probability is ``sigmoid(a * (intercept + z . coefficients) + b)``. Because this is linear in the
standardised features ``z`` (whose training mean is 0), the contribution of one column to a person's
log-odds relative to the average person is exactly ``a * sum(coefficient * z)`` over its features.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy.optimize import minimize
from scipy.special import expit, log_expit
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from kpiwell.engine.turnover.columns import ColumnPlan, Exclusion, Outcome
from kpiwell.engine.turnover.config import RiskBands, TurnoverConfig
from kpiwell.engine.turnover.encoding import Encoded, Encoder, encode, fit_encoder

Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class Calibration:
    slope: float  # Platt's a
    intercept: float  # Platt's b


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnoverModel:
    label: str
    positive: str
    id_column: str | None
    encoder: Encoder
    coefficients: tuple[float, ...]  # one per encoder feature (standardised scale)
    intercept: float
    calibration: Calibration
    regularisation: float  # the chosen C (inverse L2 strength)
    bands: RiskBands
    excluded: tuple[Exclusion, ...]
    training_rows: int
    training_positive_rate: float
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Prediction:
    logit: Vector  # calibrated log-odds
    probability: Vector
    contributions: Matrix  # rows x model columns: calibrated log-odds each column adds vs the average
    encoded: Encoded


def fit_model(
    frame: pl.DataFrame,
    outcome: Outcome,
    plan: ColumnPlan,
    config: TurnoverConfig,
    seed: int,
) -> TurnoverModel:
    """Fit on every row of ``frame`` (the caller passes only training rows)."""
    encoder = fit_encoder(frame, plan.features, config)
    z = encode(encoder, frame).standardised
    y = outcome.left.astype(np.int64)
    notes: list[str] = []
    regularisation, scores = _choose_regularisation(z, y, config, seed, notes)
    calibration = _platt(scores, y)
    coefficients, intercept = _fit_logistic(z, y, regularisation, config, notes)
    return TurnoverModel(
        label=outcome.label,
        positive=outcome.positive,
        id_column=plan.id_column,
        encoder=encoder,
        coefficients=tuple(float(value) for value in coefficients),
        intercept=intercept,
        calibration=calibration,
        regularisation=regularisation,
        bands=config.bands,
        excluded=plan.excluded,
        training_rows=frame.height,
        training_positive_rate=float(y.mean()),
        notes=tuple(dict.fromkeys(notes)),
    )


def predict(model: TurnoverModel, frame: pl.DataFrame) -> Prediction:
    encoded = encode(model.encoder, frame)
    coefficients = np.asarray(model.coefficients, dtype=np.float64)
    weighted = encoded.standardised * coefficients
    columns = model.encoder.column_index()
    contributions = np.zeros((frame.height, len(model.encoder.columns)), dtype=np.float64)
    for feature_index, column_index in enumerate(columns):
        contributions[:, column_index] += weighted[:, feature_index]
    contributions *= model.calibration.slope
    score = model.intercept + encoded.standardised @ coefficients
    logit = model.calibration.slope * score + model.calibration.intercept
    return Prediction(logit=logit, probability=expit(logit), contributions=contributions, encoded=encoded)


def effects(prediction: Prediction) -> Matrix:
    """Per person and column, the change in risk (probability) this column causes versus the
    average person: ``p - sigmoid(logit - contribution)``."""
    without = expit(prediction.logit[:, None] - prediction.contributions)
    effect: Matrix = prediction.probability[:, None] - without
    return effect


def _fit_logistic(
    z: Matrix, y: npt.NDArray[np.int64], regularisation: float, config: TurnoverConfig, notes: list[str]
) -> tuple[Vector, float]:
    model = LogisticRegression(C=regularisation, max_iter=config.max_iterations)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(z, y)
    if any(issubclass(warning.category, ConvergenceWarning) for warning in caught):
        notes.append(
            f"the solver stopped after {config.max_iterations} iterations before fully converging; "
            "the coefficients are close to, not exactly at, the optimum"
        )
    coefficients: Vector = model.coef_[0].astype(np.float64)
    return coefficients, float(model.intercept_[0])


def _choose_regularisation(
    z: Matrix, y: npt.NDArray[np.int64], config: TurnoverConfig, seed: int, notes: list[str]
) -> tuple[float, Vector]:
    """The C with the lowest inner-CV log-loss, and its out-of-fold scores (log-odds)."""
    folds = list(StratifiedKFold(n_splits=config.inner_folds, shuffle=True, random_state=seed).split(z, y))
    best: tuple[float, float, Vector] | None = None
    for regularisation in sorted(config.regularisation_grid):
        scores = np.empty(y.size, dtype=np.float64)
        for train, test in folds:
            coefficients, intercept = _fit_logistic(z[train], y[train], regularisation, config, notes)
            scores[test] = intercept + z[test] @ coefficients
        loss = _log_loss(scores, y)
        if best is None or loss < best[0]:
            best = (loss, regularisation, scores)
    assert best is not None
    return best[1], best[2]


def _log_loss(logit: Vector, y: npt.NDArray[np.int64]) -> float:
    return float(-np.mean(y * log_expit(logit) + (1 - y) * log_expit(-logit)))


def _platt(scores: Vector, y: npt.NDArray[np.int64]) -> Calibration:
    """Maximum-likelihood ``a, b`` for ``sigmoid(a * score + b)``, started at the identity."""

    def loss_and_gradient(parameters: Vector) -> tuple[float, Vector]:
        logit = parameters[0] * scores + parameters[1]
        residual = expit(logit) - y
        gradient = np.array([np.mean(residual * scores), np.mean(residual)], dtype=np.float64)
        return _log_loss(logit, y), gradient

    result = minimize(loss_and_gradient, x0=np.array([1.0, 0.0]), jac=True, method="BFGS")
    return Calibration(slope=float(result.x[0]), intercept=float(result.x[1]))
