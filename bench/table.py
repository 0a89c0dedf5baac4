"""The one way every benchmark prints: figure | measured | target."""

from __future__ import annotations

import math

Row = tuple[str, float, str, str]  # figure, measured value (NaN = skipped), unit, target


def print_table(rows: list[Row], first: str = "") -> None:
    """Print rows; ``first`` is an optional leading column (the suite) per row, "" for none."""
    width = max(len(name) for name, *_ in rows)
    print(f"{'figure':<{width}} | {'measured':>14} | target")
    print(f"{'-' * width}-+-{'-' * 14}-+-{'-' * 24}")
    for name, value, unit, target in rows:
        measured = "skipped" if math.isnan(value) else f"{value:,.3g} {unit}"
        print(f"{name:<{width}} | {measured:>14} | {target}")
