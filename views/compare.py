"""Compare: an earlier answers file of the same role against today's answers.

An older file is scored under its own version of the questionnaire; what comes
from the instrument rather than the person is said in words.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import questionnaires
import scoring
from charts import individual
from charts.base import signed
from reports.pdf import format_date
from scoring import year_plan

from . import state, upload
from .results import draw_chart
from .state import t


def _label(q, profile, lang: str) -> str:
    rule = next((r for r in q.profiles.rules if r.id == profile.profile), None)
    return rule.label(lang) if rule else t("compare.no_profile")


def page() -> None:
    role_id = state.role()
    st.title(t("compare.title"))
    if role_id is None or not state.answers(role_id):
        st.info(t("compare.nothing_yet"))
        return
    lang = state.lang()
    q = questionnaires.load(role_id)
    st.write(t("compare.lead", role=q.role(lang)))
    loaded = upload.answers_uploader(t("compare.load_label"), "upload.compare", role_id, any_version=True)
    if loaded is not None:
        state.set_earlier(role_id, loaded)
    earlier = state.earlier(role_id)
    if earlier is None:
        return
    q_before = questionnaires.load_version(role_id, earlier.questionnaire_version)
    before = scoring.score(q_before, earlier.answers)
    after = scoring.score(q, state.answers(role_id))
    changes = scoring.instrument_changes(q_before, q)
    st.caption(t("compare.dates", before=format_date(earlier.created, lang),
                 after=format_date(datetime.now(UTC), lang)))
    if changes.any:
        note = q.changes_since(q_before.version)
        st.info(t("compare.other_version", old=q_before.version, new=q.version)
                + (" " + note(lang) if note else ""))

    st.header(t("compare.in_words_title"))
    old_label, new_label = _label(q_before, before, lang), _label(q, after, lang)
    lines = [t("compare.profile_same", profile=new_label) if old_label == new_label
             else t("compare.profile_line", before=old_label, after=new_label)]
    if before.orientation is not None and after.orientation is not None:
        lines.append(t("compare.orientation_line", before=signed(before.orientation, lang),
                       after=signed(after.orientation, lang)))
    if changes.profiles_redefined:
        lines.append(t("compare.profiles_redefined", old=q_before.version))
    for line in lines:
        st.markdown(f"- {line}")
    draw_chart(individual.compare(q, before, after, lang), "compare.chart")

    change = scoring.compare_profiles(before, after)
    st.header(t("compare.benchmarks_title"))
    shown = 0
    for bench in q.benchmarks:
        row = change.benchmarks.loc[bench.id]
        if bench.id in changes.benchmarks_added:
            st.markdown(f"- **{bench.title(lang)}** : {t('status.' + row['after'])} "
                        f"({t('compare.benchmark_new', new=q.version)})")
        elif row["changed"]:
            why = (f" ({t('compare.benchmark_redefined', new=q.version)})"
                   if bench.id in changes.benchmarks_redefined else "")
            st.markdown(f"- **{bench.title(lang)}** : {t('status.' + row['before'])} → "
                        f"{t('status.' + row['after'])}{why}")
        else:
            continue
        shown += 1
    if not shown:
        st.write(t("compare.no_benchmark_change"))
    _plan_progress(q_before, earlier.plan, before, after, lang)


def _change_text(step) -> str:
    """A plan item's benchmark status or subscale score, before and after, in words."""
    if not step.measured:
        return t("compare.plan_unmeasured")
    if step.item.kind == "benchmark":
        return t("compare.plan_benchmark", before=t("status." + step.before), after=t("status." + step.after))
    return t("compare.plan_subscale", before=round(step.before), after=round(step.after),
             change=signed(step.after - step.before, state.lang()))


def _plan_progress(q_before, items, before, after, lang: str) -> None:
    """The plan made with the earlier answers, each item beside what changed since."""
    st.header(t("compare.plan_title"))
    if not items:
        st.write(t("compare.plan_none"))
        return
    for step in year_plan.progress(items, before, after):
        with st.container(border=True):
            label = year_plan.subject(q_before, step.item, lang)
            st.text(label)  # the person's own words are never read as markup
            if step.item.step:
                st.caption(t("plan.field.step"))
                st.text(step.item.step)
            st.markdown(f"**{_change_text(step)}**")
