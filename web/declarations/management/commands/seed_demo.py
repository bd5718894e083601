"""``python -m web seed_demo``: demo organisations, users and the samples as declarations.

Creates the finance bureaus and departments of the published tables in ``samples/``
(广州市财政局 → 天河区财政局 → 广州市天河区司法局 …), one officer per department and one
reviewer per bureau, plus an administrator, prints their logins, then imports every sample
as a draft declaration of its department, created by that department's officer. Running it
again adds only what is missing.
"""

from __future__ import annotations

import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.ingest import collect_files, load
from web.declarations.models import Declaration
from web.declarations.services import create_declaration, perform
from web.organisations.models import Membership, Organisation
from web.workflow import Action, Role

KIND = Organisation.Kind
ORGANISATIONS = [
    ("广州市财政局", KIND.CITY, None),
    ("广州市司法局", KIND.DEPARTMENT, "广州市财政局"),
    ("天河区财政局", KIND.DISTRICT, "广州市财政局"),
    ("广州市天河区司法局", KIND.DEPARTMENT, "天河区财政局"),
    ("越秀区财政局", KIND.DISTRICT, "广州市财政局"),
    ("广州市越秀区司法局", KIND.DEPARTMENT, "越秀区财政局"),
    ("揭阳市财政局", KIND.CITY, None),
    ("揭阳市司法局", KIND.DEPARTMENT, "揭阳市财政局"),
]
"""``(name, kind, parent name)``, parents first."""

USERS = [
    ("admin", "系统管理员", Role.ADMIN, None),
    ("gz-sfj", "广州市司法局填报人", Role.OFFICER, "广州市司法局"),
    ("tianhe-sfj", "天河区司法局填报人", Role.OFFICER, "广州市天河区司法局"),
    ("yuexiu-sfj", "越秀区司法局填报人", Role.OFFICER, "广州市越秀区司法局"),
    ("jieyang-sfj", "揭阳市司法局填报人", Role.OFFICER, "揭阳市司法局"),
    ("gz-czj", "广州市财政局审核人", Role.REVIEWER, "广州市财政局"),
    ("tianhe-czj", "天河区财政局审核人", Role.REVIEWER, "天河区财政局"),
    ("yuexiu-czj", "越秀区财政局审核人", Role.REVIEWER, "越秀区财政局"),
    ("jieyang-czj", "揭阳市财政局审核人", Role.REVIEWER, "揭阳市财政局"),
]
"""``(username, display name, role, organisation name)``."""

DEMO_PASSWORD = "jixiao-demo"
YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


class Command(BaseCommand):
    help = "创建演示单位、用户，并把 samples/ 中的绩效目标表导入为申报（可重复运行）"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--samples", type=Path, default=settings.BASE_DIR / "samples", help="样表目录"
        )
        parser.add_argument("--password", default=DEMO_PASSWORD, help="新建演示用户的密码")
        parser.add_argument("--submit", action="store_true", help="导入后提交，供审核人审核")

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            organisations = seed_organisations()
            users = seed_users(organisations, options["password"])
        self.print_logins(users, options["password"])
        self.import_samples(options["samples"], organisations, options["submit"])

    def print_logins(self, users: list[tuple[User, bool]], password: str) -> None:
        self.stdout.write(f"演示账号（新建账号的密码：{password}）：")
        for user, created in users:
            role = user.membership
            where = f" · {role.organisation}" if role.organisation else ""
            note = "" if created else "（已存在，密码未改）"
            self.stdout.write(f"  {user.username:<12} {Role(role.role).label}{where}{note}")

    def import_samples(
        self, folder: Path, organisations: dict[str, Organisation], submit: bool
    ) -> None:
        files = collect_files([folder])
        if not files:
            raise CommandError(f"{folder} 中没有样表")
        self.stdout.write(f"导入 {folder} 中的 {len(files)} 个样表：")
        for path in files:
            try:
                self.stdout.write(f"  {import_sample(path, organisations, submit)}")
            except JixiaoError as error:
                self.stderr.write(f"  {error}")


def seed_organisations() -> dict[str, Organisation]:
    """The demo organisations by name, created when missing."""
    by_name: dict[str, Organisation] = {}
    for name, kind, parent in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "parent": by_name.get(parent or "")}
        )
        if created:
            organisation.full_clean()
        by_name[name] = organisation
    return by_name


def seed_users(organisations: dict[str, Organisation], password: str) -> list[tuple[User, bool]]:
    """The demo users with their memberships; ``True`` beside the ones created now."""
    users = []
    hashed = make_password(password)  # hashed once: the hasher is slow on purpose
    for username, display_name, role, organisation in USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": display_name}
        )
        if created:
            user.password = hashed
            user.is_staff = user.is_superuser = role is Role.ADMIN
            user.save()
            Membership.objects.create(
                user=user, role=role, organisation=organisations.get(organisation or "")
            )
        users.append((user, created))
    return users


def import_sample(path: Path, organisations: dict[str, Organisation], submit: bool) -> str:
    """Import one sample as a declaration of its department; a line saying what happened."""
    existing = Declaration.objects.filter(source_file=path.name).first()
    if existing is not None:
        return f"{path.name}：已导入（{existing}）"
    document = load(path)
    organisation = organisations.get(document.department or "")
    if organisation is None:
        return f"{path.name}：没有名为“{document.department}”的演示单位，未导入"
    officer = organisation.memberships.get(role=Role.OFFICER).user
    match = YEAR_IN_NAME.search(path.name)
    year = document.fiscal_year or (int(match.group(1)) if match else None)
    declaration = create_declaration(
        officer, organisation, document, fiscal_year=year, source_file=path.name
    )
    if submit:
        perform(officer, declaration, Action.SUBMIT, declaration.version)
    status = declaration.status_enum.label
    return f"{path.name} → {declaration}（{organisation}，{status}，第 {declaration.version} 版）"
