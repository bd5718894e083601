"""``seed_demo`` builds the demo organisations and users and imports the five samples."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from web.declarations.models import Declaration
from web.organisations.models import Organisation
from web.permissions import visible_declarations
from web.workflow import Status

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_seed_demo_imports_every_sample_for_its_department() -> None:
    output = seed()
    declared = {
        (d.source_file, d.organisation.name, d.fiscal_year, d.kind, d.status)
        for d in Declaration.objects.select_related("organisation")
    }
    assert declared == {
        ("guangzhou-2023-project-tabbed.txt", "广州市司法局", 2023, "project", "draft"),
        ("jieyang-2023-department-tabbed-columns.txt", "揭阳市司法局", 2023, "department", "draft"),
        (
            "tianhe-2025-department-tabbed-html.txt",
            "广州市天河区司法局",
            2025,
            "department",
            "draft",
        ),
        ("tianhe-2025-project-pdftext.txt", "广州市天河区司法局", 2025, "project", "draft"),
        ("yuexiu-2025-department-pdftext.txt", "广州市越秀区司法局", 2025, "department", "draft"),
    }
    assert "tianhe-sfj   部门填报人 · 广州市天河区司法局" in output
    assert "新建账号的密码：jixiao-demo" in output


def test_seed_demo_builds_the_tree() -> None:
    seed()
    tianhe = Organisation.objects.get(name="广州市天河区司法局")
    assert tianhe.finance_bureau.name == "天河区财政局"
    assert tianhe.finance_bureau.parent is not None
    assert tianhe.finance_bureau.parent.name == "广州市财政局"
    assert Organisation.objects.get(name="揭阳市司法局").finance_bureau.name == "揭阳市财政局"


def test_demo_logins_work_and_see_their_own_declarations() -> None:
    seed()
    officer = authenticate(username="tianhe-sfj", password="jixiao-demo")
    assert isinstance(officer, User)
    assert {d.source_file for d in visible_declarations(officer)} == {
        "tianhe-2025-department-tabbed-html.txt",
        "tianhe-2025-project-pdftext.txt",
    }
    admin = authenticate(username="admin", password="jixiao-demo")
    assert isinstance(admin, User) and admin.is_staff
    assert visible_declarations(admin).count() == 5


def test_submitted_samples_reach_the_reviewers() -> None:
    seed("--submit")
    reviewer = User.objects.get(username="tianhe-czj")
    assert {d.status for d in visible_declarations(reviewer)} == {Status.SUBMITTED}
    assert visible_declarations(reviewer).count() == 2


def test_seed_demo_runs_again_without_duplicates() -> None:
    seed()
    again = seed()
    assert Declaration.objects.count() == 5
    assert User.objects.count() == 9
    assert Organisation.objects.count() == 8
    assert "已存在，密码未改" in again
    assert "已导入" in again


def test_seed_demo_needs_samples(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="中没有样表"):
        seed("--samples", str(tmp_path))
