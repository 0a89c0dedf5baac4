"""One person: answers (item id -> value) to a ``Profile``.

The rules, stated once (``score_many`` applies the same ones to columns):

* A scale answer is a whole number 1..points, or ``"na"`` (does not apply).
  Missing (key absent or ``None``) and ``"na"`` are both "not answered".
* A subscale is scored when answered / total >= ``levels.min_answered``, tested
  exactly on rationals. Its mean is the mean of its answered items; its score is
  ``(mean - 1) / (points - 1) * 100``; its level is low below ``mid_from``, mid
  from ``mid_from``, high from ``high_from``.
* A composite (D, P, B, S) is the mean of the scores of its scored subscales, in
  questionnaire order; None when none is scored. Orientation = D - P.
* An index is the mean of its ``plus`` scores minus the mean of its ``minus``
  scores (composites or subscales); None when one of them is not scored.
* Response style: when the questionnaire sets ``response_style`` and the person
  gave at least ``min_answers`` scale answers whose standard deviation (population,
  in points) is below ``min_spread``, the style is ``straight_lining``; otherwise,
  when both items of at least ``max_opposites`` opposite pairs are answered
  ``agree_from`` or more, it is ``contradictory``. With a style, no profile is claimed.
* Otherwise the profile is the first rule whose conditions all hold (``at_least``:
  >=, ``below``: <); None when a composite, or a score a rule reads, is None.
* Notes: the band (number) or option (choice) of the item a note reads.
* Leaning: the most frequent leaning of the chosen situation options (a tie is
  ``mixed``), when the questionnaire summarises leanings.
* Benchmarks: see ``_benchmark``. A ``count`` benchmark is *not answered* as
  soon as one of the items it reads is unanswered: a partial count would pass
  for a low one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np

from questionnaires.schema import (
    NOT_APPLICABLE,
    ChoiceItem,
    NumberItem,
    Questionnaire,
    ScaleItem,
)

from . import feedback as fb
from .errors import AnswersError
from .model import BenchmarkResult, Profile, SubscaleResult
from .plan import Plan, leaning_of, on_step, plan_for


def _is_int(value: object) -> bool:
    return isinstance(value, (Integral, np.integer)) and not isinstance(value, (bool, np.bool_))


def _is_real(value: object) -> bool:
    return isinstance(value, (Real, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def number_problem(item: NumberItem, value: object) -> str | None:
    """Why a typed number is refused: "not_a_number", "out_of_range" or "off_step"; None if fine.

    The page says it next to the field in the person's language; ``check_answer`` says it
    to a developer. 1.7 where the step is 0.5 is "off_step"; 10**400 is "out_of_range".
    """
    if not _is_real(value):
        return "not_a_number"
    try:
        number = float(value)
    except OverflowError:  # a whole number too large for any float
        return "out_of_range"
    if not math.isfinite(number):
        return "not_a_number"
    if not item.min <= number <= item.max:
        return "out_of_range"
    if not on_step(number, item.min, item.step):
        return "off_step"
    return None


def check_answer(plan: Plan, item_id: object, value: object) -> str | None:
    """Why ``value`` is not a valid answer to ``item_id``, or None when it is."""
    item = plan.items.get(item_id) if isinstance(item_id, str) else None
    if item is None:
        return "unknown item"
    if value is None:
        return None
    if isinstance(item, ScaleItem):
        if isinstance(value, str) and value == NOT_APPLICABLE:
            return None
        points = int(plan.scale_points[plan.scale_pos[item.id]])
        if not _is_int(value):
            return f"expected a whole scale point 1..{points} or 'na', got {_show(value)}"
        if not 1 <= value <= points:
            return f"scale point {value} is off the scale 1..{points}"
        return None
    if isinstance(item, NumberItem):
        if isinstance(value, str) and value == NOT_APPLICABLE:
            return None if item.not_applicable else "'na' is not allowed for this item"
        problem = number_problem(item, value)
        if problem is None:
            return None
        return {
            "not_a_number": f"expected a finite number, got {_show(value)}",
            "out_of_range": f"{_show(value)} is outside {item.min:g}..{item.max:g}",
            "off_step": f"{_show(value)} is not on the step {item.step:g} from {item.min:g}",
        }[problem]
    # choice or situation
    options = plan.choice_options[item.id]
    if isinstance(value, str) and value in options:
        return None
    if (
        isinstance(item, ChoiceItem)
        and item.not_applicable
        and isinstance(value, str)
        and value == NOT_APPLICABLE
    ):
        return None
    allowed = ", ".join(options)
    if isinstance(item, ChoiceItem) and item.not_applicable:
        allowed += ", na"
    return f"expected one of {allowed}, got {_show(value)}"


def validate(plan: Plan, answers: Mapping) -> None:
    """Raise one ``AnswersError`` naming every bad item, or return."""
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a mapping of item id to value, not {type(answers).__name__}")
    problems = {}
    for item_id, value in answers.items():
        msg = check_answer(plan, item_id, value)
        if msg is not None:
            problems[str(item_id)] = msg
    if problems:
        raise AnswersError(problems)


def _answered(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and value == NOT_APPLICABLE)


def _benchmark(plan_b, answers: Mapping) -> BenchmarkResult:
    """Read a benchmark's items and find its status.

    bands: the number (number item) or the chosen option's ``value`` (choice item),
    placed in the first band holding it (bounds inclusive). options: the option id,
    its status from the mapping. count: how many read items have an answer in
    ``counts``, placed in the bands. Missing or "na" -> not answered.
    """
    reads = [answers.get(i) for i in plan_b.reads]
    if not all(_answered(v) for v in reads):
        return BenchmarkResult(plan_b.id, None, "not_answered", None, plan_b.sources)
    if plan_b.rule == "options":
        option = reads[0]
        return BenchmarkResult(plan_b.id, option, plan_b.options[option], option, plan_b.sources)
    if plan_b.rule == "count":
        value: float | int = sum(v in plan_b.counts for v in reads)
    elif plan_b.option_values:
        value = plan_b.option_values[reads[0]]
    else:
        value = float(reads[0])
    band = plan_b.band_for(value)
    return BenchmarkResult(plan_b.id, value, band.status, band.id, plan_b.sources)


def _mean(values) -> float | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values) / len(values)


def narrow(points: list[int], min_spread: float) -> bool:
    """Whether the answers' population standard deviation is below ``min_spread``.

    Compared as n * sum(x^2) - sum(x)^2 < (n * min_spread)^2, whole numbers on the
    left, so ``score`` and ``score_many`` agree exactly at the boundary.
    """
    n = len(points)
    return n * sum(v * v for v in points) - sum(points) ** 2 < (n * min_spread) ** 2


def _note(plan_n, answers: Mapping) -> str | None:
    """The band or option id a context note says something about; None when unanswered."""
    value = answers.get(plan_n.reads)
    if not _answered(value):
        return None
    if plan_n.options:
        return value if value in plan_n.options else None
    return next(b.id for b in plan_n.bands if b.holds(float(value)))


def score_plan(plan: Plan, answers: Mapping) -> Profile:
    validate(plan, answers)

    subscales: dict[str, SubscaleResult] = {}
    sums = dict.fromkeys(plan.composites, 0.0)
    counts = dict.fromkeys(plan.composites, 0)
    points: list[int] = []
    for sub in plan.subscales:
        total_points, answered = 0, 0
        for item_id in sub.items:
            value = answers.get(item_id)
            if _answered(value):
                total_points += int(value)
                answered += 1
                points.append(int(value))
        if answered and plan.is_scored(answered, sub.total):
            mean = total_points / answered
            score = (mean - 1) / (sub.points - 1) * 100
            level = plan.level(score)
            sums[sub.composite] += score
            counts[sub.composite] += 1
        else:
            mean = score = level = None
        subscales[sub.id] = SubscaleResult(
            sub.id, sub.composite, answered, sub.total, mean, score, level
        )

    composites = {c: (sums[c] / counts[c] if counts[c] else None) for c in plan.composites}
    d, p = composites["D"], composites["P"]
    orientation = d - p if d is not None and p is not None else None

    values: dict[str, float | None] = {**{k: r.score for k, r in subscales.items()}, **composites}
    indices = {
        i.id: (None if (a := _mean(values[n] for n in i.plus)) is None or (b := _mean(values[n] for n in i.minus)) is None
               else a - b)
        for i in plan.indices
    }
    values.update(indices)

    style = None
    if plan.min_spread is not None and len(points) >= plan.min_style_answers and narrow(points, plan.min_spread):
        style = "straight_lining"
    elif plan.max_opposites is not None:
        agreed = sum(
            all(_answered(v := answers.get(i)) and int(v) >= plan.agree_from for i in pair) for pair in plan.opposites
        )
        if agreed >= plan.max_opposites:
            style = "contradictory"
    rule = None
    if style is None and all(values[n] is not None for n in plan.rule_inputs):
        rule = next((r for r in plan.rules if r.holds(values)), None)

    benchmarks = {b.id: _benchmark(b, answers) for b in plan.benchmarks}
    notes = {n.id: band for n in plan.notes if (band := _note(n, answers)) is not None}
    situations = {
        i: answers[i] for i in plan.situations if answers.get(i) is not None
    }
    leaning = leaning_of([plan.leanings[i][o] for i, o in situations.items()]) if plan.leanings else None

    keys: list[str] = []
    if style is not None:
        keys.append(fb.style_key(style))
    if rule is not None:
        keys.append(fb.profile_key(rule.id))
    keys += [fb.subscale_key(s.id, s.level) for s in subscales.values() if s.level is not None]
    for b in plan.benchmarks:
        result = benchmarks[b.id]
        keys.append(fb.benchmark_key(b.id, result.status))
        if result.band is not None and any(x.id == result.band and x.has_note for x in b.bands):
            keys.append(fb.band_key(b.id, result.band))
    keys += [fb.note_key(n, band) for n, band in notes.items()]
    keys += [fb.situation_key(i, o) for i, o in situations.items()]
    if leaning is not None:
        keys.append(fb.leaning_key(leaning))

    return Profile(
        role=plan.role,
        version=plan.version,
        intentions=answers.get(plan.experience_item) == plan.experience_no,
        subscales=subscales,
        composites=composites,
        orientation=orientation,
        indices=indices,
        response_style=style,
        profile=rule.id if rule else None,
        profile_label=dict(rule.label) if rule else None,
        benchmarks=benchmarks,
        notes=notes,
        feedback_keys=tuple(keys),
        situations=situations,
        leaning=leaning,
    )


def score(questionnaire: Questionnaire, answers: Mapping) -> Profile:
    """Score one person's answers (item id -> value) on ``questionnaire``.

    Raises ``AnswersError`` naming every invalid answer (unknown item, value off
    the scale, number out of bounds or off its step, text where a number goes,
    unknown option). Missing items (absent or None) are simply unanswered.
    """
    return score_plan(plan_for(questionnaire), answers)



def validate_answers(questionnaire: Questionnaire, answers: Mapping) -> None:
    """Check answers without scoring them: raise one ``AnswersError`` or return."""
    validate(plan_for(questionnaire), answers)
