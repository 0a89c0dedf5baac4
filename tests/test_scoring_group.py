"""group_summary(), reliability and the before/after comparisons."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from questionnaires import load, load_file
from scoring import (
    compare_groups,
    compare_profiles,
    cronbach_alpha,
    group_summary,
    mcdonald_omega,
    score,
    score_many,
)
from scoring.reliability import feldt_interval, omega_interval, omega_intervals, one_factor, one_factor_many
from scoring.synthetic import random_answers

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
REL = ["rel_1", "rel_2", "rel_3", "rel_4"]
GOAL = ["goal_1", "goal_2", "goal_3", "goal_4"]
PLAN = ["plan_1", "plan_2", "plan_3", "plan_4"]


@pytest.fixture(scope="module")
def q():
    return load_file(MINI)


def _person(rel, goal, plan, **practices):
    answers = dict(zip(REL, rel)) | dict(zip(GOAL, goal)) | dict(zip(PLAN, plan))
    return answers | practices


@pytest.fixture(scope="module")
def small(q):
    """Six people; relation scores 0, 20, 40, 60, 100 and one not scored."""
    people = [
        _person([1] * 4, [6] * 4, [1] * 4, format="individual", months=12),  # D 0 P 100 S 0
        _person([2] * 4, [5] * 4, [2] * 4, format="group", months=2),  # D 20 P 80 S 20
        _person([3] * 4, [4] * 4, [3] * 4, format="individual", months=6),  # D 40 P 60 S 40
        _person([4] * 4, [1] * 4, [6] * 4, format="individual"),  # D 60 P 0 S 100
        _person([6] * 4, [1] * 4, [6] * 4, format="individual", months=10),  # D 100 P 0 S 100
        _person(["na", "na", 6, None], [1] * 4, [6] * 4),  # relation not scored
    ]
    answers = pd.DataFrame(people, index=[f"p{k}" for k in range(6)])
    return answers, score_many(q, answers)


def test_subscale_statistics_exact(q, small):
    answers, scored = small
    g = group_summary(q, scored, answers)
    assert g.n == 6
    rel = g.subscales.loc["relation"]
    assert rel["n"] == 5
    assert rel["mean"] == pytest.approx(44.0)
    assert rel["sd"] == pytest.approx(np.sqrt(5920 / 4))  # deviations -44 -24 -4 16 56
    assert (rel["q1"], rel["median"], rel["q3"]) == pytest.approx((20.0, 40.0, 60.0))
    assert list(g.subscales.columns) == ["mean", "sd", "q1", "median", "q3", "n"]
    assert list(g.subscales.index) == ["relation", "goals", "planning"]
    goals = g.subscales.loc["goals"]  # 100 80 60 0 0 0
    assert goals["n"] == 6 and goals["mean"] == pytest.approx(40.0)
    assert goals["median"] == pytest.approx(30.0)


def test_composites_and_orientation(q, small):
    answers, scored = small
    g = group_summary(q, scored, answers)
    assert list(g.composites.index) == ["D", "P", "S", "orientation"]
    assert g.composites.loc["D", "mean"] == pytest.approx(44.0)
    # orientation: -100, -60, -20, 60, 100 (the sixth has no D)
    assert sorted(g.orientation.tolist()) == pytest.approx([-100, -60, -20, 60, 100])
    assert g.composites.loc["orientation", "n"] == 5
    assert g.composites.loc["orientation", "median"] == pytest.approx(-20.0)


def test_profile_counts_in_rule_order_with_zeros(q, small):
    answers, scored = small
    g = group_summary(q, scored, answers)
    # D − P of −100 and −60 -> prescriptive; D 60 P 0 S 100 and D 100 -> dev_structured;
    # the third person answered only 3s and 4s (sd 0.47 < 0.5): straight-lining, no profile.
    assert g.profile_counts == {"dev_structured": 2, "prescriptive": 2, "other": 0}
    assert list(g.profile_counts) == ["dev_structured", "prescriptive", "other"]
    assert g.profile_not_scored == 2
    assert scored["style"].tolist()[2] == "straight_lining"
    assert g.style_counts == {"straight_lining": 1, "contradictory": 0}


def test_benchmark_shares(q, small):
    answers, scored = small
    g = group_summary(q, scored, answers)
    fmt = g.benchmarks.loc["format"]
    assert fmt["met"] == pytest.approx(4 / 6) and fmt["partly_met"] == pytest.approx(1 / 6)
    assert fmt["not_answered"] == pytest.approx(1 / 6) and fmt["not_met"] == 0
    assert (fmt["n"], fmt["answered"]) == (6, 5)
    dur = g.benchmarks.loc["duration"]  # 12 met, 2 not met, 6 partly, missing, 10 met, missing
    assert (dur["met"], dur["partly_met"], dur["not_met"], dur["not_answered"]) == pytest.approx(
        (2 / 6, 1 / 6, 1 / 6, 2 / 6)
    )
    shares = g.benchmarks[["met", "partly_met", "not_met", "not_answered"]].sum(axis=1)
    assert shares.tolist() == pytest.approx([1.0] * 4)


def test_scored_may_be_computed_here(q, small):
    answers, scored = small
    assert group_summary(q, None, answers).profile_counts == group_summary(q, scored, answers).profile_counts
    with pytest.raises(ValueError):
        group_summary(q, scored.iloc[:3], answers)


def test_divisive_items(q):
    answers = pd.DataFrame(
        {
            "rel_1": [1, 6, 1, 6],  # most divided: sd 2.887
            "rel_2": [1, 6, 1, 6],  # same sd and entropy: id order
            "goal_1": [3, 3, 4, 4],  # sd 0.577
            "plan_1": [5, 5, 5, 5],  # sd 0
            "plan_2": [1, 6, None, "na"],  # only 2 answers: not ranked
        }
    )
    g = group_summary(q, None, answers, top_k=3)
    d = g.divisive_items
    assert list(d.index) == ["rel_1", "rel_2", "goal_1"]
    assert d.loc["rel_1", "sd"] == pytest.approx(np.std([1, 6, 1, 6], ddof=1))
    assert d.loc["rel_1", "subscale"] == "relation" and d.loc["rel_1", "text_en"] == "r1"
    assert d.loc["rel_1", ["1", "2", "3", "4", "5", "6"]].tolist() == [2, 0, 0, 0, 0, 2]
    assert d.loc["goal_1", "n"] == 4 and d.loc["goal_1", "mean"] == pytest.approx(3.5)
    assert "plan_2" not in group_summary(q, None, answers, top_k=20).divisive_items.index


def test_divisive_ties_broken_by_entropy_then_id(q):
    # Both sd 2.0 (sum of squares 16 around 3); rel_2 spreads over more points.
    answers = pd.DataFrame(
        {"rel_1": [1, 1, 3, 5, 5], "rel_2": [1, 2, 2, 4, 6], "goal_1": [1, 1, 3, 5, 5]}
    )
    d = group_summary(q, None, answers, top_k=3).divisive_items
    assert d["sd"].tolist() == pytest.approx([2.0, 2.0, 2.0])
    assert d.loc["rel_2", "entropy"] > d.loc["rel_1", "entropy"]
    assert list(d.index) == ["rel_2", "goal_1", "rel_1"]  # entropy first, then id


# --- reliability -------------------------------------------------------------------


def test_alpha_on_a_hand_computed_matrix():
    data = np.array([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4]], dtype=float)
    # item variances 5/3, 4.75/3, 2.75/3; total 5, 8, 10, 13 -> variance 34/3
    # alpha = 3/2 * (1 - 12.5/34) = 129/136
    assert cronbach_alpha(data) == pytest.approx(129 / 136, abs=1e-12)


def test_alpha_of_identical_items_is_one_and_constant_is_none():
    x = np.array([1, 2, 3, 4, 5], dtype=float)
    assert cronbach_alpha(np.column_stack([x, x, x])) == pytest.approx(1.0)
    assert cronbach_alpha(np.ones((5, 3))) is None
    assert mcdonald_omega(np.ones((5, 3))) is None


def _simulate(loadings, n, seed):
    rng = np.random.default_rng(seed)
    lam = np.asarray(loadings)
    f = rng.standard_normal(n)
    noise = rng.standard_normal((n, len(lam))) * np.sqrt(1 - lam**2)
    return f[:, None] * lam + noise


def _theory(loadings):
    lam = np.asarray(loadings)
    psi = 1 - lam**2
    k = len(lam)
    omega = lam.sum() ** 2 / (lam.sum() ** 2 + psi.sum())
    total = lam.sum() ** 2 + psi.sum()
    alpha = k / (k - 1) * (1 - k / total)  # item variances are 1
    return alpha, omega


def test_omega_recovers_a_congeneric_structure():
    lam = [0.9, 0.8, 0.4, 0.3]
    alpha_true, omega_true = _theory(lam)  # 0.672 and 0.715: alpha underestimates
    data = _simulate(lam, 40_000, seed=11)
    assert mcdonald_omega(data) == pytest.approx(omega_true, abs=0.01)
    assert cronbach_alpha(data) == pytest.approx(alpha_true, abs=0.01)
    assert mcdonald_omega(data) > cronbach_alpha(data) + 0.03
    assert one_factor(np.cov(data, rowvar=False)) == pytest.approx(lam, abs=0.03)


def test_alpha_equals_omega_when_tau_equivalent():
    lam = [0.7] * 5
    alpha_true, omega_true = _theory(lam)
    assert alpha_true == pytest.approx(omega_true)
    data = _simulate(lam, 40_000, seed=5)
    assert cronbach_alpha(data) == pytest.approx(alpha_true, abs=0.01)
    assert mcdonald_omega(data) == pytest.approx(omega_true, abs=0.01)


def test_loadings_have_a_positive_sum():
    data = -_simulate([0.8, 0.7, 0.6], 5000, seed=2)
    assert one_factor(np.cov(data, rowvar=False)).sum() > 0


# Thirty answers to five items, and what R's psych 2.x prints for them
# (psych::alpha(d, check.keys = FALSE)$feldt, with options(digits = 15)).
PSYCH_DATA = np.array([
    [4, 4, 3, 3, 4], [4, 4, 5, 2, 4], [5, 4, 3, 4, 4], [3, 2, 1, 3, 2], [5, 4, 3, 3, 5], [4, 3, 4, 4, 4],
    [4, 3, 3, 3, 4], [2, 4, 4, 2, 4], [3, 5, 4, 4, 5], [4, 3, 2, 5, 4], [3, 4, 3, 4, 4], [4, 3, 4, 3, 4],
    [4, 2, 1, 4, 6], [3, 2, 4, 3, 3], [3, 4, 3, 3, 3], [3, 4, 3, 4, 3], [3, 5, 3, 3, 4], [3, 3, 4, 4, 2],
    [3, 2, 2, 2, 3], [4, 2, 3, 1, 3], [4, 3, 3, 4, 4], [4, 5, 4, 3, 3], [5, 5, 4, 4, 2], [5, 4, 3, 5, 5],
    [1, 1, 1, 5, 3], [1, 1, 2, 1, 3], [3, 4, 4, 1, 3], [2, 4, 3, 4, 2], [5, 5, 3, 4, 3], [4, 3, 5, 3, 3],
], dtype=float)


def test_alpha_and_its_feldt_interval_equal_psych():
    alpha = cronbach_alpha(PSYCH_DATA)
    assert alpha == pytest.approx(0.561643835616438, abs=1e-12)
    low, high = feldt_interval(alpha, 30, 5)
    assert low == pytest.approx(0.252972607624945, abs=1e-10)
    assert high == pytest.approx(0.767906514941895, abs=1e-10)


def test_feldt_interval_narrows_as_the_group_grows():
    small, large = feldt_interval(0.8, 10, 5), feldt_interval(0.8, 200, 5)
    assert small[0] < large[0] < 0.8 < large[1] < small[1]
    assert feldt_interval(0.8, 30, 5, level=0.99)[0] < feldt_interval(0.8, 30, 5)[0]


def test_stacked_fit_equals_one_fit_at_a_time():
    covs = [np.cov(_simulate([0.8, 0.6, 0.5, 0.3], 25, seed=s), rowvar=False) for s in range(6)]
    x = np.arange(8.0)
    covs.append(np.cov(np.column_stack([x, 2 * x, x % 3, x**2]), rowvar=False))  # singular: the fallback start
    stacked = one_factor_many(np.stack(covs))
    for cov, loadings in zip(covs, stacked):
        assert loadings == pytest.approx(one_factor(cov), abs=1e-12)


def test_a_fit_started_elsewhere_reaches_the_same_loadings():
    """The bootstrap starts each resample from the whole sample's loadings: a start only."""
    covs = np.stack([np.cov(_simulate([0.8, 0.6, 0.5, 0.3], 25, seed=s), rowvar=False) for s in range(6)])
    usual = one_factor_many(covs)
    for start in (one_factor(covs[0]), np.array([0.1, 0.9, -0.2, 0.4])):
        assert one_factor_many(covs, start=start) == pytest.approx(usual, abs=1e-7)
        assert one_factor_many(covs, start=start, tracked=True) == pytest.approx(usual, abs=1e-6)


