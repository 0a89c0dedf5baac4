"""Scoring on the real questionnaires: personas, and every benchmark boundary.

The expected statuses are written here from the sources (reference/practices.md),
not read back from the YAML: if an author moves a band, these tests say so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from questionnaires import load
from questionnaires.schema import NumberItem
from scoring import AnswersError, feedback_text, score, score_many

PERSONAS = Path(__file__).parent / "personas"


def _personas():
    for path in sorted(PERSONAS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for persona in data["personas"]:
            yield pytest.param(data["role"], persona, id=f"{data['role']}-{persona['id']}")


PERSONA_PARAMS = list(_personas())


def test_three_personas_per_role():
    roles = [p.values[0] for p in PERSONA_PARAMS]
    assert roles.count("mentor") >= 3 and roles.count("enseignant_ressource") >= 3


@pytest.mark.parametrize(("role", "persona"), PERSONA_PARAMS)
def test_persona(role, persona):
    q = load(role)
    p = score(q, persona["answers"])
    exp = persona["expected"]
    assert p.profile == exp["profile"]
    assert p.intentions is exp["intentions"]
    assert {c: v for c, v in p.composites.items()} == pytest.approx(exp["composites"])
    assert p.orientation == pytest.approx(exp["orientation"])
    assert {s: r.level for s, r in p.subscales.items()} == exp["subscales"]
    assert {b: r.status for b, r in p.benchmarks.items()} == exp["benchmarks"]
    for key in exp.get("feedback_keys_include", []):
        assert key in p.feedback_keys
    for key in p.feedback_keys:  # every key the persona gets has a text in both languages
        text = feedback_text(q, key)
        assert text.fr and text.en and text.sources

    scored = score_many(q, pd.DataFrame([persona["answers"]], index=[persona["id"]]))
    row = scored.loc[persona["id"]]
    assert row["profile"] == exp["profile"]
    assert {b: row[f"bm.{b}"] for b in exp["benchmarks"]} == exp["benchmarks"]


# --- every band boundary, from the sources -------------------------------------------


MENTOR_BANDS = {
    # MEN-TIME-YEAR, MEN-DUR-3M, MEN-DUR-6M, MEN-SUM-6M: under 3 months harmful, 3 to 6
    # little impact, 6 to 10 partly, a school year (about 10 months) met.
    ("school_year", "pr_months"): [
        (0, "not_met", "under_three"),
        (2, "not_met", "under_three"),
        (3, "not_met", "three_to_five"),
        (5, "not_met", "three_to_five"),
        (6, "partly_met", "six_to_nine"),
        (9, "partly_met", "six_to_nine"),
        (10, "met", "school_year_or_more"),
        (36, "met", "school_year_or_more"),
    ],
    # MEN-US-15MIN: 15 to 20 minutes a week, bounds included.
    ("recognition", "pr_recognition"): [
        (0, "not_met", "none"),
        (1, "partly_met", "shorter"),
        (14, "partly_met", "shorter"),
        (15, "met", "fifteen_to_twenty"),
        (20, "met", "fifteen_to_twenty"),
        (21, "partly_met", "longer"),
        (120, "partly_met", "longer"),
    ],
    # MEN-TRAIN-2H: under two hours is short training.
    ("training", "pr_training"): [
        (0, "not_met", "under_two_hours"),
        (1.5, "not_met", "under_two_hours"),
        (2, "met", "two_hours_or_more"),
        (2.5, "met", "two_hours_or_more"),
        (100, "met", "two_hours_or_more"),
    ],
}

ER_BANDS = {
    # ER-SIZE, ER-STRUCT-1: no more than 12 to 15 students (<= 12 met, 13-15 partly, > 15 not).
    ("group_size", "pr_group_size"): [
        (1, "met", "small"),
        (12, "met", "small"),
        (13, "partly_met", "upper"),
        (15, "partly_met", "upper"),
        (16, "not_met", "large"),
        (40, "not_met", "large"),
    ],
    # ER-TIME-1: from 10 minutes to one hour a day, bounds included.
    ("daily_time", "pr_daily_minutes"): [
        (0, "not_met", "under_10"),
        (9, "not_met", "under_10"),
        (10, "met", "within"),
        (60, "met", "within"),
        (61, "partly_met", "over_60"),
        (180, "partly_met", "over_60"),
    ],
}


def _cases(role, table):
    for (bench, item), rows in table.items():
        for value, status, band in rows:
            yield pytest.param(role, bench, item, value, status, band, id=f"{role}-{bench}-{value}")


@pytest.mark.parametrize(
    ("role", "bench", "item", "value", "status", "band"),
    [*_cases("mentor", MENTOR_BANDS), *_cases("enseignant_ressource", ER_BANDS)],
)
def test_number_band_boundaries(role, bench, item, value, status, band):
    q = load(role)
    r = score(q, {item: value}).benchmarks[bench]
    assert (r.status, r.band, r.value) == (status, band, float(value))
    many = score_many(q, pd.DataFrame({item: [value]}))
    assert many.loc[0, f"bm.{bench}"] == status and many.loc[0, f"bm.{bench}.band"] == band


@pytest.mark.parametrize(
    ("role", "item", "value"),
    [
        ("mentor", "pr_months", -1),
        ("mentor", "pr_months", 37),
        ("mentor", "pr_recognition", -5),  # negative minutes
        ("mentor", "pr_training", 1.75),  # off the half-hour step
        ("enseignant_ressource", "pr_group_size", 0),
        ("enseignant_ressource", "pr_group_size", 12.5),
        ("enseignant_ressource", "pr_daily_minutes", -10),
        ("enseignant_ressource", "pr_daily_minutes", "45"),
    ],
)
def test_numbers_outside_the_item_are_refused(role, item, value):
    with pytest.raises(AnswersError) as info:
        score(load(role), {item: value})
    assert list(info.value.problems) == [item]


OPTION_CASES = [
    # MEN-TIME-WEEKLY, MEN-SUM-6M: at least once a week.
    ("mentor", "weekly", "pr_frequency", {
        "lt_monthly": "not_met", "monthly": "not_met", "biweekly": "partly_met",
        "weekly": "met", "more_than_weekly": "met",
    }),
    # MEN-FORM-INDIV / GROUP / CYBER: individual, face to face.
    ("mentor", "one_to_one", "pr_format", {
        "individual": "met", "mostly_individual": "partly_met", "group": "not_met", "online": "not_met",
    }),
    # MEN-TIME-CONTACT
    ("mentor", "contact", "pr_contact", {"yes_regularly": "met", "sometimes": "partly_met", "no": "not_met"}),
    # MEN-STRUCTURED, MEN-SUM-SHARED: a regular share of meetings.
    ("mentor", "shared_activities", "pr_shared", {
        "never": "not_met", "few": "partly_met", "third_to_half": "met", "most": "met",
    }),
    # MEN-SUM-PLANNING
    ("mentor", "agreements", "pr_agreements", {"yes": "met", "partly": "partly_met", "not_yet": "not_met"}),
    # ER-STABLE-2, ER-SUM-CONTINUITY: the whole first cycle.
    ("enseignant_ressource", "continuity", "pr_continuity", {
        "cycle": "met", "year": "partly_met", "less": "not_met", "undecided": "partly_met",
    }),
    # ER-MODES-1
    ("enseignant_ressource", "themes_by_results", "pr_themes", {"yes": "met", "partly": "partly_met", "not_yet": "not_met"}),
    # ER-ACT-CHOICE
    ("enseignant_ressource", "students_choose", "pr_choose", {
        "students": "met", "after_asking": "partly_met", "self": "not_met",
    }),
    # ER-GOAL-2
    ("enseignant_ressource", "families", "pr_families", {
        "monthly": "met", "term": "partly_met", "yearly": "not_met", "rarely": "not_met",
    }),
]


@pytest.mark.parametrize(("role", "bench", "item", "expected"), OPTION_CASES, ids=lambda v: v if isinstance(v, str) else "")
def test_option_benchmarks(role, bench, item, expected):
    q = load(role)
    got = {option: score(q, {item: option}).benchmarks[bench].status for option in expected}
    assert got == expected
    assert score(q, {}).benchmarks[bench].status == "not_answered"


VISION = ["pr_vision_support", "pr_vision_crisis", "pr_vision_meetings", "pr_vision_role", "pr_vision_needs"]


@pytest.mark.parametrize(
    ("yes", "status"),
    [(0, "not_met"), (1, "not_met"), (2, "not_met"), (3, "partly_met"), (4, "partly_met"), (5, "met")],
)
def test_clear_vision_counts_the_five_points(yes, status):
    # ER-VISION-*: a clear vision on support, crises, meetings, role and own needs.
    q = load("enseignant_ressource")
    answers = {item: ("yes" if k < yes else "partly") for k, item in enumerate(VISION)}
    r = score(q, answers).benchmarks["clear_vision"]
    assert (r.status, r.value) == (status, yes)


def test_clear_vision_with_one_point_blank_is_not_answered():
    q = load("enseignant_ressource")
    answers = {item: "yes" for item in VISION[:4]}
    assert score(q, answers).benchmarks["clear_vision"].status == "not_answered"


@pytest.mark.parametrize("role", ["mentor", "enseignant_ressource"])
def test_every_band_edge_of_every_number_benchmark(role):
    """Generic: each band's min and max land in it; one step outside lands in its neighbour."""
    q = load(role)
    for bench in q.benchmarks:
        item = q.item_index[bench.reads[0]]
        if bench.rule != "bands" or not isinstance(item, NumberItem):
            continue
        ordered = sorted(bench.bands, key=lambda b: b.min)
        for k, band in enumerate(ordered):
            top = item.max if band.max is None else band.max
            for value in (band.min, top):
                assert score(q, {item.id: value}).benchmarks[bench.id].band == band.id
            if k > 0:
                below = score(q, {item.id: band.min - item.step}).benchmarks[bench.id].band
                assert below == ordered[k - 1].id
            if k + 1 < len(ordered):
                above = score(q, {item.id: top + item.step}).benchmarks[bench.id].band
                assert above == ordered[k + 1].id
