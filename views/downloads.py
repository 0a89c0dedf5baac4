"""Download buttons for the answers file and the PDF report."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import streamlit as st

from questionnaires import Questionnaire
from reports import answers_file, pdf
from scoring.model import Profile
from scoring.year_plan import PlanItem

from . import state
from .state import t


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


def answers_download(q: Questionnaire, answers: dict[str, Any], key: str, plan: tuple[PlanItem, ...] = ()) -> None:
    data = answers_file.dump(q.id, q.version, answers, state.lang(), plan=plan)
    st.download_button(
        t("download.answers"),
        data=data,
        file_name=f"reflet-{q.id}-{_stamp()}.json",
        mime="application/json",
        key=key,
        on_click="ignore",
        icon=":material/save:",
    )


def pdf_download(q: Questionnaire, profile: Profile, key: str, plan: tuple[PlanItem, ...] = (),
                 answers: dict[str, Any] | None = None) -> None:
    """The report, with the plan and, when ``answers`` is given, the answers in an appendix."""
    lang = state.lang()
    created = datetime.now(UTC)
    st.download_button(
        t("download.pdf"),
        data=lambda: pdf.profile_pdf(q, profile, lang, created, plan=plan, answers=answers),
        file_name=f"reflet-{q.id}-{_stamp()}.pdf",
        mime="application/pdf",
        key=key,
        on_click="ignore",
        type="primary",
        icon=":material/picture_as_pdf:",
    )