def test_omega_interval_is_seeded_and_brackets_omega():
    data = _simulate([0.8, 0.7, 0.6, 0.5], 60, seed=8)
    low, high = omega_interval(data)
    assert low < mcdonald_omega(data) < high
    assert omega_interval(data) == (low, high)  # the same answers, the same interval
    assert omega_interval(data, seed=1) != (low, high)
    narrow = omega_interval(_simulate([0.8, 0.7, 0.6, 0.5], 600, seed=8))
    assert narrow[1] - narrow[0] < (high - low) / 2


def test_omega_interval_matches_an_exact_bootstrap():
    """The fast fit inside the bootstrap gives the quantiles an exact fit of every resample gives."""
    data = _simulate([0.8, 0.6, 0.5, 0.4, 0.3], 20, seed=13)
    n = len(data)
    rng = np.random.default_rng(2011)
    omegas = [mcdonald_omega(data[rows]) for rows in rng.integers(0, n, size=(1000, n))]
    assert omega_interval(data) == pytest.approx(tuple(np.quantile(omegas, [0.025, 0.975])), abs=1e-4)


def test_a_groups_subscales_bootstrapped_together_get_the_intervals_each_gets_alone():
    """One stack for every subscale (narrower ones padded with zeros, blocks of the same
    size sharing their draws, the whole sample's loadings passed in or fitted): the same
    intervals."""
    blocks = [_simulate([0.8, 0.6, 0.5, 0.4, 0.3], 40, seed=31), _simulate([0.7, 0.6, 0.5], 40, seed=32),
              _simulate([0.8, 0.7, 0.6, 0.5, 0.4, 0.3], 25, seed=33), np.ones((12, 4))]
    together = omega_intervals(blocks)
    alone = [omega_interval(block) for block in blocks]
    assert together[3] is None and alone[3] is None
    given = omega_intervals(blocks, loadings=[one_factor(np.cov(b, rowvar=False)) for b in blocks])
    assert given[3] is None
    for mine, theirs, fitted in zip(together[:3], alone[:3], given[:3]):
        assert mine == pytest.approx(theirs, abs=1e-9)
        assert fitted == pytest.approx(theirs, abs=1e-9)
    assert omega_intervals([]) == []


