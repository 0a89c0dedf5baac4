"""Shared test set-up.

Browser tests skip with a reason starting "browser:" and PostgreSQL tests with
"postgresql:" when their tool is missing. ``REFLET_REQUIRE_BROWSER=1`` and
``REFLET_REQUIRE_POSTGRES=1`` (set by .ci/run) turn those skips into failures,
so CI never passes by skipping them silently.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REQUIRED_PREFIXES = {
    "browser:": "REFLET_REQUIRE_BROWSER",
    "postgresql:": "REFLET_REQUIRE_POSTGRES",
}


def _required(reason: str) -> str | None:
    for prefix, env in REQUIRED_PREFIXES.items():
        if reason.startswith(prefix) and os.environ.get(env) == "1":
            return env
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = report.longrepr[2].removeprefix("Skipped: ")
        env = _required(reason)
        if env:
            report.outcome = "failed"
            report.longrepr = f"{env}=1 but the test was skipped: {reason}"


from e2e import app_url, browser  # noqa: E402,F401  (fixtures for the browser tests)
from sqlalchemy import Engine  # noqa: E402

from workshops.testing import isolated_engine  # noqa: E402

PG_ENV = "REFLET_TEST_DATABASE_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh database of each kind: a SQLite file, and a throw-away PostgreSQL schema."""
    pg_url = os.environ.get(PG_ENV)
    if request.param == "postgresql" and not pg_url:
        pytest.skip(f"postgresql: {PG_ENV} not set")
    with isolated_engine(request.param, tmp_path, pg_url) as engine:
        yield engine
