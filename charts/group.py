"""A workshop's charts, for the trainer's projected dashboard (text ≥ 16 px).

They read ``scoring.GroupSummary`` (and, for the map, the scored DataFrame of
``scoring.score_many``: columns ``D``, ``P``, ``S``). Nothing identifies a person:
points carry no id and no hover, and below ``min_n`` responses (the workshop's
anonymity threshold, given by the caller) every chart is replaced by a message.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from i18n import number, t
from questionnaires.schema import Questionnaire

from .base import (
    BAND_LINE,
    BLACK,
    BLUE,
    COMPOSITE_COLOURS,
    GREY,
    INK,
    LIGHT,
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
from scoring.group import CAUTION_RELIABILITY_N, MIN_RELIABILITY_N

from .individual import draw_dumbbells, map_axes, region_marks
from .reading import composite_order, orientation_zones
from .stack import Stack

FONT = 18  # a projected dashboard is read from the back of the room
LABEL_WIDTH = 64  # characters a label line holds on a projected 1280 px screen at 18 px
STATUSES = ("met", "partly_met", "not_met", "not_answered")
# A diverging scale for answer points 1..6 (Okabe–Ito hues, lighter toward the middle).
POINT_COLOURS = ("#D55E00", "#E69F00", "#F5D79E", "#B9DDF1", "#56B4E9", "#0072B2")


def _nan(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


CELL = 10.0  # points: the side of a cell on the map, the width of a bin on the orientation axis


def k_cells(x: np.ndarray, y: np.ndarray | None, k: int, cell: float = CELL) -> tuple[list[tuple], int]:
    """People grouped in cells of ``cell`` points; only cells holding at least ``k`` are kept.

    Returns ([(cell centre x, cell centre y or None, count), ...], people left out). A
    projected chart never shows one person's own position, even when the others in the
    room fabricated their answers to isolate them (1 real + k-1 made up): a cell of fewer
    than ``k`` people is not drawn.
    """
    ix = np.minimum(np.floor(x / cell), 100 / cell - 1) if len(x) else np.array([])
    iy = np.minimum(np.floor(y / cell), 100 / cell - 1) if y is not None and len(y) else None
    keys = list(zip(ix, iy)) if iy is not None else [(i, None) for i in ix]
    counts: dict[tuple, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    kept = [((cx + 0.5) * cell, None if cy is None else (cy + 0.5) * cell, n)
            for (cx, cy), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)) if n >= k]
    return kept, len(keys) - sum(n for *_, n in kept)


def _coarse(value: float, step: float = 5.0) -> float:
    return float(round(value / step) * step)


def hidden_text(hidden: int, k: int, lang: str) -> str:
    return t("charts.group.hidden_one" if hidden == 1 else "charts.group.hidden_many", lang, n=hidden, k=k)


def too_few(n: int, lang: str, min_n: int) -> Chart:
    """What every group chart shows below ``min_n`` responses."""
    message = t("charts.group.too_few", lang, n=n, min=min_n)
    fig = figure([], {**base_layout(140, font_size=FONT), "xaxis": {"visible": False}, "yaxis": {"visible": False}},
                 annotations=[{"x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper", "showarrow": False,
                               "text": wrap(message, 60), "font": {"size": FONT, "color": INK}}])
    return Chart(fig, message, "")


# --- orientation ----------------------------------------------------------------


def orientation_distribution(q: Questionnaire, summary, lang: str, *, min_n: int, bin_width: float = 5) -> Chart:
    """A dot plot of the group's orientations on the −100..+100 axis, with the mean.

    Each person is one dot, stacked in bins of ``bin_width``: no jitter, no id, no hover.
    """
    values = np.sort(summary.orientation.dropna().to_numpy(dtype=float))
    if summary.n < min_n:
        return too_few(summary.n, lang, min_n)
    title = t("charts.group.orientation.title", lang)
    # Bins of 20 points on −100..+100 (10 on the 0..100 scale k_cells works on), each
    # drawn only when it holds at least min_n people: a stack of dots, one a person.
    cells, hidden = k_cells((values + 100) / 2, None, min_n)
    bins, ys = [], []
    for centre, _, count in cells:
        bins += [centre * 2 - 100] * count
        ys += list(range(1, count + 1))
    top = max(ys, default=1)
    dot = 16
    # the bands the profile rules cut, as on one person's axis
    shapes = [{"type": "rect", "x0": lo, "x1": hi, "y0": 0.3, "y1": top + 0.7, "fillcolor": fill,
               "line": {"width": 0}, "layer": "below"} for lo, hi, fill in orientation_zones(q)]
    data = [{"type": "scatter", "x": bins, "y": ys, "mode": "markers", "hoverinfo": "skip",
             "name": t("charts.group.person", lang),
             "marker": {"size": dot, "color": BLACK, "opacity": 0.75, "line": {"color": "white", "width": 1}}}]
    annotations = []
    mean = float(np.round(values.mean())) if len(values) else None  # a whole point, no finer
    if mean is not None:
        shapes.append({"type": "line", "x0": mean, "x1": mean, "y0": 0.3, "y1": top + 0.9,
                       "line": {"color": BLUE, "width": 3, "dash": "dash"}})
        # a line of its own above the pole names, so a mean near a pole never covers one
        annotations.append({"x": mean, "y": top + 0.9, "yanchor": "bottom", "yshift": 26, "showarrow": False,
                            "text": "<b>" + esc(t("charts.group.mean", lang, value=signed(mean, lang))) + "</b>",
                            "font": {"color": INK}})
    annotations.append({"x": -100, "y": top + 0.9, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                        "text": f"◀ <b>{esc(q.composites['P'].label(lang))}</b>"})
    annotations.append({"x": 100, "y": top + 0.9, "xanchor": "right", "yanchor": "bottom", "showarrow": False,
                        "text": f"<b>{esc(q.composites['D'].label(lang))}</b> ▶"})
    layout = base_layout(166 + 26 * top, font_size=FONT)
    layout["margin"] = {**layout["margin"], "t": 74}
    layout["xaxis"] = {"range": [-105, 105], "tickvals": [-100, -50, 0, 50, 100],
                       "ticktext": [signed(v, lang) for v in (-100, -50, 0, 50, 100)], "showgrid": False,
                       "zeroline": False, "fixedrange": True, "ticks": "outside"}
    layout["yaxis"] = {"range": [0, top + 1.6], "visible": False, "fixedrange": True}
    fig = figure(data, layout, shapes=shapes, annotations=annotations)
    if mean is None:
        summary_text = t("charts.group.orientation.summary_missing", lang, n=summary.n)
    else:
        summary_text = t(
            "charts.group.orientation.summary", lang, n=len(values), mean=signed(mean, lang), side=side(mean, lang),
            developmental=int((np.round(values) > 0).sum()), prescriptive=int((np.round(values) < 0).sum()),
        )
    if hidden:
        summary_text += " " + hidden_text(hidden, min_n, lang)
    return Chart(fig, summary_text, title)


# --- profile map ------------------------------------------------------------------


def profile_map(q: Questionnaire, scored: pd.DataFrame, lang: str, *, min_n: int, summary=None) -> Chart:
    """The group's anonymous points on D (x) against P (y), quadrants named with their counts.

    ``scored`` is ``scoring.score_many``'s frame (columns D, P, S); ``summary`` (optional)
    gives the profile counts, else they are counted from ``scored["profile"]``.
    """
    n = len(scored)
    if n < min_n:
        return too_few(n, lang, min_n)
    if summary is not None:
        counts = dict(summary.profile_counts)
    else:
        counts = {r.id: int((scored["profile"] == r.id).sum()) for r in q.profiles.rules}
    points = scored[["D", "P", "S"]].astype(float).dropna(subset=["D", "P"]).sort_values(["D", "P"])
    # The names keep clear of where most of the group sits (its median point).
    centre = (float(points["D"].median()), float(points["P"].median())) if len(points) else None
    shapes, annotations = region_marks(q, centre, lang, counts, font_size=16, width=22)
    cells, hidden = k_cells(points["D"].to_numpy(), points["P"].to_numpy(), min_n)
    data = [{"type": "scatter", "x": [c[0] for c in cells], "y": [c[1] for c in cells], "mode": "markers+text",
             "hoverinfo": "skip", "name": t("charts.group.cell", lang), "text": [str(c[2]) for c in cells],
             "textfont": {"color": "white", "size": FONT - 2},
             "marker": {"size": [18 + 4 * c[2] for c in cells], "color": BLACK, "opacity": 0.7,
                        "symbol": "square", "line": {"color": "white", "width": 1}}}]
    keys = [key_entry("■", BAND_LINE, t("charts.map.recommended", lang)),
            key_entry("■", BLACK, t("charts.group.map_cells", lang, k=min_n))]
    annotations.append({"x": 0, "y": 1, "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom",
                        "yshift": 8, "xshift": 3, "showarrow": False, "align": "left",
                        "text": "<br>".join(keys)})  # stacked: never clipped
    layout = base_layout(640, font_size=FONT)
    layout["margin"] = {**layout["margin"], "t": 70, "l": 10, "b": 10}
    fig = figure(data, {**layout, **map_axes(q, lang)}, shapes=shapes, annotations=annotations)
    items = "; ".join(t("charts.group.count_item", lang, label=r.label(lang), n=counts.get(r.id, 0))
                      for r in q.profiles.rules)
    text = t("charts.group.map.summary", lang, n=n, items=items)
    if hidden:
        text += " " + hidden_text(hidden, min_n, lang)
    styled = int(scored["style"].notna().sum()) if "style" in scored else 0
    if styled:
        text += " " + t("charts.group.map.styled", lang, n=styled)
    return Chart(fig, text, t("charts.group.map.title", lang))


# --- subscales --------------------------------------------------------------------


def subscales(q: Questionnaire, summary, lang: str, *, min_n: int) -> Chart:
    """Per subscale: the group's interquartile range, median and mean over the recommended band."""
    if summary.n < min_n:
        return too_few(summary.n, lang, min_n)
    rows = Stack(font=FONT, width=LABEL_WIDTH)
    rows.key("   ".join((key_entry("◆", INK, t("charts.group.key_mean", lang)),
                         key_entry("▬", GREY, t("charts.group.key_iqr", lang)))))
    rows.key(key_entry("■", BAND_LINE, t("charts.band", lang)))  # a line of its own: never clipped
    means_x, means_y, medians_x, medians_y = [], [], [], []
    parts = []
    comp = summary.composites
    for code in composite_order(q):
        mean = _nan(comp.loc[code, "mean"]) if code in comp.index else None
        rows.label(t("charts.subscales.group", lang, label=q.composites[code].label(lang), code=code,
                     score=fmt(mean, lang) if mean is not None else t("charts.not_scored", lang)), bold=True)
        for sub in (s for s in q.subscales if s.composite == code):
            stats = summary.subscales.loc[sub.id] if sub.id in summary.subscales.index else None
            n = int(stats["n"]) if stats is not None else 0
            mean = _nan(stats["mean"]) if stats is not None else None
            rows.label(sub.label(lang), right=t("charts.group.n", lang, n=n))
            centre = rows.y + rows.px(10)
            zone = q.zone_bounds(sub.id)
            rows.band(*zone, centre, 11)
            if mean is None:
                rows.note(1, centre, t("charts.not_scored", lang))
                parts.append(t("charts.subscales.item_missing", lang, label=sub.label(lang)))
            else:
                # Drawn to the nearest 5 points: a median or a quartile of a small group can be
                # one person's own score, which fabricated answers around it would expose.
                q1, q3, median, mean = (_coarse(float(v)) for v in (stats["q1"], stats["q3"], stats["median"], mean))
                rows.shapes.append({"type": "rect", "x0": q1, "x1": max(q3, q1 + 0.6), "y0": centre - rows.px(6),
                                    "y1": centre + rows.px(6), "fillcolor": COMPOSITE_COLOURS[code], "opacity": 0.45,
                                    "line": {"width": 0}, "layer": "below"})
                means_x.append(mean)
                means_y.append(centre)
                medians_x.append(median)
                medians_y.append(centre)
                parts.append(t("charts.group.subscale_item", lang, label=sub.label(lang), mean=fmt(mean, lang),
                               q1=fmt(q1, lang), q3=fmt(q3, lang), lo=number(zone[0], lang),
                               hi=number(zone[1], lang)))
            rows.skip(26)
        rows.skip(4)
    rows.traces.append({"type": "scatter", "x": medians_x, "y": medians_y, "mode": "markers", "hoverinfo": "skip",
                        "name": t("charts.group.key_median", lang),
                        "marker": {"symbol": "line-ns", "size": rows.px(22), "line": {"color": INK, "width": 2}}})
    rows.traces.append({"type": "scatter", "x": means_x, "y": means_y, "mode": "markers+text", "hoverinfo": "skip",
                        "name": t("charts.group.key_mean", lang),
                        "text": [f"<b>{fmt(m, lang)}</b>" for m in means_x],
                        "textposition": "top center", "textfont": {"size": FONT - 2, "color": INK},
                        "cliponaxis": False, "marker": {"symbol": "diamond", "size": rows.px(16), "color": INK,
                                                        "line": {"color": "white", "width": 1}}})
    return Chart(rows.finish(), t("charts.group.subscales.summary", lang, n=summary.n, items="; ".join(parts)),
                 t("charts.group.subscales.title", lang))


