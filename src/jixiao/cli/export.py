"""``jixiao export``: import files and write them in one of the registered formats."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Annotated

import typer

from jixiao.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    console,
    fail,
    import_paths,
    output_error,
    report_unreadable,
)
from jixiao.errors import JixiaoError, UsageError
from jixiao.model import Document
from jixiao.report import EXPORTERS, Exporter, ReportData

FORMAT_HELP = "输出格式：" + "；".join(f"{e.name} {e.description}" for e in EXPORTERS.values())


def _check_format(value: str) -> str:
    if value not in EXPORTERS:
        raise typer.BadParameter(f"未知格式 {value!r}，可选：{'、'.join(EXPORTERS)}")
    return value


PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="要导出的绩效目标表文件或文件夹（文件夹递归读取）",
        metavar="PATH",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        help=FORMAT_HELP,
        metavar="[" + "|".join(EXPORTERS) + "]",
        callback=_check_format,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="输出文件；若为已有文件夹或不带扩展名，则每个输入写一个 <文件名><扩展名>。省略时写到标准输出",
        metavar="FILE_OR_DIR",
        show_default=False,
    ),
]


def export_command(
    paths: PathsArgument, output_format: FormatOption = "json", output: OutputOption = None
) -> None:
    """导出为规范 JSON（schema/document.schema.json）、HTML 或 Excel（不审核）。"""
    exporter = EXPORTERS[output_format]
    try:
        batch = import_paths(paths)
        report_unreadable(batch.errors)
        if batch.documents:
            _export(exporter, batch.documents, batch.texts, output)
    except JixiaoError as error:
        fail(error)
    raise typer.Exit(EXIT_UNREADABLE if batch.errors else EXIT_OK)


def _export(
    exporter: Exporter, documents: list[Document], sources: dict[str, str], output: Path | None
) -> None:
    if output is None:
        if exporter.binary:
            raise UsageError(f"{exporter.name} 是二进制格式，请用 -o 指定输出文件或文件夹")
        typer.echo(
            exporter.render(ReportData.unreviewed(documents, sources)).decode("utf-8"), nl=False
        )
        return
    try:
        written = _write(exporter, documents, sources, output)
    except OSError as error:
        raise output_error(output, error) from None
    console(stderr=True).print(
        f"已写入 {len(written)} 个文件：{'、'.join(map(str, written))}", markup=False
    )


def _write(
    exporter: Exporter, documents: list[Document], sources: dict[str, str], output: Path
) -> list[Path]:
    if not output.is_dir() and output.suffix:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(exporter.render(ReportData.unreviewed(documents, sources)))
        return [output]
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for document, name in zip(documents, unique_stems(documents), strict=True):
        path = output / f"{name}{exporter.suffix}"
        path.write_bytes(exporter.render(ReportData.unreviewed([document], sources)))
        written.append(path)
    return written


def unique_stems(documents: list[Document]) -> list[str]:
    """File stems of ``documents``, with ``-2``, ``-3`` … appended to repeated ones."""
    seen: dict[str, int] = {}
    stems: list[str] = []
    for document in documents:
        stem = PurePath(document.file).stem
        seen[stem] = seen.get(stem, 0) + 1
        stems.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return stems
