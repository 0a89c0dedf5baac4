"""Reading the questionnaire's rules for display: quadrants, conditions, values read.

Pure helpers shared by the plotly charts, the matplotlib images and the PDF, so the
screen and the paper say the same thing. Cut-offs and bands come from the YAML.
"""

from __future__ import annotations

from collections.abc import Mapping

from i18n import number, t
from questionnaires.schema import (
    Benchmark,
    ChoiceItem,
    NumberItem,
    ProfileRule,
    Questionnaire,
    SituationItem,
)
from scoring.feedback import parse_key
from scoring.model import BenchmarkResult, Profile

from .base import status_mark

LEVELS = ("high", "low")


def level(value: float, cutoff: float) -> str:
    """``high`` from the cut-off up, ``low`` below it (the display's reading of a cut-off)."""
    return "high" if value >= cutoff else "low"


def rule_for(q: Questionnaire, levels: Mapping[str, str]) -> ProfileRule | None:
    """The first profile rule whose conditions the levels meet (rules are tried in order)."""
    for rule in q.profiles.rules:
        if all(levels.get(c) == v for c, v in rule.when.items()):
            return rule
    return None


def favoured_rule(q: Questionnaire) -> ProfileRule:
    return next(r for r in q.profiles.rules if r.favoured)


def quadrant_rules(q: Questionnaire, s_level: str | None) -> dict[tuple[str, str], list[ProfileRule]]:
    """For each (D level, P level) quadrant, the rules that name it.

    With S known, one rule per quadrant; with S unknown, the rules for S high and
    S low (one when they agree).
    """
    quadrants: dict[tuple[str, str], list[ProfileRule]] = {}
    s_levels = (s_level,) if s_level else LEVELS
    for d in LEVELS:
        for p in LEVELS:
            found: list[ProfileRule] = []
            for s in s_levels:
                rule = rule_for(q, {"D": d, "P": p, "S": s})
                if rule is not None and rule not in found:
                    found.append(rule)
            quadrants[(d, p)] = found
    return quadrants


def quadrant_labels(q: Questionnaire, composites: Mapping[str, float | None]) -> list[dict]:
    """Where to write each quadrant's name on the (D, P) map, 0..100 both.

    A name sits in its quadrant's outer corner, unless the person's point is in that
    half of the quadrant: then at its other end, so the two never overlap. Each entry:
    ``rules``, ``x``, ``y``, ``left`` (anchor left, else right), ``top`` (anchor top,
    else bottom), ``share`` (the quadrant's share of the width, for wrapping).
    """
    cuts = q.profiles.cutoffs
    d, p, s = (composites.get(c) for c in ("D", "P", "S"))
    s_level = level(s, cuts["S"]) if s is not None else None
    labels = []
    for (d_level, p_level), rules in quadrant_rules(q, s_level).items():
        if not rules:
            continue
        left = d_level == "low"
        bottom, top = (cuts["P"], 100.0) if p_level == "high" else (0.0, cuts["P"])
        at_top = p_level == "high"
        if d is not None and p is not None and level(d, cuts["D"]) == d_level and level(p, cuts["P"]) == p_level:
            at_top = p < (bottom + top) / 2
        labels.append({
            "rules": rules,
            "x": 1.0 if left else 99.0,
            "y": top - 1 if at_top else bottom + 1,
            "left": left,
            "top": at_top,
            "share": cuts["D"] / 100 if left else 1 - cuts["D"] / 100,
        })
    return labels


def condition_text(q: Questionnaire, rule: ProfileRule, lang: str) -> str:
    """A rule's conditions written with the cut-offs: "D ≥ 60 · P < 50 · S ≥ 55"."""
    parts = []
    for code in ("D", "P", "S"):
        if code in rule.when:
            cut = number(q.profiles.cutoffs[code], lang)
            parts.append(f"{code} ≥ {cut}" if rule.when[code] == "high" else f"{code} < {cut}")
    return " · ".join(parts)


