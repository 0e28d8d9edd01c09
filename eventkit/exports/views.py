"""Downloads of the printed documents, and the school's Word base document."""

from __future__ import annotations

import io
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..access import event_for, members_only, require_editor
from ..extensions import db
from ..labels import error_text
from ..models import School
from . import pdf, services
from .docx_base import DOCX_MIME, BaseDocumentError
from .forms import BaseDocumentForm

bp = Blueprint("exports", __name__)
FORMATS = ("docx", "pdf")


members_only(bp)


@bp.app_context_processor
def export_context() -> dict[str, Any]:
    return {"office_available": pdf.available}


@bp.route("/events/<int:event_id>/export/<kind>.<fmt>")
def download(event_id: int, kind: str, fmt: str) -> ResponseReturnValue:
    event = event_for(event_id)
    if kind not in services.KINDS or fmt not in FORMATS:
        abort(404)
    base_url = current_app.config["EVENTKIT_BASE_URL"]
    try:
        name, mimetype, body = services.export(event, kind, base_url, as_pdf=fmt == "pdf")
    except pdf.PdfError as error:
        flash(_("No PDF could be made: %(reason)s", reason=str(error)), "error")
        return redirect(url_for("events.show", event_id=event.id, _anchor="print"))
    audit.record(current_user, "export", event, f"{kind}.{fmt}")
    return send_file(io.BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=name)


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
    body = io.BytesIO(school.docx_template)
    name = school.docx_template_name or "template.docx"
    return send_file(body, mimetype=DOCX_MIME, as_attachment=True, download_name=name)


@bp.route("/school/runsheet-template/delete", methods=["POST"])
def school_template_delete() -> ResponseReturnValue:
    require_editor()
    services.remove_base(_school())
    flash(_("The exports use eventkit's own layout again."), "success")
    return redirect(url_for("exports.school_template"))
