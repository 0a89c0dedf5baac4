"""Scoring: answers -> profile, many answers -> scores, scores -> group figures.

Pure functions, no Streamlit. Thresholds, cut-offs and bands come from the
questionnaire YAML (through ``questionnaires.Questionnaire``), never from code.

* ``score(questionnaire, answers) -> Profile`` — one person (``scoring.single``).
* ``score_many(questionnaire, frame) -> DataFrame`` — the same rules, vectorised
  (``scoring.frame`` documents the columns).
* ``group_summary(questionnaire, scored, answers) -> GroupSummary`` — workshop
  figures, with Cronbach's alpha and McDonald's omega (``scoring.group``,
  ``scoring.reliability``).
* ``compare_profiles`` / ``compare_groups`` — before and after (``scoring.compare``).
* ``feedback_text(questionnaire, key) -> Cited`` — what a feedback key says
  (``scoring.feedback`` documents the key grammar).
* ``AnswersError`` — invalid answers; ``.problems`` maps every bad item to why.
"""

from .compare import (
    GroupComparison,
    InstrumentChanges,
    ProfileComparison,
    compare_groups,
    compare_profiles,
    instrument_changes,
)
from .errors import AnswersError
from .feedback import all_feedback, feedback_text, feedback_texts, parse_key
from .frame import score_many, scored_columns
from .group import GroupSummary, Reliability, group_summary
from .model import BenchmarkResult, Profile, SubscaleResult
from .reliability import cronbach_alpha, mcdonald_omega
from .single import score, validate_answers

__all__ = [
    "AnswersError",
    "BenchmarkResult",
    "GroupComparison",
    "GroupSummary",
    "InstrumentChanges",
    "Profile",
    "ProfileComparison",
    "Reliability",
    "SubscaleResult",
    "all_feedback",
    "compare_groups",
    "compare_profiles",
    "cronbach_alpha",
    "feedback_text",
    "feedback_texts",
    "group_summary",
    "instrument_changes",
    "mcdonald_omega",
    "parse_key",
    "score",
    "score_many",
    "scored_columns",
    "validate_answers",
]
