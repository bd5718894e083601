"""Download a declaration as the official-layout XLSX workbook or a self-contained HTML report.

URL ``declaration-export`` (``declarations/<pk>/export.<fmt>``), ``fmt`` ``xlsx`` or ``html``
(anything else: 404). The files come from the same renderers as the command line
(:data:`jixiao.report.EXPORTERS`): the workbook has the sheets 汇总, the table laid out like
the standard form (项目支出 or 部门整体支出绩效目标表) and 审核意见; the HTML page has its CSS
inline and loads nothing from elsewhere. Both include the review findings, as
``jixiao review -o DIR`` writes them (:func:`jixiao.review.runner.review`).

A declaration stores its canonical document, not the text of the file it was imported from:
each value keeps its :class:`jixiao.model.Source` (line numbers and text, which the reports
show), but there is no whole file to number, so the report's 原文 section says 原文不可用.

Only declarations the user may see (:func:`web.declarations.services.get_declaration`,
404 otherwise). The file is sent as an attachment named like
``2025年-广州市天河区司法局-项目支出绩效目标表.xlsx`` (RFC 6266/5987 ``filename*``, with an
ASCII ``filename`` for old clients).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from jixiao.model import DocumentKind
from jixiao.report import EXPORTERS, ReportData
from jixiao.review.runner import review
from web.declarations.models import KIND_LABELS, Declaration
from web.declarations.services import get_declaration

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
"""The formats offered on the web (names of :data:`jixiao.report.EXPORTERS`) and their types."""

_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


@login_required
@require_safe
def export_declaration(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The declaration rendered by exporter ``fmt``, as a download."""
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的导出格式")
    declaration = get_declaration(request.user, pk)
    exporter = EXPORTERS[fmt]
    response = HttpResponse(exporter.render(report_data(declaration)), CONTENT_TYPES[fmt])
    response["Content-Disposition"] = attachment(
        export_filename(declaration, exporter.suffix),
        f"declaration-{declaration.pk}{exporter.suffix}",
    )
    return response


def report_data(declaration: Declaration) -> ReportData:
    """The declaration's document, reviewed, as the reports' input (no source text, see the
    module doc). A document without a file name (written on the web) is named after the
    declaration, which the reports use for its sheet and summary row."""
    document = declaration.as_document()
    if not document.file:
        document.file = export_filename(declaration, "")
    return ReportData(review([document]), sources={})


def export_filename(declaration: Declaration, suffix: str) -> str:
    """``2025年-广州市天河区司法局-项目支出绩效目标表`` + ``suffix``; characters not allowed in
    file names (``/``, ``:`` …) become ``_``."""
    kind = KIND_LABELS[DocumentKind(declaration.kind)]
    name = f"{declaration.fiscal_year}年-{declaration.department_name}-{kind}绩效目标表"
    return _UNSAFE_IN_FILENAME.sub("_", name) + suffix


def attachment(filename: str, ascii_fallback: str) -> str:
    """A ``Content-Disposition`` value: ``attachment; filename="…"; filename*=UTF-8''…``."""
    return f"attachment; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


urlpatterns: list[URLPattern] = [
    path("declarations/<int:pk>/export.<str:fmt>", export_declaration, name="declaration-export"),
]
