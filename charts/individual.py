"""One person's charts: (questionnaire, profile, lang) -> ``Chart``.

Each figure is sized for a 390 px phone first (heights ≤ 420 px except the checklist,
which grows with its rows; small margins; text ≥ 12 px; keys drawn as text above the
marks, never over them) and stays readable on a laptop. Words come from
``i18n/<lang>/charts.yaml``; names (composites, subscales, profiles, benchmarks) come
from the questionnaire.
"""

from __future__ import annotations

import plotly.graph_objects as go

from i18n import number, t
from questionnaires.schema import Questionnaire
from scoring.model import Profile

from .base import (
    BAND_FILL,
    BAND_LINE,
    BLACK,
    BLUE,
    COMPOSITE_COLOURS,
    D_ZONE,
    GREY,
    INK,
    P_ZONE,
    SKY_BLUE,
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    Chart,
    base_layout,
    esc,
    figure,
    fmt,
    key_entry,
    side,
    signed,
    status_word,
    wrap,
)
from .reading import (
    band_position,
    orientation_zones,
    benchmark_rows,
    composite_order,
    lead_polygon,
    lead_regions,
    recommended_rules,
    region_spot,
)
from .stack import Stack

# --- orientation -------------------------------------------------------------


def orientation_summary(profile: Profile, lang: str) -> str:
    if profile.orientation is None:
        return t("charts.orientation.summary_missing", lang)
    return t(
        "charts.orientation.summary",
        lang,
        value=signed(profile.orientation, lang),
        side=side(profile.orientation, lang),
    )


def orientation_axis(q: Questionnaire, profile: Profile, lang: str) -> Chart:
    """A bipolar axis from −100 (prescriptive) to +100 (developmental) with the person's mark."""
    p_label, d_label = q.composites["P"].label(lang), q.composites["D"].label(lang)
    y_axis = 0.45
    shapes = []
    for lo, hi, fill in orientation_zones(q):
        shapes.append({"type": "rect", "x0": lo, "x1": hi, "y0": 0.2, "y1": 0.7, "fillcolor": fill,
                       "line": {"width": 0}, "layer": "below"})
        if lo > -100:
            shapes.append({"type": "line", "x0": lo, "x1": lo, "y0": 0.2, "y1": 0.7,
                           "line": {"color": GREY, "width": 1, "dash": "dot"}})
    shapes.append({"type": "line", "x0": -100, "x1": 100, "y0": y_axis, "y1": y_axis,
                   "line": {"color": GREY, "width": 2}})
    annotations = [
        {"x": -100, "y": 0.95, "xanchor": "left", "yanchor": "top", "showarrow": False,
         "text": f"◀ <b>{esc(p_label)}</b>", "font": {"color": INK}},
        {"x": 100, "y": 0.95, "xanchor": "right", "yanchor": "top", "showarrow": False,
         "text": f"<b>{esc(d_label)}</b> ▶", "font": {"color": INK}},
    ]
    data = []
    if profile.orientation is not None:
        value = max(-100.0, min(100.0, profile.orientation))
        d, p = profile.composites.get("D"), profile.composites.get("P")
        data.append({
            "type": "scatter", "x": [value], "y": [y_axis], "mode": "markers", "name": t("charts.you", lang),
            "marker": {"symbol": "diamond", "size": 20, "color": BLACK, "line": {"color": "white", "width": 2}},
            "hovertemplate": esc(t("charts.orientation.hover", lang, value=signed(value, lang),
                                   d=fmt(d, lang), p=fmt(p, lang))) + "<extra></extra>",
        })
        annotations.append({"x": value, "y": 0.05, "yanchor": "bottom", "showarrow": False,
                            "xanchor": "left" if value < -80 else "right" if value > 80 else "center",
                            "text": f"<b>{signed(value, lang)}</b>", "font": {"size": 16, "color": INK}})
    else:
        annotations.append({"x": 0, "y": 0.05, "yanchor": "bottom", "showarrow": False,
                            "text": f"<i>{esc(t('charts.not_scored', lang))}</i>", "font": {"color": INK}})
    layout = {
        **base_layout(150),
        "xaxis": {"range": [-104, 104], "tickvals": [-100, -50, 0, 50, 100],
                  "ticktext": [signed(v, lang) for v in (-100, -50, 0, 50, 100)],
                  "showgrid": False, "zeroline": False, "fixedrange": True, "ticks": "outside", "ticklen": 4},
        "yaxis": {"range": [0, 1], "visible": False, "fixedrange": True},
    }
    fig = figure(data, layout, shapes=shapes, annotations=annotations)
    return Chart(fig, orientation_summary(profile, lang), t("charts.orientation.title", lang))


