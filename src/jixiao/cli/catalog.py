"""``jixiao rules`` and ``jixiao layouts``: what the registries hold."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from jixiao.cli.common import console
from jixiao.ingest.registry import IMPORTERS, detect
from jixiao.report.summary import KIND_LABELS
from jixiao.review.registry import CATALOGUE
from jixiao.review.runner import load_rules


def rules_command() -> None:
    """列出已注册的审核规则及其审核意见代码和严重程度。"""
    rules = load_rules()
    out = console()
    if not rules:
        out.print("尚未注册任何审核规则。")
        return
    table = Table(title="审核规则", title_justify="left")
    for header in ("规则", "类别", "代码", "严重程度"):
        table.add_column(header, no_wrap=True)
    table.add_column("说明", overflow="fold")
    for rule in sorted(rules.values(), key=lambda r: r.id):
        codes = "\n".join(rule.codes)
        severities = "\n".join(
            CATALOGUE[code].severity.label if code in CATALOGUE else "?" for code in rule.codes
        )
        table.add_row(rule.id, rule.family, codes, severities, Text(rule.summary))
    out.print(table)


def layouts_command() -> None:
    """列出已注册的表格版式（导入器）。"""
    detect("")  # loads the built-in importers into the registry
    table = Table(title="表格版式", title_justify="left")
    for header in ("名称", "类型", "说明"):
        table.add_column(header)
    for importer in IMPORTERS.values():
        table.add_row(importer.name, KIND_LABELS[importer.kind], Text(importer.description))
    console().print(table)
