"""The official table layouts: 部门整体支出绩效目标表 and 项目支出绩效目标表, as rows.

* :func:`department_table`: header, 预算整体情况 (万元), 总体绩效目标, 年度重点工作任务 with
  拟投入的资金, and the indicator grid with merged 一级/二级指标 cells (``rowspan``);
* :func:`project_table`: the 合计 rows, then one block per project (项目名称, 资金总额/财政拨款/
  财政专户拨款/其他资金, 绩效目标, indicator rows with 实施周期指标值 and 年度指标值).

Each row carries the findings and comments shown beside it (:class:`~.notes.ItemNotes`).
Amounts are in 万元, converted from the document's ``money_unit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import BUDGET_FIELDS, Document, Indicator, MoneyUnit, Project, Target, to_wan_yuan
from jixiao.paths import project_path
from jixiao.targets import format_target
from web.declarations.presentation.notes import ItemNotes, Notes, anchor

UNCATEGORISED = "（未填写）"
"""Shown in a 一级/二级指标 cell the table leaves blank."""


def wan_yuan(amount: Decimal | None, unit: MoneyUnit = MoneyUnit.WAN_YUAN) -> str:
    """``amount`` (in ``unit``) written in 万元: ``Decimal("4855.11")`` → ``"4,855.11"``; ``None`` → ``""``."""
    if amount is None:
        return ""
    return f"{to_wan_yuan(amount, unit):,.2f}"


# --- indicator grid -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A merged category cell: its text and how many rows it spans (``rowspan``)."""

    text: str
    rowspan: int


@dataclass(frozen=True, slots=True)
class TargetCell:
    """A 指标值 as published (``raw``) and as understood (``reading``, e.g. ``≥ 95 %``)."""

    raw: str
    reading: str


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One row of an indicator grid: a 三级指标, or a printed category without one (``empty``).

    ``level1``/``level2`` are ``None`` on rows whose category cell is merged into the row
    above (the first row of a run carries the :class:`Span`).
    """

    path: str
    name: str
    number: int | None
    level1: Span | None
    level2: Span | None
    period: TargetCell | None
    annual: TargetCell | None
    explanation: str
    notes: ItemNotes
    empty: bool = False

    @property
    def anchor(self) -> str:
        return anchor(self.path)


@dataclass(frozen=True, slots=True)
class _GridLine:
    path: str
    level1: str
    level2: str
    indicator: Indicator | None
    line: int


def _category_texts(indicator: Indicator) -> tuple[str, str]:
    """The 一级/二级 texts as the table prints them (``2-效益指标``), else their canonical names."""
    level1 = indicator.level1_as_written or indicator.level1 or UNCATEGORISED
    level2 = indicator.level2_as_written or indicator.level2 or UNCATEGORISED
    return level1, level2


def _target_cell(target: Target | None) -> TargetCell | None:
    return None if target is None else TargetCell(target.raw, format_target(target))


def _spans(texts: Sequence[str], starts: Sequence[bool]) -> list[Span | None]:
    """Merge runs of equal consecutive ``texts``; a run also ends where ``starts`` is true."""
    spans: list[Span | None] = [None] * len(texts)
    first = 0
    for i in range(1, len(texts) + 1):
        if i == len(texts) or texts[i] != texts[first] or starts[i]:
            spans[first] = Span(texts[first], i - first)
            first = i
    return spans


def indicator_rows(lines: Sequence[_GridLine], notes: Notes) -> list[IndicatorRow]:
    """Rows of an indicator grid, 一级 cells merged over equal runs and 二级 cells within them."""
    level1 = _spans([x.level1 for x in lines], [False] * len(lines))
    level1_starts = [span is not None for span in level1]
    level2 = _spans([x.level2 for x in lines], level1_starts)
    rows = []
    for line, span1, span2 in zip(lines, level1, level2, strict=True):
        indicator = line.indicator
        rows.append(
            IndicatorRow(
                path=line.path,
                name=indicator.name if indicator else "",
                number=indicator.number if indicator else None,
                level1=span1,
                level2=span2,
                period=_target_cell(indicator.period_target) if indicator else None,
                annual=_target_cell(indicator.annual_target) if indicator else None,
                explanation=(indicator.explanation or "") if indicator else "",
                notes=notes.at(line.path),
                empty=indicator is None,
            )
        )
    return rows


def _department_grid(document: Document) -> list[_GridLine]:
    """Department indicators and the printed empty category rows, in table (source line) order."""
    lines = [
        _GridLine(f"indicators/{i}", *_category_texts(x), x, x.source.line)
        for i, x in enumerate(document.indicators)
    ]
    lines += [
        _GridLine(
            f"empty_categories/{i}",
            row.level1 or UNCATEGORISED,
            row.level2 or UNCATEGORISED,
            None,
            row.source.line,
        )
        for i, row in enumerate(document.empty_categories)
    ]
    return sorted(lines, key=lambda x: x.line)  # stable: equal lines keep indicators first


def _project_grid(project: Project, base: str) -> list[_GridLine]:
    return [
        _GridLine(f"{base}/indicators/{i}", *_category_texts(x), x, x.source.line)
        for i, x in enumerate(project.indicators)
    ]


@dataclass(frozen=True, slots=True)
class GridColumns:
    """Which optional columns an indicator grid prints."""

    level2: bool
    explanation: bool
    period: bool

    @property
    def total(self) -> int:
        """All columns: 一级, [二级], 三级, [解释], [实施周期指标值], 年度指标值, 审核发现与意见."""
        return 4 + self.level2 + self.explanation + self.period

    @property
    def inner(self) -> int:
        """Columns between the first (一级指标) and the last (notes): a project's head rows span them."""
        return self.total - 2

    @property
    def values(self) -> int:
        """Columns right of the categories up to the notes (an empty category row spans them)."""
        return 2 + self.explanation + self.period


