"""Create and edit declarations, with live feedback on target values and findings on save.

* ``declaration-create`` (``declarations/new/``): an officer (or an administrator choosing
  the department) starts a blank 部门整体 or 项目支出 declaration for a year → its edit page.
* ``declaration-edit`` (``declarations/<pk>/edit/``): the forms of
  :class:`web.declarations.forms.DeclarationEditor`. A save merges the form into the stored
  document (:func:`web.declarations.editing.apply_edit`) and goes through
  :func:`web.declarations.services.save_document` with the version the page showed; a stale
  save re-renders the page with the user's input and the refusal (409). After a save the
  page shows the review findings beside the rows they concern and a summary on top.
* ``target-preview`` (``api/target-preview/?text=…&name=…``): an HTML fragment saying how
  the 指标值 ``text`` of indicator ``name`` is understood (htmx, while typing).

Only the department's officers and administrators may create or edit, and only while the
workflow allows editing (草稿, 已退回, 调整中); refusals propagate as typed errors.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.model import BudgetOverview, Document, DocumentKind
from web.declarations import services
from web.declarations.editing import CREATED_FILE, apply_edit, preview_target, web_file
from web.declarations.errors import ActionNotPermittedError, StaleVersionError
from web.declarations.findings import review_findings
from web.declarations.forms import CreateForm, DeclarationEditor, taxonomy_map
from web.declarations.models import Declaration
from web.declarations.views.browse import remember_finding_counts
from web.organisations.models import Organisation
from web.permissions import PERMISSIONS, membership_of, role_of
from web.workflow import Action, Role, next_status

PREVIEW_MAX_CHARS = 500
"""Longer target texts are cut before parsing (a 指标值 cell is a short phrase)."""


def check_editable(user: Any, declaration: Declaration) -> None:
    """Refuse unless ``user`` may edit ``declaration`` now: :class:`ActionNotPermittedError`
    (403) for a reviewer or another role, the workflow's
    :class:`~web.workflow.InvalidTransitionError` (409) when its status is not editable."""
    if not user.has_perm(PERMISSIONS[Action.EDIT], declaration):
        raise ActionNotPermittedError("修改此申报")
    next_status(declaration.status_enum, Action.EDIT, role_of(user))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the declaration's forms; on POST validate, merge and save, then show findings."""
    declaration = services.get_declaration(request.user, pk)
    check_editable(request.user, declaration)
    if request.method != "POST":
        return _render_edit(request, DeclarationEditor(declaration))
    try:
        data = request.POST
    except TooManyFieldsSent:
        return _too_many_fields(request)
    editor = DeclarationEditor(declaration, data)
    if not editor.is_valid():
        return _render_edit(request, editor, invalid=True)
    document = apply_edit(editor.document, editor.to_edit(), source_file=web_file(pk))
    try:
        saved = services.save_document(request.user, declaration, document, editor.version)
    except StaleVersionError as error:
        return _render_edit(request, editor, refusal=str(error), status=error.http_status)
    counts = review_findings(saved.as_document()).counts()
    remember_finding_counts(saved, counts)
    messages.success(
        request,
        f"已保存为第 {saved.version} 版。审核发现 {counts['error']} 个错误、"
        f"{counts['warning']} 个警告、{counts['info']} 个提示。",
    )
    return redirect("declaration-edit", pk=pk)


def _render_edit(
    request: HttpRequest,
    editor: DeclarationEditor,
    *,
    invalid: bool = False,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    """The edit page; findings are those of the stored document, placed by each row's origin."""
    editor.attach_findings(review_findings(editor.document))
    context = {
        "declaration": editor.declaration,
        "editor": editor,
        "invalid": invalid,
        "refusal": refusal,
        "row_templates": editor.row_templates(),
        "taxonomy": taxonomy_map(),
    }
    return render(request, "declarations/edit.html", context, status=status)


def _too_many_fields(request: HttpRequest) -> HttpResponse:
    """The form of a very large table exceeds ``DATA_UPLOAD_MAX_NUMBER_FIELDS``."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    message = (
        f"保存失败：此申报表的表单字段超过系统上限（{limit} 个），修改未保存。"
        "请联系系统管理员调大 DATA_UPLOAD_MAX_NUMBER_FIELDS 后再保存。"
    )
    return render(request, "error.html", {"message": message, "status": 413}, status=413)


@login_required
@require_GET
def target_preview(request: HttpRequest) -> HttpResponse:
    """``?text=…&name=…`` → the ``_target_preview.html`` fragment for that 指标值."""
    text = request.GET.get("text", "")[:PREVIEW_MAX_CHARS]
    name = request.GET.get("name", "")[:PREVIEW_MAX_CHARS]
    context = {"preview": preview_target(text, name)}
    return render(request, "declarations/_target_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """A blank declaration for a year; administrators choose the department."""
    choose = may_choose_department(request.user)
    form = CreateForm(request.POST or None, choose_department=choose, initial=_create_initial())
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or own_department(request.user)
        kind = DocumentKind(form.cleaned_data["kind"])
        year = int(form.cleaned_data["fiscal_year"])
        declaration = services.create_declaration(
            request.user, organisation, blank_document(kind, organisation, year), fiscal_year=year
        )
        messages.success(request, f"已新建“{declaration.title}”，请填写申报内容。")
        return redirect("declaration-edit", pk=declaration.pk)
    return render(request, "declarations/create.html", {"form": form})


def blank_document(kind: DocumentKind, organisation: Organisation, year: int) -> Document:
    """An empty table of ``kind`` for ``organisation`` and budget year ``year``."""
    return Document(
        kind=kind,
        file=CREATED_FILE,
        department=organisation.name,
        fiscal_year=year,
        budget=BudgetOverview() if kind is DocumentKind.DEPARTMENT else None,
    )


def _create_initial() -> dict[str, Any]:
    return {"kind": DocumentKind.DEPARTMENT.value, "fiscal_year": timezone.localdate().year + 1}


def may_choose_department(user: Any) -> bool:
    """``True`` for an administrator (chooses the department), ``False`` for an officer
    (declares for their own); anybody else is refused with :class:`ActionNotPermittedError`."""
    if role_of(user) is Role.ADMIN:
        return True
    own_department(user)
    return False


def own_department(user: Any) -> Organisation:
    """The department of an officer; :class:`ActionNotPermittedError` (403) for anybody else."""
    membership = membership_of(user)
    if role_of(user) is not Role.OFFICER or membership is None or membership.organisation is None:
        raise ActionNotPermittedError("新建或导入申报")
    return membership.organisation


urlpatterns: list[URLPattern] = [
    path("declarations/new/", create, name="declaration-create"),
    path("declarations/<int:pk>/edit/", edit, name="declaration-edit"),
    path("api/target-preview/", target_preview, name="target-preview"),
]
