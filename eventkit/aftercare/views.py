"""Aftercare pages.

Staff (signed in, own school):
  /events/<id>/aftercare                  closing checklist, actions, bulk status, mails
  /events/<id>/aftercare/notes            review notes; "make an action" beside each
  /events/<id>/aftercare/actions/...      an action: edit, updates, translations
  /events/<id>/aftercare/texts            the school's intro and next steps per language
Public (no account, unguessable link, noindex, no cache, no Referer):
  /n/<aftercare token>                    "you said, we did", in six languages
  /i/<household token>/unsubscribe        turn the update mails off
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from .. import parents
from ..access import event_for, require_coordinator
from ..clock import school_now, school_today
from ..events.services import team_of
from ..exports import sending
from ..extensions import login_manager
from ..invitations import qr
from ..invitations import texts as parent_texts
from ..models import Action, ActionUpdate, Event
from . import mails, public, services
from .forms import (
    ActionForm,
    BulkForm,
    MailForm,
    NoteReviewForm,
    UnsubscribeForm,
    UpdateForm,
    dutch_texts,
    translation_form,
    translations_of,
)
from .words import kind_label, status_label

bp = Blueprint("aftercare", __name__)
STAFF = "/events/<int:event_id>/aftercare"
PUBLIC = {"aftercare.public_page", "aftercare.unsubscribe"}


@bp.context_processor
def aftercare_words() -> dict[str, Any]:
    return {"status_label": status_label, "kind_label": kind_label}


def step_text(key: str) -> str:
    """The steps of closing a meeting (staff pages)."""
    steps = {
        "held": _("The evening has taken place."),
        "attendance": _("Take the attendance at the door."),
        "notes": _("Review the notes: fix typos, take out anything that points to a person."),
        "actions": _("Make actions: what the school does with what parents said."),
        "published": _("Publish the aftercare page."),
        "closed": _("Close the meeting."),
    }
    return str(steps.get(key, key))


@bp.app_context_processor
def meeting_page() -> dict[str, Any]:
    """For the meeting's overview: where closing the meeting stands once it was held."""

    def state(event: Event) -> services.Overview | None:
        today = school_today()
        return services.overview(event, today) if services.is_held(event, today) else None

    return {"aftercare_state": state, "aftercare_step_text": step_text}


@bp.before_request
def signed_in() -> ResponseReturnValue | None:
    if request.endpoint in PUBLIC or current_user.is_authenticated:
        return None
    return login_manager.unauthorized()


@bp.after_request
def private(response: Response) -> Response:
    return parents.private(response) if request.endpoint in PUBLIC else response


@bp.errorhandler(404)
def not_found(error: Exception) -> ResponseReturnValue:
    if request.endpoint not in PUBLIC:
        return render_template("error.html", code=404), 404
    parents.speak(None)
    return render_template("rsvp/not_found.html", languages=parent_texts.language_links()), 404


# --- public --------------------------------------------------------------------------------


@bp.route("/n/<token>")
def public_page(token: str) -> ResponseReturnValue:
    event = services.event_by_token(token)
    if event is None:
        abort(404)
    lang = parents.speak(event.language)
    return render_template(
        "aftercare/public.html",
        event=event,
        page=public.page(event, lang),
        lang=lang,
        languages=parent_texts.language_links(event.school),
        long_date=lambda day: parent_texts.long_date(day, lang),
    )


@bp.route("/i/<token>/unsubscribe", methods=["GET", "POST"])
def unsubscribe(token: str) -> ResponseReturnValue:
    household = services.household_by_token(token)
    if household is None:
        abort(404)
    lang = parents.speak(household.language)
    form = UnsubscribeForm()
    done = False
    if form.validate_on_submit():
        services.set_updates(household, form.wanted.data)
        done = True
    return render_template(
        "aftercare/unsubscribe.html",
        event=household.event,
        household=household,
        form=form,
        done=done,
        lang=lang,
        languages=parent_texts.language_links(household.event.school),
    )


# --- staff: overview -----------------------------------------------------------------------


def _action(event: Event, action_id: int) -> Action:
    action = services.action_of(event, action_id)
    if action is None:
        abort(404)
    return action


def _overview(event: Event, bulk: BulkForm | None = None) -> str:
    actions = services.actions_of(event)
    bulk = bulk or BulkForm()
    bulk.action_ids.choices = [(a.id, a.title) for a in actions]
    url = public.public_url(current_app.config["EVENTKIT_BASE_URL"], event)
    return render_template(
        "aftercare/overview.html",
        event=event,
        state=services.overview(event, school_today()),
        actions=actions,
        bulk=bulk,
        mail_form=MailForm(),
        public_url=url,
        qr_svg=qr.svg_for(url, label=url),
    )


@bp.route(STAFF)
def overview(event_id: int) -> ResponseReturnValue:
    return _overview(event_for(event_id))


