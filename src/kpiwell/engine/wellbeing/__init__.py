"""Wellbeing instruments, survey rounds, privacy rules and the survey-based radar findings.

Pure and columnar like the rest of :mod:`kpiwell.engine`: no Django. The audit calls
:func:`kpiwell.engine.wellbeing.radar.survey_findings`; the web survey page uses the scalar scoring
functions of :mod:`kpiwell.engine.wellbeing.instruments` and the texts of
:mod:`kpiwell.engine.wellbeing.texts`.
"""

from __future__ import annotations

from kpiwell.engine.wellbeing.config import WellbeingConfig, WellbeingConfigError
from kpiwell.engine.wellbeing.radar import SurveyOutcome, survey_findings

__all__ = ["SurveyOutcome", "WellbeingConfig", "WellbeingConfigError", "survey_findings"]
