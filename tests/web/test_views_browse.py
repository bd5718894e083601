"""The declaration list (filters, grouping, finding counts), the reviewers' queue and search:
each shows only what the user may see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache as django_cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import Declare, World
from tests.web.test_views_detail import GUANGZHOU_PROJECT, TIANHE_PROJECT, declare_sample
from web.declarations.findings import review_findings
from web.declarations.models import Declaration
from web.declarations.services import CommentInput, perform
from web.declarations.views import browse
from web.workflow import Action, Status


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    django_cache.clear()  # finding counts are cached per pk and version
    yield
    django_cache.clear()


def get(user: User | None, name: str, query: str = "") -> Any:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name) + query)


def listed(user: User, query: str = "") -> list[int]:
    """Primary keys of the declaration rows the list shows, in order."""
    html = get(user, "declaration-list", query).content.decode()
    return [int(pk) for pk in re.findall(r'data-testid="declaration-row" data-pk="(\d+)"', html)]


def queued(user: User) -> list[int]:
    html = get(user, "review-queue").content.decode()
    return [int(pk) for pk in re.findall(r'data-testid="queue-row" data-pk="(\d+)"', html)]


def row_html(html: str, pk: int) -> str:
    match = re.search(rf'<tr data-testid="\w+-row" data-pk="{pk}">.*?</tr>', html, re.DOTALL)
    assert match is not None
    return match.group(0)


def found(user: User, q: str) -> list[tuple[int, str, str]]:
    """``(pk, what matched, href)`` of each search match."""
    html = get(user, "search", f"?q={q}").content.decode()
    results = []
    for section in re.findall(
        r'<section class="card mb-3" data-testid="search-result".*?</section>', html, re.DOTALL
    ):
        pk = int(re.search(r'data-pk="(\d+)"', section).group(1))  # type: ignore[union-attr]
        for what, href in re.findall(
            r'data-testid="search-match" data-match-kind="([^"]+)".*?<a href="([^"]+)"',
            section,
            re.DOTALL,
        ):
            results.append((pk, what, href))
    return results


# --- the list -------------------------------------------------------------------------------


def test_each_persona_lists_only_what_they_may_see(world: World, declare: Declare) -> None:
    own_draft = declare(world.tianhe, Status.DRAFT)
    own_submitted = declare(world.tianhe, Status.SUBMITTED)
    other_submitted = declare(world.yuexiu, Status.SUBMITTED)
    other_draft = declare(world.yuexiu, Status.DRAFT)
    assert sorted(listed(world.officer)) == [own_draft.pk, own_submitted.pk]
    assert listed(world.reviewer) == [own_submitted.pk]  # never a draft
    assert listed(world.other_officer) == sorted([other_submitted.pk, other_draft.pk])
    assert sorted(listed(world.admin)) == sorted(
        [own_draft.pk, own_submitted.pk, other_submitted.pk, other_draft.pk]
    )
    assert listed(world.outsider) == []
    assert "暂无申报" in get(world.outsider, "declaration-list").content.decode()


def test_list_shows_status_version_and_finding_counts(world: World) -> None:
    projects = declare_sample(world.tianhe, TIANHE_PROJECT, Status.SUBMITTED)
    html = get(world.reviewer, "declaration-list").content.decode()
    row = row_html(html, projects.pk)
    assert 'data-testid="finding-count-error" title="错误">错误 23<' in row
    assert 'data-testid="finding-count-warning" title="警告">警告 41<' in row
    assert '<span class="badge text-bg-primary" data-testid="status-badge">已提交</span>' in row
    assert "第 1 版" in row and "项目支出" in row
    assert f'href="{reverse("declaration-detail", args=[projects.pk])}"' in row
    assert "{#" not in html and "{%" not in html


def test_list_is_grouped_by_year_newest_first(world: World, declare: Declare) -> None:
    older = declare_sample(world.tianhe, GUANGZHOU_PROJECT, year=2023)
    newer = declare(world.tianhe)
    html = get(world.officer, "declaration-list").content.decode()
    assert re.findall(r'data-testid="year-group" data-year="(\d+)"', html) == ["2025", "2023"]
    assert listed(world.officer) == [newer.pk, older.pk]


def test_filters_by_year_status_and_kind(world: World, declare: Declare) -> None:
    department = declare(world.tianhe, Status.DRAFT)
    submitted = declare(world.tianhe, Status.SUBMITTED)
    projects_2023 = declare_sample(world.tianhe, GUANGZHOU_PROJECT, Status.APPROVED, year=2023)
    assert listed(world.officer, "?year=2023") == [projects_2023.pk]
    assert listed(world.officer, "?status=submitted") == [submitted.pk]
    assert listed(world.officer, "?kind=project") == [projects_2023.pk]
    assert listed(world.officer, "?year=2025&kind=department&status=draft") == [department.pk]
    assert listed(world.officer, "?year=2024") == []
    assert len(listed(world.officer, "?year=abc&status=nonsense&kind=x")) == 3  # ignored
    html = get(world.officer, "declaration-list", "?year=2023&kind=project").content.decode()
    assert '<option value="2023" selected>' in html and '<option value="project" selected>' in html
    assert 'data-testid="filter-reset"' in html


def test_list_reviews_each_version_once(
    world: World, declare: Declare, monkeypatch: pytest.MonkeyPatch
) -> None:
    declaration = declare(world.tianhe, Status.DRAFT)
    calls: list[int] = []

    def counting(document: Any) -> Any:
        calls.append(1)
        return review_findings(document)

    monkeypatch.setattr("web.declarations.views.browse.review_findings", counting)
    listed(world.officer)
    listed(world.officer)
    assert len(calls) == 1
    _stamp, counts = django_cache.get(f"findings:{declaration.pk}:1")
    assert counts == {"error": 0, "warning": 8, "info": 16}
    perform(world.officer, declaration, Action.SUBMIT, 1)  # version 2: a new cache key
    listed(world.officer)
    assert len(calls) == 2


def test_a_reused_primary_key_is_not_served_stale_counts(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.DRAFT)
    django_cache.set(
        f"findings:{declaration.pk}:1", ("another row", {"error": 99, "warning": 0, "info": 0})
    )
    assert browse.finding_counts([declaration])[declaration.pk]["error"] == 0


# --- the queue ------------------------------------------------------------------------------


def test_queue_is_oldest_submission_first(world: World, declare: Declare) -> None:
    first_created = declare(world.tianhe, Status.DRAFT)
    waiting_longest = declare(world.tianhe, Status.SUBMITTED)
    resubmitted = declare(world.tianhe, Status.SUBMITTED)
    declare(world.tianhe, Status.APPROVED)
    declare(world.tianhe, Status.RETURNED)
    declare(world.yuexiu, Status.SUBMITTED)  # another bureau's
    perform(world.reviewer, resubmitted, Action.RETURN, 1, [CommentInput("请修改")])
    perform(world.officer, resubmitted, Action.SUBMIT, 2)
    perform(world.officer, first_created, Action.SUBMIT, 1)  # created first, submitted last
    assert queued(world.reviewer) == [waiting_longest.pk, resubmitted.pk, first_created.pk]
    html = get(world.reviewer, "review-queue").content.decode()
    assert "已重新提交" in row_html(html, resubmitted.pk)
    assert "天河司法填报人" in row_html(html, first_created.pk)


def test_queue_orders_by_the_latest_submission(world: World, declare: Declare) -> None:
    a = declare(world.tianhe, Status.SUBMITTED)
    b = declare(world.tianhe, Status.SUBMITTED)
    a_history = a.history.get()
    a_history.history_date = timezone.now() + timedelta(hours=1)  # submitted after b
    a_history.save()
    assert queued(world.reviewer) == [b.pk, a.pk]
    submitted = browse.submissions([a, b])
    assert submitted[a.pk][0] > submitted[b.pk][0]


def test_queue_of_admin_and_of_other_reviewers(world: World, declare: Declare) -> None:
    tianhe = declare(world.tianhe, Status.SUBMITTED)
    yuexiu = declare(world.yuexiu, Status.RESUBMITTED)
    assert queued(world.admin) == [tianhe.pk, yuexiu.pk]
    assert queued(world.other_reviewer) == [yuexiu.pk]
    assert queued(world.city_reviewer) == []  # the districts' departments are not under the city
    assert 'data-testid="queue-empty"' in get(world.city_reviewer, "review-queue").content.decode()


@pytest.mark.parametrize("persona", ["officer", "outsider"])
def test_queue_is_refused_to_non_reviewers(world: World, declare: Declare, persona: str) -> None:
    declare(world.tianhe, Status.SUBMITTED)
    response = get(getattr(world, persona), "review-queue")
    assert response.status_code == 403
    assert "您无权查看待审核队列" in response.content.decode()


def test_queue_and_list_need_a_login(db: None) -> None:
    for name in ("review-queue", "declaration-list", "search"):
        response = get(None, name)
        assert response.status_code == 302 and reverse("login") in response["Location"]


# --- search ---------------------------------------------------------------------------------


def test_search_finds_an_indicator_only_where_visible(world: World) -> None:
    draft = declare_sample(world.tianhe, TIANHE_PROJECT, Status.DRAFT)
    detail = reverse("declaration-detail", args=[draft.pk])
    expected = [(draft.pk, "指标", f"{detail}#item-projects-3-indicators-3")]
    assert found(world.officer, "慰问对象满意率") == expected
    assert found(world.admin, "慰问对象满意率") == expected
    assert found(world.reviewer, "慰问对象满意率") == []  # a draft stays with the department
    assert found(world.other_officer, "慰问对象满意率") == []
    assert found(world.outsider, "慰问对象满意率") == []
    Declaration.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    assert found(world.reviewer, "慰问对象满意率") == expected
    assert found(world.other_reviewer, "慰问对象满意率") == []


def test_search_says_what_matched(world: World, declare: Declare) -> None:
    projects = declare_sample(world.tianhe, TIANHE_PROJECT)
    department = declare(world.tianhe)
    yuexiu = declare(world.yuexiu)
    by_department = found(world.admin, "越秀")
    assert by_department == [(yuexiu.pk, "部门", reverse("declaration-detail", args=[yuexiu.pk]))]
    by_project = found(world.admin, "维修维护费")
    assert by_project[0][:2] == (projects.pk, "项目")
    assert by_project[0][2].endswith("#item-projects-0")
    by_indicator = found(world.officer, "受援人满意度")
    assert by_indicator == [
        (
            department.pk,
            "指标",
            reverse("declaration-detail", args=[department.pk]) + "#item-indicators-21",
        )
    ]
    html = get(world.officer, "search", "?q=受援人").content.decode()
    assert "<mark>受援人</mark>满意度（%）" in html


def test_search_without_results_or_query(world: World, declare: Declare) -> None:
    declare(world.tianhe)
    html = get(world.officer, "search", "?q=不存在的指标名称").content.decode()
    assert 'data-testid="search-empty"' in html and "没有找到“不存在的指标名称”" in html
    html = get(world.officer, "search").content.decode()
    assert 'data-testid="search-input"' in html and 'data-testid="search-empty"' not in html
