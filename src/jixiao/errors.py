"""Typed errors for misuse and unreadable input.

Bad *content* inside a readable table never raises: it becomes an import issue or a review
finding. These exceptions are for files that cannot be read at all, or are not
performance-target tables. :func:`exit_code` maps them to the CLI exit status in one place.
"""

from __future__ import annotations


class JixiaoError(Exception):
    """Base class of every error jixiao raises on purpose.

    ``path`` names the file concerned (or ``None``); ``str(error)`` is a one-line message
    in Chinese that names the file, suitable for showing to a user as it is.
    """

    exit_status = 2

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.path}: {message}" if self.path else message


class UnreadableFileError(JixiaoError):
    """The file is missing, empty, binary or in an encoding that is neither UTF-8 nor GB18030."""


class NotATargetTableError(JixiaoError):
    """The file is readable text but no importer recognises a performance-target table in it."""


class UsageError(JixiaoError):
    """A bad option or argument given by the caller."""


def exit_code(error: BaseException) -> int:
    """Exit status for ``error``: 2 for a :class:`JixiaoError` (input not readable), else 3."""
    return error.exit_status if isinstance(error, JixiaoError) else 3
