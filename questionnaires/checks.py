"""Whole-questionnaire checks that a field-by-field schema cannot make.

Each check yields ``Problem``s naming the item (or other object) and the field,
so an author fixing a YAML file knows where to look.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .schema import (
    REQUIRED_COMPOSITES,
    Band,
    Benchmark,
    ChoiceItem,
    NumberItem,
    Questionnaire,
    SituationItem,
)

EPS = 1e-9
MIN_ITEMS_PER_SUBSCALE = 4


@dataclass(frozen=True)
class Problem:
    where: str  # "item 'b_rel_1'", "benchmark 'group_size'", "" for the top level
    field: str
    message: str


def run_all(q: Questionnaire, known_sources: set[str]) -> list[Problem]:
    checks = (
        _duplicate_ids,
        _references,
        _subscale_sizes,
        _unknown_sources,
        _benchmarks,
        _benchmark_feedback,
        _profile_names,
        _notes,
        _situation_leanings,
        _opposites,
    )
    return [p for check in checks for p in check(q, known_sources)]


def _duplicate_ids(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    groups = {
        "item": [i.id for i in q.items],
        "section": [s.id for s in q.sections],
        "subscale": [s.id for s in q.subscales],
        "benchmark": [b.id for b in q.benchmarks],
        "note": [n.id for n in q.notes],
        "profile": [r.id for r in q.profiles.rules],
        "profile index": [i.id for i in q.profiles.indices],
        "reflection question": [r.id for r in q.reflection_questions],
    }
    for kind, ids in groups.items():
        for dup, n in Counter(ids).items():
            if n > 1:
                yield Problem(f"{kind} '{dup}'", "id", f"the id is used {n} times")
    for item in q.items:
        options = getattr(item, "options", [])
        for dup, n in Counter(o.id for o in options).items():
            if n > 1:
                yield Problem(f"item '{item.id}'", "options", f"option id '{dup}' is used {n} times")


def _references(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    subscales = {s.id for s in q.subscales}
    for item in q.scale_items:
        if item.scale not in q.scales:
            yield Problem(f"item '{item.id}'", "scale", f"unknown scale '{item.scale}'")
        if item.subscale not in subscales:
            yield Problem(f"item '{item.id}'", "subscale", f"unknown subscale '{item.subscale}'")
    missing = [c for c in REQUIRED_COMPOSITES if c not in q.composites]
    if missing:
        yield Problem("", "composites", f"missing composite(s) {', '.join(missing)}")
    for sub in q.subscales:
        if sub.composite not in q.composites:
            yield Problem(f"subscale '{sub.id}'", "composite", f"composite '{sub.composite}' is not defined")
    for code in q.composites:
        if not any(s.composite == code for s in q.subscales):
            yield Problem("", "composites", f"composite '{code}' has no subscale")
    exp = q.item_index.get(q.experience_item)
    if not isinstance(exp, ChoiceItem):
        yield Problem("", "experience_item", f"'{q.experience_item}' is not a choice item")
    elif q.experience_no not in {o.id for o in exp.options}:
        yield Problem(
            f"item '{exp.id}'", "options", f"has no option '{q.experience_no}' (experience_no)"
        )


def _subscale_sizes(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    for sub in q.subscales:
        n = len(q.subscale_items(sub.id))
        if n < MIN_ITEMS_PER_SUBSCALE:
            yield Problem(
                f"subscale '{sub.id}'",
                "items",
                f"has {n} item(s); a subscale needs at least {MIN_ITEMS_PER_SUBSCALE}",
            )


def _walk_sources(node: object, path: list[str]) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (path, sources) for every ``sources`` list in a dumped model."""
    if isinstance(node, dict):
        if "sources" in node and isinstance(node["sources"], list):
            yield path, node["sources"]
        for key, value in node.items():
            label = f"{key} '{value['id']}'" if isinstance(value, dict) and "id" in value else key
            yield from _walk_sources(value, [*path, label])
    elif isinstance(node, list):
        for value in node:
            label = f"'{value['id']}'" if isinstance(value, dict) and "id" in value else "[]"
            yield from _walk_sources(value, [*path, label])


