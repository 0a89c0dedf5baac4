"""Compare: an earlier answers file of the same role against today's answers."""

from __future__ import annotations

import streamlit as st

import questionnaires
import scoring
from charts import individual

from . import state, upload
from .results import draw_chart
from .state import t


def page() -> None:
    role_id = state.role()
    st.title(t("compare.title"))
    if role_id is None or not state.answers(role_id):
        st.info(t("compare.nothing_yet"))
        return
    lang = state.lang()
    q = questionnaires.load(role_id)
    st.write(t("compare.lead", role=q.role(lang)))
    loaded = upload.answers_uploader(t("compare.load_label"), "upload.compare", role_id)
    if loaded is not None:
        state.set_earlier(role_id, loaded)
    earlier = state.earlier(role_id)
    if earlier is None:
        return
    before = scoring.score(q, earlier.answers)
    after = scoring.score(q, state.answers(role_id))
    st.caption(t("compare.dates", before=earlier.created.date().isoformat()))
    draw_chart(individual.compare(q, before, after, lang), "compare.chart")

    change = scoring.compare_profiles(before, after)
    changed = change.benchmarks[change.benchmarks["changed"]]
    st.subheader(t("compare.benchmarks_title"))
    if changed.empty:
        st.write(t("compare.no_benchmark_change"))
    for bench_id, row in changed.iterrows():
        bench = next(b for b in q.benchmarks if b.id == bench_id)
        st.markdown(
            f"- **{bench.title(lang)}** : {t('status.' + row['before'])} → {t('status.' + row['after'])}"
        )
