"""Every threshold and cut-off of the wellbeing instruments, survey rounds, privacy rules and radar.

One flat, frozen config so the audit's TOML file can carry a ``[wellbeing]`` section. Each field
carries its source in its metadata (``doc``), in the same shape as the audit's own settings, so the
audit can document it next to its other sections. :meth:`WellbeingConfig.from_mapping` rejects
unknown keys and wrong types with a :class:`WellbeingConfigError` naming the key.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar, TypeVar

_T = TypeVar("_T")


class WellbeingConfigError(ValueError):
    """A wellbeing setting is unknown, of the wrong type or out of range; the message names the key."""


def _setting(default: _T, doc: str) -> _T:
    result: _T = field(default=default, metadata={"doc": doc})
    return result


def _check(condition: bool, key: str, rule: str) -> None:
    if not condition:
        raise WellbeingConfigError(f"wellbeing.{key}: must be {rule}")


@dataclass(frozen=True, slots=True, kw_only=True)
class WellbeingConfig:
    """All wellbeing thresholds; the defaults are those of the sources cited and of issue 4."""

    MIN_GROUP_SIZE_FLOOR: ClassVar[int] = 3  # issue 4: the group threshold is "never below 3"

    round_gap_days: int = _setting(
        14,
        "A gap of more than this many days between consecutive organisation-wide response dates "
        "starts a new survey round (issue 4).",
    )
    min_group_size: int = _setting(
        5,
        "A group's survey result is shown only when at least this many different people answered "
        "the instrument in the round (issue 4: 5 by default, never below 3).",
    )
    who5_poor_below: float = _setting(
        50.0,
        "WHO-5 percentage score below this indicates poor wellbeing and suggests follow-up "
        "(Topp, Ostergaard, Sondergaard & Bech 2015, Psychother Psychosom 84:167-176).",
    )
    who5_depression_at_or_below: float = _setting(
        28.0,
        "WHO-5 percentage score at or below this indicates likely depression - a screening result, "
        "never a diagnosis (Topp et al. 2015).",
    )
    who5_meaningful_change: float = _setting(
        10.0,
        "A change of this many WHO-5 percentage points is clinically meaningful (Topp et al. 2015).",
    )
    cbi_burnout_at_or_above: float = _setting(
        50.0,
        "Copenhagen Burnout Inventory subscale score (0-100) at or above this flags burnout "
        "(Kristensen, Borritz, Villadsen & Christensen 2005, Work & Stress 19(3):192-207; the "
        "usual cut-off, bands above it vary between sources).",
    )
    cbi_personal_min_answered: int = _setting(
        3,
        "Fewest answered items of the 6 personal-burnout items for a subscale score; fewer means "
        "no score (issue 4, following the CBI rule of scoring a subscale from its answered items).",
    )
    cbi_work_min_answered: int = _setting(
        4,
        "Fewest answered items of the 7 work-related burnout items for a subscale score (issue 4).",
    )
    mini_z_burnout_at_or_above: int = _setting(
        3,
        "Mini-Z single burnout item (1-5): an answer at or above this flags burnout (Rohland, Kruse "
        "& Rohrer 2004, Stress and Health 20:75-79; used as the Mini-Z burnout item).",
    )
    enps_promoter_at_or_above: int = _setting(
        9,
        "eNPS answers (0-10) at or above this are promoters (Net Promoter convention: 9-10; "
        "Reichheld 2003, Harvard Business Review 81(12):46-54).",
    )
    enps_detractor_at_or_below: int = _setting(
        6,
        "eNPS answers at or below this are detractors (Net Promoter convention: 0-6; Reichheld 2003).",
    )
    burnout_share_at_or_above: float = _setting(
        0.30,
        "burnout-risk fires when at least this share of a team's respondents has a work-related "
        "CBI score at or above the burnout cut-off (issue 4: 30%).",
    )
    team_who5_fall_at_least: float = _setting(
        10.0,
        "motivation-loss (team) fires when the team's mean WHO-5 score falls by at least this many "
        "points between the two latest rounds (issue 4; the meaningful change of Topp et al. 2015).",
    )
    enps_turnover_below: float = _setting(
        -10.0, "turnover-risk (team) fires when the team's eNPS is below this (issue 4)."
    )
    enps_fall_at_least: float = _setting(
        20.0,
        "turnover-risk (team) also fires when the team's eNPS falls by at least this many points "
        "between the two latest rounds (issue 4).",
    )
    decision_decimals: int = _setting(
        9,
        "Means and shares are rounded to this many decimals before they are compared with a "
        "threshold, so floating-point noise cannot flip a decision (e.g. 3/10 against 30%).",
    )
    evidence_decimals: int = _setting(
        1, "Decimals of the group means and changes shown in a finding's evidence and message."
    )

    def __post_init__(self) -> None:
        _check(self.round_gap_days >= 0, "round_gap_days", "zero or more")
        _check(
            self.min_group_size >= self.MIN_GROUP_SIZE_FLOOR,
            "min_group_size",
            f"at least {self.MIN_GROUP_SIZE_FLOOR} (smaller groups would expose individual answers)",
        )
        _check(0.0 <= self.who5_poor_below <= 100.0, "who5_poor_below", "between 0 and 100")
        _check(
            0.0 <= self.who5_depression_at_or_below < self.who5_poor_below,
            "who5_depression_at_or_below",
            "between 0 and wellbeing.who5_poor_below",
        )
        _check(0.0 < self.who5_meaningful_change <= 100.0, "who5_meaningful_change", "in (0, 100]")
        _check(0.0 < self.cbi_burnout_at_or_above <= 100.0, "cbi_burnout_at_or_above", "in (0, 100]")
        _check(1 <= self.cbi_personal_min_answered <= 6, "cbi_personal_min_answered", "between 1 and 6")
        _check(1 <= self.cbi_work_min_answered <= 7, "cbi_work_min_answered", "between 1 and 7")
        _check(1 <= self.mini_z_burnout_at_or_above <= 5, "mini_z_burnout_at_or_above", "between 1 and 5")
        _check(
            0 <= self.enps_detractor_at_or_below < self.enps_promoter_at_or_above <= 10,
            "enps_promoter_at_or_above",
            "above wellbeing.enps_detractor_at_or_below, both between 0 and 10",
        )
        _check(0.0 < self.burnout_share_at_or_above <= 1.0, "burnout_share_at_or_above", "in (0, 1]")
        _check(0.0 < self.team_who5_fall_at_least <= 100.0, "team_who5_fall_at_least", "in (0, 100]")
        _check(-100.0 < self.enps_turnover_below <= 100.0, "enps_turnover_below", "in (-100, 100]")
        _check(0.0 < self.enps_fall_at_least <= 200.0, "enps_fall_at_least", "in (0, 200]")
        _check(3 <= self.decision_decimals <= 12, "decision_decimals", "between 3 and 12")
        _check(0 <= self.evidence_decimals <= 3, "evidence_decimals", "between 0 and 3")

    @property
    def share_evidence(self) -> str:
        """How a share of respondents is shown: only as a bound, never as an exact fraction."""
        return f"at or above {round(self.burnout_share_at_or_above * 100)}%"

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> WellbeingConfig:
        """Build a config from a mapping (the ``[wellbeing]`` table of a TOML file).

        Missing keys keep their defaults; unknown keys, wrong types and out-of-range values raise
        :class:`WellbeingConfigError` naming the key.
        """
        if not isinstance(data, Mapping):
            raise WellbeingConfigError("wellbeing: must be a table")
        known = {f.name: f for f in fields(cls)}
        for key in data:
            if key not in known:
                raise WellbeingConfigError(f"wellbeing.{key}: unknown setting")
        values: dict[str, int | float] = {}
        for name, spec in known.items():
            if name not in data:
                continue
            raw = data[name]
            if isinstance(spec.default, int):
                if not isinstance(raw, int) or isinstance(raw, bool):
                    raise WellbeingConfigError(f"wellbeing.{name}: must be a whole number")
                values[name] = raw
            else:
                if not isinstance(raw, int | float) or isinstance(raw, bool) or not math.isfinite(float(raw)):
                    raise WellbeingConfigError(f"wellbeing.{name}: must be a finite number")
                values[name] = float(raw)
        return cls(**values)  # type: ignore[arg-type]


DEFAULT_CONFIG: WellbeingConfig = WellbeingConfig()
