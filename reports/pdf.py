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
from questionnaires.schema import Cited, Questionnaire
from scoring import Profile, feedback_text

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
INK = (26, 26, 26)
MUTED = (85, 85, 85)
ACCENT = (0, 84, 131)  # a darker Okabe–Ito blue, 7:1 on white
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
        self.set_margins(18, 14, 18)
        self.set_auto_page_break(True, margin=15)
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.add_font(FONT, "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
        self.set_font(FONT, size=10)
        self.set_text_color(*INK)
        self.set_lang(lang)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text.replace("{page}", str(self.page_no())), align="C")
        self.set_text_color(*INK)

    # -- building blocks ---------------------------------------------------

    def heading(self, text: str, size: float = 12.5) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", size)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.set_text_color(*INK)
        self.ln(1.2)

    def para(self, text: str, size: float = 9.5, style: str = "", colour=INK, gap: float = 1.5) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.47, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.set_text_color(*INK)
        self.ln(gap)

    def run_in(self, heading: str, text: str, sources: str, size: float = 8.0) -> None:
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
    pdf.heading(t("reports.section.references", lang), size=11)
    for ref in refs:
        pdf.para(ref, size=8, gap=0.6)


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
    pdf.set_font(FONT, size=8)
    headings = FontFace(emphasis="BOLD", fill_color=(230, 238, 244), color=INK)
    with pdf.table(
        col_widths=(28, 15, 22, 35),
        headings_style=headings,
        line_height=3.8,
        padding=1.4,
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
    pdf.para(q.method(lang), size=8)
    pdf.para(t("reports.sources", lang, ids=_sources(q.method.sources)), size=8, colour=MUTED)
    note = _provisional_note(q, lang)
    if note:
        pdf.para(note, size=8, style="I")


def profile_pdf(
    questionnaire: Questionnaire,
    profile: Profile,
    lang: str,
    created: datetime,
    *,
    paper: str = "Letter",
) -> bytes:
    """One person's profile as a PDF (Letter by default, as in Quebec; ``paper="A4"`` too)."""
    q = questionnaire
    title = t("reports.profile.title", lang)
    pdf = _new_document(q, lang, created, title, paper)
    _title_block(pdf, q, lang, title, created)
    pdf.para(t("reports.not_a_test", lang), size=9, style="I", colour=MUTED)
    if profile.intentions:
        pdf.para(t("reports.intentions", lang), size=9, style="I", colour=MUTED)

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
        pdf.para(t("reports.profile.rule", lang, condition=condition_text(q, rule, lang)), size=8.5, colour=MUTED)
    elif not style:
        pdf.para(t("reports.profile.missing", lang))

    c = profile.composites
    orientation = (t("reports.orientation_value", lang, value=signed(profile.orientation, lang),
                     side=side(profile.orientation, lang))
                   if profile.orientation is not None else t("reports.orientation_missing", lang))
    pdf.para(t("reports.figures", lang, orientation=orientation, d=fmt(c.get("D"), lang), p=fmt(c.get("P"), lang),
               s=fmt(c.get("S"), lang)), size=10.5, style="B")

    image = static.orientation_png(q, profile, lang)
    pdf.ensure(20 + _png_height(image, pdf.epw))
    pdf.heading(t("reports.section.orientation", lang))
    pdf.para(t("reports.orientation_explained", lang), size=8.5, colour=MUTED, gap=0.5)
    pdf.ln(pdf.png(image) + 1)

    # The map, with the composites explained beside it.
    map_w = 68
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
        pdf.set_font(FONT, "B", 9.5)
        pdf.multi_cell(pdf.epw - map_w - 5, 4.6,
                       t("reports.label_value", lang, label=f"{code} · {comp.label(lang)}", value=fmt(c.get(code), lang)),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(x)
        pdf.set_font(FONT, "", 8.5)
        pdf.multi_cell(pdf.epw - map_w - 5, 4, comp.description(lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       align="L")
        pdf.ln(1.5)
    names = " / ".join(r.label(lang) for r in recommended_rules(q))
    pdf.set_x(x)
    pdf.set_font(FONT, "I", 8.5)
    pdf.multi_cell(pdf.epw - map_w - 5, 4, t("reports.recommended", lang, labels=names),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_y(max(pdf.get_y(), top + map_h) + 2)
    # How the scores are made, and that the cut-offs are provisional: read with the map.
    _method(pdf, q, lang)

    # Subscales and benchmarks.
    image = static.subscales_png(q, profile, lang)
    pdf.ensure(12 + _png_height(image, pdf.epw))
    pdf.heading(t("reports.section.subscales", lang))
    pdf.ln(pdf.png(image) + 2)
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
        pdf.para(f"{i}. {question.text(lang)}", size=8.5, gap=0.4)
    cited = [*q.method.sources, *(i for _, text in _feedback_texts(q, profile.feedback_keys) for i in text.sources)]
    _references(pdf, cited, lang)
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
