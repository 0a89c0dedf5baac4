"""About: the method, the sources registry, privacy."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import questionnaires

from . import state
from .state import t


def page() -> None:
    lang = state.lang()
    registry = questionnaires.load_sources()
    st.title(t("about.title"))
    st.header(t("about.method_title"))
    st.write(t("about.method_text"))
    st.write(t("about.composites_text"))
    st.write(t("about.provisional_text"))

    st.header(t("about.sources_title"))
    st.write(registry.document.citation)
    st.caption(registry.document.note(lang))
    table = pd.DataFrame(
        [
            {
                t("about.col_id"): c.id,
                t("about.col_section"): c.section,
                t("about.col_claim"): c.text(lang),
            }
            for c in registry.claims
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
    external = [c for c in registry.claims if c.citation]
    if external:
        st.subheader(t("about.external_title"))
        for claim in external:
            st.markdown(f"- **{claim.id}** — {claim.citation}")

    st.header(t("about.privacy_title"))
    st.write(t("about.privacy_text"))