def grid_columns(indicators: Sequence[Indicator]) -> GridColumns:
    """A column is printed when at least one indicator fills it (2023 project tables have no
    二级指标, only some tables give 三级指标解释 or 实施周期指标值)."""
    return GridColumns(
        level2=any(x.level2 or x.level2_as_written for x in indicators),
        explanation=any(x.explanation for x in indicators),
        period=any(x.period_target is not None for x in indicators),
    )


# --- department table -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    """A labelled amount in 万元 (``text`` empty when the table does not state it)."""

    field: str
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A 年度重点工作任务 row; ``group`` is the merged section cell (``其他需完成任务`` …)."""

    path: str
    group: Span | None
    number: int | None
    name: str
    content: str
    amount: str
    expected_outcome: str
    notes: ItemNotes

    @property
    def anchor(self) -> str:
        return anchor(self.path)


@dataclass(frozen=True, slots=True)
class TaskColumns:
    """Optional columns of the task table: 序号 and 期望达到的目标, printed when some task has one."""

    numbered: bool
    outcomes: bool

    @property
    def label_span(self) -> int:
        """Columns the 合计 label spans: 任务类别, [序号], 任务名称, 主要实施内容."""
        return 3 + self.numbered

    @property
    def trailing(self) -> int:
        """Columns right of the amount: [期望达到的目标], 审核发现与意见."""
        return 1 + self.outcomes


@dataclass(frozen=True, slots=True)
class DepartmentTable:
    """The 部门整体支出绩效目标表 of one document, ready to render."""

    header: list[tuple[str, str]]
    budget: list[tuple[Amount, Amount]]
    budget_notes: ItemNotes
    overall_goal: str
    overall_goal_notes: ItemNotes
    tasks: list[TaskRow]
    task_columns: TaskColumns
    tasks_total: str
    indicators: list[IndicatorRow]
    columns: GridColumns
    notes_text: list[str]

    @property
    def indicator_count(self) -> int:
        return sum(1 for row in self.indicators if not row.empty)


BUDGET_LAYOUT: tuple[tuple[str, str], ...] = (
    ("basic_expenditure", "fiscal_appropriation"),
    ("project_expenditure", "other_funds"),
    ("special_funds", "own_level_funds"),
    ("other_development_expenditure", "transfer_funds"),
)
"""The 预算整体情况 block of the Guangdong form, two label/amount pairs per line."""


def header_fields(document: Document, fiscal_year: int | None = None) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of the table head that the document states (部门名称, 预算年度 …)."""
    year = fiscal_year or document.fiscal_year
    pairs = [
        ("部门名称", document.department_as_written or document.department or ""),
        ("预算年度", f"{year}年" if year else ""),
        ("主管部门", document.supervising_department or ""),
        ("财政供养人员数", "" if document.staff_count is None else str(document.staff_count)),
        (
            "下属二级单位数",
            "" if document.subordinate_unit_count is None else str(document.subordinate_unit_count),
        ),
    ]
    return [(label, value) for label, value in pairs if value] + [("金额单位", "万元")]


def budget_rows(document: Document) -> list[tuple[Amount, Amount]]:
    """The lines of the 预算整体情况 block that state at least one amount."""
    budget = document.budget
    if budget is None:
        return []

    def amount(name: str) -> Amount:
        return Amount(name, BUDGET_FIELDS[name], wan_yuan(budget.get(name), document.money_unit))

    rows = [(amount(left), amount(right)) for left, right in BUDGET_LAYOUT]
    return [(left, right) for left, right in rows if left.text or right.text]


