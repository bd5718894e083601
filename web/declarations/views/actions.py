"""Workflow actions on a declaration: 提交, 退回 (with a comment per item), 批复, 申请调整.

URL ``declaration-action`` (``declarations/<pk>/action/<action>/``) with ``action`` one of
``submit``, ``return``, ``approve``, ``adjust`` (:class:`web.workflow.Action` values); any
other value, ``edit`` included (that is the edit page), answers 404.

* **GET** shows the page of the action: for ``return`` the form where the reviewer writes a
  comment per item (``declarations/return.html``), for the others a confirmation page
  (``declarations/confirm_action.html``) with the review findings' counts. Both are only
  shown when the user may do the action now (else the 403/409 refusal page).
* **POST** (CSRF-protected, carrying the ``version`` the page showed) performs the action
  through :func:`web.declarations.services.perform`, then redirects to the detail page
  with a success message (``已提交``, ``已退回（3 条意见）``, ``已批复`` …).

Choices made here, from what a finance reviewer needs:

* **Approving while error findings remain is allowed, after an explicit confirmation.**
  The findings are automated checks, several of them heuristics, and under 财预〔2015〕88号
  the finance bureau decides (a 良 declaration is "fixed by consultation and proceeds"), so
  the reviewer is not overruled by the checker; but an approval must not slip past errors
  unseen. A POST without ``acknowledge_errors`` while the current version has error
  findings changes nothing and shows the confirmation page with the count; a confirmed
  approval stores a document-level comment saying how many errors were accepted (with the
  reviewer's optional 批复意见), so the audit trail shows it.
* **A stale version** (somebody changed the declaration since the page was shown) redirects
  to the detail page with the Chinese refusal as an error message, so the user sees the
  current state. The return form is the exception: it is shown again (409) with the
  comments kept — a reviewer's written work is never thrown away — and with the current
  version, or without the submit button when the declaration can no longer be returned.
* **Returning without any comment** shows the form again with the
  :class:`~web.declarations.errors.CommentRequiredError` message and the input kept.
* **ADJUST** on an approved declaration puts it in 调整中, where the department edits it
  and submits it again for review; the user lands on the detail page (its edit link).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from jixiao.model import Document, Indicator
from jixiao.review.finding import Finding, Severity
from web.declarations.errors import (
    ActionNotPermittedError,
    CommentRequiredError,
    StaleVersionError,
)
from web.declarations.findings import DeclarationFindings, review_findings
from web.declarations.items import item_label
from web.declarations.models import Declaration
from web.declarations.presentation import wan_yuan
from web.declarations.services import CommentInput, get_declaration, perform
from web.permissions import PERMISSIONS, role_of
from web.workflow import Action, TransitionRefusedError, WorkflowError, next_status

PERFORMABLE = (Action.SUBMIT, Action.RETURN, Action.APPROVE, Action.ADJUST)
"""The actions of this view; ``edit`` is the edit page."""

COMMENT_FIELD = "comment:"
"""Prefix of the return form's comment fields: ``comment:indicators/3`` (``comment:`` alone:
the declaration as a whole)."""
SUGGEST_FIELD = "suggest:"
"""Prefix of the accepted-finding checkboxes: ``suggest:<path>``, value = the finding's text."""
DOCUMENT_LABEL = "申报整体"

ACTION_NOTES = {
    Action.SUBMIT: "提交后由财政部门审核，审核期间不能修改申报内容。",
    Action.APPROVE: "批复后申报内容冻结；如需变更，须由部门申请调整并重新提交审核。",
    Action.ADJUST: "申请调整后，已批复的申报回到“调整中”，部门修改后须重新提交财政部门审核。",
}


class InvalidVersionError(WorkflowError):
    """A POST without a usable ``version`` field (a form not made by this application)."""

    def __init__(self) -> None:
        super().__init__("表单缺少有效的版本号，请刷新页面后重试")


