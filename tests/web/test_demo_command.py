"""``demo`` prepares what ``make run`` serves: seed_demo's data, four samples submitted,
the logins and a review summary per declaration; running it again changes nothing."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command

from web.declarations.models import Declaration
from web.declarations.services import CommentInput, perform
from web.permissions import visible_declarations
from web.workflow import Action, Status

pytestmark = pytest.mark.django_db


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=out)
    return out.getvalue()


def row(output: str, *cells: str) -> bool:
    """Whether a table row of ``output`` holds ``cells`` in this order."""
    pattern = r"\s*│\s*".join(re.escape(cell) for cell in cells)
    return re.search(pattern, output) is not None


def statuses() -> dict[str, str]:
    return dict(Declaration.objects.values_list("source_file", "status"))


def test_demo_submits_all_but_the_tianhe_department_table() -> None:
    demo()
    assert statuses() == {
        "guangzhou-2023-project-tabbed.txt": Status.SUBMITTED,
        "jieyang-2023-department-tabbed-columns.txt": Status.SUBMITTED,
        "tianhe-2025-department-tabbed-html.txt": Status.DRAFT,
        "tianhe-2025-project-pdftext.txt": Status.SUBMITTED,
        "yuexiu-2025-department-pdftext.txt": Status.SUBMITTED,
    }
    reviewer = User.objects.get(username="tianhe-czj")
    assert [d.source_file for d in visible_declarations(reviewer)] == [
        "tianhe-2025-project-pdftext.txt"
    ]


def test_demo_prints_every_login_with_its_password_role_and_organisation() -> None:
    output = demo()
    assert row(output, "tianhe-sfj", "jixiao-demo", "部门填报人", "广州市天河区司法局")
    assert row(output, "tianhe-czj", "jixiao-demo", "财政审核人", "天河区财政局")
    assert row(output, "gz-czj", "jixiao-demo", "财政审核人", "广州市财政局")
    assert row(output, "admin", "jixiao-demo", "系统管理员", "（全部单位）")
    assert len(re.findall(r"│ jixiao-demo │", output)) == 9
    officer = authenticate(username="tianhe-sfj", password="jixiao-demo")
    assert isinstance(officer, User)


def test_demo_prints_the_review_summary_of_every_declaration() -> None:
    output = demo("--url", "http://127.0.0.1:8123/")
    guangzhou = Declaration.objects.get(source_file="guangzhou-2023-project-tabbed.txt")
    tianhe = Declaration.objects.get(source_file="tianhe-2025-project-pdftext.txt")
    # 项目, 指标, 错误, 警告, 提示 as the document rules count them (the command line's
    # summary adds the cross-document rules, one more error for 天河's project table)
    assert row(output, "广州市司法局", "2023", "已提交", "29", "141", "29", "39", "76")
    assert row(output, "广州市天河区司法局", "2025", "已提交", "22", "110", "23", "41", "68")
    assert row(output, "广州市天河区司法局", "2025", "草稿", "0", "23", "0", "8", "16")
    assert f"http://127.0.0.1:8123/declarations/{guangzhou.pk}/" in output
    assert f"http://127.0.0.1:8123/declarations/{tianhe.pk}/" in output
    assert "打开 http://127.0.0.1:8123/" in output


def test_demo_runs_again_without_changing_anything() -> None:
    demo()
    first = {d.pk: (d.status, d.version) for d in Declaration.objects.all()}
    again = demo()
    assert {d.pk: (d.status, d.version) for d in Declaration.objects.all()} == first
    assert User.objects.count() == 9
    assert "已存在的账号密码未改动" in again
    assert "本次导入后已提交审核" not in again


def test_demo_leaves_what_the_demo_users_did() -> None:
    demo()
    returned = Declaration.objects.get(source_file="tianhe-2025-project-pdftext.txt")
    reviewer = User.objects.get(username="tianhe-czj")
    perform(reviewer, returned, Action.RETURN, returned.version, [CommentInput("请补充")])
    demo()
    assert statuses()["tianhe-2025-project-pdftext.txt"] == Status.RETURNED


def test_reset_passwords_restores_the_demo_password() -> None:
    demo()
    officer = User.objects.get(username="tianhe-sfj")
    officer.set_password("changed")
    officer.save()
    output = demo("--reset-passwords")
    assert authenticate(username="tianhe-sfj", password="jixiao-demo") is not None
    assert "密码未改动" not in output