@bp.route(f"{STAFF}/bulk", methods=["POST"])
def bulk(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = BulkForm()
    form.action_ids.choices = [(a.id, a.title) for a in services.actions_of(event)]
    if not form.validate_on_submit():
        return _overview(event, form)
    count = services.bulk_status(
        event, form.action_ids.data, form.status.data, form.reason.data or "", school_now()
    )
    flash(_("The status of %(num)s actions is changed.", num=count), "success")
    return redirect(url_for("aftercare.overview", event_id=event.id, _anchor="actions"))


@bp.route(f"{STAFF}/stage", methods=["POST"])
def stage(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    if services.advance(event, school_today()) is None:
        flash(_("This meeting has no next stage."), "error")
    else:
        flash(_("The meeting's status is changed."), "success")
    return redirect(url_for("aftercare.overview", event_id=event.id))


@bp.route(f"{STAFF}/publish", methods=["POST"])
def publish(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    services.publish(event, school_now())
    flash(_("The aftercare page is online."), "success")
    return redirect(url_for("aftercare.overview", event_id=event.id, _anchor="publish"))


@bp.route(f"{STAFF}/unpublish", methods=["POST"])
def unpublish(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    services.unpublish(event, school_now())
    flash(_("The aftercare page is offline."), "success")
    return redirect(url_for("aftercare.overview", event_id=event.id, _anchor="publish"))


@bp.route(f"{STAFF}/mail/<kind>", methods=["POST"])
def mail(event_id: int, kind: str) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    if kind not in ("summary", "updates"):
        abort(404)
    if event.aftercare_published_at is None:
        flash(_("Publish the page first: the mail links to it."), "error")
        return redirect(url_for("aftercare.overview", event_id=event.id, _anchor="mail"))
    form = MailForm()
    if kind == "summary":
        count = mails.queue_summary(event, bool(form.include_invited.data), school_now())
    else:
        count = mails.queue_updates(event, school_now())
    flash(_("%(num)s mails are queued.", num=count), "success")
    return redirect(url_for("aftercare.overview", event_id=event.id, _anchor="mail"))


@bp.route(f"{STAFF}/qr.svg")
def qr_code(event_id: int) -> ResponseReturnValue:
    return sending.download("aftercare-qr", event_for(event_id))


# --- staff: notes --------------------------------------------------------------------------


@bp.route(f"{STAFF}/notes")
def notes(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    return _notes_page(event)


def _notes_page(event: Event, failed: tuple[int, NoteReviewForm] | None = None) -> str:
    found = services.notes_of(event)
    forms: dict[int, Any] = {}
    for note in found:
        if failed is not None and failed[0] == note.id:
            forms[note.id] = failed[1]
            continue
        form = NoteReviewForm(prefix=f"n{note.id}")
        form.public_text.data = services.shown_text(note)
        form.publish.data = note.publish
        forms[note.id] = form
    return render_template(
        "aftercare/notes.html",
        event=event,
        notes=found,
        named=services.named_notes(event, found),
        forms=forms,
        questions=services.questions_of(event),
    )


@bp.route(f"{STAFF}/notes/<int:note_id>", methods=["POST"])
def review_note(event_id: int, note_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    note = services.note_of(event, note_id)
    if note is None:
        abort(404)
    form = NoteReviewForm(prefix=f"n{note.id}")
    if not form.validate_on_submit():
        return _notes_page(event, (note.id, form))
    services.review_note(event, note, form.public_text.data or "", form.publish.data, school_now())
    if note.names_person and note.publish:
        flash(_("This note still seems to name a person: edit it or untick it."), "error")
    else:
        flash(_("The note is saved."), "success")
    return redirect(url_for("aftercare.notes", event_id=event.id, _anchor=f"note-{note.id}"))


@bp.route(f"{STAFF}/notes/flags", methods=["POST"])
def refresh_flags(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    flagged = services.flag_notes(event, school_now())
    flash(_("Notes that seem to name a person: %(num)s.", num=flagged), "success")
    return redirect(url_for("aftercare.notes", event_id=event.id))


@bp.route(f"{STAFF}/notes/<int:note_id>/action", methods=["POST"])
def action_from_note(event_id: int, note_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    note = services.note_of(event, note_id)
    if note is None:
        abort(404)
    action = services.action_from_note(event, note, school_now())
    flash(_("The action is made. Add an owner and a date."), "success")
    return redirect(url_for("aftercare.edit_action", event_id=event.id, action_id=action.id))


@bp.route(f"{STAFF}/questions/<int:response_id>/action", methods=["POST"])
def action_from_question(event_id: int, response_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    response = services.question_of(event, response_id)
    if response is None:
        abort(404)
    action = services.action_from_question(event, response, school_now())
    flash(_("The action is made. Add an owner and a date."), "success")
    return redirect(url_for("aftercare.edit_action", event_id=event.id, action_id=action.id))


# --- staff: actions ------------------------------------------------------------------------


def _action_form(event: Event, action: Action | None) -> ActionForm:
    form = ActionForm(obj=action)
    form.theme_id.choices = [(0, "—")] + [(t.id, t.title) for t in event.themes]
    form.owner_id.choices = [(0, "—")] + [(u.id, u.name) for u in team_of(event.school_id)]
    form.note_ids.choices = [(n.id, services.shown_text(n)[:160]) for n in services.notes_of(event)]
    if request.method == "GET" and action is not None:
        form.theme_id.data = action.theme_id or 0
        form.owner_id.data = action.owner_id or 0
        form.note_ids.data = [n.id for n in action.notes]
    return form


@bp.route(f"{STAFF}/actions/new", methods=["GET", "POST"])
def new_action(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = _action_form(event, None)
    if form.validate_on_submit():
        action = services.create_action(event, form.to_data(), school_now())
        flash(_("The action is saved."), "success")
        return redirect(url_for("aftercare.edit_action", event_id=event.id, action_id=action.id))
    return render_template("aftercare/action.html", event=event, action=None, form=form)


@bp.route(f"{STAFF}/actions/<int:action_id>", methods=["GET", "POST"])
def edit_action(event_id: int, action_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    action = _action(event, action_id)
    form = _action_form(event, action)
    if request.method == "POST":
        event_for(event_id, edit=True)
        if form.validate_on_submit():
            services.save_action(event, action, form.to_data(), school_now())
            flash(_("The action is saved."), "success")
            return redirect(
                url_for("aftercare.edit_action", event_id=event.id, action_id=action.id)
            )
    update_form = UpdateForm()
    if request.method == "GET":
        update_form.day.data = school_today()
    return render_template(
        "aftercare/action.html",
        event=event,
        action=action,
        form=form,
        update_form=update_form,
        questions=services.questions_answered(action),
    )


@bp.route(f"{STAFF}/actions/<int:action_id>/updates", methods=["POST"])
def add_update(event_id: int, action_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    action = _action(event, action_id)
    form = UpdateForm()
    if not form.validate_on_submit():
        flash(_("An update needs a date and a text."), "error")
        return redirect(url_for("aftercare.edit_action", event_id=event.id, action_id=action.id))
    services.add_update(event, action, form.day.data, form.text.data, school_now())
    flash(_("The update is added."), "success")
    return redirect(url_for("aftercare.edit_action", event_id=event.id, action_id=action.id,
                            _anchor="updates"))  # fmt: skip


@bp.route(f"{STAFF}/actions/<int:action_id>/updates/<int:update_id>/delete", methods=["POST"])
def delete_update(event_id: int, action_id: int, update_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    action = _action(event, action_id)
    update = next((u for u in action.updates if u.id == update_id), None)
    if not isinstance(update, ActionUpdate):
        abort(404)
    services.delete_update(event, update, school_now())
    flash(_("The update is deleted."), "success")
    return redirect(url_for("aftercare.edit_action", event_id=event.id, action_id=action.id))


@bp.route(f"{STAFF}/actions/<int:action_id>/delete", methods=["POST"])
def delete_action(event_id: int, action_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    services.delete_action(event, _action(event, action_id), school_now())
    flash(_("The action is deleted."), "success")
    return redirect(url_for("aftercare.overview", event_id=event.id, _anchor="actions"))


@bp.route(f"{STAFF}/actions/<int:action_id>/translations", methods=["GET", "POST"])
def action_translations(event_id: int, action_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    action = _action(event, action_id)
    keys = {"title": _("Title"), "description": _("Explanation"), "reason": _("Why not")}
    form = translation_form(keys, action.translations or {})
    if form.validate_on_submit():
        services.save_translations(event, action, translations_of(form, keys), school_now())
        flash(_("The translations are saved."), "success")
        return redirect(url_for("aftercare.edit_action", event_id=event.id, action_id=action.id))
    return render_template(
        "aftercare/translations.html", event=event, action=action, form=form,
        heading=_("Translations of %(title)s", title=action.title),
    )  # fmt: skip


@bp.route(f"{STAFF}/texts", methods=["GET", "POST"])
def texts(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    keys = {"intro": _("Introduction"), "next_steps": _("Next steps")}
    current = event.aftercare_texts or {}
    form = translation_form(keys, current)
    dutch = {key: (current.get("nl") or {}).get(key, "") for key in keys}
    if form.validate_on_submit():
        values = translations_of(form, keys)
        values["nl"] = dutch_texts(keys)
        services.save_texts(event, values, school_now())
        flash(_("The texts are saved."), "success")
        return redirect(url_for("aftercare.overview", event_id=event.id))
    return render_template(
        "aftercare/translations.html", event=event, action=None, form=form, dutch=dutch,
        keys=keys, heading=_("Texts on the public page"),
    )  # fmt: skip
