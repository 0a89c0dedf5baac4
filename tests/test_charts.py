"""Charts: the figures carry what they should, in both languages, readable on a phone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest

import persona_sets
import scoring
from charts import PLOTLY_CONFIG, Chart, individual, static
from charts.base import D_ZONE, MAX_HEIGHT, MIN_FONT, P_ZONE, STATUS_SYMBOLS, esc, signed, wrap
from charts.reading import benchmark_value_text, lead_polygon, lead_regions, orientation_zones
from i18n import t
from questionnaires import load, load_file

MIN_N = 5  # a workshop's default anonymity threshold

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
LANGS = ("fr", "en")
INDIVIDUAL = (individual.orientation_axis, individual.profile_map, individual.subscales, individual.benchmarks)


@pytest.fixture(scope="module")
def mini():
    return load_file(MINI)


def mini_answers(rel=6, goal=2, plan=6, **extra):
    """Answers to the mini questionnaire: each subscale's four items set to one point."""
    answers = {"ctx_experience": "yes", "meetings_week": "monthly", "months": 12, "format": "group",
               "sit_1": "a"}
    for prefix, value in (("rel", rel), ("goal", goal), ("plan", plan)):
        for i in range(1, 5):
            answers[f"{prefix}_{i}"] = value
    answers.update(extra)
    return {k: v for k, v in answers.items() if v is not None}


@pytest.fixture(scope="module")
def favoured(mini):
    return scoring.score(mini, mini_answers())


@pytest.fixture(scope="module")
def prescriptive(mini):
    return scoring.score(mini, mini_answers(rel=2, goal=6, plan=1))


@pytest.fixture(scope="module")
def unscored_goals(mini):
    """The 'goals' subscale has 2 of 4 answers: not scored, so no P, no orientation, no profile."""
    return scoring.score(mini, mini_answers(goal_1=None, goal_2=None))


def all_fonts(fig: go.Figure):
    """Every explicit font size in a figure (layout, annotations, traces)."""
    sizes = [fig.layout.font.size]
    sizes += [a.font.size for a in fig.layout.annotations if a.font.size is not None]
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size is not None:
            sizes.append(textfont.size)
    return sizes


def annotation_texts(fig: go.Figure) -> str:
    return "\n".join(a.text for a in fig.layout.annotations)


# --- every chart -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart", INDIVIDUAL, ids=lambda f: f.__name__)
@pytest.mark.parametrize("which", ["favoured", "prescriptive", "unscored_goals"])
def test_charts_return_a_figure_and_a_summary(request, mini, chart, which, lang):
    profile = request.getfixturevalue(which)
    result = chart(mini, profile, lang)
    assert isinstance(result, Chart)
    assert isinstance(result.figure, go.Figure)
    assert result.summary.strip() and "\n" not in result.summary
    assert result.title
    json.loads(result.figure.to_json())  # serialises for st.plotly_chart
    other = chart(mini, profile, "en" if lang == "fr" else "fr")
    assert other.summary != result.summary


@pytest.mark.parametrize("chart", INDIVIDUAL, ids=lambda f: f.__name__)
def test_charts_fit_a_phone(mini, favoured, chart):
    fig = chart(mini, favoured, "fr").figure
    assert fig.layout.autosize is True
    assert fig.layout.height <= MAX_HEIGHT
    assert min(all_fonts(fig)) >= MIN_FONT
    margin = fig.layout.margin
    assert max(margin.l, margin.r) <= 40
    assert fig.layout.paper_bgcolor == "white"


def test_the_config_hides_the_toolbar():
    assert PLOTLY_CONFIG["displayModeBar"] is False
    assert PLOTLY_CONFIG["scrollZoom"] is False


@pytest.mark.parametrize("role", ["mentor", "enseignant_ressource"])
@pytest.mark.parametrize("lang", LANGS)
def test_charts_draw_the_real_questionnaires(role, lang):
    from scoring.synthetic import random_answers

    q = load(role)
    frame = random_answers(q, 2, seed=7)
    before, after = (scoring.score(q, {k: v for k, v in frame.iloc[i].items() if v is not None}) for i in (0, 1))
    for chart in INDIVIDUAL:
        result = chart(q, after, lang)
        assert result.summary
        result.figure.to_json()
        assert min(all_fonts(result.figure)) >= MIN_FONT
    compared = individual.compare(q, before, after, lang)
    rows = len(q.subscales) + len(q.composites)  # a row a subscale, a heading a composite
    assert compared.figure.layout.height <= 45 * rows
    compared.figure.to_json()