@login_required
@require_http_methods(["GET", "POST"])
def declaration_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Show (GET) or perform (POST) ``action`` on declaration ``pk``; see the module doc."""
    chosen = _performable(action)
    declaration = get_declaration(request.user, pk)
    if chosen is Action.RETURN:
        return _return(request, declaration)
    if request.method == "GET":
        check_allowed(request.user, declaration, chosen)
        return _confirm_page(request, declaration, chosen, declaration.version)
    version = posted_version(request.POST)
    comments: list[CommentInput] = []
    if chosen is Action.APPROVE:
        gate = _approval(request, declaration, version)
        if isinstance(gate, HttpResponse):
            return gate
        comments = gate
    try:
        perform(request.user, declaration, chosen, version, comments)
    except StaleVersionError as error:
        messages.error(request, str(error))
        return redirect("declaration-detail", pk=declaration.pk)
    messages.success(request, success_message(declaration, chosen, len(comments)))
    return redirect("declaration-detail", pk=declaration.pk)


def _performable(value: str) -> Action:
    try:
        action = Action(value)
    except ValueError:
        raise Http404("没有这个操作") from None
    if action not in PERFORMABLE:
        raise Http404("没有这个操作")
    return action


def check_allowed(user: Any, declaration: Declaration, action: Action) -> None:
    """Raise the refusal :func:`~web.declarations.services.perform` would raise for ``action``
    by ``user`` on the declaration as it is now: 403
    (:class:`~web.declarations.errors.ActionNotPermittedError`,
    :class:`~web.workflow.RoleNotAllowedError`) or 409
    (:class:`~web.workflow.InvalidTransitionError`)."""
    if not user.has_perm(PERMISSIONS[action], declaration):
        raise ActionNotPermittedError(f"{action.label}此申报")
    next_status(declaration.status_enum, action, role_of(user))


def is_allowed(user: Any, declaration: Declaration, action: Action) -> bool:
    """Whether :func:`check_allowed` passes."""
    try:
        check_allowed(user, declaration, action)
    except (ActionNotPermittedError, TransitionRefusedError):
        return False
    return True


def posted_version(data: QueryDict) -> int:
    """The ``version`` field of a POST; :class:`InvalidVersionError` (400) if missing."""
    raw = data.get("version", "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise InvalidVersionError()
    return int(raw)


def success_message(declaration: Declaration, action: Action, comment_count: int) -> str:
    """The message after ``action`` succeeded (``declaration`` already in its new status)."""
    if action is Action.RETURN:
        return f"已退回（{comment_count} 条意见）"
    if action is Action.SUBMIT:
        return declaration.status_enum.label  # 已提交 or 已重新提交
    if action is Action.APPROVE:
        return "已批复"
    return "已申请调整：申报回到“调整中”，修改后请重新提交审核"


# --- approve and the other confirmations ------------------------------------------------


def _approval(
    request: HttpRequest, declaration: Declaration, version: int
) -> list[CommentInput] | HttpResponse:
    """The comments to store with an approval, or the confirmation page when error findings
    remain and the reviewer has not acknowledged them. A stale ``version`` passes through
    (``perform`` refuses it)."""
    note = request.POST.get("comment", "").strip()
    if version != declaration.version:
        return [CommentInput(note)] if note else []
    check_allowed(request.user, declaration, Action.APPROVE)
    findings = review_findings(declaration.as_document())
    errors = findings.counts()["error"]
    if errors and not request.POST.get("acknowledge_errors"):
        notice = f"此申报仍有 {errors} 条错误级审核意见。如确认批复，请勾选确认后再次提交。"
        return _confirm_page(request, declaration, Action.APPROVE, version, note, notice, findings)
    texts = [f"批复时仍有 {errors} 条错误级审核意见，审核人已确认批复。"] if errors else []
    if note:
        texts.append(note)
    return [CommentInput("\n".join(texts))] if texts else []


def _confirm_page(
    request: HttpRequest,
    declaration: Declaration,
    action: Action,
    version: int,
    note: str = "",
    notice: str = "",
    findings: DeclarationFindings | None = None,
) -> HttpResponse:
    """The confirmation page; ``findings`` of the current version when already reviewed."""
    if findings is None:
        findings = review_findings(declaration.as_document())
    context = {
        "declaration": declaration,
        "action": action,
        "version": version,
        "counts": findings.counts(),
        "errors": _error_findings(declaration, findings),
        "note": note,
        "notice": notice,
        "explanation": ACTION_NOTES.get(action, ""),
    }
    return render(request, "declarations/confirm_action.html", context)


def _error_findings(
    declaration: Declaration, findings: DeclarationFindings
) -> list[tuple[str, Finding]]:
    """``(item label, finding)`` of every error finding, in the order of the findings."""
    return [
        (_label(declaration.document, item.path), item.finding)
        for item in findings.items
        if item.finding.severity is Severity.ERROR
    ]


def _label(document: dict[str, Any], item_path: str) -> str:
    return item_label(document, item_path) if item_path else DOCUMENT_LABEL


# --- return: one comment per item ---------------------------------------------------------


@dataclass(slots=True)
class PostedComment:
    """What the return form sent for one item: typed ``text`` and accepted ``suggestions``."""

    text: str = ""
    suggestions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ReturnItem:
    """A row of the return form: the item at ``path`` and the reviewer's input for it.

    ``level1``/``level2`` are the categories as the table prints them (indicators only);
    ``detail`` is what the row shows beside the name (年度指标值, 总计 in 万元 …).
    """

    path: str
    label: str
    detail: str = ""
    level1: str = ""
    level2: str = ""
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    accepted: list[str] = field(default_factory=list)

    @property
    def field_name(self) -> str:
        return f"{COMMENT_FIELD}{self.path}"

    @property
    def suggest_name(self) -> str:
        return f"{SUGGEST_FIELD}{self.path}"

    @property
    def testid(self) -> str:
        return self.path or "document"


@dataclass(slots=True)
class ItemGroup:
    """A section of the return form, in table order (申报整体, 年度重点工作任务, 绩效指标, or one
    project with its indicators); ``indicators`` says whether to show 一级/二级指标 columns."""

    key: str
    title: str
    items: list[ReturnItem]
    indicators: bool = False

    @property
    def open(self) -> bool:
        """Shown unfolded: it has findings or input (the 申报整体 group always is)."""
        return self.key == "document" or any(i.findings or i.text or i.accepted for i in self.items)


def _return(request: HttpRequest, declaration: Declaration) -> HttpResponse:
    user = request.user
    if request.method == "GET":
        check_allowed(user, declaration, Action.RETURN)
        return _return_page(request, declaration, {}, declaration.version)
    version = posted_version(request.POST)
    posted = posted_comments(request.POST)
    if version == declaration.version:
        check_allowed(user, declaration, Action.RETURN)
    comments = comment_inputs(posted)
    try:
        perform(user, declaration, Action.RETURN, version, comments)
    except CommentRequiredError as error:
        return _return_page(request, declaration, posted, version, str(error))
    except StaleVersionError as error:
        declaration.refresh_from_db()
        current = declaration.version
        return _return_page(request, declaration, posted, current, str(error), status=409)
    messages.success(request, success_message(declaration, Action.RETURN, len(comments)))
    return redirect("declaration-detail", pk=declaration.pk)


def posted_comments(data: QueryDict) -> dict[str, PostedComment]:
    """``{item path: PostedComment}`` from the ``comment:``/``suggest:`` fields, in form order."""
    posted: dict[str, PostedComment] = {}
    for key in data:
        if key.startswith(COMMENT_FIELD):
            item = posted.setdefault(key.removeprefix(COMMENT_FIELD), PostedComment())
            item.text = data.get(key, "")
        elif key.startswith(SUGGEST_FIELD):
            item = posted.setdefault(key.removeprefix(SUGGEST_FIELD), PostedComment())
            item.suggestions = [s for s in data.getlist(key) if s.strip()]
    return posted


def comment_inputs(posted: dict[str, PostedComment]) -> list[CommentInput]:
    """One comment for the typed text of each item and one for each accepted finding
    (blank and repeated texts dropped), document-level ones first."""
    ordered = sorted(posted.items(), key=lambda entry: entry[0] != "")
    comments: list[CommentInput] = []
    for item_path, item in ordered:
        seen: set[str] = set()
        for text in (item.text, *item.suggestions):
            if text.strip() and text.strip() not in seen:
                seen.add(text.strip())
                comments.append(CommentInput(text.strip(), item_path))
    return comments


def _return_page(
    request: HttpRequest,
    declaration: Declaration,
    posted: dict[str, PostedComment],
    version: int,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    document = declaration.as_document()
    findings = review_findings(document)
    groups = return_groups(declaration, document, findings.by_path())
    _fill(groups, posted)
    context = {
        "declaration": declaration,
        "version": version,
        "groups": groups,
        "counts": findings.counts(),
        "error": error,
        "can_submit": is_allowed(request.user, declaration, Action.RETURN),
    }
    return render(request, "declarations/return.html", context, status=status)


def _fill(groups: list[ItemGroup], posted: dict[str, PostedComment]) -> None:
    """Put the posted input back into the rows; input for an item the current document no
    longer has goes into the 申报整体 box, prefixed with its path, so nothing is lost."""
    rows = {item.path: item for group in groups for item in group.items}
    orphans: list[str] = []
    for item_path, entry in posted.items():
        row = rows.get(item_path)
        if row is None:
            texts = [t.strip() for t in (entry.text, *entry.suggestions) if t.strip()]
            orphans.extend(f"（原条目 {item_path}）{text}" for text in texts)
            continue
        offered = {finding.message for finding in row.findings}
        row.accepted = [s for s in entry.suggestions if s in offered]
        no_longer_offered = [s for s in entry.suggestions if s not in offered]
        row.text = "\n".join(t for t in (entry.text, *no_longer_offered) if t.strip())
    if orphans:
        document_row = rows[""]
        document_row.text = "\n".join(t for t in (document_row.text, *orphans) if t.strip())


def return_groups(
    declaration: Declaration, document: Document, findings: dict[str, list[Finding]]
) -> list[ItemGroup]:
    """The sections of the return form for ``document``, with each item's findings; findings
    at a path the form does not list go to 申报整体."""
    data = declaration.document
    groups = list(_groups(document))
    listed = {item.path for group in groups for item in group.items}
    for group in groups:
        for item in group.items:
            item.label = _label(data, item.path)
            item.findings = list(findings.get(item.path, []))
    unlisted = [f for p, found in findings.items() if p not in listed for f in found]
    groups[0].items[0].findings.extend(unlisted)
    return groups


def _groups(document: Document) -> Iterator[ItemGroup]:
    yield ItemGroup("document", DOCUMENT_LABEL, [ReturnItem("", DOCUMENT_LABEL)])
    if document.budget is not None:
        yield ItemGroup("budget", "预算整体情况", [ReturnItem("budget", "")])
    if (document.overall_goal or "").strip():
        detail = _shorten(document.overall_goal or "")
        yield ItemGroup("overall_goal", "总体绩效目标", [ReturnItem("overall_goal", "", detail)])
    if document.tasks:
        tasks = [
            ReturnItem(f"tasks/{i}", "", _money(task.amount, document))
            for i, task in enumerate(document.tasks)
        ]
        yield ItemGroup("tasks", "年度重点工作任务", tasks)
    if document.indicators:
        rows = [_indicator_row(f"indicators/{i}", ind) for i, ind in enumerate(document.indicators)]
        yield ItemGroup("indicators", "绩效指标", rows, indicators=True)
    for p, project in enumerate(document.projects):
        base = f"projects/{p}"
        rows = [ReturnItem(base, "", _money(project.amount_total, document, "总计"))]
        rows += [
            _indicator_row(f"{base}/indicators/{i}", ind)
            for i, ind in enumerate(project.indicators)
        ]
        yield ItemGroup(f"project-{p}", f"{p + 1}. {project.name}", rows, indicators=True)


def _indicator_row(item_path: str, indicator: Indicator) -> ReturnItem:
    annual = indicator.annual_target.raw if indicator.annual_target else ""
    return ReturnItem(
        item_path,
        "",
        f"年度指标值：{annual}" if annual else "",
        level1=indicator.level1_as_written or indicator.level1 or "",
        level2=indicator.level2_as_written or indicator.level2 or "",
    )


def _money(amount: Decimal | None, document: Document, prefix: str = "拟投入") -> str:
    """``拟投入 4,855.11 万元`` (converted to 万元 from the document's unit), ``""`` for none."""
    return "" if amount is None else f"{prefix} {wan_yuan(amount, document.money_unit)} 万元"


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…"


urlpatterns: list[URLPattern] = [
    path(
        "declarations/<int:pk>/action/<str:action>/",
        declaration_action,
        name="declaration-action",
    ),
]
