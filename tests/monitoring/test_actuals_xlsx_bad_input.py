"""Bad actuals files never raise: each bad cell is one located problem, other rows import."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook

from jixiao.actuals import DeviationReason, Period
from jixiao.actuals_xlsx import (
    BUDGET_SHEET,
    INDICATOR_SHEET,
    PROBLEM_TITLES,
    ActualsProblem,
    read_actuals,
    write_template,
)
from jixiao.ingest import load
from jixiao.model import Document
from tests.monitoring.test_actuals_xlsx import fill, row_of, template

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
JULY = Period(2025, 7)
GOOD = "projects/1/indicators/0"  # a row filled correctly in every test


@pytest.fixture(scope="module")
def projects() -> Document:
    return load(SAMPLES / "tianhe-2025-project-pdftext.txt")


@pytest.fixture
def workbook(projects: Document) -> Workbook:
    """A template with one good row already filled."""
    book = template(projects)
    fill(book[INDICATOR_SHEET], GOOD, completed=5)
    return book


def read(
    book: Workbook, document: Document | None = None
) -> tuple[list[str], list[ActualsProblem]]:
    """Paths imported and problems of ``book``."""
    stream = BytesIO()
    book.save(stream)
    stream.seek(0)
    actuals, problems = read_actuals(stream, file_label="填报.xlsx", document=document)
    paths = [a.path for a in actuals.indicators] + [e.path for e in actuals.executions]
    return paths, problems


def only(problems: list[ActualsProblem]) -> ActualsProblem:
    assert len(problems) == 1, [p.message for p in problems]
    assert problems[0].code in PROBLEM_TITLES
    return problems[0]


def test_text_in_a_number_cell(workbook: Workbook, projects: Document) -> None:
    sheet = workbook[INDICATOR_SHEET]
    fill(sheet, "projects/4/indicators/2", completed="四十")
    paths, problems = read(workbook, projects)
    problem = only(problems)
    row = row_of(sheet, "projects/4/indicators/2")
    assert (problem.code, problem.sheet, problem.row, problem.column, problem.text) == (
        "actuals-not-a-number", INDICATOR_SHEET, row, "累计完成值", "四十"
    )  # fmt: skip
    assert problem.message.startswith(
        f"文件 填报.xlsx「指标完成情况」第{row}行“累计完成值”列（H列）："
    )
    assert "“四十”不是数字" in problem.message
    assert paths == ["projects/1/indicators/0", "projects/4/indicators/2"]  # text kept


def test_unknown_reason_keeps_the_known_ones(workbook: Workbook) -> None:
    sheet = workbook[INDICATOR_SHEET]
    fill(sheet, GOOD, reasons="经费保障、天气原因,人员")
    stream = BytesIO()
    workbook.save(stream)
    stream.seek(0)
    actuals, problems = read_actuals(stream, file_label="填报.xlsx")
    problem = only(problems)
    assert (problem.code, problem.column) == ("actuals-unknown-reason", "偏差原因")
    assert "“天气原因”不是偏差原因" in problem.message and "J列" in problem.message
    assert actuals.indicators[0].reasons == (DeviationReason.FUNDING, DeviationReason.STAFF)


def test_unknown_path_skips_only_that_row(workbook: Workbook, projects: Document) -> None:
    sheet = workbook[INDICATOR_SHEET]
    row = row_of(sheet, "projects/2/indicators/0")
    fill(sheet, "projects/2/indicators/0", completed=1)
    sheet.cell(row=row, column=1, value="projects/99/indicators/0")
    paths, problems = read(workbook, projects)
    problem = only(problems)
    assert (problem.code, problem.row, problem.text) == (
        "actuals-unknown-path", row, "projects/99/indicators/0"
    )  # fmt: skip
    assert paths == [GOOD]


def test_malformed_path_without_document(workbook: Workbook) -> None:
    budget = workbook[BUDGET_SHEET]
    fill(budget, "projects/0", executed=10)
    budget.cell(row=row_of(budget, "projects/0"), column=1, value="项目一")
    paths, problems = read(workbook)
    assert only(problems).code == "actuals-unknown-path"
    assert paths == [GOOD]


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("month", 13, "actuals-bad-month"),
        ("likelihood", "大概", "actuals-unknown-likelihood"),
        ("grade", "优秀", "actuals-unknown-grade"),
        ("expected", "全年", "actuals-not-a-number"),
    ],
)
def test_bad_choice_or_month_is_left_out(
    workbook: Workbook, column: str, value: str | int, code: str
) -> None:
    fill(workbook[INDICATOR_SHEET], GOOD, **{column: value})
    paths, problems = read(workbook)
    assert only(problems).code == code
    assert paths == [GOOD]


def test_bad_executed_amount_skips_the_budget_row(workbook: Workbook) -> None:
    budget = workbook[BUDGET_SHEET]
    fill(budget, "projects/0", executed="三十万")
    fill(budget, "projects/1", executed=10)
    paths, problems = read(workbook)
    problem = only(problems)
    assert (problem.code, problem.column) == ("actuals-not-a-number", "累计执行数（万元）")
    assert problem.message.endswith("本行未导入")
    assert paths == [GOOD, "projects/1"]


def test_duplicate_row(workbook: Workbook) -> None:
    sheet = workbook[INDICATOR_SHEET]
    fill(sheet, "projects/2/indicators/0", completed=1)
    sheet.cell(row=row_of(sheet, "projects/2/indicators/0"), column=1, value=GOOD)
    paths, problems = read(workbook)
    assert only(problems).code == "actuals-duplicate-row"
    assert paths == [GOOD]


def test_missing_path_column(workbook: Workbook) -> None:
    workbook[INDICATOR_SHEET]["A1"] = "备注"
    fill(workbook[BUDGET_SHEET], "projects/0", executed=10)
    paths, problems = read(workbook)
    problem = only(problems)
    assert (problem.code, problem.sheet, problem.row) == (
        "actuals-missing-column",
        INDICATOR_SHEET,
        1,
    )
    assert "缺少“路径”列" in problem.message
    assert paths == ["projects/0"]  # the budget sheet still imports


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    actuals, problems = read_actuals(path, file_label="empty.xlsx")
    problem = only(problems)
    assert (problem.code, problem.message) == (
        "actuals-unreadable-file",
        "文件 empty.xlsx：文件为空",
    )
    assert actuals.indicators == [] and actuals.executions == []


def test_missing_file(tmp_path: Path) -> None:
    _, problems = read_actuals(tmp_path / "nope.xlsx", file_label="nope.xlsx")
    assert "文件不存在" in only(problems).message


def test_binary_file_is_not_an_xlsx() -> None:
    data = b"%PDF-1.7\n\x00\x01\x02\xff" * 50
    _, problems = read_actuals(BytesIO(data), file_label="scan.pdf")
    problem = only(problems)
    assert problem.code == "actuals-unreadable-file" and "不是 XLSX 或 CSV" in problem.message


def test_zip_that_is_not_a_workbook() -> None:
    stream = BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _, problems = read_actuals(BytesIO(stream.getvalue()), file_label="a.xlsx")
    assert "不是有效的 XLSX 文件" in only(problems).message


def test_text_without_a_table() -> None:
    _, problems = read_actuals(BytesIO("会议纪要\n一、……\n".encode()), file_label="a.csv")
    assert only(problems).code == "actuals-no-table"


def test_csv_month_without_a_year() -> None:
    data = "路径,累计完成值,截至月份\nindicators/0,3,7\nindicators/1,4,2025-07\n".encode()
    actuals, problems = read_actuals(BytesIO(data), file_label="a.csv")
    problem = only(problems)
    assert (problem.code, problem.row, problem.column) == ("actuals-bad-month", 2, "截至月份")
    assert "（第3列）" in problem.message
    assert [(a.path, a.as_of) for a in actuals.indicators] == [
        ("indicators/0", None),
        ("indicators/1", JULY),
    ]


@pytest.fixture(scope="module")
def template_bytes(projects: Document) -> bytes:
    stream = BytesIO()
    write_template(projects, stream, JULY)
    return stream.getvalue()


def _damaged(data: bytes, edits: list[tuple[int, int]]) -> Iterator[bytes]:
    """``data`` with bytes replaced at the given offsets, then also truncated there."""
    damaged = bytearray(data)
    for offset, value in edits:
        damaged[4 + offset % (len(data) - 4)] = value
    yield bytes(damaged)
    yield bytes(damaged[: 4 + edits[0][0] % (len(data) - 4)])


@settings(max_examples=60, deadline=None)
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_damaged_workbook_never_raises(template_bytes: bytes, edits: list[tuple[int, int]]) -> None:
    for data in _damaged(template_bytes, edits):
        actuals, problems = read_actuals(BytesIO(data), file_label="damaged.xlsx")
        assert all(problem.code in PROBLEM_TITLES for problem in problems)
        if any(problem.code == "actuals-unreadable-file" for problem in problems):
            assert len(problems) == 1 and not actuals.indicators and not actuals.executions
