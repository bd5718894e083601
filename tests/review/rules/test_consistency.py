"""Tests of the consistency rules (RV23 period vs annual, RV16 duplicates, numbering)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from jixiao.ingest import load
from jixiao.model import Document, Indicator, Operator, Target, Task
from jixiao.review.finding import Severity
from jixiao.review.registry import CATALOGUE, RULES
from jixiao.review.rules.consistency import (  # also registers the rules
    normalized_name,
    number_list,
    numbering_problems,
    task_sequences,
)
from tests.review.factories import (
    codes,
    make_department_doc,
    make_indicator,
    make_project,
    make_project_doc,
    make_task,
    run_rule,
)

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def q(raw: str, operator: Operator, value: str, unit: str | None) -> Target:
    return Target(raw, operator, Decimal(value), unit=unit, qualitative=False)


def both(name: str, period: Target | str, annual: Target | str, line: int = 10) -> Indicator:
    return make_indicator(name, annual=annual, period=period, line=line)


def department(*indicators: Indicator) -> Document:
    return make_department_doc(indicators=list(indicators))


def numbered(name: str, number: int | None, line: int) -> Indicator:
    indicator = make_indicator(name, line=line)
    indicator.number = number
    return indicator


def task(number: int | None, group: str, line: int = 20) -> Task:
    item = make_task(f"任务{number}", 1, line=line, group=group)
    item.number = number
    return item


# catalogue ----------------------------------------------------------------------------------

EXPECTED_SEVERITIES = {
    "period-annual-kind-differs": Severity.WARNING,
    "period-annual-unit-differs": Severity.WARNING,
    "period-annual-operator-differs": Severity.WARNING,
    "period-annual-rate-differs": Severity.WARNING,
    "annual-exceeds-period": Severity.WARNING,
    "period-annual-text-differs": Severity.INFO,
    "indicator-duplicate": Severity.WARNING,
    "indicator-name-repeated": Severity.INFO,
    "numbering-restart": Severity.WARNING,
    "numbering-gap": Severity.WARNING,
    "project-duplicate": Severity.WARNING,
}


def test_every_consistency_code_is_catalogued_with_its_severity() -> None:
    family = {code for r in RULES.values() if r.family == "consistency" for code in r.codes}
    assert family == set(EXPECTED_SEVERITIES)
    for code, severity in EXPECTED_SEVERITIES.items():
        assert CATALOGUE[code].severity is severity, code


# RV23.period --------------------------------------------------------------------------------


def test_qualitative_period_with_quantitative_annual_is_a_warning() -> None:
    """天河 2025 “预防和减少重新犯罪”: “两类”人员未发生…恶性事件 vs 社区矫正对象监管率100%."""
    annual = q("社区矫正对象监管率100%", Operator.EQ, "100", "%")
    indicator = both(
        "预防和减少重新犯罪，维护社会稳定", "“两类”人员未发生影响重大的恶性事件", annual
    )
    findings = run_rule("RV23.period", department(indicator))
    assert codes(findings) == ["period-annual-kind-differs"]
    assert "一个是定性、一个是定量" in findings[0].message


@pytest.mark.parametrize(
    ("period", "annual", "code", "detail"),
    [
        (q("≥12人", Operator.GE, "12", "人"), q("≥12名", Operator.GE, "12", "名"),
         "period-annual-unit-differs", "（“人”与“名”）"),
        (q("年均≥1场次", Operator.GE, "1", "场次"), q("1场次", Operator.EQ, "1", "场次"),
         "period-annual-operator-differs", "（“≥”与“=”）"),
        (q("≥95%", Operator.GE, "95", "%"), q("≥90%", Operator.GE, "90", "%"),
         "period-annual-rate-differs", "比率类指标两者通常应相同"),
        (q("≥100件", Operator.GE, "100", "件"), q("≥300件", Operator.GE, "300", "件"),
         "annual-exceeds-period", "大于实施周期指标值“≥100件”"),
    ],
)  # fmt: skip
def test_quantitative_period_and_annual_disagreeing(
    period: Target, annual: Target, code: str, detail: str
) -> None:
    findings = run_rule("RV23.period", department(both("某指标", period, annual)))
    assert codes(findings) == [code]
    assert detail in findings[0].message


def test_different_qualitative_wording_is_advice() -> None:
    """天河 2025 “保障机构正常运行；实施周期指标值:达标；年度指标值:正常运行”."""
    findings = run_rule("RV23.period", department(both("保障机构正常运行", "达标", "正常运行")))
    assert codes(findings) == ["period-annual-text-differs"]
    assert findings[0].severity is Severity.INFO


def test_agreeing_period_and_annual_are_accepted() -> None:
    rows = [
        both("调解成功率", q("≥80%", Operator.GE, "80", "%"), q("≥80%", Operator.GE, "80", "%")),
        both("培训", q("≥300件", Operator.GE, "300", "件"), q("≥100件", Operator.GE, "100", "件")),
        both("开展法律援助工作服务项目", "运行服务评估达标", "评估达标"),
        both(
            "办结率",
            q("法定期限办结率100%", Operator.EQ, "100", "%"),
            q("100%", Operator.EQ, "100", "%"),
        ),
        make_indicator("只有年度值", annual="≥1次"),
    ]
    assert run_rule("RV23.period", department(*rows)) == []


# RV16.indicators ----------------------------------------------------------------------------


def test_normalized_name_ignores_brackets_punctuation_and_leading_verbs() -> None:
    assert normalized_name("确保 审查数量（个）") == normalized_name("审查数量")
    assert normalized_name("人均案件调解成功率（%）") == "人均案件调解成功率"


def test_duplicate_indicator_in_one_project_is_a_warning() -> None:
    rows = [make_indicator("审查数量", line=43), make_indicator("确保审查数量（个）", line=44)]
    project = make_project("法制经费", indicators=rows)
    findings = run_rule("RV16.indicators", make_project_doc(projects=[project]))
    assert codes(findings) == ["indicator-duplicate"]
    assert findings[0].source_line == 44
    assert findings[0].message.startswith(
        "项目“法制经费”三级指标“确保审查数量（个）”出现2次（第43、44行）"
    )


def test_same_name_with_different_explanations_is_advice() -> None:
    """揭阳 2023 “审查数量” twice: 审查地方性法规 and 审查政府规章."""
    first, second = make_indicator("审查数量", line=43), make_indicator("审查数量", line=44)
    first.explanation, second.explanation = "审查地方性法规", "审查政府规章"
    findings = run_rule("RV16.indicators", department(first, second))
    assert codes(findings) == ["indicator-name-repeated"]
    assert "指标解释不同（“审查地方性法规”、“审查政府规章”）" in findings[0].message


def test_same_name_in_two_projects_is_accepted() -> None:
    projects = [
        make_project("甲项目", indicators=[make_indicator("全年矛盾纠纷排查次数")]),
        make_project("乙项目", indicators=[make_indicator("全年矛盾纠纷排查次数")]),
    ]
    assert run_rule("RV16.indicators", make_project_doc(projects=projects)) == []


# JX.indicator-numbering ---------------------------------------------------------------------


def test_numbering_helpers() -> None:
    assert number_list([1, 2, 3, 4, 15, 17, 19, 20, 21]) == "1–4、15、17、19–21"
    assert numbering_problems([1, 2, 1, 2]).restart_at == 2
    assert numbering_problems([1, 2, 4]).missing == [3]
    assert numbering_problems([1, 2, 2, 3]).missing == []
    assert numbering_problems([1, 2, 3]).restart_at is None


def test_restarting_indicator_numbers_are_a_warning() -> None:
    """广州 2023 行政执法“两平台”项目: ``1、2、1、2``."""
    rows = [numbered(f"指标{i}", n, 28 + i) for i, n in enumerate([1, 2, 1, 2])]
    project = make_project("两平台项目", indicators=rows)
    findings = run_rule("JX.indicator-numbering", make_project_doc(projects=[project]))
    assert codes(findings) == ["numbering-restart"]
    assert findings[0].source_line == 30
    assert findings[0].message.startswith(
        "项目“两平台项目”的绩效指标编号为“1、2、1、2”，在第3项处编号回到1"
    )


def test_gap_in_indicator_numbers_is_a_warning() -> None:
    rows = [numbered(f"指标{n}", n, 10 + n) for n in (1, 2, 4)]
    findings = run_rule("JX.indicator-numbering", department(*rows))
    assert codes(findings) == ["numbering-gap"]
    assert "缺少第3项" in findings[0].message and findings[0].source_line == 14


def test_regular_or_missing_numbers_are_accepted() -> None:
    rows = [numbered(f"指标{n}", n, 10 + n) for n in (1, 2, 3)]
    assert run_rule("JX.indicator-numbering", department(*rows)) == []
    assert run_rule("JX.indicator-numbering", department(numbered("x", None, 1))) == []


# JX.task-numbering --------------------------------------------------------------------------


def test_task_sequence_continues_across_a_page_broken_group() -> None:
    """揭阳 2023: 其他需完成任务 1–11, 15, 17, then ``其他需完成`` 19 and ``任务`` 20, 21."""
    tasks = [task(n, "年度重点工作任务") for n in range(1, 6)]
    tasks += [task(n, "其他需完成任务") for n in [*range(1, 12), 15, 17]]
    tasks += [task(19, "其他需完成"), task(20, "任务"), task(21, "任务")]
    assert [len(items) for _, items in task_sequences(tasks)] == [5, 16]
    findings = run_rule("JX.task-numbering", make_department_doc(tasks=tasks))
    assert codes(findings) == ["numbering-gap"]
    assert findings[0].message.startswith(
        "“其他需完成任务”的序号为“1–11、15、17、19–21”，缺少第12–14、16、18项"
    )


def test_two_task_lists_each_from_one_are_accepted() -> None:
    tasks = [task(n, "年度重点工作任务") for n in (1, 2, 3)]
    tasks += [task(n, "其他需完成任务") for n in (1, 2)]
    tasks += [task(None, "其他需完成任务")]
    assert run_rule("JX.task-numbering", make_department_doc(tasks=tasks)) == []


# RV16.projects ------------------------------------------------------------------------------


def test_project_listed_twice_is_a_warning() -> None:
    projects = [make_project("普法经费", line=5), make_project("普法 经费", line=9)]
    findings = run_rule("RV16.projects", make_project_doc(projects=projects))
    assert codes(findings) == ["project-duplicate"]
    assert findings[0].message.startswith("项目“普法 经费”在本表中出现2次（第5、9行）")


def test_same_project_under_two_units_is_accepted() -> None:
    projects = [make_project("普法经费", unit="甲单位"), make_project("普法经费", unit="乙单位")]
    assert run_rule("RV16.projects", make_project_doc(projects=projects)) == []


# real samples -------------------------------------------------------------------------------


@cache
def sample(stem: str) -> Document:
    return load(SAMPLES / f"{stem}.txt")


def test_guangzhou_projects_whose_numbering_restarts() -> None:
    findings = run_rule("JX.indicator-numbering", sample("guangzhou-2023-project-tabbed"))
    assert {f.code for f in findings} == {"numbering-restart"}
    assert len(findings) == 3
    assert "广州市司法局2021年行政执法“两平台”：广州市级执法办案平台项目" in {
        f.project for f in findings
    }


def test_jieyang_missing_task_numbers_and_repeated_review_count() -> None:
    stem = "jieyang-2023-department-tabbed-columns"
    gaps = run_rule("JX.task-numbering", sample(stem))
    assert [f.code for f in gaps] == ["numbering-gap"]
    assert "缺少第12–14、16、18项" in gaps[0].message
    repeated = run_rule("RV16.indicators", sample(stem))
    assert [(f.code, f.indicator) for f in repeated] == [("indicator-name-repeated", "审查数量")]


def test_tianhe_period_and_annual_values_that_disagree() -> None:
    findings = run_rule("RV23.period", sample("tianhe-2025-project-pdftext"))
    pairs = {(f.code, f.indicator) for f in findings}
    assert ("period-annual-text-differs", "保障机构正常运行") in pairs
    assert ("period-annual-kind-differs", "预防和减少重新犯罪，维护社会稳定") in pairs
    assert ("period-annual-text-differs", "法律援助机构指派律师数") in pairs
