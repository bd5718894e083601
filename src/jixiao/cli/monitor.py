"""``jixiao monitor``: in-year monitoring lights (绩效运行监控, 双监控; REFERENCE.md §5;
财预〔2019〕136号).

* ``jixiao monitor TABLE --actuals ACTUALS`` lights every indicator, project budget and the
  department of a declared table from its actuals (JSON or the actuals spreadsheet), with the
  reason of each light;
* ``jixiao monitor --database [--department NAME]`` does the same for the declarations of the
  web app's database, with their latest actuals and own thresholds, as the web pages do.

Exit codes: 0 no red light and no required 偏差原因 missing; 1 a red light or a missing
偏差原因 (or 原因说明 of a budget); 2 an input could not be read or an option is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.actuals import Period
from jixiao.cli.common import EXIT_FINDINGS, EXIT_OK, console, echo_json, fail, value_option
from jixiao.cli.evaluate import (
    ActualsOption,
    DatabaseOption,
    OutputFormat,
    record_dict,
    record_heading,
    reported_records,
)
from jixiao.cli.inputs import (
    database_records,
    load_actuals,
    load_table,
    monitoring_config,
    parse_period,
    require_one,
)
from jixiao.errors import JixiaoError, UsageError
from jixiao.monitoring import (
    PRESETS,
    BudgetStatus,
    IndicatorStatus,
    Light,
    MonitoringResult,
    monitor_document,
)

LIGHT_STYLES: dict[Light, str] = {
    Light.RED: "bold white on red",
    Light.YELLOW: "bold black on yellow",
    Light.GREEN: "bold white on green",
    Light.BLUE: "bold white on blue",
    Light.GREY: "dim",
}

TableArgument = Annotated[
    Path | None,
    typer.Argument(
        help="绩效目标表（项目或部门整体）；使用 --database 时省略",
        metavar="TABLE",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    value_option(
        "--config",
        help_text="监控设置 JSON（亮灯阈值等，MonitoringConfig.to_dict 的形式）；省略时用常见默认值",
        metavar="JSON",
    ),
]
PresetOption = Annotated[
    str | None,
    value_option(
        "--preset",
        help_text="监控预设：" + "、".join(PRESETS) + "（各地做法，见 REFERENCE.md §5）",
        metavar="NAME",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="监控截至月份，如 2025-07；省略时取执行情况中的月份", metavar="YYYY-MM"
    ),
]
DepartmentOption = Annotated[
    str | None,
    typer.Option("--department", help="与 --database 同用：只处理此部门的申报", metavar="NAME"),
]
SummaryOption = Annotated[
    bool, typer.Option("--summary", help="只打印项目汇总和需关注事项，不逐个列出指标")
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        help="终端输出：text 为指标亮灯表、监控汇总表和需关注事项，json 为监控结果（亮灯及理由）的 JSON",
    ),
]


def monitor_command(
    table: TableArgument = None,
    actuals: ActualsOption = None,
    config: ConfigOption = None,
    preset: PresetOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    database: DatabaseOption = False,
    department: DepartmentOption = None,
    summary: SummaryOption = False,
) -> None:
    """绩效运行监控：按实际完成情况给每个指标、项目预算和部门亮灯（红、黄、绿、蓝、未填报），并说明理由。

    退出码：0 无红灯且不缺偏差原因；1 有红灯或缺偏差原因（原因说明）；2 文件无法读取或选项有误。
    """
    try:
        require_one(table, database)
        if department is not None and not database:
            raise UsageError("--department 只能与 --database 同用")
        if database and (config is not None or preset is not None):
            raise UsageError(
                "--database 使用各申报在网页端保存的监控设置，不能同时给出 --config 或 --preset"
            )
        period = parse_period(as_of)
        if database:
            status = _from_database(department, period, output_format, summary)
        else:
            if table is None or actuals is None:
                raise UsageError("请用 --actuals 给出执行情况（JSON 或执行情况填报表）")
            settings = monitoring_config(config, preset)
            document = load_table(table)
            result = monitor_document(
                document, load_actuals(actuals, document), settings, as_of=period
            )
            status = _show(result, output_format, summary)
    except JixiaoError as error:
        fail(error)
    raise typer.Exit(status)


def _show(result: MonitoringResult, output_format: OutputFormat, summary: bool) -> int:
    if output_format is OutputFormat.JSON:
        echo_json(result.as_dict())
    else:
        print_monitoring(console(), result, rows=not summary)
    return monitoring_status(result)


def monitoring_status(result: MonitoringResult) -> int:
    """1 when a light is red or a required explanation is missing, else 0."""
    budgets = [result.department.budget, *(p.budget for p in result.projects)]
    red = any(s.light is Light.RED for s in result.indicators) or any(
        b.light is Light.RED for b in budgets
    )
    missing = any(s.reason_missing for s in result.indicators) or any(
        b.reason_missing for b in budgets
    )
    return EXIT_FINDINGS if red or missing else EXIT_OK


def _from_database(
    department: str | None, period: Period | None, output_format: OutputFormat, summary: bool
) -> int:
    """Each declaration with its latest actuals and its own thresholds, as the web app."""
    out, payload, status = console(), [], EXIT_OK
    records = database_records(department=department)
    if not records and output_format is OutputFormat.TEXT:
        console(stderr=True).print("网页端数据库中没有符合条件的申报", markup=False)
    quiet = output_format is OutputFormat.JSON
    for record, actuals in reported_records(records, out, quiet=quiet):
        as_of = period if period is not None else record.period
        result = monitor_document(record.document, actuals, record.monitoring_config, as_of=as_of)
        status = max(status, monitoring_status(result))
        if output_format is OutputFormat.JSON:
            payload.append({**record_dict(record), "monitoring": result.as_dict()})
        else:
            out.print()
            out.print(record_heading(record), markup=False)
            print_monitoring(out, result, rows=not summary)
    if output_format is OutputFormat.JSON:
        echo_json({"declarations": payload})
    return status


# --- rendering ----------------------------------------------------------------------------


def light_text(light: Light) -> Text:
    """The light as a coloured badge: ``红``, ``黄``, ``绿``, ``蓝``, ``未填报``."""
    return Text(f" {light.label} ", style=LIGHT_STYLES[light])


def projects_table(result: MonitoringResult) -> Table:
    """One row per project (and the department): budget, execution, lights per colour."""
    table = Table(title=f"监控汇总（{result.as_of.label}）", title_justify="left")
    table.add_column("项目（部门）")
    for header in ("全年预算（万元）", "累计执行（万元）", "执行率", "序时比"):
        table.add_column(header, justify="right")
    table.add_column("预算灯", justify="center")
    for light in Light:
        table.add_column(light.label, justify="right")
    table.add_column("亮灯", justify="center")
    for project in result.projects:
        table.add_row(
            Text(project.name + ("（重点）" if project.key_monitoring else "")),
            *_budget_cells(project.budget), *_counts(project.indicators), light_text(project.light),
        )  # fmt: skip
    department = result.department
    table.add_row(
        Text(f"部门整体：{department.name or ''}", style="bold"),
        *_budget_cells(department.budget), *_counts(result.indicators), light_text(department.light),
    )  # fmt: skip
    return table


def _budget_cells(budget: BudgetStatus) -> list[Text | str]:
    return [
        _number(budget.budget_wan_yuan),
        _number(budget.executed_wan_yuan),
        _percent(budget.execution_rate_pct),
        _percent(budget.time_ratio_pct),
        light_text(budget.light),
    ]


def _counts(rows: Iterable[IndicatorStatus]) -> list[str]:
    counts = dict.fromkeys(Light, 0)
    for row in rows:
        counts[row.light] += 1
    return [str(counts[light]) for light in Light]


def _number(value: Any) -> str:
    return "" if value is None else f"{value:,.2f}"


def _percent(value: Any) -> str:
    return "" if value is None else f"{value:.2f}%"


def indicators_table(result: MonitoringResult) -> Table:
    """Every indicator: project, 三级指标, 年度指标值, 累计完成值, light, reason."""
    table = Table(title="指标亮灯", title_justify="left")
    for header in ("项目", "三级指标", "年度指标值", "完成值"):
        table.add_column(header)
    table.add_column("灯", justify="center")
    table.add_column("说明")
    table.add_column("标记")
    for row in result.indicators:
        mark = "缺偏差原因" if row.reason_missing else "缺全年预计" if row.expected_missing else ""
        table.add_row(
            Text(row.project_name or "部门整体"), Text(row.name), Text(row.target_text),
            Text(row.actual_text), light_text(row.light), Text(row.explanation),
            Text(mark, style="yellow"),
        )  # fmt: skip
    return table


def print_monitoring(out: Console, result: MonitoringResult, *, rows: bool = True) -> None:
    """Indicators (``rows``), the project summary, the items needing attention, the counts."""
    if rows:
        out.print(indicators_table(result))
    out.print(projects_table(result))
    if result.attention:
        out.print(Text("需关注（红灯、黄灯）：", style="bold"))
    for item in result.attention:
        line = Text()
        line.append_text(light_text(item.light))
        where = f"{item.project_name} · " if item.project_name else ""
        line.append(f" {where}{item.name}：{item.explanation}")
        if item.reason_missing:
            line.append("（缺偏差原因）", style="yellow")
        out.print(line, soft_wrap=True)
    for path in result.unknown_paths:
        out.print(Text(f"执行情况中的“{path}”在申报表中不存在，已忽略", style="yellow"))
    counts = result.counts()
    parts = "，".join(f"{light.label} {counts[light]}" for light in Light)
    out.print(Text(f"共 {len(result.indicators)} 个指标：{parts}"))