def favoured_box(q: Questionnaire) -> tuple[float, float, float, float]:
    """The favoured rule's region in the (D, P) plane: x0, x1, y0, y1."""
    rule = favoured_rule(q)

    def span(code: str) -> tuple[float, float]:
        cut = q.profiles.cutoffs[code]
        return {"high": (cut, 100.0), "low": (0.0, cut)}.get(rule.when.get(code, ""), (0.0, 100.0))

    (x0, x1), (y0, y1) = span("D"), span("P")
    return x0, x1, y0, y1


def band_position(score: float, band: tuple[float, float]) -> str:
    """``below``, ``in`` or ``above`` the recommended band (bounds inclusive)."""
    lo, hi = band
    if score < lo:
        return "below"
    if score > hi:
        return "above"
    return "in"


def _digits(step: float) -> int:
    return 0 if float(step).is_integer() else len(f"{step:g}".split(".")[-1])


def benchmark_value_text(q: Questionnaire, bench: Benchmark, result: BenchmarkResult | None, lang: str) -> str:
    """What the person answered, in words: "2 par semaine", "Individuel", "2 sur 5"."""
    if result is None or result.value is None or result.status == "not_answered":
        return t("charts.benchmarks.no_answer", lang)
    value = result.value
    if bench.rule == "count":
        return t("charts.benchmarks.count", lang, n=number(float(value), lang), total=len(bench.reads))
    item = q.item_index.get(bench.reads[0])
    if isinstance(item, ChoiceItem):
        for option in item.options:
            if option.id == value or (
                option.value is not None and not isinstance(value, str) and abs(option.value - float(value)) < 1e-9
            ):
                return option.label(lang)
    if isinstance(item, NumberItem) and not isinstance(value, str):
        digits = 0 if float(value).is_integer() else _digits(item.step)
        return f"{number(float(value), lang, digits)}\u00a0{item.unit(lang)}"
    if isinstance(value, str):
        return value
    return number(float(value), lang, 1 if not float(value).is_integer() else 0)


def benchmark_rows(q: Questionnaire, profile: Profile, lang: str) -> list[dict]:
    """One row a benchmark, in the questionnaire's order: title, status, value, threshold."""
    rows = []
    for bench in q.benchmarks:
        result = profile.benchmarks.get(bench.id)
        status = result.status if result is not None else "not_answered"
        rows.append(
            {
                "id": bench.id,
                "title": bench.title(lang),
                "status": status,
                "value": benchmark_value_text(q, bench, result, lang),
                "threshold": bench.threshold(lang),
                "reason": bench.reason(lang),
            }
        )
    return rows


def composite_order(q: Questionnaire) -> list[str]:
    return [c for c in ("D", "P", "S") if c in q.composites]


def feedback_heading(q: Questionnaire, key: str, profile: Profile, lang: str) -> tuple[str, str]:
    """(section, heading) of a feedback key: the object it speaks of, in words."""
    kind, *rest = parse_key(key)
    if kind == "profile":
        rule = next((r for r in q.profiles.rules if r.id == rest[0]), None)
        return kind, rule.label(lang) if rule else rest[0]
    if kind == "subscale":
        sub = next((s for s in q.subscales if s.id == rest[0]), None)
        label = sub.label(lang) if sub else rest[0]
        return kind, t("reports.feedback.subscale_heading", lang, label=label,
                       level=t(f"reports.level.{rest[1]}", lang))
    if kind in ("benchmark", "band"):
        bench = next((b for b in q.benchmarks if b.id == rest[0]), None)
        title = bench.title(lang) if bench else rest[0]
        result = profile.benchmarks.get(rest[0])
        status = rest[1] if kind == "benchmark" else (result.status if result else "not_answered")
        return "benchmark", f"{title} — {status_mark(status, lang)}"
    if kind == "situation":
        item = q.item_index.get(rest[0])
        return kind, item.title(lang) if isinstance(item, SituationItem) else rest[0]
    return kind, key
