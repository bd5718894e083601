"""部门整体支出绩效自评表 (REFERENCE.md §2.5): the §2.4 shape at department level plus
评价结论, 存在问题 and 改进措施; one table per file, indicators at ``indicators/i``."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import DocumentKind
from jixiao.selfeval import compare, parse_selfeval, recompute
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION

PDF = """\
部门整体支出绩效自评表
（2024年度）
部门名称 某区司法局
主管部门 某区司法局 实施单位 某区司法局
部门资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 1,000.00 1,200.00 1,140.00 10 95.00% 9.50
其中：当年财政拨款 1,000.00 1,200.00 1,140.00 — — —
年度总体目标 预期目标 实际完成情况
完成年度法治宣传与法律服务各项任务。
全年任务均已完成。
绩效指标
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标（50分） 数量指标 法治宣传活动场次 ≥20场 24场 25 25
质量指标 法律援助案件质量合格率 ≥90% 95% 25 25
效益指标（30分） 社会效益指标 矛盾纠纷调解成功率 ≥95% 90% 30 28.42 疑难纠纷增加，已加强培训
满意度指标（10分） 服务对象满意度指标 群众满意度 ≥90% 93% 10 10
总分 100 97.92
等级 优
评价结论 各项任务总体完成，自评等级为优。
存在问题 调解成功率未达目标。
改进措施 加强调解员培训，
推行专家联合调解。
"""


def test_department_pdf_table() -> None:
    selfeval = parse_selfeval(PDF, "dept.txt")
    assert selfeval.kind is DocumentKind.DEPARTMENT
    assert selfeval.issues == []
    table = selfeval.tables[0]
    assert (table.path, table.name, table.fiscal_year) == ("", "某区司法局", 2024)
    assert [r.path for r in table.rows] == [f"indicators/{i}" for i in range(4)]
    assert [r.level1 for r in table.rows] == [OUTPUT, OUTPUT, BENEFIT, SATISFACTION]
    assert table.conclusion == "各项任务总体完成，自评等级为优。"
    assert table.problems == "调解成功率未达目标。"
    assert table.measures == "加强调解员培训，推行专家联合调解。"
    document = selfeval.document
    assert document.department == "某区司法局"
    assert document.overall_goal == "完成年度法治宣传与法律服务各项任务。"
    assert len(document.indicators) == 4


def test_department_recomputed_and_compared() -> None:
    selfeval = parse_selfeval(PDF, "dept.txt")
    (evaluation,) = recompute(selfeval)
    # 执行率 1140 ÷ 1200 = 95 % → 9.50; 90 ÷ 95 × 30 = 28.42
    assert evaluation.budget.points == Decimal("9.50")
    assert [str(r.score) for r in evaluation.rows] == ["25.00", "25.00", "28.42", "10.00"]
    assert evaluation.total == Decimal("97.92")
    assert compare(selfeval) == []


def test_department_tabbed_table_with_vertical_goal_rows() -> None:
    text = "\n".join(
        [
            "部门整体支出绩效自评表",
            "部门名称\t某区司法局",
            "部门资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
            "\t年度资金总额\t100\t100\t50\t10\t50%\t5",
            "年度总体目标\t预期目标\t完成任务。",
            "\t实际完成情况\t完成一半。",
            "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "\t产出指标（90分）\t数量指标\t任务完成率\t100%\t50%\t90\t45\t经费未到位",
            "总分\t\t\t\t\t\t100\t50",
            "等级\t\t\t\t\t\t差",
        ]
    )
    selfeval = parse_selfeval(text, "d.txt")
    table = selfeval.tables[0]
    assert (table.goal_expected, table.goal_actual) == ("完成任务。", "完成一半。")
    assert selfeval.issues == []
    assert compare(selfeval) == []
