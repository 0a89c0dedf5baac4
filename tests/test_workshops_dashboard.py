"""The dashboard's data: nothing but the count below the threshold, anonymous exports,
and the comparison with a linked workshop only when both groups are large enough."""

import pandas as pd
import pytest

import questionnaires
from scoring import group_summary
from scoring.synthetic import random_answers
from workshops import dashboard


@pytest.fixture(scope="module")
def q():
    return questionnaires.load("mentor")


def test_below_the_threshold_only_the_count_exists(q):
    view = dashboard.build(q, random_answers(q, 4, seed=1), threshold=5)
    assert view.n == 4 and not view.visible
    assert view.summary is None and view.scored is None and view.answers is None
    assert dashboard.export_frame(view).empty


def test_at_the_threshold_the_group_is_summarised(q):
    view = dashboard.build(q, random_answers(q, 5, seed=1), threshold=5)
    assert view.visible and view.summary.n == 5
    assert len(view.scored) == 5


def test_export_rows_are_numbered_not_traceable(q):
    answers = random_answers(q, 6, seed=2)
    answers.index = [f"{n:032x}" for n in range(6)]  # submission ids
    rows = dashboard.export_frame(dashboard.build(q, answers, threshold=3))
    assert list(rows.index) == [1, 2, 3, 4, 5, 6]
    assert not any(str(i) in rows.to_csv() for i in answers.index)
    assert {"D", "P", "S", "orientation", "profile"} <= set(rows.columns)
    assert [i.id for i in q.items][:3] == list(rows.columns[:3])


def test_exported_rows_do_not_keep_the_order_people_finished_in(q):
    answers = random_answers(q, 40, seed=6, missing=0.0, not_applicable=0.0)
    view = dashboard.build(q, answers, threshold=3)
    finished = view.scored["orientation"].round(9).tolist()
    assert len(set(finished)) > 20  # most rows tell apart by their orientation
    orders = [dashboard.export_frame(view)["orientation"].round(9).tolist() for _ in range(2)]
    for order in orders:
        assert sorted(order) == sorted(finished)  # the same rows
        assert order != finished  # 1 chance in 40! of failing by luck
    assert orders[0] != orders[1]  # shuffled anew each time


def test_unknown_columns_from_storage_are_ignored(q):
    answers = random_answers(q, 5, seed=3)
    answers["not_an_item"] = "x"
    view = dashboard.build(q, answers, threshold=5)
    assert "not_an_item" not in view.answers.columns


def test_comparison_needs_both_groups_over_the_threshold(q):
    now = random_answers(q, 6, seed=4)
    small = dashboard.build(q, now, threshold=5, earlier=random_answers(q, 4, seed=5))
    assert small.comparison is None and small.earlier_n == 4
    both = dashboard.build(q, now, threshold=5, earlier=random_answers(q, 7, seed=6))
    assert both.comparison is not None and both.earlier_n == 7
    assert isinstance(both.comparison.subscales, pd.DataFrame)


def test_a_stored_row_the_questionnaire_refuses_is_left_out_and_counted(q):
    answers = random_answers(q, 6, seed=7, missing=0.0, not_applicable=0.0)
    answers.loc[answers.index[2], "pr_training"] = 1.7  # issue 9's typo, stored before the check
    answers.loc[answers.index[4], "b_rel_1"] = "beaucoup"
    view = dashboard.build(q, answers, threshold=3)
    assert view.visible and view.skipped == 2 and view.n == 4
    assert len(dashboard.export_frame(view)) == 4
    below = dashboard.build(q, answers, threshold=5)  # four readable rows: under the threshold
    assert not below.visible and below.n == 4 and below.skipped == 2


@pytest.mark.parametrize(("n", "charted"), [(2, 0), (3, 3), (4, 3), (5, 3), (6, 6), (8, 6), (9, 9)])
def test_charts_take_new_answers_in_batches_never_one_by_one(n, charted):
    assert dashboard.charted_count(n, threshold=3) == charted


def test_the_charts_lag_but_the_count_and_the_export_do_not(q):
    answers = random_answers(q, 5, seed=8, missing=0.0, not_applicable=0.0)
    view = dashboard.build(q, answers, threshold=3)
    assert (view.n, view.charted, view.summary.n, view.shown_count) == (5, 3, 3, 3)
    below = dashboard.build(q, answers.iloc[:2], threshold=3)
    assert (below.n, below.shown_count) == (2, 0)
    assert len(view.charted_scores) == 3 and len(dashboard.export_frame(view)) == 5


