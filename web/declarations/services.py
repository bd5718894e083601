"""What users do to declarations: create, import, edit and move through the workflow.

Views, management commands and tests call these functions and nothing lower, so every
change is checked the same way:

1. the user must see the declaration (:data:`web.permissions.VIEW`), else
   :class:`~web.declarations.errors.NotVisibleError`;
2. the change must be made from the current version (optimistic lock): the caller passes
   the ``expected_version`` it showed the user, and a save from an older copy raises
   :class:`~web.declarations.errors.StaleVersionError` instead of overwriting;
3. the user's role and scope must allow the action
   (:class:`~web.declarations.errors.ActionNotPermittedError`) and the workflow must allow
   it from the current status (:class:`~web.workflow.InvalidTransitionError`).

Every change is saved with its user and a reason, which django-simple-history records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F

from jixiao.ingest import load
from jixiao.model import Document
from jixiao.serialize import document_to_dict
from web.declarations.errors import (
    ActionNotPermittedError,
    CommentRequiredError,
    InvalidDeclarationError,
    NotVisibleError,
    StaleVersionError,
)
from web.declarations.items import item_label
from web.declarations.models import Declaration, ReviewComment
from web.organisations.models import Organisation
from web.permissions import ADD, PERMISSIONS, VIEW, role_of, visible_declarations
from web.workflow import Action, next_status


@dataclass(frozen=True, slots=True)
class CommentInput:
    """A reviewer's comment on the item at ``item_path`` (empty: the whole declaration)."""

    text: str
    item_path: str = ""


def get_declaration(user: Any, pk: int) -> Declaration:
    """The declaration ``pk`` if ``user`` may see it; :class:`NotVisibleError` otherwise.

    A declaration the user may not see is answered exactly like one that does not exist.
    """
    declaration = visible_declarations(user).filter(pk=pk).first()
    if declaration is None:
        raise NotVisibleError()
    return declaration


def create_declaration(
    user: Any,
    organisation: Organisation,
    document: Document,
    *,
    fiscal_year: int | None = None,
    source_file: str = "",
) -> Declaration:
    """A new draft declaration of ``organisation`` holding ``document``.

    ``fiscal_year`` overrides the document's own; one of them is required.
    """
    if not user.has_perm(ADD, organisation):
        raise ActionNotPermittedError("为该单位新建申报")
    if organisation.kind != Organisation.Kind.DEPARTMENT:
        raise InvalidDeclarationError("只能为预算部门新建申报")
    year = fiscal_year or document.fiscal_year
    if year is None:
        raise InvalidDeclarationError("申报表未写明预算年度，请指定年度")
    declaration = Declaration(
        organisation=organisation, fiscal_year=year, created_by=user, source_file=source_file
    )
    declaration.set_document(document_to_dict(document))
    declaration.full_clean()
    _save(declaration, user, f"导入 {source_file}" if source_file else "新建")
    return declaration


def import_file(
    user: Any, organisation: Organisation, path: str | Path, *, fiscal_year: int | None = None
) -> Declaration:
    """Import a published table with :func:`jixiao.ingest.load` as a new draft declaration.

    Raises :class:`jixiao.errors.JixiaoError` subclasses for unreadable files.
    """
    document = load(path)
    return create_declaration(
        user, organisation, document, fiscal_year=fiscal_year, source_file=Path(path).name
    )


def save_document(
    user: Any, declaration: Declaration, document: Document, expected_version: int
) -> Declaration:
    """Replace the declaration's content with ``document`` (the ``edit`` action)."""

    def apply(target: Declaration) -> None:
        target.set_document(document_to_dict(document))

    return _change(user, declaration, Action.EDIT, expected_version, apply)


def perform(
    user: Any,
    declaration: Declaration,
    action: Action,
    expected_version: int,
    comments: Sequence[CommentInput] = (),
) -> Declaration:
    """Move the declaration through the workflow: submit, return, approve or adjust.

    Returning needs at least one non-blank comment (:class:`CommentInput`); each names the
    item it concerns (:mod:`web.declarations.items`). Use :func:`save_document` for edits.
    """
    if action is Action.EDIT:
        raise ValueError("use save_document() to edit a declaration")
    comments = [c for c in comments if c.text.strip()]
    if action is Action.RETURN and not comments:
        raise CommentRequiredError()

    def apply(target: Declaration) -> None:
        for comment in comments:
            _add_comment(user, target, comment, expected_version)

    reason = f"{action.label}（{len(comments)} 条意见）" if comments else action.label
    return _change(user, declaration, action, expected_version, apply, reason)


def _change(
    user: Any,
    declaration: Declaration,
    action: Action,
    expected_version: int,
    apply: Callable[[Declaration], None],
    reason: str | None = None,
) -> Declaration:
    """Claim ``expected_version`` (compare-and-set), re-read, authorise, apply and save.

    The conditional ``UPDATE … WHERE version = expected`` is atomic on SQLite and
    PostgreSQL: of two concurrent saves from the same version exactly one claims it. Any
    refusal after the claim rolls the transaction back, version included.
    """
    if not user.has_perm(VIEW, declaration):
        raise NotVisibleError()
    with transaction.atomic():
        claimed = Declaration.objects.filter(pk=declaration.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not claimed:
            raise _stale(declaration, expected_version)
        declaration.refresh_from_db()
        if not user.has_perm(PERMISSIONS[action], declaration):
            raise ActionNotPermittedError(f"{action.label}此申报")
        declaration.status = next_status(declaration.status_enum, action, role_of(user))
        apply(declaration)
        _save(declaration, user, reason or action.label)
    return declaration


def _save(declaration: Declaration, user: Any, reason: str) -> None:
    declaration._history_user = user  # type: ignore[attr-defined]  # read by simple-history
    declaration._change_reason = reason  # type: ignore[attr-defined]
    declaration.save()


def _stale(declaration: Declaration, expected_version: int) -> StaleVersionError:
    current = Declaration.objects.get(pk=declaration.pk)
    last = current.history.order_by("-history_id").first()
    changed_by = getattr(last, "history_user", None) if last is not None else None
    name = (changed_by.get_full_name() or changed_by.get_username()) if changed_by else None
    return StaleVersionError(expected_version, current.version, name)


def _add_comment(
    user: Any, declaration: Declaration, comment: CommentInput, version: int
) -> ReviewComment:
    review_comment = ReviewComment(
        declaration=declaration,
        declaration_version=version,
        author=user,
        item_path=comment.item_path,
        item_label=item_label(declaration.document, comment.item_path)[:200],
        text=comment.text.strip(),
    )
    review_comment._history_user = user  # type: ignore[attr-defined]  # read by simple-history
    review_comment.save()
    return review_comment
