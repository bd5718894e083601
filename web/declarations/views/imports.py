"""Import a published performance-target table file as a new draft declaration.

``declaration-import`` (``declarations/import/``): an officer uploads a table of their
department (an administrator also chooses the department). The bytes are decoded exactly
like a file on disk (:func:`jixiao.ingest.text.read_text`: UTF-8 or GB18030, refusing
empty and binary files) and read by the same importers as the command line
(:func:`jixiao.ingest.load_text`). When the table does not print its 预算年度 (the Tianhe
project table, the Yuexiu department table) the form's year is required and recorded in the
document; a year that contradicts the printed one is refused. A file that cannot
be imported gives a Chinese message naming it and creates nothing; success leads to the
declaration's page with a count of projects, indicators and review findings.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from jixiao.errors import JixiaoError, UnreadableFileError
from jixiao.ingest import load_text
from jixiao.ingest.text import MAX_BYTES, read_text
from jixiao.model import Document, DocumentKind
from web.declarations import services
from web.declarations.findings import review_findings
from web.declarations.forms import ImportForm
from web.declarations.models import Declaration
from web.declarations.views.browse import remember_finding_counts
from web.declarations.views.edit import may_choose_department, own_department


@login_required
@require_http_methods(["GET", "POST"])
def import_declaration(request: HttpRequest) -> HttpResponse:
    """The upload form; on success redirect to ``declaration-detail`` with a summary message."""
    choose = may_choose_department(request.user)
    if request.method != "POST":
        return render(
            request, "declarations/import.html", {"form": ImportForm(choose_department=choose)}
        )
    form = ImportForm(request.POST, request.FILES, choose_department=choose)
    imported = _import(request, form) if form.is_valid() else None
    if imported is None:
        return render(request, "declarations/import.html", {"form": form}, status=400)
    declaration, document = imported
    counts = review_findings(document).counts()
    remember_finding_counts(declaration, counts)  # the list page need not review it again
    messages.success(request, import_summary(document, counts))
    return redirect("declaration-detail", pk=declaration.pk)


def _import(request: HttpRequest, form: ImportForm) -> tuple[Declaration, Document] | None:
    """The new declaration and the document it holds, or ``None`` with the reason added to
    ``form``."""
    upload = form.cleaned_data["file"]
    name = Path(upload.name or "上传文件").name
    try:
        document = read_upload(upload, name)
    except JixiaoError as error:
        form.add_error("file", str(error))
        return None
    year = form.cleaned_data.get("fiscal_year")
    if not _year_agrees(form, document, year, name):
        return None
    if document.fiscal_year is None:
        document.fiscal_year = year  # the table does not print it: the user stated it
    organisation = form.cleaned_data.get("organisation") or own_department(request.user)
    if document.department and document.department != organisation.name:
        messages.warning(
            request,
            f"注意：表中的部门名称“{document.department}”与申报部门“{organisation.name}”不一致。",
        )
    declaration = services.create_declaration(
        request.user, organisation, document, fiscal_year=year, source_file=name
    )
    return declaration, document


def _year_agrees(form: ImportForm, document: Document, year: int | None, name: str) -> bool:
    """The table's 预算年度 and the one chosen must not contradict; one of them is needed."""
    if year is None and document.fiscal_year is None:
        form.add_error("fiscal_year", f"{name} 未写明预算年度，请填写预算年度")
        return False
    if year is not None and document.fiscal_year is not None and year != document.fiscal_year:
        form.add_error(
            "fiscal_year",
            f"{name} 写明的预算年度是 {document.fiscal_year} 年，与所填 {year} 年不一致；请留空或改正",
        )
        return False
    return True


def read_upload(upload: UploadedFile, name: str) -> Document:
    """Decode and import an uploaded table; ``name`` is recorded as its file.

    Raises :class:`~jixiao.errors.UnreadableFileError` (too large, empty, binary,
    undecodable) or :class:`~jixiao.errors.NotATargetTableError`, each naming ``name``.
    """
    if upload.size is not None and upload.size > MAX_BYTES:
        raise UnreadableFileError(f"文件过大（{upload.size} 字节），不是单张绩效目标表", name)
    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as folder:
        copy = Path(folder) / "upload"
        with copy.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            text, encoding = read_text(copy)
        except UnreadableFileError as error:
            raise UnreadableFileError(str(error.args[0]), name) from None
    return load_text(text, name, encoding)


def import_summary(document: Document, counts: Mapping[str, int]) -> str:
    """``导入 N 个项目 / M 个指标，发现 E 个错误、W 个警告`` (a department table counts its
    重点工作任务 instead of projects); ``counts`` are the findings per severity."""
    indicators = len(document.all_indicators())
    if document.kind is DocumentKind.PROJECT:
        items = f"{len(document.projects)} 个项目"
    else:
        items = f"{len(document.tasks)} 项重点工作任务"
    return (
        f"导入 {items} / {indicators} 个指标，"
        f"发现 {counts['error']} 个错误、{counts['warning']} 个警告"
    )


urlpatterns: list[URLPattern] = [
    path("declarations/import/", import_declaration, name="declaration-import"),
]
