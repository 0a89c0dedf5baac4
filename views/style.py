"""The app's few style rules: larger tap targets for answer choices on a phone."""

import streamlit as st

# A radio choice is ~22 px tall by default; a finger needs ~40 px (WCAG 2.5.5 suggests 44).
CSS = """
<style>
[data-testid="stRadioOption"] {
  min-height: 2.5rem;
  align-items: center;
}
</style>
"""


def apply() -> None:
    st.html(CSS)
