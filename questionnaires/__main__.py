"""Check the questionnaires: ``python -m questionnaires [file.yaml ...]``."""

import sys
from pathlib import Path

from .loader import HERE, ROLES, QuestionnaireError, load_file

paths = [Path(p) for p in sys.argv[1:]] or [HERE / f"{role}.yaml" for role in ROLES]
failed = False
for path in paths:
    try:
        q = load_file(path)
    except QuestionnaireError as exc:
        failed = True
        print(exc)
    else:
        print(f"{path.name}: ok, {q.question_count()} questions, version {q.version}")
sys.exit(1 if failed else 0)
