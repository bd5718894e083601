"""``jixiao actuals-template``: the actuals spreadsheet written for a real table (天河 project
table: 22 projects, 110 indicators), and the one-line Chinese errors with exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from jixiao.actuals import Period
from jixiao.actuals_xlsx import read_actuals
from jixiao.cli import app
from jixiao.ingest import load

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TIANHE_PROJECTS = SAMPLES / "tianhe-2025-project-pdftext.txt"
TIANHE_DEPARTMENT = SAMPLES / "tianhe-2025-department-tabbed-html.txt"


def _run(*args: str | Path) -> Result:
    """Invoke the CLI; any exception other than the exit itself fails the test."""
    result = CliRunner().invoke(app, ["actuals-template", *(str(a) for a in args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_template_of_the_tianhe_project_table(tmp_path: Path) -> None:
    target = tmp_path / "填报-2025-07.xlsx"
    result = _run(TIANHE_PROJECTS, "--as-of", "2025-07", "-o", target)
    assert result.exit_code == 0, result.output
    assert f"已写入 {target}" in result.output
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["指标完成情况", "预算执行情况", "填报说明"]
    indicators = workbook["指标完成情况"]
    headers = [cell.value for cell in indicators[1]]
    rows = list(indicators.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 110
    path, month = headers.index("路径"), headers.index("截至月份")
    assert rows[0][path] == "projects/0/indicators/0"
    assert {row[month] for row in rows} == {7}
    assert workbook["预算执行情况"].max_row == 1 + 1 + 22  # header, department, projects
    # read back unfilled: the period comes from 填报说明, no row counts as reported
    actuals, problems = read_actuals(target, file_label=target.name, document=load(TIANHE_PROJECTS))
    assert actuals.as_of == Period(2025, 7)
    assert not actuals.indicators and not problems


def test_default_output_name_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(TIANHE_DEPARTMENT, "--as-of", "2025年9月")
    assert result.exit_code == 0, result.output
    written = tmp_path / "tianhe-2025-department-tabbed-html-执行情况-2025-09.xlsx"
    rows = load_workbook(written)["指标完成情况"].max_row - 1
    assert rows == 23


@pytest.mark.parametrize("name", ["missing.txt", "notes.txt"])
def test_a_table_that_cannot_be_read(tmp_path: Path, name: str) -> None:
    table = tmp_path / name
    if name == "notes.txt":
        table.write_text("会议纪要\n今天讨论了明年的工作安排。\n", encoding="utf-8")
    target = tmp_path / "out.xlsx"
    result = _run(table, "--as-of", "2025-07", "-o", target)
    assert result.exit_code == 2
    assert result.output.startswith("错误：")
    assert str(table) in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not target.exists()


@pytest.mark.parametrize("as_of", ["2025-13", "七月", "2025"])
def test_a_bad_month(tmp_path: Path, as_of: str) -> None:
    result = _run(TIANHE_PROJECTS, "--as-of", as_of, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2
    assert "期间应写作 2025-07" in result.output
    assert not (tmp_path / "out.xlsx").exists()


def test_the_month_is_required(tmp_path: Path) -> None:
    result = _run(TIANHE_PROJECTS, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2
    assert "请用 --as-of 给出填报截至月份" in result.output


def test_a_month_outside_the_budget_year(tmp_path: Path) -> None:
    result = _run(TIANHE_DEPARTMENT, "--as-of", "2024-07", "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2
    assert str(TIANHE_DEPARTMENT) in result.output
    assert "预算年度（2025年）" in result.output


def test_an_output_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "out.xlsx"  # a file's "subdirectory"
    result = _run(TIANHE_PROJECTS, "--as-of", "2025-07", "-o", target)
    assert result.exit_code == 2
    assert f"错误：{target}: 无法写入输出" in result.output
    wrong_suffix = _run(TIANHE_PROJECTS, "--as-of", "2025-07", "-o", tmp_path / "out.csv")
    assert wrong_suffix.exit_code == 2
    assert "应写为 .xlsx 文件" in wrong_suffix.output


def test_monitor_and_evaluate_describe_their_own_text_output() -> None:
    runner = CliRunner()
    monitor = runner.invoke(app, ["monitor", "--help"], env={"COLUMNS": "300"}).output
    evaluate = runner.invoke(app, ["evaluate", "--help"], env={"COLUMNS": "300"}).output
    assert "指标亮灯表" in monitor and "自评表和计分说明" not in monitor
    assert "自评表和计分说明" in evaluate