def task_rows(document: Document, notes: Notes) -> list[TaskRow]:
    """The task rows, the section cell merged over each run of the same ``group``."""
    groups = _spans([task.group for task in document.tasks], [False] * len(document.tasks))
    unit = document.money_unit
    return [
        TaskRow(
            path=f"tasks/{i}",
            group=group,
            number=task.number,
            name=task.name,
            content=task.content or "",
            amount=wan_yuan(task.amount, unit),
            expected_outcome=task.expected_outcome or "",
            notes=notes.at(f"tasks/{i}"),
        )
        for i, (task, group) in enumerate(zip(document.tasks, groups, strict=True))
    ]


def department_table(
    document: Document, notes: Notes, fiscal_year: int | None = None
) -> DepartmentTable:
    """The 部门整体支出绩效目标表 of ``document`` (``kind == "department"``)."""
    amounts = [task.amount for task in document.tasks if task.amount is not None]
    return DepartmentTable(
        header=header_fields(document, fiscal_year),
        budget=budget_rows(document),
        budget_notes=notes.at("budget"),
        overall_goal=document.overall_goal or "",
        overall_goal_notes=notes.at("overall_goal"),
        tasks=task_rows(document, notes),
        task_columns=TaskColumns(
            numbered=any(task.number is not None for task in document.tasks),
            outcomes=any(task.expected_outcome for task in document.tasks),
        ),
        tasks_total=wan_yuan(sum(amounts, Decimal(0)), document.money_unit) if amounts else "",
        indicators=indicator_rows(_department_grid(document), notes),
        columns=grid_columns(document.indicators),
        notes_text=list(document.notes),
    )


# --- project table --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectBlock:
    """One project of a 项目支出绩效目标表: funds (万元), 绩效目标 and its indicator rows."""

    path: str
    number: int
    name: str
    unit: str
    amount_total: str
    fiscal_appropriation: str
    special_account_funds: str
    other_funds: str
    goal: str
    remarks: list[str]
    notes: ItemNotes
    indicators: list[IndicatorRow]

    @property
    def anchor(self) -> str:
        return anchor(self.path)


@dataclass(frozen=True, slots=True)
class FundsRow:
    """A 合计 or 资金使用单位 subtotal line (amounts in 万元)."""

    label: str
    grand_total: bool
    amount_total: str
    fiscal_appropriation: str
    special_account_funds: str
    other_funds: str


@dataclass(frozen=True, slots=True)
class ProjectTable:
    """The 项目支出绩效目标表 of one document, ready to render."""

    header: list[tuple[str, str]]
    totals: list[FundsRow]
    projects: list[ProjectBlock]
    columns: GridColumns
    notes_text: list[str]

    @property
    def indicator_count(self) -> int:
        return sum(len(block.indicators) for block in self.projects)


def project_blocks(document: Document, notes: Notes) -> list[ProjectBlock]:
    """One block per project, in table order."""
    unit = document.money_unit
    blocks = []
    for p, project in enumerate(document.projects):
        base = project_path(p)
        blocks.append(
            ProjectBlock(
                path=base,
                number=p + 1,
                name=project.name,
                unit=project.unit or "",
                amount_total=wan_yuan(project.amount_total, unit),
                fiscal_appropriation=wan_yuan(project.fiscal_appropriation, unit),
                special_account_funds=wan_yuan(project.special_account_funds, unit),
                other_funds=wan_yuan(project.other_funds, unit),
                goal=project.goal or "",
                remarks=list(project.notes),
                notes=notes.at(base),
                indicators=indicator_rows(_project_grid(project, base), notes),
            )
        )
    return blocks


def project_table(document: Document, notes: Notes, fiscal_year: int | None = None) -> ProjectTable:
    """The 项目支出绩效目标表 of ``document`` (``kind == "project"``)."""
    unit = document.money_unit
    totals = [
        FundsRow(
            row.label,
            row.grand_total,
            wan_yuan(row.amount_total, unit),
            wan_yuan(row.fiscal_appropriation, unit),
            wan_yuan(row.special_account_funds, unit),
            wan_yuan(row.other_funds, unit),
        )
        for row in document.subtotals
    ]
    return ProjectTable(
        header=header_fields(document, fiscal_year),
        totals=totals,
        projects=project_blocks(document, notes),
        columns=grid_columns(document.all_indicators()),
        notes_text=list(document.notes),
    )