# --- benchmark adherence --------------------------------------------------------


def _percent_ticks(lang: str) -> dict:
    """The 0..100 axis of a stacked bar chart, its ticks written as percentages."""
    return {"ticktext": [t("charts.percent", lang, value=v) for v in (0, 25, 50, 75, 100)]}


def benchmarks(q: Questionnaire, summary, lang: str, *, min_n: int, least_met_first: bool = True) -> Chart:
    """Stacked 100 % bars per benchmark: met / partly / not met / no answer, with symbols and shares."""
    if summary.n < min_n:
        return too_few(summary.n, lang, min_n)
    frame = summary.benchmarks
    order = [b for b in q.benchmarks if b.id in frame.index]
    if least_met_first:
        order.sort(key=lambda b: (frame.loc[b.id, "met"], frame.loc[b.id, "partly_met"]))
    rows = Stack(font=FONT, width=LABEL_WIDTH)
    entries = [key_entry("■", STATUS_COLOURS[s], f"{STATUS_SYMBOLS[s]} {status_word(s, lang)}") for s in STATUSES]
    for line in (entries[:2], entries[2:]):  # two lines: four entries overflow half a projector
        rows.key("   ".join(line))
    centres = []
    for bench in order:
        rows.label(bench.title(lang))
        centres.append(rows.y + rows.px(12))
        rows.skip(32)
    for status in STATUSES:
        shares = [float(frame.loc[b.id, status]) * 100 for b in order]
        texts = [f"<b>{STATUS_SYMBOLS[status]} {t('charts.percent', lang, value=number(v, lang))}</b>" if v >= 8 else ""
                 for v in shares]
        rows.traces.append({"type": "bar", "x": shares, "y": centres, "orientation": "h", "width": rows.px(24),
                            "name": status_word(status, lang),
                            "marker": {"color": STATUS_COLOURS[status], "line": {"color": "white", "width": 1}},
                            "text": texts, "textposition": "inside", "insidetextanchor": "middle",
                            "textfont": {"size": FONT - 2, "color": INK}, "hoverinfo": "skip"})
    fig = rows.finish(right=16, layout={"barmode": "stack"}, xaxis=_percent_ticks(lang))
    items = "; ".join(t("charts.group.benchmark_item", lang, title=b.title(lang),
                        met=number(frame.loc[b.id, "met"] * 100, lang),
                        partly=number(frame.loc[b.id, "partly_met"] * 100, lang)) for b in order)
    return Chart(fig, t("charts.group.benchmarks.summary", lang, n=summary.n, items=items),
                 t("charts.group.benchmarks.title", lang))


