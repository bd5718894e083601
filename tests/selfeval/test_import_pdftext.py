"""Import of the PDF-text fixture, values hand-checked against the fixture text
(``tianhe-2025-project-selfeval-pdftext.txt``; line numbers are the file's)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.actuals import QualitativeGrade
from jixiao.selfeval import Printed, SelfEvaluation, load_selfeval
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION
from tests.selfeval.fixtures import PDFTEXT


@pytest.fixture(scope="module")
def selfeval() -> SelfEvaluation:
    return load_selfeval(PDFTEXT)


def test_tables_and_header(selfeval: SelfEvaluation) -> None:
    assert selfeval.layout == "selfeval-pdftext"
    assert [len(t.rows) for t in selfeval.tables] == [5, 7, 5]
    first = selfeval.tables[0]
    assert first.name == "机关业务用房和司法所维修维护费"
    assert (first.supervising_department, first.implementing_unit) == ("广州市天河区司法局",) * 2
    assert first.fiscal_year == 2025
    assert selfeval.issues == []


def test_wrapped_block_label_and_funds_heading(selfeval: SelfEvaluation) -> None:
    funds = selfeval.tables[0].funds  # "项目资金\n（万元）" above the heading line
    assert [funds.initial, funds.budget, funds.executed] == [
        Printed(Decimal("82.60"), "82.60"),
        Printed(Decimal("82.60"), "82.60"),
        Printed(Decimal("79.85"), "79.85"),
    ]
    assert (funds.rate_pct, funds.score) == (
        Printed(Decimal("96.67"), "96.67"),
        Printed(Decimal("9.67"), "9.67"),
    )
    assert selfeval.tables[2].funds.rate_pct == Printed(Decimal("79.6"), "79.6")


def test_goal_split_at_the_first_sentence_end(selfeval: SelfEvaluation) -> None:
    table = selfeval.tables[0]
    assert table.goal_expected.startswith("保障局办公大楼及一楼公共法律服务大厅的正常运转")
    assert table.goal_expected.endswith("等业务场地能正常运作。")
    assert table.goal_actual == (
        "完成局办公大楼外墙、一楼公共法律服务大厅及社区矫正中心维修，18个司法所完成维修维护，"
        "3个司法所因汛期顺延至次年1月完工，各业务场地运作正常。"
    )


def test_level1_points_wrapped_below_the_name(selfeval: SelfEvaluation) -> None:
    weights = {n: p.value for n, (p, _) in selfeval.tables[0].level1_weights.items()}
    assert weights == {OUTPUT: 60, BENEFIT: 30}  # "（60分）" starts line 53, "（30分）" line 65
    assert [r.level1 for r in selfeval.tables[0].rows] == [OUTPUT] * 4 + [BENEFIT]
    assert [r.level2 for r in selfeval.tables[0].rows] == [
        "数量指标", "质量指标", "时效指标", "时效指标", "社会效益指标",
    ]  # fmt: skip


def test_wrapped_reason_continues_on_following_lines(selfeval: SelfEvaluation) -> None:
    row = selfeval.tables[0].rows[3]
    assert row.name == "维护维修及时性"
    assert (row.target_text, row.actual_text) == ("及时", "部分维修项目延期")
    assert (
        row.reason
        == "受汛期影响，3个司法所维修延至次年1月完成；已督促施工单位加快进度，汛期前安排维修计划。"
    )
    assert (row.source.line, row.source.end_line) == (57, 61)


def test_wrapped_name_continues_on_the_next_line(selfeval: SelfEvaluation) -> None:
    rows = selfeval.tables[1].rows
    assert rows[0].name == "每月到社区提供法律服务（含非现场服务折抵时间）时间（小时）"
    assert (rows[0].target_text, rows[0].actual_text) == ("≥8", "9.5")
    assert (rows[0].source.line, rows[0].source.end_line) == (116, 118)
    assert rows[1].name == "法律顾问每季度举办法治讲座（含线上）、法治宣传数（场次）"
    assert rows[6].level1 == SATISFACTION
    assert rows[6].actual_text == "96.5%"


def test_qualitative_rows_keep_the_published_score_and_tier(selfeval: SelfEvaluation) -> None:
    late = selfeval.actuals.for_indicator("projects/0/indicators/3")
    assert late is not None
    assert late.grade is QualitativeGrade.PARTLY  # "部分维修项目延期"
    assert late.score == Decimal(12)
    on_time = selfeval.actuals.for_indicator("projects/0/indicators/2")
    assert on_time is not None and on_time.grade is QualitativeGrade.MET  # "及时" = target
    standard = selfeval.actuals.for_indicator("projects/1/indicators/4")
    assert standard is not None and standard.grade is QualitativeGrade.MET  # "符合"


def test_totals(selfeval: SelfEvaluation) -> None:
    assert [t.total.text if t.total else None for t in selfeval.tables] == ["96.67", "100", "97.25"]
    assert [t.grade for t in selfeval.tables] == ["优", "优", "优"]
    assert selfeval.tables[1].total_source is not None
    assert selfeval.tables[1].total_source.line == 134
