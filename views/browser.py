"""A browser behaviour Streamlit lacks, as an inline component (Streamlit 1.67's
``st.components.v2``: not sandboxed, it runs in the page itself).

After *Suivant* or *Précédent*, the new page starts at its top on a phone: the browser
kept the scroll of the old page, whose buttons are at its bottom. (The page menu, on a
phone, already closes by itself once a page is chosen in 1.67: a browser test checks it.)
It sends nothing back to Python and reads nothing the person typed.
"""

from __future__ import annotations

import streamlit as st

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
