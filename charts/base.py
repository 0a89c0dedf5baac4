"""What every chart shares: the ``Chart`` result, the palette, the layout and the formatting.

Colours are the Okabe–Ito palette, safe for the common colour-vision deficiencies,
and a colour never carries a meaning alone: every status has a symbol and a word,
every series a marker shape or a label. Backgrounds are set to white on purpose, so
a chart reads the same in Streamlit's light and dark themes and when printed.

Display a figure with ``st.plotly_chart(chart.figure, config=PLOTLY_CONFIG,
alt=chart.summary)`` (Streamlit 1.67: ``width="stretch"`` is the default; the
Streamlit theme is fine, every colour that carries meaning is set here). The summary
is the chart in one line, for screen readers (``alt``) and for a caption or print;
``chart.title`` suits an ``st.subheader``. The projected workshop dashboard uses
``PLOTLY_CONFIG_PROJECTED`` (a still picture: no hover, no toolbar).
"""

from __future__ import annotations

import functools
import html
import math
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from i18n import number, t

# Okabe & Ito (2008), "Color Universal Design".
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#767676"  # 4.5:1 on white: text-safe grey
INK = "#1A1A1A"
LIGHT = "#F2F2F2"

COMPOSITE_COLOURS = {"D": BLUE, "P": VERMILLION, "B": REDDISH_PURPLE, "S": BLUISH_GREEN}
STATUS_COLOURS = {
    "met": BLUISH_GREEN,
    "partly_met": ORANGE,
    "not_met": VERMILLION,
    "not_answered": GREY,
}
STATUS_SYMBOLS = {"met": "✓", "partly_met": "◐", "not_met": "✗", "not_answered": "–"}
BAND_FILL = "rgba(0, 158, 115, 0.16)"  # bluish green, light: what the research recommends
BAND_LINE = "rgba(0, 158, 115, 0.55)"
P_ZONE = "rgba(213, 94, 0, 0.12)"  # the prescriptive half of the orientation axis (vermillion)
D_ZONE = "rgba(0, 114, 178, 0.12)"  # the developmental half (blue)

MIN_FONT = 12  # no text under 12 px on a phone
MAX_HEIGHT = 420  # what a phone chart aims at (the checklist grows with its rows)

# The configuration to pass to ``st.plotly_chart(..., config=PLOTLY_CONFIG)``: no
# toolbar (it covers the data on a phone), no scroll zoom (it traps the page scroll),
# responsive width.
PLOTLY_CONFIG: dict = {
    "displayModeBar": False,
    "scrollZoom": False,
    "responsive": True,
    "doubleClick": False,
}
# For the projected workshop dashboard: a still picture, nothing to hover or click.
PLOTLY_CONFIG_PROJECTED: dict = dict(PLOTLY_CONFIG, staticPlot=True)


@dataclass(frozen=True)
class Chart:
    """A figure and the same content as one line of text."""

    figure: go.Figure
    summary: str
    title: str = ""


def base_layout(height: int, *, font_size: int = 13) -> dict:
    """A layout that fits a 390 px phone: autosize, small margins, white background.

    No plotly legend: keys are drawn as text (``key_entry``) where the reader needs
    them, so they wrap with the chart and never cover data.
    """
    size = max(font_size, MIN_FONT)
    return {
        "autosize": True,
        "height": int(height),
        "margin": {"l": 8, "r": 12, "t": 12, "b": 8, "pad": 0},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"size": size, "color": INK, "family": "Source Sans Pro, Source Sans 3, Arial, sans-serif"},
        "showlegend": False,
        "hoverlabel": {"font": {"size": size}},
        "dragmode": False,
    }


def figure(data: list[dict], layout: dict, *, shapes: list[dict] = (), annotations: list[dict] = ()) -> go.Figure:
    """A figure made in one step from plain dicts: traces, layout, shapes and annotations.

    Plotly validates the whole figure once; adding its parts one call at a time
    (``add_shape``, ``add_annotation``, ``update_layout``...) validates again at every
    call, several times slower (bench/bench_charts.py). Empty lists are left out.
    """
    layout = dict(layout)
    if shapes:
        layout["shapes"] = list(shapes)
    if annotations:
        layout["annotations"] = list(annotations)
    return go.Figure(data=data, layout=layout)


@functools.cache
def preload_figure() -> go.Figure:
    """The smallest figure that makes the browser fetch and start plotly.js: drawn hidden on
    the pages before the results (views/browser.py), so the results' charts follow their
    text at once instead of waiting for plotly.js's first download.

    Built once a process and shared (it is the same for everyone, and drawing it only reads
    it): its validation took ~6 ms, on every questionnaire page's run."""
    return figure([{"type": "scatter", "x": [0], "y": [0]}], base_layout(MIN_FONT))


def esc(text: str) -> str:
    """Questionnaire text as plotly text: its pseudo-HTML tags are not interpreted."""
    return html.escape(text, quote=False)


def wrap(text: str, width: int, sep: str = "<br>") -> str:
    """Escaped text broken into lines of at most ``width`` characters (plotly does not wrap)."""
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    return sep.join(esc(line) for line in lines) if sep == "<br>" else sep.join(lines)


def fmt(value: float | None, lang: str, digits: int = 0) -> str:
    """A score as the reader writes it; the dash of "not calculated" when None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return number(value, lang, digits)


def signed(value: float, lang: str, digits: int = 0) -> str:
    """+34, −12 (a true minus sign), 0."""
    rounded = round(value, digits)
    text = number(abs(rounded), lang, digits)
    if rounded == 0:
        return text
    return ("+" if rounded > 0 else "\u2212") + text


def side(orientation: float, lang: str) -> str:
    """The side of the axis an orientation falls on, in words."""
    if round(orientation) > 0:
        return t("charts.side.developmental", lang)
    if round(orientation) < 0:
        return t("charts.side.prescriptive", lang)
    return t("charts.side.balanced", lang)


def key_entry(symbol: str, colour: str, label: str) -> str:
    """A legend entry as annotation text: a coloured symbol and its escaped label.

    Drawn as text rather than a plotly legend so that it wraps with the page and is
    measured with the font it is drawn in.
    """
    return f'<span style="color:{colour}">{symbol}</span> {esc(label)}'


def status_word(status: str, lang: str) -> str:
    return t(f"charts.status.{status}", lang)


def status_mark(status: str, lang: str) -> str:
    """Symbol and word: "✓ atteint"."""
    return f"{STATUS_SYMBOLS[status]} {status_word(status, lang)}"
