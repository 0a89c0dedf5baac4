"""Properties of scoring, checked with hypothesis on mini and on both real roles.

* score_many() equals score() row by row (missing answers and "na" included);
* bounds hold; composites are means of subscale scores;
* a more developmental answer never lowers D nor raises P (and so on);
* extreme answer sets give the extreme profiles;
* the order of answers does not matter;
* random invalid answers are all named by one AnswersError.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from questionnaires import ROLES, Questionnaire, load, load_file
from questionnaires.loader import HERE
from questionnaires.schema import ChoiceItem, NumberItem, ScaleItem, SituationItem
from scoring import AnswersError, score, score_many

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


def _questionnaires():
    params = [pytest.param(load_file(MINI), id="mini")]
    for role in ROLES:
        if (HERE / f"{role}.yaml").exists():
            params.append(pytest.param(load(role), id=role))
        else:
            params.append(pytest.param(None, id=role, marks=pytest.mark.skip(reason=f"{role}.yaml not written yet")))
    return params


QUESTIONNAIRES = _questionnaires()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
parametrize_q = pytest.mark.parametrize("q", QUESTIONNAIRES)


# --- strategies ---------------------------------------------------------------


def _points(q: Questionnaire, item: ScaleItem) -> int:
    return q.scales[item.scale].points


def value_strategy(q: Questionnaire, item) -> st.SearchStrategy:
    if isinstance(item, ScaleItem):
        return st.sampled_from([*range(1, _points(q, item) + 1), "na"])
    if isinstance(item, NumberItem):
        steps = round((item.max - item.min) / item.step)
        whole = float(item.min).is_integer() and float(item.step).is_integer()

        def at(k: int):
            v = round(item.min + k * item.step, 10)
            return int(v) if whole else v

        numbers = st.integers(0, steps).map(at)
        return st.one_of(numbers, st.just("na")) if item.not_applicable else numbers
    options = [o.id for o in item.options]
    if isinstance(item, ChoiceItem) and item.not_applicable:
        options.append("na")
    return st.sampled_from(options)


@st.composite
def answer_sets(draw, q: Questionnaire, mode: str | None = None):
    mode = mode or draw(st.sampled_from(["full", "dense", "sparse", "narrow"]))
    base = draw(st.integers(1, 5))  # "narrow": every scale answer is base or base + 1
    answers = {}
    for item in q.items:
        if mode == "sparse" and draw(st.booleans()):
            continue
        if mode == "narrow" and isinstance(item, ScaleItem):
            answers[item.id] = draw(st.sampled_from([base, base + 1]))  # straight-lining, or nearly
            continue
        if mode == "dense" and draw(st.integers(0, 9)) == 0:
            answers[item.id] = None
            continue
        answers[item.id] = draw(value_strategy(q, item))
    return answers


# --- comparing a scored row with a Profile -------------------------------------


def _same(a, b) -> bool:
    """Exact equality, with None on one side matching NaN on the other."""
    if b is None or (isinstance(b, float) and math.isnan(b)):
        return a is None or (isinstance(a, float) and math.isnan(a))
    return a == b


def _cell(row: pd.Series, col: str):
    v = row[col]
    if v is pd.NA or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v.item() if isinstance(v, np.generic) else v


def assert_row_matches(q: Questionnaire, row: pd.Series, p) -> None:
    for sid, s in p.subscales.items():
        assert _same(s.score, _cell(row, f"sub.{sid}")), sid
        assert _same(s.mean, _cell(row, f"sub.{sid}.mean")), sid
        assert s.answered == _cell(row, f"sub.{sid}.n"), sid
        assert _same(s.level, _cell(row, f"sub.{sid}.level")), sid
    for c in q.composite_codes:
        assert _same(p.composites[c], _cell(row, c)), c  # exact: same arithmetic
    assert _same(p.orientation, _cell(row, "orientation"))
    for index_id, value in p.indices.items():
        assert _same(value, _cell(row, f"idx.{index_id}")), index_id
    assert _same(p.response_style, _cell(row, "style"))
    assert _same(p.profile, _cell(row, "profile"))
    for note in q.notes:
        assert _same(p.notes.get(note.id), _cell(row, f"note.{note.id}")), note.id
    if q.situation_leanings:
        assert _same(p.leaning, _cell(row, "leaning"))
    for bid, b in p.benchmarks.items():
        assert b.status == _cell(row, f"bm.{bid}"), bid
        value = _cell(row, f"bm.{bid}.value")
        assert _same(None if b.value is None else b.value, value), (bid, b.value, value)
        assert _same(b.band, _cell(row, f"bm.{bid}.band")), bid
    assert p.intentions == bool(row["intentions"])
    for item in q.items:
        if isinstance(item, SituationItem):
            assert _same(p.situations.get(item.id), _cell(row, f"sit.{item.id}"))


# --- score_many == score --------------------------------------------------------


@parametrize_q
@SETTINGS
@given(data=st.data())
def test_score_many_equals_score_row_by_row(q, data):
    sets = data.draw(st.lists(answer_sets(q), min_size=1, max_size=8), label="answer sets")
    form = data.draw(st.sampled_from(["records", "object", "shuffled"]), label="frame form")
    frame = pd.DataFrame.from_records(sets)
    if form == "object":
        frame = frame.astype(object)
    elif form == "shuffled":
        cols = list(frame.columns)
        random.Random(len(cols)).shuffle(cols)
        frame = frame[cols]
    frame.index = pd.Index([f"r{k}" for k in range(len(sets))])
    scored = score_many(q, frame)
    assert list(scored.index) == list(frame.index)
    for label, answers in zip(frame.index, sets):
        assert_row_matches(q, scored.loc[label], score(q, answers))


@parametrize_q
def test_score_many_of_nothing(q):
    scored = score_many(q, pd.DataFrame(index=pd.RangeIndex(0)))
    assert len(scored) == 0 and "D" in scored.columns
    one = score_many(q, pd.DataFrame(index=["x"]))
    assert_row_matches(q, one.loc["x"], score(q, {}))


# --- bounds -------------------------------------------------------------------


@parametrize_q
@SETTINGS
@given(data=st.data())
def test_bounds(q, data):
    p = score(q, data.draw(answer_sets(q)))
    for s in p.subscales.values():
        assert 0 <= s.answered <= s.total
        if s.scored:
            points = _points(q, q.subscale_items(s.id)[0])
            assert 1 <= s.mean <= points
            assert 0 <= s.score <= 100
            assert s.level in ("low", "mid", "high")
    for c, v in p.composites.items():
        scores = [s.score for s in p.subscales.values() if s.composite == c and s.scored]
        if v is None:
            assert scores == []
        else:
            assert 0 <= v <= 100
            assert min(scores) <= v <= max(scores)
    if p.orientation is not None:
        assert -100 <= p.orientation <= 100
    scores = {**{k: r.score for k, r in p.subscales.items()}, **p.composites}
    needed = {c.of for r in q.profiles.rules for c in r.when if c.of in scores} | set(p.composites)
    unscored = any(v is None for v in p.indices.values()) or any(scores[n] is None for n in needed)
    assert (p.profile is None) == (unscored or p.response_style is not None)
    assert p.profile is None or p.profile in {r.id for r in q.profiles.rules}


# --- monotonicity -----------------------------------------------------------------


def _composite_of(q: Questionnaire, item: ScaleItem) -> str:
    return q.subscale(item.subscale).composite


@parametrize_q
@SETTINGS
@given(data=st.data())
def test_a_higher_answer_moves_only_its_own_composite_up(q, data):
    answers = data.draw(answer_sets(q, mode=data.draw(st.sampled_from(["full", "dense"]))))
    candidates = [
        i for i in q.scale_items if isinstance(answers.get(i.id), int) and answers[i.id] < _points(q, i)
    ]
    assume(candidates)
    item = data.draw(st.sampled_from(candidates), label="item")
    higher = dict(answers, **{item.id: answers[item.id] + 1})
    before, after = score(q, answers), score(q, higher)
    own = _composite_of(q, item)
    for c in ("D", "P", "S"):
        b, a = before.composites[c], after.composites[c]
        assert (b is None) == (a is None)  # answered counts did not change
        if b is None:
            continue
        if c == own:
            assert a >= b
        else:
            assert a == b
    if before.orientation is not None:
        if own == "D":
            assert after.orientation >= before.orientation
        elif own == "P":
            assert after.orientation <= before.orientation
        else:
            assert after.orientation == before.orientation


@parametrize_q
@SETTINGS
@given(data=st.data())
def test_a_more_developmental_answer_never_lowers_d_nor_raises_p(q, data):
    """Raise a D item or lower a P item: D does not fall, P does not rise."""
    answers = data.draw(answer_sets(q, mode="full"))
    moves = [
        (i, +1) for i in q.scale_items
        if _composite_of(q, i) == "D" and isinstance(answers[i.id], int) and answers[i.id] < _points(q, i)
    ] + [
        (i, -1) for i in q.scale_items
        if _composite_of(q, i) == "P" and isinstance(answers[i.id], int) and answers[i.id] > 1
    ]
    assume(moves)
    item, step = data.draw(st.sampled_from(moves), label="move")
    moved = dict(answers, **{item.id: answers[item.id] + step})
    before, after = score(q, answers), score(q, moved)
    if before.composites["D"] is not None:
        assert after.composites["D"] >= before.composites["D"]
    if before.composites["P"] is not None:
        assert after.composites["P"] <= before.composites["P"]


# --- extremes ---------------------------------------------------------------------


def _extreme(q: Questionnaire, d_high: bool, p_high: bool, s_high: bool, b_high: bool = True) -> dict:
    want = {"D": d_high, "P": p_high, "S": s_high, "B": b_high}
    return {
        i.id: (_points(q, i) if want[_composite_of(q, i)] else 1) for i in q.scale_items
    }


def _rule(q: Questionnaire, rule_id: str):
    return next(r for r in q.profiles.rules if r.id == rule_id)


@parametrize_q
def test_all_most_developmental_answers_give_a_recommended_profile(q):
    p = score(q, _extreme(q, d_high=True, p_high=False, s_high=True))
    assert {c: p.composites[c] for c in ("D", "P", "S")} == {"D": 100.0, "P": 0.0, "S": 100.0}
    assert p.orientation == 100.0
    assert _rule(q, p.profile).recommended


@parametrize_q
@pytest.mark.parametrize("s_high", [True, False])
def test_all_most_prescriptive_answers_give_the_prescriptive_profile(q, s_high):
    p = score(q, _extreme(q, d_high=False, p_high=True, s_high=s_high))
    assert p.composites["D"] == 0.0 and p.composites["P"] == 100.0
    assert p.orientation == -100.0
    rule = _rule(q, p.profile)
    assert not rule.recommended
    assert p.profile in {"prescriptif", "prescriptive"}  # the real instruments' id, the fixture's


# --- order independence -------------------------------------------------------------


@parametrize_q
@SETTINGS
@given(data=st.data())
def test_answer_order_does_not_matter(q, data):
    answers = data.draw(answer_sets(q))
    keys = data.draw(st.permutations(list(answers)), label="order")
    assert score(q, {k: answers[k] for k in keys}) == score(q, answers)


# --- invalid answers ------------------------------------------------------------------


def bad_value_strategy(q: Questionnaire, item) -> st.SearchStrategy:
    junk = st.sampled_from([True, False, "3", "n/a", "", [1], 2.5, math.nan])
    if isinstance(item, ScaleItem):
        p = _points(q, item)
        return st.one_of(junk, st.sampled_from([0, p + 1, -1, 100]))
    if isinstance(item, NumberItem):
        return st.one_of(
            junk.filter(lambda v: not isinstance(v, float) or math.isnan(v) or v % item.step),
            st.sampled_from([item.min - item.step, item.max + item.step, math.inf, -math.inf]),
        )
    return st.one_of(junk, st.just("nope"), st.just("na") if isinstance(item, SituationItem) or not item.not_applicable else st.just("NA"))


@parametrize_q
@SETTINGS
@given(data=st.data())
def test_every_bad_item_is_named(q, data):
    answers = data.draw(answer_sets(q, mode="dense"))
    bad_items = data.draw(
        st.lists(st.sampled_from(q.items), min_size=1, max_size=6, unique_by=lambda i: i.id), label="bad"
    )
    for item in bad_items:
        answers[item.id] = data.draw(bad_value_strategy(q, item), label=item.id)
    answers["no_such_item"] = 1
    with pytest.raises(AnswersError) as info:
        score(q, answers)
    expected = {i.id for i in bad_items} | {"no_such_item"}
    assert set(info.value.problems) == expected

    frame = pd.DataFrame([answers, answers]).astype(object)
    with pytest.raises(AnswersError) as info_many:
        score_many(q, frame)
    # NaN in a frame means "missing", so a NaN answer is not an error there.
    nan_items = {k for k, v in answers.items() if isinstance(v, float) and math.isnan(v)}
    assert set(info_many.value.problems) == expected - nan_items
