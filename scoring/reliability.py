"""Internal consistency of a subscale: Cronbach's alpha and McDonald's omega.

Both take the complete cases of a subscale (rows with every item answered) and
work on the item covariance matrix C (sample covariance, ddof = 1).

* alpha = k / (k - 1) * (1 - trace(C) / sum(C)).
* omega (total, one factor): fit x_i = lambda_i * f + e_i with var(f) = 1 by
  iterated principal-axis factoring of C: put communalities h on the diagonal
  (start: squared multiple correlations on the covariance scale,
  h_i = C_ii - 1 / (C^-1)_ii), take the first eigenpair (w, v), set
  lambda = v * sqrt(w) and h = lambda^2, repeat until h moves less than 1e-9 of
  the largest variance. At convergence this is the unweighted-least-squares
  (minres) solution of the one-factor model. A loading whose square would exceed
  the item's variance (a Heywood case) is capped so psi_i = C_ii - lambda_i^2 >= 0.
  omega = (sum lambda)^2 / ((sum lambda)^2 + sum psi), the share of the unit-
  weighted sum score's model-implied variance due to the common factor
  (McDonald 1999; Flora 2020, eq. 4). Loadings are reported with a positive sum.

Intervals (95 % by default), so that a trainer does not read 0.72 from 12 people
as a fact:
* alpha: Feldt's (1965) exact interval under the usual normal-theory model,
  1 - (1 - alpha) * F(q; n - 1, (n - 1)(k - 1)) at q = 1 - g/2 (lower) and g/2
  (upper); the same as R's ``psych::alpha`` prints as its "Feldt" boundaries.
* omega: a percentile bootstrap of the complete cases, with a fixed seed so that
  the same answers always give the same interval. Resamples whose items have no
  variance are left out. Each resample's fit starts from the whole sample's loadings.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import f as f_distribution

MAX_ITER = 1000
TOLERANCE = 1e-9
LEVEL = 0.95
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 2011  # fixed: the same answers always give the same interval
BOOTSTRAP_STEPS = 300  # principal-axis iterations of a resample's fit


def covariance(data: np.ndarray) -> np.ndarray:
    data = np.asarray(data, dtype=np.float64)
    if data.ndim != 2 or data.shape[0] < 2 or data.shape[1] < 2:
        raise ValueError("need a 2-D array with at least 2 rows and 2 columns")
    return np.cov(data, rowvar=False, ddof=1)


def cronbach_alpha(data: np.ndarray) -> float | None:
    """Alpha of complete data (rows: people, columns: items); None if the total has no variance."""
    return alpha_from_cov(covariance(data))


def alpha_from_cov(cov: np.ndarray) -> float | None:
    k = cov.shape[0]
    total = float(cov.sum())
    if not total > 0:
        return None
    return k / (k - 1) * (1 - float(np.trace(cov)) / total)


def _start_communalities(cov: np.ndarray, var: np.ndarray) -> np.ndarray:
    try:
        with np.errstate(divide="ignore", invalid="ignore"):  # a zero pivot is caught just below
            smc = var - 1.0 / np.diag(np.linalg.inv(cov))
        if not np.all(np.isfinite(smc)):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:  # singular: start from the largest covariance of each item
        off = np.abs(cov - np.diag(var))
        smc = off.max(axis=1)
    return np.clip(smc, 0.0, var)


def _start_many(covs: np.ndarray, var: np.ndarray) -> np.ndarray:
    """``_start_communalities`` of a stack: one batched inverse, the fallback only where it fails."""
    smc = np.full_like(var, np.nan)
    invertible = np.linalg.det(covs) != 0  # an exact zero pivot: the same test inv() makes
    with np.errstate(divide="ignore", invalid="ignore"):
        smc[invertible] = var[invertible] - 1.0 / np.diagonal(np.linalg.inv(covs[invertible]), axis1=1, axis2=2)
    bad = ~np.all(np.isfinite(smc), axis=1)
    if bad.any():
        smc[bad] = [_start_communalities(c, v) for c, v in zip(covs[bad], var[bad])]
    return np.clip(smc, 0.0, var)


def one_factor(cov: np.ndarray) -> np.ndarray:
    """Loadings of a one-factor model fitted by iterated principal-axis factoring."""
    return one_factor_many(np.asarray(cov, dtype=np.float64)[None])[0]


def one_factor_many(covs: np.ndarray, *, tracked: bool = False, max_iter: int = MAX_ITER,
                    start: np.ndarray | None = None) -> np.ndarray:
    """``one_factor`` of a stack of covariance matrices (m, k, k) at once: loadings (m, k).

    Each matrix iterates until its own communalities settle; a settled one is not
    moved again, so every row equals ``one_factor`` of its matrix alone.
    ``tracked`` (for the bootstrap): instead of a full eigen-decomposition at every
    iteration, follow the first eigenvector with one power step from the previous
    one (the reduced matrix moves little between iterations). The same fixed point,
    about 40 times cheaper a step; a slow fit stopped by ``max_iter`` is off by ~1e-4.
    ``start`` (for the bootstrap): loadings every fit starts from, (k,) for all or (m, k)
    one a fit, instead of the squared multiple correlations, e.g. the whole sample's, near
    each resample's own fixed point: the same fixed point in about half the steps
    (bench/bench_dashboard.py). A start of zeros has no direction to follow: pass None.
    """
    covs = np.asarray(covs, dtype=np.float64)
    var = np.diagonal(covs, axis1=1, axis2=2).copy()
    diag = np.arange(covs.shape[1])
    scale = np.maximum(var.max(axis=1), 1e-300)
    if start is None:
        h = _start_many(covs, var)
        reduced = covs.copy()
        reduced[:, diag, diag] = h
        direction = np.linalg.eigh(reduced)[1][:, :, -1]  # the sign of each loading, at the end
    else:
        start = np.broadcast_to(np.asarray(start, dtype=np.float64), var.shape)
        h = np.minimum(start**2, var)
        direction = start / np.linalg.norm(start, axis=1, keepdims=True)
    # The fits still moving, in compact arrays: a settled fit is written back and dropped.
    work, C, V, H, D, S = np.arange(len(covs)), covs, var, h, direction, scale
    for _ in range(max_iter):
        if tracked:  # the reduced matrix times D, without building it: C @ D + (H - V) * D
            moved = np.matmul(C, D[:, :, None])[:, :, 0] + (H - V) * D
            value = np.einsum("mi,mi->m", D, moved)
            norm = np.linalg.norm(moved, axis=1, keepdims=True)
            vec = np.divide(moved, norm, out=D.copy(), where=norm > 0)
        else:
            reduced = C.copy()
            reduced[:, diag, diag] = H
            w, v = np.linalg.eigh(reduced)
            vec, value = v[:, :, -1], w[:, -1]
        h_new = np.minimum(vec**2 * np.maximum(value, 0.0)[:, None], V)
        moving = np.max(np.abs(h_new - H), axis=1) >= TOLERANCE * S
        D, H = vec, h_new
        if not moving.all():
            settled = work[~moving]
            h[settled], direction[settled] = H[~moving], D[~moving]
            work, C, V, H, D, S = work[moving], C[moving], V[moving], H[moving], D[moving], S[moving]
            if not len(work):
                break
    h[work], direction[work] = H, D
    loadings = np.sign(direction) * np.sqrt(h)  # sqrt(h): the Heywood cap applied
    return np.where(loadings.sum(axis=1, keepdims=True) < 0, -loadings, loadings)


def mcdonald_omega(data: np.ndarray) -> float | None:
    """Omega total (one factor) of complete data; None if the items have no variance."""
    return omega_from_cov(covariance(data))


def omega_from_cov(cov: np.ndarray, loadings: np.ndarray | None = None) -> float | None:
    """Omega of a covariance matrix, from ``loadings`` if already fitted (``one_factor``)."""
    var = np.diag(cov)
    if not float(var.sum()) > 0:
        return None
    if loadings is None:
        loadings = one_factor(cov)
    common = float(loadings.sum()) ** 2
    unique = float(np.sum(var - loadings**2))
    return common / (common + unique) if common + unique > 0 else None


def feldt_interval(alpha: float, n: int, k: int, level: float = LEVEL) -> tuple[float, float]:
    """Feldt's interval for Cronbach's alpha from ``n`` complete cases of ``k`` items."""
    if n < 2 or k < 2:
        raise ValueError("need at least 2 cases and 2 items")
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - level) / 2
    lower = 1 - (1 - alpha) * float(f_distribution.ppf(1 - tail, df1, df2))
    upper = 1 - (1 - alpha) * float(f_distribution.ppf(tail, df1, df2))
    return lower, upper


def omega_interval(
    data: np.ndarray,
    level: float = LEVEL,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of omega over the rows of complete ``data``; None if no resample has variance."""
    return omega_intervals([data], level, resamples, seed)[0]


