"""The plan for the year: after the results, one to three things to work on.

The person picks what each item is about from what the scoring proposes (or writes
their own subject), then a first step, when, and how they will know it worked. Every
change passes ``scoring.year_plan.parse_plan``, the same gate as a loaded file; the
texts are shown back with ``st.text`` (never as markdown or HTML). The plan lives in
the session under ``plan_key`` and in the person's own files; in a workshop it is never
sent with the group's answers.
"""

from __future__ import annotations

import streamlit as st

from questionnaires import Questionnaire
from scoring import year_plan
from scoring.model import Profile

from . import state
from .state import t

FIELDS = ("step", "when", "check")


def focus_label(q: Questionnaire, focus: str, lang: str) -> str:
    return year_plan.focus_text(q, focus, lang) or t("plan.own_choice")


def _why(q: Questionnaire, profile: Profile, focus: str) -> str:
    """Why the scoring proposes it: a benchmark's status, a subscale outside its zone."""
    kind, _, target = focus.partition(":")
    if kind == "benchmark":
        return t("plan.why_benchmark", status=t("status." + profile.benchmarks[target].status))
    if kind == "subscale":
        return t("plan.why_subscale")
    if kind == "question":
        return t("plan.why_question")
    return ""


def _error(exc: year_plan.PlanError) -> None:
    field = t(f"plan.field.{exc.field}") if exc.field else ""
    st.error(t(f"plan.error.{exc.reason}", field=field, limit=exc.limit or 0))


def _keep(q: Questionnaire, plan_key: str, items: list[year_plan.PlanItem]) -> bool:
    """Check the whole new plan at the boundary, then keep it; say why not otherwise."""
    try:
        kept = year_plan.parse_plan([_raw(i) for i in items], q)
    except year_plan.PlanError as exc:
        _error(exc)
        return False
    state.set_plan(plan_key, kept)
    return True


def _raw(item: year_plan.PlanItem) -> dict[str, str]:
    return {"focus": item.focus, "own": item.own, "step": item.step, "when": item.when, "check": item.check}


def _text_fields(prefix: str, item: year_plan.PlanItem | None) -> dict[str, str]:
    values = {}
    for name in FIELDS:
        values[name] = st.text_input(
            t(f"plan.field.{name}"), value=getattr(item, name) if item else "",
            max_chars=year_plan.MAX_CHARS[name], key=f"{prefix}.{name}",
            placeholder=t(f"plan.placeholder.{name}"),
        )
    return values


def _item(q: Questionnaire, plan_key: str, items: tuple, index: int, lang: str) -> None:
    item = items[index]
    prefix = f"plan.{plan_key}.{index}.{item.focus}"
    with st.container(border=True):
        st.markdown(f"**{index + 1}.** " + t("plan.about"))
        st.text(year_plan.subject(q, item, lang))
        with st.form(f"{prefix}.form", border=False):
            own = (st.text_input(t("plan.field.own"), value=item.own, max_chars=year_plan.MAX_CHARS["own"],
                                 key=f"{prefix}.own") if item.focus == year_plan.OWN else "")
            values = _text_fields(prefix, item)
            with st.container(horizontal=True):
                save = st.form_submit_button(t("plan.save"), icon=":material/check:")
                remove = st.form_submit_button(t("plan.remove"), type="tertiary", icon=":material/delete:")
        if save:
            changed = year_plan.PlanItem(item.focus, own=own, **values)
            if _keep(q, plan_key, [*items[:index], changed, *items[index + 1:]]):
                st.rerun()
        if remove and _keep(q, plan_key, [*items[:index], *items[index + 1:]]):
            st.rerun()


def _add(q: Questionnaire, profile: Profile, plan_key: str, items: tuple, lang: str) -> None:
    taken = {i.focus for i in items if i.focus != year_plan.OWN}
    choices = [f for f in year_plan.proposals(q, profile) if f not in taken]
    st.markdown(f"**{t('plan.add_title', number=len(items) + 1)}**")
    focus = st.selectbox(
        t("plan.focus_label"), choices, index=None, key=f"plan.{plan_key}.new.focus",
        placeholder=t("plan.focus_placeholder"),
        format_func=lambda f: " — ".join(x for x in (focus_label(q, f, lang), _why(q, profile, f)) if x),
    )
    if focus is None:
        return
    prefix = f"plan.{plan_key}.new.{len(items)}.{focus}"
    with st.form(f"{prefix}.form", border=False):  # keys carry the count: a new item starts empty
        own = (st.text_input(t("plan.field.own"), max_chars=year_plan.MAX_CHARS["own"], key=f"{prefix}.own")
               if focus == year_plan.OWN else "")
        values = _text_fields(prefix, None)
        added = st.form_submit_button(t("plan.add"), type="primary", icon=":material/add:")
    if added and _keep(q, plan_key, [*items, year_plan.PlanItem(focus, own=own, **values)]):
        del st.session_state[f"plan.{plan_key}.new.focus"]
        st.rerun()


def editor(q: Questionnaire, profile: Profile, plan_key: str) -> None:
    """The plan section of a results page."""
    lang = state.lang()
    st.header(t("plan.title"))
    st.write(t("plan.lead", most=year_plan.MAX_ITEMS))
    items = state.plan(plan_key)
    for index in range(len(items)):
        _item(q, plan_key, items, index, lang)
    if len(items) < year_plan.MAX_ITEMS:
        _add(q, profile, plan_key, items, lang)
    else:
        st.caption(t("plan.full", most=year_plan.MAX_ITEMS))
    st.caption(t("plan.kept"))
