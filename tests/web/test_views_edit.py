"""The edit page on the real samples: what it shows, what a save stores, and who may use it.

A form is posted back exactly as the page rendered it (:func:`form_data` reads the inputs,
selects and textareas of ``#edit-form`` the way a browser submits them), so these tests
check the templates as well as the views: an unchanged save stores the document it showed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from jixiao.ingest import load
from jixiao.model import Operator
from tests.web.conftest import SAMPLES, Declare, World
from web.declarations.findings import review_findings
from web.declarations.models import Declaration
from web.declarations.services import create_declaration, save_document
from web.workflow import Status

GUANGZHOU_PROJECTS = SAMPLES / "guangzhou-2023-project-tabbed.txt"
TIANHE_PROJECTS = SAMPLES / "tianhe-2025-project-pdftext.txt"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


class FormReader(HTMLParser):
    """The fields a browser submits for the form with id ``form_id``."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, str] = {}
        self.textarea: str | None = None
        self.text = ""
        self.select: str | None = None
        self.first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "checkbox":
                if "checked" in a:
                    self.fields[name] = a.get("value") or "on"
            elif kind not in ("submit", "button", "file"):
                self.fields[name] = a.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = name, ""
        elif tag == "select":
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in a:
                self.fields[self.select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.fields[self.textarea] = self.text.removeprefix("\r\n").removeprefix("\n")
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self.fields.setdefault(self.select, self.first_option or "")
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data


def form_data(html: str, form_id: str = "edit-form") -> dict[str, str]:
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def import_sample(world: World, path: Path, status: Status = Status.DRAFT) -> Declaration:
    """The sample as a declaration of 天河 (the department name does not matter here)."""
    declaration = create_declaration(
        world.officer, world.tianhe, load(path), fiscal_year=2025, source_file=path.name
    )
    if status is not Status.DRAFT:
        Declaration.objects.filter(pk=declaration.pk).update(status=status)
        declaration.refresh_from_db()
    return declaration


def edit_url(declaration: Declaration) -> str:
    return reverse("declaration-edit", args=[declaration.pk])


def page(client: Client, declaration: Declaration) -> str:
    response = client.get(edit_url(declaration))
    assert response.status_code == 200
    return response.content.decode()


def field_name(data: dict[str, str], path: str, field: str) -> str:
    """The form field of item ``path`` (``projects/20/indicators/3``): ``projects-20-indicators-3-…``."""
    name = f"{path.replace('/', '-')}-{field}"
    assert name in data, name
    return name


def findings_at(html: str, path: str) -> set[str]:
    """Codes of the findings shown beside item ``path``."""
    pattern = rf'data-testid="finding" data-code="([^"]+)" data-severity="[a-z]+" data-path="{re.escape(path)}"'
    return set(re.findall(pattern, html))


# ---------------------------------------------------------------------- round trip


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_saving_the_unchanged_form_stores_the_same_document(world: World, path: Path) -> None:
    declaration = import_sample(world, path)
    before = declaration.document
    client = client_for(world.officer)
    response = client.post(edit_url(declaration), form_data(page(client, declaration)))
    assert response.status_code == 302, response.content.decode()[:2000]
    declaration.refresh_from_db()
    assert declaration.version == 2
    assert declaration.document == before


def test_form_shows_every_project_and_indicator_of_the_guangzhou_table(world: World) -> None:
    declaration = import_sample(world, GUANGZHOU_PROJECTS)
    html = page(client_for(world.officer), declaration)
    data = form_data(html)
    assert data["projects-TOTAL_FORMS"] == "29"
    totals = [
        int(v) for k, v in data.items() if re.fullmatch(r"projects-\d+-indicators-TOTAL_FORMS", k)
    ]
    assert sum(totals) == 141
    assert html.count('data-testid="project-card"') == 29 + 1  # and the blank template
    assert data["projects-20-indicators-3-name"] == "办公场所安保措施到位率"
    assert data["projects-20-indicators-3-annual_target"] == "24小时"


def test_misfiled_imported_category_survives_a_save_and_is_shown_as_written(world: World) -> None:
    declaration = import_sample(world, TIANHE_PROJECTS)
    client = client_for(world.officer)
    html = page(client, declaration)
    data = form_data(html)
    assert (data["projects-3-indicators-3-level1"], data["projects-3-indicators-3-level2"]) == (
        "效益指标",
        "服务对象满意度指标",
    )
    assert "原表：2-效益指标 / 31-服务对象满意度" in html
    assert "category-level2-wrong-parent" in findings_at(html, "projects/3/indicators/3")
    client.post(edit_url(declaration), data)
    declaration.refresh_from_db()
    indicator = declaration.as_document().projects[3].indicators[3]
    assert (indicator.level1, indicator.level1_as_written, indicator.level2_as_written) == (
        "效益指标",
        "2-效益指标",
        "31-服务对象满意度",
    )


def test_moving_a_misfiled_indicator_explicitly_fixes_its_finding(world: World) -> None:
    declaration = import_sample(world, TIANHE_PROJECTS)
    client = client_for(world.officer)
    data = form_data(page(client, declaration))
    data["projects-3-indicators-3-level1"] = "满意度指标"
    assert client.post(edit_url(declaration), data).status_code == 302
    declaration.refresh_from_db()
    indicator = declaration.as_document().projects[3].indicators[3]
    assert (indicator.level1, indicator.level1_as_written, indicator.level1_code) == (
        "满意度指标",
        "3-满意度指标",
        "3",
    )
    assert indicator.level2_as_written == "31-服务对象满意度"  # not changed: kept as written
    html = page(client, declaration)
    assert "category-level2-wrong-parent" not in findings_at(html, "projects/3/indicators/3")


# ---------------------------------------------------------------------- findings on save


def test_fixing_a_target_makes_its_finding_disappear(world: World) -> None:
    """Guangzhou 业务用房物业管理经费: 办公场所安保措施到位率 has the 年度指标值 “24小时”."""
    declaration = import_sample(world, GUANGZHOU_PROJECTS)
    client = client_for(world.officer)
    html = page(client, declaration)
    path = "projects/20/indicators/3"
    assert {"unit-contradicts-rate-name", "target-comparator-missing"} <= findings_at(html, path)
    data = form_data(html)
    data[field_name(data, path, "annual_target")] = "≥99%"
    response = client.post(edit_url(declaration), data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == edit_url(declaration)
    assert findings_at(html, path) == set()
    declaration.refresh_from_db()
    target = declaration.as_document().projects[20].indicators[3].annual_target
    assert target is not None
    assert (target.raw, target.operator, target.value, target.unit) == (
        "≥99%",
        Operator.GE,
        Decimal(99),
        "%",
    )
    counts = review_findings(declaration.as_document()).counts()
    assert f"已保存为第 2 版。审核发现 {counts['error']} 个错误、{counts['warning']} 个警告" in html
    assert f"{counts['warning']} 个警告</span>" in html  # the summary on top


def test_findings_summary_lists_document_level_findings_and_links_to_rows(world: World) -> None:
    declaration = import_sample(world, TIANHE_PROJECTS)
    html = page(client_for(world.officer), declaration)
    assert 'data-testid="findings-summary"' in html
    assert 'data-code="fiscal-year-missing"' in html  # the table prints no year
    assert 'href="#item-projects-3-indicators-3"' in html
    assert 'id="item-projects-3-indicators-3"' in html


# ---------------------------------------------------------------------- refused saves


def test_stale_save_is_refused_and_keeps_the_users_input(world: World) -> None:
    declaration = import_sample(world, GUANGZHOU_PROJECTS)
    client = client_for(world.officer)
    data = form_data(page(client, declaration))
    somebody = declaration.as_document()
    somebody.projects[0].goal = "别人先保存的目标"
    save_document(world.admin, declaration, somebody, declaration.version)
    data["projects-0-name"] = "我改过的项目名称"
    response = client.post(edit_url(declaration), data)
    html = response.content.decode()
    assert response.status_code == 409
    assert 'data-testid="form-error"' in html
    assert "保存被拒绝" in html and "已被管理员修改" in html
    assert 'value="我改过的项目名称"' in html
    assert form_data(html)["header-version"] == "1"  # resubmitting cannot overwrite either
    declaration.refresh_from_db()
    assert declaration.version == 2
    assert declaration.as_document().projects[0].name != "我改过的项目名称"


def test_invalid_amount_is_shown_beside_the_field_and_nothing_is_saved(world: World) -> None:
    declaration = import_sample(world, SAMPLES / "tianhe-2025-department-tabbed-html.txt")
    client = client_for(world.officer)
    data = form_data(page(client, declaration))
    data["budget-basic_expenditure"] = "一千"
    data["tasks-0-amount"] = "12.345"
    response = client.post(edit_url(declaration), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="form-invalid"' in html
    assert 'data-field="budget-basic_expenditure"' in html
    assert 'data-field="tasks-0-amount"' in html
    assert 'value="一千"' in html
    declaration.refresh_from_db()
    assert declaration.version == 1


def test_new_row_without_a_name_is_refused(world: World) -> None:
    declaration = import_sample(world, SAMPLES / "tianhe-2025-department-tabbed-html.txt")
    client = client_for(world.officer)
    data = form_data(page(client, declaration))
    n = int(data["indicators-TOTAL_FORMS"])
    data["indicators-TOTAL_FORMS"] = str(n + 1)
    data[f"indicators-{n}-annual_target"] = "≥1次"
    response = client.post(edit_url(declaration), data)
    assert response.status_code == 200
    assert "请填写三级指标名称" in response.content.decode()
    declaration.refresh_from_db()
    assert declaration.version == 1


# ---------------------------------------------------------------------- adding and removing


def test_add_and_delete_rows_of_a_department_table(world: World) -> None:
    declaration = import_sample(world, SAMPLES / "tianhe-2025-department-tabbed-html.txt")
    before = declaration.as_document()
    client = client_for(world.officer)
    data = form_data(page(client, declaration))
    n = int(data["indicators-TOTAL_FORMS"])
    data["indicators-TOTAL_FORMS"] = str(n + 1)
    data |= {
        f"indicators-{n}-level1": "产出指标",
        f"indicators-{n}-level2": "数量指标",
        f"indicators-{n}-name": "新增法治讲座场次",
        f"indicators-{n}-annual_target": "≥12场",
    }
    data["indicators-0-DELETE"] = "on"
    t = int(data["tasks-TOTAL_FORMS"])
    data["tasks-TOTAL_FORMS"] = str(t + 1)
    data |= {f"tasks-{t}-name": "新增任务", f"tasks-{t}-amount": "12.50"}
    assert client.post(edit_url(declaration), data).status_code == 302
    declaration.refresh_from_db()
    after = declaration.as_document()
    assert [i.name for i in after.indicators] == [i.name for i in before.indicators[1:]] + [
        "新增法治讲座场次"
    ]
    added = after.indicators[-1]
    assert added.source.line == n  # its row number (the JSON keeps one file per document)
    assert (added.level1_as_written, added.level2_as_written) == ("产出指标", "数量指标")
    assert after.indicators[0].source == before.indicators[1].source
    task = after.tasks[-1]
    assert (task.name, task.amount, task.source.line) == ("新增任务", Decimal("12.5"), t + 1)
    assert after.empty_categories == before.empty_categories  # not on the form, kept


def test_add_a_project_with_indicators_and_delete_another(world: World) -> None:
    declaration = import_sample(world, GUANGZHOU_PROJECTS)
    client = client_for(world.officer)
    data = form_data(page(client, declaration))
    data["projects-0-DELETE"] = "on"
    data |= {
        "projects-TOTAL_FORMS": "30",
        "projects-29-name": "新增普法项目",
        "projects-29-amount_total": "10",
        "projects-29-fiscal_appropriation": "10",
        "projects-29-goal": "开展普法宣传",
        "projects-29-indicators-TOTAL_FORMS": "1",
        "projects-29-indicators-INITIAL_FORMS": "0",
        "projects-29-indicators-0-level1": "产出指标",
        "projects-29-indicators-0-name": "普法讲座场次",
        "projects-29-indicators-0-annual_target": "≥4场",
    }
    assert client.post(edit_url(declaration), data).status_code == 302
    declaration.refresh_from_db()
    document = declaration.as_document()
    assert len(document.projects) == 29
    assert document.projects[0].name == load(GUANGZHOU_PROJECTS).projects[1].name
    added = document.projects[-1]
    assert (added.name, added.amount_total, added.goal) == (
        "新增普法项目",
        Decimal(10),
        "开展普法宣传",
    )
    assert [
        (i.name, i.annual_target.raw if i.annual_target else None) for i in added.indicators
    ] == [("普法讲座场次", "≥4场")]
    assert added.source.line == 29
    assert len(document.subtotals) == 2  # not on the form, kept


# ---------------------------------------------------------------------- page content


def test_indicator_pickers_offer_the_coded_ministry_categories(
    world: World, declare: Declare
) -> None:
    html = page(client_for(world.officer), declare())
    assert '<option value="数量指标">11 数量指标</option>' in html
    assert '<option value="经济成本指标">41 经济成本指标</option>' in html
    assert '<option value="产出指标" selected>1 产出指标</option>' in html
    assert 'id="indicator-taxonomy"' in html
    assert 'hx-get="/api/target-preview/"' in html
    assert 'data-testid="target-preview"' in html


def test_each_target_shows_what_the_parser_understood(world: World) -> None:
    declaration = import_sample(world, GUANGZHOU_PROJECTS)
    html = page(client_for(world.officer), declaration)
    preview = html.split('id="id_projects-20-indicators-3-annual_target-preview"', 1)[1][:800]
    assert "= 24 小时" in preview
    assert "未写比较符号" in preview


# ---------------------------------------------------------------------- target preview


@pytest.mark.parametrize(
    ("text", "name", "reading", "warning"),
    [
        ("≥95%", "", "≥ 95 %", None),
        ("<24小时>98%", "故障响应时间", "&lt; 24 小时（另有条件）", "含多个条件"),
        ("及时", "工程完成及时性", "定性：及时", "无法计量"),
        ("1人/村", "村（社区）法律顾问配备", "= 1 人/村", "未写比较符号"),
        ("≥95", "各区司法局对法律顾问考核评估合格率（%）", "≥ 95 %", None),
        ("24小时", "办公场所安保措施到位率", "= 24 小时", "未写比较符号"),
    ],
)
def test_target_preview_fragment(
    world: World, text: str, name: str, reading: str, warning: str | None
) -> None:
    response = client_for(world.officer).get(
        reverse("target-preview"), {"text": text, "name": name}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="target-preview"' in html
    assert "<html" not in html  # a fragment
    assert reading in html
    assert (warning is None) == ('data-testid="target-warning"' not in html)
    if warning:
        assert warning in html


def test_target_preview_of_an_empty_value_and_unit_from_the_name(world: World) -> None:
    client = client_for(world.officer)
    empty = client.get(reverse("target-preview"), {"text": " "}).content.decode()
    assert "（未填写）" in empty and 'data-kind="empty"' in empty
    named = client.get(
        reverse("target-preview"), {"text": "≥8", "name": "每月提供法律服务时间（小时）"}
    ).content.decode()
    assert "≥ 8 小时" in named and "取自指标名称" in named


def test_target_preview_needs_a_login() -> None:
    response = Client().get(reverse("target-preview"), {"text": "≥95%"})
    assert response.status_code == 302


# ---------------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    ("persona", "status", "expected"),
    [
        ("officer", Status.DRAFT, 200),
        ("officer", Status.RETURNED, 200),
        ("officer", Status.ADJUSTING, 200),
        ("admin", Status.DRAFT, 200),
        ("officer", Status.SUBMITTED, 409),
        ("officer", Status.APPROVED, 409),
        ("reviewer", Status.SUBMITTED, 403),
        ("reviewer", Status.DRAFT, 404),
        ("other_officer", Status.DRAFT, 404),
        ("outsider", Status.DRAFT, 404),
        ("city_reviewer", Status.SUBMITTED, 404),
    ],
)
def test_who_may_edit(
    world: World, declare: Declare, persona: str, status: Status, expected: int
) -> None:
    declaration = declare(world.tianhe, status)
    client = client_for(getattr(world, persona))
    response = client.get(edit_url(declaration))
    assert response.status_code == expected
    if expected != 200:
        posted = client.post(edit_url(declaration), {"header-version": declaration.version})
        assert posted.status_code == expected
        declaration.refresh_from_db()
        assert declaration.version == 1


def test_refusal_says_why_in_chinese(world: World, declare: Declare) -> None:
    declaration = declare(world.tianhe, Status.SUBMITTED)
    html = client_for(world.officer).get(edit_url(declaration)).content.decode()
    assert "状态为“已提交”的申报不能修改" in html


def test_edit_needs_a_login(declare: Declare) -> None:
    response = Client().get(edit_url(declare()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------------- create


def test_officer_creates_a_blank_department_declaration_and_fills_it_in(world: World) -> None:
    client = client_for(world.officer)
    form = client.get(reverse("declaration-create"))
    assert form.status_code == 200 and 'name="organisation"' not in form.content.decode()
    response = client.post(
        reverse("declaration-create"), {"kind": "department", "fiscal_year": "2026"}
    )
    declaration = Declaration.objects.get()
    assert response.status_code == 302 and response["Location"] == edit_url(declaration)
    assert (declaration.organisation, declaration.fiscal_year, declaration.kind) == (
        world.tianhe,
        2026,
        "department",
    )
    document = declaration.as_document()
    assert (document.department, document.fiscal_year, document.indicators) == (
        "广州市天河区司法局",
        2026,
        [],
    )
    data = form_data(page(client, declaration))
    data |= {
        "budget-basic_expenditure": "100",
        "goal-overall_goal": "依法履职",
        "indicators-TOTAL_FORMS": "1",
        "indicators-0-level1": "满意度指标",
        "indicators-0-level2": "服务对象满意度指标",
        "indicators-0-name": "群众满意度",
        "indicators-0-annual_target": "≥90%",
    }
    assert client.post(edit_url(declaration), data).status_code == 302
    declaration.refresh_from_db()
    document = declaration.as_document()
    assert document.budget is not None and document.budget.basic_expenditure == 100
    assert document.budget.sources["basic_expenditure"].line == 1
    assert [i.name for i in document.indicators] == ["群众满意度"]


def test_officer_creates_a_project_declaration(world: World) -> None:
    client = client_for(world.officer)
    client.post(reverse("declaration-create"), {"kind": "project", "fiscal_year": "2026"})
    declaration = Declaration.objects.get()
    html = page(client, declaration)
    assert 'data-testid="add-project"' in html
    assert 'id="row-template-project"' in html
    assert "projects-__prefix__-indicators-TOTAL_FORMS" in html


def test_admin_chooses_the_department(world: World) -> None:
    client = client_for(world.admin)
    url = reverse("declaration-create")
    assert 'name="organisation"' in client.get(url).content.decode()
    missing = client.post(url, {"kind": "department", "fiscal_year": "2026"})
    assert missing.status_code == 200 and not Declaration.objects.exists()
    client.post(url, {"kind": "department", "fiscal_year": "2026", "organisation": world.yuexiu.pk})
    assert Declaration.objects.get().organisation == world.yuexiu


@pytest.mark.parametrize("persona", ["reviewer", "outsider", "city_reviewer"])
def test_only_officers_and_admins_create(world: World, persona: str) -> None:
    client = client_for(getattr(world, persona))
    assert client.get(reverse("declaration-create")).status_code == 403
    response = client.post(
        reverse("declaration-create"), {"kind": "department", "fiscal_year": "2026"}
    )
    assert response.status_code == 403
    assert not Declaration.objects.exists()


def test_officer_cannot_create_for_another_department(world: World) -> None:
    client = client_for(world.officer)
    client.post(
        reverse("declaration-create"),
        {"kind": "department", "fiscal_year": "2026", "organisation": world.yuexiu.pk},
    )
    assert Declaration.objects.get().organisation == world.tianhe  # the field is ignored


def test_too_large_a_form_is_refused_with_a_message(world: World, settings: Settings) -> None:
    declaration = import_sample(world, GUANGZHOU_PROJECTS)
    client = client_for(world.officer)
    data = form_data(page(client, declaration))
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    response = client.post(edit_url(declaration), data)
    assert response.status_code == 413
    assert "表单字段超过系统上限（100 个）" in response.content.decode()
    declaration.refresh_from_db()
    assert declaration.version == 1
