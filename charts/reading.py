"""Reading the questionnaire's rules for display: regions, conditions, values read.

Pure helpers shared by the plotly charts, the matplotlib images and the PDF, so the
screen and the paper say the same thing. Cut-offs and bands come from the YAML.
"""

from __future__ import annotations

from i18n import number, t
from questionnaires.schema import (
    Benchmark,
    ChoiceItem,
    Index,
    NumberItem,
    ProfileRule,
    Questionnaire,
    SituationItem,
)
from scoring.feedback import parse_key
from scoring.model import BenchmarkResult, Profile

from .base import D_ZONE, LIGHT, P_ZONE, status_mark

def recommended_rules(q: Questionnaire) -> list[ProfileRule]:
    """The profiles the research supports, in rule order."""
    return [r for r in q.profiles.rules if r.recommended]


def lead_index(q: Questionnaire) -> Index | None:
    """The index that is the orientation itself (D − P), if the rules read one."""
    return next((i for i in q.profiles.indices if i.plus == ["D"] and i.minus == ["P"]), None)


def _score_name(q: Questionnaire, name: str, lang: str) -> str:
    index = q.profiles.index(name)
    if index is not None:
        return index.label(lang)
    if name in q.composites:
        return name
    sub = next((s for s in q.subscales if s.id == name), None)
    return sub.label(lang) if sub else name


def condition_text(q: Questionnaire, rule: ProfileRule, lang: str) -> str:
    """A rule's conditions in words and numbers: "Qui mène (D − P) ≥ 20 · Buts − relation ≥ 0".

    The last rule has none: it names every case the rules above it leave.
    """
    if not rule.when:
        return t("charts.map.otherwise", lang)
    parts = []
    for cond in rule.when:
        sign = "≥" if cond.at_least is not None else "<"
        parts.append(f"{_score_name(q, cond.of, lang)} {sign} {number(cond.bound, lang)}")
    return " · ".join(parts)


def lead_regions(q: Questionnaire) -> list[dict]:
    """The bands of the orientation (D − P) that the rules cut, low to high.

    Each: ``lo``, ``hi`` (−100..100), ``rules`` (the first rule that reads the
    orientation alone and holds in the band, or else the recommended ones) and
    ``recommended`` (whether those are the recommended ones).
    """
    index = lead_index(q)
    if index is None:
        return []
    alone = [r for r in q.profiles.rules if r.when and all(c.of == index.id for c in r.when)]
    bounds = sorted({c.bound for r in alone for c in r.when if -100 < c.bound < 100})
    edges = [-100.0, *bounds, 100.0]
    regions = []
    for lo, hi in zip(edges, edges[1:]):
        mid = (lo + hi) / 2
        rule = next((r for r in alone if all(c.holds(mid) for c in r.when)), None)
        regions.append({
            "lo": lo, "hi": hi,
            "rules": [rule] if rule else recommended_rules(q),
            "recommended": rule is None or rule.recommended,
        })
    return regions


def orientation_zones(q: Questionnaire) -> list[tuple[float, float, str]]:
    """The orientation's bands as the profile rules cut them: (from, to, fill colour).

    The adult-led end is vermillion, the band of the recommended profiles blue, a band
    between them grey. Without rules on the orientation: two halves at 0.
    """
    regions = lead_regions(q)
    if not regions:
        return [(-100.0, 0.0, P_ZONE), (0.0, 100.0, D_ZONE)]
    return [(r["lo"], r["hi"], D_ZONE if r["recommended"] else P_ZONE if r["lo"] <= -100 else LIGHT)
            for r in regions]


def lead_polygon(lo: float, hi: float) -> list[tuple[float, float]]:
    """The part of the 0..100 square (x = D, y = P) where lo <= x − y <= hi."""
    square = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]

    def clip(points, inside, cross):
        out = []
        for a, b in zip(points, points[1:] + points[:1]):
            if inside(a):
                out.append(a)
                if not inside(b):
                    out.append(cross(a, b))
            elif inside(b):
                out.append(cross(a, b))
        return out

    def crossing(c):
        def cross(a, b):
            fa, fb = a[0] - a[1] - c, b[0] - b[1] - c
            k = fa / (fa - fb)
            return (a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1]))
        return cross

    pts = clip(square, lambda p: p[0] - p[1] >= lo - 1e-9, crossing(lo))
    return clip(pts, lambda p: p[0] - p[1] <= hi + 1e-9, crossing(hi)) if pts else []


def region_spot(region: dict, point: tuple[float, float] | None) -> dict:
    """Where to write a band's name: its far corner, or its other end when the point is there.

    ``x``, ``y`` (0..100), ``left`` (anchor left), ``top`` (anchor top).
    """
    poly = lead_polygon(region["lo"], region["hi"])
    # The two ends of a band are its vertices farthest apart along the diagonal x + y.
    low_end = min(poly, key=lambda p: (p[0] + p[1], p[0]))
    high_end = max(poly, key=lambda p: (p[0] + p[1], -p[0]))
    if region["lo"] <= -100:  # top-left corner band
        ends = [(0.0, 100.0), low_end]
    elif region["hi"] >= 100:  # bottom-right corner band
        ends = [(100.0, 0.0), high_end]
    else:
        ends = [high_end, low_end]
    spot = ends[0]
    if point is not None and abs(point[0] - spot[0]) < 30 and abs(point[1] - spot[1]) < 30:
        spot = ends[1]
    x, y = spot
    return {"x": min(max(x, 1.0), 99.0), "y": min(max(y, 1.0), 99.0), "left": x < 50, "top": y > 50}


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
                "basis": t(f"charts.benchmarks.basis.{bench.basis}", lang),
                "reason": bench.reason(lang),
            }
        )
    return rows


def composite_order(q: Questionnaire) -> list[str]:
    return list(q.composite_codes)


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
    if kind == "note":
        note = next((n for n in q.notes if n.id == rest[0]), None)
        return kind, note.title(lang) if note else rest[0]
    if kind == "style":
        return "profile", t("reports.feedback.style_heading", lang)
    if kind == "leaning":
        return "situation", t("reports.feedback.leaning_heading", lang)
    return kind, key
