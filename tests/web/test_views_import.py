"""Importing a published table through the upload form: the real samples, bad files, who may."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from tests.web.conftest import SAMPLES, World
from web.declarations.findings import review_findings
from web.declarations.models import Declaration

URL = reverse("declaration-import")
TIANHE_PROJECTS = SAMPLES / "tianhe-2025-project-pdftext.txt"
GUANGZHOU_PROJECTS = SAMPLES / "guangzhou-2023-project-tabbed.txt"
TIANHE_DEPARTMENT = SAMPLES / "tianhe-2025-department-tabbed-html.txt"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(path: Path, data: bytes | None = None, name: str | None = None) -> SimpleUploadedFile:
    content = path.read_bytes() if data is None else data
    return SimpleUploadedFile(name or path.name, content, content_type="text/plain")


def post(client: Client, file: SimpleUploadedFile, **fields: object) -> tuple[int, str]:
    response = client.post(URL, {"file": file, **fields}, follow=True)
    return response.status_code, response.content.decode()


def messages_of(response: HttpResponseBase) -> list[str]:
    """The messages queued for the next page (after a redirect)."""
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def expected_message(declaration: Declaration, items: str) -> str:
    document = declaration.as_document()
    counts = review_findings(document).counts()
    indicators = len(document.all_indicators())
    return (
        f"导入 {items} / {indicators} 个指标，"
        f"发现 {counts['error']} 个错误、{counts['warning']} 个警告"
    )


@pytest.mark.parametrize(
    ("path", "year", "projects", "indicators"),
    [(TIANHE_PROJECTS, "2025", 22, 110), (GUANGZHOU_PROJECTS, "", 29, 141)],
    ids=["tianhe", "guangzhou"],
)
def test_project_table_is_imported_as_a_draft_of_the_officers_department(
    world: World, path: Path, year: str, projects: int, indicators: int
) -> None:
    client = client_for(world.officer)
    response = client.post(URL, {"file": upload(path), "fiscal_year": year})
    declaration = Declaration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("declaration-detail", args=[declaration.pk])
    assert (declaration.organisation, declaration.status, declaration.version) == (
        world.tianhe,
        "draft",
        1,
    )
    assert declaration.source_file == path.name
    document = declaration.as_document()
    assert (len(document.projects), len(document.all_indicators())) == (projects, indicators)
    assert document.file == path.name
    expected = expected_message(declaration, f"{projects} 个项目")
    assert messages_of(response)[-1] == expected


def test_success_message_counts_projects_indicators_and_findings(world: World) -> None:
    client = client_for(world.officer)
    response = client.post(URL, {"file": upload(TIANHE_PROJECTS), "fiscal_year": "2025"})
    declaration = Declaration.objects.get()
    messages = messages_of(response)
    assert messages[-1] == expected_message(declaration, "22 个项目")
    assert messages[-1].startswith("导入 22 个项目 / 110 个指标，发现 ")


def test_year_missing_from_the_table_is_required_and_recorded(world: World) -> None:
    client = client_for(world.officer)
    status, html = post(client, upload(TIANHE_PROJECTS))
    assert status == 400
    assert "tianhe-2025-project-pdftext.txt 未写明预算年度，请填写预算年度" in html
    assert not Declaration.objects.exists()
    client.post(URL, {"file": upload(TIANHE_PROJECTS), "fiscal_year": "2025"})
    declaration = Declaration.objects.get()
    assert declaration.fiscal_year == 2025
    assert declaration.as_document().fiscal_year == 2025
    codes = {item.finding.code for item in review_findings(declaration.as_document()).items}
    assert "fiscal-year-missing" not in codes


def test_year_printed_in_the_table_needs_no_input_and_may_not_be_contradicted(
    world: World,
) -> None:
    client = client_for(world.officer)
    status, html = post(client, upload(GUANGZHOU_PROJECTS), fiscal_year="2025")
    assert status == 400
    assert "写明的预算年度是 2023 年，与所填 2025 年不一致" in html
    assert not Declaration.objects.exists()
    client.post(URL, {"file": upload(GUANGZHOU_PROJECTS)})
    assert Declaration.objects.get().fiscal_year == 2023


def test_department_table_counts_its_tasks(world: World) -> None:
    client = client_for(world.officer)
    response = client.post(URL, {"file": upload(TIANHE_DEPARTMENT)})
    declaration = Declaration.objects.get()
    assert messages_of(response)[-1] == expected_message(declaration, "4 项重点工作任务")
    assert (declaration.kind, declaration.fiscal_year) == ("department", 2025)
    assert len(declaration.as_document().indicators) == 23


def test_gb18030_upload_is_decoded_like_a_file(world: World) -> None:
    text = TIANHE_DEPARTMENT.read_text(encoding="utf-8")
    client = client_for(world.officer)
    client.post(URL, {"file": upload(TIANHE_DEPARTMENT, text.encode("gb18030"))})
    document = Declaration.objects.get().as_document()
    assert document.encoding == "gb18030"
    assert len(document.indicators) == 23


def test_department_name_differing_from_the_officers_is_warned(world: World) -> None:
    client = client_for(world.officer)
    status, html = post(client, upload(GUANGZHOU_PROJECTS))
    assert status == 200
    assert "表中的部门名称“广州市司法局”与申报部门“广州市天河区司法局”不一致" in html


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "文件为空"),
        (b"   \n\t\n", "blank.txt", "文件为空"),
        (b"%PDF-1.7\x00\x01\x02binary", "table.pdf", "是二进制文件"),
        ("会议纪要：今天讨论了年度工作安排。\n".encode(), "minutes.txt", "不是可识别的绩效目标表"),
        (b"\xff\xfe\xfa\xfb\x81\x30\xff", "garbled.txt", "无法解码"),
    ],
    ids=["empty", "blank", "binary", "unrelated", "undecodable"],
)
def test_bad_file_is_refused_with_a_message_naming_it(
    world: World, data: bytes, name: str, reason: str
) -> None:
    client = client_for(world.officer)
    response = client.post(URL, {"file": SimpleUploadedFile(name, data), "fiscal_year": "2025"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="import-error"' in html
    assert name in html and reason in html
    assert "Traceback" not in html and "jixiao-upload-" not in html
    assert not Declaration.objects.exists()


def test_missing_file_is_a_form_error(world: World) -> None:
    response = client_for(world.officer).post(URL, {"fiscal_year": "2025"})
    assert response.status_code == 400
    assert not Declaration.objects.exists()


def test_admin_chooses_the_department(world: World) -> None:
    client = client_for(world.admin)
    assert 'data-testid="field-organisation"' in client.get(URL).content.decode()
    status, _ = post(client, upload(TIANHE_DEPARTMENT))
    assert status == 400 and not Declaration.objects.exists()
    client.post(URL, {"file": upload(TIANHE_DEPARTMENT), "organisation": world.yuexiu.pk})
    assert Declaration.objects.get().organisation == world.yuexiu


def test_officer_cannot_import_for_another_department(world: World) -> None:
    client = client_for(world.officer)
    page = client.get(URL).content.decode()
    assert 'name="organisation"' not in page
    client.post(URL, {"file": upload(TIANHE_DEPARTMENT), "organisation": world.yuexiu.pk})
    assert Declaration.objects.get().organisation == world.tianhe


@pytest.mark.parametrize("persona", ["reviewer", "city_reviewer", "outsider"])
def test_only_officers_and_admins_import(world: World, persona: str) -> None:
    client = client_for(getattr(world, persona))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"file": upload(TIANHE_DEPARTMENT)})
    assert response.status_code == 403
    assert "您无权新建或导入申报" in response.content.decode()
    assert not Declaration.objects.exists()


def test_import_needs_a_login() -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
