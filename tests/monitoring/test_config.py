"""Monitoring configuration: defaults of REFERENCE.md §5, presets, JSON storage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import UsageError
from jixiao.monitoring import DEFAULT, PRESETS, MonitoringConfig


def test_defaults_are_the_vendor_defaults_of_reference_section_5() -> None:
    bands = (DEFAULT.red_below_pct, DEFAULT.green_from_pct, DEFAULT.blue_from_pct)
    assert bands == (Decimal(60), Decimal(80), Decimal(120))
    budget = (DEFAULT.budget_red_below_pct, DEFAULT.budget_green_from_pct)
    assert budget == (Decimal(60), Decimal(80))
    assert DEFAULT.reason_on_yellow and not DEFAULT.prorate_rates
    assert DEFAULT.key_project_min_wan_yuan == 100
    assert DEFAULT.prorated_categories is None and not DEFAULT.use_expected_full_year


def test_presets_are_named_after_themselves() -> None:
    assert sorted(PRESETS) == ["default", "hebei", "ningxia", "shanxi", "tianjin"]
    assert all(config.name == name for name, config in PRESETS.items())
    assert PRESETS["ningxia"].reason_on_yellow is False


def test_to_dict_is_json_ready() -> None:
    stored = PRESETS["shanxi"].to_dict()
    assert stored["red_below_pct"] == "60"
    assert stored["prorated_categories"] == sorted(["数量指标", "效益指标", "满意度指标"])
    assert MonitoringConfig.from_dict(stored) == PRESETS["shanxi"]


def test_from_dict_fills_missing_keys_with_defaults() -> None:
    config = MonitoringConfig.from_dict({"red_below_pct": 50, "blue_from_pct": None})
    assert config.red_below_pct == Decimal(50) and config.blue_from_pct is None
    assert config.green_from_pct == DEFAULT.green_from_pct


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"red": 50}, "未知项：red"),
        ({"red_below_pct": "六十"}, "应为数字"),
        ({"red_below_pct": True}, "应为数字"),
        ({"red_below_pct": "Infinity"}, "有限数字"),
        ({"red_below_pct": None}, "应为数字"),
        ({"reason_on_yellow": "yes"}, "true 或 false"),
        ({"prorated_categories": "数量指标"}, "类别名称列表"),
        ({"name": 3}, "应为文字"),
    ],
)
def test_from_dict_rejects_bad_values_in_chinese(data: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        MonitoringConfig.from_dict(data)
