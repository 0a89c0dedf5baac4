"""One questionnaire page: its items, Back and Next, the page check.

Shared by the self-assessment and the workshop participant: both keep their
answers in a plain dict and decide what Next on the last page does.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import streamlit as st

from i18n import number
import questionnaires
from questionnaires import NOT_APPLICABLE, Questionnaire
from questionnaires.schema import ChoiceItem, NumberItem, ScaleItem, Section, SituationItem
from scoring.single import number_problem

from . import browser, state
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
    # No min/max on the widget: the browser would refuse 40 where 36 is the top in silence;
    # Reflet checks the value when the page is left and says what is wrong, next to it.
    return st.number_input(
        f"{number}. {item.text(lang)} ({item.unit(lang)})",
        step=cast(item.step),
        value=cast(current) if isinstance(current, int | float) else None,
        placeholder=t("form.number_placeholder"),
        key=key,
        help=help_text,
    )


def _first_number(q: Questionnaire, section: Section) -> int:
    before = q.sections[: q.sections.index(section)]
    return 1 + sum(len(s.items) for s in before)


def _item_key(key: str, item, lang: str) -> str:
    # The language is part of the key: a widget whose words change is new to the browser,
    # which would show it empty; a new key draws it afresh from the answers.
    return f"{state.WIDGET_PREFIX}{key}.{item.id}.{lang}"


def _button_key(key: str, section: Section, which: Move) -> str:
    return f"{state.WIDGET_PREFIX}{key}.{section.id}.{which}"


def _problems_key(key: str, section: Section) -> str:
    return f"{state.WIDGET_PREFIX}{key}.{section.id}.problems"


def _keep(section: Section, values: dict[str, Any], answers: dict[str, Any]) -> dict[str, tuple[str, dict]]:
    """``answers`` follows the page's values; a number the questionnaire refuses is never
    kept (returned, with why, for the field to show it until corrected)."""
    wrong = _wrong_numbers(section, values)
    for item_id, value in values.items():
        if item_id in wrong:
            continue
        if value is None:
            answers.pop(item_id, None)
        else:
            answers[item_id] = value
    return wrong


def take_move(q: Questionnaire, answers: dict[str, Any], index: int, key: str) -> Move | None:
    """The move this run's tap on *Précédent* or *Suivant* asks for, once allowed; call it
    before drawing, so that the run a tap starts draws the page it leads to (one script run
    a page turn, not two).

    Back always leaves. Next leaves only when every item of page ``index`` has a valid
    answer; otherwise nothing moves and the page, drawn next, says beside each question and
    under the buttons what is missing or wrong.
    """
    section = q.sections[index]
    back = st.session_state.get(_button_key(key, section, "back")) is True
    forward = st.session_state.get(_button_key(key, section, "next")) is True
    if not (back or forward):
        return None
    lang = state.lang()
    # The values the tap came with (a widget not drawn yet in this session has none).
    values = {item.id: st.session_state.get(_item_key(key, item, lang), answers.get(item.id))
              for item in section.items}
    wrong = _keep(section, values, answers)
    problems_key = _problems_key(key, section)
    if back:
        st.session_state.pop(problems_key, None)
        browser.ask_scroll_to_top()
        return "back"
    problems = {item.id: ("missing", {}) for item in section.items if values[item.id] is None} | wrong
    if problems:
        st.session_state[problems_key] = problems  # marked at each question as the page is drawn
        return None
    st.session_state.pop(problems_key, None)
    browser.ask_scroll_to_top()
    return "next"


def draw_page(q: Questionnaire, answers: dict[str, Any], index: int, key: str) -> None:
    """Draw page ``index`` and keep every answer the moment it is given.

    There is no form: each tap reruns the page and ``answers`` follows the widgets at once,
    so leaving the page in any way (Next, Back, the menu, the language button, a download)
    loses nothing; a number the questionnaire refuses is never kept. The buttons' taps are
    read by ``take_move`` at the start of the next run.
    """
    lang = state.lang()
    browser.scroll_if_asked()
    sections = q.sections
    section = sections[index]
    last = index == len(sections) - 1
    st.progress(index / len(sections), text=t("form.progress", k=index + 1, n=len(sections)))
    st.header(section.title(lang))
    intro = section.intro_intention if section.intro_intention and intentions(q, answers) else section.intro
    st.write(intro(lang))
    if section.kind == "behaviours":
        stem = section.stem_intention if intentions(q, answers) else section.stem
        st.info(stem(lang))

    first = _first_number(q, section)
    # A mark stays until the question has a valid answer.
    flagged = {i: p for i, p in st.session_state.get(_problems_key(key, section), {}).items()
               if i not in answers}
    values = {}
    for n, item in enumerate(section.items):
        if item.id in flagged:
            st.markdown(f":red[**{_problem_text(flagged[item.id], section, lang)}**]")
        values[item.id] = _draw_item(q, item, first + n, answers.get(item.id), _item_key(key, item, lang), lang)
    _keep(section, values, answers)

    back_col, next_col = st.columns(2)
    back_col.button(t("form.back"), disabled=index == 0, width="stretch", key=_button_key(key, section, "back"))
    next_col.button(t("form.finish") if last else t("form.next"), type="primary", width="stretch",
                    key=_button_key(key, section, "next"))
    browser.preload_charts()
    if flagged:
        _list_problems(section, first, flagged, lang)


def _wrong_numbers(section: Section, values: dict[str, Any]) -> dict[str, tuple[str, dict]]:
    """The numbers typed on this page that the questionnaire refuses, each with why."""
    wrong = {}
    for item in section.items:
        value = values.get(item.id)
        if isinstance(item, NumberItem) and value is not None:
            problem = number_problem(item, value)
            if problem is not None:
                wrong[item.id] = (problem, {"item": item.id, "value": float(value) if problem != "not_a_number" else 0})
    return wrong


def _problem_text(problem: tuple[str, dict], section: Section, lang: str) -> str:
    """What is wrong with an answer, in the visitor's language (numbers from the questionnaire)."""
    kind, params = problem
    if kind == "missing":
        return t("form.missing_mark")
    item = next(i for i in section.items if i.id == params["item"])
    digits = len(f"{item.step:g}".split(".")[-1]) if not float(item.step).is_integer() else 0

    def shown(value: float) -> str:
        return number(value, lang, 0 if float(round(value, 9)).is_integer() else digits)

    if kind == "off_step":
        below = item.min + math.floor((params["value"] - item.min) / item.step) * item.step
        return t("form.problem.off_step", step=shown(item.step), below=shown(below), above=shown(below + item.step))
    if kind == "out_of_range":
        return t("form.problem.out_of_range", min=shown(item.min), max=shown(item.max))
    return t("form.problem.not_a_number")


