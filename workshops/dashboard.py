"""The trainer's dashboard as data: from stored answers to the group's figures.

Below the workshop's anonymity threshold nothing but the count leaves this
module: no summary, no scores, no export rows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
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


def shown_count(n: int, threshold: int) -> int:
    """The count on the projector: it moves in batches too (below the threshold, in
    multiples of the batch), so the room cannot time one person's answers. With the
    number of rows left out, it is all a refresh may change on the trainer's screen."""
    return charted_count(n, threshold) if n >= threshold else n - n % CHART_BATCH


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
        return shown_count(self.n, self.threshold)

    @property
    def charted_scores(self) -> pd.DataFrame | None:
        return None if self.scored is None else self.scored.iloc[: self.charted]

    @property
    def visible(self) -> bool:
        return self.summary is not None


def _known_items(q: Questionnaire, answers: pd.DataFrame) -> pd.DataFrame:
    """Answers restricted to the questionnaire's items (columns in its order)."""
    return answers.reindex(columns=[i.id for i in q.items])


@dataclass(frozen=True, eq=False)
class Scorable:
    """A workshop's stored rows the questionnaire accepts (stored order, the questionnaire's
    columns), the ids of the rows it refuses (left out and counted: a bad row never breaks
    the dashboard), and their scores when already computed (``scores``)."""

    answers: pd.DataFrame
    refused: frozenset[str] = frozenset()
    scored: pd.DataFrame | None = None

    def scores(self, q: Questionnaire) -> pd.DataFrame:
        return self.scored if self.scored is not None else score_many(q, self.answers)


def _accepted(q: Questionnaire, answers: pd.DataFrame) -> list:
    """The labels of the rows the questionnaire accepts, one row at a time."""
    good = []
    for label, row in answers.iterrows():
        given = {k: v for k, v in row.items() if v is not None and not (isinstance(v, float) and np.isnan(v))}
        try:
            validate_answers(q, given)
        except AnswersError:
            continue
        good.append(label)
    return good


def scorable(q: Questionnaire, answers: pd.DataFrame) -> Scorable:
    """Sort stored rows into the scorable and the refused; the common case scores once."""
    answers = _known_items(q, answers)
    try:
        return Scorable(answers, scored=score_many(q, answers))
    except AnswersError:
        pass
    kept = answers.loc[_accepted(q, answers)]
    return Scorable(kept, frozenset(answers.index.difference(kept.index)), score_many(q, kept))


def extended(q: Questionnaire, known: Scorable | None, ids: Sequence[str],
             fetch: Callable[[Collection[str] | None], pd.DataFrame]) -> Scorable:
    """The rows ``ids`` (the workshop's submission ids, in stored order), reading and checking
    only those ``known`` lacks: stored answers never change, so a new answer costs one row,
    not the whole workshop (it is scored with the others when a view needs the scores).
    ``fetch(only)`` reads rows (all of them when ``only`` is None). A known row missing
    from ``ids`` (the workshop was emptied or erased) reads it all again."""
    wanted = set(ids)
    if known is None or not wanted.issuperset(known.answers.index) or not wanted.issuperset(known.refused):
        return scorable(q, fetch(None))
    new = [i for i in ids if i not in known.refused and i not in known.answers.index]
    if not new:
        return known
    added = _known_items(q, fetch(new))
    good = _accepted(q, added)
    answers = pd.concat([known.answers, added.loc[good]])
    order = [i for i in ids if i in answers.index]
    if list(answers.index) != order:  # a replica's answer stored before the last ones read
        answers = answers.loc[order]
    return Scorable(answers, known.refused | frozenset(added.index.difference(good)))


class LiveRows:
    """Each workshop's ``Scorable`` rows between two refreshes of its dashboard, so that the
    next refresh reads only the answers sent since (``extended``). Shared by the trainer
    screens of a server process; keyed by workshop and questionnaire version, never by
    anything a participant sends. Holds the ``size`` workshops used last."""

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._rows: OrderedDict[tuple[str, str, str], Scorable] = OrderedDict()

    def rows(self, q: Questionnaire, workshop_id: str, count: int, ids: Callable[[], Sequence[str]],
             fetch: Callable[[Collection[str] | None], pd.DataFrame]) -> Scorable:
        """The workshop's rows now that it holds ``count`` submissions; ``ids()`` lists them
        (asked only when the count moved since the last call)."""
        key = (workshop_id, q.id, q.version)
        with self._lock:
            known = self._rows.get(key)
        if known is not None and count == len(known.answers) + len(known.refused):
            rows = known
        else:
            rows = extended(q, known, ids(), fetch)
        with self._lock:
            self._rows[key] = rows
            self._rows.move_to_end(key)
            while len(self._rows) > self._size:
                self._rows.popitem(last=False)
        return rows


def build(
    q: Questionnaire,
    answers: pd.DataFrame | Scorable,
    threshold: int,
    earlier: pd.DataFrame | Scorable | None = None,
    *,
    summarize: Callable[[pd.DataFrame, pd.DataFrame, bool], GroupSummary] | None = None,
) -> GroupView:
    """The group's view, from stored rows (or rows already sorted by ``scorable``).
    ``summarize(scored, answers, earlier)`` stands in for ``group_summary`` on the charted
    rows (``earlier`` says which workshop): the trainer's page caches it, since those rows
    move only a batch at a time while the rest of the view follows every answer."""
    summarize = summarize or (lambda scored, rows, _earlier: group_summary(q, scored, rows))
    rows = answers if isinstance(answers, Scorable) else scorable(q, answers)
    answers, skipped = rows.answers, len(rows.refused)
    n = len(answers)
    if n < threshold:
        return GroupView(n=n, threshold=threshold, summary=None, scored=None, answers=None, comparison=None,
                         skipped=skipped)
    scored = rows.scores(q)
    charted = charted_count(n, threshold)
    summary = summarize(scored.iloc[:charted], answers.iloc[:charted], False)
    comparison, earlier_n = None, None
    if earlier is not None:
        before = earlier if isinstance(earlier, Scorable) else scorable(q, earlier)
        earlier_n = len(before.answers)
        if earlier_n >= threshold:
            comparison = compare_groups(summarize(before.scores(q), before.answers, True), summary)
    return GroupView(n, threshold, summary, scored, answers, comparison, earlier_n, skipped, charted)


def export_frame(view: GroupView) -> pd.DataFrame:
    """Anonymous rows for CSV/XLSX: a row number, the answers, then the scores.

    Submission ids are dropped and the rows are shuffled (from the system's entropy), so a
    row can be traced neither to a browser session nor to the order people finished in.
    """
    if not view.visible:
        return pd.DataFrame()
    return _shuffled(pd.concat([view.answers, view.scored], axis=1))


def export_rows(q: Questionnaire, rows: Scorable, threshold: int) -> pd.DataFrame:
    """``export_frame`` of every row read so far (the trainer's page keeps its view per
    batch; a file follows every answer): nothing below the threshold."""
    if len(rows.answers) < threshold:
        return pd.DataFrame()
    return _shuffled(pd.concat([rows.answers, rows.scores(q)], axis=1))


def _shuffled(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.iloc[np.random.default_rng().permutation(len(frame))]
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="respondent")
    return frame
