"""The actuals template: layout, and a filled template reads back to the same actuals."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Likelihood,
    Period,
    QualitativeGrade,
)
from jixiao.actuals_xlsx import (
    BUDGET_COLUMNS,
    BUDGET_SHEET,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    INFO_SHEET,
    read_actuals,
    write_template,
)
from jixiao.ingest import load
from jixiao.model import Document
from jixiao.paths import iter_indicators

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
JULY = Period(2025, 7)


@pytest.fixture(scope="module")
def projects() -> Document:
    return load(SAMPLES / "tianhe-2025-project-pdftext.txt")


def template(document: Document, as_of: Period = JULY) -> Workbook:
    """The template of ``document``, opened for editing as a department would."""
    stream = BytesIO()
    write_template(document, stream, as_of)
    return load_workbook(BytesIO(stream.getvalue()))


def row_of(sheet: Worksheet, path: str) -> int:
    """Sheet row whose hidden 路径 cell is ``path``."""
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == path:
            return row
    raise KeyError(path)


def fill(sheet: Worksheet, path: str, **values: str | float | None) -> None:
    """Write ``values`` (column key → value) into the row of ``path``."""
    columns = INDICATOR_COLUMNS if sheet.title == INDICATOR_SHEET else BUDGET_COLUMNS
    keys = [column.key for column in columns]
    row = row_of(sheet, path)
    for key, value in values.items():
        sheet.cell(row=row, column=keys.index(key) + 1, value=value)


def read_back(workbook: Workbook, document: Document | None = None) -> tuple[Actuals, list[str]]:
    stream = BytesIO()
    workbook.save(stream)
    stream.seek(0)
    actuals, problems = read_actuals(stream, file_label="填报.xlsx", document=document)
    return actuals, [problem.message for problem in problems]


def test_template_has_one_row_per_indicator(projects: Document) -> None:
    sheet = template(projects)[INDICATOR_SHEET]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [column.header for column in INDICATOR_COLUMNS]
    paths = [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)]
    assert paths == [ref.path for ref in iter_indicators(projects)]
    assert [cell.value for cell in sheet[2]][:7] == [
        "projects/0/indicators/0", "机关业务用房和司法所维修维护费", "产出指标", "数量指标",
        "工程量完成率", "= 100 %", 7,
    ]  # fmt: skip


def test_template_locks_what_the_declaration_says(projects: Document) -> None:
    sheet = template(projects)[INDICATOR_SHEET]
    assert sheet.column_dimensions["A"].hidden
    assert sheet.protection.sheet
    assert sheet["F2"].protection.locked and not sheet["H2"].protection.locked
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    last = sheet.max_row
    assert ranges[f"J2:J{last}"] == '"经费保障,制度保障,人员保障,硬件条件保障,其他"'
    assert ranges[f"L2:L{last}"] == '"确定能,有可能,完全不可能"'
    assert "部分达成年度指标并具有一定效果" in (ranges[f"M2:M{last}"] or "")


def test_budget_sheet_is_prefilled_in_wan_yuan(projects: Document) -> None:
    sheet = template(projects)[BUDGET_SHEET]
    assert [cell.value for cell in sheet[1]] == [column.header for column in BUDGET_COLUMNS]
    assert [cell.value for cell in sheet[2]][:3] == ["/", "部门整体（广州市天河区司法局）", 1485.34]
    assert [cell.value for cell in sheet[3]][:3] == [
        "projects/0",
        "机关业务用房和司法所维修维护费",
        82.6,
    ]
    assert sheet.max_row == len(projects.projects) + 2


def test_info_sheet_states_the_period(projects: Document) -> None:
    sheet = template(projects, Period(2025, 6))[INFO_SHEET]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert (values["监控年度"], values["截至月份"], values["监控期间"]) == (2025, 6, "2025年1-6月")


def test_department_rows_are_labelled_as_such() -> None:
    document = load(SAMPLES / "tianhe-2025-department-tabbed-html.txt")
    sheet = template(document)[INDICATOR_SHEET]
    assert sheet["A2"].value == "indicators/0" and sheet["B2"].value == "部门整体"
    budget = template(document)[BUDGET_SHEET]
    assert budget["C2"].value == pytest.approx(4855.11 + 1484.96)


def test_round_trip(projects: Document) -> None:
    workbook = template(projects)
    sheet, budget = workbook[INDICATOR_SHEET], workbook[BUDGET_SHEET]
    fill(
        sheet, "projects/1/indicators/0", completed=5, expected=9,
        reasons="经费保障、人员保障", reason_text="律师人手不足", likelihood="有可能",
    )  # fmt: skip
    fill(sheet, "projects/0/indicators/2", grade="部分达成年度指标并具有一定效果")
    fill(sheet, "projects/9/indicators/3", completed="18%", month=6)
    fill(budget, "projects/1", executed=100.5)
    fill(budget, "/", executed=300, reason_text="部分项目未开工")
    actuals, problems = read_back(workbook, projects)
    assert problems == []
    assert actuals == Actuals(
        as_of=JULY,
        indicators=[
            IndicatorActual(
                "projects/0/indicators/2", "工程完成及时性", JULY,
                grade=QualitativeGrade.PARTLY,
            ),
            IndicatorActual(
                "projects/1/indicators/0",
                "每月到社区提供法律服务（含非现场服务折抵时间）时间（小时）", JULY,
                completed=Decimal(5), expected_full_year=Decimal(9),
                reasons=(DeviationReason.FUNDING, DeviationReason.STAFF),
                reason_text="律师人手不足", likelihood=Likelihood.POSSIBLE,
            ),
            IndicatorActual(
                "projects/9/indicators/3", "区政府应诉案件败诉率", Period(2025, 6),
                completed=Decimal(18),
            ),
        ],
        executions=[
            BudgetExecution("", Decimal(300), JULY, Decimal("1485.34"), reason_text="部分项目未开工"),
            BudgetExecution("projects/1", Decimal("100.5"), JULY, Decimal("289.2")),
        ],
    )  # fmt: skip


def test_percent_formatted_cells_read_as_points(projects: Document) -> None:
    workbook = template(projects)
    sheet = workbook[INDICATOR_SHEET]
    row = row_of(sheet, "projects/1/indicators/3")
    sheet.cell(row=row, column=8, value=0.95).number_format = "0%"  # typed 95% in Excel
    actuals, _ = read_back(workbook)
    assert actuals.indicators[0].completed == Decimal(95)


def test_cleared_path_is_found_by_project_and_name(projects: Document) -> None:
    workbook = template(projects)
    sheet = workbook[INDICATOR_SHEET]
    fill(sheet, "projects/3/indicators/0", completed=6)
    sheet.cell(row=row_of(sheet, "projects/3/indicators/0"), column=1, value=None)
    actuals, problems = read_back(workbook, projects)
    assert problems == []
    assert [a.path for a in actuals.indicators] == ["projects/3/indicators/0"]


def test_reordered_columns_still_read() -> None:
    csv_text = "累计完成值,截至月份,路径,偏差原因\n12,2025-05,indicators/0,其他\n"
    actuals, problems = read_actuals(BytesIO(csv_text.encode()), file_label="a.csv")
    assert problems == []
    assert actuals.indicators == [
        IndicatorActual(
            "indicators/0", as_of=Period(2025, 5), completed=Decimal(12),
            reasons=(DeviationReason.OTHER,),
        )
    ]  # fmt: skip


def test_csv_variant_with_a_given_period() -> None:
    csv_text = (
        "路径,项目,三级指标,截至月份,累计完成值,定性评价,完成目标可能性\n"
        'projects/0/indicators/1,项目,合格率,,"1,200",,1\n'
        "projects/0/indicators/2,项目,及时性,7月,,达成,\n"
    )
    stream = BytesIO(csv_text.encode("gb18030"))
    actuals, problems = read_actuals(stream, file_label="a.csv", as_of=JULY)
    assert problems == []
    assert actuals.as_of == JULY
    assert [(a.completed, a.grade, a.likelihood, a.as_of) for a in actuals.indicators] == [
        (Decimal(1200), None, Likelihood.CERTAIN, JULY),
        (None, QualitativeGrade.MET, None, JULY),
    ]


def test_csv_budget_table() -> None:
    csv_text = "路径\t项目/部门\t全年预算数（万元）\t累计执行数（万元）\t截至月份\n/\t部门\t\t120.5\t2025年6月\n"
    actuals, problems = read_actuals(BytesIO(csv_text.encode()), file_label="b.csv")
    assert problems == []
    assert actuals.executions == [BudgetExecution("", Decimal("120.5"), Period(2025, 6))]


def test_file_on_disk(tmp_path: Path, projects: Document) -> None:
    path = tmp_path / "填报.xlsx"
    write_template(projects, path, JULY)
    actuals, problems = read_actuals(path, file_label=path.name, document=projects)
    assert (actuals, problems) == (Actuals(as_of=JULY), [])
