"""Terminal rendering of a review: the per-document summary table and the findings."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.report import summarize
from jixiao.review.finding import Finding, Severity
from jixiao.review.runner import ReviewReport

SEVERITY_STYLES: dict[Severity, str] = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


def summary_table(report: ReviewReport) -> Table:
    """文件, 类型, 部门, 年度, 项目, 指标, 错误, 警告, 提示 — one row per document."""
    table = Table(title="审核汇总", title_justify="left")
    for header in ("文件", "类型", "部门", "年度"):
        table.add_column(header)
    for header in ("项目", "指标", "错误", "警告", "提示"):
        table.add_column(header, justify="right")
    for review in report.reviews:
        s = summarize(review)
        table.add_row(
            Text(s.file),
            s.kind,
            Text(s.department or ""),
            str(s.fiscal_year or ""),
            str(s.project_count),
            str(s.indicator_count),
            Text(str(s.errors), style=SEVERITY_STYLES[Severity.ERROR] if s.errors else ""),
            Text(str(s.warnings), style=SEVERITY_STYLES[Severity.WARNING] if s.warnings else ""),
            str(s.infos),
        )
    return table


def finding_line(finding: Finding) -> Text:
    """``file:line: 错误 [code] message`` as styled text (messages name project and
    indicator themselves)."""
    location = (
        finding.file if finding.source_line is None else f"{finding.file}:{finding.source_line}"
    )
    line = Text(f"{location}: ")
    line.append(finding.severity.label, style=SEVERITY_STYLES[finding.severity])
    line.append(f" [{finding.code}] ", style="dim")
    line.append(finding.message)
    return line


def print_review(out: Console, report: ReviewReport) -> None:
    """Every finding grouped by document (most severe first), then the summary table and
    the totals, so the overview is what stays on screen."""
    for review in report.reviews:
        if review.findings:
            out.print()
            out.print(Text(review.document.file, style="bold"))
            for finding in review.findings:
                out.print(finding_line(finding), soft_wrap=True)
    counts = {s: report.count(s) for s in SEVERITY_STYLES}
    out.print()
    out.print(summary_table(report))
    out.print(
        Text(
            f"共 {len(report.reviews)} 份文件：错误 {counts[Severity.ERROR]} 条，"
            f"警告 {counts[Severity.WARNING]} 条，提示 {counts[Severity.INFO]} 条"
        )
    )
