"""适当性 (appropriateness): amounts that must add up (REFERENCE.md §4 RV18, RV19; §2.2, §2.3).

财预〔2015〕88号 asks that the money match the goal (适当性); before that can be judged the
table's own arithmetic has to hold:

* a project's 资金总额 equals 财政拨款 + 财政专户拨款 + 其他资金 (RV18);
* a project table's 合计 and 资金使用单位 subtotal rows equal the sums of their projects;
* a department's expenditure side (基本支出 + 项目支出 + 事业发展性支出) equals its income side
  (财政拨款 + 其他资金), and the budget-level split (本级使用资金 + 拟用于对下转移支付资金) the
  income total (RV19); the funds planned for 年度重点工作任务 fit the non-basic budget (RV19
  "Σ 拟投入 ≤ total");
* no amount is negative.

Amounts are compared as :class:`~decimal.Decimal` in the document's money unit, with the
tolerance ``ReviewConfig.tolerance_wan_yuan`` converted to that unit. :func:`format_money`
and :func:`tolerance` are shared with the cross-document rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from jixiao.model import (
    BUDGET_FIELDS,
    BudgetOverview,
    Document,
    MoneyUnit,
    Project,
    Source,
    SubtotalRow,
)
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import ReviewConfig, finding_type, make_finding, rule

TAGS = ("#appropriateness", "#amounts")
ZERO = Decimal(0)

FUND_COLUMNS: tuple[tuple[str, str], ...] = (
    ("amount_total", "总计"),
    ("fiscal_appropriation", "财政拨款"),
    ("special_account_funds", "财政专户拨款"),
    ("other_funds", "其他资金"),
)
"""Fund columns of a project table (attribute, printed label); the first is the total."""

EXPENDITURE_FIELDS = (
    "basic_expenditure",
    "project_expenditure",
    "special_funds",
    "other_development_expenditure",
)
INCOME_FIELDS = ("fiscal_appropriation", "other_funds")
LEVEL_FIELDS = ("own_level_funds", "transfer_funds")
NON_BASIC_FIELDS = ("project_expenditure", "special_funds", "other_development_expenditure")

finding_type(
    "funds-breakdown-mismatch",
    Severity.ERROR,
    "资金总额与各资金来源之和不符",
    "{row}总计 {total}，而{parts}，相差 {difference}；总计应等于各资金来源之和",
    tags=TAGS,
    reference="REFERENCE.md §4 RV18, §2.2; 财预〔2015〕88号 附件（资金总额 = 财政拨款 + 其他资金）",
)
finding_type(
    "project-table-total-mismatch",
    Severity.ERROR,
    "合计行与各项目之和不符",
    "合计行{column} {stated}，而 {count} 个项目的{column}之和为 {column_sum}，相差 {difference}",
    tags=TAGS,
    reference="REFERENCE.md §4 RV18, §2.2（项目支出绩效目标表 合计行）",
)
finding_type(
    "unit-subtotal-mismatch",
    Severity.ERROR,
    "资金使用单位小计与其项目之和不符",
    "资金使用单位“{unit}”小计行{column} {stated}，而列在该单位下的 {count} 个项目之和为"
    " {column_sum}，相差 {difference}",
    tags=TAGS,
    reference="REFERENCE.md §4 RV18, §2.2（项目名称（资金使用单位）列）",
)
finding_type(
    "unit-subtotals-total-mismatch",
    Severity.ERROR,
    "各资金使用单位小计之和与合计行不符",
    "合计行总计 {stated}，而 {count} 个资金使用单位小计之和为 {column_sum}，相差 {difference}",
    tags=TAGS,
    reference="REFERENCE.md §4 RV18, §2.2",
)
finding_type(
    "budget-expenditure-income-mismatch",
    Severity.WARNING,
    "部门预算支出与收入来源不平衡",
    "部门预算支出为{expenditure}，收入来源为{income}，两者相差 {difference}；请核对预算整体情况",
    tags=TAGS,
    reference="REFERENCE.md §4 RV19, §2.3（广东 2025 预算整体情况）",
)
finding_type(
    "budget-level-split-mismatch",
    Severity.WARNING,
    "按预算级次划分与收入来源合计不符",
    "按预算级次划分为{levels}，收入来源为{income}，两者相差 {difference}",
    tags=TAGS,
    reference="REFERENCE.md §4 RV19, §2.3（本级使用资金、拟用于对下转移支付资金）",
)
finding_type(
    "tasks-exceed-budget",
    Severity.WARNING,
    "重点工作任务拟投入资金超过项目及事业发展性支出",
    "{count} 项工作任务拟投入资金合计 {tasks_total}，超过{non_basic}，"
    "超出 {excess}（部门预算收入合计 {income}）；任务资金应在预算安排之内，"
    "如任务含基本支出请在说明中注明",
    tags=TAGS,
    reference="REFERENCE.md §4 RV19（Σ 拟投入 ≤ 预算）, §2.3（年度重点工作任务）",
)
finding_type(
    "tasks-exceed-project-expenditure",
    Severity.INFO,
    "重点工作任务拟投入资金超过项目支出",
    "{count} 项工作任务拟投入资金合计 {tasks_total}，超过项目支出 {project_expenditure}，"
    "但未超过项目支出与事业发展性支出合计 {non_basic}；请确认任务资金包含{development}",
    tags=TAGS,
    reference="REFERENCE.md §4 RV19, §2.3（年度重点工作任务 拟投入的资金）",
)
finding_type(
    "negative-amount",
    Severity.ERROR,
    "金额为负数",
    "{row}{field}为 {amount}，金额不能为负数",
    tags=TAGS,
    reference="REFERENCE.md §2.2, §2.3（预算金额栏）; jixiao",
)


def format_money(amount: Decimal, unit: MoneyUnit | str) -> str:
    """``Decimal("1484.96")`` → ``"1,484.96 万元"``: thousands separators, two decimals, unit."""
    return f"{amount:,.2f} {unit}"


def tolerance(document: Document, config: ReviewConfig) -> Decimal:
    """``config.tolerance_wan_yuan`` expressed in ``document``'s money unit."""
    if document.money_unit is MoneyUnit.WAN_YUAN:
        return config.tolerance_wan_yuan
    return config.tolerance_wan_yuan * 10000


def row_label(row: Project | SubtotalRow) -> str:
    """How a message names a row: ``项目“…”``, ``合计行`` or ``资金使用单位“…”小计行``."""
    if isinstance(row, Project):
        return f"项目“{row.name}”"
    return "合计行" if row.grand_total else f"资金使用单位“{row.label}”小计行"


def fund_rows(document: Document) -> list[Project | SubtotalRow]:
    """Every project, then every 合计/小计 row: the rows that carry fund columns."""
    rows: list[Project | SubtotalRow] = [*document.projects, *document.subtotals]
    return rows


def _stated_columns(row: Project | SubtotalRow) -> list[tuple[str, Decimal]]:
    """(label, amount) of the stated source-of-funds columns of ``row`` (not 总计)."""
    return [(label, v) for name, label in FUND_COLUMNS[1:] if (v := getattr(row, name)) is not None]


def describe(parts: Sequence[tuple[str, Decimal]], unit: MoneyUnit) -> str:
    """``财政拨款 80.00 万元 + 其他资金 10.00 万元（合计 90.00 万元）``; zero parts are left
    out, and a single part is named without a total."""
    shown = [(label, value) for label, value in parts if value] or list(parts[:1])
    text = " + ".join(f"{label} {format_money(value, unit)}" for label, value in shown)
    if len(shown) > 1:
        text += f"（合计 {format_money(_total(shown), unit)}）"
    return text


def _total(parts: Iterable[tuple[str, Decimal]]) -> Decimal:
    return sum((value for _, value in parts), ZERO)


