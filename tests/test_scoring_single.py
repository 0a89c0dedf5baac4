"""score(): one answer set to a Profile, on the mini questionnaire and variants of it.

Expected values are written out by hand from the rules, never read back from the
code under test.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from questionnaires import Questionnaire, load_file
from questionnaires.schema import Cited
from scoring import AnswersError, feedback_text, parse_key, score, score_many, validate_answers
from scoring.feedback import all_feedback

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_file(MINI)


def raw_mini() -> dict:
    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


def variant(edit) -> Questionnaire:
    raw = copy.deepcopy(raw_mini())
    edit(raw)
    return Questionnaire.model_validate(raw)


def full(**over) -> dict:
    """A complete answer set: D high, P low, S high, every practice answered."""
    answers = {
        "ctx_experience": "yes",
        "rel_1": 6, "rel_2": 5, "rel_3": 6, "rel_4": 5,
        "goal_1": 1, "goal_2": 2, "goal_3": 1, "goal_4": 2,
        "plan_1": 5, "plan_2": 5, "plan_3": 6, "plan_4": 4,
        "meetings_week": "weekly", "months": 10, "format": "individual",
        "vision_a": "yes", "vision_b": "yes", "sit_1": "a",
    }
    answers.update(over)
    return {k: v for k, v in answers.items() if v is not ...}


# --- one hand-computed profile ------------------------------------------------


def test_hand_computed_profile(q):
    p = score(q, full())
    rel = p.subscales["relation"]
    assert (rel.answered, rel.total, rel.mean) == (4, 4, 5.5)
    assert rel.score == pytest.approx(90.0)  # (5.5 - 1) / 5 * 100
    assert rel.level == "high" and rel.composite == "D" and rel.scored
    assert p.subscales["goals"].mean == 1.5 and p.subscales["goals"].score == pytest.approx(10.0)
    assert p.subscales["goals"].level == "low"
    assert p.subscales["planning"].score == pytest.approx(80.0)  # mean 5
    assert p.composites == pytest.approx({"D": 90.0, "P": 10.0, "S": 80.0})
    assert p.orientation == pytest.approx(80.0)
    assert p.profile == "dev_structured"
    assert p.profile_label == {"fr": "Développemental structuré", "en": "Structured developmental"}
    assert (p.role, p.version, p.intentions) == ("mentor", "0.0.1", False)
    assert p.situations == {"sit_1": "a"}
    statuses = {b: r.status for b, r in p.benchmarks.items()}
    assert statuses == {"weekly": "met", "duration": "met", "format": "met", "vision": "met"}
    assert p.benchmarks["weekly"].value == 1.0 and p.benchmarks["weekly"].band == "weekly"
    assert p.benchmarks["duration"].value == 10.0 and p.benchmarks["duration"].band == "year"
    assert p.benchmarks["format"].value == "individual" and p.benchmarks["format"].band == "individual"
    assert p.benchmarks["vision"].value == 2 and p.benchmarks["vision"].band == "all"
    assert p.benchmarks["duration"].sources == ("MEN-TIME-YEAR", "MEN-DUR-3M", "MEN-DUR-6M")


def test_na_counts_as_unanswered(q):
    p = score(q, full(rel_1="na", goal_4=None, plan_2=...))
    assert p.subscales["relation"].answered == 3
    assert p.subscales["relation"].mean == pytest.approx(16 / 3)  # 5, 6, 5
    assert p.subscales["goals"].answered == 3
    assert p.subscales["planning"].answered == 3


def test_not_scored_subscale_propagates_none(q):
    p = score(q, full(rel_1="na", rel_2=None, rel_3=...))  # 1 of 4 answered
    rel = p.subscales["relation"]
    assert (rel.answered, rel.mean, rel.score, rel.level, rel.scored) == (1, None, None, None, False)
    assert p.composites["D"] is None
    assert p.orientation is None
    assert p.profile is None and p.profile_label is None
    assert not any(k.startswith(("profile.", "subscale.relation.")) for k in p.feedback_keys)
    assert p.composites["P"] == pytest.approx(10.0)


def test_empty_answers_score_nothing_and_say_not_answered(q):
    p = score(q, {})
    assert all(s.score is None and s.answered == 0 for s in p.subscales.values())
    assert p.composites == {"D": None, "P": None, "S": None}
    assert {r.status for r in p.benchmarks.values()} == {"not_answered"}
    assert all(r.value is None and r.band is None for r in p.benchmarks.values())
    assert p.feedback_keys == (
        "benchmark.weekly.not_answered",
        "benchmark.duration.not_answered",
        "benchmark.format.not_answered",
        "benchmark.vision.not_answered",
    )
    assert p.intentions is False and p.situations == {}


def test_intentions_follow_the_experience_item(q):
    assert score(q, full(ctx_experience="no")).intentions is True
    assert score(q, full(ctx_experience="yes")).intentions is False
    assert score(q, full(ctx_experience=None)).intentions is False


# --- levels and profile cut-offs (mid_from 40, high_from 70; D 60, P 50, S 55) --


@pytest.mark.parametrize(
    ("points", "score_", "level"),
    [
        ((3, 3, 3, 2), 35.0, "low"),
        ((3, 3, 3, 3), 40.0, "mid"),  # exactly mid_from
        ((5, 4, 4, 4), 65.0, "mid"),
        ((5, 5, 4, 4), 70.0, "high"),  # exactly high_from
        ((1, 1, 1, 1), 0.0, "low"),
        ((6, 6, 6, 6), 100.0, "high"),
    ],
)
def test_levels_at_their_boundaries(q, points, score_, level):
    p = score(q, full(**dict(zip(("rel_1", "rel_2", "rel_3", "rel_4"), points))))
    assert p.subscales["relation"].score == pytest.approx(score_)
    assert p.subscales["relation"].level == level
    assert f"subscale.relation.{level}" in p.feedback_keys


@pytest.mark.parametrize(
    ("d", "p_", "s", "expected"),
    [
        ((4, 4, 4, 4), (3, 3, 3, 3), (6, 6, 6, 6), "dev_structured"),  # D − P = 20 exactly: at least 20
        ((4, 4, 4, 3), (3, 3, 3, 3), (6, 6, 6, 6), "other"),  # D − P = 15
        ((3, 3, 3, 3), (4, 4, 4, 4), (6, 6, 6, 6), "other"),  # D − P = −20 exactly: not below −20
        ((3, 3, 3, 2), (4, 4, 4, 4), (6, 6, 6, 6), "prescriptive"),  # D − P = −25
        ((6, 6, 6, 6), (1, 1, 1, 1), (4, 4, 4, 3), "dev_structured"),  # S = 55 exactly: at least 55
        ((6, 6, 6, 6), (1, 1, 1, 1), (4, 4, 3, 3), "other"),  # S = 50
        ((1, 1, 1, 1), (6, 6, 6, 6), (1, 1, 1, 1), "prescriptive"),
        ((1, 1, 1, 1), (6, 6, 6, 6), (6, 6, 6, 6), "prescriptive"),
    ],
)
def test_profile_rules_in_order_at_their_bounds(q, d, p_, s, expected):
    answers = full()
    answers.update(zip(("rel_1", "rel_2", "rel_3", "rel_4"), d))
    answers.update(zip(("goal_1", "goal_2", "goal_3", "goal_4"), p_))
    answers.update(zip(("plan_1", "plan_2", "plan_3", "plan_4"), s))
    prof = score(q, answers)
    assert prof.profile == expected
    assert prof.response_style is None
    assert prof.feedback_keys[0] == f"profile.{expected}"
    assert prof.indices["lead"] == pytest.approx(prof.composites["D"] - prof.composites["P"])


# --- response style -----------------------------------------------------------


@pytest.mark.parametrize("point", [1, 4, 6])
def test_the_same_answer_everywhere_claims_no_profile(q, point):
    answers = full(**{i.id: point for i in q.scale_items})
    p = score(q, answers)
    assert p.response_style == "straight_lining"
    assert p.profile is None and p.profile_label is None
    assert p.feedback_keys[0] == "style.straight_lining"
    assert not [k for k in p.feedback_keys if k.startswith("profile.")]
    assert p.composites["D"] is not None  # the scores themselves still stand


def test_spread_just_under_and_at_the_threshold(q):
    # 12 answers: eleven 4s and one 6 -> sd = sqrt(44/144) = 0.553 (>= 0.5): judged as given.
    ids = [i.id for i in q.scale_items]
    p = score(q, full(**{i: 6 if n == 0 else 4 for n, i in enumerate(ids)}))
    assert p.response_style is None and p.profile is not None
    # Six 4s and six 5s -> sd = 0.5 exactly: not below, so not flagged.
    p = score(q, full(**{i: 4 + (n % 2) for n, i in enumerate(ids)}))
    assert p.response_style is None
    # Ten 4s and two 5s -> sd = sqrt(20/144) = 0.373: flagged.
    p = score(q, full(**{i: 4 + (n < 2) for n, i in enumerate(ids)}))
    assert p.response_style == "straight_lining"


@pytest.mark.parametrize(
    ("pairs", "style"),
    [
        ({"rel_1": 5, "goal_1": 5, "rel_2": 6, "goal_2": 5}, "contradictory"),  # both pairs agreed
        ({"rel_1": 5, "goal_1": 5, "rel_2": 6, "goal_2": 4}, None),  # one pair only
        ({"rel_1": 5, "goal_1": 5, "rel_2": 6, "goal_2": "na"}, None),  # "does not apply" is no agreement
    ],
)
def test_agreeing_with_both_sides_of_every_opposite_pair_claims_no_profile(q, pairs, style):
    p = score(q, full(**pairs))
    assert p.response_style == style
    assert (p.profile is None) == (style is not None)
    if style:
        assert p.feedback_keys[0] == "style.contradictory"
        assert feedback_text(q, "style.contradictory").en == "Contradictory"
    row = score_many(q, pd.DataFrame([full(**pairs)])).iloc[0]
    assert (row["style"] if isinstance(row["style"], str) else None) == style


def test_too_few_answers_are_not_judged_for_style(q):
    answers = {"rel_1": 4, "rel_2": 4, "rel_3": 4, "goal_1": 4, "goal_2": 4, "goal_3": 4,
               "plan_1": 4, "plan_2": 4, "plan_3": 4}  # 9 answers: under min_answers (10)
    assert score(q, answers).response_style is None


# --- notes, leanings, intentions ------------------------------------------------


def test_a_note_names_the_band_of_the_answer(q):
    assert score(q, full(months=4)).notes == {"length": "short"}
    p = score(q, full(months=6))
    assert p.notes == {"length": "long"} and "note.length.long" in p.feedback_keys
    assert score(q, full(months=...)).notes == {}


@pytest.mark.parametrize(("choice", "leaning"), [("a", "D"), ("b", "P"), ("c", "S")])
def test_the_leaning_of_the_situations_chosen(q, choice, leaning):
    p = score(q, full(sit_1=choice))
    assert p.leaning == leaning and p.feedback_keys[-1] == f"leaning.{leaning}"
    assert score(q, full(sit_1=...)).leaning is None


def test_leaning_of_a_tie_is_mixed():
    from scoring.plan import leaning_of

    assert leaning_of(["D", "P"]) == "mixed"
    assert leaning_of(["D", "P", "D"]) == "D"
    assert leaning_of([]) is None


def test_intention_texts_are_read_for_intentions(q):
    text = feedback_text(q, "benchmark.duration.partly_met")
    assert text.read("fr") == "p" and text.read("fr", True) == "p prévu" and text.read("en", True) == "p planned"
    plain = feedback_text(q, "benchmark.duration.met")
    assert plain.read("fr", True) == plain.read("fr") == "m"


# --- the 75 % rule ------------------------------------------------------------


def _with_relation_items(total: int, min_answered: float = 0.75) -> Questionnaire:
    def edit(raw):
        items = raw["sections"][1]["items"]
        template = items[0]
        others = [i for i in items if i["subscale"] != "relation"]
        rel = [dict(template, id=f"rel_{k}", text={"fr": f"r{k}", "en": f"r{k}"}) for k in range(1, total + 1)]
        raw["sections"][1]["items"] = rel + others
        raw["levels"]["min_answered"] = min_answered

    return variant(edit)


def _rel_answers(answered: int) -> dict:
    return {f"rel_{k}": 5 for k in range(1, answered + 1)}


def test_three_of_four_is_75_percent_and_scored(q):
    assert score(q, full(rel_4="na")).subscales["relation"].scored
    assert not score(q, full(rel_4="na", rel_3=None)).subscales["relation"].scored


def test_74_percent_is_not_scored_75_is():
    q100 = _with_relation_items(100)
    assert not score(q100, _rel_answers(74)).subscales["relation"].scored
    sub = score(q100, _rel_answers(75)).subscales["relation"]
    assert sub.scored and sub.answered == 75 and sub.total == 100 and sub.score == pytest.approx(80.0)


def test_share_is_compared_exactly_not_in_floating_point():
    # 10 * 0.7 == 7.000000000000001 in floating point: a naive test would refuse 7 of 10.
    q10 = _with_relation_items(10, min_answered=0.7)
    assert score(q10, _rel_answers(7)).subscales["relation"].scored
    assert not score(q10, _rel_answers(6)).subscales["relation"].scored


# --- benchmarks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "status", "band"),
    [
        (0, "not_met", "under3"),
        (2, "not_met", "under3"),
        (3, "not_met", "three_six"),
        (5, "not_met", "three_six"),
        (6, "partly_met", "six_ten"),
        (9, "partly_met", "six_ten"),
        (10, "met", "year"),
        (36, "met", "year"),
        (10.0, "met", "year"),
        (np.int64(6), "partly_met", "six_ten"),
    ],
)
def test_number_bands_inclusive(q, months, status, band):
    r = score(q, full(months=months)).benchmarks["duration"]
    assert (r.status, r.band, r.value) == (status, band, float(months))


def test_band_note_key_only_for_bands_with_a_note(q):
    assert "band.duration.under3" in score(q, full(months=2)).feedback_keys
    keys = score(q, full(months=4)).feedback_keys
    assert not any(k.startswith("band.") for k in keys)


@pytest.mark.parametrize(
    ("option", "status", "value"),
    [("monthly", "not_met", 0.25), ("weekly", "met", 1.0), ("more", "met", 2.0)],
)
def test_choice_values_read_through_bands(q, option, status, value):
    r = score(q, full(meetings_week=option)).benchmarks["weekly"]
    assert (r.status, r.value) == (status, value)


def test_options_rule(q):
    r = score(q, full(format="group")).benchmarks["format"]
    assert (r.status, r.value, r.band) == ("partly_met", "group", "group")


@pytest.mark.parametrize(
    ("a", "b", "status", "value"),
    [
        ("yes", "yes", "met", 2),
        ("yes", "no", "partly_met", 1),
        ("no", "yes", "partly_met", 1),
        ("no", "no", "not_met", 0),
        ("yes", None, "not_answered", None),  # one unanswered item: not answered
        (None, None, "not_answered", None),
    ],
)
def test_count_rule_needs_every_item(q, a, b, status, value):
    r = score(q, full(vision_a=a, vision_b=b)).benchmarks["vision"]
    assert (r.status, r.value) == (status, value)


def test_not_applicable_practice_is_not_answered():
    def edit(raw):
        for item in raw["sections"][3]["items"]:
            if item["id"] in ("months", "format"):
                item["not_applicable"] = True

    qna = variant(edit)
    p = score(qna, full(months="na", format="na"))
    assert p.benchmarks["duration"].status == "not_answered"
    assert p.benchmarks["format"].status == "not_answered"


# --- validation -------------------------------------------------------------------


def test_every_bad_item_is_named_at_once(q):
    bad = {
        "nope": 3,  # unknown item
        "rel_1": 7,  # off the scale
        "rel_2": 0,
        "rel_3": True,  # a bool is not a scale point
        "rel_4": 2.0,  # a float is not a scale point
        "goal_1": "3",  # text where a number goes
        "goal_2": "NA",  # only "na" means does not apply
        "months": -1,  # negative months
        "meetings_week": "daily",  # not an option
        "format": "na",  # not_applicable is not allowed here
        "sit_1": "na",
        "vision_a": True,
        "plan_1": 3,  # fine
    }
    with pytest.raises(AnswersError) as info:
        score(q, bad)
    assert set(info.value.problems) == set(bad) - {"plan_1"}
    message = str(info.value)
    for item_id in set(bad) - {"plan_1"}:
        assert f"'{item_id}'" in message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "value",
    [math.nan, math.inf, -math.inf, "10", True, 36.5, 37, -0.5, [10], np.bool_(True)],
)
def test_bad_numbers_refused(q, value):
    with pytest.raises(AnswersError) as info:
        score(q, full(months=value))
    assert list(info.value.problems) == ["months"]


def test_number_step_is_enforced():
    def edit(raw):
        raw["sections"][3]["items"][1]["step"] = 0.5

    q5 = variant(edit)
    assert score(q5, full(months=10.5)).benchmarks["duration"].value == 10.5
    with pytest.raises(AnswersError, match="step"):
        score(q5, full(months=10.25))


def test_validate_answers_alone(q):
    validate_answers(q, full())
    with pytest.raises(AnswersError):
        validate_answers(q, {"rel_1": 9})
    with pytest.raises(TypeError):
        validate_answers(q, [("rel_1", 3)])


def test_none_is_missing_everywhere(q):
    p = score(q, {item.id: None for item in q.items})
    assert all(s.answered == 0 for s in p.subscales.values())


# --- feedback keys ---------------------------------------------------------------


def test_feedback_keys_order_and_texts(q):
    p = score(q, full(months=2, sit_1="b"))
    assert p.feedback_keys == (
        "profile.dev_structured",
        "subscale.relation.high",
        "subscale.goals.low",
        "subscale.planning.high",
        "benchmark.weekly.met",
        "benchmark.duration.not_met",
        "band.duration.under3",
        "benchmark.format.met",
        "benchmark.vision.met",
        "note.length.short",
        "situation.sit_1.b",
        "leaning.P",
    )
    texts = {k: feedback_text(q, k) for k in p.feedback_keys}
    assert all(isinstance(t, Cited) for t in texts.values())
    assert texts["band.duration.under3"].en == "harmful"
    assert texts["band.duration.under3"].sources == ["MEN-DUR-3M"]
    assert texts["situation.sit_1.b"].en == "rb"
    assert texts["subscale.relation.high"].fr == "haut"


@pytest.mark.parametrize(
    "key",
    [
        "profile.nope",
        "subscale.relation.huge",
        "benchmark.weekly.sort_of",
        "band.duration.three_six",  # a band without a note
        "situation.sit_1.z",
        "nonsense",
        "subscale.relation",
        "profile.dev_structured.extra",
    ],
)
def test_unknown_feedback_key_raises_keyerror(q, key):
    with pytest.raises(KeyError):
        feedback_text(q, key)


def test_every_resolvable_key_parses(q):
    keys = all_feedback(q)
    # styles (straight-lining, contradictory), profiles, subscale levels, statuses (weekly 3, duration 4, format 3, vision 4),
    # band notes, context notes, situations, leanings
    assert len(keys) == 2 + 3 + 3 * 3 + 14 + 1 + 2 + 3 + 4
    for key in keys:
        assert parse_key(key)[0] in {"style", "profile", "subscale", "benchmark", "band", "note", "situation",
                                     "leaning"}


# --- thresholds come from the YAML, and the package stays pure -----------------------


def test_rule_bounds_levels_and_bands_are_read_from_the_questionnaire(q):
    answers = full()  # D − P 80, relation 90 (high), months 10 (met)
    assert score(q, answers).profile == "dev_structured"

    def edit(raw):
        raw["profiles"]["rules"][0]["when"][0]["at_least"] = 85
        raw["levels"]["high_from"] = 95
        raw["benchmarks"][1]["bands"][3]["min"] = 11
        raw["benchmarks"][1]["bands"][2]["max"] = 10

    moved = score(variant(edit), answers)
    assert moved.profile == "other"
    assert moved.subscales["relation"].level == "mid"
    assert moved.benchmarks["duration"].status == "partly_met"


def test_scoring_never_imports_streamlit():
    root = Path(__file__).resolve().parent.parent / "scoring"
    for path in root.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name


def test_plan_is_cached_per_questionnaire_object(q):
    import gc

    from scoring.plan import _CACHE, plan_for

    assert plan_for(q) is plan_for(q)
    other = variant(lambda raw: None)
    assert plan_for(other) is not plan_for(q)
    key = id(other)
    assert key in _CACHE
    del other
    gc.collect()
    assert key not in _CACHE
