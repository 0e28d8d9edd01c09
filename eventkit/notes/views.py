"""The note pages of the evening.

/t/<token>            a table's note page (the QR code on its card): signed in or not
/a/<token>            the arena summary, with the link alone
/events/<id>/arena    the arena summary for a signed-in facilitator
/events/<id>/notes    the staff overview: every table's link, QR code and notes
…/entries             the same entries as JSON for the phone's script (GET: the lists and a
                      fresh CSRF token; POST: one entry, idempotent by its client_key)

Links stop working (a plain 404 page) once the meeting is closed or cancelled, or when the
coordinator revokes them. Public pages are not cached, send no Referer and are not indexed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_template_attribute,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.datastructures import MultiDict

from ..access import event_for, members_only, require_coordinator
from ..clock import school_zone
from ..invitations import qr
from ..models import EventTable, new_token, utcnow
from ..rsvp.views import private
from . import links, services
from .forms import KIND_LABELS, EntryForm, JsonEntryForm, PresentationForm
from .services import Item, NoteError, Scope

bp = Blueprint("notes", __name__)
public = Blueprint("public", __name__)
staff = Blueprint("staff", __name__, url_prefix="/events/<int:event_id>")
members_only(staff)

AUTHOR = "note_author"  # the last author label used on this device (the no-JS path)
JSON_FIELDS = ("kind", "text", "author", "client_key")


@dataclass(frozen=True)
class Urls:
    page: str
    entries: str
    presentation: str | None = None
    offline_scope: str | None = None  # public pages: where the service worker keeps copies


# --- responses, errors, shared helpers -----------------------------------------------------


# Like the parents' pages: the token is in the URL, so no cache, no Referer, no index.
public.after_request(private)


def _wants_json() -> bool:
    return request.path.endswith("/entries")


@public.errorhandler(404)
def gone(error: Exception) -> ResponseReturnValue:
    if _wants_json():
        return jsonify(ok=False, error="gone"), 404
    return render_template("notes/not_found.html"), 404


@bp.errorhandler(CSRFError)
def expired(error: CSRFError) -> ResponseReturnValue:
    """The script fetches a fresh token and tries again; a plain form gets the error page."""
    if _wants_json():
        return jsonify(ok=False, error="csrf"), 400
    return render_template("error.html", code=400), 400


@bp.app_template_filter("school_hm")
def school_hm(value: datetime | None) -> str:
    """A stored UTC time as the school's clock time (HH:MM)."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone(school_zone()).strftime("%H:%M")


def _base_url() -> str:
    return str(current_app.config["EVENTKIT_BASE_URL"])


def _lists(scope: Scope) -> dict[str, str]:
    items = get_template_attribute("notes/_entries.html", "entry_items")
    return {kind: str(items(rows)) for kind, rows in services.entries(scope).items()}


def _render(
    scope: Scope,
    urls: Urls,
    form: EntryForm | None = None,
    presentation: PresentationForm | None = None,
    conflict: services.PresentationResult | None = None,
    status: int = 200,
    staff_page: bool = False,
) -> ResponseReturnValue:
    form = form or EntryForm(scope.kinds, formdata=None, author=session.get(AUTHOR, ""))
    form.client_key.data = new_token()  # every form shown can be sent once
    table = scope.table
    if table is not None and presentation is None:
        presentation = PresentationForm(
            formdata=None, presentation=table.presentation, version=table.presentation_version
        )
    context: dict[str, Any] = {
        "event": scope.event,
        "scope": scope,
        "table": table,
        "theme": table.theme if table is not None else None,
        "urls": urls,
        "form": form,
        "presentation_form": presentation,
        "conflict": conflict,
        "entries": services.entries(scope),
        "kind_labels": KIND_LABELS,
        "writable": services.is_open(scope.event),
        "staff_page": staff_page,
    }
    return render_template("notes/page.html", **context), status


def _items(form: EntryForm) -> list[Item]:
    key = form.client_key.data or ""
    if services.CLIENT_KEY.fullmatch(key) is None or len(key) > 36:
        key = new_token()
    order = [kind.value for kind in services.TABLE_KINDS + services.ARENA_KINDS]
    return [Item(kind, text, f"{key}-{order.index(kind)}") for kind, text in form.filled()]


def _error_text(error: NoteError) -> str:
    if error.code == "full":
        return _("This page holds as many notes as it can. Hand the rest to the coordinator.")
    return _("This note could not be saved. Reload the page and try again.")


def _entry_page(scope: Scope, urls: Urls, staff_page: bool = False) -> ResponseReturnValue:
    """GET shows the page; POST (without JavaScript) appends the filled fields, then PRG."""
    if request.method == "GET":
        return _render(scope, urls, staff_page=staff_page)
    if not services.is_open(scope.event):
        abort(403)
    form = EntryForm(scope.kinds)
    if form.validate_on_submit():
        try:
            services.add_entries(scope, _items(form), form.author.data or "", utcnow())
        except NoteError as error:
            form.fields_of_page()[0].errors.append(_error_text(error))
        else:
            session[AUTHOR] = (form.author.data or "").strip()[: services.MAX_AUTHOR]
            flash(_("Saved. Thank you!"), "success")
            return redirect(f"{urls.page}#notes")
    return _render(scope, urls, form, status=400, staff_page=staff_page)


