"""Reading a published self-evaluation table (绩效自评表) from a file or from text.

:func:`load_selfeval` reads text files (UTF-8 or GB18030, as the target-table importer) and
XLSX workbooks; :func:`parse_selfeval` reads decoded text. The layout is detected: rows with
tab-separated cells (``selfeval-tabbed``, a copy from a web page or a spreadsheet) or text
extracted from a PDF (``selfeval-pdftext``). Bad content never raises: lines that cannot be
read become :class:`~jixiao.model.ImportIssue` values naming file and line. Only a file that
cannot be read at all, or holds no 自评表, raises (:class:`NotASelfEvaluationError`).
"""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.errors import JixiaoError, UnreadableFileError
from jixiao.ingest.text import read_text
from jixiao.selfeval.build import build_selfeval
from jixiao.selfeval.draft import ParsedFile
from jixiao.selfeval.model import SelfEvaluation
from jixiao.selfeval.pdftext import parse_pdftext
from jixiao.selfeval.tabbed import parse_tabbed
from jixiao.selfeval.xlsx import SUFFIXES, parse_xlsx

TABBED = "selfeval-tabbed"
PDFTEXT = "selfeval-pdftext"
XLSX = "selfeval-xlsx"
LAYOUTS: dict[str, str] = {
    TABBED: "绩效自评表，制表符分隔（网页/Excel 复制）",
    PDFTEXT: "绩效自评表，PDF 提取文字（单元格折行、列位置丢失）",
    XLSX: "绩效自评表，Excel 工作簿（每个工作表一张或多张表）",
}
"""Layouts of self-evaluation tables, by importer name."""

_TITLE = re.compile(r"绩效自评表")
_COLUMNS = re.compile(r"实际完成值[\s\S]{0,80}得分|得分[\s\S]{0,80}偏差原因")


class NotASelfEvaluationError(JixiaoError):
    """The file is readable but holds no 绩效自评表 (no title, no 实际完成值/得分 columns)."""


def is_selfeval_text(text: str) -> bool:
    """``True`` when ``text`` looks like a self-evaluation table: a ``…绩效自评表`` title or
    the columns 实际完成值 … 得分 near the top."""
    head = text[:20000]
    return bool(_TITLE.search(head) or _COLUMNS.search(head))


def parse_selfeval(text: str, file: str, encoding: str = "utf-8") -> SelfEvaluation:
    """Import the self-evaluation tables in decoded ``text``; ``file`` names the source.

    Raises :class:`NotASelfEvaluationError` when ``text`` holds none.
    """
    if not text.strip():
        raise UnreadableFileError("文件为空", file)
    if not is_selfeval_text(text):
        raise NotASelfEvaluationError(
            "不是绩效自评表（未找到“绩效自评表”标题或“实际完成值、得分”列）", file
        )
    layout = TABBED if _tabbed(text) else PDFTEXT
    parsed = parse_tabbed(text, file) if layout == TABBED else parse_pdftext(text, file)
    return _built(parsed, file, layout, encoding)


def load_selfeval(path: str | Path) -> SelfEvaluation:
    """Import the self-evaluation tables in the file at ``path`` (text or XLSX).

    Raises :class:`~jixiao.errors.UnreadableFileError` (missing, empty, binary, undecodable,
    broken workbook) or :class:`NotASelfEvaluationError`.
    """
    path = Path(path)
    if path.suffix.lower() in SUFFIXES:
        return _built(parse_xlsx(path), str(path), XLSX, "utf-8")
    text, encoding = read_text(path)
    return parse_selfeval(text, str(path), encoding)


def _tabbed(text: str) -> bool:
    """Rows with tab-separated cells near the top (a heading such as ``一级指标\\t二级指标``)."""
    return any(line.count("\t") >= 2 for line in text[:20000].splitlines())


def _built(parsed: ParsedFile, file: str, layout: str, encoding: str) -> SelfEvaluation:
    if not parsed.tables:
        raise NotASelfEvaluationError("未找到绩效自评表（缺少“项目名称”或“部门名称”行）", file)
    return build_selfeval(parsed, file, layout, encoding)
