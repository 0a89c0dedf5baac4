"""Reflet: the router. Page set-up, language, navigation; the pages are in views/."""

import logging

import streamlit as st

from views import browser, form, nav, state, style
from views.state import t
from workshops.qr import JOIN_PARAM

form.harvest()  # before anything: a click that cuts a run short loses no answer given
lang = state.lang()
current = nav.navigation()
# One call, before anything is drawn: a second call from a page can be dropped by the browser.
st.set_page_config(
    page_title="Reflet",
    page_icon=":material/psychology_alt:",
    layout="wide" if current.url_path in nav.WIDE else "centered",
)
style.apply()
browser.set_page_language(lang)  # <html lang> is the visitor's language, not Streamlit's "en"
join_code = st.query_params.get(JOIN_PARAM)
if join_code and current.url_path != "atelier":
    nav.go("atelier", {JOIN_PARAM: join_code})  # a join link or QR code opens the workshop

# A callback, so that this very run draws the page in the new language: the page's widgets
# are drawn, and nothing answered on it is forgotten.
st.button(t("lang.switch"), key="lang.switch", help=t("lang.switch_help"), type="tertiary",
          on_click=state.switch_language)
try:
    current.run()
except Exception:  # st.rerun and st.stop are BaseExceptions: they pass through
    # The visitor gets an apology and what to do; the traceback goes to the server log only.
    # Answers live in st.session_state, which an error leaves as it was.
    logging.getLogger("reflet").exception("page %s failed", current.url_path)
    st.error(t("app.page_error"))
