"""The pages of the app and how to move between them."""

from __future__ import annotations

import streamlit as st

from . import about, compare, home, questionnaire, results
from .state import t

# url path -> (page function, title key, icon)
PAGES = {
    "accueil": (home.page, "nav.home", ":material/home:"),
    "questionnaire": (questionnaire.page, "nav.questionnaire", ":material/checklist:"),
    "resultats": (results.page, "nav.results", ":material/insights:"),
    "comparer": (compare.page, "nav.compare", ":material/compare_arrows:"),
    "a-propos": (about.page, "nav.about", ":material/info:"),
}


def page(name: str) -> st.Page:
    func, title, icon = PAGES[name]
    return st.Page(func, title=t(title), icon=icon, url_path=name, default=name == "accueil")


def go(name: str) -> None:
    st.switch_page(page(name))


def navigation() -> st.navigation:
    return st.navigation([page(name) for name in PAGES], position="top")
