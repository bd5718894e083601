"""Consistency rules: do the parts of a table agree with each other?

* 实施周期指标值 vs 年度指标值 of one row (RV23, REFERENCE.md §3: one-year project equal,
  cumulative counts annual ≤ period, rates normally equal).
* The same 三级指标 twice in one project or in the department table (RV16).
* Item numbers (``1、2、1、2``; 1..11, 15, 17) that restart or skip: rows were dropped, two lists
  were merged, or the numbering is wrong.
* The same project listed twice in one table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jixiao.model import Document, Indicator, Project, Source, Target, Task
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import ReviewConfig, finding_type, make_finding, rule
from jixiao.review.rules.measurability import is_percent, symbol
from jixiao.review.rules.taxonomy import indicator_groups, indicator_rows, owner_label
from jixiao.taxonomy import normalize

_PUNCTUATION = re.compile(r"[\s\W_]+")
_BRACKETED = re.compile(r"\([^()]*\)")
_LEADING_VERB = re.compile(r"^(?:确保|实现|提高|提升)")

_RELEVANT = ("#relevance", "#consistency")
_APPROPRIATE = ("#appropriateness", "#consistency")
_COMPLETE = ("#completeness", "#consistency")
_PERIOD_REF = "RV23; REFERENCE.md §3 (实施周期 vs 年度: annual ≤ period, rates equal)"

finding_type(
    "period-annual-kind-differs",
    Severity.WARNING,
    "实施周期与年度指标值一个定性、一个定量",
    "{owner}第{lines}行三级指标“{indicator_name}”的实施周期指标值“{period}”和年度指标值“{annual}”"
    "一个是定性、一个是定量，考核口径不一致；年度指标值应是实施周期目标在本年度的分解，请统一口径",
    tags=_APPROPRIATE,
    reference=_PERIOD_REF,
)
finding_type(
    "period-annual-unit-differs",
    Severity.WARNING,
    "实施周期与年度指标值的计量单位不同",
    "{owner}第{lines}行三级指标“{indicator_name}”的实施周期指标值“{period}”和年度指标值“{annual}”"
    "计量单位不同（“{period_detail}”与“{annual_detail}”）；请统一计量单位",
    tags=_APPROPRIATE,
    reference=_PERIOD_REF,
)
finding_type(
    "period-annual-operator-differs",
    Severity.WARNING,
    "实施周期与年度指标值的比较符号不同",
    "{owner}第{lines}行三级指标“{indicator_name}”的实施周期指标值“{period}”和年度指标值“{annual}”"
    "比较符号不同（“{period_detail}”与“{annual_detail}”）；请核对哪一个是要求的考核方向",
    tags=_APPROPRIATE,
    reference=_PERIOD_REF,
)
finding_type(
    "period-annual-rate-differs",
    Severity.WARNING,
    "比率类指标的实施周期与年度指标值不同",
    "{owner}第{lines}行三级指标“{indicator_name}”的实施周期指标值“{period}”和年度指标值“{annual}”"
    "不同；比率类指标两者通常应相同，请核对",
    tags=_APPROPRIATE,
    reference=_PERIOD_REF,
)
finding_type(
    "annual-exceeds-period",
    Severity.WARNING,
    "年度指标值大于实施周期指标值",
    "{owner}第{lines}行三级指标“{indicator_name}”的年度指标值“{annual}”大于实施周期指标值“{period"
    "}”；年度目标是实施周期目标的一部分，不应超过它，请核对",
    tags=_APPROPRIATE,
    reference=_PERIOD_REF,
)
finding_type(
    "period-annual-text-differs",
    Severity.INFO,
    "实施周期与年度的定性指标值表述不同",
    "{owner}第{lines}行三级指标“{indicator_name}”的实施周期指标值“{period}”和年度指标值“{annual}”"
    "表述不同；请核对两者是否指同一标准",
    tags=_APPROPRIATE,
    reference=_PERIOD_REF,
)
finding_type(
    "indicator-duplicate",
    Severity.WARNING,
    "三级指标重复",
    "{owner}三级指标“{indicator_name}”出现{count}次（{lines}）；请删除重复行，或在名称中写明各自"
    "考核的内容",
    tags=_RELEVANT,
    reference="RV16; REFERENCE.md §4 (duplicate L3 after normalisation)",
)
finding_type(
    "indicator-name-repeated",
    Severity.INFO,
    "不同指标使用了同一名称",
    "{owner}三级指标“{indicator_name}”出现{count}次（{lines}），但指标解释不同（{explanations}）"
    "，看来是不同的指标；请在名称中写明区别（如“{indicator_name}（{first}）”），以免考核时混淆",
    tags=_RELEVANT,
    reference="RV16; REFERENCE.md §4",
)
finding_type(
    "numbering-restart",
    Severity.WARNING,
    "编号重新从头开始",
    "{scope}为“{numbers}”，在第{position}项处编号回到{restart}；可能是两段{items}拼接在一起、漏列"
    "了{items}或编号有误，请核对",
    tags=_COMPLETE,
    reference="REFERENCE.md §2.2 (list items `N、`), §4 RV01/RV03 (completeness)",
)
finding_type(
    "numbering-gap",
    Severity.WARNING,
    "编号不连续",
    "{scope}为“{numbers}”，缺少第{missing}项；可能漏列了{items}或编号有误，请核对",
    tags=_COMPLETE,
    reference="REFERENCE.md §2.2, §2.3 (序号), §4 RV01/RV03 (completeness)",
)
finding_type(
    "project-duplicate",
    Severity.WARNING,
    "项目重复列示",
    "项目“{project_name}”在本表{unit}中出现{count}次（{lines}）；请核对是否重复列示，重复项目的资"
    "金会被重复计算",
    tags=_COMPLETE,
    reference="REFERENCE.md §2.2 (one row per project), §4 RV18 (totals)",
)


# --------------------------------------------------------------------------- RV23


@dataclass(frozen=True, slots=True)
class Difference:
    """How two targets of a row differ: a finding ``code`` and what each side says there
    (unit or comparator, ``""`` when the code needs no detail)."""

    code: str
    period_detail: str = ""
    annual_detail: str = ""


@lru_cache(maxsize=8192)
def _text_key(text: str) -> str:
    return _PUNCTUATION.sub("", normalize(text))


def _quantitative_difference(period: Target, annual: Target) -> Difference | None:
    """Unit, then comparator, then value: the first way two quantitative targets disagree."""
    period_unit, annual_unit = normalize(period.unit or ""), normalize(annual.unit or "")
    if period_unit != annual_unit:
        return Difference("period-annual-unit-differs", period.unit or "无", annual.unit or "无")
    if period.operator is not annual.operator:
        period_symbol, annual_symbol = symbol(period.operator), symbol(annual.operator)
        return Difference(
            "period-annual-operator-differs", period_symbol or "无", annual_symbol or "无"
        )
    if period.value is None or annual.value is None or period.value == annual.value:
        return None
    if is_percent(annual.unit):
        return Difference("period-annual-rate-differs")
    if annual.value > period.value:
        return Difference("annual-exceeds-period")
    return None


def period_annual_difference(period: Target, annual: Target) -> Difference | None:
    """How the 实施周期 and 年度 targets of one row disagree (REFERENCE.md §3), or ``None``.

    Wording variants of the same qualitative standard (``评估达标`` vs ``达标``: one contains
    the other) are accepted.
    """
    period_key, annual_key = _text_key(period.raw), _text_key(annual.raw)
    if period_key == annual_key:
        return None
    if period.qualitative != annual.qualitative:
        return Difference("period-annual-kind-differs")
    if period.qualitative:
        if period_key in annual_key or annual_key in period_key:
            return None
        return Difference("period-annual-text-differs")
    return _quantitative_difference(period, annual)


@rule(
    "RV23.period",
    [
        "period-annual-kind-differs",
        "period-annual-unit-differs",
        "period-annual-operator-differs",
        "period-annual-rate-differs",
        "annual-exceeds-period",
        "period-annual-text-differs",
    ],
    "实施周期指标值与年度指标值不一致",
)
def check_period_vs_annual(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV23 (REFERENCE.md §4, §3): where both are given, 实施周期 and 年度 values must agree
    in kind, unit and comparator; rates should be equal and annual counts ≤ period counts.
    Real (Tianhe): 保障机构正常运行 “达标” vs “正常运行”; 预防和减少重新犯罪
    “…未发生影响重大的恶性事件” vs “社区矫正对象监管率100%”."""
    for project, ind, _ in indicator_rows(document):
        period, annual = ind.period_target, ind.annual_target
        if period is None or annual is None or period.raw == annual.raw:
            continue
        difference = period_annual_difference(period, annual)
        if difference is not None:
            yield make_finding(
                difference.code,
                document,
                project=project,
                indicator=ind,
                owner=owner_label(project),
                lines=ind.source.lines,
                indicator_name=ind.name,
                period=period.raw,
                annual=annual.raw,
                period_detail=difference.period_detail,
                annual_detail=difference.annual_detail,
            )


