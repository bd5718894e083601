"""Importers for 部门整体支出绩效目标表 (REFERENCE.md §2.3).

Sections, in the order Guangdong forms print them: 部门名称 (and, in 2023, 资金主管部门,
基本信息); 预算整体情况; 总体绩效目标; 年度重点工作任务 and 其他需完成（的）任务; 绩效指标.

* ``department-tabbed``: rows separated by tabs (web page / spreadsheet copy). Reads both
  the 2025 grid (实施周期指标值 | 年度指标值, HTML fragments such as ``<p>``) and the 2023 grid
  (三级指标解释 | 对比符号 | 指标值 | 计量单位), skipping page headers repeated mid-table.
* ``department-pdftext``: text extracted from a PDF, one space between cells, long cells
  wrapped over several lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.ingest import department_pdf, department_tabbed
from jixiao.ingest.registry import Importer, register
from jixiao.model import DocumentKind

_TITLE = re.compile(r"部门整体(?:支出)?(?:预算)?绩效目标(?:申报)?表")


def _sniffer(tabbed: bool) -> Callable[[str], int]:
    def sniff(text: str) -> int:
        head = text[:4000]
        if not (_TITLE.search(head) or ("预算整体情况" in head and "总体绩效目标" in head)):
            return 0
        has_tabs = "\t" in head and bool(
            re.search(r"(?:部门名称|预算整体情况|总体绩效目标)[^\n]*\t", head)
        )
        return 20 if has_tabs == tabbed else 0

    return sniff


register(
    Importer(
        name="department-tabbed",
        kind=DocumentKind.DEPARTMENT,
        description="部门整体支出绩效目标表，制表符分隔（网页/Excel 复制，含 HTML 片段或对比符号列）",
        sniff=_sniffer(tabbed=True),
        parse=department_tabbed.parse,
    )
)

register(
    Importer(
        name="department-pdftext",
        kind=DocumentKind.DEPARTMENT,
        description="部门整体支出绩效目标表，PDF 提取文字（单元格折行）",
        sniff=_sniffer(tabbed=False),
        parse=department_pdf.parse,
    )
)
