"""The 自评表 as one self-contained HTML page, laid out as the official forms (财预〔2020〕10号
annex; REFERENCE.md §2.4, §2.5).

The page has a summary table when there is more than one form, then per form the official
table (nine columns, as :mod:`jixiao.report.selfeval_xlsx`: 项目名称, 主管部门/实施单位,
项目资金（万元）, 年度总体目标, 绩效指标, 总分, 等级, and for the department form
评价结论/存在问题/改进措施) followed by its 计分说明 (rule and arithmetic of every score).
CSS is inline, there is no script and nothing is loaded from elsewhere, so the file can be
mailed or printed as it is (each form starts a new page). Text is escaped by Jinja2.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from jinja2 import Environment

from jixiao.report.html import format_money
from jixiao.report.selfeval_form import (
    FUND_COLUMNS,
    INDICATOR_COLUMNS,
    SelfEvaluationForm,
    points_text,
    rate_text,
)
from jixiao.report.templating import template_environment


def render_selfeval_html(
    forms: Sequence[SelfEvaluationForm],
    *,
    title: str | None = None,
    subtitle: str = "",
    generated_at: datetime | None = None,
) -> str:
    """The HTML page of ``forms``; ``title`` defaults to the forms' own title, ``subtitle``
    (e.g. the source file) is printed above, ``generated_at`` defaults to now."""
    page_title = title or (forms[0].title if forms else "绩效自评表")
    template = _environment().get_template("selfeval.html.j2")
    return template.render(
        forms=list(forms),
        page_title=page_title,
        subtitle=f"{subtitle} · " if subtitle else "",
        generated_at=(generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        fund_columns=FUND_COLUMNS,
        indicator_columns=INDICATOR_COLUMNS,
    )


def render_selfeval_html_bytes(
    forms: Sequence[SelfEvaluationForm], *, title: str | None = None, subtitle: str = ""
) -> bytes:
    """:func:`render_selfeval_html` encoded as UTF-8."""
    return render_selfeval_html(forms, title=title, subtitle=subtitle).encode("utf-8")


@cache
def _environment() -> Environment:
    return template_environment(money=format_money, points=points_text, rate=rate_text)
