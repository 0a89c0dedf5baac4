#!/usr/bin/env python3
"""Set up and run Reflet: ``python3 manage.py run`` or ``python3 manage.py test``.

Each command creates ``.venv`` on first use, installs the requirements when
they changed, then runs the app (``streamlit run app.py``), the tests
(``pytest``, after ``npm ci`` for axe-core when it is missing) or the
benchmarks (``bench/run.py``). Extra arguments go to the underlying tool. Only the standard library is used here, so a fresh Python
3.11+ is enough.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _requirements_digest(path: Path) -> str:
    digest = hashlib.sha256()
    for req in (path, ROOT / "requirements.txt"):
        digest.update(req.read_bytes())
    return digest.hexdigest()


def ensure_env(requirements: str) -> None:
    """Create the venv and install ``requirements`` unless already done."""
    if sys.version_info < (3, 11):
        sys.exit(f"Reflet needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    req = ROOT / requirements
    stamp = VENV / f".installed-{req.stem}"
    digest = _requirements_digest(req)
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing {requirements} ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(req)],
        check=True,
    )
    stamp.write_text(digest)


def ensure_axe() -> None:
    """Install axe-core (package.json, for the browser tests' accessibility audit) with npm
    when it is missing and npm is there; without npm the audit skips, as browser tests do."""
    if (ROOT / "node_modules" / "axe-core").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        print("manage.py: npm is not installed: the accessibility audit (axe-core) will skip.", file=sys.stderr)
        return
    print("Installing axe-core (npm ci) ...", flush=True)
    if subprocess.call([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"]) != 0:
        print("manage.py: npm ci failed: the accessibility audit (axe-core) will skip.", file=sys.stderr)


def main(argv: list[str]) -> int:
    command, extra = (argv[0], argv[1:]) if argv else ("help", [])
    os.chdir(ROOT)
    if command == "run":
        ensure_env("requirements.txt")
        return subprocess.call([str(PYTHON), "-m", "streamlit", "run", "app.py", *extra])
    if command == "test":
        ensure_env("requirements-dev.txt")
        ensure_axe()
        code = subprocess.call([str(PYTHON), "-m", "pytest", *extra])
        if code == 5:
            print("manage.py: pytest collected no test; that is a failure.", file=sys.stderr)
            return 1
        return code
    if command == "bench":
        ensure_env("requirements-dev.txt")
        return subprocess.call([str(PYTHON), "bench/run.py", *extra])
    print(__doc__)
    return 0 if command == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
