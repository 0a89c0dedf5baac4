"""The trainer's live dashboard: a fragment that reruns every few seconds."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import questionnaires
from charts import PLOTLY_CONFIG_PROJECTED
from charts import group as group_charts
from reports import export, pdf
from scoring import GroupSummary, group_summary
from workshops import StorageUnavailable
from workshops import dashboard as board

from . import state
from .services import workshop_service
from .state import t

REFRESH = "5s"


def _draw(chart, key: str) -> None:
    st.plotly_chart(chart.figure, config=PLOTLY_CONFIG_PROJECTED, key=key)
    st.caption(chart.summary)


@st.cache_resource(max_entries=64, ttl=900, show_spinner=False)
def _summary(workshop_id: str, role: str, n: int, _scored, _answers) -> GroupSummary:
    """A workshop's summary of its first ``n`` scorable answers (the reliability bootstrap is
    most of a rebuild). Those rows never change once stored, so a new answer that the
    charts do not show yet (they move a batch at a time) costs no summary."""
    return group_summary(questionnaires.load(role), _scored, _answers)


@st.cache_resource(show_spinner=False)
def _live_rows() -> board.LiveRows:
    """The workshops' rows between refreshes (one store a server process)."""
    return board.LiveRows()


def _rows(q, workshop_id: str, count: int) -> board.Scorable:
    """The workshop's rows: the new ones alone are read when the count moved."""
    service = workshop_service()
    return _live_rows().rows(q, workshop_id, count, lambda: service.submission_ids(workshop_id),
                             lambda only: service.answers_frame(workshop_id, only))


@st.cache_resource(max_entries=16, ttl=900, show_spinner=False)
def _group(workshop_id: str, linked_id: str | None, shown: tuple[int, int, int | None], threshold: int,
           role: str, _now: board.Scorable, _before: board.Scorable | None) -> board.GroupView:
    """The group's view, built once for each state the projector can show: ``shown`` is the
    count shown (it moves a batch at a time), the rows left out, and the linked workshop's
    count. An answer that moves none of them costs no scoring and no summary.

    Submissions are only ever added, so these name one state of the group's charts.
    """
    q = questionnaires.load(role)
    return board.build(q, _now, threshold, _before, summarize=lambda scored, rows, is_earlier: _summary(
        linked_id if is_earlier else workshop_id, role, len(rows), scored, rows))


@st.cache_resource(max_entries=16, ttl=900, show_spinner=False)
def _figures(workshop_id: str, linked_id: str | None, shown: tuple[int, int, int | None], threshold: int,
             role: str, lang: str, _view: board.GroupView) -> dict:
    """The group's charts, drawn once for each state the projector can show (``shown``, as
    for ``_group``) and language."""
    q = questionnaires.load(role)
    summary = _view.summary
    charts = {
        "orientation": group_charts.orientation_distribution(q, summary, lang, min_n=threshold),
        "map": group_charts.profile_map(q, _view.charted_scores, lang, min_n=threshold, summary=summary),
        "subscales": group_charts.subscales(q, summary, lang, min_n=threshold),
        "benchmarks": group_charts.benchmarks(q, summary, lang, min_n=threshold),
        "divisive": group_charts.divisive_items(q, summary, lang, min_n=threshold),
        "reliability": group_charts.reliability_table(q, summary, lang),
    }
    if _view.comparison is not None:
        charts["compare"] = group_charts.compare(q, _view.comparison, lang, min_n=threshold)
    return charts


SIDE_BY_SIDE = (("orientation", "map"), ("subscales", "benchmarks"))  # two rows of two on a projector


def _charts(view: board.GroupView, charts: dict) -> None:
    for row in SIDE_BY_SIDE:
        for column, name in zip(st.columns(len(row)), row):
            with column:
                st.header(t(f"dash.{name}"))
                _draw(charts[name], f"dash.{name}")
    st.header(t("dash.divisive"))
    st.write(t("dash.divisive_text"))
    _draw(charts["divisive"], "dash.divisive")
    st.header(t("dash.reliability"))
    st.dataframe(charts["reliability"], width="stretch", hide_index=True)
    st.caption(t("dash.reliability_text"))
    if "compare" in charts:
        st.header(t("dash.compare"))
        _draw(charts["compare"], "dash.compare")
    elif view.earlier_n is not None:
        st.info(t("dash.compare_too_few", n=view.earlier_n, threshold=view.threshold))


def _exports(q, view: board.GroupView, rows: board.Scorable, title: str, code: str, lang: str) -> None:
    st.header(t("dash.export"))
    # Files are built on click only: the fragment reruns every few seconds. The rows follow
    # every answer; the PDF holds the charts' figures.
    with st.container(horizontal=True):
        st.download_button(t("dash.csv"), lambda: export.to_csv_bytes(board.export_rows(q, rows, view.threshold)),
                           f"reflet-{code}.csv", mime="text/csv", on_click="ignore", key="dash.csv")
        st.download_button(
            t("dash.xlsx"), lambda: export.to_xlsx_bytes(board.export_rows(q, rows, view.threshold)),
            f"reflet-{code}.xlsx",
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
        q = questionnaires.load(role)
        rows = _rows(q, workshop_id, service.count(workshop_id))
        earlier = _rows(q, linked_id, service.count(linked_id)) if linked_id else None
        shown = (board.shown_count(len(rows.answers), threshold), len(rows.refused),
                 len(earlier.answers) if earlier is not None else None)
        view = _group(workshop_id, linked_id, shown, threshold, role, rows, earlier)
    except StorageUnavailable:
        st.warning(t("dash.db_down"))
        return
    st.metric(t("dash.count"), view.shown_count)
    st.caption(t("dash.batched", batch=board.CHART_BATCH))
    if view.skipped:
        st.caption(t("dash.skipped", n=view.skipped))
    if not view.visible:
        st.info(t("dash.below_threshold", threshold=threshold, missing=threshold - view.shown_count))
        return
    _charts(view, _figures(workshop_id, linked_id, shown, threshold, role, lang, view))
    _exports(q, view, rows, title, code, lang)
