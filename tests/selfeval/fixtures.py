"""Paths of the constructed self-evaluation fixtures (``tests/fixtures/selfeval/README.md``)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "selfeval"
TABBED = FIXTURES / "guangzhou-2023-project-selfeval-tabbed.txt"
"""Three 2023 Guangzhou projects, tab-separated (a copy from Excel)."""
PDFTEXT = FIXTURES / "tianhe-2025-project-selfeval-pdftext.txt"
"""Three 2025 Tianhe projects, text extracted from a PDF (wrapped cells, columns lost)."""
SAMPLES = ROOT / "samples"
