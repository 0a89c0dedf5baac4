"""The trainer's dashboard as data: from stored answers to the group's figures.

Below the workshop's anonymity threshold nothing but the count leaves this
module: no summary, no scores, no export rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from questionnaires import Questionnaire
from scoring import (
    AnswersError,
    GroupComparison,
    GroupSummary,
    compare_groups,
    group_summary,
    score_many,
    validate_answers,
)


CHART_BATCH = 3  # the projected count and charts take new answers three at a time


def charted_count(n: int, threshold: int, batch: int = CHART_BATCH) -> int:
    """How many answers the projected charts show: all of them once the threshold is
    reached, then a new batch every ``batch`` answers, so that a chart never changes right
    after one person sends (the room could tell whose answers moved it)."""
    if n < threshold:
        return 0
    return n - (n - threshold) % batch


@dataclass(frozen=True, eq=False)
class GroupView:
    n: int
    threshold: int
    summary: GroupSummary | None  # None below the threshold
    scored: pd.DataFrame | None
    answers: pd.DataFrame | None
    comparison: GroupComparison | None  # with the linked workshop, when both are visible
    earlier_n: int | None = None
    skipped: int = 0  # stored rows the questionnaire refuses (left out, counted)
    charted: int = 0  # the answers the charts show (``charted_count``); exports hold them all

    @property
    def shown_count(self) -> int:
        """The count on the projector: it moves in batches too (below the threshold, in
        multiples of the batch), so the room cannot time one person's answers."""
        return self.charted if self.visible else self.n - self.n % CHART_BATCH

    @property
    def charted_scores(self) -> pd.DataFrame | None:
        return None if self.scored is None else self.scored.iloc[: self.charted]

    @property
    def visible(self) -> bool:
        return self.summary is not None


def _known_items(q: Questionnaire, answers: pd.DataFrame) -> pd.DataFrame:
    """Answers restricted to the questionnaire's items (columns in its order)."""
    return answers.reindex(columns=[i.id for i in q.items])


def _scorable(q: Questionnaire, answers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(answers, scores, rows left out): a stored row the questionnaire refuses never
    breaks the dashboard; it is left out and counted. The common case scores once."""
    answers = _known_items(q, answers)
    try:
        return answers, score_many(q, answers), 0
    except AnswersError:
        pass
    good = []
    for label, row in answers.iterrows():
        given = {k: v for k, v in row.items() if v is not None and not (isinstance(v, float) and np.isnan(v))}
        try:
            validate_answers(q, given)
        except AnswersError:
            continue
        good.append(label)
    kept = answers.loc[good]
    return kept, score_many(q, kept), len(answers) - len(kept)


def build(
    q: Questionnaire,
    answers: pd.DataFrame,
    threshold: int,
    earlier: pd.DataFrame | None = None,
    *,
    summarize: Callable[[pd.DataFrame, pd.DataFrame, bool], GroupSummary] | None = None,
) -> GroupView:
    """The group's view. ``summarize(scored, answers, earlier)`` stands in for
    ``group_summary`` on the charted rows (``earlier`` says which workshop): the trainer's
    page caches it, since those rows move only a batch at a time while the rest of the
    view follows every answer."""
    summarize = summarize or (lambda scored, rows, _earlier: group_summary(q, scored, rows))
    answers, scored, skipped = _scorable(q, answers)
    n = len(answers)
    if n < threshold:
        return GroupView(n=n, threshold=threshold, summary=None, scored=None, answers=None, comparison=None,
                         skipped=skipped)
    charted = charted_count(n, threshold)
    summary = summarize(scored.iloc[:charted], answers.iloc[:charted], False)
    comparison, earlier_n = None, None
    if earlier is not None:
        earlier_answers, earlier_scored, _ = _scorable(q, earlier)
        earlier_n = len(earlier_answers)
        if earlier_n >= threshold:
            comparison = compare_groups(summarize(earlier_scored, earlier_answers, True), summary)
    return GroupView(n, threshold, summary, scored, answers, comparison, earlier_n, skipped, charted)


def export_frame(view: GroupView) -> pd.DataFrame:
    """Anonymous rows for CSV/XLSX: a row number, the answers, then the scores.

    Submission ids are dropped and the rows are shuffled (from the system's entropy), so a
    row can be traced neither to a browser session nor to the order people finished in.
    """
    if not view.visible:
        return pd.DataFrame()
    frame = pd.concat([view.answers, view.scored], axis=1)
    frame = frame.iloc[np.random.default_rng().permutation(len(frame))]
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="respondent")
    return frame