# --- profile map -------------------------------------------------------------


def region_text(rules: list, width: int, lang: str, counts: dict[str, int] | None = None) -> str:
    """A band's names, ★ before a recommended one, each with its count on a group map."""
    lines = []
    for rule in rules:
        label = rule.label(lang) + (f" ({counts.get(rule.id, 0)})" if counts is not None else "")
        lines.append(("★ " if rule.recommended else "") + wrap(label, width))
    return "<br>".join(lines)


def profile_summary(q: Questionnaire, profile: Profile, lang: str) -> str:
    c = profile.composites
    values = {"d": fmt(c.get("D"), lang), "p": fmt(c.get("P"), lang), "s": fmt(c.get("S"), lang)}
    if profile.response_style is not None:
        main = t("charts.map.summary_style", lang, **values)
    elif profile.profile is None or profile.profile_label is None:
        main = t("charts.map.summary_missing", lang, **values)
    else:
        main = t("charts.map.summary", lang, label=profile.profile_label.get(lang) or profile.profile_label["fr"],
                 **values)
    names = " / ".join(r.label(lang) for r in recommended_rules(q))
    return main + " " + t("charts.map.summary_recommended", lang, labels=names)


def region_marks(q: Questionnaire, point: tuple[float, float] | None, lang: str,
                 counts: dict[str, int] | None = None, font_size: int = 12,
                 width: int = 16) -> tuple[list[dict], list[dict]]:
    """The orientation bands the rules cut, on the (D, P) square, each named: (shapes, annotations)."""
    shapes, annotations = [], []
    for region in lead_regions(q):
        poly = lead_polygon(region["lo"], region["hi"])
        if region["recommended"]:
            path = "M " + " L ".join(f"{x:g},{y:g}" for x, y in poly) + " Z"
            shapes.append({"type": "path", "path": path, "fillcolor": BAND_FILL, "line": {"width": 0},
                           "layer": "below"})
        if region["lo"] > -100:  # the line where the band starts: P = D − lo
            lo = region["lo"]
            x0, x1 = max(0.0, lo), min(100.0, 100.0 + lo)
            shapes.append({"type": "line", "x0": x0, "y0": x0 - lo, "x1": x1, "y1": x1 - lo,
                           "line": {"color": GREY, "width": 1.5, "dash": "dash"}})
        spot = region_spot(region, point)
        annotations.append({
            "x": spot["x"], "y": spot["y"], "showarrow": False,
            "text": region_text(region["rules"], width, lang, counts),
            "xanchor": "left" if spot["left"] else "right", "yanchor": "top" if spot["top"] else "bottom",
            "align": "left" if spot["left"] else "right", "font": {"size": font_size, "color": "#404040"},
        })
    return shapes, annotations


def map_axes(q: Questionnaire, lang: str) -> dict:
    """The layout's ``xaxis`` (D) and ``yaxis`` (P) of a map: 0..100 each, boxed."""
    axis = {"range": [-3, 103], "tickvals": [0, 25, 50, 75, 100], "showgrid": False, "zeroline": False,
            "fixedrange": True, "ticks": "outside", "ticklen": 4, "mirror": True, "showline": True,
            "linecolor": "#BBBBBB"}
    return {
        f"{name}axis": {"title": {"text": esc(t("charts.axis", lang, code=code, label=q.composites[code].label(lang))),
                                  "standoff": 4}, **axis}
        for name, code in (("x", "D"), ("y", "P"))
    }


