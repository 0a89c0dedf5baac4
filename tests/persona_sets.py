"""The persona fixtures (tests/personas/*.yaml): archetypes built by hand, expanded to answers.

A persona gives each subscale's answers as a list, in the order the subscale's items
appear in the questionnaire, plus its other answers (``facts``); ``answers()`` turns
that into the item id -> value dict that ``scoring.score`` reads.
"""

from __future__ import annotations

from pathlib import Path

import yaml

import questionnaires

PERSONAS = Path(__file__).parent / "personas"


def answers(role: str, persona: dict) -> dict:
    q = questionnaires.load(role)
    out = dict(persona["facts"])
    for sub in q.subscales:
        items = q.subscale_items(sub.id)
        points = persona["scale"][sub.id]
        assert len(points) == len(items), f"{persona['id']}: {sub.id} has {len(items)} items, not {len(points)}"
        out.update(zip((i.id for i in items), points))
    return out


def personas(role: str) -> list[dict]:
    """Every persona of a role, each with its expanded ``answers``."""
    data = yaml.safe_load((PERSONAS / f"{role}.yaml").read_text(encoding="utf-8"))
    return [dict(p, answers=answers(role, p)) for p in data["personas"]]
