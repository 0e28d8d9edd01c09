"""The school's own texts per parent language: what there is to translate, the translation
round's spreadsheet (download, upload: all or nothing), and the household's language.

Each write is one unit of work (eventkit.uow): it commits on its own, or with the
operation that calls it."""

from __future__ import annotations

import io
from collections.abc import Mapping

from flask_babel import gettext as _

from ..domain import school_texts as st
from ..models import Event, Theme
from ..participants import readers
from ..school.services import offered_languages
from ..uow import transactional

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def round_languages(event: Event) -> list[str]:
    """The columns of the translation round: the school's parent languages but Dutch."""
    return [code for code in offered_languages(event.school) if code != "nl"]


# --- the texts -----------------------------------------------------------------------------


def texts_of(event: Event) -> list[st.SchoolText]:
    """Every text the school writes for parents, with its translations, in reading order."""
    found = [
        _event_text(event, "title", _("Title of the meeting"), event.title),
        _event_text(event, "goal", _("Why this meeting (goal)"), event.goal or ""),
        _event_text(event, "closing", _("Closing words"), event.closing or ""),
    ]
    for number, theme in enumerate(event.themes, start=1):
        found += _theme_texts(theme, number)
    return [t for t in found if t.dutch.strip()]


def _event_text(event: Event, key: str, what: str, dutch: str) -> st.SchoolText:
    return st.SchoolText(key, what, dutch, _per_language(event.translations, key))


def _theme_texts(theme: Theme, number: int) -> list[st.SchoolText]:
    base = f"theme.{theme.id}."
    own = theme.translations
    found = [
        st.SchoolText(
            base + "title",
            _("Theme %(number)s: title", number=number),
            theme.title,
            _per_language(own, "title"),
        ),
        st.SchoolText(
            base + "description",
            _("Theme %(number)s: description", number=number),
            theme.description or "",
            _per_language(own, "description"),
        ),
    ]
    for q, question in enumerate(theme.questions or []):
        found.append(
            st.SchoolText(
                f"{base}question.{q}",
                _("Theme %(number)s: question %(question)s", number=number, question=q + 1),
                question,
                _per_language(own, f"question.{q}"),
            )
        )
    return found


def _per_language(translations: Mapping[str, Mapping[str, str]] | None, key: str) -> dict[str, str]:
    return {code: t[key] for code, t in (translations or {}).items() if t.get(key)}


@transactional
def save_goals(event: Event, goals: Mapping[str, str]) -> None:
    """The goal in the parents' languages from the invitations page (empty: none)."""
    _store(event, {("goal", code): text for code, text in goals.items()})


@transactional
def save_closing(event: Event, text: str) -> None:
    event.closing = text.strip()


# --- the translation round -----------------------------------------------------------------


def workbook(event: Event) -> tuple[str, str, bytes]:
    """The spreadsheet for translators: a row per text, a column per parent language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from ..domain.text import filename

    languages = round_languages(event)
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "vertalen"
    sheet.append(st.header(languages))
    for row in st.sheet_rows(texts_of(event), languages):
        # Text starting with "=" stays text, never a formula.
        sheet.append(["'" + c if c.startswith(("=", "+", "-", "@")) else c for c in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"A": 22, "B": 28, "C": 50}
    for column in range(1, 4 + len(languages)):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = widths.get(letter, 45)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D2"
    out = io.BytesIO()
    book.save(out)
    return filename("vertalingen", event.title, "xlsx"), XLSX, out.getvalue()


@transactional
def upload(event: Event, data: bytes, name: str = "") -> st.Upload:
    """Read a filled-in sheet; store every value only when the whole sheet is right."""
    try:
        sheet = readers.read(data, name)
    except readers.ReadError:
        return st.Upload({}, (st.Problem(1, st.ID, "not_a_sheet"),))
    rows = [(row.number, row.cells) for row in sheet.rows]
    checked = st.read_sheet(sheet.headers, rows, texts_of(event), round_languages(event))
    if not checked.problems:
        _store(event, {(key, code): text for (key, code), text in checked.values.items()})
    return checked


def _store(event: Event, values: Mapping[tuple[str, str], str]) -> None:
    """(key, language) -> text into the event's and themes' translations ("" removes)."""
    themes = {t.id: t for t in event.themes}
    event_texts = _copy(event.translations)
    theme_texts = {t.id: _copy(t.translations) for t in event.themes}
    for (key, code), text in values.items():
        if key.startswith("theme."):
            _, number, field = key.split(".", 2)
            target = theme_texts[int(number)]
        else:
            target, field = event_texts, key
        target.setdefault(code, {})[field] = text.strip()
        if not text.strip():
            del target[code][field]
    event.translations = _pruned(event_texts)
    for theme_id, texts in theme_texts.items():
        themes[theme_id].translations = _pruned(texts)


def _copy(value: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    """A fresh copy: SQLAlchemy sees a JSON column change only when it gets a new value."""
    return {code: dict(texts) for code, texts in (value or {}).items()}


def _pruned(value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return {code: texts for code, texts in value.items() if texts}
