"""The approval workflow of a declaration, as a pure state machine (no Django).

==========  ==================================  =========================
action      from                                to
==========  ==================================  =========================
edit        draft, returned, adjusting          (unchanged)
submit      draft / returned / adjusting        submitted / resubmitted / submitted
return      submitted, resubmitted              returned
approve     submitted, resubmitted              approved
adjust      approved                            adjusting
==========  ==================================  =========================

* A department officer edits and submits; a finance-bureau reviewer returns and approves;
  an administrator may do both.
* ``edit`` is allowed only while the department holds the declaration (draft, returned,
  adjusting): an approved declaration is frozen and changes only through an adjustment
  (调整), which is submitted and reviewed again.

:func:`next_status` answers one question — what does ``action`` by ``role`` turn ``status``
into — or raises a :class:`TransitionRefusedError` saying why not. Who may act on *which*
declaration (organisation scope) is decided in :mod:`web.permissions`.
"""

from __future__ import annotations

from enum import StrEnum

from jixiao.errors import JixiaoError


class Status(StrEnum):
    """Where a declaration is in the workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    APPROVED = "approved"
    ADJUSTING = "adjusting"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


class Role(StrEnum):
    """What a user does: fill in (officer), review (reviewer) or administer."""

    OFFICER = "officer"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


class Action(StrEnum):
    """Something a user does to a declaration."""

    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    ADJUST = "adjust"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


STATUS_LABELS = {
    Status.DRAFT: "草稿",
    Status.SUBMITTED: "已提交",
    Status.RETURNED: "已退回",
    Status.RESUBMITTED: "已重新提交",
    Status.APPROVED: "已批复",
    Status.ADJUSTING: "调整中",
}
ROLE_LABELS = {
    Role.OFFICER: "部门填报人",
    Role.REVIEWER: "财政审核人",
    Role.ADMIN: "系统管理员",
}
ACTION_LABELS = {
    Action.EDIT: "修改",
    Action.SUBMIT: "提交",
    Action.RETURN: "退回",
    Action.APPROVE: "批复",
    Action.ADJUST: "申请调整",
}

EDITABLE = frozenset({Status.DRAFT, Status.RETURNED, Status.ADJUSTING})
"""Statuses in which the department holds the declaration and may change it."""

TRANSITIONS: dict[tuple[Action, Status], Status] = {
    **{(Action.EDIT, status): status for status in EDITABLE},
    (Action.SUBMIT, Status.DRAFT): Status.SUBMITTED,
    (Action.SUBMIT, Status.RETURNED): Status.RESUBMITTED,
    (Action.SUBMIT, Status.ADJUSTING): Status.SUBMITTED,
    (Action.RETURN, Status.SUBMITTED): Status.RETURNED,
    (Action.RETURN, Status.RESUBMITTED): Status.RETURNED,
    (Action.APPROVE, Status.SUBMITTED): Status.APPROVED,
    (Action.APPROVE, Status.RESUBMITTED): Status.APPROVED,
    (Action.ADJUST, Status.APPROVED): Status.ADJUSTING,
}
"""``(action, from status) -> to status``; a pair not listed is refused."""

ROLES: dict[Action, frozenset[Role]] = {
    Action.EDIT: frozenset({Role.OFFICER, Role.ADMIN}),
    Action.SUBMIT: frozenset({Role.OFFICER, Role.ADMIN}),
    Action.RETURN: frozenset({Role.REVIEWER, Role.ADMIN}),
    Action.APPROVE: frozenset({Role.REVIEWER, Role.ADMIN}),
    Action.ADJUST: frozenset({Role.OFFICER, Role.ADMIN}),
}
"""The roles that may perform each action (on a declaration within their scope)."""


class WorkflowError(JixiaoError):
    """Base of the web application's refusals; ``http_status`` is the response it maps to."""

    http_status = 400


class TransitionRefusedError(WorkflowError):
    """An action the workflow does not allow; ``action``, ``status`` and ``role`` say which."""

    http_status = 409

    def __init__(self, message: str, action: Action, status: Status, role: Role | None) -> None:
        super().__init__(message)
        self.action = action
        self.status = status
        self.role = role


class InvalidTransitionError(TransitionRefusedError):
    """The action is not possible from the declaration's current status."""


class RoleNotAllowedError(TransitionRefusedError):
    """The action is possible from this status, but not for the user's role."""

    http_status = 403


def role_may(role: Role | None, action: Action) -> bool:
    """Whether ``role`` may perform ``action`` at all (whatever the status)."""
    return role is not None and role in ROLES[action]


def allowed_actions(status: Status, role: Role | None) -> list[Action]:
    """The actions ``role`` may perform on a declaration in ``status``, in :class:`Action` order."""
    return [a for a in Action if (a, status) in TRANSITIONS and role_may(role, a)]


def next_status(status: Status, action: Action, role: Role | None) -> Status:
    """The status ``action`` by ``role`` leads to from ``status``.

    Raises :class:`InvalidTransitionError` when the action is not possible from ``status``
    (e.g. editing an approved declaration) and :class:`RoleNotAllowedError` when it is, but
    not for ``role`` (e.g. an officer approving).
    """
    target = TRANSITIONS.get((action, status))
    if target is None:
        raise InvalidTransitionError(
            f"状态为“{status.label}”的申报不能{action.label}", action, status, role
        )
    if not role_may(role, action):
        who = role.label if role else "无角色的用户"
        raise RoleNotAllowedError(f"{who}不能{action.label}申报", action, status, role)
    return target
