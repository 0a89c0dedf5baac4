"""Many people: a DataFrame of answers to a DataFrame of scores, vectorised.

The same rules as ``scoring.single`` (one row per respondent, one column per
item id), applied column by column with numpy: there is no Python loop over
respondents. ``score_many(q, frame).loc[r]`` equals ``score(q, answers of r)``
for every row r (a property test checks it).

Input conventions (what a workshop store or ``pd.DataFrame(list_of_dicts)`` gives):

* a missing column means nobody answered that item; a column that is not an
  item id is an error;
* missing: None, NaN, pd.NA; "does not apply": the string ``"na"``;
* scale and number columns may be int, float (NaN = missing), nullable, or
  object columns mixing numbers, ``"na"`` and missing. A scale point written as
  a float (``3.0``, as pandas stores an int column with gaps) is accepted; 3.5
  is not. Numeric strings ("3"), booleans and infinities are refused;
* choice and situation columns hold option ids (strings).

Output columns (the names other modules code against), same index as the input:

=========================  ====================================================
``sub.<id>``               subscale score 0-100, NaN when not scored
``sub.<id>.n``             items answered (int)
``sub.<id>.mean``          mean on the scale's points, NaN when not scored
``sub.<id>.level``         categorical low / mid / high, NaN when not scored
``D``, ``P``, (``B``), ``S``  composites 0-100 (float, NaN when not scored)
``orientation``            D - P (float, NaN when D or P is not scored)
``idx.<id>``               each profile index (contrast), NaN when not scored
``style``                  categorical: straight_lining, NaN when none
``profile``                categorical of the profile rule ids (rule order),
                           NaN when not scored or when a style is flagged
``bm.<id>``                categorical status: met, partly_met, not_met,
                           not_answered (never missing)
``bm.<id>.value``          the value read: float for bands and count rules,
                           categorical option id for options rules; NaN when
                           not answered
``bm.<id>.band``           categorical band or option id that decided, NaN
                           when not answered
``note.<id>``              categorical band or option id a context note reads
``intentions``             bool: answered the experience item with "no"
``sit.<id>``               categorical chosen option of each situation
``leaning``                categorical most frequent leaning of the situations
                           (only when the questionnaire summarises leanings)
=========================  ====================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype, is_bool_dtype, is_numeric_dtype

from questionnaires.schema import (
    NOT_APPLICABLE,
    STATUSES,
    ChoiceItem,
    NumberItem,
    Questionnaire,
    ScaleItem,
)

from .errors import AnswersError
from .plan import BAND_EPS, STEP_TOLERANCE, Plan, plan_for
from .single import check_answer

LEVEL_NAMES = ["low", "mid", "high"]
_NOT_ANSWERED = STATUSES.index("not_answered")
_STATUS_CODE = {s: n for n, s in enumerate(STATUSES)}
_NUMERIC_KINDS = frozenset({"integer", "floating", "mixed-integer-float"})


@dataclass(frozen=True, eq=False)
class Parsed:
    """Answers as arrays: NaN / -1 wherever an item is not answered (missing or na)."""

    index: pd.Index
    scale: np.ndarray  # (n, scale items) float64, Fortran order
    numbers: dict[str, np.ndarray]  # number item -> float64
    codes: dict[str, np.ndarray]  # choice / situation item -> option position, -1


class _Problems(dict):
    def bad_values(self, plan: Plan, item_id: str, index: pd.Index, bad: np.ndarray, values) -> None:
        rows = np.flatnonzero(bad)
        if not len(rows):
            self[item_id] = "invalid values"
            return
        first = rows[0]
        example = values[first]
        if isinstance(example, np.generic):
            example = example.item()
        if isinstance(example, float) and example.is_integer():
            example = int(example)  # as the scorer of one answer set would see it
        why = check_answer(plan, item_id, example) or f"invalid value {example!r}"
        count = f"{len(rows)} invalid values" if len(rows) > 1 else "1 invalid value"
        self[item_id] = f"{count}, e.g. row {index[first]!r}: {why}"


class _Unhashable:
    """Stands in for an unhashable entry (a list, a dict...) so it can be reported."""

    def __init__(self, value: object):
        self.value = value

    def __repr__(self) -> str:
        return repr(self.value)


def _factorize(series: pd.Series) -> tuple[np.ndarray, np.ndarray, list]:
    """(values as objects, codes into uniques with -1 for missing, uniques).

    One hash pass over the column; everything after works on the few distinct
    values, then maps back with one array lookup.
    """
    values = series.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(values)
    except TypeError:  # unhashable entries: always invalid, wrap them to report them
        values = np.array(
            [v if getattr(type(v), "__hash__", None) else _Unhashable(v) for v in values], dtype=object
        )
        codes, uniques = pd.factorize(values)
    return values, codes.astype(np.intp, copy=False), list(uniques)


def _is_na(value: object) -> bool:
    return isinstance(value, str) and value == NOT_APPLICABLE


def _real(value: object) -> float | None:
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return None


def _bad_scale(values: np.ndarray, points: int) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return ~np.isnan(values) & ((values != np.floor(values)) | (values < 1) | (values > points))


def _bad_number(values: np.ndarray, item: NumberItem) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        k = (values - item.min) / item.step
        off_step = np.abs(k - np.round(k)) > STEP_TOLERANCE * np.maximum(1.0, np.abs(k))
        return ~np.isnan(values) & (
            ~np.isfinite(values) | (values < item.min) | (values > item.max) | off_step
        )


def _numeric_item(plan: Plan, item) -> callable:
    if isinstance(item, ScaleItem):
        points = int(plan.scale_points[plan.scale_pos[item.id]])
        return lambda values: _bad_scale(values, points)
    return lambda values: _bad_number(values, item)


def _parse_numeric(plan: Plan, item, series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(floats with NaN where not answered, bad mask, raw values for messages)."""
    is_bad = _numeric_item(plan, item)
    dtype = series.dtype
    if is_numeric_dtype(dtype) and not is_bool_dtype(dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return values, is_bad(values), values
    raw, codes, uniques = _factorize(series)
    allow_na = isinstance(item, ScaleItem) or item.not_applicable
    u = len(uniques)
    lut = np.full(u + 1, np.nan)  # the last entry serves code -1 (missing)
    lut_bad = np.zeros(u + 1, dtype=bool)
    extra_bad = None
    for k, value in enumerate(uniques):
        if _is_na(value):
            lut_bad[k] = not allow_na
            continue
        number = _real(value)
        if number is None:
            lut_bad[k] = True
            continue
        lut[k] = number
        if number in (0.0, 1.0):  # factorize merges True with 1 and False with 0
            members = codes == k
            if infer_dtype(raw[members], skipna=False) not in _NUMERIC_KINDS:
                flags = np.array([isinstance(v, (bool, np.bool_)) for v in raw[members]])
                extra_bad = np.zeros(len(raw), dtype=bool) if extra_bad is None else extra_bad
                extra_bad[np.flatnonzero(members)[flags]] = True
    lut_bad[:u] |= is_bad(lut[:u])
    bad = lut_bad[codes]
    if extra_bad is not None:
        bad |= extra_bad
    return lut[codes], bad, raw


def _parse_codes(plan: Plan, item, series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(option positions with -1 where not answered, bad mask, raw values)."""
    options = plan.choice_options[item.id]
    allow_na = isinstance(item, ChoiceItem) and item.not_applicable
    raw, codes, uniques = _factorize(series)
    lut = np.full(len(uniques) + 1, -1, dtype=np.intp)
    lut_bad = np.zeros(len(uniques) + 1, dtype=bool)
    for k, value in enumerate(uniques):
        if isinstance(value, str) and value in options:
            lut[k] = options.index(value)
        elif not (allow_na and _is_na(value)):
            lut_bad[k] = True
    return lut[codes], lut_bad[codes], raw


def parse_frame(plan: Plan, frame: pd.DataFrame) -> Parsed:
    """Check every column and turn it into arrays; one AnswersError names every bad item."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"answers must be a pandas DataFrame, not {type(frame).__name__}")
    problems = _Problems()
    columns = list(frame.columns)
    dup = frame.columns[frame.columns.duplicated()]
    for col in dict.fromkeys(dup):
        problems[str(col)] = f"the column appears {columns.count(col)} times"
    for col in columns:
        if not (isinstance(col, str) and col in plan.items):
            problems.setdefault(str(col), "unknown item")
    skip = set(problems)  # reported with every other bad column below

    n = len(frame)
    index = frame.index
    scale = np.full((n, len(plan.scale_ids)), np.nan, order="F")
    numbers: dict[str, np.ndarray] = {}
    codes: dict[str, np.ndarray] = {}
    present = set(columns)
    for item_id, item in plan.items.items():
        if item_id in skip:
            continue
        numeric = isinstance(item, (ScaleItem, NumberItem))
        if item_id not in present:
            if isinstance(item, NumberItem):
                numbers[item_id] = np.full(n, np.nan)
            elif not numeric:
                codes[item_id] = np.full(n, -1, dtype=np.intp)
            continue
        series = frame[item_id]
        parse = _parse_numeric if numeric else _parse_codes
        values, bad, raw = parse(plan, item, series)
        if bad.any():
            problems.bad_values(plan, item_id, index, bad, raw)
        elif isinstance(item, ScaleItem):
            scale[:, plan.scale_pos[item_id]] = values
        elif numeric:
            numbers[item_id] = values
        else:
            codes[item_id] = values
    if problems:
        raise AnswersError(problems)
    return Parsed(index=index, scale=scale, numbers=numbers, codes=codes)


def _bands(plan_b, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(status codes, band codes) of each value; the first band holding a value wins."""
    status = np.full(len(value), _NOT_ANSWERED, dtype=np.int8)
    band = np.full(len(value), -1, dtype=np.intp)
    with np.errstate(invalid="ignore"):
        for j in range(len(plan_b.bands) - 1, -1, -1):
            b = plan_b.bands[j]
            inside = (value >= b.min - BAND_EPS) & (value <= b.max + BAND_EPS)
            status[inside] = _STATUS_CODE[b.status]
            band[inside] = j
    lost = ~np.isnan(value) & (band < 0)
    if lost.any():
        plan_b.band_for(float(value[np.flatnonzero(lost)[0]]))  # raises with the value
    return status, band


def _cat(codes: np.ndarray, categories) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(categories), dtype=object))


def score_parsed(plan: Plan, parsed: Parsed) -> pd.DataFrame:
    n = len(parsed.index)
    X = parsed.scale
    answered = ~np.isnan(X)
    out: dict[str, object] = {}
    comp_sum = {c: np.zeros(n) for c in plan.composites}
    comp_cnt = {c: np.zeros(n, dtype=np.int64) for c in plan.composites}
    num, den = plan.min_answered.numerator, plan.min_answered.denominator
    values: dict[str, np.ndarray] = {}
    for sub in plan.subscales:
        block = X[:, sub.cols]
        n_ans = answered[:, sub.cols].sum(axis=1)
        total = np.nansum(block, axis=1)  # sums of whole points: exact in any order
        scored = (n_ans > 0) & (n_ans * den >= sub.total * num)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(scored, total / n_ans, np.nan)
        score = (mean - 1) / (sub.points - 1) * 100
        with np.errstate(invalid="ignore"):
            level = (score >= plan.mid_from).astype(np.int8) + (score >= plan.high_from)
        level[~scored] = -1
        comp_sum[sub.composite] += np.where(scored, score, 0.0)  # same order as score()
        comp_cnt[sub.composite] += scored
        values[sub.id] = score
        out[f"sub.{sub.id}"] = score
        out[f"sub.{sub.id}.n"] = n_ans
        out[f"sub.{sub.id}.mean"] = mean
        out[f"sub.{sub.id}.level"] = _cat(level, LEVEL_NAMES)

    comps = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for c in plan.composites:
            comps[c] = np.where(comp_cnt[c] > 0, comp_sum[c] / comp_cnt[c], np.nan)
    out.update(comps)
    values.update(comps)
    out["orientation"] = comps["D"] - comps["P"]

    for index in plan.indices:
        # Sums in the same order as score(), then one division: equal bit for bit.
        plus = sum((values[k] for k in index.plus[1:]), values[index.plus[0]]) / len(index.plus)
        minus = sum((values[k] for k in index.minus[1:]), values[index.minus[0]]) / len(index.minus)
        values[index.id] = plus - minus
        out[f"idx.{index.id}"] = values[index.id]

    style = np.zeros(n, dtype=bool)
    if plan.min_spread is not None:
        # As single.narrow: whole numbers on the left, exact in any order.
        count = answered.sum(axis=1)
        total = np.nansum(X, axis=1)
        square = np.nansum(X * X, axis=1)
        style = (count >= plan.min_style_answers) & (
            count * square - total * total < (count * plan.min_spread) ** 2
        )
    contradictory = np.zeros(n, dtype=bool)
    if plan.max_opposites is not None:
        agreed = np.zeros(n, dtype=np.int64)
        with np.errstate(invalid="ignore"):
            for a, b in plan.opposites:
                pair = X[:, [plan.scale_pos[a], plan.scale_pos[b]]]
                agreed += (pair >= plan.agree_from).all(axis=1)  # NaN (unanswered) is not agreement
        contradictory = ~style & (agreed >= plan.max_opposites)
    out["style"] = _cat(np.where(style, 0, np.where(contradictory, 1, -1)), ["straight_lining", "contradictory"])
    style = style | contradictory

    rule_code = np.full(n, -1, dtype=np.intp)
    for j in range(len(plan.rules) - 1, -1, -1):
        match = np.ones(n, dtype=bool)
        with np.errstate(invalid="ignore"):
            for name, at_least, bound in plan.rules[j].when:
                match &= (values[name] >= bound) if at_least else (values[name] < bound)
        rule_code[match] = j
    missing = np.zeros(n, dtype=bool)
    for name in plan.rule_inputs:
        missing |= np.isnan(values[name])
    rule_code[missing | style] = -1
    out["profile"] = _cat(rule_code, [r.id for r in plan.rules])

    for b in plan.benchmarks:
        if b.rule == "options":
            opts = plan.choice_options[b.reads[0]]
            c = parsed.codes[b.reads[0]]
            lookup = np.array([_STATUS_CODE[b.options[o]] for o in opts] + [_NOT_ANSWERED], dtype=np.int8)
            status = lookup[c]  # c == -1 reads the last entry: not answered
            out[f"bm.{b.id}"] = _cat(status, STATUSES)
            out[f"bm.{b.id}.value"] = _cat(c, opts)
            out[f"bm.{b.id}.band"] = _cat(c, opts)
            continue
        if b.rule == "count":
            all_answered = np.ones(n, dtype=bool)
            hits = np.zeros(n)
            for item_id in b.reads:
                c = parsed.codes[item_id]
                opts = plan.choice_options[item_id]
                counted = [k for k, o in enumerate(opts) if o in b.counts]
                all_answered &= c >= 0
                hits += np.isin(c, counted)
            value = np.where(all_answered, hits, np.nan)
        elif b.option_values:
            item_id = b.reads[0]
            vals = np.array([b.option_values[o] for o in plan.choice_options[item_id]] + [np.nan])
            value = vals[parsed.codes[item_id]]
        else:
            value = parsed.numbers[b.reads[0]]
        status, band = _bands(b, value)
        out[f"bm.{b.id}"] = _cat(status, STATUSES)
        out[f"bm.{b.id}.value"] = value
        out[f"bm.{b.id}.band"] = _cat(band, [x.id for x in b.bands])

    for note in plan.notes:
        if note.options:
            opts = plan.choice_options[note.reads]
            keep = np.array([o in note.options for o in opts] + [False])
            code = parsed.codes[note.reads]
            out[f"note.{note.id}"] = _cat(np.where(keep[code], code, -1), opts)
        else:
            value = parsed.numbers[note.reads]
            band = np.full(n, -1, dtype=np.intp)
            with np.errstate(invalid="ignore"):
                for j in range(len(note.bands) - 1, -1, -1):
                    b = note.bands[j]
                    band[(value >= b.min - BAND_EPS) & (value <= b.max + BAND_EPS)] = j
            out[f"note.{note.id}"] = _cat(band, [b.id for b in note.bands])

    exp_opts = plan.choice_options[plan.experience_item]
    out["intentions"] = parsed.codes[plan.experience_item] == exp_opts.index(plan.experience_no)
    for item_id in plan.situations:
        out[f"sit.{item_id}"] = _cat(parsed.codes[item_id], plan.choice_options[item_id])
    if plan.leanings:
        out["leaning"] = _leanings(plan, parsed, n)
    return pd.DataFrame(out, index=parsed.index, copy=False)


def _leanings(plan: Plan, parsed: Parsed, n: int) -> pd.Categorical:
    """The most frequent leaning of each row's chosen situation options; a tie is mixed."""
    names = sorted({v for opts in plan.leanings.values() for v in opts.values()} | {"mixed"})
    tally = np.zeros((n, len(names)), dtype=np.int64)
    for item_id, by_option in plan.leanings.items():
        lut = np.array([names.index(by_option[o]) for o in plan.choice_options[item_id]] + [-1])
        col = lut[parsed.codes[item_id]]
        rows = np.flatnonzero(col >= 0)
        np.add.at(tally, (rows, col[rows]), 1)
    top = tally.max(axis=1)
    winners = (tally == top[:, None]).sum(axis=1)
    code = np.where(top == 0, -1, np.where(winners > 1, names.index("mixed"), tally.argmax(axis=1)))
    return _cat(code, names)


def score_many(questionnaire: Questionnaire, answers: pd.DataFrame) -> pd.DataFrame:
    """Score every row of ``answers`` (one respondent a row, one item a column).

    Raises ``AnswersError`` naming every bad column (unknown item, or values that
    are off the scale, out of bounds, off the step, not an option...).
    """
    plan = plan_for(questionnaire)
    return score_parsed(plan, parse_frame(plan, answers))


def scored_columns(questionnaire: Questionnaire) -> list[str]:
    """The output columns of ``score_many`` for this questionnaire, in order."""
    return list(score_many(questionnaire, pd.DataFrame(index=pd.RangeIndex(0))).columns)