# --- divisive items -----------------------------------------------------------------


def divisive_items(q: Questionnaire, summary, lang: str, *, min_n: int) -> Chart:
    """The items where answers spread most: each one's answers across the scale, and its sd."""
    if summary.n < min_n:
        return too_few(summary.n, lang, min_n)
    frame = summary.divisive_items
    rows = Stack(font=FONT, width=LABEL_WIDTH)
    if frame.empty:
        rows.label(t("charts.group.divisive.none", lang))
        return Chart(rows.finish(), t("charts.group.divisive.none", lang), t("charts.group.divisive.title", lang))
    points = [c for c in frame.columns if c.isdigit()]
    scales = {q.item_index[i].scale for i in frame.index if i in q.item_index}
    if len(scales) == 1:  # one scale: its own words at both ends
        labels = q.scales[scales.pop()].labels(lang)
        low, high = f"1 {labels[0]}", f"{len(labels)} {labels[-1]}"
    else:
        low = t("charts.group.scale_low", lang)
        high = t("charts.group.scale_high", lang, n=points[-1] if points else "")
    rows.key(key_entry("■", POINT_COLOURS[0], low) + "   …   " + key_entry("■", POINT_COLOURS[-1], high))
    centres, parts = [], []
    for item_id, row in frame.iterrows():
        text = row["text_en"] if lang == "en" else row["text_fr"]
        rows.label(text, right=t("charts.group.sd", lang, sd=number(row["sd"], lang, 1)))
        centres.append(rows.y + rows.px(12))
        rows.skip(34)
        parts.append(t("charts.group.divisive_item", lang, text=text, sd=number(row["sd"], lang, 1)))
    totals = frame["n"].astype(float).to_numpy()
    # A point chosen by fewer than min_n people is not drawn on its own: those answers go to
    # one grey segment, so fabricated answers cannot isolate one person's choice.
    few = np.zeros(len(frame))
    for i, point in enumerate(points):
        counts = frame[point].astype(float).to_numpy()
        small = counts < min_n
        few += np.where(small, counts, 0.0)
        counts = np.where(small, 0.0, counts)
        shares = np.where(totals > 0, counts / np.maximum(totals, 1) * 100, 0.0)
        colour = POINT_COLOURS[min(i, len(POINT_COLOURS) - 1)] if len(points) <= 6 else SKY_BLUE
        rows.traces.append({"type": "bar", "x": shares, "y": centres, "orientation": "h", "width": rows.px(24),
                            "name": point, "marker": {"color": colour, "line": {"color": "white", "width": 1}},
                            "text": [f"{int(c)}" if s >= 6 else "" for c, s in zip(counts, shares)],
                            "textposition": "inside", "insidetextanchor": "middle",
                            "textfont": {"size": FONT - 2, "color": INK}, "hoverinfo": "skip"})
    if few.any():
        rows.traces.append({"type": "bar", "x": np.where(totals > 0, few / np.maximum(totals, 1) * 100, 0.0),
                            "y": centres, "orientation": "h", "width": rows.px(24),
                            "name": t("charts.group.few", lang, k=min_n),
                            "marker": {"color": LIGHT, "line": {"color": "white", "width": 1}}, "hoverinfo": "skip"})
        parts.append(t("charts.group.few", lang, k=min_n))
    fig = rows.finish(right=16, layout={"barmode": "stack"}, xaxis=_percent_ticks(lang))
    return Chart(fig, t("charts.group.divisive.summary", lang, items="; ".join(parts)),
                 t("charts.group.divisive.title", lang))


