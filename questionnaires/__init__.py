"""Reflet's instruments: the questionnaires as data, their schema and loader."""

from .loader import ROLES, QuestionnaireError, known_versions, load, load_file, load_sources, load_version
from .schema import NOT_APPLICABLE, Questionnaire
from .sources import Registry

__all__ = [
    "NOT_APPLICABLE",
    "ROLES",
    "Questionnaire",
    "QuestionnaireError",
    "Registry",
    "known_versions",
    "load",
    "load_version",
    "load_file",
    "load_sources",
]
