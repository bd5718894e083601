"""The filled-in 自评表 as a layout-neutral value, shared by the XLSX and HTML renderers.

:func:`build_forms` turns the :class:`~jixiao.scoring.Evaluation` list of one document into
one :class:`SelfEvaluationForm` per table: the 项目支出绩效自评表 of each project, or the
部门整体支出绩效自评表 of a department table (财预〔2020〕10号 annex; REFERENCE.md §2.4, §2.5):

* header: 项目名称 (部门名称), 主管部门, 实施单位, 年度;
* 项目资金（万元）: rows 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金 × columns
  年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 (only the 年度资金总额 row is scored);
* 年度总体目标: 预期目标 (the declared goal) · 实际完成情况 (reported);
* 绩效指标: 一级指标 with its points (``产出指标（50分）``), 二级, 三级, 年度指标值,
  实际完成值, 分值, 得分, 偏差原因分析及改进措施 — rows grouped by 一级 then 二级 so the
  category cells can be merged;
* 总分 and 等级; the department form adds 评价结论, 存在问题, 改进措施 (§2.5, practice);
* :attr:`SelfEvaluationForm.explanations`: every score's rule and arithmetic, for the
  ``计分说明`` sheet / section.

Money is 万元 (amounts converted from the document's unit); points and rates have two
decimals. Nothing here raises on incomplete data: blanks stay ``None`` / ``""``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.actuals import Actuals, IndicatorActual
from jixiao.model import Document, DocumentKind, to_wan_yuan
from jixiao.paths import project_at
from jixiao.scoring import RULES, Evaluation, Grade, RowScore
from jixiao.scoring.decimals import ZERO, fixed2, plain
from jixiao.scoring.render import SCORED_ROW_COLUMNS, flags
from jixiao.scoring.weights import LEVEL1_ORDER, UNGROUPED

PROJECT_FORM_TITLE = "项目支出绩效自评表"
DEPARTMENT_FORM_TITLE = "部门整体支出绩效自评表"
UNCLASSIFIED = "（未分类）"
"""一级指标 shown for rows whose level 1 is unknown."""
NOT_FILLED = "（未填写）"

FUND_LABELS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")
"""Row labels of the 项目资金（万元） block, in form order."""
FUND_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
"""Column headings of the 项目资金（万元） block."""
INDICATOR_COLUMNS = (*SCORED_ROW_COLUMNS, "偏差原因分析及改进措施")
"""Column headings of the 绩效指标 block."""


@dataclass(frozen=True, slots=True)
class FundLine:
    """A row of the 项目资金（万元） block (万元, ``None`` prints blank); ``scored`` marks the
    年度资金总额 row, the only one with 分值, 执行率 (percent) and 得分."""

    label: str
    initial: Decimal | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    weight: Decimal | None = None
    rate_pct: Decimal | None = None
    points: Decimal | None = None
    scored: bool = False


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """A row of the 绩效指标 block: the :class:`RowScore`, the printed category labels
    (``产出指标（50分）``), the merged-cell spans (``n > 0`` starts a cell of ``n`` rows, ``0``
    is covered by the one above) and 偏差原因分析及改进措施 as reported."""

    row: RowScore
    level1_label: str
    level2_label: str
    level1_span: int
    level2_span: int
    reason: str


@dataclass(frozen=True, slots=True)
class ExplanationLine:
    """One score's explanation: ``item`` (三级指标 or ``预算执行率``), points, the rule code
    and its label (the formula), the arithmetic, marks (超额完成, 缺偏差原因) and problems."""

    path: str
    item: str
    weight: Decimal
    score: Decimal
    rule: str
    rule_label: str
    explanation: str
    marks: str
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Narrative:
    """The department form's closing rows: 评价结论, 存在问题, 改进措施."""

    conclusion: str
    problems: str
    measures: str


@dataclass(frozen=True, slots=True)
class SelfEvaluationForm:
    """One filled-in 自评表.

    * ``kind``: project or department form; ``title`` the form's name.
    * ``path``: ``projects/n`` or ``""``; ``name`` 项目名称 (部门名称 for the department).
    * ``supervising_department`` 主管部门, ``implementing_unit`` 实施单位, ``fiscal_year``.
    * ``funds``, ``goal_expected``, ``goal_actual``, ``lines``: the blocks (see module doc).
    * ``total_weight`` (100 when weights add up), ``total``, ``grade``.
    * ``narrative``: 评价结论/存在问题/改进措施 (department forms; ``None`` for projects).
    * ``explanations``: 预算执行率 first, then each row in form order.
    * ``evaluation``: what the form was built from.
    """

    kind: DocumentKind
    title: str
    path: str
    name: str
    supervising_department: str
    implementing_unit: str
    fiscal_year: int | None
    funds: tuple[FundLine, ...]
    goal_expected: str
    goal_actual: str
    lines: tuple[IndicatorLine, ...]
    total_weight: Decimal
    total: Decimal
    grade: Grade
    narrative: Narrative | None
    explanations: tuple[ExplanationLine, ...]
    evaluation: Evaluation

    @property
    def name_label(self) -> str:
        """``项目名称`` or ``部门名称``."""
        return "部门名称" if self.kind is DocumentKind.DEPARTMENT else "项目名称"

    @property
    def funds_label(self) -> str:
        """``项目资金（万元）`` or ``部门资金（万元）``."""
        return "部门资金（万元）" if self.kind is DocumentKind.DEPARTMENT else "项目资金（万元）"

    @property
    def year_label(self) -> str:
        """``（2025年度）``, or ``""`` when the year is unknown."""
        return f"（{self.fiscal_year}年度）" if self.fiscal_year else ""