# --- orientation --------------------------------------------------------------


def test_orientation_marks_the_value(mini, favoured):
    chart = individual.orientation_axis(mini, favoured, "fr")
    marker = [tr for tr in chart.figure.data if tr.mode == "markers"]
    assert len(marker) == 1 and marker[0].x[0] == pytest.approx(favoured.orientation)
    shown = signed(favoured.orientation, "fr")
    assert shown.startswith("+")
    assert shown in annotation_texts(chart.figure)
    assert chart.summary == t("charts.orientation.summary", "fr", value=shown, side="développementale")
    # Both zones named, from the questionnaire.
    assert "Prescriptif" in annotation_texts(chart.figure) and "Développemental" in annotation_texts(chart.figure)


def test_orientation_prescriptive_side(mini, prescriptive):
    chart = individual.orientation_axis(mini, prescriptive, "en")
    assert "\u2212" in chart.summary and "prescriptive" in chart.summary


def test_orientation_not_scored_is_said_not_drawn(mini, unscored_goals):
    assert unscored_goals.orientation is None
    chart = individual.orientation_axis(mini, unscored_goals, "fr")
    assert not [tr for tr in chart.figure.data if tr.mode == "markers"]
    assert t("charts.not_scored", "fr") in annotation_texts(chart.figure)
    assert chart.summary == t("charts.orientation.summary_missing", "fr")


# --- profile map --------------------------------------------------------------


def test_profile_map_draws_the_orientation_bands_the_rules_cut_and_the_point(mini, favoured):
    fig = individual.profile_map(mini, favoured, "fr").figure
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    # The prescriptive rule reads D − P < −20: its edge is the line P = D + 20.
    assert [(s.x0, s.y0, s.x1, s.y1) for s in lines] == [(0, 20, 80, 100)]
    shaded = [s for s in fig.layout.shapes if s.type == "path"]
    assert len(shaded) == 1 and shaded[0].path.startswith("M 0,0")  # the band from −20 up holds the recommended one
    texts = annotation_texts(fig).replace("<br>", " ")
    assert "★ Développemental structuré" in texts  # the recommended one is marked
    assert "Prescriptif" in texts and "★ Prescriptif" not in texts
    point = [tr for tr in fig.data if tr.mode == "markers+text"][0]
    assert (point.x[0], point.y[0]) == (pytest.approx(favoured.composites["D"]), pytest.approx(favoured.composites["P"]))
    assert t("charts.map.s_label", "fr", s="100") in point.text[0]


def test_profile_map_marker_size_follows_structure(mini):
    high = scoring.score(mini, mini_answers(plan=6))
    low = scoring.score(mini, mini_answers(plan=2))
    size = {}
    for name, profile in (("high", high), ("low", low)):
        fig = individual.profile_map(mini, profile, "en").figure
        size[name] = [tr for tr in fig.data if tr.mode == "markers+text"][0].marker.size
    assert size["high"] > size["low"]


def test_lead_regions_follow_the_rules_that_read_the_orientation_alone(mini):
    regions = lead_regions(mini)
    assert [(r["lo"], r["hi"]) for r in regions] == [(-100, -20), (-20, 100)]
    assert [r.id for r in regions[0]["rules"]] == ["prescriptive"] and not regions[0]["recommended"]
    assert [r.id for r in regions[1]["rules"]] == ["dev_structured"] and regions[1]["recommended"]


@pytest.mark.parametrize(("lo", "hi", "corners"), [
    (-100, 100, {(0, 0), (100, 0), (100, 100), (0, 100)}),
    (20, 100, {(20, 0), (100, 0), (100, 80)}),
    (-100, -20, {(0, 20), (80, 100), (0, 100)}),
    (-20, 20, {(0, 0), (20, 0), (100, 80), (100, 100), (80, 100), (0, 20)}),
])
def test_lead_polygon_is_the_band_inside_the_square(lo, hi, corners):
    got = {(round(x, 9), round(y, 9)) for x, y in lead_polygon(lo, hi)}
    assert got == {(float(x), float(y)) for x, y in corners}


