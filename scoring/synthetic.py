"""Synthetic answer sets, for benchmarks, demos and tests: never shown as real data.

``random_answers`` draws a frame shaped like what a workshop store returns
(``pd.DataFrame(list_of_answer_dicts)``: object columns mixing whole numbers,
``"na"`` and missing). With ``latent=True`` scale answers follow a one-factor
model per composite (each respondent has a D, P and S level; items load on
them), so alpha and omega come out meaningful; otherwise they are independent.
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
    traits = rng.standard_normal((n, 3))  # D, P, S
    col_of = {"D": 0, "P": 1, "S": 2}
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
