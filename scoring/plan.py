"""A questionnaire compiled once into the index arrays and lookups scoring needs.

``plan_for(questionnaire)`` is cached per questionnaire object (the cache entry
goes away with the object), so ``score()`` and ``score_many()`` never walk the
pydantic model on the hot path. Nothing here holds a reference to the
questionnaire itself.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from questionnaires.checks import EPS as BAND_EPS
from questionnaires.schema import (
    STATUSES,
    Benchmark,
    ChoiceItem,
    Note,
    NumberItem,
    Questionnaire,
    SituationItem,
)

# A number answer is "on the step" when (value - min) / step is within this of a
# whole number (relative to its size): 0.1 + 0.2 is on a 0.1 step, 0.35 is not.
STEP_TOLERANCE = 1e-9
LEVELS = ("low", "mid", "high")


@dataclass(frozen=True, eq=False)
class SubscalePlan:
    id: str
    composite: str
    items: tuple[str, ...]
    cols: np.ndarray  # positions of its items among Plan.scale_ids
    total: int
    points: int


@dataclass(frozen=True, eq=False)
class BandPlan:
    id: str
    min: float
    max: float  # math.inf when unbounded
    status: str
    has_note: bool

    def holds(self, value: float) -> bool:
        return self.min - BAND_EPS <= value <= self.max + BAND_EPS


@dataclass(frozen=True, eq=False)
class BenchmarkPlan:
    id: str
    rule: str  # "bands", "options" or "count"
    reads: tuple[str, ...]
    bands: tuple[BandPlan, ...]
    options: dict[str, str]  # rule options: option id -> status
    counts: frozenset[str]  # rule count: option ids that count
    option_values: dict[str, float]  # rule bands on a choice item: option id -> value
    sources: tuple[str, ...]

    def band_for(self, value: float) -> BandPlan:
        """The first band holding ``value``; a value in no band is a defect, not a zero."""
        for band in self.bands:
            if band.holds(value):
                return band
        raise ValueError(
            f"benchmark '{self.id}': value {value:g} falls in none of its bands "
            "(the questionnaire's bands must tile the item's range)"
        )


@dataclass(frozen=True, eq=False)
class IndexPlan:
    """A contrast: mean of the ``plus`` scores minus mean of the ``minus`` scores."""

    id: str
    plus: tuple[str, ...]  # composite codes or subscale ids
    minus: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class RulePlan:
    id: str
    when: tuple[tuple[str, bool, float], ...]  # (score name, is "at least", bound)
    label: dict[str, str]

    def holds(self, values) -> bool:
        return all((values[n] >= b) if ge else (values[n] < b) for n, ge, b in self.when)


@dataclass(frozen=True, eq=False)
class NotePlan:
    id: str
    reads: str
    bands: tuple[BandPlan, ...]  # number item; status unused
    options: tuple[str, ...]  # choice item: the option ids with a text


@dataclass(frozen=True, eq=False)
class Plan:
    role: str
    version: str
    items: dict  # id -> item model, questionnaire order
    scale_ids: tuple[str, ...]
    scale_pos: dict[str, int]
    scale_points: np.ndarray  # points of each scale item
    scale_subscale: dict[str, str]
    scale_composite: dict[str, str]
    subscales: tuple[SubscalePlan, ...]
    composites: tuple[str, ...]  # the codes this instrument scores (D, P, B, S order)
    composite_subscales: dict[str, tuple[int, ...]]  # "D" -> subscale positions
    min_answered: Fraction
    mid_from: float
    high_from: float
    indices: tuple[IndexPlan, ...]
    rules: tuple[RulePlan, ...]
    rule_inputs: tuple[str, ...]  # every composite, subscale and index a profile needs
    min_spread: float | None  # response style: below this spread of answers, no profile
    min_style_answers: int
    opposites: tuple[tuple[str, str], ...]  # response style: pairs of opposite items
    agree_from: int
    max_opposites: int | None  # this many opposite pairs both agreed: no profile
    benchmarks: tuple[BenchmarkPlan, ...]
    notes: tuple[NotePlan, ...]
    situations: tuple[str, ...]
    leanings: dict[str, dict[str, str]]  # situation -> option -> leaning ({} if not summarised)
    choice_options: dict[str, tuple[str, ...]]  # choice and situation items
    experience_item: str
    experience_no: str

    def is_scored(self, answered: int, total: int) -> bool:
        """Exact rational test: 3 of 4 at 75 % is scored, 74 of 100 is not."""
        return answered * self.min_answered.denominator >= total * self.min_answered.numerator

    def level(self, score: float) -> str:
        if score >= self.high_from:
            return "high"
        if score >= self.mid_from:
            return "mid"
        return "low"


def _fraction(share: float) -> Fraction:
    # The share as written in the YAML (0.75 -> 3/4, 0.7 -> 7/10), not its binary
    # approximation, so that 7 of 10 items at 0.7 is scored.
    return Fraction(repr(share))


def _compile(q: Questionnaire) -> Plan:
    scale_items = q.scale_items
    scale_ids = tuple(i.id for i in scale_items)
    scale_pos = {item_id: n for n, item_id in enumerate(scale_ids)}
    points = np.array([q.scales[i.scale].points for i in scale_items], dtype=np.int64)
    subscale_composite = {s.id: s.composite for s in q.subscales}

    subscales = []
    for sub in q.subscales:
        items = q.subscale_items(sub.id)
        pts = {q.scales[i.scale].points for i in items}
        if len(pts) != 1:
            raise ValueError(
                f"subscale '{sub.id}' mixes scales with {sorted(pts)} points; "
                "a subscale's items must share one number of points to be averaged"
            )
        subscales.append(
            SubscalePlan(
                id=sub.id,
                composite=sub.composite,
                items=tuple(i.id for i in items),
                cols=np.array([scale_pos[i.id] for i in items], dtype=np.intp),
                total=len(items),
                points=pts.pop(),
            )
        )

    composites = q.composite_codes
    composite_subscales = {
        c: tuple(n for n, s in enumerate(subscales) if s.composite == c) for c in composites
    }
    indices = tuple(IndexPlan(i.id, tuple(i.plus), tuple(i.minus)) for i in q.profiles.indices)
    rules = tuple(
        RulePlan(
            id=r.id,
            when=tuple((c.of, c.at_least is not None, c.bound) for c in r.when),
            label={"fr": r.label.fr, "en": r.label.en},
        )
        for r in q.profiles.rules
    )
    index_ids = {i.id for i in indices}
    inputs = dict.fromkeys(composites)
    for rule in rules:
        for name, _, _ in rule.when:
            inputs.setdefault(name)
    for index in indices:
        if index.id in inputs:
            for name in (*index.plus, *index.minus):
                inputs.setdefault(name)
    style = q.response_style
    benchmarks = tuple(_compile_benchmark(q, b) for b in q.benchmarks)
    choice_options = {
        i.id: tuple(o.id for o in i.options)
        for i in q.items
        if isinstance(i, (ChoiceItem, SituationItem))
    }
    return Plan(
        role=q.id,
        version=q.version,
        items=dict(q.item_index),
        scale_ids=scale_ids,
        scale_pos=scale_pos,
        scale_points=points,
        scale_subscale={i.id: i.subscale for i in scale_items},
        scale_composite={i.id: subscale_composite[i.subscale] for i in scale_items},
        subscales=tuple(subscales),
        composites=composites,
        composite_subscales=composite_subscales,
        min_answered=_fraction(q.levels.min_answered),
        mid_from=q.levels.mid_from,
        high_from=q.levels.high_from,
        indices=indices,
        rules=rules,
        rule_inputs=tuple(n for n in inputs if n not in index_ids),
        min_spread=style.min_spread if style else None,
        min_style_answers=style.min_answers if style else 0,
        opposites=tuple(tuple(pair) for pair in style.opposites) if style else (),
        agree_from=style.agree_from if style else 0,
        max_opposites=style.max_opposites if style else None,
        benchmarks=benchmarks,
        notes=tuple(_compile_note(n) for n in q.notes),
        situations=tuple(i.id for i in q.items if isinstance(i, SituationItem)),
        leanings={
            i.id: {o.id: o.leaning for o in i.options}
            for i in q.items
            if isinstance(i, SituationItem)
        } if q.situation_leanings else {},
        choice_options=choice_options,
        experience_item=q.experience_item,
        experience_no=q.experience_no,
    )


def _band_plan(band, status: str = "") -> BandPlan:
    return BandPlan(
        id=band.id,
        min=band.min,
        max=math.inf if band.max is None else band.max,
        status=status or band.status,
        has_note=getattr(band, "note", None) is not None,
    )


def _compile_note(note: Note) -> NotePlan:
    return NotePlan(
        id=note.id,
        reads=note.reads,
        bands=tuple(_band_plan(b, "noted") for b in note.bands),
        options=tuple(note.options),
    )


def _compile_benchmark(q: Questionnaire, b: Benchmark) -> BenchmarkPlan:
    bands = tuple(_band_plan(band) for band in b.bands)
    option_values: dict[str, float] = {}
    if b.rule == "bands":
        item = q.item_index[b.reads[0]]
        if isinstance(item, ChoiceItem):
            missing = [o.id for o in item.options if o.value is None]
            if missing:
                raise ValueError(
                    f"benchmark '{b.id}' reads choice item '{item.id}' whose options "
                    f"{missing} have no value"
                )
            option_values = {o.id: float(o.value) for o in item.options}
        elif not isinstance(item, NumberItem):
            raise ValueError(f"benchmark '{b.id}': rule 'bands' cannot read a {item.type} item")
    for status in b.options.values():
        assert status in STATUSES
    return BenchmarkPlan(
        id=b.id,
        rule=b.rule,
        reads=tuple(b.reads),
        bands=bands,
        options=dict(b.options),
        counts=frozenset(b.counts),
        option_values=option_values,
        sources=tuple(b.sources),
    )


_CACHE: dict[int, Plan] = {}


def plan_for(q: Questionnaire) -> Plan:
    """The compiled plan of ``q``, built once per questionnaire object."""
    key = id(q)
    plan = _CACHE.get(key)
    if plan is None:
        plan = _compile(q)
        _CACHE[key] = plan
        weakref.finalize(q, _CACHE.pop, key, None)
    return plan


def on_step(value: float, lo: float, step: float) -> bool:
    """Whether ``value`` is ``lo`` plus a whole number of steps (to STEP_TOLERANCE)."""
    k = (value - lo) / step
    return abs(k - round(k)) <= STEP_TOLERANCE * max(1.0, abs(k))



def leaning_of(chosen: list[str]) -> str | None:
    """The most frequent leaning among the chosen situation options; a tie is ``mixed``."""
    if not chosen:
        return None
    counts: dict[str, int] = {}
    for leaning in chosen:
        counts[leaning] = counts.get(leaning, 0) + 1
    top = max(counts.values())
    winners = [k for k, v in counts.items() if v == top]
    return winners[0] if len(winners) == 1 else "mixed"