def profile_map(q: Questionnaire, profile: Profile, lang: str) -> Chart:
    """D (x) against P (y): the orientation bands the profile rules cut, named, and the person's point."""
    d, p, s = (profile.composites.get(c) for c in ("D", "P", "S"))
    shapes, annotations = region_marks(q, (d, p) if d is not None and p is not None else None, lang)

    # The key, above the plot: the recommended band and the person's point.
    keys = [key_entry("■", BAND_LINE, t("charts.map.recommended", lang))]
    if d is not None and p is not None:
        keys.append(key_entry("●", BLACK, t("charts.map.you", lang, s=fmt(s, lang))))
    for i, key in enumerate(keys):
        annotations.append({"x": 0, "y": 1, "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom",
                            "yshift": 6 + 20 * (len(keys) - 1 - i), "xshift": 3, "showarrow": False, "text": key,
                            "font": {"color": INK}})
    data = []
    if d is not None and p is not None:
        size = 12 + 0.2 * (s if s is not None else 0)
        s_text = t("charts.map.s_label", lang, s=fmt(s, lang))
        position = ("middle left" if d > 70 else "middle right") if 8 < p < 92 else (
            "bottom center" if p >= 92 else "top center")
        data.append({
            "type": "scatter", "x": [d], "y": [p], "mode": "markers+text",
            "name": t("charts.map.you", lang, s=fmt(s, lang)),
            "text": [f"<b>{esc(s_text)}</b>"], "textposition": position, "textfont": {"size": 13, "color": INK},
            "marker": {"size": size, "color": BLACK, "line": {"color": "white", "width": 2}, "opacity": 0.9},
            "hovertemplate": esc(t("charts.map.hover", lang, d=fmt(d, lang), p=fmt(p, lang), s=fmt(s, lang)))
            + "<extra></extra>",
            "cliponaxis": False,
        })
    else:
        annotations.append({"x": 50, "y": 50, "showarrow": False, "text": f"<i>{esc(t('charts.not_scored', lang))}</i>",
                            "bgcolor": "white", "font": {"color": INK}})

    layout = base_layout(400)
    layout["margin"] = {**layout["margin"], "t": 12 + 20 * len(keys)}
    fig = figure(data, {**layout, **map_axes(q, lang)}, shapes=shapes, annotations=annotations)
    return Chart(fig, profile_summary(q, profile, lang), t("charts.map.title", lang))


# --- subscales -------------------------------------------------------------


def subscales_summary(q: Questionnaire, profile: Profile, lang: str) -> str:
    parts = []
    for code in composite_order(q):
        for sub in (s for s in q.subscales if s.composite == code):
            result = profile.subscales.get(sub.id)
            zone = q.zone_bounds(sub.id)
            lo, hi = (number(v, lang) for v in zone)
            if result is None or result.score is None:
                parts.append(t("charts.subscales.item_missing", lang, label=sub.label(lang)))
            else:
                where = band_position(result.score, zone)
                parts.append(t(f"charts.subscales.item_{where}", lang, label=sub.label(lang),
                               score=fmt(result.score, lang), lo=lo, hi=hi))
    return t("charts.subscales.summary", lang, items="; ".join(parts))


def _not_scored_text(result, lang: str) -> str:
    if result is None:
        return t("charts.not_scored", lang)
    return t("charts.subscales.not_scored", lang, answered=result.answered, total=result.total)


def subscales(q: Questionnaire, profile: Profile, lang: str) -> Chart:
    """One bar a subscale (0–100), in front of its recommended band, grouped by composite."""
    rows = Stack()
    rows.key(key_entry("■", BAND_LINE, t("charts.band", lang)))
    bar = rows.px(16)
    for code in composite_order(q):
        score = profile.composites.get(code)
        rows.label(t("charts.subscales.group", lang, label=q.composites[code].label(lang), code=code,
                     score=fmt(score, lang) if score is not None else t("charts.not_scored", lang)), bold=True)
        xs, ys, texts, hovers = [], [], [], []
        for sub in (s for s in q.subscales if s.composite == code):
            rows.label(sub.label(lang))
            centre = rows.y + bar / 2 + rows.px(2)
            lo, hi = q.zone_bounds(sub.id)
            rows.band(lo, hi, centre, 11)
            result = profile.subscales.get(sub.id)
            score = result.score if result is not None else None
            xs.append(score)
            ys.append(centre)
            texts.append(f"<b>{fmt(score, lang)}</b>" if score is not None else "")
            hovers.append(esc(t("charts.subscales.hover", lang, label=sub.label(lang), score=fmt(score, lang),
                                lo=number(lo, lang), hi=number(hi, lang))))
            if score is None:
                rows.note(1, centre, _not_scored_text(result, lang))
            rows.skip(28)
        rows.traces.append({
            "type": "bar", "x": xs, "y": ys, "orientation": "h", "width": bar, "name": q.composites[code].label(lang),
            "marker": {"color": COMPOSITE_COLOURS[code], "line": {"width": 0}},
            "text": texts, "textposition": "outside", "cliponaxis": False, "textfont": {"size": 13, "color": INK},
            "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>",
        })
        rows.skip(4)
    return Chart(rows.finish(), subscales_summary(q, profile, lang), t("charts.subscales.title", lang))


# --- benchmarks --------------------------------------------------------------


def benchmarks_summary(q: Questionnaire, profile: Profile, lang: str) -> str:
    rows = benchmark_rows(q, profile, lang)
    items = "; ".join(t("charts.benchmarks.summary_item", lang, title=r["title"], status=status_word(r["status"], lang))
                      for r in rows)
    return t("charts.benchmarks.summary", lang, items=items)


