"""``jixiao evaluate|monitor --database``: declarations and their latest actuals read through
``web.cli_bridge``, scored and lit exactly as the web pages do (``web.monitoring.selfeval``,
``web.monitoring.alerts``), on the real 天河 department table of ``tests/web/conftest.py``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jixiao.actuals import Actuals, BudgetExecution, IndicatorActual, Period, QualitativeGrade
from jixiao.cli import app
from jixiao.errors import UsageError
from jixiao.paths import iter_indicators
from jixiao.scoring import ScoringConfig
from tests.web.conftest import Declare, World
from web.cli_bridge import declaration_records
from web.declarations.models import Declaration
from web.monitoring.alerts import monitor
from web.monitoring.models import ActualsReport, EvaluationSettings
from web.monitoring.selfeval import selfeval_forms

pytestmark = pytest.mark.django_db


def _report(declaration: Declaration, period: Period, share: str) -> ActualsReport:
    """Every quantitative row at ``share`` × its target, qualitative rows partly met, the
    budget executed 3,000 万元."""
    actuals = Actuals(period)
    for ref in iter_indicators(declaration.as_document()):
        target = ref.indicator.annual_target
        if target is not None and target.value is not None:
            value = target.value * Decimal(share)
            actuals.indicators.append(IndicatorActual(ref.path, completed=value))
        else:
            grade = QualitativeGrade.PARTLY
            actuals.indicators.append(IndicatorActual(ref.path, grade=grade, reason_text="推进中"))
    actuals.executions.append(BudgetExecution("", executed=Decimal(3000)))
    report = ActualsReport(declaration=declaration, year=period.year, month=period.month)
    report.goal_completion = {"": "全年目标基本完成。"}
    report.set_actuals(actuals)
    report.save()
    return report


def _run(*args: str | Path) -> Result:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_records_carry_the_latest_actuals_and_own_settings(declare: Declare, world: World) -> None:
    declaration = declare()
    _report(declaration, Period(2025, 6), "0.4")
    latest = _report(declaration, Period(2025, 12), "0.9")
    settings = ScoringConfig(benefit_weight=Decimal(20), satisfaction_weight=Decimal(20))
    EvaluationSettings.objects.create(declaration=declaration, scoring_config=settings.to_dict())
    other = declare(world.yuexiu)

    records = {record.id: record for record in declaration_records()}
    record = records[declaration.pk]
    assert record.period == Period(2025, 12)
    assert record.actuals is not None
    assert record.actuals.indicators == latest.as_actuals().indicators
    assert record.scoring_config == settings
    assert record.goal_actuals == {"": "全年目标基本完成。"}
    assert (record.department, record.fiscal_year, record.status) == (
        "广州市天河区司法局", 2025, "草稿",
    )  # fmt: skip
    assert len(record.document.indicators) == 23
    assert records[other.pk].actuals is None and records[other.pk].period is None


def test_filters_and_unknown_declaration(declare: Declare, world: World) -> None:
    tianhe, yuexiu = declare(), declare(world.yuexiu)
    assert [r.id for r in declaration_records(declaration_id=yuexiu.pk)] == [yuexiu.pk]
    assert [r.id for r in declaration_records(department="广州市天河区司法局")] == [tianhe.pk]
    with pytest.raises(UsageError, match="数据库中没有编号为 999999 的申报"):
        declaration_records(declaration_id=999999)


def test_evaluate_prints_the_web_pages_scores(declare: Declare, tmp_path: Path) -> None:
    declaration = declare()
    report = _report(declaration, Period(2025, 12), "0.9")
    result = _run(
        "evaluate", "--database", "--declaration", str(declaration.pk), "--format", "json"
    )
    assert result.exit_code == 1  # rows below target without 偏差原因
    (entry,) = json.loads(result.stdout)["declarations"]
    assert entry["id"] == declaration.pk
    assert entry["period"] == {"year": 2025, "month": 12, "label": "2025年全年"}
    (sheet,) = selfeval_forms(declaration, report)
    (evaluation,) = entry["evaluations"]
    assert evaluation["total"] == str(sheet.evaluation.total)
    assert evaluation["grade"] == sheet.evaluation.grade.value
    assert [r["score"] for r in evaluation["rows"]] == [str(r.score) for r in sheet.evaluation.rows]

    text = _run("evaluate", "--database", "--summary", "-o", tmp_path)
    assert f"申报 #{declaration.pk}「{declaration.title}」" in text.stdout
    assert "数据截至2025年全年" in text.stdout
    assert (tmp_path / f"申报{declaration.pk}-自评表.xlsx").exists()
    page = (tmp_path / f"申报{declaration.pk}-自评表.html").read_text(encoding="utf-8")
    assert "全年目标基本完成。" in page and "部门整体支出绩效自评表" in page


def test_monitor_prints_the_web_pages_lights(declare: Declare, world: World) -> None:
    declaration = declare()
    report = _report(declaration, Period(2025, 7), "0.3")
    declare(world.yuexiu)  # no actuals: skipped
    result = _run("monitor", "--database", "--department", "广州市天河区司法局", "--format", "json")
    assert result.exit_code == 1  # 30 % of the target by July is red
    (entry,) = json.loads(result.stdout)["declarations"]
    expected = monitor(declaration, report)
    assert entry["monitoring"]["counts"] == {k.value: n for k, n in expected.counts().items()}
    assert entry["monitoring"]["department"]["light"] == expected.department.light.value
    text = _run("monitor", "--database", "--summary")
    assert "监控汇总（2025年1-7月）" in text.stdout
    assert "尚未填报执行情况，跳过" in text.stdout
