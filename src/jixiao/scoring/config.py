"""Scoring settings of one declaration (单位自评, 财预〔2020〕10号; REFERENCE.md §6).

:class:`ScoringConfig` holds every number REFERENCE.md §6 marks as configurable, with the
national or common vendor defaults. It is a frozen value passed to the evaluate functions;
a declaration that needs other weights builds its own (``dataclasses.replace`` or
:meth:`ScoringConfig.from_dict`) and the web app stores :meth:`ScoringConfig.to_dict` as JSON.

Weights are points (分) with at most two decimals, so every split and sum is exact.

成本指标 (level 1 in the 2021 scheme of 财预〔2021〕101号) has no national weight: REFERENCE.md §6
says "no source fixes a level-1 成本 weight: forms keep cost inside 产出 or use free row weights
summing to 90". Cost is therefore taken out of 产出指标's weight:

* ``cost_share = None`` (default): each 成本 二级指标 counts as one more level-2 group of 产出
  (as in the 2015 scheme, where 成本指标 is code 14 under 产出), so with the default group split
  every 产出 and 成本 二级指标 gets the same weight (数量, 质量, 时效 + 经济成本 → 50 × 1/4 =
  12.5 for 成本); with ``split = ROWS`` every 产出 and 成本 row does.
* ``cost_share = Decimal("0.2")``: 成本指标 gets 20 % of 产出指标's weight (10 of 50 points)
  whatever its number of rows, and 产出指标 keeps the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from jixiao.errors import UsageError
from jixiao.scoring.decimals import has_two_decimals
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION


class WeightSplit(StrEnum):
    """How a level-1 weight is shared out when rows have no explicit weight (REFERENCE.md §6:
    "level-2/3 by importance" [R]; equal split is the default of this program [I]).

    * ``GROUPS``: equally over the level-2 groups, then equally over each group's rows.
    * ``ROWS``: equally over all rows of the level-1 category.
    """

    GROUPS = "groups"
    ROWS = "rows"


def _no_row_weights() -> Mapping[str, Decimal]:
    return MappingProxyType({})


def _decimals(*values: str) -> tuple[Decimal, Decimal, Decimal]:
    first, second, third = (Decimal(v) for v in values)
    return first, second, third


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    """Settings of the self-evaluation score (REFERENCE.md §6; 财预〔2020〕10号).

    * ``budget_weight``: points of 预算执行率 (10).
    * ``output_weight`` / ``benefit_weight`` / ``satisfaction_weight``: level-1 points
      (50 / 30 / 10 [R] [S]); 10号 allows other values "in special cases".
    * ``cost_share``: part of ``output_weight`` given to a level-1 成本指标, 0–1, or ``None``
      (see the module docstring). No source fixes it [I].
    * ``split``: :class:`WeightSplit` for rows without an explicit weight.
    * ``row_weights``: explicit points per indicator path (``projects/0/indicators/2`` →
      ``Decimal("12.5")``); rows not listed share what their group / level 1 has left.
    * ``over_achievement_ratio``: ``a ≥ ratio·t`` flags a row for a manual look (1.2 [V];
      Guangxi 1.3). Never reduces a score by itself.
    * ``strict_comparisons``: read ``>``/``<`` strictly, so ``a == t`` is not met. The
      default follows the vendors, who read them like ``≥``/``≤`` [V] [I]. Both formulas are
      continuous at ``a == t``, so this changes whether the target counts as met (and so
      whether 偏差原因 is required), not the points.
    * ``qualitative_fractions``: default share of the weight for the tiers 达成 / 部分达成 /
      未达成 (1 / 0.7 / 0.3 [I]); each must lie in its tier's band [0.8, 1], [0.6, 0.8),
      [0, 0.6) [R] [V].
    * ``grade_bounds``: lower bounds (inclusive) of 优 / 良 / 中 (90 / 80 / 60 [R] [S]).
    * ``explanation_threshold_pct``: 执行率 below this (percent) needs an explanation (90 [S]).

    Raises :class:`~jixiao.errors.UsageError` for values outside these ranges, weights with
    more than two decimals, or descending order violated.
    """

    budget_weight: Decimal = Decimal(10)
    output_weight: Decimal = Decimal(50)
    benefit_weight: Decimal = Decimal(30)
    satisfaction_weight: Decimal = Decimal(10)
    cost_share: Decimal | None = None
    split: WeightSplit = WeightSplit.GROUPS
    row_weights: Mapping[str, Decimal] = field(default_factory=_no_row_weights, hash=False)
    over_achievement_ratio: Decimal = Decimal("1.2")
    strict_comparisons: bool = False
    qualitative_fractions: tuple[Decimal, Decimal, Decimal] = _decimals("1", "0.7", "0.3")
    grade_bounds: tuple[Decimal, Decimal, Decimal] = _decimals("90", "80", "60")
    explanation_threshold_pct: Decimal = Decimal(90)

    def __post_init__(self) -> None:
        object.__setattr__(self, "row_weights", MappingProxyType(dict(self.row_weights)))
        _check_weights(self)
        _check_ratios(self)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        """Pickle and deep-copy through :meth:`to_dict` (the read-only ``row_weights``
        mapping cannot be pickled itself)."""
        return _rebuild, (self.to_dict(),)

    def level1_weight(self, level1: str) -> Decimal:
        """Configured points of level-1 category ``level1`` before any cost split; 0 for
        成本指标 and unknown names (cost is carved out of 产出, see the module docstring)."""
        weights = {
            OUTPUT: self.output_weight,
            BENEFIT: self.benefit_weight,
            SATISFACTION: self.satisfaction_weight,
        }
        return weights.get(level1, Decimal(0))

    @property
    def grid_weight(self) -> Decimal:
        """Points of the indicator grid: 100 − ``budget_weight`` (90 by default)."""
        return Decimal(100) - self.budget_weight

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; Decimals become strings so that they round-trip exactly.

        ``{"budget_weight": "10", …, "cost_share": null, "split": "groups",
        "row_weights": {"projects/0/indicators/2": "12.5"}, "strict_comparisons": false,
        "qualitative_fractions": ["1", "0.7", "0.3"], "grade_bounds": ["90", "80", "60"], …}``
        """
        return {f.name: _json_value(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoringConfig:
        """Build a config from :meth:`to_dict` output; missing keys take the defaults.

        Numbers may be strings, ints or floats (floats through ``str``). Raises
        :class:`~jixiao.errors.UsageError` for unknown keys or values of the wrong kind.
        """
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise UsageError(f"未知的评分设置：{'、'.join(unknown)}")
        return cls(**{key: _read_field(key, value) for key, value in data.items()})


def _rebuild(data: dict[str, Any]) -> ScoringConfig:
    return ScoringConfig.from_dict(data)


_WEIGHT_FIELDS = ("budget_weight", "output_weight", "benefit_weight", "satisfaction_weight")


def _check_weights(config: ScoringConfig) -> None:
    named = [(name, getattr(config, name)) for name in _WEIGHT_FIELDS]
    named += [(f"row_weights[{path}]", value) for path, value in config.row_weights.items()]
    for name, value in named:
        if not isinstance(value, Decimal) or not has_two_decimals(value) or value < 0:
            raise UsageError(f"分值 {name} 应为不小于 0、最多两位小数的数：{value}")
    if config.budget_weight > 100:
        raise UsageError(f"预算执行率分值不能超过 100：{config.budget_weight}")


def _check_ratios(config: ScoringConfig) -> None:
    share = config.cost_share
    if share is not None and not Decimal(0) <= share <= Decimal(1):
        raise UsageError(f"成本指标占产出指标分值的比例应在 0–1 之间：{share}")
    if not config.over_achievement_ratio > 1:
        raise UsageError(f"超额完成倍数应大于 1：{config.over_achievement_ratio}")
    met, partly, not_met = config.qualitative_fractions
    if not (Decimal("0.8") <= met <= 1 and Decimal("0.6") <= partly < Decimal("0.8")):
        raise UsageError(f"定性默认得分比例应在各档区间内：{config.qualitative_fractions}")
    if not Decimal(0) <= not_met < Decimal("0.6"):
        raise UsageError(f"定性默认得分比例应在各档区间内：{config.qualitative_fractions}")
    excellent, good, fair = config.grade_bounds
    if not Decimal(100) >= excellent > good > fair >= 0:
        raise UsageError(f"等级分数线应为 100 ≥ 优 > 良 > 中 ≥ 0：{config.grade_bounds}")
    if not Decimal(0) <= config.explanation_threshold_pct <= 100:
        raise UsageError(f"执行率说明阈值应在 0–100 之间：{config.explanation_threshold_pct}")


def _json_value(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _json_value(item) for key, item in value.items()}
    return value


def _read_field(key: str, value: Any) -> Any:
    if key == "split":
        return _read_split(value)
    if key == "strict_comparisons":
        if not isinstance(value, bool):
            raise UsageError(f"评分设置 {key} 应为 true 或 false：{value!r}")
        return value
    if key == "cost_share" and value is None:
        return None
    if key == "row_weights":
        if not isinstance(value, Mapping):
            raise UsageError(f"评分设置 {key} 应为“路径: 分值”对象：{value!r}")
        return {str(path): _read_decimal(key, weight) for path, weight in value.items()}
    if key in ("qualitative_fractions", "grade_bounds"):
        if not isinstance(value, list | tuple) or len(value) != 3:
            raise UsageError(f"评分设置 {key} 应为三个数：{value!r}")
        return tuple(_read_decimal(key, item) for item in value)
    return _read_decimal(key, value)


def _read_split(value: Any) -> WeightSplit:
    try:
        return WeightSplit(value)
    except ValueError:
        choices = "、".join(s.value for s in WeightSplit)
        raise UsageError(f"评分设置 split 应为 {choices} 之一：{value!r}") from None


def _read_decimal(key: str, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise UsageError(f"评分设置 {key} 应为数：{value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise UsageError(f"评分设置 {key} 应为数：{value!r}") from None
    if not number.is_finite():
        raise UsageError(f"评分设置 {key} 应为有限的数：{value!r}")
    return number
