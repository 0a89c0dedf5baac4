"""One questionnaire page: a form of items, Back and Next, the page check.

Shared by the self-assessment and the workshop participant: both keep their
answers in a plain dict and decide what Next on the last page does.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from questionnaires import NOT_APPLICABLE, Questionnaire
from questionnaires.schema import ChoiceItem, NumberItem, ScaleItem, Section, SituationItem

from . import state
from .state import t

Move = Literal["back", "next"]


def intentions(q: Questionnaire, answers: dict[str, Any]) -> bool:
    """Behaviours read as intentions for someone who has never accompanied students."""
    return answers.get(q.experience_item) == q.experience_no


def _index(options: list, current: Any) -> int | None:
    return options.index(current) if current in options else None


def _radio(label: str, options: list, labels: dict, current: Any, key: str, help_text: str | None) -> Any:
    # Vertical on every screen: a wrapped horizontal scale zigzags on a phone and
    # hides the order of its points.
    return st.radio(
        label,
        options,
        index=_index(options, current),
        format_func=lambda value: labels[value],
        key=key,
        help=help_text,
    )


def _draw_item(q: Questionnaire, item, number: int, current: Any, key: str, lang: str) -> Any:
    help_text = item.help(lang) if getattr(item, "help", None) else None
    if isinstance(item, ScaleItem):
        scale = q.scales[item.scale]
        options: list = [*range(1, scale.points + 1), NOT_APPLICABLE]
        labels = dict(zip(options, [*scale.labels(lang), scale.not_applicable(lang)]))
        return _radio(f"{number}. {item.text(lang)}", options, labels, current, key, help_text)
    if isinstance(item, ChoiceItem):
        labels = {o.id: o.label(lang) for o in item.options}
        if item.not_applicable:
            labels[NOT_APPLICABLE] = q.scales[next(iter(q.scales))].not_applicable(lang)
        return _radio(f"{number}. {item.text(lang)}", list(labels), labels, current, key, help_text)
    if isinstance(item, SituationItem):
        labels = {o.id: o.label(lang) for o in item.options}
        st.markdown(f"**{number}. {item.title(lang)}**")
        st.write(item.text(lang))
        return _radio(t("form.situation_choice"), list(labels), labels, current, key, None)
    assert isinstance(item, NumberItem)
    whole = float(item.step).is_integer() and float(item.min).is_integer()
    cast = int if whole else float
    return st.number_input(
        f"{number}. {item.text(lang)} ({item.unit(lang)})",
        min_value=cast(item.min),
        max_value=cast(item.max),
        step=cast(item.step),
        value=cast(current) if isinstance(current, int | float) else None,
        placeholder=t("form.number_placeholder"),
        key=key,
        help=help_text,
    )


def _first_number(q: Questionnaire, section: Section) -> int:
    before = q.sections[: q.sections.index(section)]
    return 1 + sum(len(s.items) for s in before)


def draw_page(q: Questionnaire, answers: dict[str, Any], index: int, key: str) -> Move | None:
    """Draw page ``index``; update ``answers`` on Back/Next; return the move once allowed.

    Next returns only when every item of the page has an answer; otherwise the
    unanswered items are named and the page stays. Back always keeps what was given.
    """
    lang = state.lang()
    sections = q.sections
    section = sections[index]
    last = index == len(sections) - 1
    st.progress(index / len(sections), text=t("form.progress", k=index + 1, n=len(sections)))
    st.subheader(section.title(lang))
    intro = section.intro_intention if section.intro_intention and intentions(q, answers) else section.intro
    st.write(intro(lang))
    if section.kind == "behaviours":
        stem = section.stem_intention if intentions(q, answers) else section.stem
        st.info(stem(lang))

    first = _first_number(q, section)
    missing_key = f"{state.WIDGET_PREFIX}{key}.{section.id}.missing"
    flagged = set(st.session_state.get(missing_key, ()))
    with st.form(f"{state.WIDGET_PREFIX}{key}.{section.id}", border=False):
        values = {}
        for n, item in enumerate(section.items):
            if item.id in flagged:
                st.markdown(f":red[**{t('form.missing_mark')}**]")
            values[item.id] = _draw_item(
                q, item, first + n, answers.get(item.id), f"{state.WIDGET_PREFIX}{key}.{item.id}", lang
            )
        back_col, next_col = st.columns(2)
        back = back_col.form_submit_button(
            t("form.back"), disabled=index == 0, width="stretch"
        )
        forward = next_col.form_submit_button(
            t("form.finish") if last else t("form.next"), type="primary", width="stretch"
        )
    if back or forward:
        for item_id, value in values.items():
            if value is None:
                answers.pop(item_id, None)
            else:
                answers[item_id] = value
        st.session_state.pop(missing_key, None)
    if back:
        return "back"
    if forward:
        gaps = [item.id for item in section.items if values[item.id] is None]
        if not gaps:
            return "next"
        st.session_state[missing_key] = gaps  # marked at each question on the rerun
        st.rerun()
    if flagged:
        _list_missing(q, section, first, flagged, lang)
    return None


def _list_missing(q: Questionnaire, section: Section, first: int, flagged: set[str], lang: str) -> None:
    """Below the buttons, where the eye is after a tap on Next: which questions remain."""
    missing = [(first + n, item) for n, item in enumerate(section.items) if item.id in flagged]
    st.error(t("form.missing_one" if len(missing) == 1 else "form.missing_many", count=len(missing)))
    for number, item in missing:
        text = item.title(lang) if isinstance(item, SituationItem) else item.text(lang)
        st.markdown(f"- {t('form.missing_item', number=number)} {text}")
