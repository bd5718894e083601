"""Importer registry: each layout module registers one :class:`Importer` under a short name.

:func:`detect` asks every importer how well it recognises a text (``sniff`` returns a score,
0 for "not mine") and picks the best one. A new layout is one module and one entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jixiao.model import Document, DocumentKind


@dataclass(frozen=True, slots=True)
class Importer:
    """A layout importer: ``name``, document ``kind``, a one-line ``description``,
    ``sniff(text) -> score`` (0 = not this layout) and ``parse(text, file) -> Document``."""

    name: str
    kind: DocumentKind
    description: str
    sniff: Callable[[str], int]
    parse: Callable[[str, str], Document]


IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    """Add ``importer`` to :data:`IMPORTERS`; raises ``ValueError`` on a duplicate name."""
    if importer.name in IMPORTERS:
        raise ValueError(f"duplicate importer {importer.name!r}")
    IMPORTERS[importer.name] = importer
    return importer


def detect(text: str) -> Importer | None:
    """The importer with the highest positive sniff score for ``text``, or ``None``."""
    _load_builtin()
    scored = [(imp.sniff(text), imp) for imp in IMPORTERS.values()]
    scored = [(score, imp) for score, imp in scored if score > 0]
    if not scored:
        return None
    return max(scored, key=lambda pair: pair[0])[1]


def _load_builtin() -> None:
    from jixiao.ingest import department, project  # noqa: F401  (registers importers)
