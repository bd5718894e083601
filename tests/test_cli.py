"""The ``jixiao`` command line: exit codes, outputs, help texts.

Exit codes are pinned with two test rules registered for the duration of a test
(``TEST.error`` finds one error per document, ``TEST.quiet`` finds nothing) and selected
with ``--select``, so they do not depend on what the real rules find in the samples.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import typer
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

from jixiao import __version__
from jixiao.cli import app
from jixiao.ingest.registry import IMPORTERS
from jixiao.model import Document
from jixiao.review.finding import Finding, FindingType, Severity
from jixiao.review.registry import CATALOGUE, RULES, ReviewConfig, Rule, make_finding
from jixiao.review.runner import load_rules

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PROJECTS = SAMPLES / "guangzhou-2023-project-tabbed.txt"
DEPARTMENT = SAMPLES / "jieyang-2023-department-tabbed-columns.txt"


def _schema(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((ROOT / "schema" / name).read_text(encoding="utf-8")))


def _error_rule(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    yield make_finding("test-error", document, source=None, note="测试")


def _quiet_rule(document: Document, config: ReviewConfig) -> Iterator[Finding]:
    return iter(())


@pytest.fixture(autouse=True)
def test_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    load_rules()
    entry = FindingType(
        "test-error", Severity.ERROR, "测试错误", "测试用错误：{note}", ("#test",), "tests"
    )
    monkeypatch.setitem(CATALOGUE, "test-error", entry)
    monkeypatch.setitem(
        RULES,
        "TEST.error",
        Rule("TEST.error", ("test-error",), "test_cli", "document", _error_rule, "测试"),
    )
    monkeypatch.setitem(
        RULES, "TEST.quiet", Rule("TEST.quiet", (), "test_cli", "document", _quiet_rule, "测试")
    )


def _run(*args: str | Path) -> Result:
    """Invoke the CLI; any exception other than the exit itself fails the test."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_no_error_finding_exits_0() -> None:
    result = _run("review", PROJECTS, DEPARTMENT, "--select", "TEST.quiet")
    assert result.exit_code == 0, result.output
    for text in (
        "文件",
        "类型",
        "部门",
        "年度",
        "错误",
        "警告",
        "提示",
        PROJECTS.name,
        "广州市司法局",
        "揭阳市司法局",
    ):
        assert text in result.stdout
    assert "共 2 份文件：错误 0 条，警告 0 条，提示 0 条" in result.stdout


def test_an_error_finding_exits_1_and_is_printed_with_its_file() -> None:
    result = _run("review", PROJECTS, "--select", "TEST.error")
    assert result.exit_code == 1
    assert f"{PROJECTS}: 错误 [test-error] 测试用错误：测试" in result.stdout


