"""Pages: the participant list, the import (upload → preview with mapping → import), and
adding, changing and removing parents and staff by hand."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
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

from .. import audit
from ..access import child_of, event_for, members_only
from ..domain import paging
from ..domain.ids import parse_id
from ..domain.languages import own_names
from ..domain.people import FIELDS, Kind
from ..labels import ROLE_NAMES
from ..models import Event, Household, Participant, PersonRole, Pupil
from ..uow import unit_of_work
from . import services, uploads
from .forms import (
    CHILD_ROWS,
    MAX_UPLOAD,
    ImportChoice,
    ParentForm,
    StaffForm,
    UploadForm,
    mapping_form,
)
from .labels import (
    ANSWER_LABELS,
    KIND_LABELS,
    field_label,
    problem_text,
    read_error_text,
)
from .readers import ReadError, read

bp = Blueprint("participants", __name__, url_prefix="/events/<int:event_id>/participants")


members_only(bp)


@bp.context_processor
def words() -> dict[str, object]:
    return {
        "ROLE_LABELS": ROLE_NAMES,  # the words of eventkit.labels
        "ANSWER_LABELS": ANSWER_LABELS,
        "LANGUAGE_NAMES": own_names(),
        "KIND_LABELS": KIND_LABELS,
        "field_label": field_label,
        "problem_text": problem_text,
    }


@bp.route("/")
def index(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    filters = services.Filters.from_args(request.args, by_contact=current_user.can_edit)
    overview = services.overview(event, filters)
    # A school of 2000 families: a hundred people a page (the filters narrow it further).
    shown = paging.page(len(overview.shown), request.args.get("page", 1))
    return render_template(
        "participants/index.html",
        event=event,
        overview=overview,
        page=shown,
        page_rows=shown.of(overview.shown),
        filters=filters,
        letters_in=lambda code: services.language_choice(code, event.school),
    )


# --- import ---------------------------------------------------------------------------------


@bp.route("/import", methods=["GET", "POST"])
def upload(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read(MAX_UPLOAD + 1)
        filename = form.file.data.filename or ""
        error = _check_file(data, filename)
        if error:
            form.file.errors.append(error)
        else:
            token = uploads.store(_folder(), event.id, filename, form.kind.data, data)
            return redirect(url_for(".preview", event_id=event.id, token=token))
    return render_template("participants/upload.html", event=event, form=form)


def _folder() -> Path:
    return uploads.folder(current_app.instance_path, current_app.config.get("EVENTKIT_IMPORT_DIR"))


def _check_file(data: bytes, filename: str) -> str:
    if len(data) > MAX_UPLOAD:
        return _("The file is larger than 5 MB.")
    try:
        read(data, filename)
    except ReadError as error:
        return read_error_text(error)
    return ""


@bp.route("/import/<token>", methods=["GET", "POST"])
def preview(event_id: int, token: str) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    upload = uploads.load(_folder(), event.id, token)
    if upload is None:
        flash(_("The uploaded file is no longer there. Upload it again."), "error")
        return redirect(url_for(".upload", event_id=event.id))
    sheet = read(upload.data, upload.filename)
    choice = _chosen(upload.kind, len(sheet.headers))
    kind, mapping = choice.kind, choice.mapping
    if choice.importing:
        try:
            with unit_of_work():  # the people and the audit entry together, or neither
                done = services.import_sheet(event, sheet, kind, mapping)
                detail = audit.import_detail(done.counts.new, done.counts.updated)
                audit.record(current_user, "import", event, detail)
        except services.ImportFailed:
            pass  # the preview below shows the row errors
        else:
            uploads.discard(_folder(), token)
            flash(_imported_text(done.counts), "success")
            return redirect(url_for(".index", event_id=event.id))
    plan = services.preview(event, sheet, kind, mapping)
    return render_template(
        "participants/preview.html",
        event=event,
        upload=upload,
        plan=plan,
        fields=FIELDS[plan.kind],
        tried=choice.importing,
    )


def _chosen(stored_kind: str, columns: int) -> ImportChoice:
    """The kind and column mapping: the upload's on the first look, then the form's."""
    if request.method != "POST":
        kind = Kind(stored_kind) if stored_kind in Kind.__members__.values() else None
        return ImportChoice(False, kind, None)
    return mapping_form(columns).to_data()


def _imported_text(counts: services.Counts) -> str:
    return _(
        "Imported: %(new)s new, %(updated)s updated, %(households)s new households.",
        new=counts.new,
        updated=counts.updated,
        households=counts.households.new,
    )


# --- by hand --------------------------------------------------------------------------------


def _household(event: Event, household_id: str | None) -> Household | None:
    if not household_id:
        return None
    return child_of(event, Household, parse_id(household_id))


@bp.route("/parents/new", methods=["GET", "POST"])
def new_parent(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    household = _household(event, request.args.get("household"))
    return _parent_page(event, None, household)


@bp.route("/staff/new", methods=["GET", "POST"])
def new_staff(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    return _staff_page(event, None)


@bp.route("/<int:person_id>", methods=["GET", "POST"])
def edit(event_id: int, person_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    person = child_of(event, Participant, person_id)
    if person.role == PersonRole.STAFF.value:
        return _staff_page(event, person)
    return _parent_page(event, person, person.household)


def _parent_page(
    event: Event, person: Participant | None, household: Household | None
) -> ResponseReturnValue:
    form = ParentForm(obj=person)
    shared = household is not None and person is None  # a second carer for a household
    if request.method == "GET":
        pupils = household.pupils if household else []
        _fill_children(form, pupils, extra=0 if shared else CHILD_ROWS)
        form.language.data = person.language if person else (event.language or "nl")
    if form.validate_on_submit():
        children = None if shared else _children(form)
        try:
            saved = services.save_parent(event, person, form.to_data(), children, household)
        except services.PersonError as error:
            form.email.errors.append(_email_taken(str(error)))
        else:
            flash(_("%(name)s is saved.", name=saved.name), "success")
            return redirect(url_for(".index", event_id=event.id))
    return render_template(
        "participants/parent_form.html", event=event, form=form, person=person,
        household=household, shared=shared,
    )  # fmt: skip


def _fill_children(form: ParentForm, pupils: list[Pupil], extra: int) -> None:
    for pupil in pupils:
        form.children.append_entry(
            {
                "pupil_id": str(pupil.id),
                "first_name": pupil.first_name,
                "last_name": pupil.last_name,
                "class_name": pupil.class_name,
                "year": pupil.year,
            }
        )
    for _i in range(extra):
        form.children.append_entry()


def _children(form: ParentForm) -> list[services.ChildFields]:
    return [
        services.ChildFields(
            first_name=entry.first_name.data or "",
            last_name=entry.last_name.data or "",
            class_name=entry.class_name.data or "",
            year=entry.year.data or "",
            pupil_id=parse_id(entry.pupil_id.data),
        )
        for entry in form.children
    ]


def _email_taken(name: str) -> str:
    return _("%(name)s has this e-mail address already.", name=name)


def _staff_page(event: Event, person: Participant | None) -> ResponseReturnValue:
    form = StaffForm(obj=person)
    if request.method == "GET" and person is not None:
        form.mentor_of.data = ", ".join(person.mentor_of)
    if form.validate_on_submit():
        try:
            saved = services.save_staff(event, person, form.to_data())
        except services.PersonError as error:
            form.email.errors.append(_email_taken(str(error)))
        else:
            flash(_("%(name)s is saved.", name=saved.name), "success")
            return redirect(url_for(".index", event_id=event.id, role=PersonRole.STAFF))
    return render_template("participants/staff_form.html", event=event, form=form, person=person)


@bp.route("/<int:person_id>/delete", methods=["GET", "POST"])
def delete(event_id: int, person_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    person = child_of(event, Participant, person_id)
    household = person.household
    last = household is not None and len(household.carers) == 1
    if request.method == "POST":
        name = person.name
        services.delete_participant(person)
        flash(_("%(name)s is removed.", name=name), "success")
        return redirect(url_for(".index", event_id=event.id))
    return render_template(
        "participants/delete.html", event=event, person=person, last=last, household=household
    )
