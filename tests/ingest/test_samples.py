"""Each bundled sample imports completely and exactly as hand-checked.

The expected files in ``tests/fixtures/expected/`` were produced from the importer and then
checked entry by entry against the sample text (names, amounts, categories, raw targets and
line numbers). Regenerate with ``PYTHONPATH=. python tests/ingest/regen_expected.py`` only after checking
the diff by hand.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.ingest import load
from tests.ingest.projection import project

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
EXPECTED = ROOT / "tests" / "fixtures" / "expected"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_imports_as_hand_checked(sample: Path) -> None:
    expected = json.loads((EXPECTED / f"{sample.stem}.json").read_text(encoding="utf-8"))
    assert project(load(sample)) == expected


def test_five_samples_bundled() -> None:
    assert len(SAMPLES) == 5


@pytest.mark.parametrize(
    ("stem", "projects", "indicators", "total"),
    [
        ("tianhe-2025-project-pdftext", 22, 110, Decimal("1485.34")),
        ("guangzhou-2023-project-tabbed", 29, 141, Decimal("9486.23")),
    ],
)
def test_project_tables_complete(stem: str, projects: int, indicators: int, total: Decimal) -> None:
    """Counts taken from the source: one ``N、`` item per indicator, one row per project, and
    the printed 合计 equals the sum of the project rows in both tables."""
    document = load(ROOT / "samples" / f"{stem}.txt")
    assert len(document.projects) == projects
    assert sum(len(p.indicators) for p in document.projects) == indicators
    assert sum(p.amount_total or 0 for p in document.projects) == total
    assert document.grand_total is not None and document.grand_total.amount_total == total


@pytest.mark.parametrize(
    ("stem", "tasks", "task_total", "indicators", "year"),
    [
        ("yuexiu-2025-department-pdftext", 5, Decimal("754.96"), 15, None),
        ("tianhe-2025-department-tabbed-html", 4, Decimal("1516.03"), 23, 2025),
        ("jieyang-2023-department-tabbed-columns", 21, Decimal("1272.17"), 41, 2023),
    ],
)
def test_department_tables_complete(
    stem: str, tasks: int, task_total: Decimal, indicators: int, year: int | None
) -> None:
    document = load(ROOT / "samples" / f"{stem}.txt")
    assert len(document.tasks) == tasks
    assert sum(t.amount or 0 for t in document.tasks) == task_total
    assert len(document.indicators) == indicators
    assert document.fiscal_year == year
    assert not document.issues