# --- reliability ------------------------------------------------------------------


def _with_interval(value: float | None, interval: tuple[float, float] | None, lang: str) -> str:
    """``0,82 (0,71 à 0,90)``: the value, then its 95 % interval when there is one."""
    if value is None:
        return "–"
    if interval is None:
        return number(value, lang, 2)
    return t("charts.group.reliability.interval", lang, value=number(value, lang, 2),
             low=number(interval[0], lang, 2), high=number(interval[1], lang, 2))


def reliability_table(q: Questionnaire, summary, lang: str) -> pd.DataFrame:
    """Alpha and omega per subscale as a table for ``st.dataframe`` (texts, numbers as the reader writes them)."""
    rows = []
    for sub in q.subscales:
        rel = summary.reliability.get(sub.id)
        if rel is None:
            continue
        if rel.computed:
            note = t("charts.group.reliability.caution", lang, min=CAUTION_RELIABILITY_N) if rel.caution else ""
        else:
            note = t(f"charts.group.reliability.{rel.reason}", lang, min=MIN_RELIABILITY_N)
        rows.append({
            t("charts.group.reliability.subscale", lang): sub.label(lang),
            "α": _with_interval(rel.alpha, rel.alpha_ci, lang),
            "ω": _with_interval(rel.omega, rel.omega_ci, lang),
            t("charts.group.reliability.complete", lang): rel.n_complete,
            t("charts.group.reliability.items", lang): rel.k,
            t("charts.group.reliability.note", lang): note,
        })
    return pd.DataFrame(rows)


