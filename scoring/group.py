"""A group: the workshop dashboard's figures, from scored rows and their answers.

Conventions: sd is the sample sd (ddof = 1); quartiles use linear interpolation
between order statistics (numpy's and pandas' default, Hyndman & Fan type 7);
a share is a count over n (all respondents, not-answered included). Nothing is
computed from a silent zero: a statistic without data is NaN.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from questionnaires.schema import STATUSES, Questionnaire

from .frame import parse_frame, score_parsed
from .plan import Plan, plan_for
from .reliability import alpha_from_cov, feldt_interval, omega_from_cov, omega_intervals, one_factor

MIN_RELIABILITY_N = 10  # complete cases a subscale needs for alpha and omega
CAUTION_RELIABILITY_N = 30  # below this, the intervals are wide: the page says so in words
MIN_DIVISIVE_ANSWERS = 3  # answers an item needs to be ranked as divisive
NOT_ENOUGH_ANSWERS = "not_enough_answers"
NO_VARIANCE = "no_variance"
STAT_COLUMNS = ["mean", "sd", "q1", "median", "q3", "n"]


@dataclass(frozen=True)
class Reliability:
    """Alpha and omega of one subscale, or why they are missing.

    ``reason`` is None when computed, ``"not_enough_answers"`` below the minimum
    of complete cases, ``"no_variance"`` when every complete case has the same total.
    ``alpha_ci``: Feldt's 95 % interval; ``omega_ci``: a seeded bootstrap's (see
    ``scoring.reliability``). ``caution``: fewer than 30 complete cases.
    """

    alpha: float | None
    omega: float | None
    n_complete: int  # respondents who answered every item of the subscale
    k: int = 0  # items
    reason: str | None = None
    loadings: tuple[float, ...] | None = None  # one-factor loadings (covariance scale)
    alpha_ci: tuple[float, float] | None = None
    omega_ci: tuple[float, float] | None = None

    @property
    def computed(self) -> bool:
        return self.reason is None

    @property
    def caution(self) -> bool:
        return self.computed and self.n_complete < CAUTION_RELIABILITY_N


@dataclass(frozen=True, eq=False)
class GroupSummary:
    """The workshop dashboard's figures for one group.

    ``divisive_items``: the ``top_k`` scale items whose answers spread most
    (sample sd of the answered points, "na" excluded, at least 3 answers),
    ties broken by the entropy of the answer counts (answers spread over more
    points first), then by item id; with counts per scale point in columns
    "1".."points". ``reliability``: per subscale, alpha and omega from the
    respondents who answered all its items, when there are at least 10 of them.
    Hiding figures below 5 respondents is the views' and reports' job.
    """

    role: str
    version: str
    n: int
    subscales: pd.DataFrame  # index subscale id; mean, sd, q1, median, q3, n (scored)
    composites: pd.DataFrame  # index D, P, (B), S, orientation; same columns
    orientation: pd.Series  # orientation of each scored respondent (NaN dropped)
    profile_counts: dict[str, int]  # rule id -> count, rule order, zeros included
    profile_not_scored: int  # respondents without a profile (incomplete answers or a response style)
    style_counts: dict[str, int]  # response style -> count (straight_lining, contradictory), zeros included
    benchmarks: pd.DataFrame  # index benchmark id; share met, partly_met, not_met, not_answered; n, answered
    divisive_items: pd.DataFrame  # index item id; subscale, composite, text_fr, text_en, n, mean, sd, entropy, "1".."points"
    reliability: dict[str, Reliability] = field(default_factory=dict)

    def reliability_frame(self) -> pd.DataFrame:
        """Reliability as a table (index subscale id): alpha and omega with their intervals, n_complete, k, reason."""
        figures = ["alpha", "alpha_low", "alpha_high", "omega", "omega_low", "omega_high"]
        columns = [*figures, "n_complete", "k", "reason"]
        rows = {}
        for sid, r in self.reliability.items():
            a_low, a_high = r.alpha_ci or (None, None)
            o_low, o_high = r.omega_ci or (None, None)
            rows[sid] = dict(zip(columns, [r.alpha, a_low, a_high, r.omega, o_low, o_high, r.n_complete, r.k, r.reason]))
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
        frame.index.name = "subscale"
        return frame.astype(dict.fromkeys(figures, float))


def describe(values: np.ndarray, names: list[str], index_name: str) -> pd.DataFrame:
    """mean, sd, q1, median, q3, n of each column of ``values`` (NaN = no value)."""
    values = np.asarray(values, dtype=np.float64).reshape(len(values), len(names))
    n = (~np.isnan(values)).sum(axis=0)
    stats = np.full((len(names), 6), np.nan)
    stats[:, 5] = n
    has = n > 0
    if has.any():
        v = values[:, has]
        with np.errstate(invalid="ignore", divide="ignore"):
            stats[has, 0] = np.nanmean(v, axis=0)
            stats[has, 2:5] = np.nanquantile(v, [0.25, 0.5, 0.75], axis=0).T
        two = n > 1
        if two.any():
            stats[two, 1] = np.nanstd(values[:, two], axis=0, ddof=1)
    frame = pd.DataFrame(stats, index=pd.Index(names, name=index_name), columns=STAT_COLUMNS)
    return frame.astype({"n": np.int64})


def _entropy(counts: np.ndarray) -> np.ndarray:
    total = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(total > 0, counts / total, 0.0)
        terms = np.where(p > 0, -p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return terms.sum(axis=1)


def _divisive(plan: Plan, X: np.ndarray, top_k: int) -> pd.DataFrame:
    max_points = int(plan.scale_points.max()) if len(plan.scale_points) else 0
    point_cols = [str(p) for p in range(1, max_points + 1)]
    columns = ["subscale", "composite", "text_fr", "text_en", "n", "mean", "sd", "entropy", *point_cols]
    answered = ~np.isnan(X)
    n = answered.sum(axis=0)
    counts = np.stack([(X == p).sum(axis=0) for p in range(1, max_points + 1)], axis=1) if max_points else np.zeros((X.shape[1], 0))
    eligible = n >= MIN_DIVISIVE_ANSWERS
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, np.nansum(X, axis=0) / np.maximum(n, 1), np.nan)
        sd = np.full(X.shape[1], np.nan)
        if eligible.any():
            sd[eligible] = np.nanstd(X[:, eligible], axis=0, ddof=1)
    entropy = _entropy(counts)
    order = sorted(
        np.flatnonzero(eligible),
        key=lambda j: (-round(sd[j], 9), -round(entropy[j], 9), plan.scale_ids[j]),
    )[:top_k]
    rows = []
    for j in order:
        item = plan.items[plan.scale_ids[j]]
        rows.append(
            [item.subscale, plan.scale_composite[item.id], item.text.fr, item.text.en,
             int(n[j]), mean[j], sd[j], entropy[j], *(int(c) for c in counts[j])]
        )
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index([plan.scale_ids[j] for j in order], name="item", dtype=object))
    return frame.astype({"n": np.int64, "mean": float, "sd": float, "entropy": float, **{c: np.int64 for c in point_cols}})


def _reliability(plan: Plan, X: np.ndarray, min_n: int) -> dict[str, Reliability]:
    out, fitted = {}, []
    for sub in plan.subscales:
        block = X[:, sub.cols]
        complete = block[~np.isnan(block).any(axis=1)]
        n_complete, k = complete.shape
        if n_complete < min_n:
            out[sub.id] = Reliability(None, None, n_complete, k, NOT_ENOUGH_ANSWERS)
            continue
        cov = np.cov(complete, rowvar=False, ddof=1)
        alpha = alpha_from_cov(cov)
        if alpha is None:  # every complete case has the same total
            out[sub.id] = Reliability(None, None, n_complete, k, NO_VARIANCE)
            continue
        loadings = one_factor(cov)
        out[sub.id] = Reliability(
            alpha, omega_from_cov(cov, loadings), n_complete, k, None, tuple(float(x) for x in loadings),
            alpha_ci=feldt_interval(alpha, n_complete, k),
        )
        fitted.append((sub.id, complete, loadings))
    # Every subscale's bootstrap in one stack (the fixed cost of its steps paid once).
    intervals = omega_intervals([complete for _, complete, _ in fitted],
                                loadings=[loadings for _, _, loadings in fitted])
    for (sub_id, _, _), interval in zip(fitted, intervals):
        out[sub_id] = replace(out[sub_id], omega_ci=interval)
    return out


def group_summary(
    questionnaire: Questionnaire,
    scored: pd.DataFrame | None,
    answers: pd.DataFrame,
    *,
    top_k: int = 5,
    min_reliability_n: int = MIN_RELIABILITY_N,
) -> GroupSummary:
    """The group's figures.

    ``answers`` is the frame ``score_many`` reads; ``scored`` is its result (pass
    None to have it computed here). Rows of both must match (same index).
    """
    plan = plan_for(questionnaire)
    parsed = parse_frame(plan, answers)
    if scored is None:
        scored = score_parsed(plan, parsed)
    elif not scored.index.equals(answers.index):
        raise ValueError("scored and answers must have the same rows (same index)")
    n = len(scored)

    sub_ids = [s.id for s in plan.subscales]
    subscales = describe(
        scored[[f"sub.{s}" for s in sub_ids]].to_numpy(dtype=np.float64), sub_ids, "subscale"
    )
    composite_rows = [*plan.composites, "orientation"]
    composites = describe(scored[composite_rows].to_numpy(dtype=np.float64), composite_rows, "composite")
    orientation = scored["orientation"].dropna().astype(float)

    rule_ids = [r.id for r in plan.rules]
    counts = scored["profile"].value_counts(dropna=True)
    profile_counts = {r: int(counts.get(r, 0)) for r in rule_ids}
    profile_not_scored = int(scored["profile"].isna().sum())
    styles = scored["style"].value_counts()
    style_counts = {s: int(styles.get(s, 0)) for s in scored["style"].cat.categories}

    rows = []
    for b in plan.benchmarks:
        vc = scored[f"bm.{b.id}"].value_counts()
        c = [int(vc.get(s, 0)) for s in STATUSES]
        shares = [x / n if n else np.nan for x in c]
        rows.append([*shares, n, n - c[STATUSES.index("not_answered")]])
    benchmarks = pd.DataFrame(
        rows,
        index=pd.Index([b.id for b in plan.benchmarks], name="benchmark", dtype=object),
        columns=[*STATUSES, "n", "answered"],
    ).astype({s: float for s in STATUSES} | {"n": np.int64, "answered": np.int64})

    return GroupSummary(
        role=plan.role,
        version=plan.version,
        n=n,
        subscales=subscales,
        composites=composites,
        orientation=orientation,
        profile_counts=profile_counts,
        profile_not_scored=profile_not_scored,
        style_counts=style_counts,
        benchmarks=benchmarks,
        divisive_items=_divisive(plan, parsed.scale, top_k),
        reliability=_reliability(plan, parsed.scale, min_reliability_n),
    )
