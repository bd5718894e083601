"""The scoring rules, one entry per kind of indicator row (REFERENCE.md §6).

Each :class:`ScoringRule` has a stable ``code`` (stored on every
:class:`~jixiao.scoring.result.RowScore`), a Chinese ``label`` stating the formula and the
``reference`` it comes from: 财预〔2020〕10号 [R] for "met → full weight, not met → actual ÷
target × weight", the vendor formulas [V] of REFERENCE.md §6 for reverse and zero targets,
and this program's inference [I] where no source speaks (ranges, negative targets).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class ScoringRule:
    """A scoring rule: ``code``, Chinese ``label`` (the formula) and ``reference``."""

    code: str
    label: str
    reference: str


HIGHER_BETTER = "higher-better"
LOWER_BETTER = "lower-better"
ZERO_TARGET = "zero-target"
RANGE = "range"
NEGATIVE_TARGET = "negative-target"
NEGATIVE_ACTUAL = "negative-actual"
QUALITATIVE = "qualitative"
NOT_SCORED = "not-scored"

_RULES = (
    ScoringRule(
        HIGHER_BETTER,
        "正向指标（≥、>、=且目标≠0）：实际 ≥ 目标得满分，否则 实际 ÷ 目标 × 分值",
        "REFERENCE.md §6; 财预〔2020〕10号 [R]; 厂商公式 [V]",
    ),
    ScoringRule(
        LOWER_BETTER,
        "反向指标（≤、<）：实际 ≤ 目标得满分；目标 < 实际 < 2×目标 得 (1 − (实际 − 目标) ÷ 目标) × 分值；"
        "实际 ≥ 2×目标 得 0 分",
        "REFERENCE.md §6 [V]",
    ),
    ScoringRule(
        ZERO_TARGET,
        "零目标（=0、≤0、<0，如事故数为0）：实际 ≤ 0 得满分，否则 0 分",
        "REFERENCE.md §6 [V]",
    ),
    ScoringRule(
        RANGE,
        "区间目标：区间内得满分；低于下限按正向公式，高于上限按反向公式",
        "REFERENCE.md §3, §6 [I]",
    ),
    ScoringRule(
        NEGATIVE_TARGET,
        "负数目标（如 ≥-5%）：达标得满分，否则 0 分（比例公式对负数无意义）",
        "REFERENCE.md §6 [I]",
    ),
    ScoringRule(
        NEGATIVE_ACTUAL,
        "实际值为负数而目标不为负：0 分",
        "REFERENCE.md §6: a < 0 → 0 [V]",
    ),
    ScoringRule(
        QUALITATIVE,
        "定性指标：达成年度指标 [0.8w, w]，部分达成 [0.6w, 0.8w)，未达成 [0, 0.6w)；"
        "未填得分时按 w × 1 / 0.7 / 0.3",
        "REFERENCE.md §6; 财预〔2020〕10号 [R]; 区间校验 [V]; 默认比例 [I]",
    ),
    ScoringRule(
        NOT_SCORED,
        "未计分：缺少实际完成值、完成值无法识别或缺少指标值，得 0 分",
        "REFERENCE.md §6 [V]",
    ),
)

RULES: Mapping[str, ScoringRule] = MappingProxyType({rule.code: rule for rule in _RULES})
"""Every scoring rule, by code."""
