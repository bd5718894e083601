"""The XLSX workbook: standard table layouts, numbers as numbers, valid sheet names."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.ingest import load
from jixiao.model import Document, Operator
from jixiao.report import ReportData, render_xlsx
from jixiao.report.xlsx_style import sheet_name
from jixiao.review.finding import Finding, Severity
from jixiao.review.runner import DocumentReview, ReviewReport, review
from jixiao.taxonomy import BENEFIT, OUTPUT, SATISFACTION
from tests.review.factories import (
    make_budget,
    make_department_doc,
    make_indicator,
    make_project,
    make_project_doc,
    make_subtotal,
    make_target,
    make_task,
)

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt"))


def _department() -> Document:
    indicators = [
        make_indicator(
            "调解成功率",
            OUTPUT,
            "质量指标",
            annual=make_target("≥95%", Operator.GE, 95, "%"),
            line=20,
        ),
        make_indicator("群众法律意识", BENEFIT, "社会效益指标", annual="明显提升", line=21),
        make_indicator("满意度", SATISFACTION, "服务对象满意度指标", annual="=100", line=22),
    ]
    return make_department_doc(
        file="a/测试局[部门]:整体?.txt",
        budget=make_budget(
            line=3,
            basic_expenditure="4855.11",
            project_expenditure="1484.96",
            fiscal_appropriation="6340.07",
            other_funds="0",
        ),
        tasks=[
            make_task("法治宣传", "120.5", line=8),
            make_task("公务车购置", "50", line=9, group="其他需完成任务"),
        ],
        indicators=indicators,
    )


def _projects(file: str = "b/项目.txt") -> Document:
    two = [
        make_indicator("服务时长", annual="≥8小时", line=5),
        make_indicator("满意度", SATISFACTION, None, annual="≥90%", line=6),
    ]
    document = make_project_doc(
        file=file,
        projects=[
            make_project("法律顾问经费", "1402.74", "1402.74", indicators=two, line=4),
            make_project("维修维护费", "82.6", "82.6", indicators=[], line=7),
        ],
        subtotals=[make_subtotal("合计", "1485.34", "1485.34", line=2)],
    )
    document.notes.append("注：不含保密项目。")
    return document


def _workbook(*documents: Document, reviewed: bool = True) -> Workbook:
    finding = Finding(
        "project-goal-missing",
        Severity.ERROR,
        "项目绩效目标为空",
        documents[-1].file,
        "维修维护费",
        None,
        7,
        7,
        "维修维护费\t82.6",
    )
    reviews = [DocumentReview(d) for d in documents]
    reviews[-1].findings.append(finding)
    data = ReportData(ReviewReport(reviews), reviewed=reviewed)
    return load_workbook(BytesIO(render_xlsx(data)))


def _row(sheet: Worksheet, row: int) -> list[object]:
    return [cell.value for cell in sheet[row]]


def _find_row(sheet: Worksheet, first_value: str) -> int:
    """The first row whose column A holds ``first_value``."""
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == first_value:
            return row
    raise AssertionError(f"no row starts with {first_value!r}")


def test_sheets_are_summary_documents_and_findings() -> None:
    book = _workbook(_department(), _projects())
    assert book.sheetnames == ["汇总", "测试局_部门__整体_", "项目", "审核意见"]


def test_unreviewed_workbook_has_no_findings_sheet() -> None:
    book = _workbook(_projects(), reviewed=False)
    assert book.sheetnames == ["汇总", "项目"]
    assert _row(book["汇总"], 2)[7:] == [None, None, None]


def test_project_sheet_follows_the_standard_layout() -> None:
    sheet = _workbook(_projects())["项目"]
    assert _row(sheet, 3) == [
        "项目名称（资金使用单位）",
        "总计",
        "财政拨款",
        "财政专户拨款",
        "其他资金",
        "绩效目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "实施周期指标值",
        "年度指标值",
        "原文行号",
    ]
    assert sheet["A3"].font.b
    assert _row(sheet, 4)[:3] == ["合计", 1485.34, 1485.34]
    assert sheet["B4"].number_format == "#,##0.00"
    assert _row(sheet, 5)[:3] == ["法律顾问经费", 1402.74, 1402.74]
    assert _row(sheet, 6)[6:12] == [SATISFACTION, None, "满意度", None, "≥90%", 6]
    assert {"A5:A6", "B5:B6", "F5:F6"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert _row(sheet, 7)[:3] == ["维修维护费", 82.6, 82.6]
    assert sheet["A8"].value == "注：不含保密项目。"
    assert sheet.freeze_panes == "B4"
    assert sheet["A2"].value == "部门名称：测试局" and sheet["L2"].value == "单位：万元"


def test_department_sheet_blocks_and_parsed_target_columns() -> None:
    sheet = _workbook(_department())["测试局_部门__整体_"]
    budget = _find_row(sheet, "预算整体情况")
    assert _row(sheet, budget)[1:5] == [
        "部门预算支出",
        "预算金额（万元）",
        "收入来源",
        "预算金额（万元）",
    ]
    assert _row(sheet, budget + 1)[1:5] == ["基本支出", 4855.11, "财政拨款", 6340.07]
    assert sheet.cell(row=budget + 1, column=3).number_format == "#,##0.00"
    assert _row(sheet, _find_row(sheet, "总体绩效目标"))[1] == "全面履行部门职责。"
    tasks = _find_row(sheet, "年度重点工作任务")
    assert _row(sheet, tasks + 1)[2:5] == ["法治宣传", None, 120.5]
    assert _find_row(sheet, "其他需完成任务") == tasks + 2
    grid = _find_row(sheet, "一级指标")
    assert _row(sheet, grid)[6:9] == ["对比符号", "指标值", "计量单位"]
    assert _row(sheet, grid + 1)[:10] == [
        OUTPUT,
        "质量指标",
        "调解成功率",
        None,
        None,
        "≥95%",
        "≥",
        95,
        "%",
        20,
    ]
    assert _row(sheet, grid + 2)[6:8] == ["定性", "明显提升"]


def test_text_that_looks_like_a_formula_stays_text() -> None:
    sheet = _workbook(_department())["测试局_部门__整体_"]
    row = _find_row(sheet, SATISFACTION)
    assert sheet.cell(row=row, column=6).value == "=100"
    assert sheet.cell(row=row, column=6).data_type == "s"


def test_findings_sheet_lists_every_finding() -> None:
    sheet = _workbook(_projects())["审核意见"]
    assert _row(sheet, 1) == ["文件", "严重程度", "代码", "项目", "指标", "行号", "说明", "原文"]
    assert _row(sheet, 2) == [
        "b/项目.txt",
        "错误",
        "project-goal-missing",
        "维修维护费",
        None,
        7,
        "项目绩效目标为空",
        "维修维护费\t82.6",
    ]
    assert sheet.freeze_panes == "A2"


def test_summary_sheet_links_each_document_sheet() -> None:
    sheet = _workbook(_department(), _projects())["汇总"]
    assert _row(sheet, 1)[:4] == ["文件", "工作表", "类型", "部门"]
    assert _row(sheet, 3) == ["b/项目.txt", "项目", "项目", "测试局", 2025, 2, 2, 1, 0, 0]
    link = sheet["B3"].hyperlink
    assert link is not None and link.location == "'项目'!A1"


def test_same_stem_in_two_folders_gets_two_sheets() -> None:
    book = _workbook(_projects("x/项目.txt"), _projects("y/项目.txt"))
    assert book.sheetnames[1:3] == ["项目", "项目~2"]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"),
        ("'引号'", "引号"),
        ("", "表"),
        ("很" * 40, "很" * 31),
        ("汇总", "汇总~2"),
    ],
)
def test_sheet_names_are_valid(wanted: str, expected: str) -> None:
    assert sheet_name(wanted, {"汇总"}) == expected


def test_long_duplicate_names_stay_within_31_characters() -> None:
    taken: set[str] = set()
    names = [sheet_name("长" * 40, taken) for _ in range(3)]
    assert names == ["长" * 31, "长" * 29 + "~2", "长" * 29 + "~3"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_real_sample_workbook_opens_with_numbers(path: Path) -> None:
    document = load(path)
    book = load_workbook(BytesIO(render_xlsx(ReportData(review([document])))))
    sheet = book[book.sheetnames[1]]
    assert sheet.title == path.stem[:31]
    numbers = [
        c
        for row in sheet.iter_rows()
        for c in row
        if c.number_format == "#,##0.00" and c.value is not None
    ]
    assert numbers and all(isinstance(c.value, int | float) for c in numbers)


def test_department_header_shows_supervisor_and_basic_information() -> None:
    document = _department()
    document.supervising_department, document.staff_count, document.subordinate_unit_count = (
        "司法",
        99,
        0,
    )
    sheet = _workbook(document)["测试局_部门__整体_"]
    assert _row(sheet, 2)[:7] == ["部门名称", "测试局", None, None, None, "资金主管部门", "司法"]
    assert _row(sheet, 3)[:5] == ["基本信息", "财政供养人员数", 99, "下属二级单位数", 0]
    assert sheet["J4"].value == "单位：万元"
