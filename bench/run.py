"""Every benchmark in one table: figure, measured value, target.

Run with ``python3 manage.py bench``. Timings are medians on this machine,
measured, never asserted in tests: shared machines are noisy.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_charts  # noqa: E402
import bench_dashboard  # noqa: E402
import bench_instrument  # noqa: E402
import bench_scoring  # noqa: E402
import bench_views  # noqa: E402
import bench_workshops  # noqa: E402
from table import print_table  # noqa: E402

SUITES = [
    ("instrument", bench_instrument),
    ("scoring", bench_scoring),
    ("pages", bench_views),
    ("charts", bench_charts),
    ("workshop storage", bench_workshops),
    ("dashboard", bench_dashboard),
]


def main() -> None:
    rows = []
    for suite, module in SUITES:
        print(f"measuring {suite} ...", file=sys.stderr, flush=True)
        rows += [(f"[{suite}] {name}", value, unit, target) for name, value, unit, target in module.run()]
    print_table(rows)


if __name__ == "__main__":
    main()
