"""Section labels and budget labels shared by the department-level importers."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.ingest.common import Line, clean_department, find_year, parse_amount, source_of
from jixiao.model import BudgetOverview, Document

BUDGET_LABELS: dict[str, str] = {
    "基本支出": "basic_expenditure",
    "项目支出": "project_expenditure",
    "财政拨款": "fiscal_appropriation",
    "其他资金": "other_funds",
    "财政专项资金": "special_funds",
    "其他事业发展性支出": "other_development_expenditure",
    "拟用于对下转移支付资金": "transfer_funds",
    "对下转移支付资金": "transfer_funds",
}
"""Printed 预算整体情况 labels → :class:`~jixiao.model.BudgetOverview` fields.
``X本级使用资金`` (区本级, 市本级 …) maps to ``own_level_funds``."""

GOAL = "goal"
TASKS = "tasks"
OTHER_TASKS = "other_tasks"
INDICATORS = "indicators"
BUDGET = "budget"
INFO = "info"
NAME = "name"

_COMPACT = re.compile(r"\s+")


def compact(text: str) -> str:
    """``text`` without white space (labels are compared in this form)."""
    return _COMPACT.sub("", text)


def section_of(label: str) -> str | None:
    """The section a first-column label opens, or ``None`` for a label that opens none."""
    label = compact(label)
    if label in {"部门名称", "单位名称"}:
        return NAME
    if label == "基本信息":
        return INFO
    if label.startswith("预算整体情况"):
        return BUDGET
    if label in {"总体绩效目标", "年度总体目标", "部门整体绩效目标", "整体绩效目标"}:
        return GOAL
    if label in {"年度重点工作任务", "年度主要任务", "重点工作任务"}:
        return TASKS
    if label.startswith("其他需完成"):
        return OTHER_TASKS
    if label.endswith("绩效指标") and "级" not in label:
        return INDICATORS
    return None


def budget_field(label: str) -> str | None:
    """The budget field a printed label names (``区本级使用资金`` → ``own_level_funds``)."""
    label = compact(label)
    if label in BUDGET_LABELS:
        return BUDGET_LABELS[label]
    if label.endswith("本级使用资金"):
        return "own_level_funds"
    return None


def set_budget(document: Document, field: str, value: Decimal, line: Line) -> None:
    """Record budget ``field`` = ``value`` read on ``line`` (first value wins)."""
    if document.budget is None:
        document.budget = BudgetOverview()
    if document.budget.get(field) is None:
        setattr(document.budget, field, value)
        document.budget.sources[field] = source_of(document.file, [line])


def read_budget_cells(document: Document, cells: list[str], line: Line) -> None:
    """Read ``label amount`` pairs from the cells (or tokens) of a budget row."""
    for index, cell in enumerate(cells):
        field = budget_field(cell)
        if field is None:
            continue
        for following in cells[index + 1 :]:
            if not following:
                continue
            amount = parse_amount(following)
            if amount is not None:
                set_budget(document, field, amount, line)
            break


def set_department(document: Document, written: str) -> None:
    """Set the department name from the printed text (decorations removed)."""
    document.department_as_written = written
    document.department = clean_department(written)


def set_title(document: Document, text: str) -> None:
    """Take ``text`` as the title and read the fiscal year from it."""
    document.title = text
    document.fiscal_year = document.fiscal_year or find_year(text)


def task_group(section: str, label: str) -> str:
    """The group name a task is listed under, as the form prints it."""
    return "年度重点工作任务" if section == TASKS else "其他需完成任务"
