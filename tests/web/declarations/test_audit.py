"""Every change of a declaration is on record: who, when, why, before and after."""

from __future__ import annotations

import contextlib

from django.utils import timezone

from tests.web.conftest import Declare, World
from web.declarations.audit import Change, audit_trail, document_changes
from web.declarations.services import CommentInput, perform, save_document
from web.workflow import Action, InvalidTransitionError, Status


def test_audit_trail_of_a_review_round(world: World, declare: Declare) -> None:
    started = timezone.now()
    declaration = declare(world.tianhe, Status.DRAFT)
    old_name = declaration.document["indicators"][0]["name"]
    document = declaration.as_document()
    document.indicators[0].name = "法律援助案件数（件）"
    save_document(world.officer, declaration, document, 1)
    perform(world.officer, declaration, Action.SUBMIT, 2)
    perform(world.reviewer, declaration, Action.RETURN, 3, [CommentInput("请补充说明")])

    created, edited, submitted, returned = audit_trail(declaration)
    assert (created.version, created.status, created.changes) == (1, "draft", [])
    assert (edited.user, edited.reason, edited.version) == ("天河司法填报人", "修改", 2)
    assert sorted(edited.changes, key=lambda c: c.path) == [
        Change("document/indicators/0/name", old_name, "法律援助案件数（件）"),
        Change("version", 1, 2),
    ]
    assert (submitted.user, submitted.reason) == ("天河司法填报人", "提交")
    assert Change("status", "draft", "submitted") in submitted.changes
    assert (returned.user, returned.reason) == ("天河财政审核人", "退回（1 条意见）")
    assert Change("status", "submitted", "returned") in returned.changes
    assert all(started <= entry.when <= timezone.now() for entry in (edited, returned))


def test_refused_change_leaves_no_trace(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.APPROVED)
    with contextlib.suppress(InvalidTransitionError):  # the refusal is tested in test_services
        save_document(world.officer, declaration, declaration.as_document(), 1)
    assert len(audit_trail(declaration)) == 1


def test_document_changes_name_the_items_that_changed() -> None:
    before = {"overall_goal": "甲", "indicators": [{"name": "a"}, {"name": "b"}], "notes": []}
    after = {"overall_goal": "乙", "indicators": [{"name": "a"}], "notes": ["注"], "title": "表"}
    assert document_changes(before, after) == [
        Change("overall_goal", "甲", "乙"),
        Change("indicators/1", {"name": "b"}, None),
        Change("notes/0", None, "注"),
        Change("title", None, "表"),
    ]


def test_document_changes_of_equal_documents_is_empty() -> None:
    value = {"a": [1, {"b": None}]}
    assert document_changes(value, {"a": [1, {"b": None}]}) == []
