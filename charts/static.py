"""The charts as PNG images, drawn with matplotlib (Agg), for the PDF.

plotly's static export needs a Chrome on the machine; matplotlib does not. These
images follow the plotly charts (same palette, same reading of the rules) but are
laid out for paper: a full text width, labels on the left. Each function returns
PNG bytes. Figures are built with ``matplotlib.figure.Figure`` (no pyplot, no
global state), so they are safe in Streamlit's threads.
"""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib

matplotlib.use("Agg")  # noqa: E402 — before anything draws

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Polygon, Rectangle

from i18n import number, t
from questionnaires.schema import Questionnaire
from scoring.model import Profile

from .base import (
    BLACK,
    BLUE,
    COMPOSITE_COLOURS,
    D_ZONE,
    GREY,
    INK,
    LIGHT,
    P_ZONE,
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    VERMILLION,
    fmt,
    signed,
)
from .reading import composite_order, lead_polygon, lead_regions, orientation_zones, region_spot

DPI = 150
TEXT_WIDTH_IN = 6.9  # an A4 or Letter page's text width with 2 cm margins
BAND_RGBA = (0 / 255, 158 / 255, 115 / 255, 0.18)
BAND_EDGE = (0 / 255, 158 / 255, 115 / 255, 0.6)
FONT = {"family": "DejaVu Sans", "size": 9}


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buf.getvalue()


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False))


def _rgba(colour: str, alpha: float) -> tuple[float, float, float, float]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16) / 255, int(colour[2:4], 16) / 255, int(colour[4:6], 16) / 255, alpha)


def orientation_png(q: Questionnaire, profile: Profile, lang: str) -> bytes:
    """The bipolar axis −100 (prescriptive) … +100 (developmental) with the person's mark."""
    fig = _figure(TEXT_WIDTH_IN, 1.1)
    ax = fig.add_axes((0.03, 0.02, 0.94, 0.96))
    ax.set_xlim(-106, 106)
    ax.set_ylim(0, 1)
    ax.axis("off")
    fills = {P_ZONE: _rgba(VERMILLION, 0.13), D_ZONE: _rgba(BLUE, 0.13), LIGHT: _rgba(LIGHT, 1.0)}
    for lo, hi, fill in orientation_zones(q):
        ax.add_patch(Rectangle((lo, 0.3), hi - lo, 0.36, color=fills[fill], lw=0))
        if lo > -100:
            ax.plot([lo, lo], [0.3, 0.66], color=GREY, lw=0.8, ls=":")
    ax.plot([-100, 100], [0.48, 0.48], color=GREY, lw=1.5)
    ax.text(-100, 0.92, "◀ " + q.composites["P"].label(lang), ha="left", va="top", fontsize=9.5,
            fontweight="bold", color=INK)
    ax.text(100, 0.92, q.composites["D"].label(lang) + " ▶", ha="right", va="top", fontsize=9.5,
            fontweight="bold", color=INK)
    for v in (-100, -50, 0, 50, 100):
        ax.plot([v, v], [0.27, 0.3], color=GREY, lw=0.8)
        ax.text(v, 0.22, signed(v, lang), ha="center", va="top", fontsize=8, color=INK)
    if profile.orientation is not None:
        value = max(-100.0, min(100.0, profile.orientation))
        ax.plot([value], [0.48], marker="D", markersize=11, color=BLACK, markeredgecolor="white", mew=1.5)
        right = value < 60  # the value beside its mark, on the side with room
        ax.text(value + (6 if right else -6), 0.48, signed(value, lang), ha="left" if right else "right",
                va="center", fontsize=11, fontweight="bold", color=INK,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5, "alpha": 0.85})
    else:
        ax.text(0, 0.74, t("charts.not_scored", lang), ha="center", va="bottom", style="italic", color=INK)
    return _png(fig)


