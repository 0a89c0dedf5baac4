"""Workshop storage and service (no streamlit here)."""

from workshops.db import SCHEMA_VERSION, make_engine
from workshops.errors import (
    AccessDenied,
    InvalidAnswers,
    InvalidInput,
    InvalidSettings,
    RoleMismatch,
    StorageUnavailable,
    UnknownWorkshop,
    WorkshopClosed,
    WorkshopError,
)
from workshops.service import Workshop, WorkshopService

__all__ = [
    "SCHEMA_VERSION",
    "AccessDenied",
    "InvalidAnswers",
    "InvalidInput",
    "InvalidSettings",
    "RoleMismatch",
    "StorageUnavailable",
    "UnknownWorkshop",
    "Workshop",
    "WorkshopClosed",
    "WorkshopError",
    "WorkshopService",
    "make_engine",
]
