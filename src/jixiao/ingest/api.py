"""Public import functions: :func:`load`, :func:`load_text`, :func:`load_many`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.errors import JixiaoError, NotATargetTableError, UnreadableFileError
from jixiao.ingest.registry import detect
from jixiao.ingest.text import read_text
from jixiao.model import Document

SUFFIXES = (".txt", ".tsv", ".text", ".csv")
"""File suffixes :func:`collect_files` picks up when walking a folder."""


def load_text(text: str, file: str, encoding: str = "utf-8") -> Document:
    """Import a table from already-decoded ``text``; ``file`` is recorded as its source.

    Raises :class:`~jixiao.errors.NotATargetTableError` when no importer recognises it.
    """
    if not text.strip():
        raise UnreadableFileError("文件为空", file)
    importer = detect(text)
    if importer is None:
        raise NotATargetTableError(
            "不是可识别的绩效目标表（未找到部门整体或项目支出绩效目标表的表头）", file
        )
    document = importer.parse(text, file)
    document.layout = importer.name
    document.encoding = encoding
    return document


def load(path: str | Path) -> Document:
    """Import the table in ``path``.

    Raises :class:`~jixiao.errors.UnreadableFileError` (missing, empty, binary,
    undecodable) or :class:`~jixiao.errors.NotATargetTableError`.
    """
    text, encoding = read_text(Path(path))
    return load_text(text, str(path), encoding)


@dataclass(slots=True)
class ImportBatch:
    """Documents imported from a batch, the files that could not be imported, and the
    decoded text of each imported file keyed by ``Document.file`` (reports show it with
    line numbers, so it must be exactly the text the importer read)."""

    documents: list[Document] = field(default_factory=list)
    errors: list[JixiaoError] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders recursively (files with :data:`SUFFIXES`, sorted); keep files as given.

    A path that does not exist is kept, so :func:`load_many` reports it as unreadable.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        else:
            found.append(path)
    return found


def load_many(
    paths: Iterable[str | Path], on_file: Callable[[Path], None] | None = None
) -> ImportBatch:
    """Import every file of ``paths`` (folders read recursively).

    Files that fail are collected in ``errors``; the others still import. ``on_file`` is
    called after each file (for progress bars).
    """
    batch = ImportBatch()
    for path in collect_files(paths):
        try:
            text, encoding = read_text(path)
            document = load_text(text, str(path), encoding)
        except JixiaoError as error:
            batch.errors.append(error)
        else:
            batch.documents.append(document)
            batch.texts[document.file] = text
        if on_file is not None:
            on_file(path)
    return batch
