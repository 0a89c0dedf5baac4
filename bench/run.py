"""Every benchmark in one table: figure, measured value, target.

Run with ``python3 manage.py bench``. Timings are medians on this machine,
measured, never asserted in tests: shared machines are noisy.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_dashboard  # noqa: E402
import bench_scoring  # noqa: E402
import bench_views  # noqa: E402
import bench_workshops  # noqa: E402

SUITES = [
    ("scoring", bench_scoring),
    ("pages", bench_views),
    ("workshop storage", bench_workshops),
    ("dashboard", bench_dashboard),
]


def main() -> None:
    rows = []
    for suite, module in SUITES:
        print(f"measuring {suite} ...", file=sys.stderr, flush=True)
        rows += [(suite, *row) for row in module.run()]
    width = max(len(name) for _, name, *_ in rows)
    print(f"{'suite':<16} | {'figure':<{width}} | {'measured':>14} | target")
    print(f"{'-' * 16}-+-{'-' * width}-+-{'-' * 14}-+-{'-' * 24}")
    for suite, name, value, unit, target in rows:
        measured = "skipped" if math.isnan(value) else f"{value:,.3g} {unit}"
        print(f"{suite:<16} | {name:<{width}} | {measured:>14} | {target}")


if __name__ == "__main__":
    main()
