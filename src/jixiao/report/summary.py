"""What every report shows about a document: its summary row and the display labels.

Shared by the HTML and XLSX exporters and the CLI, so a document is described the same way
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import BudgetOverview, Document, DocumentKind, Operator, Target
from jixiao.review.finding import Severity
from jixiao.review.runner import DocumentReview

KIND_LABELS: dict[DocumentKind, str] = {
    DocumentKind.DEPARTMENT: "部门整体",
    DocumentKind.PROJECT: "项目",
}
"""Short Chinese name of each document kind."""

TABLE_TITLES: dict[DocumentKind, str] = {
    DocumentKind.DEPARTMENT: "部门整体支出绩效目标表",
    DocumentKind.PROJECT: "项目支出绩效目标表",
}
"""Standard title of each kind of table (REFERENCE.md §2.2, §2.3)."""

OPERATOR_SYMBOLS: dict[Operator, str] = {
    Operator.GE: "≥",
    Operator.GT: "＞",
    Operator.EQ: "＝",
    Operator.LE: "≤",
    Operator.LT: "＜",
    Operator.RANGE: "区间",
}
"""对比符号 as printed in the forms (REFERENCE.md §2.1)."""

QUALITATIVE_SYMBOL = "定性"
"""对比符号 shown for a qualitative (定性) target."""

BudgetBlock = tuple[tuple[str, str], tuple[tuple[str, str], ...]]

BUDGET_BLOCKS: tuple[BudgetBlock, ...] = (
    (
        ("部门预算支出", "收入来源"),
        (("basic_expenditure", "fiscal_appropriation"), ("project_expenditure", "other_funds")),
    ),
    (
        ("事业发展性支出", "按预算级次划分"),
        (
            ("special_funds", "own_level_funds"),
            ("other_development_expenditure", "transfer_funds"),
        ),
    ),
)
"""The 预算整体情况 block as Guangdong forms print it (REFERENCE.md §2.3): two column
pairs under a heading each, holding fields of :data:`~jixiao.model.BUDGET_FIELDS`."""


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the batch summary: file, kind label (部门整体/项目), department, fiscal
    year, number of projects and indicators (三级指标, all projects included) and the number
    of findings per severity."""

    file: str
    kind: str
    department: str | None
    fiscal_year: int | None
    project_count: int
    indicator_count: int
    errors: int
    warnings: int
    infos: int


def summarize(review: DocumentReview) -> DocumentSummary:
    """The summary row of a reviewed document."""
    document = review.document
    return DocumentSummary(
        file=document.file,
        kind=KIND_LABELS[document.kind],
        department=document.department,
        fiscal_year=document.fiscal_year,
        project_count=len(document.projects),
        indicator_count=len(document.all_indicators()),
        errors=review.count(Severity.ERROR),
        warnings=review.count(Severity.WARNING),
        infos=review.count(Severity.INFO),
    )


def document_title(document: Document) -> str:
    """The table's printed title, else one built from department, year and kind."""
    if document.title:
        return document.title
    year = f"{document.fiscal_year}年" if document.fiscal_year else ""
    return f"{document.department or ''}{year}{TABLE_TITLES[document.kind]}"


def target_symbol(target: Target | None) -> str | None:
    """对比符号 of ``target``: ``≥``, ``＞`` … , ``定性`` when qualitative, ``None`` when absent."""
    if target is None:
        return None
    if target.qualitative or target.operator is None:
        return QUALITATIVE_SYMBOL
    return OPERATOR_SYMBOLS[target.operator]


def target_value(target: Target | None) -> Decimal | str | None:
    """指标值 of ``target``: the number (``95`` for 95 %), ``"a–b"`` for a range, the raw
    text for a qualitative target, ``None`` when absent."""
    if target is None:
        return None
    if target.qualitative or target.value is None:
        return target.raw
    if target.operator is Operator.RANGE and target.value_max is not None:
        return f"{target.value}–{target.value_max}"
    return target.value


def budget_blocks(budget: BudgetOverview | None) -> list[BudgetBlock]:
    """The blocks of :data:`BUDGET_BLOCKS` to print: the first always, the others only when
    the table states one of their amounts."""
    if budget is None:
        return []
    return [
        block
        for i, block in enumerate(BUDGET_BLOCKS)
        if i == 0 or any(budget.get(name) is not None for pair in block[1] for name in pair)
    ]