def build_forms(
    document: Document,
    evaluations: Sequence[Evaluation],
    actuals: Actuals,
    *,
    goal_actuals: Mapping[str, str] | None = None,
    narratives: Mapping[str, Narrative] | None = None,
) -> list[SelfEvaluationForm]:
    """One form per evaluation of ``document`` (from :func:`jixiao.scoring.evaluate_document`).

    ``actuals`` supplies 年初预算数 and the 偏差原因 texts; ``goal_actuals`` maps an item path
    (``""``, ``projects/n``) to its 实际完成情况; ``narratives`` replaces the generated
    评价结论/存在问题/改进措施 of the department form. Raises :class:`KeyError` when an
    evaluation's path is not a project of ``document``.
    """
    goals = goal_actuals or {}
    texts = narratives or {}
    return [
        _form(document, evaluation, actuals, goals.get(evaluation.path, ""), texts)
        for evaluation in evaluations
    ]


def _form(
    document: Document,
    evaluation: Evaluation,
    actuals: Actuals,
    goal_actual: str,
    narratives: Mapping[str, Narrative],
) -> SelfEvaluationForm:
    department = not evaluation.path
    project = None if department else project_at(document, evaluation.path)
    goal = (project.goal if project is not None else document.overall_goal) or ""
    supervising = document.supervising_department or document.department or ""
    lines = tuple(indicator_lines(evaluation, actuals))
    narrative = None
    if department:
        narrative = narratives.get("") or default_narrative(evaluation, actuals)
    return SelfEvaluationForm(
        kind=DocumentKind.DEPARTMENT if department else DocumentKind.PROJECT,
        title=DEPARTMENT_FORM_TITLE if department else PROJECT_FORM_TITLE,
        path=evaluation.path,
        name=evaluation.name,
        supervising_department=supervising,
        implementing_unit=(project.unit if project and project.unit else "") or supervising,
        fiscal_year=document.fiscal_year,
        funds=fund_lines(document, evaluation, actuals),
        goal_expected=goal,
        goal_actual=goal_actual,
        lines=lines,
        total_weight=evaluation.budget.weight + sum((r.weight for r in evaluation.rows), ZERO),
        total=evaluation.total,
        grade=evaluation.grade,
        narrative=narrative,
        explanations=tuple(explanation_lines(evaluation, lines)),
        evaluation=evaluation,
    )


def fund_lines(
    document: Document, evaluation: Evaluation, actuals: Actuals
) -> tuple[FundLine, ...]:
    """The four rows of the 项目资金（万元） block: the scored total and the declared parts
    (年初预算数 only; 上年结转资金 is not declared in a target table)."""
    budget = evaluation.budget
    execution = actuals.for_budget(evaluation.path)
    appropriation, other, total = declared_parts(document, evaluation.path)
    initial = execution.initial_budget if execution and execution.initial_budget else total
    return (
        FundLine(
            FUND_LABELS[0], initial, budget.budget_wan_yuan, budget.executed_wan_yuan,
            budget.weight, budget.rate_pct, budget.points, scored=True,
        ),
        FundLine(FUND_LABELS[1], appropriation),
        FundLine(FUND_LABELS[2]),
        FundLine(FUND_LABELS[3], other),
    )  # fmt: skip


