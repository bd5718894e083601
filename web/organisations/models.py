"""Organisations form a tree 市 → 区 → 部门, and each user has one membership with a role.

* A **city** (市) or **district** (区) organisation is a finance bureau (财政局); a district
  bureau sits under its city's bureau.
* A **department** (预算部门) sits directly under the one finance bureau that reviews its
  budget: a city department under the city bureau, a district department under its
  district bureau.
* A :class:`Membership` ties a user to an organisation with a role: a department officer
  belongs to a department, a reviewer to a finance bureau; an administrator needs none.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from web.workflow import Role


class Organisation(models.Model):
    """A finance bureau (city or district) or a budget department."""

    class Kind(models.TextChoices):
        CITY = "city", "市级财政局"
        DISTRICT = "district", "区级财政局"
        DEPARTMENT = "department", "预算部门"

    PARENT_KINDS: ClassVar[dict[str, tuple[str, ...]]] = {
        Kind.CITY: (),
        Kind.DISTRICT: (Kind.CITY,),
        Kind.DEPARTMENT: (Kind.CITY, Kind.DISTRICT),
    }
    """The kinds a parent may have, per kind (a city has no parent)."""

    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ("name",)
        constraints = (
            models.CheckConstraint(
                condition=Q(kind="city", parent__isnull=True)
                | (~Q(kind="city") & Q(parent__isnull=False)),
                name="organisation_only_city_is_root",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def is_finance_bureau(self) -> bool:
        return self.kind != self.Kind.DEPARTMENT

    @property
    def finance_bureau(self) -> Organisation:
        """The bureau that reviews this department (a bureau is its own)."""
        if self.is_finance_bureau or self.parent is None:
            return self
        return self.parent

    def clean(self) -> None:
        allowed = self.PARENT_KINDS[self.kind]
        if self.parent is None and allowed:
            raise ValidationError({"parent": f"{self.get_kind_display()}必须有上级单位"})
        if self.parent is not None and self.parent.kind not in allowed:
            raise ValidationError(
                {"parent": f"{self.get_kind_display()}不能隶属于{self.parent.get_kind_display()}"}
            )


ROLE_CHOICES = [(role.value, role.label) for role in Role]


class Membership(models.Model):
    """A user's role and organisation (one per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="membership",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField("角色", max_length=16, choices=ROLE_CHOICES)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = (
            models.CheckConstraint(
                condition=Q(role=Role.ADMIN.value) | Q(organisation__isnull=False),
                name="membership_organisation_unless_admin",
            ),
        )

    def __str__(self) -> str:
        where = f"（{self.organisation}）" if self.organisation else ""
        return f"{self.user} · {Role(self.role).label}{where}"

    def clean(self) -> None:
        role = Role(self.role)
        organisation = self.organisation
        if role is Role.ADMIN:
            return
        if organisation is None:
            raise ValidationError({"organisation": f"{role.label}必须属于一个单位"})
        if role is Role.OFFICER and organisation.is_finance_bureau:
            raise ValidationError({"organisation": "部门填报人必须属于预算部门"})
        if role is Role.REVIEWER and not organisation.is_finance_bureau:
            raise ValidationError({"organisation": "财政审核人必须属于财政局"})
