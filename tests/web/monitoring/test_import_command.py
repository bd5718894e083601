"""``python -m web import_actuals``: a template written by :func:`write_template` for the
approved 天河 department declaration (23 indicators), filled in with openpyxl, imported as
the department's officer through the same service as the upload page; refusals are one
Chinese :class:`CommandError`, without traceback."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from jixiao.actuals import Period
from jixiao.actuals_xlsx import write_template
from tests.web.conftest import Declare, World
from tests.web.monitoring.conftest import PUBLICITY, Approve
from tests.web.monitoring.test_import import fill
from web.declarations.models import Declaration
from web.monitoring.models import ActualsReport

pytestmark = pytest.mark.django_db

JULY = Period(2025, 7)


def filled_template(declaration: Declaration, path: Path, values: dict[str, object]) -> Path:
    """The template of ``declaration`` for July 2025 with ``values`` in the 业务宣传活动 row."""
    write_template(declaration.as_document(), path, JULY)
    workbook = load_workbook(path)
    fill(workbook["指标完成情况"], PUBLICITY, values)
    workbook.save(path)
    return path


def run(*args: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_actuals", *(str(a) for a in args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_stores_the_value_with_the_user_in_history(
    approve: Approve, world: World, tmp_path: Path
) -> None:
    declaration = approve()
    path = filled_template(declaration, tmp_path / "天河七月.xlsx", {"累计完成值": 15})
    out, err = run("--declaration", declaration.pk, "--user", world.officer.username, path)
    assert err == ""
    assert f"已导入申报 #{declaration.pk}" in out
    assert "2025年1-7月执行情况：指标 1 行，预算执行 0 行（执行情况第 1 版）" in out

    report = ActualsReport.objects.get(declaration=declaration)
    assert (report.year, report.month, report.version) == (2025, 7, 1)
    publicity = report.as_actuals().for_indicator(PUBLICITY)
    assert publicity is not None and publicity.completed == Decimal(15)
    entry = report.history.get()
    assert entry.history_user == world.officer
    assert entry.history_change_reason == "导入 天河七月.xlsx"


def test_problems_are_listed_and_the_good_rows_stored(
    approve: Approve, world: World, tmp_path: Path
) -> None:
    declaration = approve()
    path = filled_template(
        declaration, tmp_path / "t.xlsx", {"累计完成值": "四十", "偏差原因": "经费保障"}
    )
    out, err = run("--declaration", declaration.pk, "--user", world.officer.username, path)
    assert "「指标完成情况」第" in err and "“累计完成值”列" in err and "四十" in err
    assert "文件有 1 处问题" in out
    publicity = ActualsReport.objects.get().as_actuals().for_indicator(PUBLICITY)
    assert publicity is not None and publicity.completed is None and publicity.reasons


def test_a_draft_declaration_is_refused(declare: Declare, world: World, tmp_path: Path) -> None:
    declaration = declare()
    path = filled_template(declaration, tmp_path / "t.xlsx", {"累计完成值": 15})
    with pytest.raises(CommandError, match="绩效目标批复后才能开展运行监控"):
        run("--declaration", declaration.pk, "--user", world.officer.username, path)
    assert not ActualsReport.objects.exists()


def test_other_users_are_refused(approve: Approve, world: World, tmp_path: Path) -> None:
    declaration = approve()
    path = filled_template(declaration, tmp_path / "t.xlsx", {"累计完成值": 15})
    with pytest.raises(CommandError, match="申报不存在或无权查看"):
        run("--declaration", declaration.pk, "--user", world.other_officer.username, path)
    with pytest.raises(CommandError, match="您无权填报此申报的执行情况"):
        run("--declaration", declaration.pk, "--user", world.reviewer.username, path)
    with pytest.raises(CommandError, match="用户不存在：nobody"):
        run("--declaration", declaration.pk, "--user", "nobody", path)
    assert not ActualsReport.objects.exists()


def test_a_missing_or_empty_file(approve: Approve, world: World, tmp_path: Path) -> None:
    declaration = approve()
    missing = tmp_path / "missing.xlsx"
    with pytest.raises(CommandError, match=r"missing\.xlsx: 文件不存在"):
        run("--declaration", declaration.pk, "--user", world.officer.username, missing)
    empty = filled_template(declaration, tmp_path / "empty.xlsx", {})
    with pytest.raises(CommandError, match="没有可导入的行"):
        run("--declaration", declaration.pk, "--user", world.officer.username, empty)
    with pytest.raises(CommandError, match="期间应写作 2025-07"):
        run(
            "--declaration", declaration.pk, "--user", world.officer.username, "--as-of", "x", empty
        )