def test_profile_map_without_a_point_says_so(mini, unscored_goals):
    chart = individual.profile_map(mini, unscored_goals, "en")
    assert not [tr for tr in chart.figure.data if tr.mode == "markers+text"]
    assert t("charts.not_scored", "en") in annotation_texts(chart.figure)
    assert "not calculated" in chart.summary


# --- subscales ---------------------------------------------------------------


def test_subscales_bars_bands_and_groups(mini, favoured):
    fig = individual.subscales(mini, favoured, "fr").figure
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    assert len(bars) == 3  # one a composite, coloured by it
    assert sorted(x for bar in bars for x in bar.x) == sorted(r.score for r in favoured.subscales.values())
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert sorted((s.x0, s.x1) for s in bands) == sorted(mini.zone_bounds(s.id) for s in mini.subscales)
    texts = annotation_texts(fig)
    for code in ("D", "P", "S"):
        assert f"({code})" in texts  # grouped and labelled by composite
    for sub in mini.subscales:
        assert sub.label("fr") in texts


def test_a_subscale_not_scored_is_not_drawn_as_zero(mini, unscored_goals):
    chart = individual.subscales(mini, unscored_goals, "fr")
    bars = [tr for tr in chart.figure.data if isinstance(tr, go.Bar)]
    goal_bar = [bar for bar in bars if bar.name == mini.composites["P"].label("fr")][0]
    assert list(goal_bar.x) == [None]
    assert 0 not in [x for bar in bars for x in bar.x]
    note = t("charts.subscales.not_scored", "fr", answered=2, total=4)
    assert note in annotation_texts(chart.figure)
    assert t("charts.subscales.item_missing", "fr", label="Objectifs") in chart.summary


# --- benchmarks --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_benchmarks_carry_symbols_and_words_not_only_colour(mini, favoured, lang):
    chart = individual.benchmarks(mini, favoured, lang)
    statuses = {b: favoured.benchmarks[b].status for b in favoured.benchmarks}
    assert set(statuses.values()) == {"met", "partly_met", "not_met", "not_answered"}  # all four shown
    symbols = [tr for tr in chart.figure.data if tr.mode == "text"][0]
    assert list(symbols.text) == [STATUS_SYMBOLS[statuses[b.id]] for b in mini.benchmarks]
    rows = chart.figure.layout.annotations
    assert len(rows) == len(mini.benchmarks)
    for bench, row in zip(mini.benchmarks, rows):
        word = t(f"charts.status.{statuses[bench.id]}", lang)
        assert f"<b>{esc(word)}</b>" in row.text
        assert esc(bench.title(lang)) in row.text
        assert esc(bench.threshold(lang)).split()[0] in row.text
    for word in ("met", "partly_met", "not_met", "not_answered"):
        assert t(f"charts.status.{word}", lang) in chart.summary


def test_benchmark_values_are_written_in_words(mini, favoured):
    by_id = {b.id: b for b in mini.benchmarks}
    assert benchmark_value_text(mini, by_id["weekly"], favoured.benchmarks["weekly"], "fr") == "Mensuelle"
    assert benchmark_value_text(mini, by_id["duration"], favoured.benchmarks["duration"], "fr") == "12\u00a0mois"
    assert benchmark_value_text(mini, by_id["format"], favoured.benchmarks["format"], "en") == "Group"
    assert benchmark_value_text(mini, by_id["vision"], favoured.benchmarks["vision"], "fr") == t(
        "charts.benchmarks.no_answer", "fr")
    counted = scoring.score(mini, mini_answers(vision_a="yes", vision_b="no"))
    assert benchmark_value_text(mini, by_id["vision"], counted.benchmarks["vision"], "fr") == "1 sur 2"


# --- compare -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_compare_draws_dumbbells_with_two_marker_shapes(mini, prescriptive, favoured, lang):
    chart = individual.compare(mini, prescriptive, favoured, lang)
    markers = [tr for tr in chart.figure.data if tr.mode == "markers"]
    assert {tr.marker.symbol for tr in markers} == {"circle-open", "diamond"}  # shape, not only colour
    assert {tr.name for tr in markers} == {t("charts.compare.before", lang), t("charts.compare.after", lang)}
    # orientation + 3 composites + 3 subscales, on each side
    assert all(len(tr.x) == 7 for tr in markers)
    assert "→" in chart.summary and signed(favoured.orientation, lang) in chart.summary
    change = signed(favoured.composites["D"] - prescriptive.composites["D"], lang)
    assert change in annotation_texts(chart.figure)


