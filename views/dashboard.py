"""The trainer's live dashboard: a fragment that reruns every few seconds."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import questionnaires
from charts import PLOTLY_CONFIG_PROJECTED
from charts import group as group_charts
from reports import export, pdf
from workshops import StorageUnavailable
from workshops import dashboard as board

from . import state
from .services import workshop_service
from .state import t

REFRESH = "5s"


def _draw(chart, key: str) -> None:
    st.plotly_chart(chart.figure, config=PLOTLY_CONFIG_PROJECTED, key=key)
    st.caption(chart.summary)


def _charts(q, view: board.GroupView, lang: str) -> None:
    summary, n_min = view.summary, view.threshold
    left, right = st.columns(2)
    with left:
        st.subheader(t("dash.orientation"))
        _draw(group_charts.orientation_distribution(q, summary, lang, min_n=n_min), "dash.orientation")
    with right:
        st.subheader(t("dash.map"))
        _draw(group_charts.profile_map(q, view.scored, lang, min_n=n_min, summary=summary), "dash.map")
    left, right = st.columns(2)
    with left:
        st.subheader(t("dash.subscales"))
        _draw(group_charts.subscales(q, summary, lang, min_n=n_min), "dash.subscales")
    with right:
        st.subheader(t("dash.benchmarks"))
        _draw(group_charts.benchmarks(q, summary, lang, min_n=n_min), "dash.benchmarks")
    st.subheader(t("dash.divisive"))
    st.write(t("dash.divisive_text"))
    _draw(group_charts.divisive_items(q, summary, lang, min_n=n_min), "dash.divisive")
    st.subheader(t("dash.reliability"))
    st.dataframe(group_charts.reliability_table(q, summary, lang), width="stretch")
    st.caption(t("dash.reliability_text"))
    if view.comparison is not None:
        st.subheader(t("dash.compare"))
        _draw(group_charts.compare(q, view.comparison, lang, min_n=n_min), "dash.compare")
    elif view.earlier_n is not None:
        st.info(t("dash.compare_too_few", n=view.earlier_n, threshold=view.threshold))


def _exports(q, view: board.GroupView, title: str, code: str, lang: str) -> None:
    st.subheader(t("dash.export"))
    rows = board.export_frame(view)
    with st.container(horizontal=True):
        st.download_button(t("dash.csv"), export.to_csv_bytes(rows), f"reflet-{code}.csv", mime="text/csv",
                           on_click="ignore", key="dash.csv")
        st.download_button(
            t("dash.xlsx"), lambda: export.to_xlsx_bytes(rows), f"reflet-{code}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore", key="dash.xlsx",
        )
        created = datetime.now(UTC)
        st.download_button(
            t("dash.pdf"), lambda: pdf.group_pdf(q, view.summary, lang, title, created, min_n=view.threshold),
            f"reflet-{code}.pdf", mime="application/pdf", on_click="ignore", key="dash.pdf",
        )


@st.fragment(run_every=REFRESH)
def live(workshop_id: str, threshold: int, role: str, linked_id: str | None, title: str, code: str) -> None:
    lang = state.lang()
    service = workshop_service()
    try:
        answers = service.answers_frame(workshop_id)
        earlier = service.answers_frame(linked_id) if linked_id else None
    except StorageUnavailable:
        st.warning(t("dash.db_down"))
        return
    q = questionnaires.load(role)
    view = board.build(q, answers, threshold, earlier)
    st.metric(t("dash.count"), view.n)
    if not view.visible:
        st.info(t("dash.below_threshold", threshold=threshold, missing=threshold - view.n))
        return
    _charts(q, view, lang)
    _exports(q, view, title, code, lang)
