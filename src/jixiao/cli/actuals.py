"""``jixiao actuals-template``: write the actuals spreadsheet (执行情况填报表) of a declared
table for one month (:func:`jixiao.actuals_xlsx.write_template`; docs/actuals-template.md).

The department fills in the yellow columns and gives the file back to ``jixiao monitor`` /
``jixiao evaluate --actuals``, or imports it into the web app (``python -m web
import_actuals``).

Exit codes: 0 written; 2 the table could not be read, the month is missing or wrong, or the
output cannot be written (one Chinese line naming the file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.actuals import Period
from jixiao.actuals_xlsx import write_template
from jixiao.cli.common import EXIT_OK, console, fail, output_error, value_option
from jixiao.cli.inputs import load_table, parse_period
from jixiao.errors import JixiaoError, UsageError
from jixiao.paths import iter_indicators

TableArgument = Annotated[
    Path,
    typer.Argument(
        help="绩效目标表（项目或部门整体支出绩效目标表）", metavar="TABLE", show_default=False
    ),
]
AsOfOption = Annotated[
    str | None,
    value_option(
        "--as-of",
        help_text="填报截至月份，如 2025-07（预填“截至月份”列，写入填报说明）",
        metavar="YYYY-MM",
    ),
]
OutputOption = Annotated[
    Path | None,
    value_option(
        "--output",
        "-o",
        help_text="输出的 .xlsx 文件；省略时在当前目录写 <文件名>-执行情况-<YYYY-MM>.xlsx",
        metavar="FILE",
    ),
]


def actuals_template_command(
    table: TableArgument, as_of: AsOfOption = None, output: OutputOption = None
) -> None:
    """生成绩效运行监控填报模板（执行情况填报表 XLSX）：每个三级指标一行、每个项目一行预算执行，供单位填报后用 --actuals 读取或在网页端导入。

    退出码：0 已写入；2 绩效目标表无法读取、截至月份缺失或有误、输出无法写入。
    """
    try:
        period = _period(as_of)
        document = load_table(table)
        if next(iter_indicators(document), None) is None:
            raise UsageError("未找到绩效指标：不是绩效目标表，无法生成填报模板", str(table))
        if document.fiscal_year is not None and document.fiscal_year != period.year:
            raise UsageError(
                f"截至月份 {_month(period)} 不在申报表的预算年度（{document.fiscal_year}年）内",
                str(table),
            )
        target = (
            output if output is not None else Path(f"{table.stem}-执行情况-{_month(period)}.xlsx")
        )
        if target.suffix.lower() != ".xlsx":
            raise UsageError("填报模板应写为 .xlsx 文件", str(target))
        try:
            write_template(document, target, period)
        except OSError as error:
            raise output_error(target, error) from None
    except JixiaoError as error:
        fail(error)
    console().print(
        f"已写入 {target}（{period.label}执行情况填报模板）", markup=False, soft_wrap=True
    )
    raise typer.Exit(EXIT_OK)


def _period(as_of: str | None) -> Period:
    period = parse_period(as_of)
    if period is None:
        raise UsageError("请用 --as-of 给出填报截至月份，如 --as-of 2025-07")
    return period


def _month(period: Period) -> str:
    return f"{period.year}-{period.month:02d}"
