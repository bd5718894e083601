"""Exporter registry: every output format under a short name (``html``, ``xlsx``, ``json``).

CLI choices (``jixiao export --format``) derive from :data:`EXPORTERS`; a new format is one
module and one entry. :func:`write_review_outputs` writes the fixed set of files of
``jixiao review -o DIR``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.report.data import ReportData
from jixiao.report.html import render_html_bytes
from jixiao.report.jsonout import render_canonical, render_documents, render_findings
from jixiao.report.xlsx import render_xlsx

Render = Callable[[ReportData], bytes]


@dataclass(frozen=True, slots=True)
class Exporter:
    """An output format: short ``name``, Chinese ``description``, file ``suffix``, whether
    the output is ``binary`` (not for a terminal) and ``render(data) -> bytes``."""

    name: str
    description: str
    suffix: str
    binary: bool
    render: Render


EXPORTERS: dict[str, Exporter] = {
    "html": Exporter(
        "html", "HTML 审核报告（单个自包含网页，可打印）", ".html", False, render_html_bytes
    ),
    "xlsx": Exporter("xlsx", "Excel 工作簿（按标准绩效目标表排版）", ".xlsx", True, render_xlsx),
    "json": Exporter(
        "json", "规范 JSON 文档（schema/document.schema.json）", ".json", False, render_canonical
    ),
}
"""Every exporter, keyed by name."""

REVIEW_OUTPUTS: dict[str, Render] = {
    "report.html": render_html_bytes,
    "report.xlsx": render_xlsx,
    "findings.json": render_findings,
    "documents.json": render_documents,
}
"""Files written by ``jixiao review -o DIR``: name → renderer."""


def write_review_outputs(data: ReportData, directory: Path) -> list[Path]:
    """Write :data:`REVIEW_OUTPUTS` into ``directory`` (created if missing); return the paths.

    Raises ``OSError`` when the directory cannot be created or written.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, render in REVIEW_OUTPUTS.items():
        path = directory / name
        path.write_bytes(render(data))
        written.append(path)
    return written
