"""Round trip of the actuals template on the demo data: download the template of the approved
天河 project declaration (22 projects, 110 indicators), fill it in with openpyxl as a
department would, upload it, and find the values stored; a bad cell is listed and the rest
still imports."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.actuals import DeviationReason, Likelihood, Period, QualitativeGrade
from tests.web.monitoring.conftest import client_for
from web.declarations.models import Declaration
from web.declarations.services import perform
from web.monitoring.models import ActualsReport
from web.workflow import Action

pytestmark = pytest.mark.django_db

SEPTEMBER = Period(2025, 9)


@pytest.fixture
def project_declaration() -> Declaration:
    """The 天河 project table of ``seed_demo``, submitted by its officer and approved by the
    天河 bureau's reviewer."""
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    declaration = Declaration.objects.get(source_file="tianhe-2025-project-pdftext.txt")
    officer, reviewer = (
        User.objects.get(username="tianhe-sfj"),
        User.objects.get(username="tianhe-czj"),
    )
    perform(officer, declaration, Action.SUBMIT, declaration.version)
    perform(reviewer, declaration, Action.APPROVE, declaration.version)
    return declaration


def rows_by_path(sheet: Worksheet) -> tuple[dict[str, int], dict[str, int]]:
    """``({header: column}, {path: row})`` of a template sheet."""
    headers = {str(cell.value): cell.column for cell in sheet[1] if cell.value}
    paths = {
        str(sheet.cell(row=r, column=headers["路径"]).value): r for r in range(2, sheet.max_row + 1)
    }
    return headers, paths


def fill(sheet: Worksheet, path: str, values: dict[str, Any]) -> None:
    headers, paths = rows_by_path(sheet)
    for header, value in values.items():
        sheet.cell(row=paths[path], column=headers[header], value=value)


def test_template_round_trip(project_declaration: Declaration) -> None:
    officer = User.objects.get(username="tianhe-sfj")
    client = client_for(officer)
    url = f"/declarations/{project_declaration.pk}/actuals/"
    download = client.get(f"{url}template.xlsx?year=2025&month=9")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(download.content))
    indicators, budget = workbook["指标完成情况"], workbook["预算执行情况"]
    assert len(rows_by_path(indicators)[1]) == 110
    assert len(rows_by_path(budget)[1]) == 23
    fill(indicators, "projects/0/indicators/0", {"累计完成值": 60, "全年预计完成值": 100})
    fill(indicators, "projects/0/indicators/1", {"累计完成值": "四十"})
    fill(
        indicators,
        "projects/0/indicators/2",
        {
            "定性评价": QualitativeGrade.PARTLY.value,
            "偏差原因": "经费保障、人员保障",
            "原因说明": "维修资金9月才到位",
            "完成目标可能性": Likelihood.POSSIBLE.value,
        },
    )
    fill(budget, "projects/0", {"累计执行数（万元）": 41.3})
    fill(budget, "/", {"累计执行数（万元）": 800})
    filled = BytesIO()
    workbook.save(filled)

    upload = SimpleUploadedFile("天河项目执行情况.xlsx", filled.getvalue())
    response = client.post(f"{url}import/?year=2025&month=9", {"file": upload})
    assert response.status_code == 200
    outcome = response.context["outcome"]
    # the row with the bad cell imports too, without the value that could not be read
    assert (outcome.indicators, outcome.executions, outcome.period) == (3, 2, SEPTEMBER)
    assert [p.code for p in outcome.problems] == ["actuals-not-a-number"]
    assert "四十" in response.content.decode()

    report = ActualsReport.objects.get(declaration=project_declaration)
    assert (report.year, report.month, report.version) == (2025, 9, 1)
    assert report.history.get().history_change_reason == "导入 天河项目执行情况.xlsx"
    actuals = report.as_actuals()
    works = actuals.for_indicator("projects/0/indicators/0")
    assert works is not None
    assert (works.completed, works.expected_full_year) == (Decimal(60), Decimal(100))
    quality = actuals.for_indicator("projects/0/indicators/1")
    assert quality is not None and quality.completed is None  # "四十" was not stored
    timely = actuals.for_indicator("projects/0/indicators/2")
    assert timely is not None
    assert timely.grade is QualitativeGrade.PARTLY
    assert timely.reasons == (DeviationReason.FUNDING, DeviationReason.STAFF)
    assert timely.likelihood is Likelihood.POSSIBLE
    executed = {e.path: e.executed for e in actuals.executions}
    assert executed == {"projects/0": Decimal("41.3"), "": Decimal(800)}

    # 41.3 of 82.60 万元 = 50 % executed after 9 months (序时 75 %): 50 / 75 = 66.7 % → yellow
    page = client.get(f"/declarations/{project_declaration.pk}/monitoring/").content.decode()
    assert 'data-testid="budget-light-row" data-path="projects/0" data-light="yellow"' in page


def test_a_second_import_merges_into_the_same_period(project_declaration: Declaration) -> None:
    officer = User.objects.get(username="tianhe-sfj")
    client = client_for(officer)
    url = f"/declarations/{project_declaration.pk}/actuals/"
    template = client.get(f"{url}template.xlsx?year=2025&month=9").content
    for path, value in (("projects/0/indicators/0", 60), ("projects/1/indicators/0", 7)):
        workbook = load_workbook(BytesIO(template))
        fill(workbook["指标完成情况"], path, {"累计完成值": value})
        filled = BytesIO()
        workbook.save(filled)
        upload = SimpleUploadedFile("filled.xlsx", filled.getvalue())
        assert client.post(f"{url}import/", {"file": upload}).status_code == 200
    report = ActualsReport.objects.get(declaration=project_declaration)
    assert report.version == 2
    assert {a.path for a in report.as_actuals().indicators} == {
        "projects/0/indicators/0",
        "projects/1/indicators/0",
    }


def test_a_file_that_is_not_a_template_imports_nothing(project_declaration: Declaration) -> None:
    officer = User.objects.get(username="tianhe-sfj")
    upload = SimpleUploadedFile("notes.xlsx", b"not a workbook")
    response = client_for(officer).post(
        f"/declarations/{project_declaration.pk}/actuals/import/?year=2025&month=9",
        {"file": upload},
    )
    assert response.status_code == 200
    assert response.context["outcome"].report is None
    problems = response.context["outcome"].problems
    assert problems and problems[0].code in ("actuals-unreadable-file", "actuals-no-table")
    assert 'data-testid="import-problem"' in response.content.decode()
    assert not ActualsReport.objects.exists()


def test_reviewers_cannot_download_or_import(project_declaration: Declaration) -> None:
    reviewer = client_for(User.objects.get(username="tianhe-czj"))
    url = f"/declarations/{project_declaration.pk}/actuals/"
    assert reviewer.get(f"{url}template.xlsx").status_code == 403
    upload = SimpleUploadedFile("filled.xlsx", b"x")
    assert reviewer.post(f"{url}import/", {"file": upload}).status_code == 403
    outsider = client_for(User.objects.get(username="yuexiu-sfj"))
    assert outsider.get(f"{url}template.xlsx").status_code == 404
