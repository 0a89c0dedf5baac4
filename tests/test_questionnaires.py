"""The instruments load, are complete in both languages, cite every claim, and
every broken copy gets a message that names the file, the item and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import questionnaires
from questionnaires import QuestionnaireError, load, load_file, load_sources
from questionnaires.loader import HERE
from questionnaires.schema import ScaleItem

ROLES = questionnaires.ROLES


@pytest.fixture(params=ROLES)
def role(request) -> str:
    return request.param


def raw(role_id: str) -> dict:
    return yaml.safe_load((HERE / f"{role_id}.yaml").read_text(encoding="utf-8"))


def broken(tmp_path: Path, data: dict, name: str = "broken.yaml") -> str:
    """Load a modified copy and return the error message."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_file(path)
    return str(info.value)


def first_item(data: dict, kind: str = "scale") -> dict:
    return next(i for s in data["sections"] for i in s["items"] if i["type"] == kind)


# --- both instruments ---------------------------------------------------------


def test_both_roles_load(role):
    q = load(role)
    assert q.id == role
    assert q.question_count() >= 30


def test_composite_and_subscale_minimums(role):
    q = load(role)
    per_composite = dict.fromkeys(q.composite_codes, 0)
    for sub in q.subscales:
        n = len(q.subscale_items(sub.id))
        assert n >= 4, sub.id
        per_composite[sub.composite] += n
    assert per_composite["D"] >= 8
    assert per_composite["P"] >= 8
    assert per_composite["B"] >= 5
    assert per_composite["S"] >= 12  # planning, follow-up and flexibility


def test_every_scored_item_has_a_subscale_help_and_sources(role):
    q = load(role)
    for item in q.scale_items:
        assert item.sources, item.id
        assert item.help.fr and item.help.en


def test_each_subscale_mixes_beliefs_and_behaviours(role):
    q = load(role)
    kind_of = {i.id: s.kind for s in q.sections for i in s.items}
    for sub in q.subscales:
        kinds = {kind_of[i.id] for i in q.subscale_items(sub.id)}
        assert kinds == {"beliefs", "behaviours"}, sub.id


def test_at_least_three_situations_of_three_to_four_responses(role):
    situations = [i for i in load(role).items if i.type == "situation"]
    assert len(situations) >= 3
    assert all(3 <= len(s.options) <= 4 for s in situations)


def test_not_applicable_offered_on_every_scale(role):
    q = load(role)
    for scale in q.scales.values():
        assert scale.not_applicable.fr and scale.not_applicable.en


def test_cutoffs_are_data_and_marked_provisional(role):
    q = load(role)
    assert q.profiles.provisional and q.levels.provisional
    assert any(r.recommended for r in q.profiles.rules)
    assert not q.profiles.rules[-1].when  # the last rule names every remaining case
    assert q.profiles.sources


