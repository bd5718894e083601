"""预算执行率 points: 执行率 = 全年执行数 ÷ 全年预算数, min(10, 执行率 × 10) (REFERENCE.md §6)."""

from __future__ import annotations

from dataclasses import replace

from jixiao.actuals import BudgetExecution, Period
from jixiao.model import BudgetOverview, MoneyUnit, Project
from jixiao.scoring import ScoringConfig, department_budget, project_budget, score_budget
from jixiao.scoring.budget import DeclaredBudget
from jixiao.scoring.result import BudgetScore
from tests.scoring.factories import SOURCE, D

CONFIG = ScoringConfig()
DECLARED: DeclaredBudget = (D("82.60"), "申报表：项目资金总额")


def score(executed: str, declared: DeclaredBudget | None = DECLARED, **kw: object) -> BudgetScore:
    execution = BudgetExecution("projects/0", D(executed))
    execution = replace(execution, **kw)  # type: ignore[arg-type]
    return score_budget(execution, declared, CONFIG, "projects/0")


def test_points_from_the_rate_as_printed() -> None:
    scored = score("80")
    # 80 ÷ 82.60 = 0.968523… → 96.85 %; 96.85 % × 10 = 9.685 → 9.69
    assert (scored.rate_pct, scored.points) == (D("96.85"), D("9.69"))
    assert scored.explanation == "执行率 = 80 ÷ 82.6 = 96.85%；得分 = 96.85% × 10 = 9.69"
    assert (scored.budget_wan_yuan, scored.budget_source) == (D("82.60"), "申报表：项目资金总额")
    assert (scored.explanation_required, scored.problems) == (False, ())


def test_points_are_capped_at_the_weight() -> None:
    scored = score("90")  # 90 ÷ 82.6 = 108.96 %; 10.896 → capped at 10
    assert (scored.rate_pct, scored.points) == (D("108.96"), D(10))
    assert scored.explanation.endswith("得分 = min(10, 108.96% × 10) = 10.00")


def test_reported_budget_wins_and_low_rates_need_an_explanation() -> None:
    scored = score("85", budget=D(100))  # 85 ÷ 100 = 85 % < 90 %
    assert (scored.points, scored.budget_source) == (D("8.50"), "填报的全年预算数")
    assert (scored.explanation_required, scored.explanation_missing) == (True, True)
    explained = score("85", budget=D(100), reason_text="年底采购未完成支付")
    assert explained.explanation_missing is False
    assert score("90", budget=D(100)).explanation_required is False  # 90 % is not below 90 %


def test_missing_execution_budget_or_zero_budget_score_zero() -> None:
    missing = score_budget(None, DECLARED, CONFIG, "projects/0")
    assert (missing.points, [p.code for p in missing.problems]) == (D(0), ["execution-missing"])
    assert [p.code for p in score("10", None).problems] == ["budget-missing"]
    zero = score("10", (D(0), "申报表：项目资金总额"))
    assert (zero.points, [p.code for p in zero.problems]) == (D(0), ["budget-zero"])


def test_partial_year_execution_is_flagged() -> None:
    scored = score("40", as_of=Period(2025, 6))
    assert [p.code for p in scored.problems] == ["actual-partial-year"]


def test_project_budget_is_the_total_converted_to_wan_yuan() -> None:
    project = Project("p", SOURCE, amount_total=D(826000))
    assert project_budget(project, MoneyUnit.YUAN) == (D("82.6"), "申报表：项目资金总额")
    sources = Project("p", SOURCE, fiscal_appropriation=D(80), other_funds=D("2.6"))
    assert project_budget(sources, MoneyUnit.WAN_YUAN) == (D("82.6"), "申报表：各资金来源之和")
    assert project_budget(Project("p", SOURCE), MoneyUnit.WAN_YUAN) is None


def test_department_budget_is_basic_plus_project_expenditure() -> None:
    # Tianhe 2025 司法局: 基本支出 4,855.11 + 项目支出 1,484.96 = 6,340.07
    overview = BudgetOverview(basic_expenditure=D("4855.11"), project_expenditure=D("1484.96"))
    assert department_budget(overview, MoneyUnit.WAN_YUAN) == (
        D("6340.07"), "申报表：基本支出 + 项目支出",
    )  # fmt: skip
    funding = BudgetOverview(fiscal_appropriation=D("2885.41"))
    assert department_budget(funding, MoneyUnit.WAN_YUAN) == (
        D("2885.41"), "申报表：财政拨款 + 其他资金",
    )  # fmt: skip
    assert department_budget(None, MoneyUnit.WAN_YUAN) is None
    assert department_budget(BudgetOverview(), MoneyUnit.WAN_YUAN) is None
