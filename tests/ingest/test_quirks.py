"""One test per real-layout quirk, named after what it reproduces (values checked by hand
against the line of the sample cited in each test)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.ingest import load
from jixiao.model import Document, Project

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _load(stem: str) -> Document:
    return load(SAMPLES / f"{stem}.txt")


def _project(document: Document, name: str) -> Project:
    return next(p for p in document.projects if p.name == name)


def test_pdf_project_name_wrapped_over_lines_is_rejoined() -> None:
    # lines 12-15: "    机关业务用房和司法所维修" / "维护费" / "82.60 82.60"
    project = _project(_load("tianhe-2025-project-pdftext"), "机关业务用房和司法所维修维护费")
    assert (project.source.line, project.source.end_line) == (12, 15)
    assert project.amount_total == project.fiscal_appropriation == Decimal("82.60")


def test_pdf_project_following_indicators_without_blank_line() -> None:
    # line 565 ends the previous project's indicators; line 566 starts the next name
    document = _load("tianhe-2025-project-pdftext")
    project = _project(document, "穗财政【2023】79号一村（社区）一法律顾问公益法律服务工作经费")
    assert project.amount_total == Decimal("192.80")
    previous = _project(document, "天河区社区矫正中心物业管理服务")
    assert previous.indicators[-1].annual_target is not None
    assert previous.indicators[-1].annual_target.raw == "100%"


def test_pdf_indicator_wrapped_mid_word_is_rejoined() -> None:
    # lines 27-29: "…；实施周期指标" / "值:100%；年度指标值:100%。2、…"
    project = _load("tianhe-2025-project-pdftext").projects[0]
    first = project.indicators[0]
    assert (first.name, first.level2_code, first.level2) == ("工程量完成率", "11", "数量指标")
    assert first.period_target is not None and first.period_target.raw == "100%"
    assert (first.source.line, first.source.end_line) == (27, 29)


def test_misfiled_level2_is_imported_as_written() -> None:
    # line 125-127: "4、2-效益指标；31-服务对象满意度；慰问对象满意率"
    project = _project(_load("tianhe-2025-project-pdftext"), "区管退休干部节日慰问经费")
    indicator = project.indicators[3]
    assert indicator.level1_as_written == "2-效益指标" and indicator.level1 == "效益指标"
    assert indicator.level2_as_written == "31-服务对象满意度"
    assert indicator.level2 == "服务对象满意度指标"


def test_html_fragments_are_stripped() -> None:
    document = _load("tianhe-2025-department-tabbed-html")
    assert document.overall_goal is not None
    assert document.overall_goal.startswith("全面贯彻党的二十大")
    assert "<p>" not in document.overall_goal and "</p>" not in document.overall_goal


def test_merged_category_cells_shifted_into_wrong_column() -> None:
    # line 37 "⇥⇥效益指标⇥经济效益指标⇥⇥", line 38 "⇥社会效益指标⇥⇥调解协议履行率（%）⇥≥90⇥≥90"
    document = _load("tianhe-2025-department-tabbed-html")
    indicator = next(i for i in document.indicators if i.name == "调解协议履行率（%）")
    assert (indicator.level1, indicator.level2) == ("效益指标", "社会效益指标")
    empty = [(c.source.line, c.level1, c.level2) for c in document.empty_categories]
    assert (37, "效益指标", "经济效益指标") in empty


def test_cost_block_as_level1() -> None:
    document = _load("tianhe-2025-department-tabbed-html")
    indicator = next(i for i in document.indicators if i.name == "设备购置成本控制")
    assert (indicator.level1, indicator.level2) == ("成本指标", "经济成本指标")


def test_page_headers_repeated_mid_table_are_dropped() -> None:
    # lines 34-36, 59-61, 80-82 repeat the title and 部门名称 row; 56 and 78 the column header
    document = _load("jieyang-2023-department-tabbed-columns")
    assert not document.issues
    lines = [i.source.line for i in document.indicators]
    assert 57 in lines and 62 in lines and 83 in lines
    assert document.supervising_department == "司法"
    assert (document.staff_count, document.subordinate_unit_count) == (99, 0)


def test_task_label_wrapped_across_page_break_and_shifted_amount() -> None:
    # line 31 "其他需完成⇥序号…", line 37 "任务⇥20⇥公务车购置⇥…⇥⇥50⇥" (amount one column left)
    tasks = {
        t.number or 0: t
        for t in _load("jieyang-2023-department-tabbed-columns").tasks
        if t.group == "其他需完成任务"
    }
    assert tasks[20].name == "公务车购置" and tasks[20].amount == Decimal(50)
    assert tasks[21].amount == Decimal(250)
    assert sorted(tasks) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 17, 19, 20, 21]


def test_separate_operator_value_unit_columns() -> None:
    # line 41: "…⇥全年全市律师办理法律援助事项⇥≥⇥160⇥件"
    indicator = _load("jieyang-2023-department-tabbed-columns").indicators[0]
    assert indicator.name == "办理法律援助事项"
    assert indicator.explanation == "全年全市律师办理法律援助事项"
    assert indicator.annual_target is not None and indicator.annual_target.raw == "≥160件"


def test_html_lookalike_comparison_is_not_markup() -> None:
    # line 17: "…年度指标值：<24小时。 3、…年度指标值：>98%。" is text, not a tag
    project = _project(_load("guangzhou-2023-project-tabbed"), "广州市司法局2019年信息化建设项目")
    assert [i.annual_target.raw for i in project.indicators if i.annual_target] == [
        "≥5TB",
        "<24小时",
        "100%",
        ">98%",
    ]


def test_item_numbering_restart_kept_as_written() -> None:
    project = _project(
        _load("guangzhou-2023-project-tabbed"),
        "广州市司法局2021年行政执法“两平台”：广州市级执法办案平台项目",
    )
    assert [i.number for i in project.indicators] == [1, 2, 1, 2]


def test_trailing_remark_after_last_indicator_is_a_project_note() -> None:
    project = _project(_load("guangzhou-2023-project-tabbed"), "各区专职人民调解服务项目经费")
    assert project.notes == ["（人均年度调解案件数、人均案件调解成功率为平均值。）"]
    assert project.indicators[-1].annual_target is not None
    assert project.indicators[-1].annual_target.raw == "100%"


def test_spaces_left_inside_chinese_names_by_pdf_extraction() -> None:
    names = [p.name for p in _load("guangzhou-2023-project-tabbed").projects]
    assert "广州市司法局2022年信息化建设开发项目" in names
    assert "广东省政法跨部门大数据办案平台广州分中心(市司法局分平台)项目" in names


def test_table_note_kept() -> None:
    assert _load("guangzhou-2023-project-tabbed").notes == ["注：不含保密项目。"]


def test_pdf_task_amount_followed_by_outcome_in_same_paragraph() -> None:
    # lines 62-65: "3.00" directly followed by the outcome text
    task = _load("yuexiu-2025-department-pdftext").tasks[1]
    assert task.name == "加强法治宣传教育工作，有序推进普法依法治理工作"
    assert task.amount == Decimal("3.00")
    assert task.expected_outcome is not None and task.expected_outcome.startswith(
        "加大全民普法力度"
    )


def test_pdf_department_without_year_and_decorated_name() -> None:
    document = _load("yuexiu-2025-department-pdftext")
    assert document.fiscal_year is None
    assert document.department == "广州市越秀区司法局"
    assert document.department_as_written == "广州市越秀区司法局(部门)"
    assert document.budget is not None
    assert document.budget.own_level_funds == Decimal("5236.02")
