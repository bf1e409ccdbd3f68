from __future__ import annotations

import tomllib
from dataclasses import fields

import pytest

from kpiwell.engine.audit.config import AuditConfig, ConfigError, default_config_toml


def test_defaults_are_those_of_issue_3() -> None:
    config = AuditConfig()
    assert config.unrealistic_target.warning_below == 0.25
    assert config.unrealistic_target.critical_below == 0.05
    assert config.safe_target.p_above == 0.97
    assert config.uniform_target.min_shared_share == 0.8
    assert config.uniform_target.min_capacity_cv == 0.25
    assert config.low_involvement.min_involved_share == 0.5
    assert config.locked_target.min_shift == 0.2
    assert config.locked_target.min_side_periods == 3
    assert config.quantitative_only.min_qualitative_weight == 0.2
    assert config.feedback_gap.warning_after_days == 14
    assert config.feedback_gap.critical_after_days == 30
    assert config.recognition_drought.after_days == 30
    assert config.attainment.min_history_periods == 8
    assert config.attainment.suggest_probability == 0.65
    assert config.score.attainment_cap == 1.2


def test_default_toml_round_trips_to_the_default_config() -> None:
    parsed = tomllib.loads(default_config_toml())
    assert AuditConfig.from_mapping(parsed) == AuditConfig()


def test_default_toml_documents_every_setting() -> None:
    text = default_config_toml()
    lines = text.splitlines()
    for section in fields(AuditConfig):
        assert f"[{section.name}]" in lines
        for item in fields(getattr(AuditConfig(), section.name)):
            (index,) = [i for i, line in enumerate(lines) if line.startswith(f"{item.name} = ")][:1] or [-1]
            assert index > 0, item.name
            assert lines[index - 1].startswith("# "), f"{section.name}.{item.name} has no comment"
            assert item.metadata["doc"], f"{section.name}.{item.name} has no source"


def test_partial_mapping_overrides_only_the_given_keys() -> None:
    config = AuditConfig.from_mapping(
        {"feedback_gap": {"warning_after_days": 7}, "safe_target": {"p_above": 0.9}}
    )
    assert config.feedback_gap.warning_after_days == 7
    assert config.feedback_gap.critical_after_days == 30
    assert config.safe_target.p_above == 0.9
    assert config.unrealistic_target == AuditConfig().unrealistic_target


def test_whole_numbers_are_accepted_for_decimal_settings() -> None:
    config = AuditConfig.from_mapping({"score": {"attainment_cap": 2}})
    assert config.score.attainment_cap == 2.0
    assert isinstance(config.score.attainment_cap, float)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"unknown_section": {}}, "unknown_section"),
        ({"feedback_gap": {"warning_days": 3}}, "feedback_gap.warning_days"),
        ({"feedback_gap": {"warning_after_days": "14"}}, "feedback_gap.warning_after_days"),
        ({"feedback_gap": {"warning_after_days": 14.5}}, "feedback_gap.warning_after_days"),
        ({"feedback_gap": {"warning_after_days": True}}, "feedback_gap.warning_after_days"),
        ({"safe_target": {"p_above": "high"}}, "safe_target.p_above"),
        ({"safe_target": {"p_above": float("nan")}}, "safe_target.p_above"),
        ({"safe_target": 0.9}, "safe_target"),
        ({"safe_target": {"p_above": 1.5}}, "safe_target.p_above"),
        ({"unrealistic_target": {"critical_below": 0.5}}, "unrealistic_target.critical_below"),
        ({"feedback_gap": {"critical_after_days": 7}}, "feedback_gap.critical_after_days"),
    ],
)
def test_bad_settings_are_rejected_naming_the_key(data: dict[str, object], named: str) -> None:
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        AuditConfig.from_mapping(data)