def _bootstrap_weights(n: int, resamples: int, seed: int) -> np.ndarray:
    """How many times each of ``n`` rows is drawn in each of ``resamples`` resamples (resamples, n)."""
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, n, size=(resamples, n)) + np.arange(resamples)[:, None] * n
    return np.bincount(drawn.ravel(), minlength=resamples * n).reshape(resamples, n).astype(np.float64)


def _resampled_covs(data: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The covariance matrices of the bootstrap resamples of the rows of ``data`` that ``weights`` draws."""
    n, k = data.shape
    sums = weights @ data
    products = weights @ np.einsum("ni,nj->nij", data, data).reshape(n, k * k)
    return (products.reshape(len(weights), k, k) - np.einsum("ri,rj->rij", sums, sums) / n) / (n - 1)


def _whole_sample_start(data: np.ndarray, loadings: np.ndarray | None) -> np.ndarray | None:
    if loadings is None:
        whole = covariance(data)
        if not float(np.diag(whole).sum()) > 0:
            return None
        loadings = one_factor(whole)
    return loadings if np.any(loadings) else None  # nothing to follow from: the usual start


def omega_intervals(
    blocks: list[np.ndarray],
    level: float = LEVEL,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    loadings: list[np.ndarray] | None = None,
) -> list[tuple[float, float] | None]:
    """``omega_interval`` of each block of complete data (a group's subscales), every
    resample of every block fitted in one stack: the blocks' matrices are padded with zero
    rows and columns to the widest block, which changes no fit (a zero-variance item keeps
    a zero loading and adds nothing to omega), so the fixed cost of each step is paid once
    for the group instead of once a subscale. Each block draws its resamples from its own
    generator seeded with ``seed``: the same intervals as one call a block (blocks of the
    same number of rows share those draws, made once). ``loadings``: each block's
    whole-sample ``one_factor`` loadings if already fitted, the resamples' start."""
    blocks = [np.asarray(b, dtype=np.float64) for b in blocks]
    loadings = loadings if loadings is not None else [None] * len(blocks)
    weights: dict[int, np.ndarray] = {}
    width = max((b.shape[1] for b in blocks), default=0)
    stacks, starts, owners, loose = [], [], [], []
    for index, data in enumerate(blocks):
        n = len(data)
        if n not in weights:
            weights[n] = _bootstrap_weights(n, resamples, seed)
        covs = _resampled_covs(data, weights[n])
        covs = covs[np.diagonal(covs, axis1=1, axis2=2).sum(axis=1) > 1e-12]  # resamples with variance
        if not len(covs):
            continue
        start = _whole_sample_start(data, loadings[index])
        if start is None:  # rare: fitted alone from the usual start
            loose.append((index, covs))
            continue
        k = data.shape[1]
        padded = np.zeros((len(covs), width, width))
        padded[:, :k, :k] = covs
        stacks.append(padded)
        starts.append(np.broadcast_to(np.pad(start, (0, width - k)), (len(covs), width)))
        owners.append(np.full(len(covs), index))
    omegas: dict[int, np.ndarray] = {}
    if stacks:
        covs, owner = np.concatenate(stacks), np.concatenate(owners)
        loadings = one_factor_many(covs, tracked=True, max_iter=BOOTSTRAP_STEPS, start=np.concatenate(starts))
        values = _omegas(covs, loadings)
        omegas |= {index: values[owner == index] for index in np.unique(owner)}
    for index, covs in loose:
        omegas[index] = _omegas(covs, one_factor_many(covs, tracked=True, max_iter=BOOTSTRAP_STEPS))
    tail = (1 - level) / 2
    out: list[tuple[float, float] | None] = [None] * len(blocks)
    for index, values in omegas.items():
        lower, upper = np.quantile(values, [tail, 1 - tail])
        out[index] = (float(lower), float(upper))
    return out


def _omegas(covs: np.ndarray, loadings: np.ndarray) -> np.ndarray:
    var = np.diagonal(covs, axis1=1, axis2=2)
    common = loadings.sum(axis=1) ** 2
    return common / (common + np.sum(var - loadings**2, axis=1))
