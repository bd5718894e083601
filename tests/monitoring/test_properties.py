"""Hypothesis properties of the monitoring lights.

* For ``≥ ＞ ＝`` rows more progress never gives a worse light (red → yellow → green → blue).
* For reverse rows (``≤ ＜``) more never gives a better light, and only red or green occur.
* Budget lights are monotone in the amount executed.
* No target text, number (even NaN or infinity) or month makes the rules raise.
* A configuration survives ``to_dict`` → JSON → ``from_dict``.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.actuals import IndicatorActual, QualitativeGrade
from jixiao.monitoring import (
    DEFAULT,
    PRESETS,
    Light,
    MonitoringConfig,
    budget_light,
    indicator_light,
)
from tests.monitoring.helpers import actual, indicator

_FORWARD_RANK = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.BLUE: 3}

months = st.integers(min_value=1, max_value=12)
amounts = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, places=4
)
positive = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e6"), places=2)
configs = st.sampled_from(list(PRESETS.values()))


@given(
    t=positive,
    a=amounts,
    b=amounts,
    month=months,
    operator=st.sampled_from(["≥", ">", "="]),
    unit=st.sampled_from(["", "%", "场"]),
    level2=st.sampled_from(["数量指标", "质量指标"]),
    config=configs,
)
def test_more_progress_is_never_worse(
    t: Decimal,
    a: Decimal,
    b: Decimal,
    month: int,
    operator: str,
    unit: str,
    level2: str,
    config: MonitoringConfig,
) -> None:
    row = indicator(f"{operator}{t}{unit}", level2=level2)
    low, high = sorted((a, b))
    light_low = indicator_light(row, actual(low), month, config).light
    light_high = indicator_light(row, actual(high), month, config).light
    assert _FORWARD_RANK[light_low] <= _FORWARD_RANK[light_high]


@given(t=amounts, a=amounts, b=amounts, month=months, operator=st.sampled_from(["≤", "<"]))
def test_reverse_rows_more_is_never_better(
    t: Decimal, a: Decimal, b: Decimal, month: int, operator: str
) -> None:
    row = indicator(f"{operator}{t}")
    low, high = sorted((a, b))
    light_low = indicator_light(row, actual(low), month, DEFAULT).light
    light_high = indicator_light(row, actual(high), month, DEFAULT).light
    assert {light_low, light_high} <= {Light.RED, Light.GREEN}
    assert not (light_low is Light.RED and light_high is Light.GREEN)


@given(
    budget=positive, a=st.decimals(min_value=0, max_value=Decimal("1e7"), places=2),
    b=st.decimals(min_value=0, max_value=Decimal("1e7"), places=2), month=months,
)  # fmt: skip
def test_budget_light_is_monotone(budget: Decimal, a: Decimal, b: Decimal, month: int) -> None:
    low, high = sorted((a, b))
    light_low = budget_light(low, budget, month, DEFAULT).light
    light_high = budget_light(high, budget, month, DEFAULT).light
    assert _FORWARD_RANK[light_low] <= _FORWARD_RANK[light_high]
    assert light_high is not Light.BLUE


@given(
    t=positive,
    current=st.decimals(min_value=0, max_value=Decimal("1e6"), places=3),
    month=months,
)
def test_ratio_is_current_over_time_proportional_target(
    t: Decimal, current: Decimal, month: int
) -> None:
    result = indicator_light(indicator(f"≥{t}"), actual(current), month, DEFAULT)
    exact = current * 12 * 100 / (t * month)
    assert result.ratio_pct is not None
    assert abs(result.ratio_pct - exact) <= Decimal("0.00005")


@given(
    target=st.text(max_size=30),
    completed=st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True)),
    expected=st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True)),
    grade=st.one_of(st.none(), st.sampled_from(QualitativeGrade)),
    month=months,
    config=configs,
)
def test_rules_never_raise(
    target: str,
    completed: Decimal | None,
    expected: Decimal | None,
    grade: QualitativeGrade | None,
    month: int,
    config: MonitoringConfig,
) -> None:
    row = IndicatorActual(
        "indicators/0", completed=completed, expected_full_year=expected, grade=grade
    )
    result = indicator_light(indicator(target), row, month, config)
    assert isinstance(result.light, Light) and result.explanation
    money = budget_light(completed, expected, month, config)
    assert isinstance(money.light, Light) and money.explanation


@given(
    numbers=st.lists(st.decimals(min_value=0, max_value=1000, places=1), min_size=6, max_size=6),
    flags=st.lists(st.booleans(), min_size=7, max_size=7),
    categories=st.one_of(st.none(), st.frozensets(st.sampled_from(["数量指标", "效益指标"]))),
    blue=st.booleans(),
)
def test_config_survives_json(
    numbers: list[Decimal], flags: list[bool], categories: frozenset[str] | None, blue: bool
) -> None:
    config = MonitoringConfig(
        "custom", numbers[0], numbers[1], numbers[2] if blue else None, flags[0], categories,
        flags[1], flags[2], numbers[3], numbers[4], flags[3], flags[4], flags[5],
        numbers[5] if flags[6] else None,
    )  # fmt: skip
    stored = json.loads(json.dumps(config.to_dict()))
    assert MonitoringConfig.from_dict(stored) == config
