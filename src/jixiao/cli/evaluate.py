"""``jixiao evaluate``: self-evaluation scores (单位自评, 财预〔2020〕10号; REFERENCE.md §6).

Three modes:

* ``jixiao evaluate TABLE --actuals ACTUALS`` scores a declared table (项目 or 部门整体支出
  绩效目标表) against its actuals (JSON of :mod:`jixiao.actuals_json`, or the actuals
  spreadsheet of :mod:`jixiao.actuals_xlsx`) and prints each 自评表 with every score's
  arithmetic; ``-o DIR`` writes the 自评表 as XLSX and HTML.
* ``jixiao evaluate SELFEVAL`` reads a *published* 绩效自评表 (:mod:`jixiao.selfeval`),
  recomputes it and prints where it disagrees with the method.
* ``jixiao evaluate --database [--declaration ID]`` scores the declarations of the web app's
  database with their latest actuals and own settings, as the web pages do.

Exit codes: 0 everything scored and consistent; 1 a score could not be computed as it should
or a 偏差原因 is missing (declared tables), or the published table disagrees with the method
(published tables); 2 an input could not be read or an option is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from jixiao.actuals import Actuals
from jixiao.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    console,
    echo_json,
    fail,
    output_error,
    value_option,
)
from jixiao.cli.evaluate_render import print_comparison, print_evaluations
from jixiao.cli.inputs import (
    DatabaseRecord,
    database_records,
    load_actuals,
    load_table,
    require_one,
    scoring_config,
)
from jixiao.errors import JixiaoError, UsageError
from jixiao.model import ImportIssue
from jixiao.report.selfeval_form import Narrative, SelfEvaluationForm, build_forms
from jixiao.report.selfeval_html import render_selfeval_html_bytes
from jixiao.report.selfeval_xlsx import render_selfeval_xlsx
from jixiao.scoring import Evaluation, ScoringConfig, evaluate_document
from jixiao.selfeval import (
    NotASelfEvaluationError,
    SelfEvaluation,
    compare,
    load_selfeval,
    recompute,
)
from jixiao.serialize import location_to_dict


class OutputFormat(StrEnum):
    """What ``jixiao evaluate`` and ``jixiao monitor`` print on stdout."""

    TEXT = "text"
    JSON = "json"


TableArgument = Annotated[
    Path | None,
    typer.Argument(
        help="绩效目标表（配合 --actuals 计分），或已公布的绩效自评表（重算并核对）；使用 --database 时省略",
        metavar="TABLE",
        show_default=False,
    ),
]
ActualsOption = Annotated[
    Path | None,
    value_option(
        "--actuals",
        "-a",
        help_text="实际完成情况：JSON（jixiao.actuals_json 格式）或执行情况填报表（.xlsx/.csv）",
        metavar="FILE",
    ),
]
ConfigOption = Annotated[
    Path | None,
    value_option(
        "--config",
        help_text="评分设置 JSON（分值、超额倍数、等级分数线等，ScoringConfig.to_dict 的形式）；省略时用默认设置",
        metavar="JSON",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", help="终端输出：text 为自评表和计分说明，json 为计分结果的 JSON"),
]
OutputOption = Annotated[
    Path | None,
    value_option(
        "--output",
        "-o",
        help_text="输出目录：写入 <文件名>-自评表.xlsx 和 <文件名>-自评表.html（按官方格式排版）",
        metavar="DIR",
    ),
]
DatabaseOption = Annotated[
    bool,
    typer.Option("--database", help="读取网页端数据库中的申报及最新执行情况（需安装网页端依赖）"),
]
DeclarationOption = Annotated[
    int | None,
    typer.Option("--declaration", help="与 --database 同用：只处理此编号的申报", metavar="ID"),
]
SummaryOption = Annotated[
    bool, typer.Option("--summary", help="只打印汇总表和问题，不逐行列出指标得分")
]


def evaluate_command(
    table: TableArgument = None,
    actuals: ActualsOption = None,
    config: ConfigOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    database: DatabaseOption = False,
    declaration: DeclarationOption = None,
    summary: SummaryOption = False,
) -> None:
    """单位自评计分：给绩效目标表按实际完成情况计分，或重算已公布的绩效自评表并指出与计分方法不符之处。

    退出码：0 全部计分且一致；1 有指标无法按规定计分或缺偏差原因（目标表），或公布的自评表与计分方法不符；2 文件无法读取或选项有误。
    """
    try:
        require_one(table, database)
        if declaration is not None and not database:
            raise UsageError("--declaration 只能与 --database 同用")
        if database and config is not None:
            raise UsageError("--database 使用各申报在网页端保存的评分设置，不能同时给出 --config")
        settings = scoring_config(config)
        options = _Options(output_format, output, summary)
        if database:
            status = _from_database(declaration, options)
        elif actuals is None:
            assert table is not None
            status = _published(table, settings, options)
        else:
            assert table is not None
            status = _declared(table, actuals, settings, options)
    except JixiaoError as error:
        fail(error)
    raise typer.Exit(status)


class _Options:
    def __init__(self, output_format: OutputFormat, output: Path | None, summary: bool) -> None:
        self.json = output_format is OutputFormat.JSON
        self.output = output
        self.rows = not summary


def _declared(path: Path, actuals_path: Path, settings: ScoringConfig, options: _Options) -> int:
    document = load_table(path)
    actuals = load_actuals(actuals_path, document)
    evaluations = evaluate_document(document, actuals, settings)
    if options.json:
        evaluated = [e.to_dict() for e in evaluations]
        echo_json({"file": document.file, "kind": document.kind.value, "evaluations": evaluated})
    else:
        print_evaluations(console(), evaluations, rows=options.rows)
    if options.output is not None:
        forms = build_forms(document, evaluations, actuals)
        _write_forms(options.output, Path(path).stem, forms, str(path))
    return _status(evaluations)


def _status(evaluations: Sequence[Evaluation]) -> int:
    troubled = any(e.all_problems or e.reasons_missing for e in evaluations)
    return EXIT_FINDINGS if troubled else EXIT_OK


def _published(path: Path, settings: ScoringConfig, options: _Options) -> int:
    try:
        selfeval = load_selfeval(path)
    except NotASelfEvaluationError:
        raise UsageError(
            "不是已公布的绩效自评表；给绩效目标表计分请用 --actuals 给出实际完成情况", str(path)
        ) from None
    evaluations = recompute(selfeval, settings)
    found = compare(selfeval, settings, evaluations=evaluations)
    if options.json:
        echo_json(_comparison_json(selfeval, evaluations, found))
    else:
        out = console()
        if options.rows:
            print_evaluations(out, evaluations, rows=True)
            out.print()
        print_comparison(out, selfeval, evaluations, found)
    if options.output is not None:
        forms = build_forms(
            selfeval.document, evaluations, selfeval.actuals,
            goal_actuals=selfeval.goal_actuals, narratives=_narratives(selfeval),
        )  # fmt: skip
        _write_forms(options.output, Path(path).stem, forms, str(path))
    return EXIT_FINDINGS if found else EXIT_OK


def _narratives(selfeval: SelfEvaluation) -> dict[str, Narrative]:
    """评价结论/存在问题/改进措施 as published in a department table (others are generated)."""
    result = {}
    for table in selfeval.tables:
        if not table.path and (table.conclusion or table.problems or table.measures):
            result[""] = Narrative(table.conclusion, table.problems, table.measures)
    return result


def _comparison_json(
    selfeval: SelfEvaluation, evaluations: Sequence[Evaluation], found: Sequence[Any]
) -> dict[str, Any]:
    tables = [
        {
            "path": table.path,
            "name": table.name,
            "published_total": table.total.text if table.total else None,
            "published_grade": table.grade,
            "recomputed": evaluation.to_dict(),
        }
        for table, evaluation in zip(selfeval.tables, evaluations, strict=True)
    ]
    return {
        "file": selfeval.file,
        "layout": selfeval.layout,
        "kind": selfeval.kind.value,
        "tables": tables,
        "disagreements": [d.to_dict() for d in found],
        "issues": [issue_dict(issue) for issue in selfeval.issues],
    }


def issue_dict(issue: ImportIssue) -> dict[str, Any]:
    """JSON form of an import issue: code, message, file, line, end_line, text."""
    return {"code": issue.code, "message": issue.message, **location_to_dict(issue.source)}


def _from_database(declaration: int | None, options: _Options) -> int:
    """Each declaration with its latest actuals and its own settings, as the web app scores it."""
    records = database_records(declaration=declaration)
    if not records and not options.json:
        console(stderr=True).print("网页端数据库中没有申报", markup=False)
    out, payload, status = console(), [], EXIT_OK
    for record, actuals in reported_records(records, out, quiet=options.json):
        evaluations = evaluate_document(record.document, actuals, record.scoring_config)
        status = max(status, _status(evaluations))
        if options.json:
            payload.append(
                {**record_dict(record), "evaluations": [e.to_dict() for e in evaluations]}
            )
        else:
            out.print()
            out.print(record_heading(record), markup=False)
            print_evaluations(out, evaluations, rows=options.rows)
        if options.output is not None:
            forms = build_forms(
                record.document, evaluations, actuals, goal_actuals=record.goal_actuals
            )
            _write_forms(options.output, f"申报{record.id}", forms, record.title)
    if options.json:
        echo_json({"declarations": payload})
    return status


def reported_records(
    records: Iterable[DatabaseRecord], out: Console, *, quiet: bool
) -> Iterator[tuple[DatabaseRecord, Actuals]]:
    """Each record that has actuals, with them; for one without, a line on ``out`` says it is
    skipped (unless ``quiet``: JSON output)."""
    for record in records:
        if record.actuals is None:
            if not quiet:
                out.print(
                    f"申报 #{record.id}「{record.title}」尚未填报执行情况，跳过", markup=False
                )
            continue
        yield record, record.actuals


def record_heading(record: DatabaseRecord) -> str:
    """``申报 #3「…」· 部门 · 2025年 · 数据截至 2025年1-7月``."""
    period = record.period.label if record.period else "未填报"
    return f"申报 #{record.id}「{record.title}」· {record.department} · {record.fiscal_year}年 · 数据截至{period}"


def record_dict(record: DatabaseRecord) -> dict[str, Any]:
    """JSON description of a database declaration."""
    period = record.period
    return {
        "id": record.id,
        "title": record.title,
        "department": record.department,
        "fiscal_year": record.fiscal_year,
        "status": record.status,
        "period": None
        if period is None
        else {"year": period.year, "month": period.month, "label": period.label},
    }


def _write_forms(
    directory: Path, stem: str, forms: list[SelfEvaluationForm], subtitle: str
) -> None:
    if not forms:
        return
    xlsx, html = directory / f"{stem}-自评表.xlsx", directory / f"{stem}-自评表.html"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        xlsx.write_bytes(render_selfeval_xlsx(forms))
        html.write_bytes(render_selfeval_html_bytes(forms, subtitle=subtitle))
    except OSError as error:
        raise output_error(directory, error) from None
    console(stderr=True).print(f"已写入 {xlsx}、{html}", markup=False, soft_wrap=True)
