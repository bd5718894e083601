"""Disagreements between a published 自评表 and the scoring method: the catalogue.

Each :class:`DisagreementType` has a stable kebab-case ``code``, a ``severity`` (``error``:
a published number contradicts the method or its own arithmetic; ``warning``: something to
look at — a missing reason, a score that cannot be checked), a Chinese ``title``, a message
``template`` with named placeholders and the ``reference`` of the rule (REFERENCE.md §2.4, §6;
财预〔2020〕10号). ``docs/self-evaluation.md`` lists every code; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

ERROR = "error"
WARNING = "warning"
SEVERITY_LABELS: Mapping[str, str] = MappingProxyType({ERROR: "不符", WARNING: "提示"})


@dataclass(frozen=True, slots=True)
class DisagreementType:
    """A catalogue entry: ``code``, ``severity``, ``title``, ``template``, ``reference``."""

    code: str
    severity: str
    title: str
    template: str
    reference: str


_TYPES = (
    DisagreementType(
        "row-score-mismatch", ERROR, "指标得分与计分方法不符",
        "“{name}”公布得分 {published}，按计分方法应为 {computed}（{explanation}）",
        "REFERENCE.md §6; 财预〔2020〕10号 [R]; 厂商公式 [V]",
    ),
    DisagreementType(
        "row-score-over-weight", ERROR, "指标得分超过分值",
        "“{name}”公布得分 {published} 超过其分值 {weight}",
        "REFERENCE.md §6: score ≤ weight [V] [T]",
    ),
    DisagreementType(
        "row-unscorable", WARNING, "指标无法按方法重算",
        "“{name}”无法按计分方法重算（{why}），公布得分 {published} 未核对",
        "REFERENCE.md §6 [V]",
    ),
    DisagreementType(
        "row-score-missing", WARNING, "指标未公布得分",
        "“{name}”未公布得分，按计分方法应为 {computed}",
        "REFERENCE.md §2.4",
    ),
    DisagreementType(
        "row-weight-missing", WARNING, "指标未公布分值",
        "“{name}”未公布分值，其得分无法按公布的分值核对",
        "REFERENCE.md §2.4, §6",
    ),
    DisagreementType(
        "qualitative-score-outside-band", WARNING, "定性指标得分不在档次区间内",
        "“{name}”实际完成值“{actual}”属“{grade}”档，公布得分 {published} 不在该档区间 {band} 内",
        "REFERENCE.md §6: 10号 tiers [R], bands enforced [V]",
    ),
    DisagreementType(
        "reason-missing", WARNING, "缺偏差原因分析",
        "“{name}”{why}，但未填写偏差原因分析及改进措施",
        "REFERENCE.md §6: mandatory when score < weight [V] or a < t [T]",
    ),
    DisagreementType(
        "budget-rate-mismatch", ERROR, "执行率与执行数不符",
        "公布执行率 {published}%，按 全年执行数 {executed} ÷ 全年预算数 {budget} 应为 {computed}%",
        "REFERENCE.md §6: 执行率 = 全年执行数 ÷ 全年预算数 [S]",
    ),
    DisagreementType(
        "budget-score-mismatch", ERROR, "预算执行率得分与计分方法不符",
        "预算执行率公布得分 {published}，按计分方法应为 {computed}（{explanation}）",
        "REFERENCE.md §6: min(10, round(执行率·10, 2)) [T]",
    ),
    DisagreementType(
        "budget-unscorable", WARNING, "预算执行率无法重算",
        "预算执行率无法按计分方法重算（{why}），公布得分 {published} 未核对",
        "REFERENCE.md §6",
    ),
    DisagreementType(
        "weights-grid-total", ERROR, "绩效指标分值合计不符",
        "绩效指标各行分值合计 {total}，应为 {expected}（100 减去预算执行率 {budget} 分）",
        "REFERENCE.md §6: grid total 90 [V]",
    ),
    DisagreementType(
        "weights-level1-sum", ERROR, "一级指标分值合计不符",
        "一级指标“{level1}”标注 {printed} 分，其下三级指标分值合计 {total}",
        "REFERENCE.md §6: Σ under L1 = L1 weight [V]",
    ),
    DisagreementType(
        "weights-total", ERROR, "总分的分值不符",
        "总分一行的分值为 {printed}，而预算执行率与各指标的分值合计 {total}",
        "REFERENCE.md §6: total ≤ 100 [V] [T]",
    ),
    DisagreementType(
        "total-sum-mismatch", ERROR, "总分不等于各项得分之和",
        "公布总分 {published}，而公布的预算执行率得分与各指标得分合计 {total}",
        "REFERENCE.md §6: total = budget points + Σ rows",
    ),
    DisagreementType(
        "total-score-mismatch", ERROR, "总分与计分方法不符",
        "公布总分 {published}，按计分方法重算为 {computed}",
        "REFERENCE.md §6",
    ),
    DisagreementType(
        "total-missing", WARNING, "未公布总分",
        "未公布总分，按计分方法应为 {computed}",
        "REFERENCE.md §2.4",
    ),
    DisagreementType(
        "grade-inconsistent", ERROR, "等级与公布的总分不符",
        "公布等级“{published}”，而公布总分 {total} 对应的等级是“{expected}”（{bounds}）",
        "REFERENCE.md §6: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 [R] [S]",
    ),
    DisagreementType(
        "grade-mismatch", ERROR, "等级与计分方法不符",
        "公布等级“{published}”，按重算总分 {computed} 应为“{expected}”（{bounds}）",
        "REFERENCE.md §6 [R] [S]",
    ),
    DisagreementType(
        "grade-unreadable", WARNING, "等级无法识别",
        "公布等级“{published}”不是优、良、中、差之一",
        "REFERENCE.md §6",
    ),
)  # fmt: skip

CATALOGUE: Mapping[str, DisagreementType] = MappingProxyType({t.code: t for t in _TYPES})
"""Every disagreement :func:`jixiao.selfeval.compare` reports, by code."""


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (code, 严重程度, 名称, 说明, 依据), as
    ``docs/self-evaluation.md`` shows it between ``<!-- generated:disagreements -->`` marks."""
    lines = ["| 代码 | 严重程度 | 名称 | 说明（模板） | 依据 |", "| --- | --- | --- | --- | --- |"]
    for entry in _TYPES:
        cells = (
            f"`{entry.code}`",
            SEVERITY_LABELS[entry.severity],
            entry.title,
            entry.template.replace("|", "\\|"),
            entry.reference.replace("|", "\\|"),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
