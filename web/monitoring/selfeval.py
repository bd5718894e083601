"""The self-evaluation tables (项目支出绩效自评表 / 部门整体支出绩效自评表) of a declaration.

:func:`selfeval_forms` scores a report with :func:`jixiao.scoring.evaluate_document` under
the declaration's own weights and lays each evaluation out as the official form with
:func:`jixiao.report.selfeval_form.build_forms` (财预〔2020〕10号 annex; REFERENCE.md §2.4,
§2.5). The page renders these values; the exports are the core's
:func:`~jixiao.report.selfeval_xlsx.render_selfeval_xlsx` and
:func:`~jixiao.report.selfeval_html.render_selfeval_html`, so a browser, a download and the
command line show the same table. Money is 万元.
"""

from __future__ import annotations

from jixiao.report.selfeval_form import SelfEvaluationForm, build_forms
from jixiao.report.selfeval_html import render_selfeval_html
from jixiao.report.selfeval_xlsx import render_selfeval_xlsx
from jixiao.scoring import ScoringConfig, evaluate_document
from web.declarations.models import Declaration
from web.monitoring.models import ActualsReport
from web.monitoring.services import scoring_config

__all__ = [
    "SelfEvaluationForm",
    "render_selfeval_html",
    "render_selfeval_xlsx",
    "selfeval_forms",
]


def selfeval_forms(
    declaration: Declaration, report: ActualsReport, config: ScoringConfig | None = None
) -> list[SelfEvaluationForm]:
    """One form per project of a project table, or one for the department, from ``report``
    (年度总体目标 实际完成情况 from what was entered with it). The declaration's fiscal year
    stands in when the published table states none."""
    document = declaration.as_document()
    document.fiscal_year = document.fiscal_year or declaration.fiscal_year
    actuals = report.as_actuals()
    evaluations = evaluate_document(document, actuals, config or scoring_config(declaration))
    return build_forms(document, evaluations, actuals, goal_actuals=report.goal_completion or {})
