"""score_many(): the frame's shapes and dtypes, its output contract, its errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from questionnaires import load_file
from scoring import AnswersError, score, score_many, scored_columns
from scoring.synthetic import random_answers

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
REL = ["rel_1", "rel_2", "rel_3", "rel_4"]


@pytest.fixture(scope="module")
def q():
    return load_file(MINI)


def test_output_columns_contract(q):
    cols = scored_columns(q)
    for sid in ("relation", "goals", "planning"):
        assert {f"sub.{sid}", f"sub.{sid}.n", f"sub.{sid}.level", f"sub.{sid}.mean"} <= set(cols)
    for bid in ("weekly", "duration", "format", "vision"):
        assert {f"bm.{bid}", f"bm.{bid}.value", f"bm.{bid}.band"} <= set(cols)
    assert {"D", "P", "S", "orientation", "profile", "intentions", "sit.sit_1"} <= set(cols)


def test_dtypes(q):
    frame = pd.DataFrame({"rel_1": [6, 1], "months": [10, None], "format": ["group", None]})
    out = score_many(q, frame)
    assert out["sub.relation"].dtype == np.float64
    assert out["sub.relation.n"].dtype == np.int64
    assert out["D"].dtype == np.float64 and out["orientation"].dtype == np.float64
    assert out["intentions"].dtype == bool
    assert list(out["bm.duration"].cat.categories) == ["met", "partly_met", "not_met", "not_answered"]
    assert list(out["profile"].cat.categories) == ["dev_structured", "prescriptive", "other"]
    assert out["bm.duration.value"].tolist()[0] == 10.0 and np.isnan(out["bm.duration.value"].tolist()[1])
    assert out["bm.format.value"].tolist()[0] == "group"
    assert out["bm.duration"].tolist() == ["met", "not_answered"]


def test_index_is_kept(q):
    frame = pd.DataFrame({"rel_1": [6, 1, 3]}, index=pd.Index(["b", "a", "c"], name="who"))
    out = score_many(q, frame)
    assert list(out.index) == ["b", "a", "c"] and out.index.name == "who"
    assert out["sub.relation.n"].tolist() == [1, 1, 1]


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([6, 5, 4, 3], dtype="int64"),
        pd.Series([6, 5, 4, 3], dtype="Int64"),
        pd.Series([6.0, 5.0, 4.0, 3.0]),
        pd.Series([6, 5, 4, 3], dtype=object),
        pd.Series([np.int64(6), 5.0, np.int8(4), 3], dtype=object),
        pd.Series([6, 5, 4, 3], dtype="category"),
    ],
    ids=["int64", "Int64", "float", "object", "mixed-numpy", "category"],
)
def test_numeric_column_forms(q, column):
    frame = pd.DataFrame({"rel_1": column, "rel_2": 6, "rel_3": 6, "rel_4": 6})
    out = score_many(q, frame)
    assert out["sub.relation"].tolist() == pytest.approx([100.0, 95.0, 90.0, 85.0])


def test_missing_forms_in_a_scale_column(q):
    col = pd.Series([None, np.nan, pd.NA, "na", 6], dtype=object)
    frame = pd.DataFrame({"rel_1": col, "rel_2": 6, "rel_3": 6, "rel_4": 6})
    out = score_many(q, frame)
    assert out["sub.relation.n"].tolist() == [3, 3, 3, 3, 4]
    assert out["sub.relation"].tolist() == [100.0] * 5
    nullable = pd.DataFrame({"rel_1": pd.Series([pd.NA, 2], dtype="Int64")})
    assert score_many(q, nullable)["sub.relation.n"].tolist() == [0, 1]


def test_string_dtype_choice_column(q):
    frame = pd.DataFrame({"format": pd.Series(["individual", None, "group"], dtype="str")})
    assert score_many(q, frame)["bm.format"].tolist() == ["met", "not_answered", "partly_met"]


def test_missing_columns_are_unanswered(q):
    out = score_many(q, pd.DataFrame({"rel_1": [5]}))
    assert out.loc[0, "bm.weekly"] == "not_answered"
    assert out.loc[0, "intentions"] == False  # noqa: E712  (numpy bool)
    assert pd.isna(out.loc[0, "sit.sit_1"])


def test_bad_columns_all_named_with_an_example_row(q):
    frame = pd.DataFrame(
        {
            "rel_1": [1, 7, 7],
            "rel_2": [True, False, True],  # a bool column
            "rel_3": [2.5, 3, 3],
            "rel_4": ["3", 4, 4],
            "goal_1": [1, True, 2],  # a bool hidden among ints
            "goal_2": [[1], 2, 3],  # unhashable
            "months": [-1, 3, np.inf],
            "format": ["na", None, "solo"],
            "sit_1": ["a", "b", "na"],
            "bogus": [1, 2, 3],
            "plan_1": [1, 2, 3],  # fine
        },
        index=["x", "y", "z"],
    )
    with pytest.raises(AnswersError) as info:
        score_many(q, frame)
    problems = info.value.problems
    assert set(problems) == {"rel_1", "rel_2", "rel_3", "rel_4", "goal_1", "goal_2", "months", "format", "sit_1", "bogus"}
    assert problems["rel_1"].startswith("2 invalid values, e.g. row 'y'")
    assert "off the scale" in problems["rel_1"]
    assert "row 'y'" in problems["goal_1"] and "True" in problems["goal_1"]
    assert "'3'" in problems["rel_4"]
    assert problems["bogus"] == "unknown item"
    assert "2 invalid values" in problems["months"]


def test_whole_floats_are_scale_points_in_a_frame_but_not_halves(q):
    assert score_many(q, pd.DataFrame({"rel_1": [3.0]}))["sub.relation.n"].tolist() == [1]
    with pytest.raises(AnswersError):
        score_many(q, pd.DataFrame({"rel_1": [3.5]}))


def test_duplicate_columns_refused(q):
    frame = pd.DataFrame([[1, 2]], columns=["rel_1", "rel_1"])
    with pytest.raises(AnswersError) as info:
        score_many(q, frame)
    assert "2 times" in info.value.problems["rel_1"]


def test_not_a_frame(q):
    with pytest.raises(TypeError):
        score_many(q, [{"rel_1": 3}])


def test_random_frame_matches_score_on_a_sample(q):
    frame = random_answers(q, 500, seed=3)
    out = score_many(q, frame)
    for label in frame.index[::50]:
        answers = {k: v for k, v in frame.loc[label].items() if v is not None}
        p = score(q, answers)
        row = out.loc[label]
        assert row["profile"] == p.profile or (pd.isna(row["profile"]) and p.profile is None)
        for c in ("D", "P", "S"):
            assert (np.isnan(row[c]) and p.composites[c] is None) or row[c] == p.composites[c]


def test_synthetic_answers_are_valid_and_shaped(q):
    frame = random_answers(q, 200, seed=1, missing=0.1, not_applicable=0.1)
    assert len(frame) == 200 and set(frame.columns) == {i.id for i in q.items}
    assert (frame["rel_1"] == "na").any() and frame["rel_1"].isna().any()
    score_many(q, frame)  # raises if any synthetic answer were invalid


def _scoring_lines_run(func, *args) -> int:
    """How many lines of scoring/ code run during func(*args) (other code untraced).

    scoring/reliability.py is left out: its loops run over a fixed number of
    bootstrap resamples and over a factor fit's iterations, which depend on how
    the answers converge, not on how many rows there are.
    """
    import sys

    root = str(Path(__file__).resolve().parent.parent / "scoring")
    fits = str(Path(root) / "reliability.py")
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(root) or frame.f_code.co_filename == fits:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        func(*args)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("role", ["mini", "mentor", "enseignant_ressource"])
def test_no_python_loop_over_respondents(q, role):
    """The lines of scoring code that run do not grow with the number of rows."""
    from questionnaires import load

    questionnaire = q if role == "mini" else load(role)
    base = random_answers(questionnaire, 20, seed=9)
    big = pd.concat([base] * 100, ignore_index=True)  # same distinct values, 100x the rows
    score_many(questionnaire, base)  # compile the plan outside the count
    small_lines = _scoring_lines_run(score_many, questionnaire, base)
    big_lines = _scoring_lines_run(score_many, questionnaire, big)
    assert big_lines == small_lines
    # group_summary: both sizes above the reliability minimum, so the same steps run;
    # a loop over rows would add thousands of lines.
    from scoring import group_summary

    medium = pd.concat([base] * 5, ignore_index=True)
    huge = pd.concat([base] * 200, ignore_index=True)
    group_summary(questionnaire, None, medium)
    medium_lines = _scoring_lines_run(group_summary, questionnaire, None, medium)
    huge_lines = _scoring_lines_run(group_summary, questionnaire, None, huge)
    assert abs(huge_lines - medium_lines) < 200, (medium_lines, huge_lines)
