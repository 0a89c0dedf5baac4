"""Reflet's charts: pure functions from results to plotly figures (and, for the PDF,
matplotlib images). Nothing here imports streamlit.

``individual``: one person's profile; ``group``: a workshop's projected dashboard;
``static``: PNG images for the PDF (matplotlib, Agg: no browser needed).
"""

from .base import PLOTLY_CONFIG, PLOTLY_CONFIG_PROJECTED, Chart

__all__ = ["PLOTLY_CONFIG", "PLOTLY_CONFIG_PROJECTED", "Chart"]
