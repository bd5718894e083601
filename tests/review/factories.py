"""Small builders of model objects for review-rule tests (no importer needed).

Amounts may be given as ``str``, ``int`` or ``Decimal`` and become ``Decimal``. Targets given
as text become a qualitative :class:`Target` with that ``raw`` text; build quantitative ones
with :func:`make_target`. Every builder takes a ``line`` so findings can be located.
Stable API: ``make_indicator``, ``make_target``, ``make_project``, ``make_subtotal``,
``make_task``, ``make_budget``, ``make_department_doc``, ``make_project_doc``,
``complete_indicators``; and ``run_rule``, ``run_collection_rule``, ``codes`` to run one
registered rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from jixiao.model import (
    BudgetOverview,
    CategoryRow,
    Document,
    DocumentKind,
    ImportIssue,
    Indicator,
    MoneyUnit,
    Operator,
    Project,
    Source,
    SubtotalRow,
    Target,
    Task,
)
from jixiao.review.finding import Finding
from jixiao.review.registry import RULES, CollectionCheck, DocumentCheck, ReviewConfig
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION

Amount = str | int | Decimal | None


def dec(amount: Amount) -> Decimal | None:
    """``amount`` as ``Decimal`` (``None`` stays ``None``)."""
    return None if amount is None else Decimal(amount)


def make_source(line: int = 1, text: str = "", file: str = "test.txt") -> Source:
    """A one-line source."""
    return Source(file=file, line=line, end_line=line, text=text)


def make_target(
    raw: str,
    operator: Operator | None = None,
    value: Amount = None,
    unit: str | None = None,
) -> Target:
    """A target; quantitative when ``value`` is given (``make_target("≥90%", Operator.GE,
    90, "%")``), else qualitative."""
    if value is None:
        return Target(raw=raw)
    return Target(raw=raw, operator=operator, value=dec(value), unit=unit, qualitative=False)


def _target(target: str | Target | None) -> Target | None:
    return Target(raw=target) if isinstance(target, str) else target


def make_indicator(
    name: str,
    level1: str | None = OUTPUT,
    level2: str | None = "数量指标",
    annual: str | Target | None = None,
    period: str | Target | None = None,
    line: int = 1,
) -> Indicator:
    """A 三级指标 with canonical (and as-written) categories ``level1``/``level2``."""
    return Indicator(
        name=name,
        source=make_source(line, name),
        level1=level1,
        level2=level2,
        level1_as_written=level1,
        level2_as_written=level2,
        annual_target=_target(annual),
        period_target=_target(period),
    )


def complete_indicators(line: int = 10) -> list[Indicator]:
    """One indicator under each of 产出, 效益 and 满意度, with annual targets."""
    return [
        make_indicator("服务人次", OUTPUT, "数量指标", annual="≥100", line=line),
        make_indicator(
            "群众法律意识提升", BENEFIT, "社会效益指标", annual="明显提升", line=line + 1
        ),
        make_indicator(
            "服务对象满意度", SATISFACTION, "服务对象满意度指标", annual="≥90%", line=line + 2
        ),
    ]


def make_project(
    name: str = "测试项目",
    amount_total: Amount = "100.00",
    fiscal_appropriation: Amount = "100.00",
    special_account_funds: Amount = None,
    other_funds: Amount = None,
    goal: str | None = "完成年度工作任务。",
    indicators: Sequence[Indicator] | None = None,
    unit: str | None = None,
    line: int = 1,
) -> Project:
    """A project row; ``indicators`` defaults to :func:`complete_indicators`."""
    return Project(
        name=name,
        source=make_source(line, name),
        unit=unit,
        amount_total=dec(amount_total),
        fiscal_appropriation=dec(fiscal_appropriation),
        special_account_funds=dec(special_account_funds),
        other_funds=dec(other_funds),
        goal=goal,
        indicators=list(complete_indicators(line + 1) if indicators is None else indicators),
    )


def make_subtotal(
    label: str = "合计",
    amount_total: Amount = None,
    fiscal_appropriation: Amount = None,
    grand_total: bool = True,
    line: int = 1,
) -> SubtotalRow:
    """A 合计 row (``grand_total``) or a 资金使用单位 subtotal row."""
    return SubtotalRow(
        label=label,
        source=make_source(line, label),
        grand_total=grand_total,
        amount_total=dec(amount_total),
        fiscal_appropriation=dec(fiscal_appropriation),
    )


def make_task(name: str, amount: Amount, line: int = 1, group: str = "年度重点工作任务") -> Task:
    """A 年度重点工作任务 row with 拟投入的资金 ``amount``."""
    return Task(name=name, source=make_source(line, name), group=group, amount=dec(amount))


def make_budget(line: int = 5, **amounts: Amount) -> BudgetOverview:
    """A 预算整体情况 with the given fields (keys of ``BUDGET_FIELDS``), each on its own line."""
    budget = BudgetOverview()
    for offset, (name, amount) in enumerate(amounts.items()):
        setattr(budget, name, dec(amount))
        budget.sources[name] = make_source(line + offset, f"{name} {amount}")
    return budget


def make_department_doc(
    department: str | None = "测试局",
    fiscal_year: int | None = 2025,
    budget: BudgetOverview | None = None,
    overall_goal: str | None = "全面履行部门职责。",
    tasks: Sequence[Task] = (),
    indicators: Sequence[Indicator] | None = None,
    empty_categories: Sequence[CategoryRow] = (),
    issues: Sequence[ImportIssue] = (),
    file: str = "department.txt",
    department_as_written: str | None = None,
    money_unit: MoneyUnit = MoneyUnit.WAN_YUAN,
) -> Document:
    """A 部门整体 table; ``budget`` defaults to a balanced 100 + 100 = 200 万元 budget (项目支出 = the 合计 of
    :func:`make_project_doc`) and
    ``indicators`` to :func:`complete_indicators`."""
    if budget is None:
        budget = make_budget(
            basic_expenditure=100, project_expenditure=100, fiscal_appropriation=200
        )
    return Document(
        kind=DocumentKind.DEPARTMENT,
        file=file,
        department=department,
        department_as_written=department_as_written or department,
        fiscal_year=fiscal_year,
        money_unit=money_unit,
        budget=budget,
        overall_goal=overall_goal,
        tasks=list(tasks),
        indicators=list(complete_indicators(20) if indicators is None else indicators),
        empty_categories=list(empty_categories),
        issues=list(issues),
    )


def make_project_doc(
    department: str | None = "测试局",
    fiscal_year: int | None = 2025,
    projects: Sequence[Project] | None = None,
    subtotals: Sequence[SubtotalRow] | None = None,
    issues: Sequence[ImportIssue] = (),
    file: str = "projects.txt",
    department_as_written: str | None = None,
    money_unit: MoneyUnit = MoneyUnit.WAN_YUAN,
) -> Document:
    """A 项目支出 table; defaults to one 100 万元 project and a matching 合计 row."""
    if projects is None:
        projects = [make_project(line=3)]
    if subtotals is None:
        subtotals = [make_subtotal("合计", "100.00", "100.00", line=2)]
    return Document(
        kind=DocumentKind.PROJECT,
        file=file,
        department=department,
        department_as_written=department_as_written or department,
        fiscal_year=fiscal_year,
        money_unit=money_unit,
        projects=list(projects),
        subtotals=list(subtotals),
        issues=list(issues),
    )


def run_rule(rule_id: str, document: Document, config: ReviewConfig | None = None) -> list[Finding]:
    """Findings of the registered document rule ``rule_id`` on ``document`` (the rule's module
    must have been imported)."""
    check = cast(DocumentCheck, RULES[rule_id].check)
    return list(check(document, config or ReviewConfig()))


def run_collection_rule(
    rule_id: str, documents: Sequence[Document], config: ReviewConfig | None = None
) -> list[Finding]:
    """Findings of the registered collection rule ``rule_id`` on ``documents``."""
    check = cast(CollectionCheck, RULES[rule_id].check)
    return list(check(documents, config or ReviewConfig()))


def codes(findings: Sequence[Finding]) -> list[str]:
    """The codes of ``findings``, in order."""
    return [finding.code for finding in findings]
