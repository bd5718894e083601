"""Typed refusals of the declaration services, each with the HTTP status it maps to.

All derive from :class:`web.workflow.WorkflowError` (itself a
:class:`jixiao.errors.JixiaoError`), so one handler can turn any of them into a response;
``str(error)`` is a Chinese message that can be shown to the user as it is.
"""

from __future__ import annotations

from web.workflow import WorkflowError


class NotVisibleError(WorkflowError):
    """The user may not see the declaration at all (answered like a missing page)."""

    http_status = 404

    def __init__(self) -> None:
        super().__init__("申报不存在或无权查看")


class ActionNotPermittedError(WorkflowError):
    """The user may not do this (``what`` names it: ``批复此申报``, ``为该单位新建申报``)."""

    http_status = 403

    def __init__(self, what: str) -> None:
        super().__init__(f"您无权{what}")


class StaleVersionError(WorkflowError):
    """The change was made from an out-of-date copy: somebody saved in between."""

    http_status = 409

    def __init__(self, expected: int, current: int, changed_by: str | None) -> None:
        who = f"已被{changed_by}修改" if changed_by else "已被他人修改"
        super().__init__(
            f"保存被拒绝：此申报在您打开之后{who}（您看到的是第 {expected} 版，"
            f"当前为第 {current} 版）。请刷新页面查看最新内容后再操作，您的修改不会覆盖他人的修改。"
        )
        self.expected = expected
        self.current = current


class CommentRequiredError(WorkflowError):
    """A declaration is returned without saying what to fix."""

    def __init__(self) -> None:
        super().__init__("退回申报时请至少填写一条审核意见")


class InvalidDeclarationError(WorkflowError):
    """A declaration cannot be created as asked (no fiscal year, not a department …)."""