def test_omega_interval_without_variance_is_none():
    assert omega_interval(np.ones((12, 4))) is None


def _complete_group(q, n, seed=0):
    frame = random_answers(q, n, seed=seed, missing=0.0, not_applicable=0.0)
    return frame


def test_reliability_needs_ten_complete_answers(q):
    nine = group_summary(q, None, _complete_group(q, 9))
    assert all(r.reason == "not_enough_answers" and r.alpha is None and r.omega is None for r in nine.reliability.values())
    assert nine.reliability["relation"].n_complete == 9
    ten = group_summary(q, None, _complete_group(q, 10))
    rel = ten.reliability["relation"]
    assert rel.computed and rel.n_complete == 10 and rel.k == 4
    block = _complete_group(q, 10)[REL].to_numpy(dtype=float)
    assert rel.alpha == pytest.approx(cronbach_alpha(block), abs=1e-12)
    assert rel.omega == pytest.approx(mcdonald_omega(block), abs=1e-12)
    assert rel.alpha_ci == pytest.approx(feldt_interval(rel.alpha, 10, 4))
    assert rel.omega_ci[0] < rel.omega < rel.omega_ci[1]
    assert rel.caution  # 10 complete answers: a rough indication
    assert not nine.reliability["relation"].caution  # not computed: nothing to caution about
    table = ten.reliability_frame()
    assert list(table.columns) == ["alpha", "alpha_low", "alpha_high", "omega", "omega_low", "omega_high",
                                   "n_complete", "k", "reason"]
    assert table.loc["relation", "alpha_low"] == pytest.approx(rel.alpha_ci[0])
    assert np.isnan(nine.reliability_frame().loc["relation", "omega_high"])


