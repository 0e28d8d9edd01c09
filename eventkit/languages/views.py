"""The translation round: the school's own texts in the parents' languages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ..access import event_for, members_only
from ..domain.languages import own_name
from ..domain.school_texts import Problem
from ..exports import sending
from ..invitations import texts as parent_texts
from ..models import Event
from . import services
from .forms import ClosingForm, UploadForm

bp = Blueprint("languages", __name__, url_prefix="/events/<int:event_id>/translations")

members_only(bp)

UPLOAD_MAX = 5 * 1024 * 1024


def problem_text(problem: Problem) -> str:
    """What is wrong, naming the spreadsheet's row and column."""
    where = {"row": problem.row, "column": problem.column, "value": problem.value}
    texts = {
        "unknown_id": _(
            "Row %(row)s: the id %(value)s is not one of this meeting's texts.", **where
        ),
        "twice": _("Row %(row)s, column %(column)s: appears twice.", **where),
        "changed_dutch": _(
            "Row %(row)s, column %(column)s: the Dutch text has changed since the download. "
            "Download the spreadsheet again.",
            **where,
        ),
        "formula": _("Row %(row)s, column %(column)s: a formula. Type plain text.", **where),
        "control": _(
            "Row %(row)s, column %(column)s: an invisible control character. Type the text again.",
            **where,
        ),
        "too_long": _("Row %(row)s, column %(column)s: longer than %(value)s characters.", **where),
        "unknown_language": _(
            "Row %(row)s, column %(column)s: not a language the school offers to parents.",
            **where,
        ),
        "no_id_column": _("Row 1: the column id is missing. Use the downloaded spreadsheet."),
        "no_rows": _("The spreadsheet has no texts."),
        "not_a_sheet": _("This is not an Excel file (.xlsx). Upload the downloaded spreadsheet."),
    }
    return texts.get(problem.code, problem.code)


def _page(event: Event, upload: UploadForm, closing: ClosingForm, problems: list[str]) -> str:
    languages = services.round_languages(event)
    school_texts = services.texts_of(event)
    done = {code: sum(1 for t in school_texts if t.translations.get(code)) for code in languages}
    return render_template(
        "languages/index.html",
        event=event,
        texts=school_texts,
        languages=[(c, own_name(c), parent_texts.is_rtl(c)) for c in languages],
        done=done,
        upload_form=upload,
        closing_form=closing,
        problems=problems,
    )


@bp.route("")
def index(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    closing = ClosingForm(prefix="closing", data={"closing": event.closing})
    return _page(event, UploadForm(prefix="sheet"), closing, [])


@bp.route("/sheet.xlsx")
def download(event_id: int) -> ResponseReturnValue:
    return sending.download("translations", event_for(event_id))


@bp.route("/sheet", methods=["POST"])
def upload(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = UploadForm(prefix="sheet")
    closing = ClosingForm(prefix="closing", data={"closing": event.closing})
    if not form.validate_on_submit():
        return _page(event, form, closing, [])
    data = form.sheet.data.read(UPLOAD_MAX + 1)
    form.sheet.data.close()
    if len(data) > UPLOAD_MAX:
        form.sheet.errors.append(_("The file is larger than %(limit)s MB.", limit=5))
        return _page(event, form, closing, [])
    result = services.upload(event, data, form.sheet.data.filename or "")
    if result.problems:
        return _page(event, form, closing, [problem_text(p) for p in result.problems])
    flash(_("The translations are saved."), "success")
    return redirect(url_for("languages.index", event_id=event.id))


@bp.route("/closing", methods=["POST"])
def closing(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = ClosingForm(prefix="closing")
    if not form.validate_on_submit():
        return _page(event, UploadForm(prefix="sheet"), form, [])
    services.save_closing(event, form.closing.data or "")
    flash(_("The closing words are saved."), "success")
    return redirect(url_for("languages.index", event_id=event.id))
