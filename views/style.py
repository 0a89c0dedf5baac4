"""The app's few style rules: larger tap targets for answer choices on a phone, captions
dark enough to read, a keyboard focus one can see, and no gap for the component that
only sets the page's language."""

import streamlit as st

from .browser import LANG_KEY, PRELOAD_KEY

FOCUS_RING = "#0072B2"  # .streamlit/config.toml's primaryColor

# A radio choice is ~22 px tall by default; a finger needs ~40 px (WCAG 2.5.5 suggests 44).
# Streamlit fades captions to 60 % of the text colour: 3.9:1 on white, under the 4.5:1
# WCAG 1.4.3 asks of 14 px text (axe-core's color-contrast). At 75 % it is 6:1, and
# still lighter than the text around it, in the light theme and the dark one alike.
# The keyboard's focus, plainly drawn (WCAG 2.4.7): Streamlit marks a focused answer choice
# and a focused page link with a faint tint only (the current page has the same tint), and
# leaves a heading's link invisible (opacity 0) when the Tab key reaches it. The ring is the
# primary colour, 5:1 on white.
# The page-language component draws nothing, but its empty element would still take the
# column's 1rem gap at the top of every page; the chart that preloads plotly.js is not seen.
CSS = f"""
<style>
[data-testid="stRadioOption"] {{
  min-height: 2.5rem;
  align-items: center;
}}
.stApp [data-testid="stCaptionContainer"] {{
  opacity: 0.75;
}}
.stApp [data-testid="stRadioOption"]:has(input:focus-visible),
.stApp [data-testid="stTopNavLink"]:focus-visible,
.stApp [data-testid="stSidebarNavLink"]:focus-visible,
.stApp [data-testid="stHeaderActionElements"] a:focus-visible {{
  outline: 2px solid {FOCUS_RING};
  outline-offset: 2px;
}}
.stApp [data-testid="stHeaderActionElements"] a:focus-visible {{
  opacity: 1;
}}
.stApp .stElementContainer.st-key-{LANG_KEY},
.stApp .st-key-{PRELOAD_KEY} {{
  display: none;
}}
</style>
"""


def apply() -> None:
    st.html(CSS)
