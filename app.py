"""Reflet: the router. Page set-up, language, navigation; the pages are in views/."""

import logging

import streamlit as st

from views import nav, state, style
from views.state import t
from workshops.qr import JOIN_PARAM

lang = state.lang()
current = nav.navigation()
# One call, before anything is drawn: a second call from a page can be dropped by the browser.
st.set_page_config(
    page_title="Reflet",
    page_icon=":material/psychology_alt:",
    layout="wide" if current.url_path in nav.WIDE else "centered",
)
style.apply()
join_code = st.query_params.get(JOIN_PARAM)
if join_code and current.url_path != "atelier":
    nav.go("atelier", {JOIN_PARAM: join_code})  # a join link or QR code opens the workshop

if st.button(t("lang.switch"), key="lang.switch", help=t("lang.switch_help"), type="tertiary"):
    st.session_state[state.LANG] = "en" if lang == "fr" else "fr"
    st.rerun()
try:
    current.run()
except Exception:  # st.rerun and st.stop are BaseExceptions: they pass through
    # The visitor gets an apology and what to do; the traceback goes to the server log only.
    # Answers live in st.session_state, which an error leaves as it was.
    logging.getLogger("reflet").exception("page %s failed", current.url_path)
    st.error(t("app.page_error"))
