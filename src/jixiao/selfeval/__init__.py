"""Published self-evaluation tables (绩效自评表): import, recompute, compare.

Usage::

    from jixiao.selfeval import compare, load_selfeval, recompute
    selfeval = load_selfeval("2023年项目支出绩效自评表.txt")
    for disagreement in compare(selfeval):
        print(disagreement.location, disagreement.message)

* :func:`load_selfeval` / :func:`parse_selfeval`: a file (text copied from a web page or a
  spreadsheet, text extracted from a PDF, or an XLSX workbook) → :class:`SelfEvaluation`:
  the declared :class:`~jixiao.model.Document`, the reported :class:`~jixiao.actuals.Actuals`
  and the published scores (:class:`PublishedTable`) with their source lines.
* :func:`recompute`: the :class:`~jixiao.scoring.Evaluation` of each table under its
  published weights; :func:`compare`: every :class:`Disagreement` (:data:`CATALOGUE`).

Modules: :mod:`.labels` (printed labels), :mod:`.tabbed` / :mod:`.pdftext` / :mod:`.xlsx`
(layouts), :mod:`.draft` and :mod:`.build` (drafts → model), :mod:`.model`, :mod:`.load`,
:mod:`.catalogue`, :mod:`.compare`.
"""

from jixiao.selfeval.catalogue import CATALOGUE, ERROR, WARNING, DisagreementType
from jixiao.selfeval.compare import Disagreement, compare, recompute, table_config
from jixiao.selfeval.load import (
    LAYOUTS,
    NotASelfEvaluationError,
    is_selfeval_text,
    load_selfeval,
    parse_selfeval,
)
from jixiao.selfeval.model import (
    Printed,
    PublishedFunds,
    PublishedRow,
    PublishedTable,
    SelfEvaluation,
)

__all__ = [
    "CATALOGUE",
    "ERROR",
    "LAYOUTS",
    "WARNING",
    "Disagreement",
    "DisagreementType",
    "NotASelfEvaluationError",
    "Printed",
    "PublishedFunds",
    "PublishedRow",
    "PublishedTable",
    "SelfEvaluation",
    "compare",
    "is_selfeval_text",
    "load_selfeval",
    "parse_selfeval",
    "recompute",
    "table_config",
]
