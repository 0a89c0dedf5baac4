"""The saved answers file: what goes out comes back, and every bad file says why."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scoring
from i18n import t
from questionnaires import NOT_APPLICABLE, load, load_file, load_version
from questionnaires.schema import ChoiceItem, NumberItem, ScaleItem
from scoring.year_plan import MAX_CHARS, PlanItem
from reports.answers_file import (
    FORMAT,
    MAX_BYTES,
    REASONS,
    AnswersFile,
    AnswersFileError,
    dump,
    parse,
)

ROOT = Path(__file__).resolve().parent.parent
MINI = load_file(ROOT / "tests" / "fixtures" / "mini.yaml")
CREATED = datetime(2025, 11, 25, 14, 30, tzinfo=UTC)


def valid_value(q, item):
    """A strategy for one valid answer to ``item`` (None = left blank)."""
    if isinstance(item, ScaleItem):
        points = q.scales[item.scale].points
        return st.one_of(st.none(), st.just(NOT_APPLICABLE), st.integers(1, points))
    if isinstance(item, NumberItem):
        steps = int(round((item.max - item.min) / item.step))
        value = st.integers(0, steps).map(lambda k: round(item.min + k * item.step, 10))
        extra = [st.just(NOT_APPLICABLE)] if item.not_applicable else []
        return st.one_of(st.none(), value, *extra)
    options = [o.id for o in item.options]
    extra = [st.just(NOT_APPLICABLE)] if isinstance(item, ChoiceItem) and item.not_applicable else []
    return st.one_of(st.none(), st.sampled_from(options), *extra)


def answers_for(q):
    """Any valid answers dict: a subset of the items, each with a valid value."""
    return st.fixed_dictionaries({}, optional={item.id: valid_value(q, item) for item in q.items})


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answers_for(MINI), lang=st.sampled_from(["fr", "en"]))
def test_any_valid_answers_survive_dump_and_parse(answers, lang):
    scoring.validate_answers(MINI, answers)  # the strategy only makes valid answers
    loaded = parse(dump(MINI.id, MINI.version, answers, lang, CREATED), MINI)
    assert loaded == AnswersFile(MINI.id, MINI.version, CREATED, lang, answers)
    assert scoring.score(MINI, loaded.answers) == scoring.score(MINI, answers)


@pytest.mark.parametrize("role", ["mentor", "enseignant_ressource"])
def test_real_questionnaires_round_trip(role):
    q = load(role)

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(answers=answers_for(q))
    def check(answers):
        assert parse(dump(q.id, q.version, answers, "fr", CREATED), q).answers == answers

    check()


def test_the_file_is_readable_json_with_its_header():
    data = dump("mentor", "0.0.1", {"rel_1": 4, "months": 7.0, "format": "group"}, "fr", CREATED)
    document = json.loads(data)
    assert document == {
        "format": FORMAT,
        "format_version": 2,
        "role": "mentor",
        "questionnaire_version": "0.0.1",
        "created": "2025-11-25T14:30:00Z",
        "lang": "fr",
        "answers": {"rel_1": 4, "months": 7, "format": "group"},
        "plan": [],
    }
    assert data.decode("utf-8")  # UTF-8, no BOM


def test_created_is_utc():
    quebec = timezone(timedelta(hours=-5))
    data = dump("mentor", "0.0.1", {}, "en", datetime(2025, 11, 25, 9, 30, tzinfo=quebec))
    assert json.loads(data)["created"] == "2025-11-25T14:30:00Z"
    assert parse(data, MINI).created == CREATED
    now = parse(dump("mentor", "0.0.1", {}, "en"), MINI).created
    assert abs(now - datetime.now(UTC)) < timedelta(minutes=1)


# --- bad files ------------------------------------------------------------------


def good(**changes) -> dict:
    document = json.loads(dump(MINI.id, MINI.version, {"rel_1": 5, "format": "group"}, "fr", CREATED))
    document.update(changes)
    return document


def encoded(document) -> bytes:
    return json.dumps(document).encode("utf-8")


def reason_of(data: bytes, q=MINI) -> AnswersFileError:
    with pytest.raises(AnswersFileError) as caught:
        parse(data, q)
    return caught.value


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"x" * (MAX_BYTES + 1), "too_big"),
        (b"{" + b" " * MAX_BYTES + b"}", "too_big"),  # valid JSON, still refused before reading
        (b"not json at all", "not_json"),
        ("Réponses".encode("latin-1"), "not_json"),
        (b'{"format": "reflet.answers", "answers": {"rel_1": NaN}}', "not_json"),
        (b"", "not_json"),
        (b"[1, 2, 3]", "not_reflet"),
        (b'"reflet.answers"', "not_reflet"),
        (encoded({"name": "a survey", "answers": {}}), "not_reflet"),
        (encoded(good(format="other.app")), "not_reflet"),
    ],
    ids=["huge", "huge-json", "text", "latin-1", "nan", "empty", "list", "string", "foreign", "other-format"],
)
def test_files_that_are_not_ours(data, reason):
    assert reason_of(data).reason == reason


@pytest.mark.parametrize(
    "document",
    [
        {k: v for k, v in good().items() if k != "answers"},
        {k: v for k, v in good().items() if k != "questionnaire_version"},
        good(format_version=3),
        good(format_version=True),
        good(format_version=1, plan=[]),
        good(role=None),
        good(lang="de"),
        good(created="yesterday"),
        good(created=12),
        good(answers=[1, 2]),
        good(answers={"rel_1": [5]}),
        good(answers={"rel_1": True}),
        good(answers={"rel_1": {"value": 5}}),
    ],
    ids=["no-answers", "no-version", "format-3", "format-bool", "format-1-with-plan", "role-null", "lang", "date-text", "date-number",
         "answers-list", "answer-list", "answer-bool", "answer-object"],
)
def test_damaged_files(document):
    assert reason_of(encoded(document)).reason == "damaged"


def test_other_role():
    error = reason_of(encoded(good(role="enseignant_ressource")))
    assert (error.reason, error.found, error.expected) == ("other_role", "enseignant_ressource", "mentor")


def test_other_version_names_both_versions():
    error = reason_of(encoded(good(questionnaire_version="0.0.2")))
    assert (error.reason, error.found, error.expected) == ("other_version", "0.0.2", MINI.version)
    message = t("reports.answers_file.other_version", "fr", found=error.found, expected=error.expected)
    assert "0.0.2" in message and MINI.version in message


@pytest.mark.parametrize(
    "answers",
    [{"no_such_item": 3}, {"rel_1": 9}, {"rel_1": 2.5}, {"format": "video"}, {"months": 99}, {"rel_1": "3"}],
)
def test_answers_scoring_would_refuse(answers):
    error = reason_of(encoded(good(answers=answers)))
    assert error.reason == "invalid_answers"
    assert set(error.problems) == set(answers)


def test_every_reason_has_a_message_in_both_languages():
    for reason in REASONS:
        for lang in ("fr", "en"):
            text = t(f"reports.answers_file.{reason}", lang, found="1.0.0", expected="1.1.0")
            assert text.strip()


def test_a_byte_order_mark_is_accepted():
    data = "\ufeff".encode("utf-8") + dump(MINI.id, MINI.version, {"rel_1": 2}, "en", CREATED)
    assert parse(data, MINI).answers == {"rel_1": 2}


def test_dump_refuses_values_json_cannot_hold():
    with pytest.raises(ValueError):
        dump("mentor", "0.0.1", {"months": float("nan")}, "fr")
    with pytest.raises(TypeError):
        dump("mentor", "0.0.1", {"rel_1": True}, "fr")


def test_an_older_version_loads_for_comparison_under_its_own_rules():
    q, old = load("mentor"), load_version("mentor", "1.0.0")
    september = {"ctx_experience": "yes", "b_obj_1": 6, "pr_recognition": 15, "pr_months": 10}  # 1.0.0 items
    data = dump("mentor", "1.0.0", september, "fr")
    with pytest.raises(AnswersFileError) as info:  # resuming it as current answers is refused
        parse(data, q)
    assert info.value.reason == "other_version"
    loaded = parse(data, q, lambda version: load_version("mentor", version))
    assert loaded.questionnaire_version == "1.0.0" and loaded.answers == september
    # pr_recognition was a number of minutes in 1.0.0 (15 was met); 2.0.0 asks a yes/no routine.
    assert scoring.score(old, loaded.answers).benchmarks["recognition"].status == "met"


def test_a_version_reflet_does_not_keep_is_still_refused():
    data = dump("mentor", "0.9.0", {}, "fr")
    with pytest.raises(AnswersFileError) as info:
        parse(data, load("mentor"), lambda version: load_version("mentor", version))
    assert (info.value.reason, info.value.found) == ("other_version", "0.9.0")


def _raw(document: dict, **answers_text: str) -> bytes:
    """The file with raw JSON spliced in: numbers and escapes json.dumps would not write."""
    text = json.dumps(document)
    for key, raw in answers_text.items():
        text = text.replace(f'"{key}": "@"', f'"{key}": {raw}')
    return text.encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        encoded(good(created="0001-01-01T00:00:00+05:00")),  # year 1 with an offset: before the calendar in UTC
        encoded(good(created="9999-12-31T23:59:59-05:00")),  # year 9999 with an offset: past it
        _raw(good(answers={"months": "@"}), months="1" + "0" * 400),  # 10**400 months
        _raw(good(answers={"months": "@"}), months="1e400"),  # a float literal that reads as infinity
        _raw(good(answers={"format": "@"}), format='"\\ud800"'),  # a lone surrogate in an answer
        _raw(good(answers={"rel_1": 5}, role="@"), role='"\\udfff"'),  # ...in the role
        json.dumps(good(answers={"KEY": 3})).replace('"KEY"', '"\\ud800"').encode(),  # ...in an item id
    ],
    ids=["year-1", "year-9999", "10**400", "1e400", "surrogate-answer", "surrogate-role", "surrogate-key"],
)
def test_crafted_files_get_a_message_never_an_exception(data):
    error = reason_of(data)  # an AnswersFileError, nothing else
    assert error.reason in {"damaged", "invalid_answers", "not_reflet"}
    assert t(f"reports.answers_file.{error.reason}", "fr")


def test_scoring_names_a_number_too_large_for_any_float():
    with pytest.raises(scoring.AnswersError) as info:
        scoring.validate_answers(MINI, {"months": 10**400})
    assert "is outside 0..36" in info.value.problems["months"]


# --- the plan for the year (format 2) ---------------------------------------------

PLAN = (
    PlanItem("benchmark:weekly", step="Fixer un jour fixe", when="En septembre", check="Dix rencontres"),
    PlanItem("own", own="Mieux écouter", step="Poser une question ouverte"),
    PlanItem("question:q2"),
)


def test_a_plan_survives_dump_and_parse():
    data = dump(MINI.id, MINI.version, {"rel_1": 5}, "fr", CREATED, plan=PLAN)
    assert parse(data, MINI).plan == PLAN
    saved = json.loads(data)["plan"]
    assert saved[2] == {"focus": "question:q2"}  # empty fields are left out


def test_a_format_1_file_loads_with_an_empty_plan():
    document = good(format_version=1)
    del document["plan"]
    loaded = parse(encoded(document), MINI)
    assert loaded.plan == () and loaded.answers == {"rel_1": 5, "format": "group"}


@pytest.mark.parametrize(
    "plan",
    [
        {"focus": "own"},
        [{"focus": "benchmark:no_such_benchmark"}],
        [{"focus": "own"}],  # one's own subject must be named
        [{"focus": "question:q1", "step": "x" * (MAX_CHARS["step"] + 1)}],
        [{"focus": "question:q1", "step": 12}],
        [{"focus": "question:q1", "colour": "red"}],
        [{"focus": "question:q1"}, {"focus": "question:q1"}],
        [{"focus": f"question:q{k}"} for k in (1, 2, 3)] + [{"focus": "own", "own": "x"}],
    ],
    ids=["not-a-list", "unknown", "own-unnamed", "too-long", "not-text", "unknown-field", "twice", "four"],
)
def test_a_bad_plan_is_refused_with_its_own_reason(plan):
    assert reason_of(encoded(good(plan=plan))).reason == "invalid_plan"


def test_plan_text_is_kept_plain_on_one_line():
    plan = [{"focus": "own", "own": "  Écouter\n\tdavantage\u200b ", "step": "<b>gras</b>"}]
    loaded = parse(encoded(good(plan=plan)), MINI)
    assert loaded.plan[0].own == "Écouter davantage"
    assert loaded.plan[0].step == "<b>gras</b>"  # kept as typed: never rendered as HTML


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(max_size=80), min_size=4, max_size=4))
def test_any_short_plan_text_round_trips_cleaned(texts):
    own, step, when, check = texts
    raw = [{"focus": "benchmark:weekly", "step": step, "when": when[:60], "check": check},
           {"focus": "own", "own": "Sujet " + own}]
    loaded = parse(encoded(good(plan=raw)), MINI)
    item = loaded.plan[0]
    for kept in (item.step, item.when, item.check):
        assert kept == kept.strip() and "\n" not in kept and "  " not in kept
    assert parse(dump(MINI.id, MINI.version, {}, "fr", CREATED, plan=loaded.plan), MINI).plan == loaded.plan
