"""The Jinja2 environment of the HTML reports (``report.html``, the 自评表 page).

Templates are read from ``jixiao/report/templates`` (package data), text is autoescaped, an
undefined name raises (:class:`~jinja2.StrictUndefined`) and block tags leave no blank lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined


def template_environment(**filters: Callable[..., Any]) -> Environment:
    """A new environment on the report templates with the extra ``filters`` (name → function).

    Each renderer builds its own (and caches it), so one report's filters never leak into
    another's templates.
    """
    env = Environment(
        loader=PackageLoader("jixiao.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters)
    return env
