"""Shared AppTest helpers: start the app, read a page, answer its items, click."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import persona_sets
import questionnaires
from views import form

ROOT = Path(__file__).resolve().parent.parent


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def texts(at: AppTest) -> str:
    """Everything readable on the page, one string."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [r.label for r in at.radio] + [b.label for b in at.button]
    return "\n".join(parts)


def start(role: str) -> AppTest:
    at = app().run()
    at.button(key=f"start.{role}").click().run()
    assert not at.exception
    return at


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def personas(role: str) -> list[dict]:
    return persona_sets.personas(role)


def complete_answers(role: str) -> dict:
    """A persona whose every item is answered (the UI refuses a page with a gap)."""
    q = questionnaires.load(role)
    for persona in personas(role):
        if all(i.id in persona["answers"] for i in q.items):
            return persona["answers"]
    raise AssertionError(f"no complete persona for {role}")




def values_for(role: str, radio) -> list:
    """The stored values behind a radio's options, from the item it asks."""
    q = questionnaires.load(role)
    item = q.item_index[radio.key.split(".")[-2]]
    if item.type == "scale":
        return [*range(1, q.scales[item.scale].points + 1), "na"]
    values = [o.id for o in item.options]
    return [*values, "na"] if getattr(item, "not_applicable", False) else values


def answer_page(at: AppTest, role: str, pick: int = 0, answers: dict | None = None) -> None:
    """Answer every item shown: from ``answers`` when given, else option ``pick``, numbers at their minimum."""
    answers = answers or {}
    for radio in at.radio:
        item_id = radio.key.split(".")[-2]
        radio.set_value(answers.get(item_id, values_for(role, radio)[pick]))
    q = questionnaires.load(role)
    for number in at.number_input:
        item_id = number.key.split(".")[-2]
        number.set_value(answers.get(item_id, q.item_index[item_id].min))


def drawn_pages(monkeypatch) -> list[int]:
    """The page indexes views.form.draw_page is asked to draw, in order."""
    drawn: list[int] = []
    real = form.draw_page

    def counting(q, answers, index, key):
        drawn.append(index)
        return real(q, answers, index, key)

    monkeypatch.setattr(form, "draw_page", counting)
    return drawn
