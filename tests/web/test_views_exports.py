"""Downloads of a declaration: the official-layout XLSX and the self-contained HTML report,
rendered by the same exporters as the command line, with the review findings."""

from __future__ import annotations

import copy
import html
import re
from io import BytesIO
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.ingest import load
from jixiao.serialize import document_to_dict
from tests.web.conftest import SAMPLES, Declare, World
from web.declarations.models import Declaration
from web.workflow import Status

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

TIANHE_PROJECT = SAMPLES / "tianhe-2025-project-pdftext.txt"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTERNAL_ASSET = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="session")
def project_document_json() -> dict[str, Any]:
    return document_to_dict(load(TIANHE_PROJECT))


@pytest.fixture
def projects(world: World, project_document_json: dict[str, Any]) -> Declaration:
    """天河's published 项目支出 table (22 projects, 110 indicators, 合计 1,485.34 万元), draft."""
    declaration = Declaration(organisation=world.tianhe, fiscal_year=2025)
    declaration.set_document(copy.deepcopy(project_document_json))
    declaration.save()
    return declaration


def download(user: User, declaration: Declaration, fmt: str) -> Response:
    client = Client()
    client.force_login(user)
    return client.get(reverse("declaration-export", args=[declaration.pk, fmt]))


def cell_texts(sheet: Any) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_xlsx_of_the_project_table(world: World, projects: Declaration) -> None:
    response = download(world.officer, projects, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    name = quote("2025年-广州市天河区司法局-项目支出绩效目标表.xlsx")
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"declaration-{projects.pk}.xlsx\"; filename*=UTF-8''{name}"
    )
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["汇总", "tianhe-2025-project-pdftext", "审核意见"]
    table = workbook["tianhe-2025-project-pdftext"]
    assert table["A2"].value == "部门名称：广州市天河区司法局"
    assert [c.value for c in table[3]][:3] == ["项目名称（资金使用单位）", "总计", "财政拨款"]
    assert table["A4"].value == "合计"
    assert float(table["B4"].value) == pytest.approx(1485.34)
    assert "#,##0.00" in table["B4"].number_format  # shown as 1,485.34
    document = projects.as_document()
    texts = cell_texts(table)
    assert all(project.name in texts for project in document.projects)
    assert len(document.projects) == 22
    indicator_names = [i.name for i in document.all_indicators()]
    assert len(indicator_names) == 110
    assert sum(1 for row in table.iter_rows(min_row=4) if row[8].value) == 110
    assert "慰问对象满意率" in texts


def test_xlsx_includes_the_review_findings(world: World, projects: Declaration) -> None:
    workbook = load_workbook(BytesIO(download(world.officer, projects, "xlsx").content))
    summary = [c.value for c in workbook["汇总"][2]]
    assert summary[3:10] == ["广州市天河区司法局", None, 22, 110, 23, 41, 68]
    findings = workbook["审核意见"]
    severities = [row[1].value for row in findings.iter_rows(min_row=2)]
    assert severities.count("错误") == 23
    assert any(
        row[4].value == "慰问对象满意率" and row[2].value == "category-level2-wrong-parent"
        for row in findings.iter_rows(min_row=2)
    )


def test_xlsx_of_a_department_table(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.SUBMITTED)
    response = download(world.reviewer, declaration, "xlsx")
    assert (
        quote("2025年-广州市天河区司法局-部门整体支出绩效目标表.xlsx")
        in response["Content-Disposition"]
    )
    workbook = load_workbook(BytesIO(response.content))
    texts = cell_texts(workbook[workbook.sheetnames[1]])
    document = declaration.as_document()
    assert all(indicator.name in texts for indicator in document.indicators)
    assert all(task.name in texts for task in document.tasks)


def test_html_report_is_self_contained_and_complete(world: World, projects: Declaration) -> None:
    response = download(world.officer, projects, "html")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    name = quote("2025年-广州市天河区司法局-项目支出绩效目标表.html")
    assert response["Content-Disposition"].endswith(f"filename*=UTF-8''{name}")
    page = response.content.decode("utf-8")
    assert not EXTERNAL_ASSET.search(page)
    assert "<script" not in page and "<link" not in page
    assert "广州市天河区司法局" in page
    names = [indicator.name for indicator in projects.as_document().all_indicators()]
    assert len(names) == 110
    assert all(html.escape(n, quote=False) in page for n in names)
    assert "错误 23 条" in page  # findings included, as in ``jixiao review``


def test_document_written_on_the_web_has_no_file_name(
    world: World, declare: Declare, tianhe_document_json: dict[str, Any]
) -> None:
    declaration = declare(status=Status.DRAFT)
    document = copy.deepcopy(tianhe_document_json)
    document["file"] = ""
    declaration.set_document(document)
    declaration.save()
    workbook = load_workbook(BytesIO(download(world.officer, declaration, "xlsx").content))
    assert workbook.sheetnames[1].startswith("2025年-广州市天河区司法局")


def test_unsafe_characters_leave_the_file_name(world: World, declare: Declare) -> None:
    declaration = declare(status=Status.DRAFT)
    Declaration.objects.filter(pk=declaration.pk).update(department_name='天河/司法"局')
    response = download(world.officer, declaration, "html")
    assert (
        quote("2025年-天河_司法_局-部门整体支出绩效目标表.html") in response["Content-Disposition"]
    )


@pytest.mark.parametrize("fmt", ["json", "pdf", "XLSX", "xlsx.zip"])
def test_unknown_format_is_404(world: World, projects: Declaration, fmt: str) -> None:
    assert download(world.officer, projects, fmt).status_code == 404


def test_invisible_declarations_are_404(world: World, projects: Declaration) -> None:
    # a reviewer does not see a draft, another department never does
    for user in (world.reviewer, world.other_officer, world.other_reviewer, world.outsider):
        response = download(user, projects, "xlsx")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")


def test_reviewer_downloads_once_submitted(world: World, projects: Declaration) -> None:
    Declaration.objects.filter(pk=projects.pk).update(status=Status.SUBMITTED)
    assert download(world.reviewer, projects, "xlsx").status_code == 200
    assert download(world.admin, projects, "html").status_code == 200


def test_login_required_and_get_only(world: World, projects: Declaration) -> None:
    url = reverse("declaration-export", args=[projects.pk, "xlsx"])
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client = Client()
    client.force_login(world.officer)
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200