def benchmarks(q: Questionnaire, profile: Profile, lang: str, *, width: int = 40) -> Chart:
    """A checklist: a row a benchmark with its symbol, its status word, the value read and the threshold.

    ``width`` is the line length in characters (40 fits a 390 px phone).
    """
    rows = benchmark_rows(q, profile, lang)
    shapes, annotations = [], []
    line_h, pad = 18, 12
    y = 0
    symbols_x, symbols_y, symbols, colours, hovers = [], [], [], [], []
    for i, row in enumerate(rows):
        title = wrap(row["title"], width)
        word = status_word(row["status"], lang)
        detail = wrap(word + " · " + t("charts.benchmarks.detail", lang, value=row["value"],
                                       threshold=row["threshold"], basis=row["basis"]), width)
        detail = f"<b>{esc(word)}</b>" + detail[len(esc(word)):]  # the status word in bold
        text = f"<b>{title}</b><br>{detail}"
        lines = text.count("<br>") + 1
        height = lines * line_h + pad
        if i % 2 == 0:
            shapes.append({"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y + height,
                           "fillcolor": "#F7F7F7", "line": {"width": 0}, "layer": "below"})
        annotations.append({"x": 0.9, "y": y + pad / 2, "xanchor": "left", "yanchor": "top", "align": "left",
                            "showarrow": False, "text": text, "font": {"size": 13, "color": INK}})
        symbols_x.append(0.45)
        symbols_y.append(y + pad / 2 + line_h / 2 + 1)
        symbols.append(STATUS_SYMBOLS[row["status"]])
        colours.append(STATUS_COLOURS[row["status"]])
        hovers.append(esc(f"{row['title']} — {status_word(row['status'], lang)}"))
        y += height
    data = [{
        "type": "scatter", "x": symbols_x, "y": symbols_y, "mode": "text", "text": symbols,
        "name": t("charts.benchmarks.title", lang), "textfont": {"size": 22, "color": colours}, "hovertext": hovers,
        "hovertemplate": "%{hovertext}<extra></extra>", "cliponaxis": False,
    }]
    if not rows:
        annotations.append({"x": 5, "y": 10, "showarrow": False, "text": esc(t("charts.benchmarks.none", lang))})
        y = 30
    layout = base_layout(int(y) + 12)  # every row shown, however many: 1 y unit = 1 px
    layout["margin"] = {**layout["margin"], "t": 6, "b": 6}
    layout["xaxis"] = {"range": [0, 10], "visible": False, "fixedrange": True}
    layout["yaxis"] = {"range": [y, 0], "visible": False, "fixedrange": True}
    fig = figure(data, layout, shapes=shapes, annotations=annotations)
    return Chart(fig, benchmarks_summary(q, profile, lang), t("charts.benchmarks.title", lang))


# --- before / after ----------------------------------------------------------


def compare_summary(q: Questionnaire, before: Profile, after: Profile, lang: str) -> str:
    def arrow(a, b, fn):
        return f"{fn(a) if a is not None else '–'} → {fn(b) if b is not None else '–'}"

    parts = [t("charts.compare.summary_orientation", lang,
               values=arrow(before.orientation, after.orientation, lambda v: signed(v, lang)))]
    for code in composite_order(q):
        parts.append(f"{code} {arrow(before.composites.get(code), after.composites.get(code), lambda v: fmt(v, lang))}")
    return t("charts.compare.summary", lang, items="; ".join(parts))


BEFORE_MARKER = {"symbol": "circle-open", "size": 13, "color": SKY_BLUE, "line": {"width": 3}}
AFTER_MARKER = {"symbol": "diamond", "size": 14, "color": BLUE, "line": {"color": "white", "width": 1}}


