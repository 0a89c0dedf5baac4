"""Before and after: one person at two times, or two groups.

Every table is indexed by id and has ``before`` and ``after`` columns, so one
chart can draw either comparison:

* ``compare_profiles``: subscales (scores 0-100, ``change``, ``level_before``,
  ``level_after``), composites (D, P, B, S), orientation (``change``), benchmarks
  (statuses ``before``/``after``, ``changed``, ``value_before``/``value_after``),
  and the profile before/after.
* ``instrument_changes``: what differs between two versions of the questionnaire
  (subscales and benchmarks added, removed or redefined; other profile rules).
* ``compare_groups``: subscales and composites (means ``before``/``after``,
  ``change``, sds, ns and ``effect_size`` = Cohen's d with the pooled sd),
  benchmarks (share of each status before/after, ``change`` of the share met),
  profiles (counts ``before``/``after``, ``change``).

Both join on ids (outer join), so a subscale or benchmark present at only one
time shows NaN on the other side rather than vanishing. ``change`` is always
after - before, NaN when either side has no value. The role must match.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from questionnaires.schema import STATUSES, Questionnaire

from .group import GroupSummary
from .model import Profile
from .plan import LEVELS


def _union(a, b) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def _check_roles(before, after) -> None:
    if before.role != after.role:
        raise ValueError(f"cannot compare a '{before.role}' result with a '{after.role}' one")


def _categories(values: list, categories) -> pd.Categorical:
    """Levels and statuses as categoricals (NaN where None), like score_many's columns."""
    return pd.Categorical(values, categories=pd.Index(list(categories), dtype=object))


def _objects(values: list) -> np.ndarray:
    """An object column that keeps None and mixed values (numbers, option ids) as they are."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _num(value) -> float:
    return np.nan if value is None else float(value)


@dataclass(frozen=True, eq=False)
class ProfileComparison:
    role: str
    version_before: str
    version_after: str
    subscales: pd.DataFrame  # index subscale; before, after, change, level_before, level_after
    composites: pd.DataFrame  # index D, P, S, orientation; before, after, change
    benchmarks: pd.DataFrame  # index benchmark; before, after (statuses), changed, value_before, value_after
    profile_before: str | None
    profile_after: str | None

    @property
    def profile_changed(self) -> bool:
        return self.profile_before != self.profile_after


def compare_profiles(before: Profile, after: Profile) -> ProfileComparison:
    """One person's change between two times (e.g. before and after the school year)."""
    _check_roles(before, after)
    sub_ids = _union(before.subscales, after.subscales)

    def sub(p: Profile, sid: str, attr: str):
        r = p.subscales.get(sid)
        return None if r is None else getattr(r, attr)

    subscales = pd.DataFrame(
        {
            "before": [_num(sub(before, s, "score")) for s in sub_ids],
            "after": [_num(sub(after, s, "score")) for s in sub_ids],
            "level_before": _categories([sub(before, s, "level") for s in sub_ids], LEVELS),
            "level_after": _categories([sub(after, s, "level") for s in sub_ids], LEVELS),
        },
        index=pd.Index(sub_ids, name="subscale", dtype=object),
    )
    subscales.insert(2, "change", subscales["after"] - subscales["before"])

    def comp(p: Profile, c: str):
        return p.orientation if c == "orientation" else p.composites.get(c)

    rows = [*_union(before.composites, after.composites), "orientation"]
    composites = pd.DataFrame(
        {
            "before": [_num(comp(before, c)) for c in rows],
            "after": [_num(comp(after, c)) for c in rows],
        },
        index=pd.Index(rows, name="composite", dtype=object),
    )
    composites["change"] = composites["after"] - composites["before"]

    bm_ids = _union(before.benchmarks, after.benchmarks)

    def bm(p: Profile, bid: str, attr: str):
        r = p.benchmarks.get(bid)
        return None if r is None else getattr(r, attr)

    status_before = [bm(before, b, "status") for b in bm_ids]
    status_after = [bm(after, b, "status") for b in bm_ids]
    benchmarks = pd.DataFrame(
        {
            "before": _categories(status_before, STATUSES),
            "after": _categories(status_after, STATUSES),
            "changed": np.array([x != y for x, y in zip(status_before, status_after)], dtype=bool),
            "value_before": _objects([bm(before, b, "value") for b in bm_ids]),
            "value_after": _objects([bm(after, b, "value") for b in bm_ids]),
        },
        index=pd.Index(bm_ids, name="benchmark", dtype=object),
    )
    return ProfileComparison(
        role=before.role,
        version_before=before.version,
        version_after=after.version,
        subscales=subscales,
        composites=composites,
        benchmarks=benchmarks,
        profile_before=before.profile,
        profile_after=after.profile,
    )


