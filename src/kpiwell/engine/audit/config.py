"""Every threshold and cut-off of the audit, in one typed, documented place.

Each setting carries its source or rationale in its field metadata (``doc``); the same text becomes
the comment above the key in :func:`default_config_toml`, so the documentation cannot drift from the
defaults. The command line loads a TOML file with :mod:`tomllib` and passes the resulting mapping to
:meth:`AuditConfig.from_mapping`, which rejects unknown keys and wrong types with a
:class:`ConfigError` naming the key.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, TypeVar

from kpiwell.engine.wellbeing.config import WellbeingConfig, WellbeingConfigError

_T = TypeVar("_T")


class ConfigError(ValueError):
    """A configuration value is unknown, of the wrong type or out of range; the message names the key."""


def setting(default: _T, doc: str) -> _T:
    """A config field with its default and the source or rationale for that default."""
    result: _T = field(default=default, metadata={"doc": doc})
    return result


def _check(condition: bool, key: str, rule: str) -> None:
    if not condition:
        raise ConfigError(f"{key}: must be {rule}")


def _probability(value: float, key: str) -> None:
    _check(0.0 <= value <= 1.0, key, "between 0 and 1")


@dataclass(frozen=True, slots=True, kw_only=True)
class AttainmentConfig:
    """The per person x KPI model behind ``p_attain`` (used by several rules)."""

    window_periods: int = setting(
        26,
        "Periods of recent history the trend and spread are fitted on: half a year of weekly values, "
        "long enough for a robust line, short enough to follow a person's growth (issue 3: 'follows "
        "the person's trajectory').",
    )
    min_history_periods: int = setting(
        8,
        "Below this many periods of history the person's level and spread are shrunk toward the "
        "team's (issue 3: 'with little history (< 8 periods) borrows strength from the team').",
    )
    pooling_strength: float = setting(
        4.0,
        "k in the partial-pooling weight n/(n+k): the team's distribution counts as k periods of the "
        "person's own history (a weak prior: with 4 own periods the person and team weigh equally).",
    )
    min_trend_periods: int = setting(
        6,
        "Fewest periods for fitting a trend: Tukey's three-group resistant line needs at least two "
        "points in each third (Tukey 1977, Exploratory Data Analysis, ch. 5); fewer means level only.",
    )
    trend_damping: float = setting(
        0.9,
        "phi of the damped trend (Gardner & McKenzie 1985): the trend is projected h periods ahead "
        "as phi + phi^2 + ... + phi^h, at most phi/(1-phi) = 9 periods of growth; 0.8-0.98 is the "
        "usual range, 0.9 keeps projections modest.",
    )
    spread_floor_relative: float = setting(
        0.02,
        "The predictive spread is at least this fraction of the level, so a perfectly flat series "
        "does not give certain success or failure; relative, so changing units changes nothing. "
        "Two percent stays below the week-to-week variation of steady rates (an on-time rate near "
        "95% varies by about 2 points), so the floor only matters for series that never move.",
    )
    suggest_probability: float = setting(
        0.65,
        "suggested_target is the value the person reaches with this probability (issue 3).",
    )
    projection_tolerance: float = setting(
        1e-3,
        "Periods further ahead than where phi^h falls below this share the last projected level "
        "(the damped trend has converged), which bounds the work for long daily cycles.",
    )
    period_rounding: float = setting(
        0.1,
        "Fraction of a period added before counting the remaining periods of a cycle, so calendar "
        "months of 28-31 days count as whole months (a 28-day February is 0.92 of a mean month).",
    )

    def __post_init__(self) -> None:
        _check(self.window_periods >= 3, "attainment.window_periods", "at least 3")
        _check(self.min_history_periods >= 1, "attainment.min_history_periods", "at least 1")
        _check(self.pooling_strength > 0, "attainment.pooling_strength", "positive")
        _check(self.min_trend_periods >= 6, "attainment.min_trend_periods", "at least 6")
        _check(0.0 <= self.trend_damping < 1.0, "attainment.trend_damping", "in [0, 1)")
        _check(self.spread_floor_relative > 0, "attainment.spread_floor_relative", "positive")
        _check(0.0 < self.suggest_probability < 1.0, "attainment.suggest_probability", "in (0, 1)")
        _check(0.0 < self.projection_tolerance < 1.0, "attainment.projection_tolerance", "in (0, 1)")
        _check(0.0 <= self.period_rounding < 0.5, "attainment.period_rounding", "in [0, 0.5)")


@dataclass(frozen=True, slots=True, kw_only=True)
class UnrealisticTargetConfig:
    warning_below: float = setting(
        0.25, "p_attain below this is an unrealistic target (issue 3, cause 1: one period in four)."
    )
    critical_below: float = setting(
        0.05, "p_attain below this makes the finding critical (issue 3: one period in twenty)."
    )

    def __post_init__(self) -> None:
        _probability(self.warning_below, "unrealistic_target.warning_below")
        _probability(self.critical_below, "unrealistic_target.critical_below")
        _check(
            self.critical_below <= self.warning_below,
            "unrealistic_target.critical_below",
            "at most unrealistic_target.warning_below",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SafeTargetConfig:
    p_above: float = setting(
        0.97, "p_attain above this, with the target on the easy side of the person's median (issue 3)."
    )

    def __post_init__(self) -> None:
        _probability(self.p_above, "safe_target.p_above")


@dataclass(frozen=True, slots=True, kw_only=True)
class UniformTargetConfig:
    min_shared_share: float = setting(
        0.8, "Share of a team's assignments of one KPI carrying the same target (issue 3: 80%)."
    )
    min_capacity_cv: float = setting(
        0.25,
        "Coefficient of variation (sample sd / mean) of the members' own medians from which their "
        "capacities count as different (issue 3: 0.25).",
    )
    min_members: int = setting(
        3,
        "Fewest members with history for a team x KPI to be judged: with two people 'shares one "
        "target' and a coefficient of variation say little.",
    )

    def __post_init__(self) -> None:
        _probability(self.min_shared_share, "uniform_target.min_shared_share")
        _check(self.min_capacity_cv >= 0, "uniform_target.min_capacity_cv", "non-negative")
        _check(self.min_members >= 2, "uniform_target.min_members", "at least 2")


@dataclass(frozen=True, slots=True, kw_only=True)
class LowInvolvementConfig:
    min_involved_share: float = setting(
        0.5,
        "A team is flagged when fewer than this share of its assignments with a known set_by were "
        "set by the employee or co-created (issue 3, cause 2: 'fewer than half').",
    )

    def __post_init__(self) -> None:
        _probability(self.min_involved_share, "low_involvement.min_involved_share")


@dataclass(frozen=True, slots=True, kw_only=True)
class LockedTargetConfig:
    min_shift: float = setting(
        0.2,
        "Relative change of the team's median level across the best split that counts as a shift "
        "(issue 3, cause 3: 20% or more).",
    )
    min_side_periods: int = setting(
        3, "Periods required on each side of the split, so one noisy week is not a shift (issue 3)."
    )

    def __post_init__(self) -> None:
        _check(self.min_shift > 0, "locked_target.min_shift", "positive")
        _check(self.min_side_periods >= 1, "locked_target.min_side_periods", "at least 1")


@dataclass(frozen=True, slots=True, kw_only=True)
class QuantitativeOnlyConfig:
    min_qualitative_weight: float = setting(
        0.2,
        "Share of a person's weight that qualitative KPIs should carry at least (issue 3, cause 4: 20%).",
    )

    def __post_init__(self) -> None:
        _probability(self.min_qualitative_weight, "quantitative_only.min_qualitative_weight")


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedbackGapConfig:
    warning_after_days: int = setting(
        14,
        "Days without a check-in after which a person is flagged (issue 3, cause 5: two weeks, the "
        "longest interval of the bi-weekly 1:1 remedy).",
    )
    critical_after_days: int = setting(
        30, "Days without a check-in after which the finding is critical (issue 3: beyond 30 days)."
    )

    def __post_init__(self) -> None:
        _check(self.warning_after_days >= 0, "feedback_gap.warning_after_days", "non-negative")
        _check(
            self.critical_after_days >= self.warning_after_days,
            "feedback_gap.critical_after_days",
            "at least feedback_gap.warning_after_days",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class RecognitionDroughtConfig:
    after_days: int = setting(
        30, "Days without any recognition received after which a person is flagged (issue 3: 30 days)."
    )

    def __post_init__(self) -> None:
        _check(self.after_days >= 0, "recognition_drought.after_days", "non-negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChronicPressureConfig:
    under_attainment: float = setting(
        0.8, "Attainment below this share of the target counts as under pressure (issue 4, harm 1: 80%)."
    )
    last_periods: int = setting(8, "How many of a KPI's latest periods are looked at (issue 4: the last 8).")
    min_periods_under: int = setting(6, "Periods under pressure among them that trigger (issue 4: 6 of 8).")
    high_workload: int = setting(4, "A check-in workload (1-5) at or above this is high (issue 4: >= 4).")
    last_checkins: int = setting(4, "How many latest check-ins are looked at (issue 4: the last 4).")
    min_high_workload: int = setting(3, "High-workload check-ins among them that trigger (issue 4: 3 of 4).")

    def __post_init__(self) -> None:
        _check(self.under_attainment > 0, "chronic_pressure.under_attainment", "positive")
        _check(
            1 <= self.min_periods_under <= self.last_periods,
            "chronic_pressure.min_periods_under",
            "in [1, last_periods]",
        )
        _check(1 <= self.high_workload <= 5, "chronic_pressure.high_workload", "between 1 and 5")
        _check(
            1 <= self.min_high_workload <= self.last_checkins,
            "chronic_pressure.min_high_workload",
            "in [1, last_checkins]",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class EffortUnrecognizedConfig:
    near_miss_from: float = setting(
        0.85, "Attainment from this share of target counts as a near miss (issue 4: 85%)."
    )
    near_miss_below: float = setting(1.0, "... and below this share (issue 4: under 100%).")
    last_periods: int = setting(8, "How many of a KPI's latest periods are looked at (issue 4: the last 8).")
    min_near_misses: int = setting(
        5, "Near misses among them that count as sustained effort (issue 4: 5 of 8)."
    )
    min_improvement: float = setting(
        0.15,
        "A sustained improvement: the median of the latest periods at least this much better than the "
        "person's median before the cycle (issue 4: 15%).",
    )
    improvement_periods: int = setting(
        13, "Periods in the latest window and at least before the cycle (issue 4: 13, a quarter of weeks)."
    )
    max_p_value: float = setting(
        0.01,
        "One-sided Mann-Whitney rank test between the two windows must reach this level, so the "
        "improvement is credible rather than noise (issue 4: p < 0.01).",
    )
    recognition_days: int = setting(
        30, "No recognition received in this many days before as-of (issue 4: 30)."
    )

    def __post_init__(self) -> None:
        _check(
            0 < self.near_miss_from < self.near_miss_below,
            "effort_unrecognized.near_miss_from",
            "in (0, near_miss_below)",
        )
        _check(
            1 <= self.min_near_misses <= self.last_periods,
            "effort_unrecognized.min_near_misses",
            "in [1, last_periods]",
        )
        _check(self.min_improvement > 0, "effort_unrecognized.min_improvement", "positive")
        _check(self.improvement_periods >= 3, "effort_unrecognized.improvement_periods", "at least 3")
        _probability(self.max_p_value, "effort_unrecognized.max_p_value")
        _check(self.recognition_days >= 0, "effort_unrecognized.recognition_days", "non-negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class MotivationLossConfig:
    last_checkins: int = setting(8, "Check-ins whose mood the slope is fitted on (issue 4: the last 8).")
    max_weekly_slope: float = setting(
        -1.0,
        "Least-squares slope of mood (1-5) against the check-in date, in points per week (per day x 7), "
        "at or below which mood is falling (issue 4: <= -1).",
    )

    def __post_init__(self) -> None:
        _check(self.last_checkins >= 3, "motivation_loss.last_checkins", "at least 3")
        _check(self.max_weekly_slope < 0, "motivation_loss.max_weekly_slope", "negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class GamingConfig:
    bunch_from: float = setting(1.0, "Bunching band: attainment from 100% of target (issue 4).")
    bunch_to: float = setting(1.03, "... to 103% of target (issue 4).")
    reference_from: float = setting(
        0.95, "The smooth reference distribution is fitted to values outside [95%, 105%] of target (issue 4)."
    )
    reference_to: float = setting(1.05, "... upper end of the excluded band (issue 4).")
    min_excess: float = setting(
        3.0, "Observed share in the band at least this many times what the smooth fit predicts (issue 4)."
    )
    min_bunched_share: float = setting(
        0.4, "... and at least this share of the cycle's periods (issue 4: 40%)."
    )
    min_cycle_periods: int = setting(
        5, "Fewest in-cycle periods for the bunching test: with fewer, 40% is one or two weeks."
    )
    min_reference_periods: int = setting(
        8,
        "Periods before the cycle needed to use them as the reference; otherwise the in-cycle values "
        "outside the excluded band are the reference (issue 4 allows either).",
    )
    spike_ratio: float = setting(
        2.0,
        "A month's (quarter's) last period at least this many times the median of its others (issue 4: 2x).",
    )
    min_complete_months: int = setting(
        3, "Complete months (quarters) needed for the spike test (issue 4: 3)."
    )
    min_upward_revisions: int = setting(
        2, "Revisions that lift a value from short of the target to reaching it (issue 4: twice or more)."
    )
    org_bin_width: float = setting(
        0.01, "Bin width of the organisation-level Burgstahler-Dichev test on attainment (issue 4: 1 point)."
    )
    org_min_z: float = setting(
        3.0, "Standardised difference of the bin just above 100% that signals a discontinuity (issue 4: 3)."
    )

    def __post_init__(self) -> None:
        _check(0 < self.bunch_from < self.bunch_to, "gaming.bunch_from", "positive and below gaming.bunch_to")
        _check(
            self.reference_from <= self.bunch_from and self.reference_to >= self.bunch_to,
            "gaming.reference_from",
            "a band around the bunching band",
        )
        _check(self.min_excess > 0, "gaming.min_excess", "positive")
        _probability(self.min_bunched_share, "gaming.min_bunched_share")
        _check(self.min_cycle_periods >= 1, "gaming.min_cycle_periods", "at least 1")
        _check(self.min_reference_periods >= 3, "gaming.min_reference_periods", "at least 3")
        _check(self.spike_ratio > 1, "gaming.spike_ratio", "above 1")
        _check(self.min_complete_months >= 1, "gaming.min_complete_months", "at least 1")
        _check(self.min_upward_revisions >= 1, "gaming.min_upward_revisions", "at least 1")
        _check(0 < self.org_bin_width <= 0.1, "gaming.org_bin_width", "in (0, 0.1]")
        _check(self.org_min_z > 0, "gaming.org_min_z", "positive")


@dataclass(frozen=True, slots=True, kw_only=True)
class InnovationSuppressedConfig:
    min_safe_share: float = setting(
        0.5, "Share of a team's assignments that are safe-targets from which it is flagged (issue 4: half)."
    )

    def __post_init__(self) -> None:
        _probability(self.min_safe_share, "innovation_suppressed.min_safe_share")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoreConfig:
    attainment_cap: float = setting(
        1.2,
        "Per-period attainment is capped here before averaging into cycle_score: graded, no cliff "
        "at 100%, and one record week cannot hide the rest (issue 3: capped at 1.2).",
    )

    def __post_init__(self) -> None:
        _check(self.attainment_cap >= 1.0, "score.attainment_cap", "at least 1")


@dataclass(frozen=True, slots=True, kw_only=True)
class NumericsConfig:
    decision_decimals: int = setting(
        9,
        "Unit-free quantities (probabilities, ratios, shares) are rounded to this many decimals "
        "before they are compared with a threshold, so rescaling units (x1000) cannot flip a "
        "decision through floating-point noise.",
    )

    def __post_init__(self) -> None:
        _check(3 <= self.decision_decimals <= 12, "numerics.decision_decimals", "between 3 and 12")


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditConfig:
    """All thresholds of the audit; the defaults are those of issue 3."""

    attainment: AttainmentConfig = field(
        default_factory=AttainmentConfig, metadata={"doc": "The model behind p_attain."}
    )
    unrealistic_target: UnrealisticTargetConfig = field(
        default_factory=UnrealisticTargetConfig, metadata={"doc": "unrealistic-target (cause 1)."}
    )
    safe_target: SafeTargetConfig = field(default_factory=SafeTargetConfig, metadata={"doc": "safe-target."})
    uniform_target: UniformTargetConfig = field(
        default_factory=UniformTargetConfig, metadata={"doc": "uniform-target (cause 1)."}
    )
    low_involvement: LowInvolvementConfig = field(
        default_factory=LowInvolvementConfig, metadata={"doc": "low-involvement (cause 2)."}
    )
    locked_target: LockedTargetConfig = field(
        default_factory=LockedTargetConfig, metadata={"doc": "locked-target (cause 3)."}
    )
    quantitative_only: QuantitativeOnlyConfig = field(
        default_factory=QuantitativeOnlyConfig, metadata={"doc": "quantitative-only (cause 4)."}
    )
    feedback_gap: FeedbackGapConfig = field(
        default_factory=FeedbackGapConfig, metadata={"doc": "feedback-gap (cause 5)."}
    )
    recognition_drought: RecognitionDroughtConfig = field(
        default_factory=RecognitionDroughtConfig, metadata={"doc": "recognition-drought (cause 5)."}
    )
    chronic_pressure: ChronicPressureConfig = field(
        default_factory=ChronicPressureConfig, metadata={"doc": "chronic-pressure (radar harm 1)."}
    )
    effort_unrecognized: EffortUnrecognizedConfig = field(
        default_factory=EffortUnrecognizedConfig, metadata={"doc": "effort-unrecognized (radar harm 2)."}
    )
    motivation_loss: MotivationLossConfig = field(
        default_factory=MotivationLossConfig, metadata={"doc": "motivation-loss from check-in mood (harm 3)."}
    )
    gaming: GamingConfig = field(default_factory=GamingConfig, metadata={"doc": "gaming-suspected (harm 4)."})
    innovation_suppressed: InnovationSuppressedConfig = field(
        default_factory=InnovationSuppressedConfig, metadata={"doc": "innovation-suppressed (harm 6)."}
    )
    score: ScoreConfig = field(default_factory=ScoreConfig, metadata={"doc": "cycle_score."})
    numerics: NumericsConfig = field(
        default_factory=NumericsConfig, metadata={"doc": "Numerical robustness."}
    )
    wellbeing: WellbeingConfig = field(
        default_factory=WellbeingConfig,
        metadata={
            "doc": "Survey instruments, survey rounds, privacy (min_group_size) and the survey-based "
            "radar (issue 4); owned by kpiwell.engine.wellbeing."
        },
    )

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> AuditConfig:
        """Build a config from a nested mapping (a parsed TOML file); missing keys keep defaults."""
        built = _build(cls, data, prefix="")
        assert isinstance(built, AuditConfig)
        return built


def _build(cls: type[Any], data: Mapping[str, object], prefix: str) -> object:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{prefix.rstrip('.') or '<root>'}: must be a table")
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    for key in data:
        if key not in known:
            raise ConfigError(f"{prefix}{key}: unknown setting")
    values: dict[str, object] = {}
    for name in known:
        if name not in data:
            continue
        key = f"{prefix}{name}"
        expected = hints[name]
        raw = data[name]
        if expected is WellbeingConfig:
            if not isinstance(raw, Mapping):
                raise ConfigError(f"{key}: must be a table")
            try:
                values[name] = WellbeingConfig.from_mapping(raw)
            except WellbeingConfigError as error:
                raise ConfigError(str(error)) from error
        elif isinstance(expected, type) and is_dataclass(expected):
            if not isinstance(raw, Mapping):
                raise ConfigError(f"{key}: must be a table")
            values[name] = _build(expected, raw, prefix=f"{key}.")
        else:
            values[name] = _coerce(raw, expected, key)
    return cls(**values)


def _coerce(raw: object, expected: object, key: str) -> object:
    if expected is bool:
        if isinstance(raw, bool):
            return raw
        raise ConfigError(f"{key}: must be true or false, not {raw!r}")
    if expected is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise ConfigError(f"{key}: must be a whole number, not {raw!r}")
    if expected is float:
        if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw):
            return float(raw)
        raise ConfigError(f"{key}: must be a finite number, not {raw!r}")
    if expected is str:
        if isinstance(raw, str):
            return raw
        raise ConfigError(f"{key}: must be text, not {raw!r}")
    raise ConfigError(f"{key}: unsupported setting type {expected!r}")


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    raise TypeError(f"cannot write {value!r} as TOML")


def _comment(text: str, width: int = 98) -> list[str]:
    lines: list[str] = []
    current = "#"
    for word in text.split():
        if len(current) + 1 + len(word) > width:
            lines.append(current)
            current = "#"
        current = f"{current} {word}"
    lines.append(current)
    return lines


def default_config_toml() -> str:
    """A TOML document of every setting at its default, each preceded by its source or rationale."""
    defaults = AuditConfig()
    out: list[str] = [
        "# kpiwell audit configuration: every threshold with its default and where it comes from.",
        "# Pass it with `kpiwell audit --config FILE`; keys you leave out keep their defaults.",
    ]
    for sec in fields(AuditConfig):
        if sec.default_factory is MISSING:
            raise TypeError(f"config section {sec.name} has no factory")
        out.append("")
        out.extend(_comment(str(sec.metadata.get("doc", ""))))
        out.append(f"[{sec.name}]")
        values = getattr(defaults, sec.name)
        for item in fields(values):
            out.extend(_comment(str(item.metadata.get("doc", ""))))
            out.append(f"{item.name} = {_toml_value(getattr(values, item.name))}")
    return "\n".join(out) + "\n"
