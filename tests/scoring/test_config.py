"""ScoringConfig: defaults of REFERENCE.md §6, validation, JSON round trip."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import replace

import pytest

from jixiao.errors import UsageError
from jixiao.scoring import ScoringConfig, WeightSplit
from tests.scoring.factories import D


def test_defaults_follow_reference_section_6() -> None:
    config = ScoringConfig()
    assert (config.budget_weight, config.output_weight, config.benefit_weight) == (
        D(10),
        D(50),
        D(30),
    )
    assert config.satisfaction_weight == D(10)
    assert config.grid_weight == D(90)
    assert (config.cost_share, config.split) == (None, WeightSplit.GROUPS)
    assert config.over_achievement_ratio == D("1.2")
    assert config.strict_comparisons is False
    assert config.qualitative_fractions == (D(1), D("0.7"), D("0.3"))
    assert config.grade_bounds == (D(90), D(80), D(60))
    assert config.explanation_threshold_pct == D(90)


def test_round_trip_through_json() -> None:
    config = ScoringConfig(
        output_weight=D(40),
        satisfaction_weight=D(20),
        cost_share=D("0.25"),
        split=WeightSplit.ROWS,
        row_weights={"projects/0/indicators/1": D("12.5")},
        strict_comparisons=True,
    )
    data = json.loads(json.dumps(config.to_dict()))
    assert data["row_weights"] == {"projects/0/indicators/1": "12.5"}
    assert data["split"] == "rows"
    assert ScoringConfig.from_dict(data) == config


def test_from_dict_takes_partial_input_and_plain_numbers() -> None:
    config = ScoringConfig.from_dict({"output_weight": 45, "benefit_weight": 35.5})
    assert (config.output_weight, config.benefit_weight) == (D(45), D("35.5"))
    assert config.budget_weight == D(10)


@pytest.mark.parametrize(
    "data",
    [
        {"colour": "red"},
        {"split": "diagonal"},
        {"strict_comparisons": "yes"},
        {"output_weight": "fifty"},
        {"output_weight": True},
        {"output_weight": "NaN"},
        {"grade_bounds": [90, 80]},
        {"row_weights": ["a"]},
    ],
)
def test_from_dict_rejects_bad_input(data: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        ScoringConfig.from_dict(data)


@pytest.mark.parametrize(
    "changes",
    [
        {"output_weight": D(-1)},
        {"output_weight": D("12.345")},
        {"budget_weight": D(101)},
        {"cost_share": D("1.5")},
        {"over_achievement_ratio": D(1)},
        {"qualitative_fractions": (D(1), D("0.8"), D("0.3"))},  # 0.8 is not in [0.6, 0.8)
        {"qualitative_fractions": (D(1), D("0.7"), D("0.6"))},
        {"grade_bounds": (D(80), D(90), D(60))},
        {"explanation_threshold_pct": D(120)},
        {"row_weights": {"projects/0/indicators/0": D("-2")}},
    ],
)
def test_invalid_settings_raise_usage_error(changes: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        replace(ScoringConfig(), **changes)  # type: ignore[arg-type]


def test_config_is_immutable_and_hashable() -> None:
    config = ScoringConfig(row_weights={"indicators/0": D(5)})
    with pytest.raises(TypeError):
        config.row_weights["indicators/1"] = D(5)  # type: ignore[index]
    assert hash(config) == hash(ScoringConfig(row_weights={"indicators/0": D(5)}))


def test_config_can_be_pickled_and_deep_copied() -> None:
    config = ScoringConfig(row_weights={"indicators/0": D(5)}, cost_share=D("0.2"))
    assert pickle.loads(pickle.dumps(config)) == config
    assert copy.deepcopy(config) == config