@rule(
    "RV18.funds",
    ["funds-breakdown-mismatch"],
    "项目（及合计、小计行）的总计应等于所列财政拨款、财政专户拨款、其他资金之和",
)
def check_funds_breakdown(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV18: 资金总额 = 财政拨款 + 财政专户拨款 + 其他资金, for every project and subtotal row.

    Only stated components are added (a project stating only 总计 and 财政拨款 must have them
    equal); a row with no component at all is not checked.
    """
    limit = tolerance(document, config)
    unit = document.money_unit
    for row in fund_rows(document):
        parts = _stated_columns(row)
        if row.amount_total is None or not parts:
            continue
        parts_sum = _total(parts)
        if abs(row.amount_total - parts_sum) > limit:
            yield make_finding(
                "funds-breakdown-mismatch",
                document,
                source=row.source,
                project=row if isinstance(row, Project) else None,
                row=row_label(row),
                total=format_money(row.amount_total, unit),
                parts=describe(parts, unit),
                difference=format_money(abs(row.amount_total - parts_sum), unit),
            )


def _column_mismatches(
    document: Document, config: ReviewConfig, row: SubtotalRow, projects: list[Project]
) -> Iterator[tuple[str, Decimal, Decimal]]:
    """(column label, stated, sum over ``projects``) for each column of ``row`` that is off."""
    limit = tolerance(document, config)
    for name, label in FUND_COLUMNS:
        stated: Decimal | None = getattr(row, name)
        if stated is None:
            continue
        column_sum = sum((getattr(p, name) or ZERO for p in projects), ZERO)
        if abs(stated - column_sum) > limit:
            yield label, stated, column_sum


@rule(
    "RV18.totals",
    ["project-table-total-mismatch"],
    "项目支出绩效目标表合计行各列应等于各项目之和",
)
def check_grand_total(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV18 applied to the 合计 row: each stated column equals the sum over all projects.

    A project with a blank cell counts as 0 in that column (a blank 总计 is reported by
    ``project-amount-missing``).
    """
    total_row = document.grand_total
    if total_row is None or not document.projects:
        return
    unit = document.money_unit
    mismatches = _column_mismatches(document, config, total_row, document.projects)
    for label, stated, column_sum in mismatches:
        yield make_finding(
            "project-table-total-mismatch",
            document,
            source=total_row.source,
            column=label,
            stated=format_money(stated, unit),
            count=len(document.projects),
            column_sum=format_money(column_sum, unit),
            difference=format_money(abs(stated - column_sum), unit),
        )


@rule(
    "RV18.units",
    ["unit-subtotal-mismatch", "unit-subtotals-total-mismatch"],
    "资金使用单位小计行应等于该单位各项目之和，各小计之和应等于合计行",
)
def check_unit_subtotals(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV18 applied to 资金使用单位 subtotal rows (``SubtotalRow.grand_total`` is False).

    A subtotal is compared with the projects whose ``unit`` equals its label; a subtotal no
    project is listed under is skipped (its projects could not be assigned; the 合计 check
    still covers them). The subtotals together must also equal the 合计 row's 总计.
    """
    unit_rows = [row for row in document.subtotals if not row.grand_total]
    unit = document.money_unit
    for row in unit_rows:
        projects = [p for p in document.projects if p.unit == row.label]
        if not projects:
            continue
        for label, stated, column_sum in _column_mismatches(document, config, row, projects):
            yield make_finding(
                "unit-subtotal-mismatch",
                document,
                source=row.source,
                unit=row.label,
                column=label,
                stated=format_money(stated, unit),
                count=len(projects),
                column_sum=format_money(column_sum, unit),
                difference=format_money(abs(stated - column_sum), unit),
            )
    yield from _unit_rows_vs_grand_total(document, config, unit_rows)


def _unit_rows_vs_grand_total(
    document: Document, config: ReviewConfig, unit_rows: list[SubtotalRow]
) -> Iterator[Finding]:
    total_row = document.grand_total
    if total_row is None or total_row.amount_total is None or not unit_rows:
        return
    units_sum = sum((row.amount_total or ZERO for row in unit_rows), ZERO)
    difference = abs(total_row.amount_total - units_sum)
    if difference > tolerance(document, config):
        yield make_finding(
            "unit-subtotals-total-mismatch",
            document,
            source=total_row.source,
            stated=format_money(total_row.amount_total, document.money_unit),
            count=len(unit_rows),
            column_sum=format_money(units_sum, document.money_unit),
            difference=format_money(difference, document.money_unit),
        )


def stated(budget: BudgetOverview, names: Iterable[str]) -> list[tuple[str, Decimal]]:
    """(printed label, amount) of the fields of ``names`` the budget overview states."""
    return [(BUDGET_FIELDS[name], v) for name in names if (v := budget.get(name)) is not None]


def budget_source(budget: BudgetOverview, *names: str) -> Source | None:
    """Source line of the first of ``names`` the budget overview states."""
    return next((budget.sources[n] for n in names if n in budget.sources), None)


@rule(
    "RV19.balance",
    ["budget-expenditure-income-mismatch"],
    "部门预算支出（基本支出 + 项目支出 + 事业发展性支出）应等于收入来源（财政拨款 + 其他资金）",
)
def check_budget_balance(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV19: 基本支出 + 项目支出 (+ 财政专项资金 + 其他事业发展性支出) = 财政拨款 + 其他资金.

    Both real Guangdong 2025 tables balance only with 其他事业发展性支出 added
    (4,436.96 + 667.06 + 132.00 = 5,236.02); the 2023 Jieyang table has no such fields
    (2,725.18 + 160.23 = 2,885.41). Checked when 基本支出, 项目支出 and an income field are stated.
    """
    budget = document.budget
    if budget is None or budget.basic_expenditure is None or budget.project_expenditure is None:
        return
    spending, income = stated(budget, EXPENDITURE_FIELDS), stated(budget, INCOME_FIELDS)
    if not income:
        return
    difference = abs(_total(spending) - _total(income))
    if difference > tolerance(document, config):
        unit = document.money_unit
        yield make_finding(
            "budget-expenditure-income-mismatch",
            document,
            source=budget_source(budget, "basic_expenditure"),
            expenditure=describe(spending, unit),
            income=describe(income, unit),
            difference=format_money(difference, unit),
        )


@rule(
    "RV19.levels",
    ["budget-level-split-mismatch"],
    "按预算级次划分（本级使用资金 + 拟用于对下转移支付资金）应等于收入来源合计",
)
def check_budget_levels(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV19 applied to the Guangdong 2025 按预算级次划分 block (REFERENCE.md §2.3)."""
    budget = document.budget
    if budget is None:
        return
    levels, income = stated(budget, LEVEL_FIELDS), stated(budget, INCOME_FIELDS)
    if not levels or not income:
        return
    difference = abs(_total(levels) - _total(income))
    if difference > tolerance(document, config):
        unit = document.money_unit
        yield make_finding(
            "budget-level-split-mismatch",
            document,
            source=budget_source(budget, *LEVEL_FIELDS),
            levels=describe(levels, unit),
            income=describe(income, unit),
            difference=format_money(difference, unit),
        )


@rule(
    "RV19.tasks",
    ["tasks-exceed-budget", "tasks-exceed-project-expenditure"],
    "工作任务拟投入资金之和不应超过项目支出与事业发展性支出之和",
)
def check_task_funds(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """RV19 "Σ 拟投入 ≤ total": Σ Task.amount (every group) vs the non-basic budget.

    The non-basic budget is 项目支出 + 财政专项资金 + 其他事业发展性支出 (= income − 基本支出
    when the budget balances). Above it: warning (Jieyang 2023: 1,272.17 vs 160.23). Above
    项目支出 alone but within it: info naming both (Yuexiu 754.96 vs 667.06 / 799.06).
    """
    budget = document.budget
    tasks = [task for task in document.tasks if task.amount is not None]
    if budget is None or budget.project_expenditure is None or not tasks:
        return
    tasks_total = sum((task.amount or ZERO for task in tasks), ZERO)
    non_basic_parts = stated(budget, NON_BASIC_FIELDS)
    non_basic, unit = _total(non_basic_parts), document.money_unit
    limit = tolerance(document, config)
    if tasks_total - non_basic > limit:
        yield make_finding(
            "tasks-exceed-budget",
            document,
            source=tasks[0].source,
            count=len(tasks),
            tasks_total=format_money(tasks_total, unit),
            non_basic=describe(non_basic_parts, unit),
            excess=format_money(tasks_total - non_basic, unit),
            income=format_money(_total(stated(budget, INCOME_FIELDS)), unit),
        )
    elif tasks_total - budget.project_expenditure > limit:
        development = [label for label, value in non_basic_parts[1:] if value]
        yield make_finding(
            "tasks-exceed-project-expenditure",
            document,
            source=tasks[0].source,
            count=len(tasks),
            tasks_total=format_money(tasks_total, unit),
            project_expenditure=format_money(budget.project_expenditure, unit),
            non_basic=format_money(non_basic, unit),
            development="、".join(development),
        )


NegativeAmount = tuple[str, str, Decimal, Source | None, Project | None]
"""(row label, field label, amount, source, project) of a negative amount."""


def _negative_amounts(document: Document) -> Iterator[NegativeAmount]:
    for row in fund_rows(document):
        project = row if isinstance(row, Project) else None
        for name, label in FUND_COLUMNS:
            value: Decimal | None = getattr(row, name)
            if value is not None and value < 0:
                yield row_label(row), label, value, row.source, project
    if document.budget is not None:
        for name, label in BUDGET_FIELDS.items():
            value = document.budget.get(name)
            if value is not None and value < 0:
                yield "预算整体情况", label, value, document.budget.sources.get(name), None
    for task in document.tasks:
        if task.amount is not None and task.amount < 0:
            yield f"工作任务“{task.name}”", "拟投入资金", task.amount, task.source, None


@rule("RV18.negative", ["negative-amount"], "项目资金、预算整体情况和任务拟投入资金不得为负数")
def check_negative_amounts(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    """Every amount of a budget table is ≥ 0 (REFERENCE.md §2.2, §2.3); a minus sign is a
    typing or extraction error that would also distort every sum checked by RV18/RV19."""
    for row, field, amount, source, project in _negative_amounts(document):
        yield make_finding(
            "negative-amount",
            document,
            source=source,
            project=project,
            row=row,
            field=field,
            amount=format_money(amount, document.money_unit),
        )
