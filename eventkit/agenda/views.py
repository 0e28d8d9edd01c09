from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ..access import event_for, members_only, require_editor
from ..clock import school_now
from ..domain.agenda import AgendaError
from ..domain.planning import TemplateError, parse_template
from ..exports import sending
from ..exports.registry import Export, agenda_file
from ..extensions import db
from ..labels import error_text
from ..live import services as live_services
from ..models import AgendaBlock, Event, SavedTemplate
from . import services
from .forms import BlockForm, MoveBlockForm, ReorderForm, TemplateFileForm, TemplateNameForm

bp = Blueprint("agenda", __name__)


members_only(bp)


def _back(event: Event, anchor: str | None = None) -> ResponseReturnValue:
    return redirect(url_for("agenda.edit", event_id=event.id, _anchor=anchor))


@bp.route("/events/<int:event_id>/agenda")
def edit(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    return render_template(
        "agenda/edit.html",
        event=event,
        plan=services.plan(event),
        live=live_services.changed_moment(event, school_now()),
        save_form=TemplateNameForm(),
        import_form=TemplateFileForm(),
    )


def _block(event: Event, key: str) -> AgendaBlock:
    """A block of this meeting; another meeting's block, or none, is a 404."""
    try:
        return services.row_of(event, key)
    except AgendaError:
        abort(404)


@bp.route("/events/<int:event_id>/agenda/new", methods=["GET", "POST"])
def new_block(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    parent = request.args.get("parent") or None
    if parent:
        _block(event, parent)  # a block of this meeting, or 404
    form = BlockForm()
    if form.validate_on_submit():
        try:
            row = services.add_block(event, form.to_data(), parent)
        except AgendaError as error:
            flash(error_text(error), "error")
            return _back(event)
        flash(_("The block %(title)s is added.", title=row.title), "success")
        return _back(event, f"block-{row.id}")
    host = _block(event, parent) if parent else None
    return render_template("agenda/block.html", event=event, form=form, block=None, parent=host)


@bp.route("/events/<int:event_id>/agenda/<int:block_id>", methods=["GET", "POST"])
def edit_block(event_id: int, block_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    row = _block(event, str(block_id))
    has_parts = any(r.parent_id == row.id for r in event.blocks)
    form = BlockForm(obj=row)
    if has_parts:
        del form.duration  # a block with parts lasts as long as its parts
    if request.method == "GET":
        form.talking_points.data = "\n".join(row.talking_points or [])
        form.questions.data = "\n".join(row.questions or [])
    if form.validate_on_submit():
        services.update_block(event, str(row.id), form.to_data())
        flash(_("The block %(title)s is saved.", title=row.title), "success")
        return _back(event, f"block-{row.id}")
    return render_template(
        "agenda/block.html", event=event, form=form, block=row, parent=None, has_parts=has_parts
    )


@bp.route("/events/<int:event_id>/agenda/<int:block_id>/move", methods=["POST"])
def move_block(event_id: int, block_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    _block(event, str(block_id))
    try:
        services.move_block(event, str(block_id), MoveBlockForm().action.data or "")
    except AgendaError as error:
        flash(error_text(error), "error")
    return _back(event, f"block-{block_id}")


@bp.route("/events/<int:event_id>/agenda/<int:block_id>/delete", methods=["POST"])
def delete_block(event_id: int, block_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    title = _block(event, str(block_id)).title
    services.delete_block(event, str(block_id))
    flash(_("The block %(title)s is deleted.", title=title), "success")
    return _back(event)


@bp.route("/events/<int:event_id>/agenda/order", methods=["POST"])
def reorder(event_id: int) -> ResponseReturnValue:
    """The drag-and-drop result: the keys of one level in their new order."""
    event = event_for(event_id, edit=True)
    order = ReorderForm().to_data()
    try:
        services.reorder_blocks(event, order.parent, order.keys)
    except AgendaError as error:
        flash(error_text(error), "error")
    return _back(event)


# --- templates -----------------------------------------------------------------------------


@bp.route("/events/<int:event_id>/agenda/export")
def export_template(event_id: int) -> ResponseReturnValue:
    return sending.download("agenda", event_for(event_id))


@bp.route("/events/<int:event_id>/agenda/save", methods=["POST"])
def save_template(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = TemplateNameForm()
    if form.validate_on_submit():
        services.save_as_template(event, form.name.data.strip(), form.description.data or "")
        flash(_("Saved as the template %(name)s.", name=form.name.data), "success")
    else:
        flash(_("Give the template a name."), "error")
    return _back(event, "templates")


def _read_template_upload(form: TemplateFileForm) -> Any:
    """The parsed template of an upload, or None after flashing what is wrong."""
    try:
        raw = form.file.data.read()
        return parse_template(json.loads(raw.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError):
        flash(_("That file is not a template: eventkit templates are .json files."), "error")
    except TemplateError as error:
        flash(_("That template cannot be used: %(reason)s", reason=error_text(error)), "error")
    return None


@bp.route("/events/<int:event_id>/agenda/import", methods=["POST"])
def import_template(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = TemplateFileForm()
    if not form.validate_on_submit():
        flash(_("Choose a template file."), "error")
        return _back(event, "templates")
    template = _read_template_upload(form)
    if template is not None:
        services.import_agenda(event, template)
        flash(_("The agenda now follows the template %(name)s.", name=template.name), "success")
    return _back(event, "templates")


@bp.route("/templates", methods=["GET", "POST"])
def templates() -> ResponseReturnValue:
    form = TemplateFileForm()
    if form.validate_on_submit():
        require_editor()
        template = _read_template_upload(form)
        if template is not None:
            services.store_template(current_user.school_id, template)
            flash(_("The template %(name)s is added.", name=template.name), "success")
        return redirect(url_for("agenda.templates"))
    saved = services.saved_templates(current_user.school_id)
    return render_template("agenda/templates.html", saved=saved, form=form)


def _saved(template_id: int) -> SavedTemplate:
    saved = db.get_or_404(SavedTemplate, template_id)
    if saved.school_id != current_user.school_id:
        abort(404)
    return saved


@bp.route("/templates/<int:template_id>/download")
def download_template(template_id: int) -> ResponseReturnValue:
    saved = _saved(template_id)
    return sending.send_export(Export(*agenda_file(saved.data, saved.name)), personal=False)


@bp.route("/templates/<int:template_id>/delete", methods=["POST"])
def delete_template(template_id: int) -> ResponseReturnValue:
    require_editor()
    saved = _saved(template_id)
    name = saved.name
    services.delete_saved_template(saved)
    flash(_("The template %(name)s is deleted.", name=name), "success")
    return redirect(url_for("agenda.templates"))
