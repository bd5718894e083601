"""The workflow through the services and the database: every transition, allowed or refused,
the comments of a return, and the refusal of a save made from a stale copy."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from jixiao.errors import NotATargetTableError
from tests.web.conftest import SAMPLES, Declare, World, make_user
from tests.web.test_workflow import BUREAU_ACTIONS, POLICY
from web.declarations.errors import CommentRequiredError, InvalidDeclarationError, StaleVersionError
from web.declarations.items import UnknownItemError
from web.declarations.models import Declaration
from web.declarations.services import (
    CommentInput,
    import_file,
    perform,
    save_document,
)
from web.workflow import Action, InvalidTransitionError, Role, Status

S, A = Status, Action


def act(user: User, declaration: Declaration, action: Action, version: int | None = None) -> None:
    """Do ``action`` from ``version`` (default: the declaration's current one)."""
    version = declaration.version if version is None else version
    if action is A.EDIT:
        document = declaration.as_document()
        document.overall_goal = f"{document.overall_goal}（修改）"
        save_document(user, declaration, document, version)
    else:
        comments = [CommentInput("请补充满意度指标", "indicators/0")] if action is A.RETURN else []
        perform(user, declaration, action, version, comments)


def actor(world: World, action: Action) -> User:
    return world.reviewer if action in BUREAU_ACTIONS else world.officer


ALLOWED = sorted(POLICY, key=str)
REFUSED = [pair for pair in itertools.product(Status, Action) if pair not in POLICY]


@pytest.mark.parametrize(("status", "action"), ALLOWED)
def test_allowed_transition(world: World, declare: Declare, status: Status, action: Action) -> None:
    declaration = declare(world.tianhe, status)
    user = actor(world, action)
    act(user, declaration, action)
    declaration.refresh_from_db()
    assert (declaration.status, declaration.version) == (POLICY[status, action], 2)
    record = declaration.history.latest()
    assert (record.history_user, record.status, record.version) == (user, declaration.status, 2)
    assert record.history_change_reason.startswith(action.label)


@pytest.mark.parametrize(("status", "action"), ALLOWED)
def test_administrator_may_do_every_allowed_transition(
    world: World, declare: Declare, status: Status, action: Action
) -> None:
    declaration = declare(world.yuexiu, status)
    act(world.admin, declaration, action)
    declaration.refresh_from_db()
    assert declaration.status == POLICY[status, action]


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_refused_transition(world: World, declare: Declare, status: Status, action: Action) -> None:
    """Refused whoever asks: even an administrator, who may do every action and see all."""
    declaration = declare(world.tianhe, status)
    before = declaration.document
    with pytest.raises(InvalidTransitionError) as refused:
        act(world.admin, declaration, action)
    assert (refused.value.status, refused.value.action) == (status, action)
    declaration.refresh_from_db()
    assert (declaration.status, declaration.version) == (status, 1)
    assert declaration.document == before
    assert declaration.history.count() == 1


def test_the_whole_road_to_approval_and_an_adjustment(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, S.DRAFT)
    steps = [
        (world.officer, A.EDIT, S.DRAFT),
        (world.officer, A.SUBMIT, S.SUBMITTED),
        (world.reviewer, A.RETURN, S.RETURNED),
        (world.officer, A.EDIT, S.RETURNED),
        (world.officer, A.SUBMIT, S.RESUBMITTED),
        (world.reviewer, A.APPROVE, S.APPROVED),
        (world.officer, A.ADJUST, S.ADJUSTING),
        (world.officer, A.EDIT, S.ADJUSTING),
        (world.officer, A.SUBMIT, S.SUBMITTED),
        (world.reviewer, A.APPROVE, S.APPROVED),
    ]
    for version, (user, action, expected) in enumerate(steps, start=1):
        act(user, declaration, action, version)
        assert (declaration.status, declaration.version) == (expected, version + 1)
    assert declaration.history.count() == len(steps) + 1


def test_approved_declaration_is_frozen(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, S.APPROVED)
    with pytest.raises(InvalidTransitionError, match="状态为“已批复”的申报不能修改"):
        act(world.officer, declaration, A.EDIT)


def test_return_keeps_comments_per_item(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, S.SUBMITTED)
    indicator = declaration.document["indicators"][2]["name"]
    comments = [
        CommentInput("指标值不可衡量，请量化", "indicators/2"),
        CommentInput("总体目标过于笼统", "overall_goal"),
        CommentInput("请核对资金合计"),
        CommentInput("   "),
    ]
    perform(world.reviewer, declaration, A.RETURN, 1, comments)
    saved = list(declaration.comments.values_list("item_path", "item_label", "text"))
    assert saved == [
        ("indicators/2", indicator, "指标值不可衡量，请量化"),
        ("overall_goal", "总体绩效目标", "总体目标过于笼统"),
        ("", "", "请核对资金合计"),
    ]
    assert {c.declaration_version for c in declaration.comments.all()} == {1}
    assert {c.author for c in declaration.comments.all()} == {world.reviewer}
    assert declaration.history.latest().history_change_reason == "退回（3 条意见）"


@pytest.mark.parametrize("comments", [[], [CommentInput("  ")]])
def test_return_needs_a_comment(
    world: World, declare: Declare, comments: list[CommentInput]
) -> None:
    declaration = declare(world.tianhe, S.SUBMITTED)
    with pytest.raises(CommentRequiredError, match="退回申报时请至少填写一条审核意见"):
        perform(world.reviewer, declaration, A.RETURN, 1, comments)


def test_comment_on_a_missing_item_changes_nothing(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, S.SUBMITTED)
    with pytest.raises(UnknownItemError, match="申报中没有条目“indicators/999”"):
        perform(world.reviewer, declaration, A.RETURN, 1, [CommentInput("?", "indicators/999")])
    declaration.refresh_from_db()
    assert (declaration.status, declaration.version) == (S.SUBMITTED, 1)
    assert not declaration.comments.exists()


def test_second_of_two_concurrent_edits_is_refused(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, S.DRAFT)
    # Two people open the same declaration (version 1) …
    first = Declaration.objects.get(pk=declaration.pk)
    second = Declaration.objects.get(pk=declaration.pk)
    mine, theirs = first.as_document(), second.as_document()
    mine.overall_goal, theirs.overall_goal = "甲的目标", "乙的目标"
    # … the first saves, then the second saves from the copy they opened.
    save_document(world.officer, first, mine, 1)
    with pytest.raises(StaleVersionError) as refused:
        save_document(world.officer, second, theirs, 1)
    assert str(refused.value) == (
        "保存被拒绝：此申报在您打开之后已被天河司法填报人修改（您看到的是第 1 版，当前为第 2 版）。"
        "请刷新页面查看最新内容后再操作，您的修改不会覆盖他人的修改。"
    )
    assert refused.value.http_status == 409
    declaration.refresh_from_db()
    assert (declaration.version, declaration.document["overall_goal"]) == (2, "甲的目标")


def test_stale_review_decision_is_refused(world: World, declare: Declare) -> None:
    second_reviewer = make_user("天河财政审核人二", Role.REVIEWER, world.tianhe_bureau)
    declaration = declare(world.tianhe, S.SUBMITTED)
    perform(world.reviewer, declaration, A.RETURN, 1, [CommentInput("请修改")])
    with pytest.raises(StaleVersionError):
        perform(second_reviewer, declaration, A.APPROVE, 1)
    declaration.refresh_from_db()
    assert (declaration.status, declaration.version) == (S.RETURNED, 2)


def test_import_a_published_table(world: World) -> None:
    declaration = import_file(
        world.officer, world.tianhe, SAMPLES / "tianhe-2025-department-tabbed-html.txt"
    )
    assert (declaration.status, declaration.version, declaration.fiscal_year) == (S.DRAFT, 1, 2025)
    assert declaration.title == "广州市天河区司法局2025年部门整体预算绩效目标申报表"
    assert declaration.department_name == "广州市天河区司法局"
    assert declaration.kind == "department"
    assert declaration.source_file == "tianhe-2025-department-tabbed-html.txt"
    assert declaration.created_by == world.officer
    assert declaration.as_document().department == "广州市天河区司法局"
    assert (
        declaration.history.get().history_change_reason
        == "导入 tianhe-2025-department-tabbed-html.txt"
    )


def test_import_needs_a_fiscal_year(world: World) -> None:
    path = SAMPLES / "tianhe-2025-project-pdftext.txt"  # the table states no year
    with pytest.raises(InvalidDeclarationError, match="未写明预算年度"):
        import_file(world.officer, world.tianhe, path)
    declaration = import_file(world.officer, world.tianhe, path, fiscal_year=2025)
    assert (declaration.fiscal_year, declaration.kind) == (2025, "project")
    assert declaration.title == "项目支出绩效目标表（含转移支付项目）"


def test_import_of_a_file_that_is_no_table_raises_the_core_error(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "note.txt"
    path.write_text("会议通知\n", encoding="utf-8")
    with pytest.raises(NotATargetTableError):
        import_file(world.officer, world.tianhe, path)
    assert not Declaration.objects.exists()
