"""Reflet: the router. Page set-up, language, navigation; the pages are in views/."""

import streamlit as st

from views import nav, state
from views.state import t

st.set_page_config(page_title="Reflet", page_icon=":material/psychology_alt:", layout="centered")

lang = state.lang()
navigation = nav.navigation()
other = "en" if lang == "fr" else "fr"
if st.button(t("lang.switch"), key="lang.switch", help=t("lang.switch_help"), type="tertiary"):
    st.session_state[state.LANG] = other
    st.rerun()
navigation.run()
