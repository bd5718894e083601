"""Fixtures of the web tests: an organisation tree, the personas and declarations.

``world`` is the tree of the demo data in miniature::

    广州市财政局 (city)
    ├── 广州市司法局 (department)
    ├── 天河区财政局 (district) ── 广州市天河区司法局 (department)  ← "own"
    └── 越秀区财政局 (district) ── 广州市越秀区司法局 (department)  ← "other"

and the personas: the 天河 department ``officer``, the 天河 bureau ``reviewer``, an
``outsider`` (a logged-in user with no role) and an ``admin``; ``other_officer`` and
``other_reviewer`` work on the 越秀 side. Declarations hold the real published
``tianhe-2025-department-tabbed-html.txt`` table.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from pytest_django.fixtures import Settings

from jixiao.ingest import load
from jixiao.serialize import document_to_dict
from web.declarations.models import Declaration
from web.organisations.models import Membership, Organisation
from web.workflow import Role, Status

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TIANHE_DEPARTMENT = SAMPLES / "tianhe-2025-department-tabbed-html.txt"


@dataclass
class World:
    city: Organisation
    city_department: Organisation
    tianhe_bureau: Organisation
    tianhe: Organisation
    yuexiu_bureau: Organisation
    yuexiu: Organisation
    officer: User
    reviewer: User
    outsider: User
    admin: User
    other_officer: User
    other_reviewer: User
    city_reviewer: User


def make_organisation(name: str, kind: str, parent: Organisation | None = None) -> Organisation:
    organisation = Organisation(name=name, kind=kind, parent=parent)
    organisation.full_clean()
    organisation.save()
    return organisation


def make_user(
    username: str, role: Role | None = None, organisation: Organisation | None = None
) -> User:
    user = User.objects.create_user(username, first_name=username)
    if role is not None:
        membership = Membership(user=user, role=role, organisation=organisation)
        membership.full_clean()
        membership.save()
    return user


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    kind = Organisation.Kind
    city = make_organisation("广州市财政局", kind.CITY)
    tianhe_bureau = make_organisation("天河区财政局", kind.DISTRICT, city)
    yuexiu_bureau = make_organisation("越秀区财政局", kind.DISTRICT, city)
    tianhe = make_organisation("广州市天河区司法局", kind.DEPARTMENT, tianhe_bureau)
    yuexiu = make_organisation("广州市越秀区司法局", kind.DEPARTMENT, yuexiu_bureau)
    city_department = make_organisation("广州市司法局", kind.DEPARTMENT, city)
    return World(
        city=city,
        city_department=city_department,
        tianhe_bureau=tianhe_bureau,
        tianhe=tianhe,
        yuexiu_bureau=yuexiu_bureau,
        yuexiu=yuexiu,
        officer=make_user("天河司法填报人", Role.OFFICER, tianhe),
        reviewer=make_user("天河财政审核人", Role.REVIEWER, tianhe_bureau),
        outsider=make_user("局外人"),
        admin=make_user("管理员", Role.ADMIN),
        other_officer=make_user("越秀司法填报人", Role.OFFICER, yuexiu),
        other_reviewer=make_user("越秀财政审核人", Role.REVIEWER, yuexiu_bureau),
        city_reviewer=make_user("市财政审核人", Role.REVIEWER, city),
    )


@pytest.fixture(scope="session")
def tianhe_document_json() -> dict[str, Any]:
    return document_to_dict(load(TIANHE_DEPARTMENT))


Declare = Callable[..., Declaration]


@pytest.fixture
def declare(world: World, tianhe_document_json: dict[str, Any]) -> Declare:
    """Make a declaration of ``organisation`` (default: 天河) in ``status`` directly."""

    def make(
        organisation: Organisation | None = None, status: Status = Status.DRAFT
    ) -> Declaration:
        organisation = organisation or world.tianhe
        document = copy.deepcopy(tianhe_document_json)
        document["department"] = organisation.name
        declaration = Declaration(organisation=organisation, fiscal_year=2025, status=status)
        declaration.set_document(document)
        declaration.save()
        return declaration

    return make
