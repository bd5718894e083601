"""Fixtures of the monitoring tests: approved declarations and helpers to report actuals.

Declarations are approved the way users approve them (officer submits, reviewer approves,
through :func:`web.declarations.services.perform`); they hold the real published 天河
department table of ``tests/web/conftest.py`` (23 indicators; 全年预算 基本支出 4,855.11 +
项目支出 1,484.96 = 6,340.07 万元).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    IndicatorActual,
    Period,
    QualitativeGrade,
)
from jixiao.model import Document
from jixiao.paths import iter_indicators
from tests.web.conftest import Declare, World
from web.declarations.models import Declaration
from web.declarations.services import perform
from web.organisations.models import Organisation
from web.workflow import Action, Role, Status

TIANHE_BUDGET = Decimal("6340.07")
"""基本支出 4,855.11 + 项目支出 1,484.96 (万元) of the 天河 department table."""
PUBLICITY = "indicators/2"
"""业务宣传活动（场次）, 年度指标值 ≥ 21 场 (产出指标 / 数量指标)."""

Approve = Callable[..., Declaration]


def approve_through_workflow(declaration: Declaration, world: World) -> Declaration:
    """Submit as the department's officer and approve as its bureau's reviewer."""
    officer = _user_with(declaration.organisation, Role.OFFICER, world.officer, world.other_officer)
    reviewer = _user_with(
        declaration.organisation.finance_bureau, Role.REVIEWER, world.reviewer, world.other_reviewer
    )
    perform(officer, declaration, Action.SUBMIT, declaration.version)
    perform(reviewer, declaration, Action.APPROVE, declaration.version)
    assert declaration.status == Status.APPROVED
    return declaration


def _user_with(organisation: Organisation, role: Role, *candidates: User) -> User:
    for user in candidates:
        membership = user.membership
        if membership.organisation_id == organisation.pk and membership.role == role:
            return user
    raise AssertionError(f"no {role} for {organisation}")


@pytest.fixture
def approve(world: World, declare: Declare) -> Approve:
    """An approved declaration of ``organisation`` (default 天河), approved via the workflow."""

    def make(organisation: Organisation | None = None) -> Declaration:
        return approve_through_workflow(declare(organisation or world.tianhe), world)

    return make


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def all_met(document: Document, period: Period) -> Actuals:
    """Every indicator exactly at its 年度指标值 (qualitative ones 达成年度指标) and the whole
    budget executed, as of ``period``."""
    actuals = Actuals(period)
    for ref in iter_indicators(document):
        target = ref.indicator.annual_target
        if target is not None and target.quantitative and target.value is not None:
            actuals.indicators.append(IndicatorActual(ref.path, completed=target.value))
        else:
            actuals.indicators.append(IndicatorActual(ref.path, grade=QualitativeGrade.MET))
    actuals.executions.append(BudgetExecution("", TIANHE_BUDGET))
    return actuals


def replace_actual(actuals: Actuals, actual: IndicatorActual) -> Actuals:
    """``actuals`` with the item of ``actual.path`` replaced by ``actual``."""
    actuals.indicators = [a for a in actuals.indicators if a.path != actual.path] + [actual]
    return actuals
