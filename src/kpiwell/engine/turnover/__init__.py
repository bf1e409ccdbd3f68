"""The turnover-risk model: validated, calibrated, explained person by person, fair by construction.

Pure analytics (no Django, no printing): ``evaluate`` cross-validates, ``fit`` builds a model,
``save_model``/``load_model`` keep it as versioned JSON, ``score`` explains each person's risk,
``write_scores``/``read_scores`` handle the scores file the audit reads. See ``docs/turnover.md``.
"""

from __future__ import annotations

from kpiwell.engine.turnover.config import Phrase, RiskBands, TurnoverConfig
from kpiwell.engine.turnover.errors import ModelFileError, ScoresFileError, TurnoverError, TurnoverInputError
from kpiwell.engine.turnover.evaluation import Evaluation, evaluate, evaluation_as_dict
from kpiwell.engine.turnover.model import TurnoverModel
from kpiwell.engine.turnover.modelfile import load_model, save_model
from kpiwell.engine.turnover.scoring import (
    Driver,
    PersonRisk,
    Scores,
    read_scores,
    score,
    scores_frame,
    write_scores,
)
from kpiwell.engine.turnover.tables import read_table
from kpiwell.engine.turnover.training import fit

__all__ = [
    "Driver",
    "Evaluation",
    "ModelFileError",
    "PersonRisk",
    "Phrase",
    "RiskBands",
    "Scores",
    "ScoresFileError",
    "TurnoverConfig",
    "TurnoverError",
    "TurnoverInputError",
    "TurnoverModel",
    "evaluate",
    "evaluation_as_dict",
    "fit",
    "load_model",
    "read_scores",
    "read_table",
    "save_model",
    "score",
    "scores_frame",
    "write_scores",
]