def test_reliability_counts_only_complete_cases(q):
    frame = _complete_group(q, 12)
    frame.loc[0, "rel_1"] = "na"
    frame.loc[1, "rel_2"] = None
    frame.loc[2, "rel_3"] = None
    g = group_summary(q, None, frame)
    assert g.reliability["relation"].n_complete == 9
    assert g.reliability["relation"].reason == "not_enough_answers"
    assert g.reliability["goals"].n_complete == 12 and g.reliability["goals"].computed


def test_reliability_without_variance(q):
    frame = pd.DataFrame({item: [4] * 12 for item in REL})
    assert group_summary(q, None, frame).reliability["relation"].reason == "no_variance"


def test_structured_synthetic_group_is_reliable():
    q = load("mentor")
    g = group_summary(q, None, random_answers(q, 400, seed=4, latent=True))
    for sid, r in g.reliability.items():
        assert r.computed, sid
        assert 0.7 < r.alpha <= r.omega + 0.01 < 1.01, (sid, r)
        assert not r.caution and r.alpha_ci[0] < r.alpha < r.alpha_ci[1] < 1


# --- comparisons ----------------------------------------------------------------------


def test_compare_profiles(q):
    before = score(q, _person([3] * 4, [5] * 4, [3] * 4, months=2, format="group"))
    after = score(q, _person([5] * 4, [2] * 4, [5] * 4, months=10, format="group"))
    c = compare_profiles(before, after)
    assert c.subscales.loc["relation", "before"] == pytest.approx(40.0)
    assert c.subscales.loc["relation", "after"] == pytest.approx(80.0)
    assert c.subscales.loc["relation", "change"] == pytest.approx(40.0)
    assert (c.subscales.loc["relation", "level_before"], c.subscales.loc["relation", "level_after"]) == ("mid", "high")
    assert c.composites.loc["orientation", "change"] == pytest.approx((80 - 20) - (40 - 80))
    assert list(c.composites.index) == ["D", "P", "S", "orientation"]
    dur = c.benchmarks.loc["duration"]
    assert (dur["before"], dur["after"], dur["changed"]) == ("not_met", "met", True)
    assert (dur["value_before"], dur["value_after"]) == (2.0, 10.0)
    fmt = c.benchmarks.loc["format"]
    assert (fmt["before"], fmt["after"], fmt["changed"]) == ("partly_met", "partly_met", False)
    assert (c.profile_before, c.profile_after, c.profile_changed) == ("prescriptive", "dev_structured", True)


