"""``python -m web import_actuals --declaration ID --user USERNAME FILE [--as-of 2025-07]``:
import a filled-in actuals template (执行情况填报表, docs/actuals-template.md) into a
declaration, as the web page's upload does.

It goes through :func:`web.monitoring.services.import_actuals_file` acting as ``USERNAME``,
so the same permissions (the user must see the declaration and may enter its actuals), the
same checks (approved declaration, paths and year of the declaration), the same merge into
the report of the file's period and the same history entry (user, reason ``导入 <文件名>``)
apply. Problems of single rows (sheet, row, column) are printed on stderr and the other rows
are stored. A refusal (:class:`~web.workflow.WorkflowError`: not visible, not permitted, not
approved, stale, invalid) or a file without any importable row is a :class:`CommandError`
with the Chinese message (exit status 1, no traceback).
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jixiao.cli.inputs import parse_period
from jixiao.errors import UsageError
from web.declarations.models import Declaration
from web.declarations.services import get_declaration
from web.monitoring.services import ImportOutcome, import_actuals_file
from web.workflow import WorkflowError


class Command(BaseCommand):
    help = (
        "导入填好的执行情况填报表（XLSX/CSV）：按指定用户的权限写入申报的执行情况，并记入修改历史"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", type=Path, metavar="FILE", help="执行情况填报表（.xlsx 或 .csv）"
        )
        parser.add_argument("--declaration", type=int, required=True, metavar="ID", help="申报编号")
        parser.add_argument(
            "--user", required=True, metavar="USERNAME", help="以此用户的身份和权限导入"
        )
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM",
            help="文件未写明填报期间时（如 CSV）使用的截至月份，如 2025-07",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            period = parse_period(options["as_of"])
        except UsageError as error:
            raise CommandError(str(error)) from None
        user = _user(options["user"])
        try:
            declaration = get_declaration(user, options["declaration"])
            with path.open("rb") as stream:
                outcome = import_actuals_file(
                    user, declaration, stream, file_label=path.name, period=period
                )
        except WorkflowError as error:
            raise CommandError(str(error)) from None
        except FileNotFoundError:
            raise CommandError(f"{path}: 文件不存在") from None
        except OSError as error:
            raise CommandError(f"{path}: 无法读取（{error.strerror or error}）") from None
        for problem in outcome.problems:
            self.stderr.write(problem.message, style_func=self.style.WARNING)
        if outcome.report is None:
            raise CommandError(f"{path}: 文件中没有可导入的行，未保存任何内容")
        self.stdout.write(_summary(declaration, outcome))


def _user(username: str) -> Any:
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"用户不存在：{username}") from None


def _summary(declaration: Declaration, outcome: ImportOutcome) -> str:
    """``已导入申报 #3「…」2025年1-7月执行情况：指标 3 行，预算执行 2 行（第 1 版）…``."""
    report = outcome.report
    assert report is not None
    period = outcome.period.label if outcome.period else ""
    skipped = f"；文件有 {len(outcome.problems)} 处问题（见上）" if outcome.problems else ""
    return (
        f"已导入申报 #{declaration.pk}「{declaration.title}」{period}执行情况："
        f"指标 {outcome.indicators} 行，预算执行 {outcome.executions} 行"
        f"（执行情况第 {report.version} 版）{skipped}"
    )
