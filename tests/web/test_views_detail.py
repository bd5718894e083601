"""The declaration page (the official table with findings and comments beside their items)
and its history, on the real published samples."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache as django_cache
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from jixiao.ingest import load
from jixiao.serialize import document_to_dict
from tests.web.conftest import SAMPLES, Declare, World
from web.declarations.models import Declaration
from web.declarations.services import CommentInput, perform, save_document
from web.organisations.models import Organisation
from web.workflow import Action, Status

TIANHE_PROJECT = "tianhe-2025-project-pdftext.txt"
GUANGZHOU_PROJECT = "guangzhou-2023-project-tabbed.txt"


@cache
def _sample_json(name: str) -> dict[str, Any]:
    return document_to_dict(load(SAMPLES / name))


def declare_sample(
    organisation: Organisation, name: str, status: Status = Status.DRAFT, year: int = 2025
) -> Declaration:
    """A declaration of ``organisation`` holding the published sample ``name``."""
    declaration = Declaration(organisation=organisation, fiscal_year=year, status=status)
    declaration.set_document(copy.deepcopy(_sample_json(name)))
    declaration.save()
    return declaration


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    django_cache.clear()  # finding counts are cached per pk and version
    yield
    django_cache.clear()


def page(user: User | None, name: str, *args: object, query: str = "") -> tuple[int, str]:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, args=args) + query)
    return response.status_code, response.content.decode()


def count(html: str, testid: str) -> int:
    return html.count(f'data-testid="{testid}"')


def element(html: str, attribute: str, value: str) -> str:
    """The first element of ``html`` whose ``attribute`` is ``value``, with its content."""
    start = re.search(rf'<(\w+)[^>]*\b{attribute}="{re.escape(value)}"', html)
    assert start is not None, f"no element with {attribute}={value}"
    tag, depth = start.group(1), 0
    for tag_match in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start.start() :]):
        depth += -1 if tag_match.group(1) else 1
        if depth == 0:
            return html[start.start() : start.start() + tag_match.end()]
    raise AssertionError(f"unclosed <{tag}>")


def by_id(html: str, element_id: str) -> str:
    return element(html, "id", element_id)


def by_testid(html: str, testid: str) -> str:
    return element(html, "data-testid", testid)


def findings_in(fragment: str) -> list[tuple[str, str]]:
    """``(severity, code)`` of each finding shown in ``fragment``."""
    pattern = r'data-testid="finding" data-code="([^"]+)" data-severity="([^"]+)"'
    return [(severity, code) for code, severity in re.findall(pattern, fragment)]


# --- permissions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status", "expected"),
    [
        ("officer", Status.DRAFT, 200),
        ("admin", Status.DRAFT, 200),
        ("reviewer", Status.DRAFT, 404),
        ("reviewer", Status.SUBMITTED, 200),
        ("other_officer", Status.SUBMITTED, 404),
        ("other_reviewer", Status.SUBMITTED, 404),
        ("outsider", Status.SUBMITTED, 404),
    ],
)
def test_who_may_open_a_declaration(
    world: World, declare: Declare, persona: str, status: Status, expected: int
) -> None:
    declaration = declare(world.tianhe, status)
    for name in ("declaration-detail", "declaration-history"):
        code, html = page(getattr(world, persona), name, declaration.pk)
        assert code == expected
        if expected == 404:
            assert "申报不存在或无权查看" in html
            assert declaration.title not in html


def test_unknown_declaration_is_404_and_anonymous_users_log_in(world: World) -> None:
    assert page(world.admin, "declaration-detail", 999)[0] == 404
    client = Client()
    response = client.get(reverse("declaration-detail", args=[1]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- the official tables --------------------------------------------------------------------


def test_tianhe_department_table(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.DRAFT)
    code, html = page(world.officer, "declaration-detail", declaration.pk)
    assert code == 200
    assert count(html, "task-row") == 4
    assert count(html, "indicator-row") == 23
    assert count(html, "empty-category-row") == 4
    budget = by_testid(html, "budget-overview")
    assert 'data-field="basic_expenditure">4,855.11<' in budget
    assert 'data-field="fiscal_appropriation">6,449.47<' in budget
    assert "（万元）" in budget
    assert "全面贯彻党的二十大" in by_testid(html, "overall-goal")
    assert '<th scope="rowgroup" rowspan="16" class="category">产出指标</th>' in html
    assert '<th scope="rowgroup" rowspan="11" class="category">数量指标</th>' in html
    row = by_id(html, "item-indicators-2")
    assert "业务宣传活动（场次）" in row and "≥21场" in row and "按“≥ 21 场”理解" in row
    assert 'id="item-tasks-0"' in html and "81.60" in by_id(html, "item-tasks-0")
    assert "1,516.03" in by_testid(html, "tasks-total")
    assert "{#" not in html and "#}" not in html  # no template comment leaks into the page


def test_tianhe_project_table(world: World) -> None:
    declaration = declare_sample(world.tianhe, TIANHE_PROJECT)
    code, html = page(world.officer, "declaration-detail", declaration.pk)
    assert code == 200
    assert count(html, "project-block") == 22
    assert count(html, "indicator-row") == 110
    assert count(html, "project-summary-row") == 22
    block = by_id(html, "item-projects-0")
    assert "机关业务用房和司法所维修维护费" in block
    assert 'data-field="amount_total">82.60<' in block
    assert "实施周期指标值" in block and "年度指标值" in block
    assert count(block, "indicator-row") == 5
    assert "1,485.34" in by_testid(html, "grand-total-row")


def test_guangzhou_project_table_is_fast(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    declaration = declare_sample(world.city_department, GUANGZHOU_PROJECT, year=2023)
    client = Client()
    client.force_login(world.admin)
    url = reverse("declaration-detail", args=[declaration.pk])
    # session, user, membership, declaration, comments (+ whatever the actions partial needs)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    html = response.content.decode()
    assert count(html, "project-block") == 29
    assert count(html, "indicator-row") == 141
    assert '<th scope="col">二级指标</th>' not in html  # the 2023 form has none


def test_finding_sits_in_the_row_of_its_indicator(world: World) -> None:
    declaration = declare_sample(world.tianhe, TIANHE_PROJECT)
    html = page(world.officer, "declaration-detail", declaration.pk)[1]
    row = by_id(html, "item-projects-3-indicators-3")
    assert "慰问对象满意率" in row
    assert ("error", "category-level2-wrong-parent") in findings_in(row)
    assert "不能放在一级指标“2-效益指标”下" in row
    # … and in no other row than the two misfiled indicators
    rows = re.findall(r'<tr id="(item-[^"]+)".*?</tr>', html, re.DOTALL)
    holders = [
        row_id
        for row_id in rows
        if ("error", "category-level2-wrong-parent") in findings_in(by_id(html, row_id))
    ]
    assert holders == ["item-projects-3-indicators-3", "item-projects-8-indicators-3"]


def test_findings_summary_counts_and_document_level_findings(world: World) -> None:
    declaration = declare_sample(world.tianhe, TIANHE_PROJECT)
    html = page(world.officer, "declaration-detail", declaration.pk)[1]
    summary = by_testid(html, "findings-summary")
    assert re.search(r'data-testid="findings-count-error">23<', summary)
    assert re.search(r'data-testid="findings-count-warning">41<', summary)
    assert re.search(r'data-testid="findings-count-info">68<', summary)
    assert findings_in(by_testid(html, "document-findings")) == [("warning", "fiscal-year-missing")]
    assert count(html, "finding") == 23 + 41 + 68
    assert count(html, "finding-link") == 23 + 41 + 68 - 1  # all but the document-level one


def test_findings_filtered_by_severity(world: World) -> None:
    declaration = declare_sample(world.tianhe, TIANHE_PROJECT)
    html = page(world.officer, "declaration-detail", declaration.pk, query="?severity=error")[1]
    shown = findings_in(html)
    assert len(shown) == 23 and {severity for severity, _ in shown} == {"error"}
    assert re.search(r'data-testid="findings-count-warning">41<', html)  # counts stay complete
    assert "仅显示“错误”" in html
    unknown = page(world.officer, "declaration-detail", declaration.pk, query="?severity=x")[1]
    assert len(findings_in(unknown)) == 132


def test_comments_beside_their_items_and_listed(world: World) -> None:
    declaration = declare_sample(world.tianhe, TIANHE_PROJECT, Status.SUBMITTED)
    comments = [
        CommentInput("满意度指标应放在满意度指标下", "projects/3/indicators/3"),
        CommentInput("请细化绩效目标", "projects/0/goal"),
        CommentInput("请补充预算年度", ""),
    ]
    perform(world.reviewer, declaration, Action.RETURN, 1, comments)
    html = page(world.officer, "declaration-detail", declaration.pk)[1]
    assert "满意度指标应放在满意度指标下" in by_id(html, "item-projects-3-indicators-3")
    assert "请细化绩效目标" in by_id(html, "item-projects-0")
    assert "请补充预算年度" in by_testid(html, "document-findings")
    listed = by_testid(html, "comment-list")
    assert count(listed, "comment-list-item") == 3
    assert 'href="#item-projects-0"' in listed and 'href="#item-document"' in listed
    assert "天河财政审核人" in listed and "针对第 1 版" in listed


def test_page_context_for_the_actions_partial(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.SUBMITTED)
    client = Client()
    client.force_login(world.reviewer)
    response = client.get(reverse("declaration-detail", args=[declaration.pk]))
    assert response.context["declaration"] == declaration
    assert response.context["version"] == 1
    assert response.context["allowed_actions"] == [Action.RETURN, Action.APPROVE]
    html = response.content.decode()
    assert reverse("declaration-history", args=[declaration.pk]) in html


def test_charts_are_drawn_from_page_data(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.DRAFT)
    html = page(world.officer, "declaration-detail", declaration.pk)[1]
    for key in ("budget-structure", "budget-sources", "task-amounts", "indicator-categories"):
        assert f'<canvas data-chart="{key}" data-testid="chart-{key}"' in html
    data = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html)
    assert data is not None
    charts = json.loads(data.group(1))
    assert charts["budget-structure"]["values"] == [4855.11, 1484.96]
    assert sum(charts["indicator-categories"]["values"]) == 23
    assert "jixiao/vendor/chart.umd.min.js" in html and "jixiao/charts.js" in html
    assert "cdn" not in html.lower()


def test_detail_page_caches_the_finding_counts(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.DRAFT)
    page(world.officer, "declaration-detail", declaration.pk)
    _stamp, counts = django_cache.get(f"findings:{declaration.pk}:1")
    assert counts == {"error": 0, "warning": 8, "info": 16}


# --- history --------------------------------------------------------------------------------


def test_history_lists_who_did_what_newest_first(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.DRAFT)
    document = declaration.as_document()
    document.indicators[0].name = "法律顾问服务（家）"
    save_document(world.officer, declaration, document, 1)
    perform(world.officer, declaration, Action.SUBMIT, 2)
    perform(world.reviewer, declaration, Action.RETURN, 3, [CommentInput("请核实", "indicators/0")])
    code, html = page(world.reviewer, "declaration-history", declaration.pk)
    assert code == 200
    entries = re.findall(r'data-testid="history-entry" data-version="(\d+)"', html)
    assert entries == ["4", "3", "2", "1"]
    reasons = re.findall(r'data-testid="history-reason">([^<]*)<', html)
    assert reasons == ["退回（1 条意见）", "提交", "修改", "—"]
    edit = re.findall(
        r'data-testid="history-change" data-path="indicators/0">(.*?)</li>', html, re.DOTALL
    )
    assert len(edit) == 1
    assert (
        f'href="{reverse("declaration-detail", args=[declaration.pk])}#item-indicators-0"'
        in edit[0]
    )
    assert "指标 1 · 名称" in edit[0] and "法律顾问服务（家）" in edit[0]
    assert "草稿" in html and "已提交" in html and "天河司法填报人" in html
    assert "{#" not in html and "{%" not in html
