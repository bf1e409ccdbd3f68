"""The wellbeing config: defaults from the sources, TOML-style mappings checked key by key."""

from __future__ import annotations

from dataclasses import fields

import pytest

from kpiwell.engine.wellbeing.config import WellbeingConfig, WellbeingConfigError


def test_defaults_are_those_of_the_sources_and_issue_4() -> None:
    config = WellbeingConfig()
    assert config.min_group_size == 5
    assert config.round_gap_days == 14
    assert (config.who5_poor_below, config.who5_depression_at_or_below, config.who5_meaningful_change) == (
        50.0,
        28.0,
        10.0,
    )
    assert config.cbi_burnout_at_or_above == 50.0
    assert (config.cbi_personal_min_answered, config.cbi_work_min_answered) == (3, 4)
    assert config.mini_z_burnout_at_or_above == 3
    assert (config.enps_promoter_at_or_above, config.enps_detractor_at_or_below) == (9, 6)
    assert config.burnout_share_at_or_above == 0.30
    assert (config.enps_turnover_below, config.enps_fall_at_least, config.team_who5_fall_at_least) == (
        -10.0,
        20.0,
        10.0,
    )


def test_a_group_size_of_two_is_rejected() -> None:
    with pytest.raises(WellbeingConfigError, match="min_group_size: must be at least 3"):
        WellbeingConfig(min_group_size=2)


def test_a_group_size_of_three_is_accepted() -> None:
    assert WellbeingConfig(min_group_size=3).min_group_size == 3


def test_from_mapping_reads_a_wellbeing_table() -> None:
    config = WellbeingConfig.from_mapping(
        {"min_group_size": 7, "who5_poor_below": 48, "enps_turnover_below": -5.5}
    )
    assert config.min_group_size == 7
    assert config.who5_poor_below == 48.0
    assert isinstance(config.who5_poor_below, float)
    assert config.enps_turnover_below == -5.5


def test_from_mapping_rejects_a_group_size_of_two() -> None:
    with pytest.raises(WellbeingConfigError, match="min_group_size"):
        WellbeingConfig.from_mapping({"min_group_size": 2})


def test_from_mapping_rejects_unknown_keys() -> None:
    with pytest.raises(WellbeingConfigError, match=r"wellbeing\.min_group: unknown setting"):
        WellbeingConfig.from_mapping({"min_group": 5})


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("min_group_size", 5.0, "whole number"),
        ("min_group_size", True, "whole number"),
        ("min_group_size", "5", "whole number"),
        ("who5_poor_below", "50", "finite number"),
        ("who5_poor_below", False, "finite number"),
        ("who5_poor_below", float("nan"), "finite number"),
    ],
)
def test_from_mapping_rejects_wrong_types(key: str, value: object, expected: str) -> None:
    with pytest.raises(WellbeingConfigError, match=rf"wellbeing\.{key}: must be a {expected}"):
        WellbeingConfig.from_mapping({key: value})


def test_from_mapping_rejects_a_non_table() -> None:
    with pytest.raises(WellbeingConfigError, match="must be a table"):
        WellbeingConfig.from_mapping([("min_group_size", 5)])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "values",
    [
        {"who5_depression_at_or_below": 50.0},
        {"enps_detractor_at_or_below": 9},
        {"burnout_share_at_or_above": 0.0},
        {"cbi_work_min_answered": 8},
        {"round_gap_days": -1},
    ],
)
def test_inconsistent_thresholds_are_rejected(values: dict[str, float]) -> None:
    with pytest.raises(WellbeingConfigError):
        WellbeingConfig.from_mapping(values)


def test_every_setting_documents_its_source() -> None:
    for setting in fields(WellbeingConfig):
        assert len(str(setting.metadata["doc"])) > 20, setting.name


def test_shares_are_shown_only_as_a_bound() -> None:
    assert WellbeingConfig().share_evidence == "at or above 30%"
    assert WellbeingConfig(burnout_share_at_or_above=0.25).share_evidence == "at or above 25%"