def _unknown_sources(q: Questionnaire, known: set[str]) -> Iterator[Problem]:
    for path, sources in _walk_sources(q.model_dump(), []):
        for source in sources:
            if source not in known:
                yield Problem(_where(path), "sources", f"unknown source id '{source}'")


def _where(path: list[str]) -> str:
    """The innermost named object of a path: "item 'x'", "benchmark 'y'"..."""
    named = [p for p in path if "'" in p]
    if not named:
        return ".".join(path)
    last = named[-1]
    if last.startswith("'"):
        idx = path.index(last)
        parent = path[idx - 1] if idx else ""
        kind = {"items": "item", "options": "option", "rules": "profile", "bands": "band"}.get(
            parent.split(" ")[0], parent.split(" ")[0].rstrip("s")
        )
        return f"{kind} {last}"
    return last


def _benchmarks(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    for bench in q.benchmarks:
        where = f"benchmark '{bench.id}'"
        items = [q.item_index.get(i) for i in bench.reads]
        for item_id, item in zip(bench.reads, items):
            if item is None:
                yield Problem(where, "reads", f"reads item '{item_id}', which does not exist")
        if any(i is None for i in items):
            continue
        yield from _benchmark_rule(bench, items, where)


def _benchmark_rule(bench: Benchmark, items: list, where: str) -> Iterator[Problem]:
    item = items[0]
    if bench.rule == "bands":
        if isinstance(item, NumberItem):
            yield from _band_coverage(bench.bands, item.min, item.max, item.step, where)
        elif isinstance(item, ChoiceItem) and all(o.value is not None for o in item.options):
            for opt in item.options:
                hits = [b.id for b in bench.bands if _in_band(opt.value, b)]
                if len(hits) != 1:
                    yield Problem(
                        where,
                        "bands",
                        f"option '{opt.id}' (value {opt.value:g}) falls in {len(hits)} bands",
                    )
        else:
            yield Problem(
                where,
                "reads",
                f"rule 'bands' needs a number item or a choice item whose options all have a "
                f"value; '{item.id}' is a {item.type} item",
            )
    elif bench.rule == "options":
        if not isinstance(item, ChoiceItem):
            yield Problem(where, "reads", f"rule 'options' needs a choice item; '{item.id}' is a {item.type} item")
            return
        option_ids = {o.id for o in item.options}
        for extra in sorted(set(bench.options) - option_ids):
            yield Problem(where, "options", f"'{extra}' is not an option of item '{item.id}'")
        for missing in sorted(option_ids - set(bench.options)):
            yield Problem(where, "options", f"option '{missing}' of item '{item.id}' has no status")
    else:  # count
        for it in items:
            if not isinstance(it, ChoiceItem):
                yield Problem(where, "reads", f"rule 'count' needs choice items; '{it.id}' is a {it.type} item")
                continue
            unknown = set(bench.counts) - {o.id for o in it.options}
            if unknown:
                yield Problem(
                    where, "counts", f"{sorted(unknown)} are not options of item '{it.id}'"
                )
        yield from _band_coverage(bench.bands, 0, len(items), 1, where)


def _in_band(value: float, band: Band) -> bool:
    return band.min - EPS <= value and (band.max is None or value <= band.max + EPS)


def _band_coverage(
    bands: list[Band], lo: float, hi: float, step: float, where: str
) -> Iterator[Problem]:
    """Bands must tile [lo, hi] on the item's step: no overlap, no gap."""
    ordered = sorted(bands, key=lambda b: b.min)
    for band in ordered:
        if band.max is not None and band.max < band.min:
            yield Problem(f"{where}, band '{band.id}'", "max", f"{band.max:g} is below min {band.min:g}")
    if abs(ordered[0].min - lo) > EPS:
        yield Problem(
            f"{where}, band '{ordered[0].id}'", "min", f"the lowest band starts at {ordered[0].min:g}, not at {lo:g}"
        )
    for prev, nxt in itertools.pairwise(ordered):
        if prev.max is None or nxt.min <= prev.max + EPS:
            yield Problem(f"{where}, band '{nxt.id}'", "min", f"overlaps band '{prev.id}'")
        elif nxt.min - prev.max > step + EPS:
            yield Problem(
                f"{where}, band '{nxt.id}'",
                "min",
                f"gap between band '{prev.id}' (max {prev.max:g}) and '{nxt.id}' (min {nxt.min:g})",
            )
    top = ordered[-1]
    if top.max is not None and top.max + EPS < hi:
        yield Problem(f"{where}, band '{top.id}'", "max", f"the highest band ends at {top.max:g}, below {hi:g}")


def _benchmark_feedback(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    """A status's feedback is present exactly when a band or an option can give it."""
    for bench in q.benchmarks:
        reachable = {b.status for b in bench.bands} | set(bench.options.values())
        for status in ("partly_met", "not_met"):
            present = bench.feedback.get(status) is not None
            if status in reachable and not present:
                yield Problem(f"benchmark '{bench.id}'", f"feedback.{status}", "missing: a band or option gives this status")
            elif present and status not in reachable:
                yield Problem(
                    f"benchmark '{bench.id}'", f"feedback.{status}", "no band or option gives this status: remove it"
                )


def _profile_names(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    """Indices and conditions name composites, subscales or (conditions) indices that exist."""
    scores = set(q.composites) | {s.id for s in q.subscales}
    for index in q.profiles.indices:
        for side in ("plus", "minus"):
            for name in getattr(index, side):
                if name not in scores:
                    yield Problem(f"profile index '{index.id}'", side, f"'{name}' is neither a composite nor a subscale")
    names = scores | {i.id for i in q.profiles.indices}
    for rule in q.profiles.rules:
        for cond in rule.when:
            if cond.of not in names:
                yield Problem(f"profile '{rule.id}'", "when", f"'{cond.of}' is not an index, composite or subscale")


def _notes(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    for note in q.notes:
        where = f"note '{note.id}'"
        item = q.item_index.get(note.reads)
        if item is None:
            yield Problem(where, "reads", f"reads item '{note.reads}', which does not exist")
        elif note.bands:
            if not isinstance(item, NumberItem):
                yield Problem(where, "reads", f"bands need a number item; '{item.id}' is a {item.type} item")
            else:
                yield from _band_coverage(note.bands, item.min, item.max, item.step, where)
        elif not isinstance(item, ChoiceItem):
            yield Problem(where, "reads", f"options need a choice item; '{item.id}' is a {item.type} item")
        else:
            ids = {o.id for o in item.options}
            for extra in sorted(set(note.options) - ids):
                yield Problem(where, "options", f"'{extra}' is not an option of item '{item.id}'")
            for missing in sorted(ids - set(note.options)):
                yield Problem(where, "options", f"option '{missing}' of item '{item.id}' has no text")


def _situation_leanings(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    """When leanings are summarised, every leaning an option can have (and ties) has a text."""
    if not q.situation_leanings:
        return
    used = {o.leaning for i in q.items if isinstance(i, SituationItem) for o in i.options} | {"mixed"}
    for leaning in sorted(used - set(q.situation_leanings)):
        yield Problem("", "situation_leanings", f"no text for leaning '{leaning}'")
    for leaning in sorted(set(q.situation_leanings) - used):
        yield Problem("", "situation_leanings", f"no situation option leans '{leaning}'")


def _opposites(q: Questionnaire, _: set[str]) -> Iterator[Problem]:
    """Opposite pairs name two scale items of the questionnaire, on scales that reach agree_from."""
    style = q.response_style
    if style is None:
        return
    scale_ids = {i.id for i in q.scale_items}
    for a, b in style.opposites:
        for item_id in (a, b):
            if item_id not in scale_ids:
                yield Problem("response_style", "opposites", f"'{item_id}' is not a scale item")
            elif q.scales[q.item_index[item_id].scale].points < style.agree_from:
                yield Problem("response_style", "opposites", f"'{item_id}' has no point {style.agree_from}")
