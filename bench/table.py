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
        if math.isnan(value):
            measured = "skipped"
        elif abs(value) >= 1000:
            measured = f"{value:,.0f} {unit}"  # 1,004 and 1,280 ms, not 1e+03 and 1.28e+03 ms
        else:
            measured = f"{value:,.3g} {unit}"
        print(f"{name:<{width}} | {measured:>14} | {target}")