def _list_problems(section: Section, first: int, flagged: dict[str, tuple[str, dict]], lang: str) -> None:
    """Below the buttons, where the eye is after a tap on Next: which questions remain, which to fix."""
    numbered = [(first + n, item) for n, item in enumerate(section.items) if item.id in flagged]
    missing = [x for x in numbered if flagged[x[1].id][0] == "missing"]
    wrong = [x for x in numbered if flagged[x[1].id][0] != "missing"]
    if missing:
        st.error(t("form.missing_one" if len(missing) == 1 else "form.missing_many", count=len(missing)))
    if wrong:
        st.error(t("form.wrong_one" if len(wrong) == 1 else "form.wrong_many", count=len(wrong)))
    for number_, item in numbered:
        text = item.title(lang) if isinstance(item, SituationItem) else item.text(lang)
        why = f" — {_problem_text(flagged[item.id], section, lang)}" if flagged[item.id][0] != "missing" else ""
        st.markdown(f"- {t('form.missing_item', number=number_)} {text}{why}")


def harvest() -> None:
    """Copy every answer widget's value into its answers dict, at the start of a run.

    A tap's own run may be cut short by the next click (the language button, the menu),
    and Streamlit forgets the state of widgets a run does not draw: taking the values
    first keeps every answer given, whatever the page is left for. Only values the
    questionnaire accepts are taken; an empty widget takes nothing away.
    """
    from . import workshop_participant  # the participant's answers live there, per code

    for widget_key, value in list(st.session_state.items()):
        if value is None or not str(widget_key).startswith(state.WIDGET_PREFIX):
            continue
        parts = str(widget_key)[len(state.WIDGET_PREFIX):].split(".")
        if len(parts) != 4:
            continue
        owner, middle, item_id, _lang = parts
        if owner == "ws":
            answers, role_id = workshop_participant.answers_for(middle)
        elif owner in questionnaires.ROLES and middle == str(state.generation(owner)):
            answers, role_id = state.answers(owner), owner
        else:
            continue
        if role_id is None:
            continue
        item = questionnaires.load(role_id).item_index.get(item_id)
        if item is None or (isinstance(item, NumberItem) and number_problem(item, value) is not None):
            continue
        answers[item_id] = value
