"""Saving actuals: stored as the core's JSON, kept in the audit trail, refused when stale or
when they do not fit the declaration; evaluation settings the same way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
)
from jixiao.actuals_json import actuals_to_dict
from jixiao.monitoring import PRESETS
from jixiao.scoring import ScoringConfig, WeightSplit
from tests.web.conftest import World
from tests.web.monitoring.conftest import PUBLICITY, Approve
from web.monitoring.audit import ActualsChange, actuals_trail
from web.monitoring.errors import InvalidActualsError, StaleActualsError
from web.monitoring.models import ActualsReport, EvaluationSettings
from web.monitoring.services import (
    NEW,
    actuals_series,
    latest_actuals,
    merge_actuals,
    monitoring_config,
    save_actuals,
    save_settings,
    scoring_config,
)

JUNE, JULY = Period(2025, 6), Period(2025, 7)


def publicity(completed: str, **kwargs: object) -> Actuals:
    actual = IndicatorActual(PUBLICITY, completed=Decimal(completed), **kwargs)  # type: ignore[arg-type]
    return Actuals(JUNE, [actual], [BudgetExecution("", Decimal("3000"))])


def test_save_stores_the_core_json_with_its_period(world: World, approve: Approve) -> None:
    declaration = approve()
    actuals = publicity(
        "3",
        reasons=(DeviationReason.FUNDING, DeviationReason.STAFF),
        reason_text="宣传经费下半年到位",
        likelihood=Likelihood.POSSIBLE,
    )
    report = save_actuals(world.officer, declaration, JUNE, actuals, NEW)
    assert (report.year, report.month, report.version) == (2025, 6, 1)
    assert report.created_by == world.officer
    assert report.actuals == actuals_to_dict(actuals)
    assert report.actuals["as_of"] == {"year": 2025, "month": 6}
    stored = report.as_actuals().for_indicator(PUBLICITY)
    assert stored is not None
    assert stored.completed == Decimal(3)
    assert stored.reasons == (DeviationReason.FUNDING, DeviationReason.STAFF)
    assert stored.likelihood is Likelihood.POSSIBLE


def test_every_save_is_in_the_audit_trail(world: World, approve: Approve) -> None:
    declaration = approve()
    report = save_actuals(world.officer, declaration, JUNE, publicity("3"), NEW)
    save_actuals(world.admin, declaration, JUNE, publicity("5"), 1, reason="更正宣传场次")
    report.refresh_from_db()
    assert report.version == 2
    history = list(report.history.order_by("history_id"))
    assert [(h.history_user, h.history_change_reason, h.version) for h in history] == [
        (world.officer, "填报2025年1-6月执行情况", 1),
        (world.admin, "更正宣传场次", 2),
    ]
    before, after = history
    changed = {change.field for change in after.diff_against(before).changes}
    assert changed == {"actuals", "version"}
    assert before.actuals["indicators"][0]["completed"] == "3"
    assert after.actuals["indicators"][0]["completed"] == "5"
    latest, first = actuals_trail(report)
    assert (latest.user, latest.reason, latest.version) == ("管理员", "更正宣传场次", 2)
    assert latest.changes == [
        ActualsChange(PUBLICITY, "业务宣传活动（场次）", "累计完成值", "3", "5")
    ]
    assert (first.user, first.changes) == ("天河司法填报人", [])


def test_a_save_from_a_stale_copy_is_refused(world: World, approve: Approve) -> None:
    declaration = approve()
    save_actuals(world.officer, declaration, JUNE, publicity("3"), NEW)
    save_actuals(world.admin, declaration, JUNE, publicity("5"), 1)
    with pytest.raises(StaleActualsError) as refused:
        save_actuals(world.officer, declaration, JUNE, publicity("9"), 1)
    assert (refused.value.expected, refused.value.current) == (1, 2)
    assert "已被管理员修改" in str(refused.value)
    report = ActualsReport.objects.get(declaration=declaration)
    assert report.version == 2
    assert report.actuals["indicators"][0]["completed"] == "5"
    assert report.history.count() == 2


def test_creating_a_period_somebody_else_created_is_stale(world: World, approve: Approve) -> None:
    declaration = approve()
    save_actuals(world.admin, declaration, JUNE, publicity("3"), NEW)
    with pytest.raises(StaleActualsError, match="第 0 版"):
        save_actuals(world.officer, declaration, JUNE, publicity("4"), NEW)
    assert ActualsReport.objects.get(declaration=declaration).version == 1


@pytest.mark.parametrize(
    ("period", "actuals", "message"),
    [
        (Period(2024, 6), Actuals(), "预算年度 2025 年"),
        (JUNE, Actuals(indicators=[IndicatorActual("indicators/99")]), "indicators/99"),
        (JUNE, Actuals(executions=[BudgetExecution("projects/0", Decimal(1))]), "projects/0"),
        (JUNE, Actuals(indicators=[IndicatorActual(PUBLICITY, as_of=JULY)]), "晚于填报期间"),
    ],
)
def test_actuals_that_do_not_fit_the_declaration_are_refused(
    world: World, approve: Approve, period: Period, actuals: Actuals, message: str
) -> None:
    declaration = approve()
    with pytest.raises(InvalidActualsError, match=message):
        save_actuals(world.officer, declaration, period, actuals, NEW)
    assert not ActualsReport.objects.exists()


def test_latest_and_series(world: World, approve: Approve) -> None:
    declaration = approve()
    assert latest_actuals(declaration) is None
    save_actuals(
        world.officer,
        declaration,
        JULY,
        Actuals(executions=[BudgetExecution("", Decimal(4000))]),
        NEW,
    )
    save_actuals(world.officer, declaration, JUNE, publicity("3"), NEW)
    latest = latest_actuals(declaration)
    assert latest is not None and latest.as_of == JULY
    series = actuals_series(declaration)
    assert [period for period, _ in series] == [JUNE, JULY]
    assert [a.for_budget("").executed for _, a in series] == [Decimal(3000), Decimal(4000)]  # type: ignore[union-attr]


def test_merge_replaces_items_of_the_same_path_only() -> None:
    base = Actuals(
        JUNE,
        [IndicatorActual("indicators/0", completed=Decimal(1)), IndicatorActual("indicators/1")],
    )
    update = Actuals(JUNE, [IndicatorActual("indicators/1", completed=Decimal(7))])
    merged = merge_actuals(base, update)
    assert [(a.path, a.completed) for a in merged.indicators] == [
        ("indicators/0", Decimal(1)),
        ("indicators/1", Decimal(7)),
    ]


def test_settings_store_only_what_differs_and_are_versioned(world: World, approve: Approve) -> None:
    declaration = approve()
    assert scoring_config(declaration) == ScoringConfig()
    scoring = ScoringConfig(
        split=WeightSplit.ROWS, budget_weight=Decimal(20), output_weight=Decimal(40)
    )
    stored = save_settings(world.officer, declaration, scoring, PRESETS["ningxia"], NEW)
    assert stored.scoring_config == {"budget_weight": "20", "output_weight": "40", "split": "rows"}
    assert stored.monitoring_config == {"name": "ningxia", "reason_on_yellow": False}
    assert scoring_config(declaration) == scoring
    assert monitoring_config(declaration) == PRESETS["ningxia"]
    with pytest.raises(StaleActualsError):
        save_settings(world.admin, declaration, ScoringConfig(), PRESETS["default"], NEW)
    save_settings(world.admin, declaration, ScoringConfig(), PRESETS["default"], 1)
    settings = EvaluationSettings.objects.get(declaration=declaration)
    assert (settings.version, settings.scoring_config, settings.monitoring_config) == (2, {}, {})
    assert [h.history_user for h in settings.history.order_by("history_id")] == [
        world.officer,
        world.admin,
    ]