# --------------------------------------------------------------------------- RV16


@lru_cache(maxsize=32768)
def normalized_name(name: str) -> str:
    """A 三级指标 name for duplicate detection: NFKC, no brackets（%）, punctuation or spaces,
    no leading 确保/实现/提高/提升."""
    text = _BRACKETED.sub("", normalize(name))
    return _LEADING_VERB.sub("", _PUNCTUATION.sub("", text))


def _line_list(sources: Sequence[Source]) -> str:
    lines = list(dict.fromkeys(source.lines for source in sources))
    return "第" + "、".join(lines) + "行"


def _duplicate_groups(indicators: list[Indicator]) -> Iterator[list[Indicator]]:
    groups: dict[str, list[Indicator]] = {}
    for ind in indicators:
        key = normalized_name(ind.name)
        if key:
            groups.setdefault(key, []).append(ind)
    return (group for group in groups.values() if len(group) > 1)


def _distinct_explanations(group: list[Indicator]) -> list[str] | None:
    """The explanations when every row has one and no two are alike, else ``None``."""
    texts = [ind.explanation.strip() if ind.explanation else "" for ind in group]
    keys = {_text_key(text) for text in texts}
    return texts if all(texts) and len(keys) == len(texts) else None


@rule(
    "RV16.indicators",
    ["indicator-duplicate", "indicator-name-repeated"],
    "同一项目或部门表中三级指标重复",
)
def check_duplicate_indicators(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV16 (REFERENCE.md §4): the same normalised name twice within one project (or the
    department table).

    Different explanations mean two indicators sharing a name (real: Jieyang 审查数量, once
    for 地方性法规, once for 政府规章): advice to rename. The same name in different projects
    is fine.
    """
    for project, indicators in indicator_groups(document):
        for group in _duplicate_groups(indicators):
            explanations = _distinct_explanations(group)
            code = "indicator-name-repeated" if explanations else "indicator-duplicate"
            yield make_finding(
                code,
                document,
                project=project,
                indicator=group[1],
                owner=owner_label(project),
                indicator_name=group[1].name,
                count=len(group),
                lines=_line_list([ind.source for ind in group]),
                explanations="、".join(f"“{text}”" for text in explanations or []),
                first=(explanations or [""])[0],
            )


# --------------------------------------------------------------------------- numbering


def number_list(numbers: Sequence[int]) -> str:
    """``[1, 2, 3, 4, 15, 17, 19, 20, 21]`` → ``"1–4、15、17、19–21"`` (runs of 3+ shortened)."""
    parts: list[str] = []
    start = 0
    for i in range(1, len(numbers) + 1):
        if i < len(numbers) and numbers[i] == numbers[i - 1] + 1:
            continue
        run = numbers[start:i]
        parts.append(f"{run[0]}–{run[-1]}" if len(run) >= 3 else "、".join(map(str, run)))
        start = i
    return "、".join(parts)


@dataclass(frozen=True, slots=True)
class NumberingProblems:
    """What is wrong with a printed sequence: the index of the first restart, the index of
    the first item after a gap (``None`` when there is none) and the numbers missing."""

    restart_at: int | None
    gap_at: int | None
    missing: list[int]


def numbering_problems(numbers: Sequence[int]) -> NumberingProblems:
    """Restarts (a number not above the one before) and numbers skipped within each run.

    >>> numbering_problems([1, 2, 1, 3])
    NumberingProblems(restart_at=2, gap_at=3, missing=[2])
    """
    restart_at: int | None = None
    gap_at: int | None = None
    missing: set[int] = set()
    expected = 1
    for i, number in enumerate(numbers):
        if i > 0 and number <= numbers[i - 1]:
            restart_at = i if restart_at is None else restart_at
            expected = 1 if number < numbers[i - 1] else number
        if number > expected:
            gap_at = i if gap_at is None else gap_at
            missing.update(range(expected, number))
        expected = number + 1
    return NumberingProblems(restart_at, gap_at, sorted(missing))


def _numbering_findings(
    document: Document,
    numbered: Sequence[tuple[int, Source]],
    scope: str,
    items: str,
    project: Project | None = None,
) -> Iterator[Finding]:
    numbers = [number for number, _ in numbered]
    if numbers == list(range(1, len(numbers) + 1)):
        return
    problems = numbering_problems(numbers)
    shown = (
        "、".join(map(str, numbers)) if problems.restart_at is not None else number_list(numbers)
    )
    if problems.restart_at is not None:
        at = problems.restart_at
        yield make_finding(
            "numbering-restart",
            document,
            project=project,
            source=numbered[at][1],
            scope=scope,
            numbers=shown,
            position=at + 1,
            restart=numbers[at],
            items=items,
        )
    if problems.gap_at is not None:
        yield make_finding(
            "numbering-gap",
            document,
            project=project,
            source=numbered[problems.gap_at][1],
            scope=scope,
            numbers=shown,
            missing=number_list(problems.missing),
            items=items,
        )


@rule(
    "JX.indicator-numbering", ["numbering-restart", "numbering-gap"], "绩效指标编号重新开始或不连续"
)
def check_indicator_numbering(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """Indicator item numbers (``N、``, REFERENCE.md §2.2) of a project must run 1, 2, 3 …
    A restart (``1、2、1、2``: real in three Guangzhou 2023 projects) or a gap means rows were
    merged, dropped or misnumbered. One finding of each kind per project."""
    for project, indicators in indicator_groups(document):
        numbered = [(ind.number, ind.source) for ind in indicators if ind.number is not None]
        if numbered:
            scope = f"项目“{project.name}”的绩效指标编号" if project else "部门整体绩效指标编号"
            yield from _numbering_findings(document, numbered, scope, "指标", project)


def task_sequences(tasks: Sequence[Task]) -> list[tuple[str, list[Task]]]:
    """Numbered tasks split into sequences, each labelled with its first task's group.

    A new sequence starts where the group changes *and* the number is back to 1; a group whose
    numbers carry on (a page break printing ``其他需完成`` / ``任务`` as a new section, real in
    the Jieyang table) continues the sequence before it.
    """
    sequences: list[tuple[str, list[Task]]] = []
    for task in tasks:
        if task.number is None:
            continue
        if not sequences or (task.group != sequences[-1][1][-1].group and task.number == 1):
            sequences.append((task.group, [task]))
        else:
            sequences[-1][1].append(task)
    return sequences


@rule("JX.task-numbering", ["numbering-restart", "numbering-gap"], "工作任务序号重新开始或不连续")
def check_task_numbering(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """Task numbers (序号, REFERENCE.md §2.3) within each task list must run 1, 2, 3 …
    (real: Jieyang 其他需完成任务 1–11, 15, 17, 19–21: tasks 12–14, 16 and 18 are missing)."""
    for group, tasks in task_sequences(document.tasks):
        numbered = [(task.number, task.source) for task in tasks if task.number is not None]
        yield from _numbering_findings(document, numbered, f"“{group}”的序号", "任务")


@rule("RV16.projects", ["project-duplicate"], "同一张表中项目重复列示")
def check_duplicate_projects(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV16 (REFERENCE.md §4, §2.2): the same project name (NFKC, spaces ignored) twice
    under the same 资金使用单位.

    The same name under two different units can be one project funded for each, so it is
    not flagged.
    """
    seen: dict[tuple[str | None, str], list[Project]] = {}
    for project in document.projects:
        seen.setdefault((project.unit, normalize(project.name)), []).append(project)
    for (unit, _), projects in seen.items():
        if len(projects) > 1:
            yield make_finding(
                "project-duplicate",
                document,
                project=projects[1],
                project_name=projects[1].name,
                unit=f"（{unit}）" if unit else "",
                count=len(projects),
                lines=_line_list([p.source for p in projects]),
            )
