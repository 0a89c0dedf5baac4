"""Feedback keys: what a profile says to show, and where its text lives.

A profile carries keys, not texts, so charts, views and reports pick the
language and layout. Ids match ``^[a-z][a-z0-9_]*$``, so a key splits on dots:

==========================================  ===========================================
key                                         text (a ``Cited``: fr, en, sources)
==========================================  ===========================================
``style.<style>``                           ``response_style.feedback`` (straight_lining)
                                            or ``.opposites_feedback`` (contradictory)
``profile.<rule_id>``                       the profile rule's ``feedback``
``subscale.<subscale_id>.<level>``          the subscale's ``feedback.<level>``
                                            (level: low, mid, high; only when scored)
``benchmark.<benchmark_id>.<status>``       the benchmark's ``feedback.<status>``
                                            (met, partly_met, not_met, not_answered)
``band.<benchmark_id>.<band_id>``           the band's ``note`` (only bands with one)
``note.<note_id>.<band_or_option_id>``      a context note's text for the answer given
``situation.<item_id>.<option_id>``         the chosen response's ``reflection``
``leaning.<leaning>``                       ``situation_leanings.<leaning>``
==========================================  ===========================================

A profile lists its keys in this order: style or profile, subscales (questionnaire
order), benchmarks (questionnaire order, each followed by its band note if any),
notes, situations (questionnaire order), leaning.

A text may carry an ``intention`` variant, for a person whose behaviour answers are
intentions: ``Cited.read(lang, profile.intentions)`` picks it.
"""

from __future__ import annotations

import weakref

from questionnaires.schema import STATUSES, Cited, Questionnaire, SituationItem

KINDS = ("style", "profile", "subscale", "benchmark", "band", "note", "situation", "leaning")


def style_key(style: str) -> str:
    return f"style.{style}"


def note_key(note_id: str, band_id: str) -> str:
    return f"note.{note_id}.{band_id}"


def leaning_key(leaning: str) -> str:
    return f"leaning.{leaning}"


def profile_key(rule_id: str) -> str:
    return f"profile.{rule_id}"


def subscale_key(subscale_id: str, level: str) -> str:
    return f"subscale.{subscale_id}.{level}"


def benchmark_key(benchmark_id: str, status: str) -> str:
    return f"benchmark.{benchmark_id}.{status}"


def band_key(benchmark_id: str, band_id: str) -> str:
    return f"band.{benchmark_id}.{band_id}"


def situation_key(item_id: str, option_id: str) -> str:
    return f"situation.{item_id}.{option_id}"


def parse_key(key: str) -> tuple[str, ...]:
    """``"benchmark.weekly.met"`` -> ``("benchmark", "weekly", "met")``; KeyError if malformed."""
    parts = tuple(key.split(".")) if isinstance(key, str) else ()
    sizes = {"style": 2, "profile": 2, "subscale": 3, "benchmark": 3, "band": 3, "note": 3, "situation": 3,
             "leaning": 2}
    if not parts or parts[0] not in sizes or len(parts) != sizes[parts[0]]:
        raise KeyError(f"not a feedback key: {key!r}")
    return parts


def _all_texts(q: Questionnaire) -> dict[str, Cited]:
    texts: dict[str, Cited] = {}
    if q.response_style is not None:
        texts[style_key("straight_lining")] = q.response_style.feedback
        if q.response_style.opposites_feedback is not None:
            texts[style_key("contradictory")] = q.response_style.opposites_feedback
    for rule in q.profiles.rules:
        texts[profile_key(rule.id)] = rule.feedback
    for sub in q.subscales:
        for level in ("low", "mid", "high"):
            texts[subscale_key(sub.id, level)] = getattr(sub.feedback, level)
    for bench in q.benchmarks:
        for status in STATUSES:
            text = bench.feedback.get(status)
            if text is not None:
                texts[benchmark_key(bench.id, status)] = text
        for band in bench.bands:
            if band.note is not None:
                texts[band_key(bench.id, band.id)] = band.note
    for note in q.notes:
        for band in note.bands:
            texts[note_key(note.id, band.id)] = band.text
        for option_id, text in note.options.items():
            texts[note_key(note.id, option_id)] = text
    for item in q.items:
        if isinstance(item, SituationItem):
            for option in item.options:
                texts[situation_key(item.id, option.id)] = option.reflection
    for leaning, text in q.situation_leanings.items():
        texts[leaning_key(leaning)] = text
    return texts


_TEXTS: dict[int, dict[str, Cited]] = {}


def all_feedback(q: Questionnaire) -> dict[str, Cited]:
    """Every key the questionnaire can resolve, with its text (cached per questionnaire)."""
    key = id(q)
    texts = _TEXTS.get(key)
    if texts is None:
        texts = _TEXTS[key] = _all_texts(q)
        weakref.finalize(q, _TEXTS.pop, key, None)
    return texts


def feedback_text(q: Questionnaire, key: str) -> Cited:
    """The text a feedback key stands for; KeyError for a key the questionnaire lacks."""
    parse_key(key)
    try:
        return all_feedback(q)[key]
    except KeyError:
        raise KeyError(f"no feedback text for {key!r} in questionnaire '{q.id}' {q.version}") from None


def feedback_texts(q: Questionnaire, keys) -> list[tuple[str, Cited]]:
    """``(key, text)`` for each key of a profile, in the profile's order."""
    return [(key, feedback_text(q, key)) for key in keys]
