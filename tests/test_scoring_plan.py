"""Highlights (strengths, things to look at) and the plan for the year: pure rules."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import questionnaires
import scoring
from persona_sets import personas
from scoring import year_plan
from scoring.highlights import HOW_MANY, highlights, zone_position
from scoring.year_plan import MAX_CHARS, MAX_ITEMS, PlanError, PlanItem, parse_plan, progress, proposals

ROLES = questionnaires.ROLES


def scale_answers(q):
    """Any complete set of scale answers (context items from a real persona)."""
    base = personas(q.id)[0]["answers"]
    points = {i.id: q.scales[i.scale].points for i in q.scale_items}
    return st.fixed_dictionaries({k: st.integers(1, n) for k, n in points.items()}).map(lambda s: {**base, **s})


@pytest.mark.parametrize("bounds", [(50.0, 100.0), (0.0, 70.0), (70.0, 100.0), (0.0, 50.0)])
@given(score=st.floats(0, 100))
def test_zone_position_agrees_with_the_bounds(bounds, score):
    status, distance = zone_position(bounds, score)
    low, high = bounds
    assert status == ("below_zone" if score < low else "above_zone" if score > high else "in_zone")
    assert distance >= 0
    if status != "in_zone":
        assert distance == pytest.approx(low - score if score < low else score - high)


def test_inside_a_zone_the_scales_ends_are_not_edges():
    assert zone_position((50.0, 100.0), 95)[1] == 45  # far from 50, the only edge one can cross
    assert zone_position((0.0, 70.0), 5)[1] == 65


@pytest.mark.parametrize("role", ROLES)
def test_highlights_follow_the_scoring(role):
    q = questionnaires.load(role)

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(answers=scale_answers(q))
    def check(answers):
        profile = scoring.score(q, answers)
        chosen = highlights(q, profile)
        assert len(chosen.strengths) <= HOW_MANY and len(chosen.to_look_at) <= HOW_MANY
        for item in chosen.strengths:
            if item.kind == "benchmark":
                assert profile.benchmarks[item.id].status == "met"
            else:
                low, high = q.zone_bounds(item.id)
                assert low <= profile.subscales[item.id].score <= high
        for item in chosen.to_look_at:
            if item.kind == "benchmark":
                assert profile.benchmarks[item.id].status in ("not_met", "partly_met")
            else:
                low, high = q.zone_bounds(item.id)
                assert not low <= profile.subscales[item.id].score <= high
        if profile.response_style:
            assert all(h.kind == "benchmark" for h in (*chosen.strengths, *chosen.to_look_at))
        # every thing to look at is also proposed for the plan, in the same order of kinds
        proposed = proposals(q, profile)
        assert {h.ref for h in chosen.to_look_at} <= set(proposed)
        assert proposed[-1] == year_plan.OWN

    check()


@pytest.mark.parametrize("role", ROLES)
def test_the_archetypes_read_as_a_researcher_would(role):
    """The rigid planner is told to look at flexibility; the adult who decides everything at
    the student's voice; the warm collaborator has nothing outside a zone."""
    q = questionnaires.load(role)
    by_id = {p["id"]: p["answers"] for p in personas(role)}

    def look(persona):
        return {h.id for h in highlights(q, scoring.score(q, by_id[persona])).to_look_at}

    assert "souplesse" in look("rigid_planner")
    assert "voix" in look("adult_decides")
    assert not {h for h in look("warm_collaborative_goals") if h in {s.id for s in q.subscales}}
    assert "planification" in look("laissez_faire_friend")


@pytest.mark.parametrize("role", ROLES)
def test_every_known_focus_parses_and_an_unknown_one_is_refused(role):
    q = questionnaires.load(role)
    for focus in sorted(year_plan.known_focuses(q) - {year_plan.OWN}):
        assert parse_plan([{"focus": focus}], q) == (PlanItem(focus),)
    with pytest.raises(PlanError) as caught:
        parse_plan([{"focus": "subscale:nope"}], q)
    assert caught.value.reason == "unknown_focus"


def test_a_plan_of_more_than_three_or_the_same_subject_twice_is_refused():
    q = questionnaires.load("mentor")
    four = [{"focus": f"question:{r.id}"} for r in q.reflection_questions[:MAX_ITEMS + 1]]
    with pytest.raises(PlanError, match="too_many"):
        parse_plan(four, q)
    with pytest.raises(PlanError, match="duplicate"):
        parse_plan([{"focus": "own", "own": "Écouter"}, {"focus": "own", "own": "écouter "}], q)


@pytest.mark.parametrize("field", sorted(MAX_CHARS))
def test_each_text_is_capped_after_cleaning(field):
    q = questionnaires.load("mentor")
    limit = MAX_CHARS[field]
    item = {"focus": "own", "own": "Sujet"}
    assert parse_plan([{**item, field: "a\n" * (limit // 2)}], q)  # "a a a …": exactly the limit, minus one
    with pytest.raises(PlanError) as caught:
        parse_plan([{**item, field: "a" * (limit + 1)}], q)
    assert (caught.value.reason, caught.value.field, caught.value.limit) == ("too_long", field, limit)


def test_progress_reads_the_status_or_score_each_item_is_about():
    q = questionnaires.load("mentor")
    by_id = {p["id"]: p["answers"] for p in personas("mentor")}
    before = scoring.score(q, by_id["laissez_faire_friend"])
    after = scoring.score(q, by_id["warm_collaborative_goals"])
    items = (PlanItem("benchmark:weekly"), PlanItem("subscale:planification"), PlanItem("question:q_goals"))
    steps = progress(items, before, after)
    assert (steps[0].before, steps[0].after) == (before.benchmarks["weekly"].status, after.benchmarks["weekly"].status)
    assert (steps[1].before, steps[1].after) == (before.subscales["planification"].score,
                                                 after.subscales["planification"].score)
    assert [s.measured for s in steps] == [True, True, False]


def test_progress_claims_nothing_about_a_subscale_the_newer_version_dropped():
    q = questionnaires.load("mentor")
    profile = scoring.score(q, personas("mentor")[0]["answers"])
    dropped = {k: v for k, v in profile.subscales.items() if k != "planification"}
    newer = type(profile)(**{**profile.__dict__, "subscales": dropped})
    (step,) = progress((PlanItem("subscale:planification"),), profile, newer)
    assert not step.measured and step.after is None


def test_an_item_s_subject_is_the_questionnaire_s_words_or_the_person_s():
    q = questionnaires.load("mentor")
    bench, sub, question = q.benchmarks[0], q.subscales[0], q.reflection_questions[0]
    assert year_plan.subject(q, PlanItem(focus=f"benchmark:{bench.id}"), "fr") == bench.title("fr")
    assert year_plan.subject(q, PlanItem(focus=f"subscale:{sub.id}"), "en") == sub.label("en")
    assert year_plan.subject(q, PlanItem(focus=f"question:{question.id}"), "fr") == question.text("fr")
    assert year_plan.subject(q, PlanItem(focus=year_plan.OWN, own="Mieux écouter"), "fr") == "Mieux écouter"
    # an earlier file's focus that this version no longer has: nothing invented
    assert year_plan.focus_text(q, "benchmark:gone", "fr") is None
