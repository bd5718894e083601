"""``jixiao review``: import files, run the review rules, print and write the reports."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.common import (
    console,
    echo_json,
    exit_status,
    fail,
    import_paths,
    output_error,
    report_unreadable,
    split_codes,
    value_option,
)
from jixiao.cli.render import print_review
from jixiao.errors import JixiaoError, UsageError
from jixiao.report import ReportData, findings_list, write_review_outputs
from jixiao.review.registry import CATALOGUE, ReviewConfig
from jixiao.review.runner import ReviewReport, load_rules, review


class ConsoleFormat(StrEnum):
    """What ``jixiao review`` prints on stdout."""

    TEXT = "text"
    JSON = "json"


PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="要审核的绩效目标表文件或文件夹（文件夹递归读取 .txt/.tsv/.text/.csv）",
        metavar="PATH",
        show_default=False,
    ),
]
OutputDirOption = Annotated[
    Path | None,
    value_option(
        "--output",
        "-o",
        help_text="输出目录：写入 report.html、report.xlsx、findings.json、documents.json（不存在时自动创建）",
        metavar="DIR",
    ),
]
FormatOption = Annotated[
    ConsoleFormat,
    typer.Option("--format", help="终端输出：text 为汇总表和审核意见，json 为审核意见的 JSON 列表"),
]
SelectOption = Annotated[
    list[str] | None,
    value_option(
        "--select",
        help_text="只运行这些规则编号或审核意见代码（逗号分隔，可重复）",
        metavar="CODES",
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    value_option(
        "--ignore", help_text="跳过这些规则编号或审核意见代码（逗号分隔，可重复）", metavar="CODES"
    ),
]


def review_command(
    paths: PathsArgument,
    output: OutputDirOption = None,
    output_format: FormatOption = ConsoleFormat.TEXT,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
) -> None:
    """审核绩效目标表：打印汇总和审核意见；退出码 0 无错误、1 有错误级审核意见、2 有文件无法读取。"""
    try:
        config = review_config(select, ignore)
        batch = import_paths(paths)
    except JixiaoError as error:
        fail(error)
    report = review(batch.documents, config)
    report_unreadable(batch.errors)
    if output_format is ConsoleFormat.JSON:
        echo_json(findings_list(report.findings))
    else:
        print_review(console(), report)
    if output is not None:
        _write_outputs(report, batch.texts, output)
    raise typer.Exit(exit_status(batch, report))


def review_config(select: list[str] | None, ignore: list[str] | None) -> ReviewConfig:
    """The review configuration of the options; raises :class:`UsageError` for a rule id or
    finding code that is not registered."""
    chosen, skipped = split_codes(select), split_codes(ignore)
    known = {*load_rules(), *CATALOGUE}
    unknown = sorted((chosen | skipped) - known)
    if unknown:
        raise UsageError(
            f"未知的规则编号或审核意见代码：{'、'.join(unknown)}（用 jixiao rules 查看）"
        )
    return ReviewConfig(select=chosen, ignore=skipped)


def _write_outputs(report: ReviewReport, texts: dict[str, str], directory: Path) -> None:
    data = ReportData(report, texts)
    try:
        written = write_review_outputs(data, directory)
    except OSError as error:
        fail(output_error(directory, error))
    names = "、".join(path.name for path in written)
    console(stderr=True).print(f"已写入 {directory}：{names}", markup=False)
