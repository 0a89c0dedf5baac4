"""Charts made of rows stacked top to bottom, measured in pixels.

The y axis is in px (reversed), so each label sits on its own line above its bar
or dumbbell and the marks use the whole width of a 390 px phone. Every distance
scales with the font size, so the same drawing serves a phone (13 px) and a
projector (18 px).
"""

from __future__ import annotations

import plotly.graph_objects as go

from .base import BAND_FILL, BAND_LINE, INK, LIGHT, base_layout, esc, figure, wrap

LABEL_WIDTH = 40  # characters a label line holds on a 390 px phone at 13 px


class Stack:
    """The rows of a chart, as plain dicts; ``finish()`` makes the figure in one step.

    A chart adds its own marks to ``traces`` and ``shapes`` (drawn in list order,
    with the key, bands and labels the rows add).
    """

    def __init__(self, *, font: int = 13, width: int = LABEL_WIDTH):
        self.font = font
        self.width = width
        self.k = font / 13
        self.y = 0.0
        self.traces: list[dict] = []
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []

    def px(self, value: float) -> float:
        return value * self.k

    def skip(self, value: float) -> None:
        self.y += self.px(value)

    def key(self, text: str) -> None:
        """A key line (a legend drawn as text, measured in the font it is drawn in)."""
        # A text trace anchored at its start: an annotation is centred on its measured
        # width, which drifts left when the symbols come from a fallback font.
        self.traces.append({"type": "scatter", "x": [0], "y": [self.y + self.px(9)], "mode": "text", "text": [text],
                            "textposition": "middle right", "textfont": {"size": self.font, "color": INK},
                            "hoverinfo": "skip", "showlegend": False, "cliponaxis": False, "name": "key"})
        self.skip(21)

    def label(self, text: str, *, bold: bool = False, right: str | None = None) -> None:
        """A left-aligned label line, wrapped, with an optional right-aligned note."""
        wrapped = wrap(text, self.width)
        self.annotations.append({"x": 0, "y": self.y, "xanchor": "left", "yanchor": "top", "align": "left",
                                 "showarrow": False, "text": f"<b>{wrapped}</b>" if bold else wrapped,
                                 "font": {"color": INK}})
        if right:
            self.annotations.append({"x": 100, "y": self.y, "xanchor": "right", "yanchor": "top", "showarrow": False,
                                     "text": esc(right), "font": {"color": INK}})
        self.y += self.px(17) * (wrapped.count("<br>") + 1) + 1

    def band(self, lo: float, hi: float, centre: float, half: float, *, line: bool = True) -> None:
        """A recommended band behind a row."""
        self.shapes.append({"type": "rect", "x0": lo, "x1": hi, "y0": centre - self.px(half),
                            "y1": centre + self.px(half), "fillcolor": BAND_FILL,
                            "line": {"color": BAND_LINE, "width": 1} if line else {"width": 0}, "layer": "below"})

    def note(self, x: float, centre: float, text: str) -> None:
        """An italic note on a row (e.g. "not calculated" where a bar would be)."""
        self.annotations.append({"x": x, "y": centre, "xanchor": "left", "showarrow": False, "font": {"color": INK},
                                 "text": f"<i>{esc(text)}</i>"})

    def finish(self, *, right: int = 34, layout: dict | None = None, xaxis: dict | None = None) -> go.Figure:
        """The figure: height from the rows, a 0..100 x axis at the bottom.

        ``layout`` and ``xaxis`` add to (or override) what every stack has.
        """
        bottom = round(self.px(24))
        return figure(self.traces, {
            **base_layout(int(self.y) + 4 + bottom, font_size=self.font),
            "margin": {"l": round(self.px(12)), "r": round(max(right, self.px(24))), "t": 4, "b": bottom, "pad": 0},
            "yaxis": {"range": [self.y, 0], "visible": False, "fixedrange": True},
            "xaxis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100], "showgrid": True, "gridcolor": LIGHT,
                      "zeroline": False, "fixedrange": True, "ticklabeloverflow": "allow", **(xaxis or {})},
            **(layout or {}),
        }, shapes=self.shapes, annotations=self.annotations)
