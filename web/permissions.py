"""Who may see and do what: the access rules every view, command and test shares.

A user's scope follows their :class:`~web.organisations.models.Membership`:

* a **department officer** sees their own department's declarations;
* a **reviewer** sees the declarations of the departments directly under their finance
  bureau, once submitted — a draft stays with its department;
* an **administrator** (or a Django superuser) sees everything;
* anybody else — anonymous, deactivated or without a role — sees nothing.

A user may perform an action on a declaration they can see when their role may perform it
(:data:`web.workflow.ROLES`); whether the declaration's status allows it is the workflow's
question (:func:`web.workflow.next_status`). The rules are registered with django-rules as
object permissions, so ``user.has_perm(PERMISSIONS[Action.APPROVE], declaration)`` works,
and :func:`visible_declarations` is the same policy as a queryset.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from web.declarations.models import Declaration
from web.organisations.models import Membership, Organisation
from web.workflow import Action, Role, Status, role_may

VIEW = "declarations.view_declaration"
ADD = "declarations.add_declaration"
PERMISSIONS = {
    Action.EDIT: "declarations.change_declaration",
    Action.SUBMIT: "declarations.submit_declaration",
    Action.RETURN: "declarations.return_declaration",
    Action.APPROVE: "declarations.approve_declaration",
    Action.ADJUST: "declarations.adjust_declaration",
}
"""The django-rules permission name of each workflow action."""


def membership_of(user: Any) -> Membership | None:
    """The user's membership, or ``None`` (anonymous, deactivated, or no role given yet)."""
    if not _is_active(user):
        return None
    membership = getattr(user, "membership", None)
    return membership if isinstance(membership, Membership) else None


def role_of(user: Any) -> Role | None:
    """The user's role; a superuser without a membership counts as an administrator."""
    membership = membership_of(user)
    if membership is not None:
        return Role(membership.role)
    return Role.ADMIN if _is_active(user) and getattr(user, "is_superuser", False) else None


def _is_active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _organisation_id(user: Any) -> int | None:
    membership = membership_of(user)
    return membership.organisation_id if membership is not None else None


@rules.predicate
def is_admin(user: Any) -> bool:
    return role_of(user) is Role.ADMIN


@rules.predicate
def is_officer_of(user: Any, declaration: Declaration | None) -> bool:
    """The user is an officer of the declaration's department."""
    return (
        declaration is not None
        and role_of(user) is Role.OFFICER
        and declaration.organisation_id == _organisation_id(user)
    )


@rules.predicate
def is_reviewer_of(user: Any, declaration: Declaration | None) -> bool:
    """The user is a reviewer of the finance bureau the declaration's department is under."""
    return (
        declaration is not None
        and role_of(user) is Role.REVIEWER
        and declaration.organisation.parent_id == _organisation_id(user)
    )


@rules.predicate
def is_draft(user: Any, declaration: Declaration | None) -> bool:
    return declaration is not None and declaration.status == Status.DRAFT


@rules.predicate
def is_officer_in(user: Any, organisation: Organisation | None) -> bool:
    """The user is an officer of ``organisation`` (may declare for it)."""
    return (
        organisation is not None
        and role_of(user) is Role.OFFICER
        and organisation.pk == _organisation_id(user)
    )


def _role_may(action: Action) -> rules.Predicate:
    @rules.predicate(name=f"role_may_{action.value}")
    def predicate(user: Any) -> bool:
        return role_may(role_of(user), action)

    return predicate


can_view = is_admin | is_officer_of | (is_reviewer_of & ~is_draft)

rules.add_perm(VIEW, can_view)
rules.add_perm(ADD, is_admin | is_officer_in)
for _action, _name in PERMISSIONS.items():
    rules.add_perm(_name, can_view & _role_may(_action))


def visible_declarations(user: Any) -> QuerySet[Declaration]:
    """The declarations ``user`` may see (the :data:`VIEW` rule as a queryset)."""
    declarations = Declaration.objects.select_related("organisation")
    role = role_of(user)
    if role is Role.ADMIN:
        return declarations.all()
    organisation_id = _organisation_id(user)
    if organisation_id is None:
        return declarations.none()
    if role is Role.OFFICER:
        return declarations.filter(organisation_id=organisation_id)
    if role is Role.REVIEWER:
        under_bureau = declarations.filter(organisation__parent_id=organisation_id)
        return under_bureau.exclude(status=Status.DRAFT)
    return declarations.none()
