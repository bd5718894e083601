"""Monitoring thresholds: every number the traffic lights use, in one frozen value.

The defaults are the common vendor defaults of REFERENCE.md §5 (财预〔2019〕136号 fixes the
procedure, not the thresholds): they are **practice, not national law**, and every one is a
field here so a finance bureau can set its own. Percentages are points (``60`` for 60 %);
money is **万元**.

Default bands for ``≥ ＞ ＝``(t≠0) rows, on the ratio ``r = 累计完成值 / 序时目标``:
红 r < 60 % · 黄 60–<80 % · 绿 80–<120 % · 蓝 ≥ 120 %. Budget execution, on
``r = 执行率 / 序时进度``: 红 < 60 % · 黄 60–<80 % · 绿 ≥ 80 %.

:data:`PRESETS` holds named variants of §5 (Shanxi, Ningxia, Tianjin, Hebei); store a
configuration as JSON with :meth:`MonitoringConfig.to_dict` / :meth:`MonitoringConfig.from_dict`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Final

from jixiao.errors import UsageError
from jixiao.taxonomy import BENEFIT, SATISFACTION

_DECIMAL_FIELDS: Final = frozenset(
    {
        "red_below_pct",
        "green_from_pct",
        "blue_from_pct",
        "budget_red_below_pct",
        "budget_green_from_pct",
        "key_project_min_wan_yuan",
    }
)
_BOOL_FIELDS: Final = frozenset(
    {
        "prorate_rates",
        "unprorated_binary",
        "use_expected_full_year",
        "reason_on_yellow",
        "reason_on_blue",
        "likelihood_needs_explanation",
    }
)


@dataclass(frozen=True, slots=True)
class MonitoringConfig:
    """Thresholds and options of the monitoring lights (REFERENCE.md §5; 财预〔2019〕136号).

    Indicator bands (ratio in percentage points):

    * ``red_below_pct`` (60), ``green_from_pct`` (80): red below the first, yellow up to the
      second, green from it; ``blue_from_pct`` (120) starts blue (over-achievement),
      ``None`` never shows blue.

    Which rows are pro-rated (序时目标 ``t·m/12``):

    * ``prorate_rates`` (``False``): rows measured in ``%`` are compared to ``t`` itself,
      since a rate does not accumulate over the year [I].
    * ``prorated_categories`` (``None`` = every row): canonical 一级/二级 names whose rows are
      pro-rated; other ``≥ ＞ ＝`` rows are compared to the full ``t``.
    * ``unprorated_binary`` (``False``): rows outside ``prorated_categories`` are green when
      the target is met and red otherwise (Shanxi), instead of banded on ``current / t``.
    * ``use_expected_full_year`` (``False``): judge by 全年预计完成值 against the full
      ``t`` when it is reported. REFERENCE.md §5 rates the value reached to date, so the
      default keeps the expected value for display only.

    Budget execution (执行率 / 序时进度, points): ``budget_red_below_pct`` (60),
    ``budget_green_from_pct`` (80).

    Explanations required (偏差原因 or 原因说明):

    * red always; yellow when ``reason_on_yellow`` (``True``; Ningxia: red only);
      blue when ``reason_on_blue`` (``False``; Hebei: over-achievement needs 偏差分析).
    * ``likelihood_needs_explanation`` (``False``; Tianjin): 完成目标可能性 有可能 or
      完全不可能 requires 全年预计完成值 and 偏差原因.

    Scope: ``key_project_min_wan_yuan`` (100 万元) marks projects for 重点监控; ``None``
    marks none. ``name`` labels a preset.

    Raises nothing itself; :meth:`from_dict` raises :class:`~jixiao.errors.UsageError` for
    unknown keys or bad values.
    """

    name: str = "default"
    red_below_pct: Decimal = Decimal(60)
    green_from_pct: Decimal = Decimal(80)
    blue_from_pct: Decimal | None = Decimal(120)
    prorate_rates: bool = False
    prorated_categories: frozenset[str] | None = None
    unprorated_binary: bool = False
    use_expected_full_year: bool = False
    budget_red_below_pct: Decimal = Decimal(60)
    budget_green_from_pct: Decimal = Decimal(80)
    reason_on_yellow: bool = True
    reason_on_blue: bool = False
    likelihood_needs_explanation: bool = False
    key_project_min_wan_yuan: Decimal | None = Decimal(100)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: Decimals as strings (``"60"``), categories as a sorted list or
        ``None``, booleans and the name as they are."""
        result: dict[str, object] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, frozenset):
                value = sorted(value)
            result[item.name] = value
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> MonitoringConfig:
        """The configuration stored by :meth:`to_dict`; missing keys take the defaults.

        Raises :class:`~jixiao.errors.UsageError` (message in Chinese) for an unknown key or
        a value of the wrong kind.
        """
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise UsageError(f"监控配置含未知项：{'、'.join(unknown)}")
        values: dict[str, Any] = {key: _field_value(key, value) for key, value in data.items()}
        return replace(cls(), **values)


def _field_value(key: str, value: object) -> object:
    """Convert one stored value back to the field's type, or raise :class:`UsageError`."""
    if key in _DECIMAL_FIELDS:
        return _decimal(key, value)
    if key in _BOOL_FIELDS:
        if not isinstance(value, bool):
            raise UsageError(f"监控配置“{key}”应为 true 或 false：{value!r}")
        return value
    if key == "prorated_categories":
        if value is None:
            return None
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"监控配置“{key}”应为指标类别名称列表：{value!r}")
        return frozenset(value)
    if not isinstance(value, str):
        raise UsageError(f"监控配置“{key}”应为文字：{value!r}")
    return value


def _decimal(key: str, value: object) -> Decimal | None:
    """A stored number (string, int or float) as Decimal; ``None`` where the field allows."""
    if value is None and key in ("blue_from_pct", "key_project_min_wan_yuan"):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise UsageError(f"监控配置“{key}”应为数字：{value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise UsageError(f"监控配置“{key}”应为数字：{value!r}") from None
    if not number.is_finite():
        raise UsageError(f"监控配置“{key}”应为有限数字：{value!r}")
    return number


DEFAULT: Final = MonitoringConfig()
"""Common vendor defaults (REFERENCE.md §5)."""

PRESETS: Final[Mapping[str, MonitoringConfig]] = MappingProxyType(
    {
        "default": DEFAULT,
        "shanxi": MonitoringConfig(
            name="shanxi",
            prorated_categories=frozenset({"数量指标", BENEFIT, SATISFACTION}),
            unprorated_binary=True,
        ),
        "ningxia": MonitoringConfig(name="ningxia", reason_on_yellow=False),
        "tianjin": MonitoringConfig(name="tianjin", likelihood_needs_explanation=True),
        "hebei": MonitoringConfig(name="hebei", reason_on_blue=True),
    }
)
"""Named variants of REFERENCE.md §5 [V]: ``shanxi`` pro-rates only 数量/效益/满意度 rows
(质量, 时效, 成本: met → green, else red); ``ningxia`` requires 偏差原因 on red only;
``tianjin`` requires 全年预计完成值 and 偏差原因 when 完成目标可能性 is 有可能/完全不可能;
``hebei`` requires 偏差分析 for over-achievement (blue)."""
