"""The ``jixiao`` command line (Typer): ``review``, ``export``, ``rules``, ``layouts``,
``monitor`` and ``evaluate``.

Commands parse options, call one library function and render its result. Exit codes: 0 all
clear, 1 something needs attention (an error finding; a red light or missing 偏差原因; a
score that could not be computed or a published score that disagrees with the method), 2 an
input could not be read or a bad option (:func:`jixiao.errors.exit_code`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao import __version__
from jixiao.cli.actuals import actuals_template_command
from jixiao.cli.catalog import layouts_command, rules_command
from jixiao.cli.evaluate import evaluate_command
from jixiao.cli.export import export_command
from jixiao.cli.monitor import monitor_command
from jixiao.cli.review import review_command

app = typer.Typer(
    name="jixiao",
    help="jixiao（绩效）：导入、审核预算绩效目标表并生成报告。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
app.command("review")(review_command)
app.command("export")(export_command)
app.command("rules")(rules_command)
app.command("layouts")(layouts_command)
app.command("evaluate")(evaluate_command)
app.command("monitor")(monitor_command)
app.command("actuals-template")(actuals_template_command)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"jixiao {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help="显示版本号并退出", callback=_show_version, is_eager=True),
    ] = False,
) -> None:
    """jixiao（绩效）：导入、审核预算绩效目标表并生成报告。"""


def main() -> None:
    """Console-script entry point (``jixiao = "jixiao.cli:main"``)."""
    app()