def _entries_json(scope: Scope) -> ResponseReturnValue:
    """GET: the saved lists and a fresh CSRF token. POST: one entry from the phone's script."""
    if request.method == "POST":
        if not services.is_open(scope.event):
            abort(404)
        payload = request.get_json(silent=True)
        fields = payload if isinstance(payload, dict) else {}
        data = MultiDict({k: str(fields[k]) for k in JSON_FIELDS if k in fields})
        form = JsonEntryForm(scope.kinds, formdata=data)
        if not form.validate():
            errors = {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}
            return jsonify(ok=False, error="invalid", errors=errors), 422
        item = Item(form.kind.data or "", form.text.data or "", form.client_key.data or "")
        try:
            services.add_entries(scope, [item], form.author.data or "", utcnow())
        except NoteError as error:
            return jsonify(ok=False, error=error.code, errors={"text": [_error_text(error)]}), 409
    return jsonify(ok=True, csrf_token=generate_csrf(), lists=_lists(scope))


# --- the public pages ----------------------------------------------------------------------


def _table(token: str) -> EventTable:
    table = services.table_for_token(token)
    if table is None:
        abort(404)
    return table


def _table_urls(token: str) -> Urls:
    return Urls(
        page=url_for("notes.public.table", token=token),
        entries=url_for("notes.public.table_entries", token=token),
        presentation=url_for("notes.public.presentation", token=token),
        offline_scope=url_for("notes.public.table", token=token).rsplit("/", 1)[0] + "/",
    )


@public.route("/t/<token>", methods=["GET", "POST"])
def table(token: str) -> ResponseReturnValue:
    found = _table(token)
    return _entry_page(Scope(found.event, found), _table_urls(token))


@public.route("/t/<token>/entries", methods=["GET", "POST"])
def table_entries(token: str) -> ResponseReturnValue:
    found = _table(token)
    return _entries_json(Scope(found.event, found))


@public.route("/t/<token>/presentation", methods=["POST"])
def presentation(token: str) -> ResponseReturnValue:
    """Save the shared text unless someone saved since; then show theirs beside ours."""
    found = _table(token)
    scope, urls = Scope(found.event, found), _table_urls(token)
    form = PresentationForm()
    if not form.validate_on_submit():
        return _render(scope, urls, presentation=form, status=400)
    result = services.save_presentation(found, form.presentation.data or "", form.version.data)
    if result.saved:
        flash(_("The points for the presentation are saved."), "success")
        return redirect(f"{urls.page}#points")
    mine = PresentationForm(
        formdata=None, presentation=form.presentation.data, version=result.version
    )
    return _render(scope, urls, presentation=mine, conflict=result, status=409)


def _arena(token: str) -> Scope:
    event = services.arena_for_token(token)
    if event is None:
        abort(404)
    return Scope(event)


def _arena_urls(token: str) -> Urls:
    return Urls(
        page=url_for("notes.public.arena", token=token),
        entries=url_for("notes.public.arena_entries", token=token),
        offline_scope=url_for("notes.public.arena", token=token).rsplit("/", 1)[0] + "/",
    )


@public.route("/a/<token>", methods=["GET", "POST"])
def arena(token: str) -> ResponseReturnValue:
    return _entry_page(_arena(token), _arena_urls(token))


@public.route("/a/<token>/entries", methods=["GET", "POST"])
def arena_entries(token: str) -> ResponseReturnValue:
    return _entries_json(_arena(token))


@public.route("/notes-sw.js")
def worker() -> ResponseReturnValue:
    """The service worker, served from the root so it may look after /t/ and /a/ pages."""
    folder = Path(str(current_app.static_folder)) / "js"
    return send_from_directory(folder, "notes-sw.js", mimetype="text/javascript")


# --- the staff pages -----------------------------------------------------------------------


def _staff_arena_urls(event_id: int) -> Urls:
    return Urls(
        page=url_for("notes.staff.arena", event_id=event_id),
        entries=url_for("notes.staff.arena_entries", event_id=event_id),
    )


@staff.route("/arena", methods=["GET", "POST"], endpoint="arena")
def staff_arena(event_id: int) -> ResponseReturnValue:
    scope = Scope(event_for(event_id))
    return _entry_page(scope, _staff_arena_urls(event_id), staff_page=True)


@staff.route("/arena/entries", methods=["GET", "POST"], endpoint="arena_entries")
def staff_arena_entries(event_id: int) -> ResponseReturnValue:
    return _entries_json(Scope(event_for(event_id)))


@staff.route("/notes")
def index(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    tables = services.overview(event, _base_url())
    arena_url = links.arena_url(_base_url(), event.arena_token)
    return render_template(
        "notes/index.html",
        event=event,
        tables=tables,
        arena=services.entries(Scope(event))[services.ARENA_KINDS[0].value],
        arena_url=arena_url,
        qr_codes={t.table.id: qr.svg_for(t.url, t.url) for t in tables},
        arena_qr=qr.svg_for(arena_url, arena_url),
        kind_labels=KIND_LABELS,
        kinds=[kind.value for kind in services.TABLE_KINDS],
        is_open=services.is_open(event),
    )


@staff.route("/notes/revoke", methods=["GET", "POST"])
def revoke(event_id: int) -> ResponseReturnValue:
    """Coordinator only, after a confirm page: every table and the arena get a new link."""
    event = event_for(event_id)
    require_coordinator()
    if request.method == "POST":
        services.revoke_links(event)
        flash(_("New links made. The old links and QR codes no longer work."), "success")
        return redirect(url_for("notes.staff.index", event_id=event.id))
    return render_template("notes/revoke.html", event=event)


bp.register_blueprint(public)
bp.register_blueprint(staff)
