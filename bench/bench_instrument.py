"""Instrument figures (not timings): how much a response style moves the profile.

A uniform +1 on every scale answer (pure acquiescence) is applied to simulated
respondents drawn from each questionnaire's own items; the figure is the share whose
profile changes. Issue 8's target is at most 15 %; 1.0.0 is measured beside 2.0.0.
"""

from __future__ import annotations

from questionnaires import ROLES, load, load_version
from scoring.synthetic import acquiescence_effect

N = 2000


def run() -> list[tuple[str, float, str, str]]:
    rows = []
    for role in ROLES:
        current = load(role)
        rows.append((f"{role} {current.version}: profiles changed by +1 everywhere (n={N})",
                     100 * acquiescence_effect(current, N), "%", "<= 15 %"))
        old = load_version(role, "1.0.0")
        rows.append((f"{role} {old.version}: the same, for comparison",
                     100 * acquiescence_effect(old, N), "%", "(was the problem)"))
    return rows


if __name__ == "__main__":
    from table import print_table

    print_table(run())
