"""Read a questionnaire or the sources registry from YAML into validated models.

Every failure becomes one ``QuestionnaireError`` whose message names the file,
the item (or other object) and the field, one problem a line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import checks
from .schema import Questionnaire
from .sources import Registry

HERE = Path(__file__).resolve().parent
ARCHIVE = HERE / "archive"
ROLES = ("mentor", "enseignant_ressource")
VERSION = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}")
SOURCES_FILE = HERE / "sources.yaml"
MAX_FILE_BYTES = 2 * 1024 * 1024  # an instrument is about 150 KB
MAX_DEPTH = 20  # an instrument nests about 8 levels deep


class QuestionnaireError(ValueError):
    """A questionnaire or registry file that cannot be used; ``problems`` lists each."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path.name}: {p}" for p in problems))


def _depth(node: object) -> int:
    """How deeply mappings and lists nest (iterative: a deep file cannot exhaust the stack)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _read_yaml(path: Path) -> object:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise QuestionnaireError(path, [f"cannot be read ({exc.strerror})"]) from exc
    if size > MAX_FILE_BYTES:
        raise QuestionnaireError(path, [f"is {size:,} bytes, more than the {MAX_FILE_BYTES:,} an instrument may take"])
    raw = _parse_yaml(path)
    if _depth(raw) > MAX_DEPTH:
        raise QuestionnaireError(path, [f"nests more than {MAX_DEPTH} levels deep"])
    return raw


def _parse_yaml(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuestionnaireError(path, [f"cannot be read ({exc.strerror})"]) from exc
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(path, ["is not UTF-8 text"]) from exc
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise QuestionnaireError(path, [f"YAML syntax error, {line}{exc.problem}"]) from exc
    except yaml.YAMLError as exc:
        raise QuestionnaireError(path, [f"YAML syntax error: {exc}"]) from exc
    except RecursionError:
        raise QuestionnaireError(path, [f"nests more than {MAX_DEPTH} levels deep"]) from None


def _describe(loc: tuple, raw: object) -> str:
    """Turn a pydantic error location into "item 'x', field 'text.en'"."""
    where, field, node, indexed = "", [], raw, False
    for key in loc:
        if indexed and isinstance(node, dict) and node.get("type") == key:
            indexed = False
            continue  # the tag of a discriminated union, not a field of the file
        indexed = isinstance(node, list) and isinstance(key, int) and key < len(node)
        if indexed:
            node = node[key]
            if isinstance(node, dict) and "id" in node:
                kind = field[-1] if field else "entry"
                where = f"{_KINDS.get(kind, kind)} '{node['id']}'"
                field = []
            else:
                field.append(str(key))
            continue
        field.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
    text = f"field '{'.'.join(field)}'" if field else "whole entry"
    return f"{where}, {text}" if where else text


_KINDS = {
    "items": "item",
    "options": "option",
    "sections": "section",
    "subscales": "subscale",
    "benchmarks": "benchmark",
    "bands": "band",
    "rules": "profile",
    "reflection_questions": "reflection question",
    "claims": "claim",
}


def _pydantic_problems(exc: ValidationError, raw: object) -> list[str]:
    problems = []
    for err in exc.errors():
        msg = err["msg"].removeprefix("Value error, ")
        problems.append(f"{_describe(err['loc'], raw)}: {msg}")
    return problems


@cache
def load_sources(path: Path = SOURCES_FILE) -> Registry:
    raw = _read_yaml(path)
    try:
        registry = Registry.model_validate(raw)
    except ValidationError as exc:
        raise QuestionnaireError(path, _pydantic_problems(exc, raw)) from exc
    dups = registry.duplicate_ids()
    if dups:
        raise QuestionnaireError(path, [f"claim '{d}', field 'id': used more than once" for d in dups])
    return registry


def load_file(path: str | Path, sources: Registry | None = None) -> Questionnaire:
    """Load and fully check one questionnaire file."""
    path = Path(path)
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise QuestionnaireError(path, ["the file must hold a mapping of fields at its top level"])
    try:
        questionnaire = Questionnaire.model_validate(raw)
    except ValidationError as exc:
        raise QuestionnaireError(path, _pydantic_problems(exc, raw)) from exc
    registry = sources or load_sources()
    problems = checks.run_all(questionnaire, registry.ids)
    if problems:
        raise QuestionnaireError(
            path,
            [
                ", ".join(p for p in (pr.where, f"field '{pr.field}'") if p) + f": {pr.message}"
                for pr in problems
            ],
        )
    return questionnaire


@cache
def load(role: str) -> Questionnaire:
    """The validated questionnaire of a role (``mentor`` or ``enseignant_ressource``)."""
    if role not in ROLES:
        raise KeyError(f"unknown role '{role}'; expected one of {', '.join(ROLES)}")
    return load_file(HERE / f"{role}.yaml")


def known_versions(role: str) -> list[str]:
    """Every version of a role's instrument Reflet can still score, oldest first."""
    current = load(role).version
    archived = [p.stem.removeprefix(f"{role}-") for p in ARCHIVE.glob(f"{role}-*.yaml")]
    found = {v for v in archived if VERSION.fullmatch(v)} | {current}
    return sorted(found, key=lambda v: tuple(int(x) for x in v.split(".")))


@cache
def load_version(role: str, version: str) -> Questionnaire:
    """The instrument of ``role`` at ``version``: the current one or an archived one.

    An answers file saved in September with 1.0.0 is scored in June under 1.0.0's own
    rules. KeyError names an unknown role or a version Reflet does not keep.
    """
    current = load(role)
    if version == current.version:
        return current
    if not (isinstance(version, str) and VERSION.fullmatch(version)):
        raise KeyError(f"not a version: {version!r}")
    path = ARCHIVE / f"{role}-{version}.yaml"
    if not path.is_file():
        raise KeyError(f"no archived {role} questionnaire at version {version}")
    return load_file(path)
