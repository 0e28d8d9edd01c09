"""The follow-up report (verslag) as a Word document, on the school's base document.

Three parts like a municipality's participation report: how it went (the meeting,
attendance, the evening against its plan), what participants said (arena, tables,
questions, evaluation with charts), and what the school does and does not adopt
(actions, next steps). A4 portrait; each theme table starts a section that stays
readable in black and white.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from babel.numbers import format_decimal
from docx.document import Document as DocumentObject
from docx.shared import Cm

from ..domain.text import filename
from . import charts
from . import docx_base as dx
from .report_data import ReportData
from .texts import language_of, long_date, short_date

WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "report": "Verslag", "file": "verslag", "meeting": "De bijeenkomst",
        "date": "Datum", "time": "Begin", "place": "Plaats", "goal": "Doel", "themes": "Thema's",
        "attendance": "Aanwezigheid", "group": "Groep", "invited": "Uitgenodigd",
        "answered": "Geantwoord", "present": "Aanwezig", "parents": "Ouders",
        "staff": "Medewerkers", "pupils": "Leerlingen", "by_class": "Per klas (gezinnen)",
        "class": "Klas", "households": "Gezinnen",
        "plan": "Hoe de avond verliep", "block": "Onderdeel", "planned": "Gepland",
        "actual": "Werkelijk", "difference": "Verschil", "minutes": "{n} min",
        "arena": "Samenvatting van het gesprek in de arena", "tables": "Opbrengst per thematafel",
        "table": "Tafel {n}", "presentation": "Punten voor de presentatie",
        "goes_well": "Wat gaat goed", "difficult": "Wat is moeilijk", "idea": "Idee",
        "question": "Vraag", "questions": "Vragen die ouders vooraf stelden",
        "evaluation": "Evaluatie", "answers": "{n} ouders vulden de evaluatie in.",
        "hidden": "Minder dan 5 antwoorden: om niemand herkenbaar te maken tonen we geen "
        "uitsplitsing.",
        "average": "Gemiddeld cijfer: {avg} (1 tot 5).", "rating": "Waardering van de avond",
        "rating_axis": "Aantal antwoorden", "rating_labels": "1|2|3|4|5",
        "again": "Komt u een volgende keer weer?", "again_labels": "ja|misschien|nee",
        "rating_alt": "Staafdiagram: waardering van de avond. {values}.",
        "again_alt": "Staafdiagram: komt u een volgende keer weer? {values}.",
        "good": "Wat was goed", "better": "Wat kan beter",
        "actions": "Wat de school ermee doet", "action": "Actie", "owner": "Wie",
        "target": "Klaar op", "status": "Status", "reason": "Waarom niet",
        "planned_status": "gepland", "in_progress": "bezig", "done": "klaar",
        "not_adopted": "niet overgenomen", "next": "Volgende stappen", "none": "Nog niets.",
        "no_actions": "Er zijn nog geen acties.",
    },
    "en": {
        "report": "Report", "file": "report", "meeting": "The meeting",
        "date": "Date", "time": "Start", "place": "Place", "goal": "Goal", "themes": "Themes",
        "attendance": "Attendance", "group": "Group", "invited": "Invited",
        "answered": "Answered", "present": "Present", "parents": "Parents",
        "staff": "Staff", "pupils": "Pupils", "by_class": "By class (households)",
        "class": "Class", "households": "Households",
        "plan": "How the evening ran", "block": "Part", "planned": "Planned",
        "actual": "Actual", "difference": "Difference", "minutes": "{n} min",
        "arena": "Summary of the arena conversation", "tables": "Outcomes per theme table",
        "table": "Table {n}", "presentation": "Points for the presentation",
        "goes_well": "What goes well", "difficult": "What is difficult", "idea": "Idea",
        "question": "Question", "questions": "Questions parents sent in beforehand",
        "evaluation": "Evaluation", "answers": "{n} parents filled in the evaluation.",
        "hidden": "Fewer than 5 answers: so that nobody can be recognised, no breakdown is "
        "shown.",
        "average": "Average rating: {avg} (1 to 5).", "rating": "Rating of the evening",
        "rating_axis": "Number of answers", "rating_labels": "1|2|3|4|5",
        "again": "Will you come again next time?", "again_labels": "yes|maybe|no",
        "rating_alt": "Bar chart: rating of the evening. {values}.",
        "again_alt": "Bar chart: will you come again next time? {values}.",
        "good": "What was good", "better": "What could be better",
        "actions": "What the school does with it", "action": "Action", "owner": "Who",
        "target": "Ready by", "status": "Status", "reason": "Why not",
        "planned_status": "planned", "in_progress": "in progress", "done": "done",
        "not_adopted": "not adopted", "next": "Next steps", "none": "Nothing yet.",
        "no_actions": "There are no actions yet.",
    },
}  # fmt: skip
STATUS_KEYS = {"planned": "planned_status", "in_progress": "in_progress", "done": "done",
               "not_adopted": "not_adopted"}  # fmt: skip
CHART_CM = 14


def word(lang: str, key: str, **params: object) -> str:
    text = WORDS[language_of(lang)][key]
    return text.format(**params) if params else text


def render(data: ReportData, base: bytes | None = None) -> tuple[str, str, bytes]:
    lang = language_of(data.language)
    document = dx.new_document(base, lang)
    dx.set_page(document, landscape=False, margin_cm=2.0)
    dx.set_properties(document, f"{word(lang, 'report')}: {data.title}", data.school)
    dx.heading(document, f"{word(lang, 'report')}: {data.title}", 0)
    _meeting(document, data, lang)
    _attendance(document, data, lang)
    _plan(document, data, lang)
    _heard(document, data, lang)
    _evaluation(document, data, lang)
    _actions(document, data, lang)
    dx.heading(document, word(lang, "next"), 1)
    _paragraphs(document, data.next_steps or word(lang, "none"))
    name = filename(word(lang, "file"), data.title)
    return name, dx.DOCX_MIME, dx.to_bytes(document)


def _paragraphs(document: DocumentObject, text: str) -> None:
    for line in (line.strip() for line in text.splitlines()):
        if line:
            dx.write(dx.paragraph(document), line)


def _grid(document: DocumentObject, widths: tuple[float, ...], titles: list[str],
          rows: list[list[str]]) -> None:  # fmt: skip
    grid = dx.table(document, widths)
    dx.header_row(grid, titles)
    dx.text_rows(grid, rows)


def _meeting(document: DocumentObject, data: ReportData, lang: str) -> None:
    dx.heading(document, word(lang, "meeting"), 1)
    place = ", ".join(p for p in (data.location, data.room) if p.strip())
    facts = [
        [word(lang, "date"), long_date(lang, data.date)],
        [word(lang, "time"), f"{data.start:%H:%M}"],
        [word(lang, "place"), place or "—"],
    ]
    _grid(document, (4.0, 13.0), ["", data.school], facts)
    if data.goal.strip():
        dx.heading(document, word(lang, "goal"), 2)
        _paragraphs(document, data.goal)
    if data.themes:
        dx.heading(document, word(lang, "themes"), 2)
        for number, title in enumerate(data.themes, start=1):
            dx.item(document, title, f"{number}.", 0)


def _attendance(document: DocumentObject, data: ReportData, lang: str) -> None:
    dx.heading(document, word(lang, "attendance"), 1)
    titles = [word(lang, k) for k in ("group", "invited", "answered", "present")]
    rows = [
        [word(lang, a.group), str(a.invited), "—" if a.answered is None else str(a.answered),
         str(a.present)]
        for a in data.attendance
    ]  # fmt: skip
    _grid(document, (5.0, 4.0, 4.0, 4.0), titles, rows)
    if data.classes:
        dx.heading(document, word(lang, "by_class"), 2)
        titles = [word(lang, k) for k in ("class", "households", "answered", "present")]
        rows = [[c.name, str(c.households), str(c.answered), str(c.present)]
                for c in data.classes]  # fmt: skip
        _grid(document, (5.0, 4.0, 4.0, 4.0), titles, rows)


def _plan(document: DocumentObject, data: ReportData, lang: str) -> None:
    dx.heading(document, word(lang, "plan"), 1)
    titles = [word(lang, k) for k in ("block", "planned", "actual", "difference")]
    rows = []
    for row in data.plan:
        planned = f"{row.planned_start:%H:%M} · {word(lang, 'minutes', n=row.planned_minutes)}"
        actual = f"{row.actual_start:%H:%M} · {word(lang, 'minutes', n=row.actual_minutes)}"
        delta = f"{row.delta:+d}" if row.delta else "0"
        rows.append([row.title, planned, actual, delta])
    _grid(document, (7.0, 4.0, 4.0, 2.0), titles, rows)


def _heard(document: DocumentObject, data: ReportData, lang: str) -> None:
    dx.heading(document, word(lang, "arena"), 1)
    for text in data.arena or (word(lang, "none"),):
        _paragraphs(document, text)
    dx.heading(document, word(lang, "tables"), 1)
    if not data.tables:
        dx.write(dx.paragraph(document), word(lang, "none"), italic=True)
    for table in data.tables:
        title = word(lang, "table", n=table.number) + (f": {table.theme}" if table.theme else "")
        dx.heading(document, title, 2)
        if table.presentation:
            dx.write(dx.paragraph(document), word(lang, "presentation"), bold=True)
            _paragraphs(document, table.presentation)
        for kind in ("goes_well", "difficult", "idea", "question"):
            texts = [text for k, text in table.notes if k == kind]
            if texts:
                dx.write(dx.paragraph(document), word(lang, kind), bold=True)
                for text in texts:
                    dx.item(document, text, "•", 0)
    dx.heading(document, word(lang, "questions"), 1)
    for question in data.questions or (word(lang, "none"),):
        dx.item(document, question, "•", 0)


def _evaluation(document: DocumentObject, data: ReportData, lang: str) -> None:
    dx.heading(document, word(lang, "evaluation"), 1)
    dx.write(dx.paragraph(document), word(lang, "answers", n=data.evaluation_count))
    summary = data.evaluation
    if summary is None:
        dx.write(dx.paragraph(document), word(lang, "hidden"), italic=True)
        return
    average = format_decimal(summary.average, format="0.0", locale=lang)
    dx.write(dx.paragraph(document), word(lang, "average", avg=average))
    rating_labels = word(lang, "rating_labels").split("|")
    ratings = [summary.ratings[r] for r in sorted(summary.ratings)]
    _chart(document, lang, "rating", rating_labels, ratings)
    again_labels = word(lang, "again_labels").split("|")
    again = [summary.come_again[k] for k in ("yes", "maybe", "no")]
    _chart(document, lang, "again", again_labels, again)
    for key, texts in (("good", summary.good), ("better", summary.better)):
        if texts:
            dx.heading(document, word(lang, key), 2)
            for text in texts:
                dx.item(document, text, "•", 0)


def _chart(document: DocumentObject, lang: str, key: str, labels: list[str],
           counts: list[int]) -> None:  # fmt: skip
    png = charts.bar_chart(labels, counts, word(lang, key), word(lang, "rating_axis"))
    values = "; ".join(f"{label}: {count}" for label, count in zip(labels, counts, strict=True))
    alt = word(lang, f"{key}_alt", values=values)
    paragraph = dx.paragraph(document)
    paragraph.paragraph_format.keep_with_next = False
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(CHART_CM))
    shape._inline.docPr.set("descr", alt)
    shape._inline.docPr.set("title", word(lang, key))


def _actions(document: DocumentObject, data: ReportData, lang: str) -> None:
    dx.heading(document, word(lang, "actions"), 1).paragraph_format.page_break_before = True
    if not data.actions:
        dx.write(dx.paragraph(document), word(lang, "no_actions"), italic=True)
        return
    titles = [word(lang, k) for k in ("action", "owner", "target", "status")]
    grid = dx.table(document, (7.5, 3.5, 3.0, 3.0))
    dx.header_row(grid, titles)
    for action in data.actions:
        cells = dx.add_row(grid).cells
        dx.cell_text(cells[0], action.title, bold=True)
        if action.theme:
            dx.write(dx.table_text(cells[0].add_paragraph()), action.theme, italic=True)
        if action.reason:
            reason = dx.table_text(cells[0].add_paragraph())
            dx.write(reason, f"{word(lang, 'reason')}: ", bold=True)
            dx.write(reason, action.reason)
        for day, text in action.updates:
            dx.write(dx.table_text(cells[0].add_paragraph()), f"{short_date(lang, day)}: {text}")
        dx.cell_text(cells[1], action.owner or "—")
        dx.cell_text(cells[2], short_date(lang, action.target_date) if action.target_date else "—")
        status = word(lang, STATUS_KEYS.get(action.status, "planned_status"))
        dx.cell_text(cells[3], f"{status} ({action.progress}%)")
