"""The audit's rules, one module per family of codes; ``RULES`` runs in this order."""

from __future__ import annotations

from typing import Final

from kpiwell.engine.audit.rules.balance import no_purpose, quantitative_only
from kpiwell.engine.audit.rules.base import AuditContext, Rule, RuleOutput
from kpiwell.engine.audit.rules.feedback import feedback_gap, recognition_drought
from kpiwell.engine.audit.rules.flexibility import locked_target
from kpiwell.engine.audit.rules.involvement import low_involvement
from kpiwell.engine.audit.rules.radar import (
    chronic_pressure,
    effort_unrecognized,
    gaming_suspected,
    innovation_suppressed,
    motivation_loss,
)
from kpiwell.engine.audit.rules.targets import safe_target, uniform_target, unrealistic_target
from kpiwell.engine.audit.rules.turnover import turnover_risk

RULES: Final[dict[str, Rule]] = {
    "unrealistic-target": unrealistic_target,
    "safe-target": safe_target,
    "uniform-target": uniform_target,
    "low-involvement": low_involvement,
    "locked-target": locked_target,
    "quantitative-only": quantitative_only,
    "no-purpose": no_purpose,
    "feedback-gap": feedback_gap,
    "recognition-drought": recognition_drought,
    "turnover-risk": turnover_risk,
    "chronic-pressure": chronic_pressure,
    "effort-unrecognized": effort_unrecognized,
    "motivation-loss": motivation_loss,
    "gaming-suspected": gaming_suspected,
    "innovation-suppressed": innovation_suppressed,
}

__all__ = ["RULES", "AuditContext", "Rule", "RuleOutput"]
# The rules that read the attainment model (``AuditContext.model``): ``audit()`` runs the others
# first, while the model is fitted on a second thread. Only the speed depends on this set: a rule
# missing from it still gets the model, after waiting for it.
READS_MODEL: Final = frozenset(
    {"unrealistic-target", "safe-target", "uniform-target", "innovation-suppressed"}
)
