"""The domain core stays Django-free: ``web`` imports ``jixiao``, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "src" / "jixiao"
FORBIDDEN = ("django", "rules", "simple_history", "web")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_web_framework(path: Path) -> None:
    roots = {name.split(".")[0] for name in imported_modules(path)}
    assert not roots & set(FORBIDDEN)


def test_workflow_is_pure_python() -> None:
    workflow = CORE.parents[1] / "web" / "workflow.py"
    roots = {name.split(".")[0] for name in imported_modules(workflow)}
    assert roots <= {"__future__", "enum", "jixiao"}
