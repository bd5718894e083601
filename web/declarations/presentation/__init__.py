"""What the declaration pages show, computed from a :class:`jixiao.model.Document`.

Templates only loop over the values built here; every decision about the official layout
(which rows merge, which columns a table has, where a finding or comment is shown, how an
amount is written) is made in these functions, which touch neither the database nor the
request, so they are tested on the real samples directly (``tests/web/test_presentation.py``).

* :func:`collect_notes` places findings (:mod:`web.declarations.findings`) and review
  comments beside the item they concern, by item path (:mod:`jixiao.paths`).
* :func:`department_table` is the 部门整体支出绩效目标表 (header, 预算整体情况,
  总体绩效目标, 年度重点工作任务, indicator grid with merged 一级/二级指标 cells);
  :func:`project_table` the 项目支出绩效目标表 (one block per project).
* :func:`charts` gives the data of the page's charts (Chart.js, ``jixiao/charts.js``).
* :func:`find_matches` searches project, task and indicator names in a document's JSON.
* :func:`describe_changes` turns audit-trail changes into rows of the history table.

Amounts are shown in 万元 with two decimals and thousands separators (``4,855.11``),
converted from the document's ``money_unit`` by :func:`jixiao.model.to_wan_yuan`. Every
item row carries ``anchor`` = ``item-`` + its path with ``/`` replaced by ``-``
(``item-projects-0-indicators-2``), which links from findings, search and history use.

One module per concept: :mod:`.notes`, :mod:`.tables`, :mod:`.chart_data`, :mod:`.search`,
:mod:`.history`; the names pages use are re-exported here.
"""

from web.declarations.presentation.chart_data import Chart, charts
from web.declarations.presentation.history import ChangeRow, describe_changes
from web.declarations.presentation.notes import (
    SEVERITY_CLASSES,
    STATUS_BADGES,
    Commented,
    ItemNotes,
    Notes,
    ShownFinding,
    anchor,
    collect_notes,
    nearest_rendered,
    rendered_paths,
)
from web.declarations.presentation.search import SearchMatch, find_matches
from web.declarations.presentation.tables import (
    DepartmentTable,
    IndicatorRow,
    ProjectBlock,
    ProjectTable,
    TaskRow,
    department_table,
    project_table,
    wan_yuan,
)

__all__ = [
    "SEVERITY_CLASSES",
    "STATUS_BADGES",
    "ChangeRow",
    "Chart",
    "Commented",
    "DepartmentTable",
    "IndicatorRow",
    "ItemNotes",
    "Notes",
    "ProjectBlock",
    "ProjectTable",
    "SearchMatch",
    "ShownFinding",
    "TaskRow",
    "anchor",
    "charts",
    "collect_notes",
    "department_table",
    "describe_changes",
    "find_matches",
    "nearest_rendered",
    "project_table",
    "rendered_paths",
    "wan_yuan",
]
