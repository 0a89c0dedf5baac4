"""Browser behaviours Streamlit lacks, as inline components (Streamlit 1.67's
``st.components.v2``: not sandboxed, they run in the page itself).

The page says its language: Streamlit leaves ``<html lang="en">`` whatever the visitor
reads, so a screen reader would speak French with an English voice; a component set on
every run gives ``<html>`` the visitor's language (WCAG 3.1.1).

After *Suivant* or *Précédent*, the new page starts at its top on a phone: the browser
kept the scroll of the old page, whose buttons are at its bottom. (The page menu, on a
phone, already closes by itself once a page is chosen in 1.67: a browser test checks it.)
Neither sends anything back to Python or reads anything the person typed.

The charts come at once: a visitor's first results page used to stay without charts for
1-3 s while the browser fetched and started plotly.js (several megabytes). A tiny chart,
hidden, drawn on the home page and every questionnaire page, has the browser do that
while the person reads and answers.
"""

from __future__ import annotations

import streamlit as st

from charts.base import PLOTLY_CONFIG, preload_figure

_SCROLL_JS = """
export default function () {
  const top = () => {
    for (const el of [document.scrollingElement,
                      document.querySelector('[data-testid="stMain"]'),
                      document.querySelector('[data-testid="stAppViewContainer"]')]) {
      if (el) el.scrollTop = 0;
    }
    window.scrollTo(0, 0);
  };
  top();
  requestAnimationFrame(top);
  setTimeout(top, 200);
}
"""

_scroll = st.components.v2.component("reflet_scroll_top", js=_SCROLL_JS)

SCROLL_PENDING = "reflet.scroll_top"


def ask_scroll_to_top() -> None:
    """The next page drawn starts at its top (call when the page changes)."""
    st.session_state[SCROLL_PENDING] = st.session_state.get(SCROLL_PENDING, 0) + 1


def scroll_if_asked() -> None:
    """Mount the scroll once, on the first run after a page change."""
    token = st.session_state.pop(SCROLL_PENDING, None)
    if token is not None:
        _scroll(key=f"reflet.scroll.{token}")


_LANG_JS = """
export default function ({ data }) {
  if (data && document.documentElement.lang !== data) document.documentElement.lang = data;
}
"""

_lang = st.components.v2.component("reflet_page_lang", js=_LANG_JS)

LANG_KEY = "reflet-page-lang"  # views/style.py hides its element (class st-key-<key>): no gap on the page


def set_page_language(lang: str) -> None:
    """Give ``<html>`` the visitor's language (call on every run, before the page is drawn)."""
    _lang(data=lang, key=LANG_KEY)


PRELOAD_KEY = "reflet-chart-preload"  # views/style.py hides it (class st-key-<key>)


def preload_charts() -> None:
    """Draw the hidden chart that loads plotly.js before the results need it."""
    with st.container(key=PRELOAD_KEY):
        st.plotly_chart(preload_figure(), config=PLOTLY_CONFIG, key=f"{PRELOAD_KEY}.figure")