# --- two groups -------------------------------------------------------------------


def compare(q: Questionnaire, comparison, lang: str, *, min_n: int, before_label: str | None = None,
            after_label: str | None = None) -> Chart:
    """Group means before → after (``scoring.compare_groups``'s result), as dumbbells."""
    if min(comparison.n_before, comparison.n_after) < min_n:
        return too_few(min(comparison.n_before, comparison.n_after), lang, min_n)
    comp, subs = comparison.composites, comparison.subscales

    def pair(frame: pd.DataFrame, key: str) -> tuple[float | None, float | None]:
        if key not in frame.index:
            return None, None
        return _nan(frame.loc[key, "before"]), _nan(frame.loc[key, "after"])

    b_name = t("charts.group.with_n", lang, name=before_label or t("charts.compare.before", lang), n=comparison.n_before)
    a_name = t("charts.group.with_n", lang, name=after_label or t("charts.compare.after", lang), n=comparison.n_after)
    fig = draw_dumbbells(
        q, lang, pair(comp, "orientation"), {c: pair(comp, c) for c in composite_order(q)},
        {s.id: pair(subs, s.id) for s in q.subscales}, (b_name, a_name), font=FONT, width=LABEL_WIDTH,
    )
    parts = []
    for key, label in [("orientation", t("charts.compare.orientation_word", lang))] + [(c, c) for c in composite_order(q)]:
        b, a = pair(comp, key)
        how = (lambda v: signed(v, lang)) if key == "orientation" else (lambda v: fmt(v, lang))
        parts.append(f"{label} {how(b) if b is not None else '–'} → {how(a) if a is not None else '–'}")
    return Chart(fig, t("charts.compare.summary", lang, items="; ".join(parts)), t("charts.group.compare.title", lang))


__all__ = [
    "benchmarks",
    "compare",
    "divisive_items",
    "orientation_distribution",
    "profile_map",
    "reliability_table",
    "subscales",
    "too_few",
]
