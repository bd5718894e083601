"""A 自评表 written by :mod:`jixiao.report.selfeval_xlsx` reads back with
:func:`jixiao.selfeval.load_selfeval` (the XLSX layout): same projects, rows, published scores,
and no disagreement with the method that wrote it beyond the weights it could not place."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.actuals import Actuals, BudgetExecution, IndicatorActual, Period, QualitativeGrade
from jixiao.ingest import load
from jixiao.paths import iter_indicators, project_path
from jixiao.report.selfeval_form import build_forms
from jixiao.report.selfeval_xlsx import render_selfeval_xlsx
from jixiao.scoring import evaluate_document
from jixiao.selfeval import compare, load_selfeval, recompute
from tests.selfeval.fixtures import SAMPLES


def _actuals(document_path: Path, projects: int) -> Actuals:
    """Every quantitative row at 90 % of its target (with a reason), qualitative rows met,
    budgets 95 % executed."""
    document = load(document_path)
    actuals = Actuals(Period(2025, 12))
    for ref in iter_indicators(document):
        if ref.project_path not in {project_path(i) for i in range(projects)}:
            continue
        target = ref.indicator.annual_target
        if target is not None and target.value is not None and target.value > 0:
            value = (target.value * Decimal("0.9")).quantize(Decimal("0.1"))
            actuals.indicators.append(
                IndicatorActual(ref.path, completed=value, reason_text="滞后")
            )
        else:
            actuals.indicators.append(IndicatorActual(ref.path, grade=QualitativeGrade.MET))
    for index in range(projects):
        amount = document.projects[index].amount_total or Decimal(0)
        actuals.executions.append(
            BudgetExecution(project_path(index), executed=amount * Decimal("0.95"))
        )
    return actuals


def test_exported_workbook_reads_back_without_disagreement(tmp_path: Path) -> None:
    source = SAMPLES / "tianhe-2025-project-pdftext.txt"
    document = load(source)
    actuals = _actuals(source, 4)
    evaluations = evaluate_document(document, actuals)[:4]
    path = tmp_path / "自评表.xlsx"
    path.write_bytes(render_selfeval_xlsx(build_forms(document, evaluations, actuals)))

    selfeval = load_selfeval(path)
    assert selfeval.layout == "selfeval-xlsx"
    assert selfeval.issues == []
    assert [t.name for t in selfeval.tables] == [e.name for e in evaluations]
    assert selfeval.document.fiscal_year == document.fiscal_year  # the sample states none
    first = selfeval.tables[0]
    assert first.source.file == f"{path}「机关业务用房和司法所维修维护费」"
    assert first.source.line == 3
    published = {row.name: row.score.value if row.score else None for row in first.rows}
    original = {row.name: row.score for row in evaluations[0].rows}
    assert published == original
    assert [e.total for e in recompute(selfeval)] == [e.total for e in evaluations]
    # The only disagreements are the weights the method itself could not place: a project
    # without a 满意度 row cannot earn its 10 points (level1-empty), so its grid adds up to 80.
    found = [(d.path, d.code) for d in compare(selfeval)]
    empty = [e.path for e in evaluations if any(p.code == "level1-empty" for p in e.problems)]
    assert empty == ["projects/0", "projects/2", "projects/3"]
    assert found == [(path, "weights-grid-total") for path in empty]