def test_compare_with_a_missing_side(mini, favoured, unscored_goals):
    chart = individual.compare(mini, favoured, unscored_goals, "fr", before_label="Sept. 2025", after_label="Juin 2026")
    markers = {tr.name: tr for tr in chart.figure.data if tr.mode == "markers"}
    assert set(markers) == {"Sept. 2025", "Juin 2026"}
    assert len(markers["Juin 2026"].x) == len(markers["Sept. 2025"].x) - 3  # no orientation, P, goals
    assert t("charts.compare.orientation_missing", "fr") in annotation_texts(chart.figure)


# --- text safety and the static images ------------------------------------


def test_questionnaire_text_is_escaped_and_wrapped():
    assert esc("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"  # plotly shows entities as characters
    assert wrap("un deux trois quatre cinq", 10) == "un deux<br>trois<br>quatre<br>cinq"


@pytest.mark.parametrize("draw", [static.orientation_png, static.profile_map_png, static.subscales_png])
def test_static_images_are_pngs(mini, favoured, unscored_goals, draw):
    for profile in (favoured, unscored_goals):
        data = draw(mini, profile, "fr")
        assert data.startswith(b"\x89PNG") and len(data) < 200_000


def test_charts_and_reports_do_not_import_streamlit():
    code = (
        "import sys; import charts.individual, charts.static, charts.group, reports.pdf, reports.answers_file; "
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- group charts --------------------------------------------------------------


@pytest.fixture(scope="module")
def workshop():
    from scoring.synthetic import random_answers

    q = load("mentor")
    answers = random_answers(q, 30, seed=11)
    scored = scoring.score_many(q, answers)
    return q, scored, scoring.group_summary(q, scored, answers)


def group_charts(q, scored, summary, lang):
    from charts import group

    return [
        group.orientation_distribution(q, summary, lang, min_n=MIN_N),
        group.profile_map(q, scored, lang, min_n=MIN_N, summary=summary),
        group.subscales(q, summary, lang, min_n=MIN_N),
        group.benchmarks(q, summary, lang, min_n=MIN_N),
        group.divisive_items(q, summary, lang, min_n=MIN_N),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_group_charts_are_large_and_anonymous(workshop, lang):
    q, scored, summary = workshop
    for chart in group_charts(q, scored, summary, lang):
        assert chart.summary and chart.title
        fig = chart.figure
        json.loads(fig.to_json())
        assert min(all_fonts(fig)) >= 16
        for trace in fig.data:  # no ids, no per-person hover
            assert trace.ids is None and trace.customdata is None
            if getattr(trace, "mode", None) in ("markers", "markers+text") and len(trace.x) > 3:
                assert trace.hoverinfo == "skip"


def test_group_orientation_is_one_dot_a_person_in_bins_of_at_least_the_threshold(workshop):
    from charts import group

    q, _, summary = workshop
    chart = group.orientation_distribution(q, summary, "fr", min_n=MIN_N)
    dots = [tr for tr in chart.figure.data if tr.mode == "markers"][0]
    shown = {x: list(dots.x).count(x) for x in set(dots.x)}
    assert all(count >= MIN_N for count in shown.values())  # no bin with fewer people than the threshold
    hidden = len(summary.orientation) - len(dots.x)
    assert hidden == 0 or t("charts.group.hidden_many" if hidden > 1 else "charts.group.hidden_one", "fr",
                            n=hidden, k=MIN_N) in chart.summary
    assert signed(round(summary.orientation.mean()), "fr") in chart.summary


def test_one_real_answer_among_fabricated_ones_reveals_no_exact_position():
    # Issue 9's differencing case: threshold 5, four made-up answers at known places and
    # one real person. No projected chart may place that person on their own.
    from charts import group
    from scoring.synthetic import random_answers

    q = load("mentor")
    answers = random_answers(q, 5, seed=21, missing=0.0, not_applicable=0.0)
    fake = {i.id: (6 if i.subscale in ("relation", "voix") else 1) for i in q.scale_items}  # four alike fakes
    for row in answers.index[1:]:
        for item_id, value in fake.items():
            answers.loc[row, item_id] = value
    scored = scoring.score_many(q, answers)
    summary = scoring.group_summary(q, scored, answers)
    real_d, real_p = float(scored["D"].iloc[0]), float(scored["P"].iloc[0])
    assert (real_d, real_p) != (float(scored["D"].iloc[1]), float(scored["P"].iloc[1]))
    for chart in (group.profile_map(q, scored, "fr", min_n=5, summary=summary),
                  group.orientation_distribution(q, summary, "fr", min_n=5)):
        for trace in chart.figure.data:
            xs = list(getattr(trace, "x", None) or [])
            ys = list(getattr(trace, "y", None) or [])
            assert real_d not in xs and float(scored["orientation"].iloc[0]) not in xs
            assert not (xs and ys and any((x, y) == (real_d, real_p) for x, y in zip(xs, ys)))
        assert "ne sont pas placées" in chart.summary or "n’est pas placée" in chart.summary
    drawn = group.subscales(q, summary, "fr", min_n=5).figure
    positions = [x for trace in drawn.data for x in (trace.x or [])]
    positions += [v for shape in drawn.layout.shapes for v in (shape.x0, shape.x1) if shape.type == "rect"]
    zones = {v for s in q.subscales for v in q.zone_bounds(s.id)}
    # Every mark drawn sits on a 5-point step (a quartile box is at least 0.6 wide), or is a zone's edge.
    assert all(float(v) % 5 == 0 or round(float(v) - 0.6, 6) % 5 == 0 or v in zones for v in positions if v is not None)
    divisive = group.divisive_items(q, summary, "fr", min_n=5)
    for trace in divisive.figure.data:
        if trace.name.isdigit():  # a scale point: drawn only where at least 5 chose it
            totals = summary.divisive_items["n"].to_numpy()
            counts = [x * n / 100 for x, n in zip(trace.x, totals)]
            assert all(c == 0 or c >= 5 - 1e-9 for c in counts), (trace.name, counts)


def test_group_map_counts_profiles(workshop):
    from charts import group

    q, scored, summary = workshop
    chart = group.profile_map(q, scored, "en", min_n=MIN_N, summary=summary)
    texts = annotation_texts(chart.figure).replace("<br>", " ")
    for region in lead_regions(q):  # each band is named with its profiles' counts
        for rule in region["rules"]:
            assert f"{esc(rule.label('en'))} ({summary.profile_counts[rule.id]})" in texts
    for rule in q.profiles.rules:  # every profile's count is in the summary
        assert t("charts.group.count_item", "en", label=rule.label("en"), n=summary.profile_counts[rule.id]) \
            in chart.summary


def test_group_benchmarks_stack_to_100_least_met_first(workshop):
    from charts import group

    q, _, summary = workshop
    fig = group.benchmarks(q, summary, "fr", min_n=MIN_N).figure
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    assert [tr.name for tr in bars] == [t(f"charts.status.{s}", "fr") for s in group.STATUSES]
    totals = [sum(tr.x[i] for tr in bars) for i in range(len(bars[0].x))]
    assert totals == pytest.approx([100.0] * len(totals))
    met = list(bars[0].x)
    assert met == sorted(met)
    labelled = [text for tr in bars for text in tr.text if text]
    assert all(any(symbol in text for symbol in STATUS_SYMBOLS.values()) for text in labelled)


def test_group_divisive_items_and_reliability(workshop):
    from charts import group

    q, _, summary = workshop
    chart = group.divisive_items(q, summary, "fr", min_n=MIN_N)
    texts = annotation_texts(chart.figure)
    for _, row in summary.divisive_items.iterrows():
        assert wrap(row["text_fr"], group.LABEL_WIDTH) in texts
    table = group.reliability_table(q, summary, "fr")
    assert list(table.columns)[:3] == ["Sous-échelle", "α", "ω"]
    assert len(table) == len(q.subscales)
    assert all("," in value for value in table["α"])  # French decimals
    for sub in q.subscales:  # the value, then its interval: "0,81 (de 0,70 à 0,88)"
        rel = summary.reliability[sub.id]
        row = table[table["Sous-échelle"] == sub.label("fr")].iloc[0]
        assert row["α"] == f"{rel.alpha:.2f} (de {rel.alpha_ci[0]:.2f} à {rel.alpha_ci[1]:.2f})".replace(".", ",")
        assert ("indication" in row["Remarque"]) == rel.caution


def test_group_charts_hide_below_the_threshold_they_are_given(workshop):
    from charts import group
    from scoring.synthetic import random_answers

    q = workshop[0]
    answers = random_answers(q, 3, seed=1)
    scored = scoring.score_many(q, answers)
    summary = scoring.group_summary(q, scored, answers)
    for chart in group_charts(q, scored, summary, "fr"):
        assert not chart.figure.data
        assert chart.summary == t("charts.group.too_few", "fr", n=3, min=MIN_N)
    shown = [
        group.orientation_distribution(q, summary, "fr", min_n=3),
        group.subscales(q, summary, "fr", min_n=3),
        group.benchmarks(q, summary, "fr", min_n=3),
    ]
    assert all(chart.figure.data for chart in shown)


def test_group_compare(workshop):
    from charts import group
    from scoring.synthetic import random_answers

    q, _, after = workshop
    before = scoring.group_summary(q, None, random_answers(q, 20, seed=2))
    chart = group.compare(q, scoring.compare_groups(before, after), "en", min_n=MIN_N)
    names = {tr.name for tr in chart.figure.data if tr.mode == "markers"}
    assert names == {"Before (n = 20)", "Now (n = 30)"}
    assert "→" in chart.summary


def test_orientation_axis_is_cut_where_the_rules_cut_it(mini, favoured):
    fig = individual.orientation_axis(mini, favoured, "fr").figure
    zones = [(s.x0, s.x1, s.fillcolor) for s in fig.layout.shapes if s.type == "rect"]
    assert zones == [(-100, -20, P_ZONE), (-20, 100, D_ZONE)]  # prescriptive below −20 (the mini's rule)
    assert any(s.type == "line" and s.x0 == s.x1 == -20 for s in fig.layout.shapes)
    real = individual.orientation_axis(load("mentor"), favoured, "fr").figure
    bands = [(s.x0, s.x1) for s in real.layout.shapes if s.type == "rect"]
    assert bands == [(-100, -20), (-20, 20), (20, 100)]  # adult-led, between the two, the recommended band


# --- marks drawn one for one ------------------------------------------------------


def persona_profiles():
    """The first personas of each role, and one with no answer (every "not calculated" path)."""
    for role in ("mentor", "enseignant_ressource"):
        q = load(role)
        for persona in persona_sets.personas(role)[:3]:
            yield role, persona["id"], q, scoring.score(q, persona["answers"])
        yield role, "empty", q, scoring.score(q, {})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("role", "persona", "q", "profile"), list(persona_profiles()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_each_chart_draws_one_mark_for_each_thing_it_shows(role, persona, q, profile, lang):
    """The figures are built in one step from dicts: every zone, region, subscale and benchmark still gets its mark."""
    def kinds(fig, kind):
        return [s for s in fig.layout.shapes if s.type == kind]

    zones = orientation_zones(q)
    axis = individual.orientation_axis(q, profile, lang).figure
    assert len(kinds(axis, "rect")) == len(zones)
    assert len(kinds(axis, "line")) == len(zones)  # a dotted edge between two zones, and the axis itself
    assert len(axis.layout.annotations) == 3  # two poles and the value (or "not calculated")
    assert len(axis.data) == (profile.orientation is not None)

    regions = lead_regions(q)
    scored = profile.composites.get("D") is not None and profile.composites.get("P") is not None
    chart = individual.profile_map(q, profile, lang).figure
    assert len(kinds(chart, "path")) == sum(r["recommended"] for r in regions)
    assert len(kinds(chart, "line")) == len(regions) - 1
    assert len(chart.layout.annotations) == len(regions) + 2  # a name a region, the key, the point's key or a note
    assert len(chart.data) == scored

    bars = individual.subscales(q, profile, lang).figure
    assert len(bars.layout.shapes) == len(q.subscales)  # a recommended band a subscale
    assert [tr.name for tr in bars.data if isinstance(tr, go.Bar)] == [q.composites[c].label(lang)
                                                                         for c in q.composite_codes]
    assert sum(len(tr.y) for tr in bars.data if isinstance(tr, go.Bar)) == len(q.subscales)

    checklist = individual.benchmarks(q, profile, lang).figure
    assert len(checklist.layout.annotations) == len(q.benchmarks)
    assert len(checklist.layout.shapes) == (len(q.benchmarks) + 1) // 2  # every other row shaded
    assert list(checklist.data[0].text) == [STATUS_SYMBOLS[profile.benchmarks[b.id].status] for b in q.benchmarks]
