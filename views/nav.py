"""The pages of the app and how to move between them.

Each page is a small script under views/pages/ (so AppTest can switch to it)
that calls the page function of its views module.
"""

from __future__ import annotations

import streamlit as st

from . import state
from .state import t

# url path -> (page script, title key, icon)
PAGES = {
    "accueil": ("views/pages/home.py", "nav.home", ":material/home:"),
    "questionnaire": ("views/pages/questionnaire.py", "nav.questionnaire", ":material/checklist:"),
    "resultats": ("views/pages/results.py", "nav.results", ":material/insights:"),
    "comparer": ("views/pages/compare.py", "nav.compare", ":material/compare_arrows:"),
    "atelier": ("views/pages/workshop_participant.py", "nav.workshop", ":material/groups:"),
    "formateur": ("views/pages/workshop_trainer.py", "nav.trainer", ":material/co_present:"),
    "a-propos": ("views/pages/about.py", "nav.about", ":material/info:"),
}
WIDE = {"formateur"}  # the trainer's dashboard is projected


_BUILT = "reflet.nav.pages"  # {language: {url path: st.Page}}, this session's own


def page(name: str) -> st.Page:
    """The page ``name``, titled in the visitor's language.

    Built once a session and language (building the seven, which resolves their scripts'
    paths and checks their icons, took ~7 ms, on every run). Never shared between sessions:
    st.navigation marks the page it runs on the object itself.
    """
    lang = state.lang()
    built = st.session_state.setdefault(_BUILT, {})
    if lang not in built:
        built[lang] = {key: st.Page(script, title=t(title), icon=icon, url_path=key, default=key == "accueil")
                       for key, (script, title, icon) in PAGES.items()}
    return built[lang][name]


def go(name: str, query_params: dict[str, str] | None = None) -> None:
    st.switch_page(page(name), query_params=query_params)


def navigation() -> st.navigation:
    return st.navigation([page(name) for name in PAGES], position="top")