@dataclass(frozen=True)
class InstrumentChanges:
    """What differs between two versions of an instrument, so a reader can tell which
    changes come from the instrument rather than from the person."""

    version_before: str
    version_after: str
    subscales_added: tuple[str, ...]
    subscales_removed: tuple[str, ...]
    benchmarks_added: tuple[str, ...]
    benchmarks_removed: tuple[str, ...]
    benchmarks_redefined: tuple[str, ...]  # same id, other items read, bands or statuses
    profiles_redefined: bool  # other rules: the profile names are not the same ruler

    @property
    def any(self) -> bool:
        return self.version_before != self.version_after


def _definition(bench) -> tuple:
    return (bench.rule, tuple(bench.reads), tuple((b.min, b.max, b.status) for b in bench.bands),
            tuple(sorted(bench.options.items())), tuple(sorted(bench.counts)))


def instrument_changes(before: Questionnaire, after: Questionnaire) -> InstrumentChanges:
    """Compare two versions of one role's questionnaire (the same version gives no change)."""
    if before.id != after.id:
        raise ValueError(f"cannot compare the '{before.id}' instrument with the '{after.id}' one")
    subs_b, subs_a = [s.id for s in before.subscales], [s.id for s in after.subscales]
    bench_b = {b.id: _definition(b) for b in before.benchmarks}
    bench_a = {b.id: _definition(b) for b in after.benchmarks}
    return InstrumentChanges(
        version_before=before.version,
        version_after=after.version,
        subscales_added=tuple(s for s in subs_a if s not in subs_b),
        subscales_removed=tuple(s for s in subs_b if s not in subs_a),
        benchmarks_added=tuple(b for b in bench_a if b not in bench_b),
        benchmarks_removed=tuple(b for b in bench_b if b not in bench_a),
        benchmarks_redefined=tuple(b for b in bench_a if b in bench_b and bench_a[b] != bench_b[b]),
        profiles_redefined=before.profiles.model_dump() != after.profiles.model_dump()
        or before.levels.model_dump() != after.levels.model_dump(),
    )


@dataclass(frozen=True, eq=False)
class GroupComparison:
    role: str
    n_before: int
    n_after: int
    subscales: pd.DataFrame  # index subscale; before, after (means), change, sd_before, sd_after, n_before, n_after, effect_size
    composites: pd.DataFrame  # index D, P, S, orientation; same columns
    benchmarks: pd.DataFrame  # index benchmark; <status>_before, <status>_after for each status, change (share met)
    profiles: pd.DataFrame  # index profile rule; before, after, change (counts)


def _stat_change(before: pd.DataFrame, after: pd.DataFrame, name: str) -> pd.DataFrame:
    ids = _union(before.index, after.index)
    b = before.reindex(ids)
    a = after.reindex(ids)
    out = pd.DataFrame(
        {
            "before": b["mean"],
            "after": a["mean"],
            "change": a["mean"] - b["mean"],
            "sd_before": b["sd"],
            "sd_after": a["sd"],
            "n_before": b["n"].fillna(0).astype(np.int64),
            "n_after": a["n"].fillna(0).astype(np.int64),
        }
    )
    # Cohen's d with the pooled sd of two independent groups.
    nb, na_ = out["n_before"], out["n_after"]
    pooled = np.sqrt(((nb - 1) * out["sd_before"] ** 2 + (na_ - 1) * out["sd_after"] ** 2) / (nb + na_ - 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        out["effect_size"] = (out["change"] / pooled).where(pooled > 0)
    out.index = pd.Index(ids, name=name, dtype=object)
    return out


def compare_groups(before: GroupSummary, after: GroupSummary) -> GroupComparison:
    """Two groups (or one group at two times): change of means, shares and profile counts."""
    _check_roles(before, after)
    bm_ids = _union(before.benchmarks.index, after.benchmarks.index)
    b = before.benchmarks.reindex(bm_ids)
    a = after.benchmarks.reindex(bm_ids)
    cols = {}
    for s in STATUSES:
        cols[f"{s}_before"] = b[s]
        cols[f"{s}_after"] = a[s]
    benchmarks = pd.DataFrame(cols)
    benchmarks["change"] = a["met"] - b["met"]
    benchmarks.index = pd.Index(bm_ids, name="benchmark", dtype=object)

    rule_ids = _union(before.profile_counts, after.profile_counts)
    profiles = pd.DataFrame(
        {
            "before": [before.profile_counts.get(r, 0) for r in rule_ids],
            "after": [after.profile_counts.get(r, 0) for r in rule_ids],
        },
        index=pd.Index(rule_ids, name="profile", dtype=object),
    )
    profiles["change"] = profiles["after"] - profiles["before"]
    return GroupComparison(
        role=before.role,
        n_before=before.n,
        n_after=after.n,
        subscales=_stat_change(before.subscales, after.subscales, "subscale"),
        composites=_stat_change(before.composites, after.composites, "composite"),
        benchmarks=benchmarks,
        profiles=profiles,
    )
