"""The action team's pages: invitations (Word, print view, poster, handed out), the
response overview, and the class lists mentors use to follow up personally."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..access import event_for, members_only
from ..checkin import services as checkin
from ..config import PARENT_LANGUAGES
from ..domain.ids import parse_id
from ..exports import sending
from ..languages import services as languages
from ..models import Event
from . import overview, services, texts
from .data import household_rows
from .forms import HandedOutForm, SchoolTextsForm

bp = Blueprint("invitations", __name__, url_prefix="/events/<int:event_id>")


members_only(bp)


def _classes(event: Event) -> list[str]:
    """The classes picked with ?class= (repeatable), limited to the meeting's own."""
    known = set(services.classes_of(event))
    return [c for c in request.values.getlist("class") if c in known]


@bp.route("/invitations")
def index(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)  # personal links: not for facilitators
    classes = services.classes_of(event)
    chosen = [c for c in request.args.getlist("class") if c in classes]
    listing = services.household_list(event, chosen, request.args.get("page", 1))
    languages = {h.language for h in listing.rows}
    return render_template(
        "invitations/index.html",
        event=event,
        listing=listing,
        counts=services.counts(event),
        classes=classes,
        walkin_url=services.walkin_url(event),
        name_of=overview.household_name,
        language_names={code: _language_name(code) for code in languages},
        language_name=_language_name,
        text_languages=[(c, texts.is_rtl(c)) for c in PARENT_LANGUAGES if c != "nl"],
    )


@bp.route("/invitations/texts", methods=["POST"])
def school_texts(event_id: int) -> ResponseReturnValue:
    """The school's own text for parents in their languages (Dutch is the meeting's goal)."""
    event = event_for(event_id, edit=True)
    languages.save_goals(event, SchoolTextsForm().goals())
    flash(_("The school's texts are saved."), "success")
    return redirect(url_for("invitations.index", event_id=event.id, _anchor="school-texts"))


@bp.route("/invitations/word", methods=["POST"])
def word(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)  # personal links: not for facilitators
    job = services.start_word_job(event, _classes(event))
    return redirect(url_for("jobs.show", token=job.token))


@bp.route("/invitations/print")
def print_view(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)  # personal links: not for facilitators
    classes = _classes(event)
    part = services.print_view(event, classes, parse_id(request.args.get("part")) or 1)
    return render_template(
        "invitations/print.html", event=event, data=part.data, pages=part.pages, part=part,
        classes=classes, all_classes=services.classes_of(event),
    )  # fmt: skip


@bp.route("/invitations/poster")
def poster(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    return render_template("invitations/poster.html", event=event, poster=services.poster(event))


@bp.route("/invitations/handed-out", methods=["POST"])
def handed_out(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    handed = HandedOutForm().to_data()
    if not handed.all and not handed.household_ids:
        flash(_("Tick the households whose invitation was handed out."), "error")
        return redirect(_back_to_list(event, handed.page))
    marked = services.mark_handed_out(event, None if handed.all else handed.household_ids)
    flash(_("%(count)s invitations are marked as handed out.", count=marked), "success")
    return redirect(_back_to_list(event, handed.page))


def _back_to_list(event: Event, page: int) -> str:
    """The page of the household list the ticks were on (its class and page number)."""
    args: dict[str, Any] = {"class": _classes(event)}
    if page > 1:
        args["page"] = page
    return url_for("invitations.index", event_id=event.id, _anchor="households", **args)


@bp.route("/responses")
def responses(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    return render_template(
        "invitations/responses.html",
        event=event,
        overview=overview.of_event(event),
        language_name=_language_name,
        count=checkin.count_of(event),
    )


@bp.route("/responses/overview.<format>")
def responses_download(event_id: int, format: str) -> ResponseReturnValue:
    """The response overview as .xlsx or .csv (for catering, interpreters and mentors)."""
    return sending.download("responses", event_for(event_id), format)


@bp.route("/responses/mentors")
def mentors(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    classes = services.classes_of(event)
    chosen = [c for c in request.args.getlist("class") if c in classes]
    if "class" not in request.args:
        chosen = [c for c in services.mentor_classes(event, current_user.email) if c in classes]
    themes = {t.id: t.title for t in event.themes}
    households = household_rows(event, chosen) if chosen else []
    return render_template(
        "invitations/mentors.html",
        event=event,
        classes=classes,
        chosen=chosen,
        households=households,
        themes=themes,
        name_of=overview.household_name,
        language_names={code: _language_name(code) for code in {h.language for h in households}},
        language_name=_language_name,
    )


def _language_name(code: str) -> str:
    return texts.language_name(code, str(get_locale() or "nl"))