def draw_dumbbells(
    q: Questionnaire,
    lang: str,
    orientation: tuple[float | None, float | None],
    composites: dict[str, tuple[float | None, float | None]],
    subscales: dict[str, tuple[float | None, float | None]],
    names: tuple[str, str],
    *,
    font: int = 13,
    width: int = 40,
) -> go.Figure:
    """Before → after dumbbells: the orientation, then each composite and its subscales.

    The orientation (−100..+100) gets its own line, mapped onto the 0..100 width with
    its own tick labels. The two times differ by marker shape, not only by colour.
    """
    b_name, a_name = names
    k = font / 13
    before_marker = dict(BEFORE_MARKER, size=13 * k)
    after_marker = dict(AFTER_MARKER, size=14 * k)
    rows = Stack(font=font, width=width)
    line_x: list = []
    line_y: list = []
    points = {"b": ([], [], []), "a": ([], [], [])}

    def dumbbell(centre: float, b: float | None, a: float | None, how, to_x=lambda v: v) -> None:
        if b is not None and a is not None:
            line_x.extend([to_x(b), to_x(a), None])
            line_y.extend([centre, centre, None])
        for key, value, name in (("b", b, b_name), ("a", a, a_name)):
            if value is not None:
                xs, ys, hovers = points[key]
                xs.append(to_x(value))
                ys.append(centre)
                hovers.append(esc(t("charts.hover_value", lang, name=name, value=how(value, lang))))

    def delta(b: float | None, a: float | None) -> str:
        if a is None:
            return t("charts.not_scored", lang)
        return "" if b is None else signed(a - b, lang)

    rows.key("   ".join((key_entry("○", SKY_BLUE, b_name), key_entry("◆", BLUE, a_name),
                         key_entry("■", BAND_LINE, t("charts.band", lang)))))

    ob, oa = orientation
    note = (t("charts.compare.orientation", lang, values=f"{signed(ob, lang)} → {signed(oa, lang)}")
            if ob is not None and oa is not None else t("charts.compare.orientation_missing", lang))
    rows.label(note, bold=True, right=delta(ob, oa) if ob is not None and oa is not None else None)
    centre = rows.y + rows.px(8)
    for x0, x1, colour in ((0, 50, P_ZONE), (50, 100, D_ZONE)):
        rows.shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": centre - rows.px(9), "y1": centre + rows.px(9),
                            "fillcolor": colour, "line": {"width": 0}, "layer": "below"})
    for x, text, anchor in ((0, f"{signed(-100, lang)} {q.composites['P'].label(lang)}", "left"), (50, "0", "center"),
                            (100, f"{q.composites['D'].label(lang)} {signed(100, lang)}", "right")):
        rows.annotations.append({"x": x, "y": centre + rows.px(10), "xanchor": anchor, "yanchor": "top",
                                 "showarrow": False, "text": esc(text),
                                 "font": {"size": max(12, font - 1), "color": "#404040"}})
    dumbbell(centre, ob, oa, signed, to_x=lambda v: (v + 100) / 2)
    rows.y = centre + rows.px(26)

    for code in composite_order(q):
        b, a = composites.get(code, (None, None))
        rows.label(t("charts.axis", lang, code=code, label=q.composites[code].label(lang)), bold=True,
                   right=delta(b, a))
        centre = rows.y + rows.px(8)
        dumbbell(centre, b, a, fmt)
        rows.y = centre + rows.px(9)
        for sub in (s for s in q.subscales if s.composite == code):
            b, a = subscales.get(sub.id, (None, None))
            rows.label(sub.label(lang), right=delta(b, a))
            centre = rows.y + rows.px(8)
            rows.band(*q.zone_bounds(sub.id), centre, 8, line=False)
            dumbbell(centre, b, a, fmt)
            rows.y = centre + rows.px(9)

    rows.traces.append({"type": "scatter", "x": line_x, "y": line_y, "mode": "lines",
                        "line": {"color": GREY, "width": 3 * k}, "hoverinfo": "skip"})
    for key, marker, name in (("b", before_marker, b_name), ("a", after_marker, a_name)):
        xs, ys, hovers = points[key]
        rows.traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "markers", "marker": marker, "name": name,
                            "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>", "cliponaxis": False})
    return rows.finish(right=14)


def compare(
    q: Questionnaire,
    before: Profile,
    after: Profile,
    lang: str,
    *,
    before_label: str | None = None,
    after_label: str | None = None,
) -> Chart:
    """Before vs after: the orientation, then a dumbbell per composite and subscale."""
    def score(p: Profile, sid: str) -> float | None:
        result = p.subscales.get(sid)
        return result.score if result is not None else None

    fig = draw_dumbbells(
        q, lang,
        (before.orientation, after.orientation),
        {c: (before.composites.get(c), after.composites.get(c)) for c in composite_order(q)},
        {s.id: (score(before, s.id), score(after, s.id)) for s in q.subscales},
        (before_label or t("charts.compare.before", lang), after_label or t("charts.compare.after", lang)),
    )
    return Chart(fig, compare_summary(q, before, after, lang), t("charts.compare.title", lang))


__all__ = [
    "benchmarks",
    "compare",
    "orientation_axis",
    "profile_map",
    "subscales",
]
