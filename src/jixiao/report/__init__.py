"""Reports on reviewed documents: HTML, XLSX and JSON, each registered as an exporter.

* :data:`EXPORTERS` — output formats by short name; CLI choices derive from it.
* :class:`ReportData` — what every exporter renders: a review report plus source texts.
* :func:`write_review_outputs` — ``report.html``, ``report.xlsx``, ``findings.json`` and
  ``documents.json`` into a directory.
"""

from jixiao.report.data import ReportData
from jixiao.report.html import render_html
from jixiao.report.jsonout import documents_list, findings_list
from jixiao.report.registry import EXPORTERS, REVIEW_OUTPUTS, Exporter, write_review_outputs
from jixiao.report.summary import DocumentSummary, summarize
from jixiao.report.xlsx import build_workbook, render_xlsx

__all__ = [
    "EXPORTERS",
    "REVIEW_OUTPUTS",
    "DocumentSummary",
    "Exporter",
    "ReportData",
    "build_workbook",
    "documents_list",
    "findings_list",
    "render_html",
    "render_xlsx",
    "summarize",
    "write_review_outputs",
]