def test_every_source_id_is_cited_somewhere():
    cited: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            cited.update(node.get("sources") or [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for role_id in ROLES:
        walk(load(role_id).model_dump())
    missing = load_sources().ids - cited
    assert not missing, f"claims never cited: {sorted(missing)}"


def _texts(node, path=""):
    """Every {fr, en} pair of a dumped model, with its path."""
    if isinstance(node, dict):
        if {"fr", "en"} <= node.keys():
            yield path, node
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _texts(value, f"{path}[{n}]")


def test_french_and_english_complete_everywhere(role):
    pairs = list(_texts(load(role).model_dump()))
    assert len(pairs) > 100
    for path, pair in pairs:
        fr, en = pair["fr"], pair["en"]
        if isinstance(fr, list):
            assert len(fr) == len(en), path
            continue
        assert fr.strip() and en.strip(), path


def test_french_uses_the_typographic_apostrophe(role):
    for path, pair in _texts(load(role).model_dump()):
        values = pair["fr"] if isinstance(pair["fr"], list) else [pair["fr"]]
        for value in values:
            assert "'" not in value, f"{path}: {value}"


def test_sources_registry_is_complete():
    registry = load_sources()
    assert len(registry.claims) >= 85
    for claim in registry.claims:
        assert claim.text.fr and claim.text.en and claim.section


# --- each check, on a broken copy of the real mentor questionnaire -------------------


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "syntax.yaml"
    path.write_text("id: mentor\nversion: [1.0\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_file(path)
    assert "syntax.yaml" in str(info.value)
    assert "line 3" in str(info.value) or "line 2" in str(info.value)


def test_unknown_field(tmp_path):
    data = raw("mentor")
    item = first_item(data)
    item["colour"] = "blue"
    msg = broken(tmp_path, data)
    assert f"broken.yaml: item '{item['id']}', field 'colour': Extra inputs are not permitted" in msg


def test_missing_field(tmp_path):
    data = raw("mentor")
    item = first_item(data)
    del item["help"]
    msg = broken(tmp_path, data)
    assert f"item '{item['id']}', field 'help': Field required" in msg


def test_missing_language(tmp_path):
    data = raw("mentor")
    item = first_item(data)
    del item["text"]["en"]
    msg = broken(tmp_path, data)
    assert f"item '{item['id']}', field 'text.en': Field required" in msg


def test_duplicate_item_id(tmp_path):
    data = raw("mentor")
    items = data["sections"][1]["items"]
    dup = items[0]["id"]
    items[1]["id"] = dup
    msg = broken(tmp_path, data)
    assert f"item '{dup}', field 'id': the id is used 2 times" in msg


def test_unknown_source_id(tmp_path):
    data = raw("mentor")
    item = first_item(data)
    item["sources"] = ["MEN-NOWHERE"]
    msg = broken(tmp_path, data)
    assert f"item '{item['id']}', field 'sources': unknown source id 'MEN-NOWHERE'" in msg


def test_subscale_with_fewer_than_four_items(tmp_path):
    data = raw("mentor")
    sub = data["subscales"][0]["id"]
    keep = [i["id"] for s in data["sections"] for i in s["items"] if i.get("subscale") == sub][:3]
    for section in data["sections"]:
        section["items"] = [i for i in section["items"] if i.get("subscale") != sub or i["id"] in keep]
    total = sum(1 for s in data["sections"] for i in s["items"] if i.get("subscale") == sub)
    assert total == 3
    msg = broken(tmp_path, data)
    assert f"subscale '{sub}', field 'items': has {total} item(s); a subscale needs at least 4" in msg


def test_benchmark_reading_a_missing_item(tmp_path):
    data = raw("mentor")
    bench = data["benchmarks"][0]
    bench["reads"] = ["no_such_item"]
    msg = broken(tmp_path, data)
    assert f"benchmark '{bench['id']}', field 'reads': reads item 'no_such_item', which does not exist" in msg


def test_benchmark_reading_an_item_of_the_wrong_type(tmp_path):
    data = raw("mentor")
    bench = next(b for b in data["benchmarks"] if b["rule"] == "bands")
    scale_item = first_item(data)
    bench["reads"] = [scale_item["id"]]
    msg = broken(tmp_path, data)
    assert f"benchmark '{bench['id']}', field 'reads': rule 'bands' needs a number item" in msg


def _number_bands(data: dict) -> dict:
    numbers = {i["id"] for s in data["sections"] for i in s["items"] if i["type"] == "number"}
    return next(b for b in data["benchmarks"] if b["rule"] == "bands" and b["reads"][0] in numbers)


def test_overlapping_bands(tmp_path):
    data = raw("mentor")
    bench = _number_bands(data)
    bands = sorted(bench["bands"], key=lambda b: b["min"])
    bands[1]["min"] = bands[0]["max"]
    msg = broken(tmp_path, data)
    assert f"benchmark '{bench['id']}', band '{bands[1]['id']}', field 'min': overlaps band '{bands[0]['id']}'" in msg


def test_gapped_bands(tmp_path):
    data = raw("mentor")
    bench = _number_bands(data)
    bands = sorted(bench["bands"], key=lambda b: b["min"])
    bands[1]["min"] = bands[0]["max"] + 2
    msg = broken(tmp_path, data)
    assert f"benchmark '{bench['id']}', band '{bands[1]['id']}', field 'min': gap between band '{bands[0]['id']}'" in msg


def test_scale_labels_that_do_not_match_its_points(tmp_path):
    data = raw("mentor")
    scale_id = next(iter(data["scales"]))
    data["scales"][scale_id]["labels"]["en"] = data["scales"][scale_id]["labels"]["en"][:5]
    msg = broken(tmp_path, data)
    assert f"field 'scales.{scale_id}': labels.en has 5 labels but the scale has 6 points" in msg


def test_options_benchmark_must_map_every_option(tmp_path):
    data = raw("mentor")
    bench = next(b for b in data["benchmarks"] if b["rule"] == "options")
    dropped = next(iter(bench["options"]))
    del bench["options"][dropped]
    msg = broken(tmp_path, data)
    assert f"benchmark '{bench['id']}', field 'options': option '{dropped}'" in msg


def test_profiles_must_end_with_a_rule_for_every_remaining_case(tmp_path):
    data = raw("mentor")
    data["profiles"]["rules"] = data["profiles"]["rules"][:-1]
    msg = broken(tmp_path, data)
    assert "must have no conditions: it names every case the rules above it leave" in msg


def test_profile_conditions_name_scores_that_exist(tmp_path):
    data = raw("mentor")
    data["profiles"]["rules"][0]["when"] = [{"of": "nowhere", "at_least": 10}]
    data["profiles"]["indices"][0]["minus"] = ["Q"]
    msg = broken(tmp_path, data)
    assert "profile 'prescriptif', field 'when': 'nowhere' is not an index, composite or subscale" in msg
    assert "field 'minus': 'Q' is neither a composite nor a subscale" in msg


def test_every_problem_is_reported_at_once(tmp_path):
    data = raw("mentor")
    items = [i for s in data["sections"] for i in s["items"] if i["type"] == "scale"]
    items[0]["sources"] = ["MEN-NOWHERE"]
    items[1]["sources"] = ["ER-NOWHERE"]
    msg = broken(tmp_path, data)
    assert "MEN-NOWHERE" in msg and "ER-NOWHERE" in msg


def test_unknown_role_is_refused():
    with pytest.raises(KeyError):
        load("parent")


def test_the_shipped_files_do_not_depend_on_shared(role):
    # The instruments and the registry ship inside the project.
    assert (HERE / f"{role}.yaml").is_file()
    assert (HERE / "sources.yaml").is_file()
    assert isinstance(load(role).scale_items[0], ScaleItem)


def test_checker_command_reports_ok(capsys, monkeypatch):
    import runpy

    monkeypatch.setattr("sys.argv", ["questionnaires"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("questionnaires", run_name="__main__")
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.count(": ok,") == len(ROLES)


def test_mini_fixture_is_a_valid_minimal_example():
    q = load_file(Path(__file__).parent / "fixtures" / "mini.yaml")
    assert [s.id for s in q.subscales] == ["relation", "goals", "planning"]


def test_citations_read_as_a_teacher_would_cite_them():
    registry = questionnaires.load_sources()
    assert registry.cite(["MEN-DEV", "MEN-SUM-PLANNING", "MEN-PRES"]) == "Larose 2011, § 3.2, 3.3"
    assert registry.cite(["ALL-RELATIONAL", "EXT-KARCHER-2010", "MEN-DEV", "EXT-KARCHER-2010"]) == (
        "Larose 2011, § 1, 3.2; Karcher & Nakkula 2010"
    )
    assert registry.cite(["EXT-LPJ-39"]) == "LPJ, art. 39"
    refs = registry.references(["EXT-MORROW-1995", "MEN-DEV"])
    assert refs[0] == registry.document.citation and refs[1].startswith("Morrow, K. V.")


def test_every_claim_beyond_the_source_has_a_short_name():
    for claim in questionnaires.load_sources().claims:
        assert (claim.citation is None) == (claim.short is None), claim.id


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: " + "[" * 5000 + "]" * 5000, "nests more than 20 levels deep"),  # PyYAML would recurse past the stack
        ("a: " + "[" * 30 + "]" * 30, "nests more than 20 levels deep"),
        ("# " + "x" * (3 * 1024 * 1024), "more than the 2,097,152 an instrument may take"),
    ],
    ids=["very-deep", "deep", "huge"],
)
def test_the_loader_caps_size_and_nesting_with_a_message(tmp_path, text, message):
    path = tmp_path / "crafted.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_file(path)
    assert message in str(info.value) and "crafted.yaml" in str(info.value)


@pytest.mark.parametrize("role", questionnaires.ROLES)
def test_every_composite_says_what_it_means_in_a_phone_line(role):
    """The results' first screen gives each composite in one line: a short meaning, not its paragraph."""
    for code, composite in questionnaires.load(role).composites.items():
        assert composite.short is not None, code
        for lang in ("fr", "en"):
            assert 10 <= len(composite.short(lang)) <= 70 < len(composite.description(lang)), (code, lang)
