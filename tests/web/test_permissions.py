"""Who may do what: each persona × each action × a declaration of their own or another side.

"Own" is a declaration of 广州市天河区司法局 — the officer's department, under the
reviewer's bureau; "other" is one of 广州市越秀区司法局 (another department, under another
bureau). Each action runs on a declaration in a status where the workflow allows it, so the
outcome depends on the person alone: ``ok``, ``403`` (sees it, may not do it) or ``404``
(may not even see it, answered like a missing declaration).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.web.conftest import Declare, World
from web.declarations.errors import (
    ActionNotPermittedError,
    InvalidDeclarationError,
    NotVisibleError,
)
from web.declarations.models import Declaration
from web.declarations.services import (
    CommentInput,
    create_declaration,
    get_declaration,
    perform,
    save_document,
)
from web.organisations.models import Organisation
from web.permissions import ADD, PERMISSIONS, VIEW, visible_declarations
from web.workflow import Action, Status

# persona -> action -> (own, other)
EXPECTED: dict[str, dict[str, tuple[str, str]]] = {
    "officer": {
        "view": ("ok", "404"),
        "edit": ("ok", "404"),
        "submit": ("ok", "404"),
        "return": ("403", "404"),
        "approve": ("403", "404"),
        "adjust": ("ok", "404"),
    },
    "reviewer": {
        "view": ("ok", "404"),
        "edit": ("403", "404"),
        "submit": ("403", "404"),
        "return": ("ok", "404"),
        "approve": ("ok", "404"),
        "adjust": ("403", "404"),
    },
    "outsider": {
        "view": ("404", "404"),
        "edit": ("404", "404"),
        "submit": ("404", "404"),
        "return": ("404", "404"),
        "approve": ("404", "404"),
        "adjust": ("404", "404"),
    },
    "admin": {
        "view": ("ok", "ok"),
        "edit": ("ok", "ok"),
        "submit": ("ok", "ok"),
        "return": ("ok", "ok"),
        "approve": ("ok", "ok"),
        "adjust": ("ok", "ok"),
    },
}

# The status each action is tried from: one the workflow allows it in.
STATUS_FOR = {
    "view": Status.SUBMITTED,
    "edit": Status.RETURNED,
    "submit": Status.RETURNED,
    "return": Status.SUBMITTED,
    "approve": Status.SUBMITTED,
    "adjust": Status.APPROVED,
}

CASES = [
    (persona, action, side)
    for persona, actions in EXPECTED.items()
    for action, side in itertools.product(actions, ["own", "other"])
]


def attempt(user: User, action: str, declaration: Declaration) -> str:
    """Do ``action`` through the services and say how it went: ok, 403 or 404."""
    try:
        if action == "view":
            get_declaration(user, declaration.pk)
        elif action == "edit":
            save_document(user, declaration, declaration.as_document(), declaration.version)
        else:
            comments = [CommentInput("请补充指标")] if action == "return" else []
            perform(user, declaration, Action(action), declaration.version, comments)
    except NotVisibleError:
        return "404"
    except ActionNotPermittedError:
        return "403"
    return "ok"


@pytest.mark.parametrize(("persona", "action", "side"), CASES)
def test_persona_action_side(
    world: World, declare: Declare, persona: str, action: str, side: str
) -> None:
    organisation = world.tianhe if side == "own" else world.yuexiu
    declaration = declare(organisation, STATUS_FOR[action])
    expected = EXPECTED[persona][action][0 if side == "own" else 1]
    assert attempt(getattr(world, persona), action, declaration) == expected
    if expected != "ok":
        declaration.refresh_from_db()
        assert (declaration.status, declaration.version) == (STATUS_FOR[action], 1)


def test_a_department_never_sees_another_departments_drafts(world: World, declare: Declare) -> None:
    draft = declare(world.tianhe, Status.DRAFT)
    assert attempt(world.officer, "view", draft) == "ok"
    assert attempt(world.other_officer, "view", draft) == "404"
    assert attempt(world.admin, "view", draft) == "ok"


def test_reviewers_see_a_declaration_once_submitted(world: World, declare: Declare) -> None:
    draft = declare(world.tianhe, Status.DRAFT)
    assert attempt(world.reviewer, "view", draft) == "404"
    perform(world.officer, draft, Action.SUBMIT, draft.version)
    assert attempt(world.reviewer, "view", draft) == "ok"


def test_reviewers_review_only_departments_directly_under_their_bureau(
    world: World, declare: Declare
) -> None:
    city_level = declare(world.city_department, Status.SUBMITTED)
    district_level = declare(world.tianhe, Status.SUBMITTED)
    assert attempt(world.city_reviewer, "view", city_level) == "ok"
    assert attempt(world.city_reviewer, "view", district_level) == "404"
    assert attempt(world.reviewer, "view", city_level) == "404"


def test_deactivated_user_loses_access(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.SUBMITTED)
    world.reviewer.is_active = False
    world.reviewer.save()
    assert attempt(world.reviewer, "view", declaration) == "404"
    assert attempt(world.reviewer, "approve", declaration) == "404"
    assert not visible_declarations(world.reviewer).exists()


def test_superuser_without_role_acts_as_administrator(world: World, declare: Declare) -> None:
    superuser = User.objects.create_superuser("root", password=None)
    declaration = declare(world.yuexiu, Status.SUBMITTED)
    assert attempt(superuser, "approve", declaration) == "ok"


def test_visible_declarations_agrees_with_the_view_rule(world: World, declare: Declare) -> None:
    declarations = [
        declare(organisation, status)
        for organisation in [world.tianhe, world.yuexiu, world.city_department]
        for status in Status
    ]
    people = [
        world.officer,
        world.reviewer,
        world.outsider,
        world.admin,
        world.other_officer,
        world.other_reviewer,
        world.city_reviewer,
    ]
    for user in people:
        visible = set(visible_declarations(user).values_list("pk", flat=True))
        allowed = {d.pk for d in declarations if user.has_perm(VIEW, d)}
        assert visible == allowed, user.username
        assert bool(visible) is (user != world.outsider), user.username


def test_object_permissions_answer_for_menus(world: World, declare: Declare) -> None:
    submitted = declare(world.tianhe, Status.SUBMITTED)
    assert world.reviewer.has_perm(PERMISSIONS[Action.APPROVE], submitted)
    assert not world.officer.has_perm(PERMISSIONS[Action.APPROVE], submitted)
    assert not world.other_reviewer.has_perm(PERMISSIONS[Action.APPROVE], submitted)
    assert not world.reviewer.has_perm(PERMISSIONS[Action.APPROVE])


@pytest.mark.parametrize(
    ("persona", "where", "expected"),
    [
        ("officer", "tianhe", True),
        ("officer", "yuexiu", False),
        ("reviewer", "tianhe", False),
        ("outsider", "tianhe", False),
        ("admin", "yuexiu", True),
    ],
)
def test_who_may_declare_for_a_department(
    world: World, tianhe_document_json: dict[str, Any], persona: str, where: str, expected: bool
) -> None:
    user: User = getattr(world, persona)
    organisation: Organisation = getattr(world, where)
    assert user.has_perm(ADD, organisation) is expected
    document = Declaration(document=tianhe_document_json).as_document()
    if expected:
        declaration = create_declaration(user, organisation, document)
        assert (declaration.status, declaration.version) == (Status.DRAFT, 1)
    else:
        with pytest.raises(ActionNotPermittedError, match="您无权为该单位新建申报"):
            create_declaration(user, organisation, document)


def test_declarations_are_only_for_departments(
    world: World, tianhe_document_json: dict[str, Any]
) -> None:
    document = Declaration(document=tianhe_document_json).as_document()
    with pytest.raises(InvalidDeclarationError, match="只能为预算部门新建申报"):
        create_declaration(world.admin, world.tianhe_bureau, document)
