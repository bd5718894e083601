"""Findings: what review reports, and the catalogue entry each one comes from.

A :class:`FindingType` is a catalogue entry (stable kebab-case ``code``, severity, Chinese
title and message template with named placeholders, tags, and the rule's source in
REFERENCE.md / the regulations). A :class:`Finding` is one occurrence, located in a file,
project, indicator and source line.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """error blocks approval, warning needs a reviewer's look, info advises."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """Chinese label: 错误 / 警告 / 提示."""
        return _LABELS[self.value]

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (sort key, most severe first)."""
        return _RANKS[self.value]


_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
_RANKS = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class FindingType:
    """A catalogue entry.

    ``template`` is a Chinese message with ``{name}`` placeholders, filled by
    :meth:`format`. ``reference`` cites where the rule comes from (REFERENCE.md section and
    the regulation, e.g. ``"RV18; 财预〔2015〕88号"``).
    """

    code: str
    severity: Severity
    title: str
    template: str
    tags: tuple[str, ...]
    reference: str
    description: str = ""

    def format(self, **params: object) -> str:
        """The message with ``params`` filled in."""
        return self.template.format(**params)


@dataclass(slots=True)
class Finding:
    """One finding, located as precisely as the source allows.

    ``project`` and ``indicator`` are names (or ``None`` when the finding concerns the whole
    document); ``source_line``/``source_end_line`` are 1-based lines of ``file`` and
    ``source_text`` the raw text there.
    """

    code: str
    severity: Severity
    message: str
    file: str
    project: str | None = None
    indicator: str | None = None
    source_line: int | None = None
    source_end_line: int | None = None
    source_text: str | None = None
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """JSON form: ``code``, ``severity``, ``message``, ``file``, ``project``,
        ``indicator``, ``source_line``, ``source_end_line``, ``source_text``, ``tags``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "project": self.project,
            "indicator": self.indicator,
            "source_line": self.source_line,
            "source_end_line": self.source_end_line,
            "source_text": self.source_text,
            "tags": list(self.tags),
        }