def declared_parts(
    document: Document, path: str
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(财政拨款, 其他资金 incl. 财政专户拨款, 资金总额) of ``path`` in 万元 as declared."""
    unit = document.money_unit
    if path:
        project = project_at(document, path)
        other = _sum(project.other_funds, project.special_account_funds)
        parts = (project.fiscal_appropriation, other, project.amount_total)
    elif document.budget is not None:
        overview = document.budget
        total = _sum(overview.basic_expenditure, overview.project_expenditure)
        if total is None:
            total = _sum(overview.fiscal_appropriation, overview.other_funds)
        parts = (overview.fiscal_appropriation, overview.other_funds, total)
    else:
        parts = (None, None, None)
    appropriation, other, total = (None if p is None else to_wan_yuan(p, unit) for p in parts)
    return appropriation, other, total


def _sum(*amounts: Decimal | None) -> Decimal | None:
    stated = [a for a in amounts if a is not None]
    return sum(stated, ZERO) if stated else None


def indicator_lines(evaluation: Evaluation, actuals: Actuals) -> list[IndicatorLine]:
    """Rows of the 绩效指标 block: grouped by 一级 (产出, 效益, 满意度, 成本, then unknown ones)
    and within it by 二级 in order of first appearance, table order kept inside a group."""
    rows = _form_order(evaluation.rows)
    level1_weights: dict[str, Decimal] = {}
    for row in rows:
        key = row.level1 or UNCLASSIFIED
        level1_weights[key] = level1_weights.get(key, ZERO) + row.weight
    lines = []
    for index, row in enumerate(rows):
        level1 = row.level1 or UNCLASSIFIED
        first1 = index == 0 or rows[index - 1].level1 != row.level1
        first2 = first1 or rows[index - 1].level2 != row.level2
        lines.append(
            IndicatorLine(
                row=row,
                level1_label=f"{level1}（{plain(level1_weights[level1])}分）",
                level2_label=row.level2 or UNGROUPED,
                level1_span=_span(rows, index, lambda r: r.level1) if first1 else 0,
                level2_span=_span(rows, index, lambda r: (r.level1, r.level2)) if first2 else 0,
                reason=reason_text(actuals.for_indicator(row.path)),
            )
        )
    return lines


def _form_order(rows: Sequence[RowScore]) -> list[RowScore]:
    first_group: dict[tuple[str | None, str | None], int] = {}
    for index, row in enumerate(rows):
        first_group.setdefault((row.level1, row.level2), index)

    def key(item: tuple[int, RowScore]) -> tuple[int, int, int]:
        index, row = item
        rank = LEVEL1_ORDER.index(row.level1) if row.level1 in LEVEL1_ORDER else len(LEVEL1_ORDER)
        return rank, first_group[(row.level1, row.level2)], index

    return [row for _, row in sorted(enumerate(rows), key=key)]


def _span(rows: Sequence[RowScore], start: int, key: Callable[[RowScore], object]) -> int:
    value = key(rows[start])
    count = 0
    for row in rows[start:]:
        if key(row) != value:
            break
        count += 1
    return count


def reason_text(actual: IndicatorActual | None) -> str:
    """偏差原因分析及改进措施 as reported: ``经费保障、人员保障：说明`` (or ``""``)."""
    if actual is None:
        return ""
    names = "、".join(r.value for r in actual.reasons)
    text = actual.reason_text.strip()
    return f"{names}：{text}" if names and text else names or text


def explanation_lines(
    evaluation: Evaluation, lines: Sequence[IndicatorLine]
) -> list[ExplanationLine]:
    """预算执行率 first, then every row of ``lines`` in form order."""
    budget = evaluation.budget
    result = [
        ExplanationLine(
            path=budget.path,
            item="预算执行率",
            weight=budget.weight,
            score=budget.points,
            rule="budget-rate",
            rule_label="执行率 = 全年执行数 ÷ 全年预算数；得分 = min(分值, 执行率 × 分值)",
            explanation=budget.explanation,
            marks="缺执行率偏低说明" if budget.explanation_missing else "",
            problems=tuple(p.message for p in budget.problems),
        )
    ]
    for line in lines:
        row = line.row
        rule = RULES.get(row.rule)
        result.append(
            ExplanationLine(
                path=row.path,
                item=row.name,
                weight=row.weight,
                score=row.score,
                rule=row.rule,
                rule_label=rule.label if rule else row.rule,
                explanation=row.explanation,
                marks=flags(row),
                problems=tuple(p.message for p in row.problems),
            )
        )
    return result


def default_narrative(evaluation: Evaluation, actuals: Actuals) -> Narrative:
    """评价结论, 存在问题 and 改进措施 written from the numbers: the total and grade with the
    budget and level-1 points; the rows below full points; the 偏差原因 reported for them."""
    budget = evaluation.budget
    parts = [f"预算执行率得分 {fixed2(budget.points)}/{fixed2(budget.weight)}"]
    parts += [f"{s.name} {fixed2(s.score)}/{fixed2(s.weight)}" for s in evaluation.level1]
    conclusion = (
        f"自评总分 {fixed2(evaluation.total)} 分，等级为“{evaluation.grade.value}”"
        f"（{'，'.join(parts)}）。"
    )
    short = [row for row in evaluation.rows if row.score < row.weight]
    problems = "；".join(
        f"“{row.name}”得分 {fixed2(row.score)}/{fixed2(row.weight)}" for row in short
    )
    if budget.rate_pct is not None and budget.explanation_required:
        problems = "；".join(filter(None, [f"预算执行率 {plain(budget.rate_pct)}% 偏低", problems]))
    measures = "；".join(
        text for row in short if (text := reason_text(actuals.for_indicator(row.path)))
    )
    return Narrative(
        conclusion=conclusion,
        problems=(problems + "。") if problems else "各项指标均得满分。",
        measures=measures or NOT_FILLED,
    )


def points_text(value: Decimal | None) -> str:
    """Points with two decimals (``12.50``), ``""`` for ``None``."""
    return "" if value is None else fixed2(value)


def rate_text(value: Decimal | None) -> str:
    """执行率 as printed: ``94.16%``, ``""`` for ``None``."""
    return "" if value is None else f"{fixed2(value)}%"
