"""Typed refusals of the monitoring services, each with the HTTP status it maps to.

Like :mod:`web.declarations.errors` they derive from :class:`web.workflow.WorkflowError`, so
:class:`web.middleware.WorkflowErrorMiddleware` shows their Chinese message on an error page
when a view lets them propagate. Not being able to see the declaration is
:class:`web.declarations.errors.NotVisibleError` (404), not being allowed to enter actuals
:class:`web.declarations.errors.ActionNotPermittedError` (403).
"""

from __future__ import annotations

from web.declarations.errors import StaleVersionError
from web.workflow import Status, WorkflowError


class ActualsNotOpenError(WorkflowError):
    """Actuals are entered against fixed targets only: the declaration is not approved."""

    http_status = 409

    def __init__(self, status: Status) -> None:
        super().__init__(
            f"状态为“{status.label}”的申报不能填报执行情况：绩效目标批复后才能开展运行监控"
            "（调整中的申报须重新批复后再填报）"
        )
        self.status = status


class InvalidActualsError(WorkflowError):
    """The actuals do not fit the declaration (unknown item, wrong year, month out of range)."""


class InvalidSettingsError(WorkflowError):
    """Scoring or monitoring settings that :mod:`jixiao.scoring` / :mod:`jixiao.monitoring`
    refuse (the message is theirs)."""


class StaleActualsError(StaleVersionError):
    """The actuals (or settings) were saved by somebody else after the user opened them."""

    def __init__(self, what: str, expected: int, current: int, changed_by: str | None) -> None:
        who = f"已被{changed_by}修改" if changed_by else "已被他人修改"
        WorkflowError.__init__(
            self,
            f"保存被拒绝：{what}在您打开之后{who}（您看到的是第 {expected} 版，"
            f"当前为第 {current} 版）。您填写的内容仍保留在页面上；请在新窗口中打开最新内容核对后再保存，"
            "您的修改不会覆盖他人的修改。",
        )
        self.expected = expected
        self.current = current
