"""Synthetic answer sets, for benchmarks, demos and tests: never shown as real data.

``random_answers`` draws a frame shaped like what a workshop store returns
(``pd.DataFrame(list_of_answer_dicts)``: object columns mixing whole numbers,
``"na"`` and missing). With ``latent=True`` scale answers follow a one-factor
model per composite (each respondent has a level on each composite; items
load on them), so alpha and omega come out meaningful; otherwise they are independent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from questionnaires.schema import (
    NOT_APPLICABLE,
    ChoiceItem,
    NumberItem,
    Questionnaire,
    ScaleItem,
    SituationItem,
)

from .frame import score_many


def random_answers(
    questionnaire: Questionnaire,
    n: int,
    *,
    seed: int = 0,
    missing: float = 0.05,
    not_applicable: float = 0.03,
    latent: bool = True,
    loading: float = 0.8,
) -> pd.DataFrame:
    """``n`` answer sets, one a row, one item a column (object dtype)."""
    rng = np.random.default_rng(seed)
    codes = questionnaire.composite_codes
    traits = rng.standard_normal((n, len(codes)))  # one level a composite
    col_of = {c: k for k, c in enumerate(codes)}
    composite = {s.id: s.composite for s in questionnaire.subscales}
    columns: dict[str, np.ndarray] = {}
    for item in questionnaire.items:
        draw = rng.random(n)
        gone = draw < missing
        na = (draw >= missing) & (draw < missing + not_applicable)
        if isinstance(item, ScaleItem):
            points = questionnaire.scales[item.scale].points
            if latent:
                trait = traits[:, col_of[composite[item.subscale]]]
                z = loading * trait + np.sqrt(1 - loading**2) * rng.standard_normal(n)
                value = np.clip(np.round((points + 1) / 2 + z * points / 4), 1, points).astype(np.int64)
            else:
                value = rng.integers(1, points + 1, n)
            lookup = np.array([None, NOT_APPLICABLE, *range(1, points + 1)], dtype=object)
            code = np.where(gone, 0, np.where(na, 1, value + 1))
        elif isinstance(item, NumberItem):
            steps = int(round((item.max - item.min) / item.step))
            k = rng.integers(0, steps + 1, n)
            value = np.round(item.min + k * item.step, 10)
            lookup = None
            out = value.astype(object)
            out[gone] = None
            if item.not_applicable:
                out[na] = NOT_APPLICABLE
            columns[item.id] = out
            continue
        else:
            options = [o.id for o in item.options]
            allow_na = isinstance(item, ChoiceItem) and item.not_applicable
            lookup = np.array([None, NOT_APPLICABLE if allow_na else None, *options], dtype=object)
            code = np.where(gone, 0, np.where(na, 1, rng.integers(0, len(options), n) + 2))
            assert isinstance(item, (ChoiceItem, SituationItem))
        columns[item.id] = lookup[code]
    return pd.DataFrame(columns, index=pd.RangeIndex(n, name="respondent"), dtype=object)


def shift_answers(questionnaire: Questionnaire, answers: pd.DataFrame, by: int = 1) -> pd.DataFrame:
    """Every scale answer moved ``by`` points, kept on the scale (pure acquiescence).

    Missing and "does not apply" stay as they are; other items are untouched.
    """
    shifted = answers.copy()
    for item in questionnaire.scale_items:
        if item.id not in shifted:
            continue
        points = questionnaire.scales[item.scale].points
        column = shifted[item.id]
        numeric = column.map(lambda v: isinstance(v, (int, np.integer)) and not isinstance(v, bool))
        moved = (column[numeric].astype(np.int64) + by).clip(1, points)
        shifted.loc[numeric, item.id] = moved.astype(object)
    return shifted


def acquiescence_effect(questionnaire: Questionnaire, n: int = 2000, *, seed: int = 2011, by: int = 1) -> float:
    """The share of simulated respondents whose profile changes when every scale answer
    moves ``by`` points (a flagged response style counts as a profile of its own).

    Respondents are drawn from the questionnaire's own items (``random_answers``, one
    latent level per composite, every item answered), the way a response-style check
    is usually simulated: the instrument's verdict should not follow a uniform shift.
    """
    answers = random_answers(questionnaire, n, seed=seed, missing=0.0, not_applicable=0.0)
    before = score_many(questionnaire, answers)
    after = score_many(questionnaire, shift_answers(questionnaire, answers, by))

    def verdict(scored: pd.DataFrame) -> pd.Series:
        return scored["profile"].astype(object).where(scored["style"].isna(), "style:straight_lining")

    return float((verdict(before).fillna("none") != verdict(after).fillna("none")).mean())