def profile_map_png(q: Questionnaire, profile: Profile, lang: str) -> bytes:
    """D (x) against P (y): the orientation bands the profile rules cut, named, and the point."""
    d, p, s = (profile.composites.get(c) for c in ("D", "P", "S"))
    fig = _figure(3.3, 3.3)
    ax = fig.add_axes((0.16, 0.14, 0.8, 0.82))
    ax.set_xlim(-3, 103)
    ax.set_ylim(-3, 103)
    point = (d, p) if d is not None and p is not None else None
    for region in lead_regions(q):
        if region["recommended"]:
            ax.add_patch(Polygon(lead_polygon(region["lo"], region["hi"]), closed=True, facecolor=BAND_RGBA,
                                 edgecolor="none"))
        if region["lo"] > -100:
            lo = region["lo"]
            x0, x1 = max(0.0, lo), min(100.0, 100.0 + lo)
            ax.plot([x0, x1], [x0 - lo, x1 - lo], color=GREY, lw=0.9, ls="--")
        spot = region_spot(region, point)
        text = "\n".join(("★ " if r.recommended else "") + _wrap(r.label(lang), 16) for r in region["rules"])
        ax.text(spot["x"], spot["y"], text, ha="left" if spot["left"] else "right",
                va="top" if spot["top"] else "bottom", fontsize=7, color="#404040",
                multialignment="left" if spot["left"] else "right")
    if d is not None and p is not None:
        size = 6 + 0.1 * (s if s is not None else 0)
        ax.plot([d], [p], marker="o", markersize=size, color=BLACK, markeredgecolor="white", mew=1.2)
        right = d <= 70
        ax.annotate(t("charts.map.s_label", lang, s=fmt(s, lang)), (d, p), xytext=(size * 0.8 if right else -size * 0.8, 0),
                    textcoords="offset points", ha="left" if right else "right", va="center", fontsize=8,
                    fontweight="bold", color=INK)
    else:
        ax.text(50, 50, t("charts.not_scored", lang), ha="center", va="center", style="italic", color=INK)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.tick_params(labelsize=7.5, length=2)
    ax.set_xlabel(t("charts.axis", lang, code="D", label=q.composites["D"].label(lang)), fontsize=8.5)
    ax.set_ylabel(t("charts.axis", lang, code="P", label=q.composites["P"].label(lang)), fontsize=8.5)
    for spine in ax.spines.values():
        spine.set_color("#BBBBBB")
    return _png(fig)


def _rows_axes(n_rows: int, *, row_in: float = 0.24, top_in: float = 0.26, bottom_in: float = 0.28):
    height = top_in + bottom_in + n_rows * row_in
    fig = _figure(TEXT_WIDTH_IN, height)
    ax = fig.add_axes((0.34, bottom_in / height, 0.6, n_rows * row_in / height))
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.tick_params(axis="x", labelsize=8, length=2)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#E6E6E6", lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#BBBBBB")
    return fig, ax


def _band_key(fig: Figure, lang: str) -> None:
    fig.text(0.34, 0.995, "■", color=BAND_EDGE, fontsize=10, ha="left", va="top")
    fig.text(0.36, 0.99, t("charts.band", lang), fontsize=8.5, ha="left", va="top", color=INK)


def subscales_png(q: Questionnaire, profile: Profile, lang: str) -> bytes:
    """A bar a subscale (0–100) over its recommended band, grouped by composite."""
    rows: list[tuple[str, str, object]] = []  # (kind, label, payload)
    for code in composite_order(q):
        score = profile.composites.get(code)
        rows.append(("group", t("charts.subscales.group", lang, label=q.composites[code].label(lang), code=code,
                                score=fmt(score, lang) if score is not None else t("charts.not_scored", lang)), code))
        rows += [("sub", sub.label(lang), sub) for sub in q.subscales if sub.composite == code]
    fig, ax = _rows_axes(len(rows))
    labels = []
    for i, (kind, label, payload) in enumerate(rows):
        labels.append(_wrap(label, 42))
        if kind == "group":
            continue
        sub = payload
        lo, hi = q.zone_bounds(sub.id)
        ax.add_patch(Rectangle((lo, i - 0.38), hi - lo, 0.76, facecolor=BAND_RGBA, edgecolor=BAND_EDGE, lw=0.6))
        result = profile.subscales.get(sub.id)
        if result is None or result.score is None:
            note = (t("charts.subscales.not_scored", lang, answered=result.answered, total=result.total)
                    if result is not None else t("charts.not_scored", lang))
            ax.text(1.5, i, note, va="center", ha="left", fontsize=8, style="italic", color=INK)
        else:
            ax.barh(i, result.score, height=0.42, color=COMPOSITE_COLOURS[sub.composite])
            ax.text(result.score + 1.2, i, fmt(result.score, lang), va="center", ha="left", fontsize=8.5,
                    fontweight="bold", color=INK, clip_on=False)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=8.5)
    for tick, (kind, _, _) in zip(ax.get_yticklabels(), rows):
        if kind == "group":
            tick.set_fontweight("bold")
    _band_key(fig, lang)
    return _png(fig)


