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
"""

from __future__ import annotations

import numpy as np

MAX_ITER = 1000
TOLERANCE = 1e-9


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


def one_factor(cov: np.ndarray) -> np.ndarray:
    """Loadings of a one-factor model fitted by iterated principal-axis factoring."""
    cov = np.asarray(cov, dtype=np.float64)
    var = np.diag(cov).copy()
    try:
        smc = var - 1.0 / np.diag(np.linalg.inv(cov))
        if not np.all(np.isfinite(smc)):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:  # singular: start from the largest covariance of each item
        off = np.abs(cov - np.diag(var))
        smc = off.max(axis=1)
    h = np.clip(smc, 0.0, var)
    reduced = cov.copy()
    idx = np.diag_indices_from(reduced)
    scale = max(float(var.max()), 1e-300)
    loadings = np.sqrt(h)
    for _ in range(MAX_ITER):
        reduced[idx] = h
        w, v = np.linalg.eigh(reduced)
        loadings = v[:, -1] * np.sqrt(max(w[-1], 0.0))
        h_new = np.minimum(loadings**2, var)
        done = np.max(np.abs(h_new - h)) < TOLERANCE * scale
        h = h_new
        if done:
            break
    loadings = np.sign(loadings) * np.sqrt(h)  # apply the Heywood cap
    return -loadings if loadings.sum() < 0 else loadings


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