def test_unreadable_inputs_exit_2_and_the_other_files_still_import(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    missing = tmp_path / "missing.txt"
    result = _run("review", empty, PROJECTS, binary, missing, "--select", "TEST.error")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    for line, path in zip(lines, (empty, binary, missing), strict=True):
        assert line.startswith(f"无法导入：{path}: ")
    assert PROJECTS.name in result.stdout and "共 1 份文件：错误 1 条" in result.stdout


def test_not_a_target_table_exits_2(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("关于召开会议的通知\n请各单位准时参加。\n", encoding="utf-8")
    result = _run("review", letter)
    assert result.exit_code == 2 and str(letter) in result.stderr


def test_folders_are_read_recursively_with_many_files(tmp_path: Path) -> None:
    for index in range(21):
        folder = tmp_path / "in" / f"d{index % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECTS, folder / f"p{index}.txt")
    (tmp_path / "in" / "readme.md").write_text("不是表格", encoding="utf-8")
    result = _run("review", tmp_path / "in", "--select", "TEST.quiet")
    assert result.exit_code == 0, result.output
    assert "共 21 份文件" in result.stdout


def test_empty_folder_exits_2(tmp_path: Path) -> None:
    result = _run("review", tmp_path)
    assert result.exit_code == 2 and "没有找到要读取的文件" in result.stderr


def test_output_directory_gets_the_four_reports(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "2025"
    result = _run("review", PROJECTS, DEPARTMENT, "-o", out, "--select", "TEST.error")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "documents.json",
        "findings.json",
        "report.html",
        "report.xlsx",
    ]
    assert f"已写入 {out}" in result.stderr
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [f["code"] for f in findings] == ["test-error", "test-error"]
    assert 'id="f1-L1"' in (out / "report.html").read_text(encoding="utf-8")


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = _run("review", PROJECTS, "-o", blocker / "out", "--select", "TEST.quiet")
    assert result.exit_code == 2 and "无法写入输出" in result.stderr


def test_json_format_prints_findings_that_follow_the_schema() -> None:
    result = _run("review", SAMPLES, "--format", "json")
    findings = json.loads(result.stdout)
    assert findings and list(_schema("findings.schema.json").iter_errors(findings)) == []
    has_error = any(f["severity"] == "error" for f in findings)
    assert result.exit_code == (1 if has_error else 0)
    assert "审核汇总" not in result.stdout


def test_ignore_drops_the_codes_it_names() -> None:
    result = _run(
        "review",
        PROJECTS,
        "--select",
        "TEST.error,TEST.quiet",
        "--ignore",
        "test-error",
        "--format",
        "json",
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_unknown_codes_are_refused() -> None:
    result = _run("review", PROJECTS, "--select", "RV99,no-such-code")
    assert result.exit_code == 2
    assert "未知的规则编号或审核意见代码：RV99、no-such-code" in result.stderr


def _export(*args: str | Path) -> Any:
    result = _run("export", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_export_one_file_prints_its_canonical_document() -> None:
    document = _export(DEPARTMENT, "--format", "json")
    assert document["kind"] == "department" and document["department"] == "揭阳市司法局"
    assert list(_schema("document.schema.json").iter_errors(document)) == []


def test_export_several_files_prints_a_list() -> None:
    documents = _export(PROJECTS, DEPARTMENT)
    assert [d["kind"] for d in documents] == ["project", "department"]


def test_export_into_a_directory_writes_one_file_per_input(tmp_path: Path) -> None:
    result = _run("export", PROJECTS, DEPARTMENT, "-o", tmp_path / "json")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "json").iterdir()) == sorted(
        [f"{DEPARTMENT.stem}.json", f"{PROJECTS.stem}.json"]
    )
    document = json.loads((tmp_path / "json" / f"{PROJECTS.stem}.json").read_text(encoding="utf-8"))
    assert document["kind"] == "project"


def test_export_into_a_file(tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    assert _run("export", PROJECTS, DEPARTMENT, "-o", target).exit_code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2


def test_export_html_and_xlsx(tmp_path: Path) -> None:
    assert _run("export", PROJECTS, "--format", "html", "-o", tmp_path).exit_code == 0
    assert "未审核" in (tmp_path / f"{PROJECTS.stem}.html").read_text(encoding="utf-8")
    assert _run("export", PROJECTS, "--format", "xlsx", "-o", tmp_path / "p.xlsx").exit_code == 0
    assert (tmp_path / "p.xlsx").read_bytes()[:2] == b"PK"


def test_export_refuses_binary_to_the_terminal_and_unknown_formats() -> None:
    result = _run("export", PROJECTS, "--format", "xlsx")
    assert result.exit_code == 2 and "-o" in result.stderr
    assert _run("export", PROJECTS, "--format", "pdf").exit_code == 2


def test_export_with_an_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = _run("export", PROJECTS, tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["kind"] == "project"


def test_rules_lists_every_rule_with_its_codes() -> None:
    result = _run("rules")
    assert result.exit_code == 0
    for rule in load_rules().values():
        assert rule.id in result.stdout
        assert all(code in result.stdout for code in rule.codes)


def test_layouts_lists_the_importers() -> None:
    result = _run("layouts")
    assert result.exit_code == 0 and IMPORTERS
    assert all(name in result.stdout for name in IMPORTERS)


def test_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"jixiao {__version__}"


def _commands() -> dict[str, Any]:
    group: Any = typer.main.get_command(app)
    commands: dict[str, Any] = dict(group.commands)
    return {"": group, **commands}


@pytest.mark.parametrize("name", ["", "review", "export", "rules", "layouts"])
def test_every_option_and_argument_has_help(name: str) -> None:
    command = _commands()[name]
    assert command.help, f"{name or 'jixiao'} has no help"
    params: Sequence[Any] = command.params
    result = _run(*([name] if name else []), "--help")
    assert result.exit_code == 0
    for param in params:
        assert (param.help or "").strip(), f"{name} {param.name} has no help"
        if param.param_type_name == "option":
            assert all(opt in result.stdout for opt in param.opts), param.opts


def test_every_command_is_documented_in_the_main_help() -> None:
    result = _run("--help")
    for name in ("review", "export", "rules", "layouts"):
        assert name in result.stdout
