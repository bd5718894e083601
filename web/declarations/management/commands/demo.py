"""``python -m web demo``: the demo database that ``make run`` serves, and what to try in it.

1. Runs :mod:`seed_demo <web.declarations.management.commands.seed_demo>`: the demo
   organisations, one officer per department and one reviewer per finance bureau, an
   administrator, and the five tables of ``samples/`` as declarations. Running it again adds
   only what is missing.
2. Submits the samples named in :data:`SUBMIT_ON_IMPORT` when they are first imported, so
   every reviewer finds a queue, while 天河's 部门整体 table stays a draft its officer can
   edit and submit. A declaration imported by an earlier run keeps whatever status the
   demo left it in.
3. Prints the logins (用户名 / 密码 / 角色 / 单位), the review summary of every declaration
   (项目, 指标 and 错误 / 警告 / 提示 from :func:`web.declarations.findings.review_findings`)
   and the address to open.

Passwords of existing accounts are left alone unless ``--reset-passwords`` is given
(verifying them would cost a second of PBKDF2 each).
"""

from __future__ import annotations

from argparse import ArgumentParser
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from rich.console import Console
from rich.table import Table

from web.declarations.findings import review_findings
from web.declarations.management.commands.seed_demo import DEMO_PASSWORD, USERS
from web.declarations.models import KIND_LABELS, Declaration
from web.declarations.services import perform
from web.workflow import Action, Role, Status

SUBMIT_ON_IMPORT = frozenset(
    {
        "guangzhou-2023-project-tabbed.txt",
        "jieyang-2023-department-tabbed-columns.txt",
        "tianhe-2025-project-pdftext.txt",
        "yuexiu-2025-department-pdftext.txt",
    }
)
"""Samples submitted for review on import; ``tianhe-2025-department-tabbed-html.txt`` stays
a draft of 广州市天河区司法局."""

DEFAULT_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "准备演示数据（单位、账号、样表申报，可重复运行），并列出登录账号和各申报的审核汇总"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--samples", type=Path, default=settings.BASE_DIR / "samples", help="样表目录"
        )
        parser.add_argument("--url", default=DEFAULT_URL, help="提示打开的网址")
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help=f"把演示账号的密码重置为 {DEMO_PASSWORD}",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seeded = StringIO()
        before = set(Declaration.objects.values_list("pk", flat=True))
        accounts_existed = User.objects.filter(username__in=demo_usernames()).exists()
        call_command("seed_demo", samples=options["samples"], stdout=seeded, stderr=self.stderr)
        if options["verbosity"] > 1:
            self.stdout.write(seeded.getvalue())
        submitted = submit_new_imports(before)
        if options["reset_passwords"]:
            reset_passwords(DEMO_PASSWORD)
        text = StringIO()
        out = Console(file=text, width=160, highlight=False, force_terminal=self.stdout.isatty())
        out.print(logins_table())
        if accounts_existed and not options["reset_passwords"]:
            out.print("已存在的账号密码未改动；如已改过，可用 --reset-passwords 恢复。")
        out.print(declarations_table(options["url"]))
        if submitted:
            out.print(f"本次导入后已提交审核：{'、'.join(submitted)}", soft_wrap=True)
        out.print(f"\n打开 {options['url']} ，用上面的账号登录（演示服务器，Ctrl-C 停止）。")
        self.stdout.write(text.getvalue(), ending="")


def submit_new_imports(before: set[int]) -> list[str]:
    """Submit the declarations imported since ``before`` that :data:`SUBMIT_ON_IMPORT` names,
    each by its department's officer; the names of the files submitted."""
    new = Declaration.objects.exclude(pk__in=before).filter(
        source_file__in=SUBMIT_ON_IMPORT, status=Status.DRAFT.value
    )
    submitted = []
    for declaration in new.select_related("organisation").order_by("source_file"):
        officer = declaration.organisation.memberships.get(role=Role.OFFICER).user
        perform(officer, declaration, Action.SUBMIT, declaration.version)
        submitted.append(declaration.source_file)
    return submitted


def demo_usernames() -> list[str]:
    return [username for username, *_ in USERS]


def reset_passwords(password: str) -> None:
    """Set every demo account's password to ``password`` (hashed once)."""
    with transaction.atomic():
        User.objects.filter(username__in=demo_usernames()).update(password=make_password(password))


def logins_table() -> Table:
    """用户名, 密码, 角色, 单位 — one row per demo account, in the order of ``USERS``."""
    table = Table(title="演示账号", title_justify="left")
    for header in ("用户名", "密码", "角色", "单位"):
        table.add_column(header)
    existing = set(
        User.objects.filter(username__in=demo_usernames()).values_list("username", flat=True)
    )
    for username, _name, role, organisation in USERS:
        if username in existing:
            table.add_row(username, DEMO_PASSWORD, Role(role).label, organisation or "（全部单位）")
    return table


def declarations_table(url: str) -> Table:
    """编号, 申报, 部门, 年度, 状态, 项目, 指标, 错误, 警告, 提示, 地址 — one row per
    declaration; the counts are those of the review shown beside the declaration's page."""
    table = Table(title="申报与审核汇总", title_justify="left")
    for header in ("编号", "申报", "部门", "年度", "状态"):
        table.add_column(header)
    for header in ("项目", "指标", "错误", "警告", "提示"):
        table.add_column(header, justify="right")
    table.add_column("地址")
    base = url.rstrip("/")
    for declaration in Declaration.objects.order_by("pk"):
        document = declaration.as_document()
        counts = review_findings(document).counts()
        table.add_row(
            str(declaration.pk),
            KIND_LABELS[document.kind],
            declaration.department_name,
            str(declaration.fiscal_year),
            declaration.status_enum.label,
            str(len(document.projects)),
            str(len(document.all_indicators())),
            str(counts["error"]),
            str(counts["warning"]),
            str(counts["info"]),
            base + reverse("declaration-detail", args=[declaration.pk]),
        )
    return table
