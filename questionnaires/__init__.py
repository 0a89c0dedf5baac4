"""Reflet's instruments: the questionnaires as data, their schema and loader."""

from .loader import ROLES, QuestionnaireError, load, load_file, load_sources
from .schema import NOT_APPLICABLE, Questionnaire
from .sources import Registry

__all__ = [
    "NOT_APPLICABLE",
    "ROLES",
    "Questionnaire",
    "QuestionnaireError",
    "Registry",
    "load",
    "load_file",
    "load_sources",
]