def group_subscales_png(q: Questionnaire, summary, lang: str) -> bytes:
    """The group's subscale means with their interquartile range, over the recommended bands."""
    rows: list[tuple[str, str, object]] = []
    composites = summary.composites
    for code in composite_order(q):
        mean = composites.loc[code, "mean"] if code in composites.index else math.nan
        rows.append(("group", t("charts.subscales.group", lang, label=q.composites[code].label(lang), code=code,
                                score=fmt(None if math.isnan(mean) else mean, lang)), code))
        rows += [("sub", sub.label(lang), sub) for sub in q.subscales if sub.composite == code]
    fig, ax = _rows_axes(len(rows))
    for i, (kind, _label, sub) in enumerate(rows):
        if kind == "group":
            continue
        lo, hi = q.zone_bounds(sub.id)
        ax.add_patch(Rectangle((lo, i - 0.38), hi - lo, 0.76, facecolor=BAND_RGBA, edgecolor=BAND_EDGE, lw=0.6))
        stats = summary.subscales.loc[sub.id] if sub.id in summary.subscales.index else None
        if stats is None or int(stats["n"]) == 0 or math.isnan(stats["mean"]):
            ax.text(1.5, i, t("charts.not_scored", lang), va="center", ha="left", fontsize=8, style="italic")
            continue
        colour = COMPOSITE_COLOURS[sub.composite]
        ax.plot([stats["q1"], stats["q3"]], [i, i], color=colour, lw=5, alpha=0.55, solid_capstyle="butt")
        ax.plot([stats["mean"]], [i], marker="D", color=colour, markersize=7, markeredgecolor="white")
        ax.text(min(stats["q3"], 100) + 1.5, i, fmt(stats["mean"], lang), va="center", ha="left", fontsize=8.5,
                fontweight="bold", color=INK, clip_on=False)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([_wrap(r[1], 42) for r in rows], fontsize=8.5)
    for tick, (kind, _, _) in zip(ax.get_yticklabels(), rows):
        if kind == "group":
            tick.set_fontweight("bold")
    _band_key(fig, lang)
    fig.text(0.62, 0.99, t("charts.group.subscales_key", lang), fontsize=8.5, ha="left", va="top", color=INK)
    return _png(fig)


def adherence_png(q: Questionnaire, summary, lang: str) -> bytes:
    """Stacked 100 % bars per benchmark, least met first: met, partly met, not met, no answer."""
    statuses = ("met", "partly_met", "not_met", "not_answered")
    frame = summary.benchmarks
    rows = sorted((b for b in q.benchmarks if b.id in frame.index),
                  key=lambda b: (frame.loc[b.id, "met"], frame.loc[b.id, "partly_met"]))
    fig, ax = _rows_axes(len(rows) or 1, row_in=0.34)
    for i, bench in enumerate(rows):
        left = 0.0
        for status in statuses:
            share = float(frame.loc[bench.id, status]) * 100
            if math.isnan(share) or share <= 0:
                continue
            ax.barh(i, share, left=left, height=0.6, color=STATUS_COLOURS[status], edgecolor="white", lw=0.8)
            if share >= 9:
                ax.text(left + share / 2, i, f"{STATUS_SYMBOLS[status]} {t('charts.percent', lang, value=number(share, lang))}",
                        ha="center", va="center", fontsize=7.5, color=INK, fontweight="bold")
            left += share
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([_wrap(b.title(lang), 36) for b in rows], fontsize=8.5)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xticklabels([t("charts.percent", lang, value=v) for v in (0, 25, 50, 75, 100)])
    x = 0.0
    for status in statuses:
        label = f"{STATUS_SYMBOLS[status]} {t(f'charts.status.{status}', lang)}"
        fig.text(0.34 + x, 0.99, label, fontsize=8.5, ha="left", va="top", color=INK,
                 bbox={"facecolor": _rgba(STATUS_COLOURS[status], 0.25), "edgecolor": "none", "pad": 1.5})
        x += 0.155
    return _png(fig)
