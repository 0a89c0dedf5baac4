"""Guessing is slowed: how long one browser session waits after wrong codes or keys.

Pure arithmetic, so it is tested without waiting. The first few mistakes are free (a
typo is human); after that each attempt waits twice as long as the one before, up to a
ceiling, so a script trying codes or keys from one session crawls while the real trainer,
in their own session, is never locked out and at worst waits a few seconds.
"""

from __future__ import annotations

FREE_ATTEMPTS = 3  # mistakes before any wait
FIRST_WAIT_S = 0.5
MAX_WAIT_S = 8.0


def wait_before_attempt(failures: int) -> float:
    """Seconds to wait before checking an attempt, given this session's failures so far."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (failures - FREE_ATTEMPTS))
