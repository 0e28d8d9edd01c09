"""Downloads of the printed documents, and the school's Word base document."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ..access import event_for, members_only, require_editor
from ..extensions import db
from ..labels import error_text
from ..models import School
from . import pdf, sending, services
from .docx_base import DOCX_MIME, BaseDocumentError
from .forms import BaseDocumentForm
from .registry import Export

bp = Blueprint("exports", __name__)


members_only(bp)


@bp.app_context_processor
def export_context() -> dict[str, Any]:
    return {"office_available": pdf.available}


@bp.route("/events/<int:event_id>/export/<kind>.<fmt>")
def download(event_id: int, kind: str, fmt: str) -> ResponseReturnValue:
    """Any kind in the registry, in one of its formats."""
    event = event_for(event_id)
    try:
        return sending.download(kind, event, fmt)
    except pdf.PdfError as error:
        flash(_("No PDF could be made: %(reason)s", reason=str(error)), "error")
        return redirect(url_for("events.show", event_id=event.id, _anchor="print"))


@bp.route("/events/<int:event_id>/calendar.ics")
def calendar(event_id: int) -> ResponseReturnValue:
    """The meeting for the team's calendars (the address the meeting page links to)."""
    return sending.download("ics", event_for(event_id))


def _school() -> School:
    return db.get_or_404(School, current_user.school_id)


@bp.route("/school/runsheet-template", methods=["GET", "POST"])
def school_template() -> ResponseReturnValue:
    school = _school()
    form = BaseDocumentForm()
    if form.validate_on_submit():
        require_editor()
        upload = form.file.data
        try:
            services.store_base(school, upload.filename or "", upload.read())
        except BaseDocumentError as error:
            form.file.errors.append(
                _("This document cannot be used: %(reason)s", reason=error_text(error))
            )
        else:
            flash(
                _("Every export now starts from %(name)s.", name=school.docx_template_name),
                "success",
            )
            return redirect(url_for("exports.school_template"))
    return render_template("exports/school_template.html", school=school, form=form)


@bp.route("/school/runsheet-template/download")
def school_template_download() -> ResponseReturnValue:
    school = _school()
    if school.docx_template is None:
        abort(404)
    name = school.docx_template_name or "template.docx"
    return sending.send_export(Export(name, DOCX_MIME, school.docx_template), personal=False)


@bp.route("/school/runsheet-template/delete", methods=["POST"])
def school_template_delete() -> ResponseReturnValue:
    require_editor()
    services.remove_base(_school())
    flash(_("The exports use eventkit's own layout again."), "success")
    return redirect(url_for("exports.school_template"))
