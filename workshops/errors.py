"""Exceptions of the workshop service.

Messages are short English developer messages; the UI translates exception types.
"""


class WorkshopError(Exception):
    """Base of every error raised by the workshop service."""


class UnknownWorkshop(WorkshopError):
    """No workshop has this join code (never existed, deleted or expired)."""


class WorkshopClosed(WorkshopError):
    """The workshop exists but no longer accepts answers."""


class AccessDenied(WorkshopError):
    """Unknown code or wrong trainer key: deliberately indistinguishable."""


class StorageUnavailable(WorkshopError):
    """The database cannot be reached or is too busy; the caller keeps its data."""


class InvalidInput(WorkshopError, ValueError):
    """A value given to the service is not acceptable; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class InvalidSettings(InvalidInput):
    """Bad workshop settings (title, role, language, threshold, retention, link)."""


class InvalidAnswers(InvalidInput):
    """Bad submission (id, questionnaire version or answers)."""


class RoleMismatch(InvalidAnswers):
    """The submission's role is not the workshop's role."""
