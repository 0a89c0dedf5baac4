"""Accessibility audits in the real browser: axe-core (the npm package pinned in
package.json, installed by ``npm ci`` into node_modules/) injected into the page.

``axe_source`` (a session fixture) skips with a reason starting "browser:" when
axe-core is not installed, so that REFLET_REQUIRE_BROWSER=1 turns it into a failure.
Import it into a test module (``from axe import axe_source``) to use it.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from e2e import ROOT, wait_until_idle

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")  # the impacts a page may not have
TARGETS_SHOWN = 3  # node targets kept per violation: enough to find it, short enough to read
# Streamlit's generated class names (.st-emotion-cache-1ucad3v, .e1yqkw3v0) change with each
# release and say nothing: a target keeps its tags, test ids and Streamlit's stable classes.
_GENERATED_CLASS = re.compile(r"\.(?:st-emotion-cache-[0-9a-z]+|e(?=[a-z]*\d)[0-9a-z]{5,9})(?=[.\s>\[:]|$)")
_EMPTY_STEP = re.compile(r"^\s*>\s*|\s*>\s*>\s*")  # a step left empty: "a >  > b" reads "a b"


def _readable(target: str) -> str:
    short = _EMPTY_STEP.sub(lambda m: "" if m.start() == 0 else " ", _GENERATED_CLASS.sub("", target)).strip()
    return short or target  # nothing but generated classes: keep them


_RUN_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, %d).map(n => n.target.join(' ')),
  }));
}""" % TARGETS_SHOWN


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("browser: axe-core is not installed: run npm install")
    return AXE.read_text(encoding="utf-8")


def audit(page, source: str) -> list[dict]:
    """axe-core's violations on the page as it is once the app is idle: each with its rule
    ``id``, ``impact``, ``help``, how many ``nodes`` and the first few node ``targets``."""
    wait_until_idle(page)
    if page.evaluate("() => typeof window.axe === 'undefined'"):
        page.add_script_tag(content=source)
    violations = page.evaluate(_RUN_JS)
    for violation in violations:
        violation["targets"] = [_readable(target) for target in violation["targets"]]
    return violations


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def counts(violations: list[dict]) -> dict[str, int]:
    """Violated rules per impact (``{"serious": 2, "moderate": 1}``)."""
    return dict(Counter(v["impact"] for v in violations))


def describe(violations: list[dict]) -> str:
    """One line per violation, for an assertion message."""
    return "\n".join(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['nodes']} nodes: {', '.join(v['targets'])})"
                     for v in violations)
