"""The batch report as one self-contained HTML page (``report.html``).

The page holds a summary table, then per document the table as published (budget, goals,
tasks, indicator grid or projects), its findings by severity and its numbered source text.
Every line of the source has an anchor ``f{document index}-L{line}``; findings and indicator
rows link to it. CSS is inline and nothing is loaded from elsewhere, so the file can be mailed
or printed as it is. All text is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cache

from jinja2 import Environment

from jixiao.model import (
    BUDGET_FIELDS,
    CategoryRow,
    Document,
    Indicator,
    Project,
    SubtotalRow,
)
from jixiao.report.data import ReportData
from jixiao.report.summary import (
    BudgetBlock,
    DocumentSummary,
    budget_blocks,
    document_title,
    summarize,
)
from jixiao.report.templating import template_environment
from jixiao.review.finding import Finding, Severity
from jixiao.review.runner import DocumentReview

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True, slots=True)
class GridRow:
    """A row of an indicator grid (一级/二级/三级/实施周期指标值/年度指标值).

    ``level1_span``/``level2_span`` are HTML rowspans: ``n > 0`` starts a merged cell of
    ``n`` rows, ``0`` means the cell is covered by the one above. ``indicator`` is ``None``
    for a printed category with no 三级指标 under it.
    """

    level1: str
    level2: str
    indicator: Indicator | None
    line: int
    level1_span: int = 1
    level2_span: int = 1


@dataclass(frozen=True, slots=True)
class FundsRow:
    """A row of a project table's funds overview: 合计 (``style == "total"``), a 资金使用单位
    subtotal (``"subtotal"``) or a project (``"project"``, linking to ``anchor``).

    ``amounts`` are 总计, 财政拨款, 财政专户拨款, 其他资金 in the document's money unit.
    """

    label: str
    amounts: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
    line: int
    style: str
    anchor: str | None


@dataclass(slots=True)
class SourceView:
    """Numbered source lines of one file, with the anchors that exist in the page.

    ``cited`` maps a line number to the most severe finding citing it (for highlighting).
    """

    prefix: str
    lines: list[str] | None
    cited: dict[int, Severity] = field(default_factory=dict)

    def anchor(self, line: int | None) -> str | None:
        """``"f0-L12"`` when ``line`` is a line of the shown source, else ``None``."""
        if line is None or self.lines is None or not 1 <= line <= len(self.lines):
            return None
        return f"{self.prefix}-L{line}"


@dataclass(frozen=True, slots=True)
class DocumentView:
    """Everything the template shows for one document; ``anchor_id`` (``f0``, ``f1`` …)
    prefixes every anchor of the document."""

    anchor_id: str
    title: str
    document: Document
    summary: DocumentSummary
    grid: list[GridRow]
    funds_rows: list[FundsRow]
    project_grids: list[tuple[Project, list[GridRow]]]
    budget_blocks: list[BudgetBlock]
    findings: list[tuple[Severity, list[Finding]]]
    source: SourceView


def render_html(data: ReportData, generated_at: datetime | None = None) -> str:
    """The HTML page (a ``str``) for ``data``; ``generated_at`` defaults to now."""
    views = [_document_view(i, review, data) for i, review in enumerate(data.report.reviews)]
    template = _environment().get_template("report.html.j2")
    return template.render(
        views=views,
        reviewed=data.reviewed,
        totals={s: data.report.count(s) for s in _SEVERITIES},
        severities=_SEVERITIES,
        generated_at=(generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        budget_fields=BUDGET_FIELDS,
    )


def render_html_bytes(data: ReportData) -> bytes:
    """:func:`render_html` encoded as UTF-8 (the exporter's output)."""
    return render_html(data).encode("utf-8")


@cache
def _environment() -> Environment:
    return template_environment(money=format_money)


def format_money(amount: Decimal | None) -> str:
    """``Decimal("1485.3")`` → ``"1,485.30"``; ``None`` → ``""``."""
    return "" if amount is None else f"{amount:,.2f}"


def _document_view(index: int, review: DocumentReview, data: ReportData) -> DocumentView:
    document = review.document
    source = SourceView(f"f{index}", data.source_lines(document.file))
    for finding in sorted(review.findings, key=lambda f: f.severity.rank, reverse=True):
        for line in _finding_lines(finding):
            source.cited[line] = finding.severity
    return DocumentView(
        anchor_id=source.prefix,
        title=document_title(document),
        document=document,
        summary=summarize(review),
        grid=grid_rows(document.indicators, document.empty_categories),
        funds_rows=funds_rows(document, source.prefix),
        project_grids=[(p, grid_rows(p.indicators, [])) for p in document.projects],
        budget_blocks=budget_blocks(document.budget),
        findings=[(s, [f for f in review.findings if f.severity is s]) for s in _SEVERITIES],
        source=source,
    )


def _finding_lines(finding: Finding) -> range:
    if finding.source_line is None:
        return range(0)
    end = finding.source_end_line or finding.source_line
    return range(finding.source_line, max(end, finding.source_line) + 1)


def funds_rows(document: Document, prefix: str) -> list[FundsRow]:
    """合计 first, then 资金使用单位 subtotals and projects in source order; project ``i``
    links to the anchor ``{prefix}-p{i}``."""
    rows = [_subtotal_row(row) for row in document.subtotals]
    rows += [_project_row(p, f"{prefix}-p{i}") for i, p in enumerate(document.projects)]
    return sorted(rows, key=lambda r: (r.style != "total", r.line))


def _subtotal_row(row: SubtotalRow) -> FundsRow:
    style = "total" if row.grand_total else "subtotal"
    amounts = (
        row.amount_total,
        row.fiscal_appropriation,
        row.special_account_funds,
        row.other_funds,
    )
    return FundsRow(row.label, amounts, row.source.line, style, None)


def _project_row(project: Project, anchor: str) -> FundsRow:
    amounts = (
        project.amount_total,
        project.fiscal_appropriation,
        project.special_account_funds,
        project.other_funds,
    )
    return FundsRow(project.name, amounts, project.source.line, "project", anchor)


def grid_rows(indicators: list[Indicator], empty: list[CategoryRow]) -> list[GridRow]:
    """Indicators and empty category rows in source order, with 一级/二级 rowspans."""
    rows = [_indicator_row(i) for i in indicators]
    rows += [GridRow(c.level1 or "", c.level2 or "", None, c.source.line) for c in empty]
    rows.sort(key=lambda r: r.line)
    return _with_spans(rows)


def _indicator_row(indicator: Indicator) -> GridRow:
    level1 = indicator.level1_as_written or indicator.level1 or ""
    level2 = indicator.level2_as_written or indicator.level2 or ""
    return GridRow(level1, level2, indicator, indicator.source.line)


def _with_spans(rows: list[GridRow]) -> list[GridRow]:
    spans1 = _run_lengths([r.level1 for r in rows])
    spans2 = _run_lengths([(r.level1, r.level2) for r in rows])
    return [
        GridRow(r.level1, r.level2, r.indicator, r.line, s1, s2)
        for r, s1, s2 in zip(rows, spans1, spans2, strict=True)
    ]


def _run_lengths(keys: list[object]) -> list[int]:
    """For each item: the length of the run of equal keys it starts, 0 inside a run."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans
