"""Scoring problems: data that keeps a row, the budget or the weights from being scored as
they should, reported as values (never raised).

Each :class:`ProblemType` is a catalogue entry with a stable kebab-case ``code``, a Chinese
title and a message template with named placeholders, and the source of the rule it guards
(REFERENCE.md §6, 财预〔2020〕10号, vendor practice [V] or inference [I]). A :class:`Problem`
is one occurrence, located by item path (:mod:`jixiao.paths`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class ProblemType:
    """A catalogue entry: ``code``, ``title``, Chinese ``template`` and its ``reference``."""

    code: str
    title: str
    template: str
    reference: str


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: its catalogue ``code``, the filled-in Chinese ``message`` and the item
    ``path`` it concerns (``projects/0/indicators/2``, ``projects/0``, ``""`` for the whole
    department or evaluation)."""

    code: str
    message: str
    path: str

    def to_dict(self) -> dict[str, str]:
        """JSON form: ``{"code", "message", "path"}``."""
        return {"code": self.code, "message": self.message, "path": self.path}


_TYPES = (
    ProblemType(
        "actual-missing", "未填报实际完成值", "未填报实际完成值，计 0 分", "REFERENCE.md §6 [V]"
    ),
    ProblemType(
        "actual-unparseable",
        "实际完成值不是数值",
        "实际完成值“{text}”不是数值（应为数字，可带单位“{unit}”），计 0 分",
        "REFERENCE.md §6: 定量 actual must match ^-?\\d+(\\.\\d*)?$ [V]",
    ),
    ProblemType(
        "actual-negative",
        "实际完成值为负数",
        "实际完成值 {value} 为负数而目标不为负，按厂商规则计 0 分，请核实",
        "REFERENCE.md §6: a < 0 → 0 [V]",
    ),
    ProblemType(
        "target-missing", "缺少年度指标值", "指标没有年度指标值，无法计分", "REFERENCE.md §3 [R]"
    ),
    ProblemType(
        "target-compound",
        "指标值含多个条件",
        "指标值“{text}”含多个条件，只按第一个条件（{first}）计分，其余请人工核对",
        "REFERENCE.md §3 [I]",
    ),
    ProblemType(
        "grade-missing",
        "定性指标未选完成档次",
        "定性指标未选择完成档次（达成/部分达成/未达成年度指标）{consequence}",
        "REFERENCE.md §6; 财预〔2020〕10号 [R]",
    ),
    ProblemType(
        "score-outside-band",
        "定性得分不在档次区间内",
        "填报得分 {score} 不在“{grade}”档的区间 {band} 内",
        "REFERENCE.md §6: bands enforced [V]",
    ),
    ProblemType(
        "score-capped",
        "填报得分超出范围",
        "填报得分 {entered} 超出 0–{weight} 分，按 {score} 分计",
        "REFERENCE.md §6: score ≤ weight [V] [T]",
    ),
    ProblemType(
        "score-mismatch",
        "填报得分与计算不符",
        "填报得分 {entered} 与按公式计算的 {computed} 不一致，采用计算得分",
        "REFERENCE.md §6 [V]",
    ),
    ProblemType(
        "deduction-negative",
        "扣分为负数",
        "扣分 {deduction} 为负数，已忽略",
        "REFERENCE.md §6: manual 扣分 subtracted [V]",
    ),
    ProblemType(
        "actual-partial-year",
        "不是全年数",
        "填报数据截至{period}，不是全年数；自评应使用全年完成情况",
        "REFERENCE.md §2.4, §3 [R]",
    ),
    ProblemType(
        "level1-unknown",
        "一级指标未识别",
        "指标“{name}”的一级指标“{level1}”不是产出、效益、满意度或成本指标，分值为 0",
        "REFERENCE.md §1, §6",
    ),
    ProblemType(
        "level1-empty",
        "一级指标下无三级指标",
        "一级指标“{level1}”下没有三级指标，其 {weight} 分无法取得；可调整一级指标分值或指定指标分值",
        "REFERENCE.md §6 [V]",
    ),
    ProblemType(
        "level1-sum-mismatch",
        "一级指标分值合计不符",
        "一级指标“{level1}”下三级指标分值合计 {total}，应为 {weight}",
        "REFERENCE.md §6: Σ under L1 = L1 [V]",
    ),
    ProblemType(
        "level2-sum-mismatch",
        "二级指标分值合计不符",
        "二级指标“{level2}”下三级指标分值合计 {total}，应为 {weight}",
        "REFERENCE.md §6: Σ L3 = L2 [V]",
    ),
    ProblemType(
        "grid-total-mismatch",
        "绩效指标分值合计不符",
        "绩效指标分值合计 {total}，应为 {expected}（100 减去预算执行率 {budget} 分）",
        "REFERENCE.md §6: grid total 90 [V]",
    ),
    ProblemType(
        "weight-path-unknown",
        "指定分值的指标不存在",
        "为“{path}”指定了分值 {weight}，但没有这一指标",
        "REFERENCE.md §6",
    ),
    ProblemType(
        "budget-missing",
        "全年预算数未知",
        "申报表未列资金总额，也未填报全年预算数，预算执行率计 0 分",
        "REFERENCE.md §6 [S]",
    ),
    ProblemType(
        "budget-zero",
        "全年预算数为 0",
        "全年预算数为 0，无法计算执行率，计 0 分",
        "REFERENCE.md §6",
    ),
    ProblemType(
        "execution-missing",
        "未填报全年执行数",
        "未填报全年执行数，预算执行率计 0 分",
        "REFERENCE.md §6 [S]",
    ),
    ProblemType(
        "total-capped",
        "总分超过满分",
        "各部分得分合计 {total}，超过 {maximum}，按 {maximum} 分计；请检查分值设置",
        "REFERENCE.md §6: total ≤ 100 [V] [T]",
    ),
)

CATALOGUE: Mapping[str, ProblemType] = MappingProxyType({t.code: t for t in _TYPES})
"""Every problem the scoring engine reports, by code."""


def problem(code: str, path: str, /, **params: object) -> Problem:
    """A :class:`Problem` of catalogue entry ``code`` at ``path`` with its template filled by
    ``params``. Raises :class:`KeyError` for an unknown code (a programming error)."""
    return Problem(code, CATALOGUE[code].template.format(**params), path)
