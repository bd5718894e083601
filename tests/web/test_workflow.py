"""The workflow state machine on its own (no database): every status × action × role."""

from __future__ import annotations

import itertools

import pytest

from jixiao.errors import JixiaoError
from web.workflow import (
    Action,
    InvalidTransitionError,
    Role,
    RoleNotAllowedError,
    Status,
    TransitionRefusedError,
    allowed_actions,
    next_status,
)

S, A = Status, Action

# The policy, written out: (from, action) -> to. Every pair not listed is refused.
POLICY = {
    (S.DRAFT, A.EDIT): S.DRAFT,
    (S.RETURNED, A.EDIT): S.RETURNED,
    (S.ADJUSTING, A.EDIT): S.ADJUSTING,
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.RETURNED, A.SUBMIT): S.RESUBMITTED,
    (S.ADJUSTING, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.RETURN): S.RETURNED,
    (S.RESUBMITTED, A.RETURN): S.RETURNED,
    (S.SUBMITTED, A.APPROVE): S.APPROVED,
    (S.RESUBMITTED, A.APPROVE): S.APPROVED,
    (S.APPROVED, A.ADJUST): S.ADJUSTING,
}
DEPARTMENT_ACTIONS = {A.EDIT, A.SUBMIT, A.ADJUST}
BUREAU_ACTIONS = {A.RETURN, A.APPROVE}


def may(role: Role, action: Action) -> bool:
    if role is Role.ADMIN:
        return True
    return action in (DEPARTMENT_ACTIONS if role is Role.OFFICER else BUREAU_ACTIONS)


CASES = list(itertools.product(Status, Action, Role))


@pytest.mark.parametrize(("status", "action", "role"), CASES)
def test_every_status_action_role(status: Status, action: Action, role: Role) -> None:
    expected = POLICY.get((status, action))
    if expected is None:
        with pytest.raises(InvalidTransitionError):
            next_status(status, action, role)
    elif not may(role, action):
        with pytest.raises(RoleNotAllowedError):
            next_status(status, action, role)
    else:
        assert next_status(status, action, role) is expected


@pytest.mark.parametrize("action", list(Action))
def test_no_role_may_do_nothing(action: Action) -> None:
    for status in Status:
        with pytest.raises(TransitionRefusedError):
            next_status(status, action, None)


def test_approved_declaration_is_frozen() -> None:
    with pytest.raises(InvalidTransitionError) as refused:
        next_status(S.APPROVED, A.EDIT, Role.OFFICER)
    assert str(refused.value) == "状态为“已批复”的申报不能修改"
    assert (refused.value.action, refused.value.status) == (A.EDIT, S.APPROVED)
    assert allowed_actions(S.APPROVED, Role.OFFICER) == [A.ADJUST]


def test_officer_cannot_approve() -> None:
    with pytest.raises(RoleNotAllowedError) as refused:
        next_status(S.SUBMITTED, A.APPROVE, Role.OFFICER)
    assert str(refused.value) == "部门填报人不能批复申报"
    assert refused.value.http_status == 403
    assert isinstance(refused.value, JixiaoError)


def test_refusals_map_to_http_statuses() -> None:
    assert InvalidTransitionError.http_status == 409
    assert RoleNotAllowedError.http_status == 403


def test_allowed_actions_follow_the_policy() -> None:
    assert allowed_actions(S.DRAFT, Role.OFFICER) == [A.EDIT, A.SUBMIT]
    assert allowed_actions(S.DRAFT, Role.REVIEWER) == []
    assert allowed_actions(S.RESUBMITTED, Role.REVIEWER) == [A.RETURN, A.APPROVE]
    assert allowed_actions(S.SUBMITTED, None) == []


def test_adjustment_goes_through_review_again() -> None:
    status = S.APPROVED
    for action, role in [
        (A.ADJUST, Role.OFFICER),
        (A.EDIT, Role.OFFICER),
        (A.SUBMIT, Role.OFFICER),
        (A.RETURN, Role.REVIEWER),
        (A.SUBMIT, Role.OFFICER),
        (A.APPROVE, Role.REVIEWER),
    ]:
        status = next_status(status, action, role)
    assert status is S.APPROVED


def test_every_label_is_chinese() -> None:
    for item in [*Status, *Role, *Action]:
        assert item.label and all("\u4e00" <= ch <= "\u9fff" for ch in item.label)