def test_compare_profiles_with_a_subscale_not_scored(q):
    before = score(q, {"rel_1": 3})
    after = score(q, _person([5] * 4, [2] * 4, [5] * 4))
    c = compare_profiles(before, after)
    assert np.isnan(c.subscales.loc["relation", "before"]) and np.isnan(c.subscales.loc["relation", "change"])
    assert c.benchmarks.loc["weekly", "changed"] == False  # noqa: E712  both not answered


def test_compare_refuses_two_roles(q):
    other = load("enseignant_ressource")
    with pytest.raises(ValueError, match="compare"):
        compare_profiles(score(q, {}), score(other, {}))


def test_compare_groups(q, small):
    answers, scored = small
    before = group_summary(q, scored, answers)
    later = answers.copy()
    later[REL] = 6  # everyone at the top of relation after the year
    later["format"] = "individual"
    after = group_summary(q, None, later)
    c = compare_groups(before, after)
    rel = c.subscales.loc["relation"]
    assert (rel["before"], rel["after"], rel["change"]) == pytest.approx((44.0, 100.0, 56.0))
    assert (rel["n_before"], rel["n_after"]) == (5, 6)
    assert np.isnan(rel["effect_size"]) or rel["effect_size"] > 0
    assert c.benchmarks.loc["format", "met_before"] == pytest.approx(4 / 6)
    assert c.benchmarks.loc["format", "met_after"] == pytest.approx(1.0)
    assert c.benchmarks.loc["format", "change"] == pytest.approx(2 / 6)
    assert c.profiles.loc["dev_structured", "before"] == 2
    assert c.profiles["change"].sum() == (sum(after.profile_counts.values()) - sum(before.profile_counts.values()))
    assert list(c.composites.index) == ["D", "P", "S", "orientation"]
    assert (c.n_before, c.n_after) == (6, 6)


def test_effect_size_is_cohens_d(q):
    low = pd.DataFrame({item: [2, 3, 4, 3] for item in REL})
    high = pd.DataFrame({item: [4, 5, 6, 5] for item in REL})
    c = compare_groups(group_summary(q, None, low), group_summary(q, None, high))
    # scores 20 40 60 40 -> 60 80 100 80: change 40, sd both 16.33 -> d = 2.449
    assert c.subscales.loc["relation", "effect_size"] == pytest.approx(40 / np.std([20, 40, 60, 40], ddof=1))


def test_empty_group(q):
    g = group_summary(q, None, pd.DataFrame(index=pd.Index([], dtype=object)))
    assert g.n == 0
    assert g.profile_counts == {"dev_structured": 0, "prescriptive": 0, "other": 0}
    assert g.subscales["n"].tolist() == [0, 0, 0] and g.subscales["mean"].isna().all()
    assert g.benchmarks["met"].isna().all() and g.benchmarks["n"].tolist() == [0] * 4
    assert len(g.divisive_items) == 0
    assert {r.reason for r in g.reliability.values()} == {"not_enough_answers"}
