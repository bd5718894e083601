"""``jixiao evaluate`` and ``jixiao monitor`` on files: outputs in both formats, the 自评表
files, exit codes and the one-line Chinese errors. The database mode is tested in
``tests/web/test_cli_bridge.py``."""

from __future__ import annotations

import importlib
import json
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from jixiao.actuals import Actuals, BudgetExecution, IndicatorActual, Period, QualitativeGrade
from jixiao.actuals_json import actuals_to_dict
from jixiao.actuals_xlsx import write_template
from jixiao.cli import app
from jixiao.ingest import load
from jixiao.model import Operator
from jixiao.monitoring import monitor_document
from jixiao.paths import iter_indicators, project_path
from jixiao.scoring import evaluate_document
from tests.selfeval.fixtures import PDFTEXT, SAMPLES, TABBED

GUANGZHOU = SAMPLES / "guangzhou-2023-project-tabbed.txt"


def _run(*args: str | Path) -> Result:
    """Invoke the CLI; any exception other than the exit itself fails the test."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _all_met(period: Period, factor: Decimal = Decimal(1)) -> Actuals:
    """Every Guangzhou row at ``factor`` × its target (half of it for ``<``/``≤`` rows),
    qualitative rows met, every budget executed on schedule (``month/12`` of it)."""
    document = load(GUANGZHOU)
    actuals = Actuals(period)
    for ref in iter_indicators(document):
        target = ref.indicator.annual_target
        if target is not None and target.value is not None:
            reverse = target.operator in (Operator.LE, Operator.LT)
            value = target.value * (Decimal("0.5") if reverse else factor)
            actuals.indicators.append(IndicatorActual(ref.path, completed=value))
        else:
            actuals.indicators.append(IndicatorActual(ref.path, grade=QualitativeGrade.MET))
    for index, project in enumerate(document.projects):
        executed = (project.amount_total or Decimal(0)) * period.elapsed
        actuals.executions.append(BudgetExecution(project_path(index), executed=executed))
    return actuals


def _json_file(tmp_path: Path, actuals: Actuals, name: str = "actuals.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(actuals_to_dict(actuals), ensure_ascii=False), encoding="utf-8")
    return path


# --- a published 自评表 ------------------------------------------------------------------


def test_published_table_disagreements_exit_1() -> None:
    result = _run("evaluate", PDFTEXT)
    assert result.exit_code == 1
    assert f"{PDFTEXT}:124: 不符 [row-score-mismatch]" in result.stdout
    assert f"{PDFTEXT}:57-61: 提示 [qualitative-score-outside-band]" in result.stdout
    assert "公布与重算对照" in result.stdout
    assert "共 3 张自评表：与计分方法不符 4 处，提示 2 处，无法读取的行 0 处" in result.stdout


def test_published_table_as_json() -> None:
    result = _run("evaluate", TABBED, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["layout"] == "selfeval-tabbed"
    assert [t["published_total"] for t in data["tables"]] == ["99.32", "98.00", "87.79"]
    assert [t["recomputed"]["total"] for t in data["tables"]] == ["98.85", "99.00", "87.79"]
    assert [(d["line"], d["code"]) for d in data["disagreements"]][:3] == [
        (20, "row-score-mismatch"),
        (20, "reason-missing"),
        (23, "total-score-mismatch"),
    ]
    assert data["issues"] == []


def test_published_table_written_as_official_forms(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run("evaluate", TABBED, "--summary", "-o", out)
    assert result.exit_code == 1
    xlsx = out / f"{TABBED.stem}-自评表.xlsx"
    html = out / f"{TABBED.stem}-自评表.html"
    assert f"已写入 {xlsx}、{html}" in result.stderr
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames[0] == "汇总" and workbook.sheetnames[-1] == "计分说明"
    assert len(workbook.sheetnames) == 5
    page = html.read_text(encoding="utf-8")
    assert "全市2,763个村（社区）均配备法律顾问" in page  # the published 实际完成情况


def test_a_target_table_without_actuals_is_refused() -> None:
    result = _run("evaluate", GUANGZHOU)
    assert result.exit_code == 2
    assert (
        f"错误：{GUANGZHOU}: 不是已公布的绩效自评表；给绩效目标表计分请用 --actuals"
        in result.stderr
    )


# --- a declared table with actuals --------------------------------------------------------


def test_declared_table_with_json_actuals(tmp_path: Path) -> None:
    actuals = _all_met(Period(2023, 12))
    path = _json_file(tmp_path, actuals)
    result = _run("evaluate", GUANGZHOU, "--actuals", path, "--format", "json")
    data = json.loads(result.stdout)
    expected = evaluate_document(load(GUANGZHOU), actuals)
    assert [e["total"] for e in data["evaluations"]] == [str(e.total) for e in expected]
    assert len(data["evaluations"]) == 29
    assert data["evaluations"][0]["name"] == "一村（社区）法律顾问公益法律服务经费"
    troubled = any(e.all_problems or e.reasons_missing for e in expected)
    assert result.exit_code == (1 if troubled else 0)


def test_declared_table_text_output_and_forms(tmp_path: Path) -> None:
    actuals = _all_met(Period(2023, 12), Decimal("0.9"))
    path = _json_file(tmp_path, actuals)
    result = _run("evaluate", GUANGZHOU, "-a", path, "-o", tmp_path / "forms")
    assert result.exit_code == 1  # rows below target without 偏差原因
    assert "一村（社区）法律顾问公益法律服务经费：总分" in result.stdout
    assert "[reason-missing]" in result.stdout
    assert "自评汇总" in result.stdout
    assert (tmp_path / "forms" / f"{GUANGZHOU.stem}-自评表.xlsx").exists()


def test_declared_table_with_the_actuals_spreadsheet(tmp_path: Path) -> None:
    template = tmp_path / "actuals.xlsx"
    write_template(load(GUANGZHOU), template, Period(2023, 12))
    result = _run("evaluate", GUANGZHOU, "--actuals", template, "--summary")
    assert result.exit_code == 1  # nothing filled in: every row 未填报
    assert "[actual-missing]" in result.stdout


def test_scoring_config_file(tmp_path: Path) -> None:
    config = tmp_path / "scoring.json"
    config.write_text(json.dumps({"grade_bounds": ["99", "98", "97"]}), encoding="utf-8")
    actuals = _json_file(tmp_path, _all_met(Period(2023, 12)))
    result = _run("evaluate", GUANGZHOU, "-a", actuals, "--config", config, "--format", "json")
    grades = {e["grade"] for e in json.loads(result.stdout)["evaluations"]}
    assert grades <= {"优", "良", "中", "差"} and "差" in grades
    config.write_text(json.dumps({"no_such_setting": 1}), encoding="utf-8")
    result = _run("evaluate", GUANGZHOU, "-a", actuals, "--config", config)
    assert result.exit_code == 2 and "未知的评分设置：no_such_setting" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "{not json", "执行情况不是有效的 JSON"),
        ("list.json", "[]", "执行情况 JSON 应为对象"),
        ("field.json", '{"indicators": [{"path": "x", "completed": "四十"}]}', "不是数字"),
        ("actuals.txt", "x", "执行情况文件应为 .json、.xlsx 或 .csv"),
    ],
)
def test_bad_actuals_exit_2_naming_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = _run("evaluate", GUANGZHOU, "--actuals", path)
    assert result.exit_code == 2
    assert message in result.stderr and str(path) in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "请给出要处理的文件，或使用 --database"),
        ((GUANGZHOU, "--database"), "给出文件时不能同时使用 --database"),
        ((GUANGZHOU, "--declaration", "3"), "--declaration 只能与 --database 同用"),
        (("--database", "--config", "x.json"), "--database 使用各申报在网页端保存的评分设置"),
        (("missing.txt",), "missing.txt: 文件不存在"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str | Path, ...], message: str) -> None:
    result = _run("evaluate", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_database_mode_without_the_web_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def without_django(name: str, package: str | None = None) -> ModuleType:
        if name == "web.cli_bridge":
            raise ModuleNotFoundError("No module named 'django'", name="django")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_django)
    for command in ("evaluate", "monitor"):
        result = _run(command, "--database")
        assert result.exit_code == 2
        assert "未安装网页端依赖（缺少 django）" in result.stderr


# --- monitor ------------------------------------------------------------------------------


def test_monitor_all_on_schedule_exits_0(tmp_path: Path) -> None:
    path = _json_file(tmp_path, _all_met(Period(2023, 7)))
    result = _run("monitor", GUANGZHOU, "--actuals", path)
    assert result.exit_code == 0, result.stdout
    assert "监控汇总（2023年1-7月）" in result.stdout
    assert "指标亮灯" in result.stdout
    assert "共 141 个指标：红 0" in result.stdout


def test_monitor_red_light_exits_1_and_json_matches_the_library(tmp_path: Path) -> None:
    actuals = _all_met(Period(2023, 7))
    actuals.indicators[0] = IndicatorActual("projects/0/indicators/0", completed=Decimal(1))
    path = _json_file(tmp_path, actuals)
    result = _run("monitor", GUANGZHOU, "-a", path, "--format", "json")
    assert result.exit_code == 1
    data: dict[str, Any] = json.loads(result.stdout)
    expected = monitor_document(load(GUANGZHOU), actuals)
    assert data["counts"] == {light.value: n for light, n in expected.counts().items()}
    assert data["counts"]["red"] >= 1
    text = _run("monitor", GUANGZHOU, "-a", path, "--summary")
    assert "需关注（红灯、黄灯）：" in text.stdout and "（缺偏差原因）" in text.stdout


def test_monitor_preset_and_period(tmp_path: Path) -> None:
    path = _json_file(tmp_path, _all_met(Period(2023, 7)))
    result = _run("monitor", GUANGZHOU, "-a", path, "--preset", "shanxi", "--as-of", "2023-09")
    assert "监控汇总（2023年1-9月）" in result.stdout
    for args, message in (
        (("--preset", "mars"), "未知的监控预设 'mars'"),
        (("--as-of", "九月"), "期间应写作 2025-07"),
        (("--preset", "hebei", "--config", path), "--config 与 --preset 只能选一个"),
    ):
        result = _run("monitor", GUANGZHOU, "-a", path, *args)
        assert result.exit_code == 2 and message in result.stderr


def test_monitor_needs_actuals_or_database() -> None:
    result = _run("monitor", GUANGZHOU)
    assert result.exit_code == 2 and "请用 --actuals 给出执行情况" in result.stderr
    result = _run("monitor", GUANGZHOU, "--department", "某局")
    assert result.exit_code == 2 and "--department 只能与 --database 同用" in result.stderr


@pytest.mark.parametrize("command", ["evaluate", "monitor"])
def test_help_documents_the_exit_codes(command: str) -> None:
    result = _run(command, "--help")
    assert result.exit_code == 0
    assert "退出码" in result.stdout and "--database" in result.stdout
