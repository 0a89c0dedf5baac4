"""The PDF a person keeps, and the workshop's one-page summary: bytes, with fpdf2.

Charts are matplotlib PNGs (``charts.static``): no browser needed on a teacher's
laptop. Text is set in DejaVu Sans, embedded (and subset) from matplotlib's own
fonts, so "œ", "’", "–", "≥", "« »" and the status symbols print. Words come from
``i18n/<lang>/reports.yaml``; content (labels, descriptions, feedback, questions,
method) from the questionnaire.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from charts import static
from charts.base import fmt, side, signed, status_mark
from charts.reading import benchmark_rows, composite_order, condition_text, feedback_heading, recommended_rules
from i18n import number, t
from questionnaires import load_sources
from questionnaires.schema import NOT_APPLICABLE, ChoiceItem, Cited, NumberItem, Questionnaire, ScaleItem, SituationItem
from scoring import Profile, feedback_text
from scoring import year_plan
from scoring.year_plan import PlanItem

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
INK = (26, 26, 26)
MUTED = (85, 85, 85)
ACCENT = (0, 84, 131)  # a darker Okabe–Ito blue, 7:1 on white
RULE = (170, 170, 170)  # the lines a reader writes on
WRITING_LINE = 7.0  # mm between two lines written by hand
# The notes take the rest of the plan's page; four lines at least: what the longest report
# (a newcomer's French feedback and a plan at every cap) leaves above its reference list on page 4.
NOTES_MIN_LINES = 4
CHART_SCALE = 0.8  # the full-width charts, a little narrower than the text: their words stay 7 pt or more
REF_SIZE, REF_LINE, REF_GAP = 7.5, 7.5 * 0.47, 0.4  # the reference list
REPLACEMENT = "\ufffd"  # what a character the font lacks prints as
STATUS_FILL = {
    "met": (204, 236, 227),
    "partly_met": (250, 236, 204),
    "not_met": (247, 223, 204),
    "not_answered": (235, 235, 235),
}


def format_date(created: datetime, lang: str) -> str:
    """"25 novembre 2025" / "November 25, 2025"."""
    months = t("reports.date.months", lang).split(",")
    return t("reports.date.format", lang, day=created.day, month=months[created.month - 1].strip(),
             year=created.year)


class _Document(FPDF):
    def __init__(self, lang: str, footer: str, paper: str):
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.lang = lang
        self.footer_text = footer
        self.set_margins(15, 12, 15)
        self.set_auto_page_break(True, margin=13)
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.add_font(FONT, "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
        self.set_font(FONT, size=10)
        self.set_text_color(*INK)
        self.set_lang(lang)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-9.5)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text.replace("{page}", str(self.page_no())), align="C")
        self.set_text_color(*INK)

    # -- building blocks ---------------------------------------------------

    @staticmethod
    def heading_height(size: float = 12) -> float:
        """The height of a one-line heading, its space above and below included."""
        return 1.6 + size * 0.5 + 1

    def heading(self, text: str, size: float = 12, keep: float = 18) -> None:
        """A section heading, on the next page unless ``keep`` mm of what follows fit under it."""
        self.ensure(self.heading_height(size) + keep)
        self.ln(1.6)
        self.set_font(FONT, "B", size)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.set_text_color(*INK)
        self.ln(1)

    def para(self, text: str, size: float = 9.5, style: str = "", colour=INK, gap: float = 1.5) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.47, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.set_text_color(*INK)
        self.ln(gap)

    def run_in(self, heading: str, text: str, sources: str, size: float = 7.6) -> None:
        """A paragraph led by a bold run-in heading and closed by its sources, in grey."""
        line = size * 0.44
        if heading:
            self.set_font(FONT, "B", size)
            self.write(line, heading + " ")
        self.set_font(FONT, "", size)
        self.write(line, text)
        self.set_font(FONT, "", size - 1.5)
        self.set_text_color(*MUTED)
        self.write(line, "  " + sources)
        self.set_text_color(*INK)
        self.ln(line)
        self.ln(0.7)

    def plain(self, text: str) -> str:
        """A person's text as the current font can print it, literally.

        Control and format characters (line breaks, direction marks, zero-width joiners)
        become spaces; a character the font lacks becomes "\ufffd", so the reader sees
        that something was there (a combining mark or a modifier the font lacks is dropped).
        """
        cmap = self.current_font.cmap
        out = []
        for char in text:
            category = unicodedata.category(char)
            if category in ("Cc", "Cf", "Zl", "Zp"):
                out.append(" ")
            elif ord(char) in cmap or char == " ":
                out.append(char)
            elif category[0] != "M" and category != "Sk" and not 0xFE00 <= ord(char) <= 0xFE0F:
                out.append(REPLACEMENT)
        return " ".join("".join(out).split())

    def rule(self, x: float, y: float, width: float) -> None:
        """A light line to write on by hand."""
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(x, y, x + width, y)

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def png(self, data: bytes, width: float | None = None, x: float | None = None) -> float:
        """Place a PNG at the current line; returns its height in mm."""
        width = width or self.epw
        info = self.image(io.BytesIO(data), x=x if x is not None else self.l_margin, y=self.get_y(), w=width)
        return info.rendered_height


def _png_height(data: bytes, width: float) -> float:
    """The height in mm a PNG takes at ``width`` mm (from its header)."""
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return width * h / w


def _sources(ids) -> str:
    """Claim ids as a reader cites them: « Larose 2011, § 3.2; Morrow & Styles 1995 »."""
    return load_sources().cite(ids)


def _references(pdf: "_Document", ids, lang: str) -> None:
    """The closing list of every reference the document cited."""
    refs = load_sources().references(ids)
    if not refs:
        return
    pdf.heading(t("reports.section.references", lang), size=11, keep=_text_height(pdf, pdf.epw, REF_LINE, refs[0], REF_SIZE))
    for ref in refs:
        pdf.para(ref, size=REF_SIZE, gap=REF_GAP)


def _text_height(pdf: "_Document", width: float, line: float, text: str, size: float) -> float:
    pdf.set_font(FONT, "", size)
    return pdf.multi_cell(width, line, text, dry_run=True, output="HEIGHT")


def _references_height(pdf: "_Document", ids) -> float:
    """The height the reference list takes (its heading too), to keep room for it."""
    refs = load_sources().references(ids)
    if not refs:
        return 0
    return pdf.heading_height(11) + sum(_text_height(pdf, pdf.epw, REF_LINE, ref, REF_SIZE) + REF_GAP for ref in refs)


def _new_document(q: Questionnaire, lang: str, created: datetime, title: str, paper: str) -> _Document:
    footer = t("reports.footer", lang, title=q.title(lang), date=format_date(created, lang), page="{page}",
               pages="{nb}")
    pdf = _Document(lang, footer, paper)
    pdf.set_title(title)
    pdf.set_author("Reflet")
    pdf.set_creator("Reflet")
    pdf.set_subject(q.title(lang))
    pdf.set_creation_date(created)
    pdf.add_page()
    return pdf


def _title_block(pdf: _Document, q: Questionnaire, lang: str, title: str, created: datetime) -> None:
    pdf.set_font(FONT, "B", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 4, "REFLET", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.para(t("reports.meta", lang, role=q.role(lang), date=format_date(created, lang), title=q.title(lang),
               version=q.version), size=9, colour=MUTED, gap=1)


def _benchmark_table(pdf: _Document, rows: list[dict], lang: str) -> None:
    pdf.set_font(FONT, size=7.5)
    headings = FontFace(emphasis="BOLD", fill_color=(230, 238, 244), color=INK)
    with pdf.table(
        col_widths=(24, 14, 22, 40),
        headings_style=headings,
        line_height=3.4,
        padding=(1.1, 1.4),
        text_align=("LEFT", "LEFT", "LEFT", "LEFT"),
        borders_layout="HORIZONTAL_LINES",
        first_row_as_headings=True,
    ) as table:
        head = table.row()
        for key in ("practice", "status", "answer", "benchmark"):
            head.cell(t(f"reports.table.{key}", lang))
        for row in rows:
            cells = table.row()
            cells.cell(row["title"], style=FontFace(emphasis="BOLD"))
            cells.cell(status_mark(row["status"], lang),
                       style=FontFace(fill_color=STATUS_FILL[row["status"]], emphasis="BOLD"))
            cells.cell(row["value"])
            cells.cell(f"{row['threshold']} ({row['basis']})")
    pdf.ln(2)


def _feedback_texts(q: Questionnaire, keys) -> list[tuple[str, Cited]]:
    out = []
    for key in keys:
        try:
            out.append((key, feedback_text(q, key)))
        except KeyError:
            continue  # a key from another version of the questionnaire: nothing to say
    return out


def _provisional_note(q: Questionnaire, lang: str) -> str | None:
    if not (q.profiles.provisional or q.levels.provisional):
        return None
    return t("reports.provisional", lang, mid=number(q.levels.mid_from, lang), high=number(q.levels.high_from, lang))


def _method(pdf: _Document, q: Questionnaire, lang: str) -> None:
    pdf.heading(t("reports.section.method", lang), size=11)
    pdf.para(q.method(lang), size=7.5, gap=0.8)
    pdf.para(t("reports.sources", lang, ids=_sources(q.method.sources)), size=7, colour=MUTED, gap=0.8)
    note = _provisional_note(q, lang)
    if note:
        pdf.para(note, size=7.5, style="I")


# -- the plan for the year, the notes, the answers ------------------------------------

PLAN_COLUMNS = ("focus", "step", "when", "check")
PLAN_WIDTHS = (24, 31, 14, 31)  # shares of the text width
PLAN_SIZE = 8.0
PLAN_ROW_MIN = 17.0  # mm: room to write three lines by hand in an empty item


def _plan(pdf: _Document, q: Questionnaire, plan: tuple[PlanItem, ...], lang: str) -> None:
    """« Mon plan pour l’année »: a grid of the person's items, or of three to fill in by hand.

    A field left empty is an empty box to write in; the person's words are printed as
    they typed them (no markup is read; a character the font lacks shows as "\ufffd").
    """
    pdf.ensure(12 + 8 + PLAN_ROW_MIN + 14)
    pdf.heading(t("reports.section.plan", lang))
    if not plan:
        pdf.para(t("reports.plan.empty", lang), size=8.5, colour=MUTED, gap=1.5)
    rows = [[year_plan.subject(q, item, lang), item.step, item.when, item.check] for item in plan] or [[""] * 4] * 3
    pdf.set_font(FONT, "B", PLAN_SIZE)
    rows = [[pdf.plain(r[0]), *r[1:]] for r in rows]
    pdf.set_font(FONT, "", PLAN_SIZE)
    rows = [[r[0], *(pdf.plain(text) for text in r[1:])] for r in rows]
    with pdf.table(
        col_widths=PLAN_WIDTHS,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 238, 244), color=INK, size_pt=7.5),
        line_height=PLAN_SIZE * 0.45,
        padding=1.6,
        text_align="LEFT",
        v_align="TOP",
        borders_layout="ALL",
        first_row_as_headings=True,
        markdown=False,
    ) as table:
        table.row([t(f"reports.plan.{name}", lang) for name in PLAN_COLUMNS])
        for n, (focus, *fields) in enumerate(rows, 1):
            row = table.row(min_height=PLAN_ROW_MIN)
            row.cell(f"{n}. {focus}", style=FontFace(emphasis="BOLD"))
            for text in fields:
                row.cell(text)
    pdf.set_draw_color(0)
    pdf.ln(1)


def _notes(pdf: _Document, lang: str, keep: float) -> None:
    """Lines to write on, at least ``NOTES_MIN_LINES``, down to the page's end less ``keep`` mm
    (what follows, when it fits there too)."""
    fixed = pdf.heading_height(11) + 2

    def lines_fitting(reserve: float) -> int:
        return int((pdf.page_break_trigger - pdf.get_y() - fixed - reserve) // WRITING_LINE)

    if lines_fitting(0) < NOTES_MIN_LINES:
        pdf.add_page()
    lines = lines_fitting(keep) if lines_fitting(keep) >= NOTES_MIN_LINES else lines_fitting(0)
    pdf.heading(t("reports.section.notes", lang), size=11, keep=0)
    top = pdf.get_y()
    for i in range(1, lines + 1):
        pdf.rule(pdf.l_margin, top + i * WRITING_LINE, pdf.epw)
    pdf.set_y(top + lines * WRITING_LINE + 2)


def _answer_text(q: Questionnaire, item, value, lang: str) -> str | None:
    """An answer as the questionnaire page shows it; None when there is none."""
    if value is None:
        return None
    not_applicable = q.scales[next(iter(q.scales))].not_applicable(lang)
    if isinstance(item, ScaleItem):
        scale = q.scales[item.scale]
        if value == NOT_APPLICABLE:
            return scale.not_applicable(lang)
        labels = scale.labels(lang)
        return labels[int(value) - 1] if isinstance(value, int | float) and 1 <= value <= len(labels) else str(value)
    if isinstance(item, ChoiceItem | SituationItem):
        if value == NOT_APPLICABLE:
            return not_applicable
        return next((o.label(lang) for o in item.options if o.id == value), str(value))
    if isinstance(item, NumberItem):
        if value == NOT_APPLICABLE:
            return not_applicable
        if not isinstance(value, int | float):
            return str(value)
        digits = 0 if float(value).is_integer() else len(f"{item.step:g}".rpartition(".")[2])
        return f"{number(float(value), lang, digits)} {item.unit(lang)}"
    return str(value)


def _appendix(pdf: _Document, q: Questionnaire, answers: Mapping, lang: str) -> None:
    """« Annexe — Mes réponses »: each question, numbered as on its page, and the answer in words."""
    pdf.add_page()
    pdf.heading(t("reports.section.appendix", lang))
    pdf.para(t("reports.appendix.explained", lang), size=8, colour=MUTED, gap=1)
    size = 7.0
    number_ = 0
    with pdf.text_columns(ncols=2, gutter=7, line_height=1.15) as columns:
        for section in q.sections:
            pdf.set_font(FONT, "B", 8)
            pdf.set_text_color(*ACCENT)
            with columns.paragraph(top_margin=1.5, bottom_margin=0.6) as par:
                par.write(section.title(lang))
            pdf.set_text_color(*INK)
            for item in section.items:
                number_ += 1
                question = item.title(lang) if isinstance(item, SituationItem) else item.text(lang)
                answer = _answer_text(q, item, answers.get(item.id), lang)
                with columns.paragraph(bottom_margin=0.8) as par:
                    pdf.set_font(FONT, "", size)
                    par.write(f"{number_}. {question} ")
                    if answer is None:
                        pdf.set_font(FONT, "I", size)
                        pdf.set_text_color(*MUTED)
                        par.write(t("reports.appendix.no_answer", lang))
                    else:
                        pdf.set_font(FONT, "B", size)
                        pdf.set_text_color(*ACCENT)
                        par.write(answer)
                    pdf.set_text_color(*INK)


def profile_pdf(
    questionnaire: Questionnaire,
    profile: Profile,
    lang: str,
    created: datetime,
    plan: tuple[PlanItem, ...] = (),
    answers: Mapping | None = None,
    *,
    paper: str = "Letter",
) -> bytes:
    """One person's profile as a PDF (Letter by default, as in Quebec; ``paper="A4"`` too).

    ``plan`` is the person's plan for the year (``scoring.year_plan``), printed after the
    reflection questions with a notes area to write on; without one, the report invites
    the reader to write one by hand. ``answers`` (item id -> value, as scoring reads them),
    when given, are printed in words in an appendix.
    """
    q = questionnaire
    title = t("reports.profile.title", lang)
    pdf = _new_document(q, lang, created, title, paper)
    _title_block(pdf, q, lang, title, created)
    pdf.para(t("reports.not_a_test", lang), size=9, style="I", colour=MUTED)
    if profile.intentions:
        pdf.para(t("reports.intentions", lang), size=8.5, style="I", colour=MUTED)

    # The profile.
    rule = next((r for r in q.profiles.rules if r.id == profile.profile), None)
    pdf.ln(1)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, t("reports.profile.your_profile", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*ACCENT)
    style = profile.response_style is not None
    label = (rule.label(lang) if rule else
             t("reports.profile.style_label" if style else "reports.profile.missing_label", lang))
    if rule and rule.recommended:
        label = f"★ {label}"
    pdf.multi_cell(0, 7.5, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(0.5)
    if rule:
        pdf.para(rule.description(lang))
        pdf.para(t("reports.profile.rule", lang, condition=condition_text(q, rule, lang)), size=8, colour=MUTED)
    elif not style:
        pdf.para(t("reports.profile.missing", lang))

    c = profile.composites
    orientation = (t("reports.orientation_value", lang, value=signed(profile.orientation, lang),
                     side=side(profile.orientation, lang))
                   if profile.orientation is not None else t("reports.orientation_missing", lang))
    pdf.para(t("reports.figures", lang, orientation=orientation, d=fmt(c.get("D"), lang), p=fmt(c.get("P"), lang),
               s=fmt(c.get("S"), lang)), size=10.5, style="B")

    image = static.orientation_png(q, profile, lang)
    width = pdf.epw * CHART_SCALE
    pdf.ensure(18 + _png_height(image, width))
    pdf.heading(t("reports.section.orientation", lang))
    pdf.para(t("reports.orientation_explained", lang), size=8, colour=MUTED, gap=0.3)
    pdf.ln(pdf.png(image, width, pdf.l_margin + (pdf.epw - width) / 2) + 0.5)

    # The map, with the composites explained beside it.
    map_w = 58
    image = static.profile_map_png(q, profile, lang)
    pdf.ensure(12 + _png_height(image, map_w))
    pdf.heading(t("reports.section.map", lang))
    top = pdf.get_y()
    map_h = pdf.png(image, width=map_w)
    x = pdf.l_margin + map_w + 5
    pdf.set_xy(x, top)
    for code in composite_order(q):
        comp = q.composites[code]
        pdf.set_x(x)
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(pdf.epw - map_w - 5, 4.3,
                       t("reports.label_value", lang, label=f"{code} · {comp.label(lang)}", value=fmt(c.get(code), lang)),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(x)
        pdf.set_font(FONT, "", 8)
        pdf.multi_cell(pdf.epw - map_w - 5, 3.7, comp.description(lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       align="L")
        pdf.ln(1)
    names = " / ".join(r.label(lang) for r in recommended_rules(q))
    pdf.set_x(x)
    pdf.set_font(FONT, "I", 8)
    pdf.multi_cell(pdf.epw - map_w - 5, 3.7, t("reports.recommended", lang, labels=names),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_y(max(pdf.get_y(), top + map_h) + 2)
    # How the scores are made, and that the cut-offs are provisional: read with the map.
    _method(pdf, q, lang)

    # Subscales and benchmarks.
    image = static.subscales_png(q, profile, lang)
    pdf.ensure(12 + _png_height(image, width))
    pdf.heading(t("reports.section.subscales", lang))
    pdf.ln(pdf.png(image, width, pdf.l_margin + (pdf.epw - width) / 2) + 1)
    pdf.heading(t("reports.section.benchmarks", lang))
    _benchmark_table(pdf, benchmark_rows(q, profile, lang), lang)

    # What the research says, in the profile's order.
    pdf.heading(t("reports.section.feedback", lang))
    section = None
    for key, text in _feedback_texts(q, profile.feedback_keys):
        kind, heading = feedback_heading(q, key, profile, lang)
        if pdf.get_y() > pdf.h - 30:
            pdf.add_page()
        if kind != section:
            section = kind
            pdf.set_font(FONT, "B", 10.5)
            pdf.ln(0.5)
            pdf.cell(0, 5.5, t(f"reports.feedback.{kind}", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        # A band's note refines the benchmark's text just above it: no heading of its own.
        pdf.run_in("" if key.startswith("band.") else heading + ".", text.read(lang, profile.intentions),
                   t("reports.sources", lang, ids=_sources(text.sources)))

    pdf.heading(t("reports.section.questions", lang))
    for i, question in enumerate(q.reflection_questions, 1):
        pdf.para(f"{i}. {question.text(lang)}", size=8, gap=0.3)
    cited = [*q.method.sources, *(i for _, text in _feedback_texts(q, profile.feedback_keys) for i in text.sources)]
    _plan(pdf, q, tuple(plan), lang)
    _notes(pdf, lang, keep=_references_height(pdf, cited))
    _references(pdf, cited, lang)
    if answers is not None:
        _appendix(pdf, q, answers, lang)
    return bytes(pdf.output())


def group_pdf(
    questionnaire: Questionnaire,
    summary,
    lang: str,
    title: str,
    created: datetime,
    *,
    min_n: int,
    paper: str = "Letter",
) -> bytes:
    """A workshop's results: count, group means vs bands, adherence, divisive items.

    ``summary`` is a ``scoring.GroupSummary``. Below ``min_n`` responses, figures are
    left out (a small group's answers could be recognised).
    """
    q = questionnaire
    pdf = _new_document(q, lang, created, title, paper)
    _title_block(pdf, q, lang, title, created)
    pdf.para(t("reports.group.count", lang, n=summary.n), size=11, style="B")
    if summary.n < min_n:
        pdf.para(t("reports.group.too_few", lang, n=min_n))
        _method(pdf, q, lang)
        return bytes(pdf.output())

    means = summary.composites["mean"]
    orientation = means.get("orientation")
    pdf.para(t("reports.group.figures", lang,
               orientation=signed(orientation, lang) if orientation is not None and not math.isnan(orientation) else "–",
               d=fmt(means.get("D"), lang), p=fmt(means.get("P"), lang), s=fmt(means.get("S"), lang)), size=10)

    counts = [(r, summary.profile_counts.get(r.id, 0)) for r in q.profiles.rules]
    pdf.heading(t("reports.group.profiles", lang))
    for rule, count in counts:
        star = "★ " if rule.recommended else ""
        pdf.para(star + t("reports.label_value", lang, label=rule.label(lang), value=count), size=9.5, gap=0.3)
    if summary.profile_not_scored:
        pdf.para(t("reports.group.not_scored", lang, n=summary.profile_not_scored,
                   style=sum(summary.style_counts.values())), size=9, colour=MUTED)
    pdf.ln(1)

    for heading, image in (
        (t("reports.group.subscales", lang), static.group_subscales_png(q, summary, lang)),
        (t("reports.group.adherence", lang), static.adherence_png(q, summary, lang)),
    ):
        pdf.ensure(12 + _png_height(image, pdf.epw))
        pdf.heading(heading)
        pdf.ln(pdf.png(image) + 2)

    divisive = summary.divisive_items
    if len(divisive):
        pdf.heading(t("reports.group.divisive", lang))
        pdf.para(t("reports.group.divisive_explained", lang), size=8.5, colour=MUTED)
        for _, row in divisive.iterrows():
            text = row["text_en"] if lang == "en" else row["text_fr"]
            sub = next((s for s in q.subscales if s.id == row["subscale"]), None)
            pdf.para(text, size=9.5, style="B", gap=0.2)
            pdf.para(t("reports.group.divisive_row", lang, subscale=sub.label(lang) if sub else row["subscale"],
                       sd=number(row["sd"], lang, 1), mean=number(row["mean"], lang, 1), n=int(row["n"])),
                     size=8.5, colour=MUTED, gap=1.2)
    _method(pdf, q, lang)
    return bytes(pdf.output())
