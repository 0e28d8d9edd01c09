"""The school settings page (coordinators): name, contact, logo, mail, languages, retention."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ..access import members_only, require_coordinator
from ..extensions import db
from ..models import School
from . import services
from .forms import LogoForm, SchoolForm

bp = Blueprint("school", __name__, url_prefix="/school")

members_only(bp)


def _school() -> School:
    return db.get_or_404(School, current_user.school_id)


def logo_error(code: str) -> str:
    messages = {
        "too_large": _("The picture is too large: at most 2 MB."),
        "format": _("This is not a PNG or JPEG picture."),
    }
    return messages.get(code, messages["format"])


@bp.route("", methods=["GET", "POST"])
def settings() -> ResponseReturnValue:
    require_coordinator()
    school = _school()
    form = SchoolForm(obj=school)
    if not form.is_submitted():
        form.parent_languages.data = list(services.offered_languages(school))
    if form.validate_on_submit():
        services.save_settings(school, form.to_data())
        flash(_("The school settings are saved."), "success")
        return redirect(url_for("school.settings"))
    return render_template(
        "school/settings.html", school=school, form=form, logo_form=LogoForm(prefix="logo")
    )


@bp.route("/logo", methods=["POST"])
def upload_logo() -> ResponseReturnValue:
    require_coordinator()
    school = _school()
    logo_form = LogoForm(prefix="logo")
    if logo_form.validate_on_submit():
        upload = logo_form.logo.data
        try:
            services.store_logo(school, upload.read(services.LOGO_MAX_BYTES + 1))
        except services.LogoError as error:
            logo_form.logo.errors.append(logo_error(error.code))
        else:
            _close_uploads()
            flash(_("The logo is saved."), "success")
            return redirect(url_for("school.settings", _anchor="logo"))
    _close_uploads()
    form = SchoolForm(obj=school)
    form.parent_languages.data = list(services.offered_languages(school))
    page = render_template("school/settings.html", school=school, form=form, logo_form=logo_form)
    return page, 200


def _close_uploads() -> None:
    """An upload above werkzeug's in-memory size sits in a temporary file: close it now."""
    for upload in request.files.values():
        upload.close()


@bp.route("/logo/remove", methods=["POST"])
def remove_logo() -> ResponseReturnValue:
    require_coordinator()
    services.remove_logo(_school())
    flash(_("The logo is removed."), "success")
    return redirect(url_for("school.settings", _anchor="logo"))


@bp.route("/logo")
def logo() -> ResponseReturnValue:
    """The logo for the school's own pages and prints (signed-in members only)."""
    school = _school()
    if not school.logo:
        abort(404)
    response = Response(school.logo, mimetype=school.logo_mimetype or "image/png")
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
