"""Shared pieces of the CLI commands: options, consoles, reading inputs, error reporting, JSON
output, exit codes."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from jixiao.errors import JixiaoError, UsageError, exit_code
from jixiao.ingest import ImportBatch, collect_files, load_many
from jixiao.review.runner import ReviewReport

PROGRESS_THRESHOLD = 20
"""Show a progress bar when a batch has more files than this (and stderr is a terminal)."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


def value_option(*names: str, help_text: str, metavar: str) -> Any:
    """``typer.Option(*names, help=help_text, metavar=metavar)`` for an option that takes a
    value and has no default worth showing (``None`` means "not given"); used as
    ``Annotated[Path | None, value_option("--config", help_text=…, metavar="JSON")]``."""
    return typer.Option(*names, help=help_text, metavar=metavar, show_default=False)


def console(*, stderr: bool = False) -> Console:
    """A Rich console on stdout (or stderr); 160 columns wide when not a terminal."""
    width = None if os.environ.get("COLUMNS") else 160
    out = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not out.is_terminal and width:
        out.width = width
    return out


def fail(error: JixiaoError) -> NoReturn:
    """Print ``error`` (one Chinese line naming the file) on stderr and exit with its code."""
    console(stderr=True).print(Text(f"错误：{error}", style="red"))
    raise typer.Exit(exit_code(error))


def report_unreadable(errors: Iterable[JixiaoError]) -> None:
    """One line on stderr per file that could not be imported."""
    err = console(stderr=True)
    for error in errors:
        err.print(Text(f"无法导入：{error}", style="red"))


def import_paths(paths: Sequence[Path]) -> ImportBatch:
    """Import every file of ``paths`` (folders recursively), with a progress bar on stderr
    for more than :data:`PROGRESS_THRESHOLD` files. Raises :class:`UsageError` when the
    paths hold no file at all."""
    files = collect_files(paths)
    if not files:
        raise UsageError("没有找到要读取的文件（文件夹中只读取 .txt/.tsv/.text/.csv）")
    err = console(stderr=True)
    disable = len(files) <= PROGRESS_THRESHOLD or not err.is_terminal
    columns = (TextColumn("导入"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True, disable=disable) as progress:
        task = progress.add_task("导入", total=len(files))
        return load_many(files, on_file=lambda _path: progress.advance(task))


def exit_status(batch: ImportBatch, report: ReviewReport | None = None) -> int:
    """2 when an input could not be read, else 1 when a finding is an error, else 0."""
    if batch.errors:
        return EXIT_UNREADABLE
    if report is not None and not report.valid:
        return EXIT_FINDINGS
    return EXIT_OK


def split_codes(values: Sequence[str] | None) -> frozenset[str]:
    """``["RV01,RV02", "vague-target"]`` → ``{"RV01", "RV02", "vague-target"}``."""
    return frozenset(
        code.strip() for value in values or () for code in value.split(",") if code.strip()
    )


def output_error(path: Path, error: OSError) -> UsageError:
    """A :class:`UsageError` for an output path that cannot be written."""
    return UsageError(f"无法写入输出（{error.strerror or error}）", str(path))


def echo_json(payload: object) -> None:
    """``payload`` as indented JSON on stdout, Chinese kept as it is (not ``\\uXXXX``)."""
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
