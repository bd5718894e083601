"""The organisation tree (市 → 区 → 部门) and memberships keep their shape."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.web.conftest import World
from web.organisations.models import Membership, Organisation
from web.workflow import Role

KIND = Organisation.Kind


def test_each_department_belongs_to_one_finance_bureau(world: World) -> None:
    assert world.tianhe.finance_bureau == world.tianhe_bureau
    assert world.city_department.finance_bureau == world.city
    assert world.tianhe_bureau.finance_bureau == world.tianhe_bureau
    assert [o.name for o in world.city.children.order_by("name")] == [
        "天河区财政局",
        "广州市司法局",
        "越秀区财政局",
    ]


@pytest.mark.parametrize(
    ("kind", "parent_kind", "message"),
    [
        (KIND.DEPARTMENT, None, "预算部门必须有上级单位"),
        (KIND.DISTRICT, None, "区级财政局必须有上级单位"),
        (KIND.DISTRICT, KIND.DISTRICT, "区级财政局不能隶属于区级财政局"),
        (KIND.DEPARTMENT, KIND.DEPARTMENT, "预算部门不能隶属于预算部门"),
        (KIND.CITY, KIND.CITY, "市级财政局不能隶属于市级财政局"),
    ],
)
def test_tree_shape_is_validated(
    world: World, kind: str, parent_kind: Organisation.Kind | None, message: str
) -> None:
    parents = {
        KIND.CITY: world.city,
        KIND.DISTRICT: world.tianhe_bureau,
        KIND.DEPARTMENT: world.tianhe,
    }
    parent = parents[parent_kind] if parent_kind else None
    with pytest.raises(ValidationError) as invalid:
        Organisation(name="新单位", kind=kind, parent=parent).full_clean()
    assert invalid.value.message_dict["parent"] == [message]


def test_database_refuses_a_department_without_parent(db: None) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="无上级部门", kind=KIND.DEPARTMENT)


@pytest.mark.parametrize(
    ("role", "where", "message"),
    [
        (Role.OFFICER, "tianhe_bureau", "部门填报人必须属于预算部门"),
        (Role.REVIEWER, "tianhe", "财政审核人必须属于财政局"),
        (Role.REVIEWER, None, "财政审核人必须属于一个单位"),
    ],
)
def test_membership_role_matches_organisation(
    world: World, role: Role, where: str | None, message: str
) -> None:
    user = User.objects.create_user("新用户")
    organisation = getattr(world, where) if where else None
    with pytest.raises(ValidationError) as invalid:
        Membership(user=user, role=role, organisation=organisation).full_clean()
    assert invalid.value.message_dict["organisation"] == [message]


def test_administrator_needs_no_organisation(world: World) -> None:
    assert world.admin.membership.organisation is None
    assert str(world.admin.membership) == "管理员 · 系统管理员"
    assert str(world.officer.membership) == "天河司法填报人 · 部门填报人（广州市天河区司法局）"


def test_database_refuses_an_officer_without_organisation(db: None) -> None:
    user = User.objects.create_user("无单位")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.OFFICER)


def test_role_changes_are_recorded(world: World) -> None:
    membership = world.reviewer.membership
    membership.organisation = world.yuexiu_bureau
    membership.save()
    before, after = membership.history.order_by("history_id")
    assert (before.organisation_id, after.organisation_id) == (
        world.tianhe_bureau.pk,
        world.yuexiu_bureau.pk,
    )
