"""The workflow actions through the pages: the buttons of the detail page, 提交, 退回 with a
comment per item, 批复 (confirmed when error findings remain), 申请调整, and every refusal —
wrong role, invisible declaration, stale version, missing comment, no CSRF token."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from jixiao.ingest import load
from jixiao.serialize import document_to_dict
from tests.web.conftest import SAMPLES, Declare, World
from web.declarations.findings import review_findings
from web.declarations.models import Declaration, ReviewComment
from web.declarations.services import save_document
from web.permissions import role_of
from web.workflow import Action, Status, allowed_actions

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

TIANHE_PROJECT = SAMPLES / "tianhe-2025-project-pdftext.txt"


@pytest.fixture(scope="session")
def project_document_json() -> dict[str, Any]:
    return document_to_dict(load(TIANHE_PROJECT))


@pytest.fixture
def declare_projects(world: World, project_document_json: dict[str, Any]) -> Declare:
    """A declaration of 天河 holding the published 项目支出 table (22 projects, 110
    indicators, 23 error findings), in ``status``."""

    def make(status: Status = Status.SUBMITTED) -> Declaration:
        declaration = Declaration(organisation=world.tianhe, fiscal_year=2025, status=status)
        declaration.set_document(copy.deepcopy(project_document_json))
        declaration.save()
        return declaration

    return make


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def action_url(declaration: Declaration, action: str) -> str:
    return reverse("declaration-action", args=[declaration.pk, action])


def post(user: User, declaration: Declaration, action: str, **data: Any) -> Response:
    data.setdefault("version", declaration.version)
    return client_for(user).post(action_url(declaration, action), data)


def flashed(response: Response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def detail_url(declaration: Declaration) -> str:
    return reverse("declaration-detail", args=[declaration.pk])


def state(declaration: Declaration) -> tuple[str, int]:
    declaration.refresh_from_db()
    return declaration.status, declaration.version


# --- the buttons ----------------------------------------------------------------------------


def render_actions(user: User, declaration: Declaration) -> str:
    request = RequestFactory().get(detail_url(declaration))
    request.user = user
    context = {
        "declaration": declaration,
        "allowed_actions": allowed_actions(declaration.status_enum, role_of(user)),
        "version": declaration.version,
    }
    return render_to_string("declarations/_actions.html", context, request)


def test_officer_sees_edit_link_and_submit_form_with_the_shown_version(
    world: World, declare: Declare
) -> None:
    declaration = declare(status=Status.DRAFT)
    html = render_actions(world.officer, declaration)
    edit = reverse("declaration-edit", args=[declaration.pk])
    assert f'href="{edit}" data-testid="action-edit">修改</a>' in html
    assert f'action="{action_url(declaration, "submit")}"' in html
    assert 'data-testid="action-submit">提交</button>' in html
    assert f'name="version" value="{declaration.version}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "action-approve" not in html and "action-return" not in html
    assert 'data-testid="export-xlsx"' in html and 'data-testid="export-html"' in html


def test_reviewer_sees_return_link_and_approve_form(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    html = render_actions(world.reviewer, declaration)
    assert f'href="{action_url(declaration, "return")}" data-testid="action-return">退回' in html
    assert 'data-testid="action-approve">批复</button>' in html
    assert "action-submit" not in html and "action-edit" not in html


def test_officer_sees_adjust_on_an_approved_declaration(world: World, declare: Declare) -> None:
    html = render_actions(world.officer, declare(status=Status.APPROVED))
    assert 'data-testid="action-adjust">申请调整</button>' in html
    assert "action-edit" not in html and "action-submit" not in html


# --- submit, resubmit, adjust ---------------------------------------------------------------


def test_officer_submits_a_draft(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.DRAFT)
    response = post(world.officer, declaration, "submit")
    assert response.status_code == 302 and response["Location"] == detail_url(declaration)
    assert flashed(response) == ["已提交"]
    assert state(declaration) == (Status.SUBMITTED, 2)
    assert declaration.history.latest().history_user == world.officer


def test_officer_resubmits_a_returned_declaration(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.RETURNED)
    response = post(world.officer, declaration, "submit")
    assert flashed(response) == ["已重新提交"]
    assert state(declaration) == (Status.RESUBMITTED, 2)


def test_officer_adjusts_an_approved_declaration_and_may_edit_it_again(
    world: World, declare: Declare
) -> None:
    declaration = declare(status=Status.APPROVED)
    response = post(world.officer, declaration, "adjust")
    assert response["Location"] == detail_url(declaration)
    assert flashed(response) == ["已申请调整：申报回到“调整中”，修改后请重新提交审核"]
    assert state(declaration) == (Status.ADJUSTING, 2)
    assert Action.EDIT in allowed_actions(declaration.status_enum, role_of(world.officer))
    assert 'data-testid="action-edit"' in render_actions(world.officer, declaration)


def test_get_shows_a_confirmation_page_and_changes_nothing(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.DRAFT)
    response = client_for(world.officer).get(action_url(declaration, "submit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="confirm-submit">提交</button>' in html
    assert f'name="version" value="{declaration.version}"' in html
    assert "提交后由财政部门审核" in html
    assert 'data-testid="count-error">错误 0</span>' in html
    assert state(declaration) == (Status.DRAFT, 1)


# --- approve --------------------------------------------------------------------------------


def test_reviewer_approves_a_declaration_without_error_findings(
    world: World, declare: Declare
) -> None:
    declaration = declare(status=Status.RESUBMITTED)
    assert review_findings(declaration.as_document()).counts()["error"] == 0
    response = post(world.reviewer, declaration, "approve")
    assert flashed(response) == ["已批复"]
    assert state(declaration) == (Status.APPROVED, 2)
    assert not declaration.comments.exists()


def test_approving_with_error_findings_asks_for_confirmation_first(
    world: World, declare_projects: Declare
) -> None:
    declaration = declare_projects(Status.SUBMITTED)
    response = post(world.reviewer, declaration, "approve", comment="经沟通，满意度指标下年补充")
    html = response.content.decode()
    assert response.status_code == 200
    assert "此申报仍有 23 条错误级审核意见" in html
    assert 'data-testid="acknowledge-errors"' in html
    assert html.count('data-testid="finding-item"') == 23
    assert "经沟通，满意度指标下年补充</textarea>" in html  # the note is kept
    assert state(declaration) == (Status.SUBMITTED, 1)
    assert not declaration.comments.exists()


def test_confirmed_approval_with_errors_is_recorded_as_a_comment(
    world: World, declare_projects: Declare
) -> None:
    declaration = declare_projects(Status.SUBMITTED)
    response = post(
        world.reviewer, declaration, "approve", acknowledge_errors="1", comment="经沟通同意"
    )
    assert flashed(response) == ["已批复"]
    assert state(declaration) == (Status.APPROVED, 2)
    comment = declaration.comments.get()
    assert (comment.item_path, comment.author, comment.declaration_version) == (
        "",
        world.reviewer,
        1,
    )
    assert comment.text == "批复时仍有 23 条错误级审核意见，审核人已确认批复。\n经沟通同意"


def test_approve_page_lists_the_error_findings_with_their_items(
    world: World, declare_projects: Declare
) -> None:
    declaration = declare_projects(Status.SUBMITTED)
    html = client_for(world.reviewer).get(action_url(declaration, "approve")).content.decode()
    assert "错误级审核意见（23 条）" in html
    assert "<strong>慰问对象满意率</strong>" in html
    assert "<strong>区管退休干部节日慰问经费</strong>" in html


# --- return ---------------------------------------------------------------------------------


def test_return_form_lists_every_item_grouped_like_the_table(
    world: World, declare: Declare
) -> None:
    declaration = declare(status=Status.SUBMITTED)
    document = declaration.as_document()
    response = client_for(world.reviewer).get(action_url(declaration, "return"))
    html = response.content.decode()
    assert response.status_code == 200
    for key in ("document", "budget", "overall_goal", "tasks", "indicators"):
        assert f'data-testid="return-group-{key}"' in html
    assert html.count('data-testid="comment-indicators/') == len(document.indicators) == 23
    assert html.count('data-testid="comment-tasks/') == len(document.tasks) == 4
    assert 'name="comment:" id="comment-document"' in html
    assert f">{document.indicators[0].name}</label>" in html
    assert f">{document.tasks[0].name}</label>" in html
    # findings are offered as suggestions beside their item
    warning = review_findings(document).by_path()["indicators/0"][0]
    assert f'name="suggest:indicators/0" value="{warning.message}"' in html


def test_return_form_of_a_project_table_has_one_group_per_project(
    world: World, declare_projects: Declare
) -> None:
    declaration = declare_projects(Status.SUBMITTED)
    html = client_for(world.reviewer).get(action_url(declaration, "return")).content.decode()
    assert html.count('data-testid="return-group-project-') == 22
    assert html.count('name="comment:projects/') == 22 + 110
    assert 'for="comment-projects/3/indicators/3">慰问对象满意率</label>' in html
    assert "总计 82.60 万元" in html


def test_reviewer_returns_with_comments_on_items(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    document = declaration.as_document()
    suggestion = review_findings(document).by_path()["indicators/0"][0].message
    response = post(
        world.reviewer,
        declaration,
        "return",
        **{
            "comment:": "请对照部门职责补充指标",
            "comment:indicators/3": "  请写明比较符号  ",
            "suggest:indicators/0": suggestion,
            "comment:tasks/1": "   ",
        },
    )
    assert response.status_code == 302 and response["Location"] == detail_url(declaration)
    assert flashed(response) == ["已退回（3 条意见）"]
    assert state(declaration) == (Status.RETURNED, 2)
    stored = [
        (c.item_path, c.item_label, c.text, c.author, c.declaration_version)
        for c in ReviewComment.objects.filter(declaration=declaration).order_by("pk")
    ]
    assert stored == [
        ("", "", "请对照部门职责补充指标", world.reviewer, 1),
        ("indicators/3", document.indicators[3].name, "请写明比较符号", world.reviewer, 1),
        ("indicators/0", document.indicators[0].name, suggestion, world.reviewer, 1),
    ]
    assert declaration.history.latest().history_change_reason == "退回（3 条意见）"


def test_returned_then_resubmitted_then_approved(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    post(world.reviewer, declaration, "return", **{"comment:indicators/2": "指标值不明确"})
    assert state(declaration) == (Status.RETURNED, 2)
    post(world.officer, declaration, "submit")
    assert state(declaration) == (Status.RESUBMITTED, 3)
    post(world.reviewer, declaration, "approve")
    assert state(declaration) == (Status.APPROVED, 4)
    assert declaration.comments.get().item_path == "indicators/2"


def test_return_of_a_project_indicator_is_labelled_with_its_name(
    world: World, declare_projects: Declare
) -> None:
    declaration = declare_projects(Status.SUBMITTED)
    post(
        world.reviewer,
        declaration,
        "return",
        **{"comment:projects/3/indicators/3": "应归入满意度指标"},
    )
    comment = declaration.comments.get()
    assert (comment.item_path, comment.item_label) == ("projects/3/indicators/3", "慰问对象满意率")


def test_return_without_a_comment_shows_the_form_again(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    response = post(
        world.reviewer, declaration, "return", **{"comment:": " ", "comment:indicators/1": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="form-error">退回申报时请至少填写一条审核意见</div>' in html
    assert f'name="version" value="{declaration.version}"' in html
    assert 'data-testid="return-submit"' in html
    assert state(declaration) == (Status.SUBMITTED, 1)
    assert not ReviewComment.objects.exists()


def test_stale_return_keeps_the_reviewers_comments(world: World, declare: Declare) -> None:
    """Two reviewers of the bureau open the form; the second to send it is refused (409),
    sees why, and keeps what they wrote, but may no longer return the declaration."""
    declaration = declare(status=Status.SUBMITTED)
    post(world.admin, declaration, "return", **{"comment:": "先退回"})
    response = post(
        world.reviewer, declaration, "return", version=1, **{"comment:indicators/5": "配置数量偏少"}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "保存被拒绝" in html and "已被管理员修改" in html
    assert "配置数量偏少</textarea>" in html
    assert 'data-testid="return-closed"' in html and 'data-testid="return-submit"' not in html
    assert state(declaration) == (Status.RETURNED, 2)
    assert [c.text for c in declaration.comments.all()] == ["先退回"]


# --- refusals -------------------------------------------------------------------------------


def test_officer_approving_gets_the_403_page(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    response = post(world.officer, declaration, "approve")
    assert response.status_code == 403
    assert "您无权批复此申报" in response.content.decode()
    assert state(declaration) == (Status.SUBMITTED, 1)


@pytest.mark.parametrize("method", ["get", "post"])
def test_officer_may_not_return(world: World, declare: Declare, method: str) -> None:
    declaration = declare(status=Status.SUBMITTED)
    client = client_for(world.officer)
    data = {"version": 1, "comment:": "自己退回"}
    response = getattr(client, method)(action_url(declaration, "return"), data)
    assert response.status_code == 403
    assert "您无权退回此申报" in response.content.decode()
    assert state(declaration) == (Status.SUBMITTED, 1)


@pytest.mark.parametrize("action", ["submit", "return", "approve", "adjust"])
def test_reviewer_on_a_draft_gets_404(world: World, declare: Declare, action: str) -> None:
    declaration = declare(status=Status.DRAFT)
    client = client_for(world.reviewer)
    assert client.get(action_url(declaration, action)).status_code == 404
    assert client.post(action_url(declaration, action), {"version": 1}).status_code == 404
    assert state(declaration) == (Status.DRAFT, 1)


def test_another_bureau_gets_404(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    response = post(world.other_reviewer, declaration, "approve")
    assert response.status_code == 404
    assert "申报不存在或无权查看" in response.content.decode()
    assert state(declaration) == (Status.SUBMITTED, 1)


def test_action_not_possible_in_this_status_is_refused(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    response = post(world.officer, declaration, "submit")
    assert response.status_code == 409
    assert "状态为“已提交”的申报不能提交" in response.content.decode()


def test_stale_version_redirects_with_a_message_and_changes_nothing(
    world: World, declare: Declare
) -> None:
    declaration = declare(status=Status.DRAFT)
    document = declaration.as_document()
    document.overall_goal = "已修改的总体绩效目标"
    save_document(world.officer, declaration, document, 1)
    response = post(world.officer, declaration, "submit", version=1)
    assert response.status_code == 302 and response["Location"] == detail_url(declaration)
    [message] = flashed(response)
    assert message.startswith("保存被拒绝：此申报在您打开之后已被天河司法填报人修改")
    assert "您看到的是第 1 版，当前为第 2 版" in message
    assert state(declaration) == (Status.DRAFT, 2)


@pytest.mark.parametrize("action", ["frobnicate", "edit", "SUBMIT"])
def test_unknown_action_is_404(world: World, declare: Declare, action: str) -> None:
    declaration = declare(status=Status.DRAFT)
    assert post(world.officer, declaration, action).status_code == 404
    assert state(declaration) == (Status.DRAFT, 1)


def test_post_needs_a_csrf_token(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.DRAFT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    response = client.post(action_url(declaration, "submit"), {"version": 1})
    assert response.status_code == 403
    assert state(declaration) == (Status.DRAFT, 1)


def test_only_get_and_post(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.DRAFT)
    client = client_for(world.officer)
    assert client.put(action_url(declaration, "submit")).status_code == 405
    assert client.delete(action_url(declaration, "submit")).status_code == 405
    assert state(declaration) == (Status.DRAFT, 1)


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "１"])
def test_post_without_a_valid_version_is_400(
    world: World, declare: Declare, version: str | None
) -> None:
    declaration = declare(status=Status.DRAFT)
    data = {} if version is None else {"version": version}
    response = client_for(world.officer).post(action_url(declaration, "submit"), data)
    assert response.status_code == 400
    assert "表单缺少有效的版本号" in response.content.decode()
    assert state(declaration) == (Status.DRAFT, 1)


def test_anonymous_user_is_sent_to_login(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.DRAFT)
    response = Client().post(action_url(declaration, "submit"), {"version": 1})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert state(declaration) == (Status.DRAFT, 1)


def test_administrator_may_return_another_bureaus_declaration(
    world: World, declare: Declare
) -> None:
    declaration = declare(world.yuexiu, Status.SUBMITTED)
    response = post(world.admin, declaration, "return", **{"comment:indicators/0": "请补充"})
    assert flashed(response) == ["已退回（1 条意见）"]
    assert state(declaration) == (Status.RETURNED, 2)