def test_the_summary_is_asked_only_for_the_charted_rows_of_each_workshop(q):
    """What the trainer's page caches per (workshop, charted count): two answers past the last
    batch ask for the same rows as none, and the earlier workshop is named as such."""
    asked = []

    def summarize(scored, rows, earlier):
        asked.append((list(rows.index), earlier))
        return group_summary(q, scored, rows)

    answers, before = random_answers(q, 10, seed=2), random_answers(q, 6, seed=3)
    for n in (8, 9, 10):  # threshold 5, batches of 3: 8 charted, then 8 again, then 11 would move
        view = dashboard.build(q, answers.iloc[:n], threshold=5, earlier=before, summarize=summarize)
        assert view.n == n  # the count and the export follow every answer
    now = [rows for rows, earlier in asked if not earlier]
    assert now == [list(answers.index[:8])] * 3
    assert [rows for rows, earlier in asked if earlier] == [list(before.index)] * 3


class Store:
    """Stored rows in order, and what the dashboard asked to read."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame, self.asked = frame, []

    def fetch(self, only):
        self.asked.append(None if only is None else list(only))
        return self.frame if only is None else self.frame.loc[[i for i in self.frame.index if i in set(only)]]


def _same(q, rows: dashboard.Scorable, expected: dashboard.Scorable) -> None:
    pd.testing.assert_frame_equal(rows.answers, expected.answers)
    pd.testing.assert_frame_equal(rows.scores(q), expected.scores(q))
    assert rows.refused == expected.refused


def test_a_new_answer_is_read_and_checked_alone_and_gives_what_a_full_read_gives(q):
    answers = random_answers(q, 12, seed=21)
    answers.loc[answers.index[4], "b_rel_1"] = 9  # a row the questionnaire refuses
    live = dashboard.LiveRows()
    store = Store(answers.iloc[:10])
    first = live.rows(q, "w1", 10, lambda: list(store.frame.index), store.fetch)
    _same(q, first, dashboard.scorable(q, answers.iloc[:10]))
    assert len(first.refused) == 1 and store.asked == [None]
    store.frame = answers
    store.asked.clear()
    later = live.rows(q, "w1", 12, lambda: list(answers.index), store.fetch)
    assert store.asked == [list(answers.index[10:])], "only the two new rows are read"
    _same(q, later, dashboard.scorable(q, answers))

    def unasked():
        raise AssertionError("the count has not moved: no need to list the ids")

    assert live.rows(q, "w1", 12, unasked, store.fetch) is later and len(store.asked) == 1


def test_rows_keep_the_stored_order_and_a_vanished_row_reads_everything_again(q):
    answers = random_answers(q, 8, seed=22)
    live = dashboard.LiveRows()
    store = Store(answers.iloc[:6])
    live.rows(q, "w1", 6, lambda: list(store.frame.index), store.fetch)
    store.frame = answers.iloc[[0, 1, 2, 6, 3, 4, 5, 7]]  # a replica's answer sorted before earlier ones
    reordered = live.rows(q, "w1", 8, lambda: list(store.frame.index), store.fetch)
    assert list(reordered.answers.index) == list(store.frame.index) == list(reordered.scores(q).index)
    store.frame = answers.iloc[2:]
    store.asked.clear()
    fewer = live.rows(q, "w1", 6, lambda: list(store.frame.index), store.fetch)
    assert store.asked == [None]
    _same(q, fewer, dashboard.scorable(q, answers.iloc[2:]))


def test_each_workshop_has_its_own_rows_and_the_oldest_make_room(q):
    live = dashboard.LiveRows(size=2)
    stores = {w: Store(random_answers(q, 6, seed=s)) for w, s in (("w1", 1), ("w2", 2), ("w3", 3))}
    for w, store in stores.items():
        rows = live.rows(q, w, 6, lambda: list(store.frame.index), store.fetch)
        assert list(rows.answers.index) == list(store.frame.index)
    for w in ("w3", "w1"):
        stores[w].asked.clear()
        live.rows(q, w, 6, lambda: list(stores[w].frame.index), stores[w].fetch)
    assert stores["w3"].asked == [] and stores["w1"].asked == [None], "w1 made room for w3"


def test_the_export_of_the_rows_read_holds_every_answer_and_nothing_below_the_threshold(q):
    answers = random_answers(q, 5, seed=23)
    rows = dashboard.scorable(q, answers)
    frame = dashboard.export_rows(q, rows, threshold=3)
    assert len(frame) == 5 and list(frame.index) == [1, 2, 3, 4, 5]
    assert not set(frame.columns).isdisjoint(answers.columns) and "profile" in frame.columns
    assert dashboard.export_rows(q, dashboard.scorable(q, answers.iloc[:2]), threshold=3).empty

