"""The team page (coordinators) and the public one-time password pages."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import throttle
from ..access import require_coordinator
from ..clock import school_now
from ..extensions import db
from ..mail import preview
from ..models import OutboxMessage, School, User
from ..parents import private
from . import services
from .forms import ForgotForm, InviteForm, PasswordForm, RoleForm

bp = Blueprint("team", __name__)


def team_error(code: str) -> str:
    messages = {
        "exists": _("Someone with this e-mail address is in eventkit already."),
        "role": _("Choose one of the roles."),
        "last_coordinator": _("The school needs at least one active coordinator."),
        "self": _("You cannot deactivate yourself."),
        "not_invited": _("This colleague has chosen a password already."),
        "short_password": _("The password is too short."),
    }
    return messages.get(code, code)


def _school() -> School:
    return db.get_or_404(School, current_user.school_id)


def _member(user_id: int) -> User:
    user = services.member(_school(), user_id)
    if user is None:
        abort(404)
    return user


def _page(form: InviteForm | None = None) -> str:
    school = _school()
    return render_template(
        "team/index.html",
        school=school,
        people=services.members(school),
        form=form or InviteForm(),
        role_form=RoleForm,
        pending={u.id: m for u, m in services.pending_invitations(school)},
    )


@bp.route("/team")
@login_required
def index() -> ResponseReturnValue:
    require_coordinator()
    return _page()


@bp.route("/team/invite", methods=["POST"])
@login_required
def invite() -> ResponseReturnValue:
    require_coordinator()
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user = services.invite(
                _school(), current_user, form.email.data or "", form.name.data or "",
                form.role.data or "", form.language.data or "nl", school_now(),
            )  # fmt: skip
        except services.TeamError as error:
            form.email.errors.append(team_error(error.code))
        else:
            flash(_("%(name)s is invited: the mail with the link is in the outbox.",
                    name=user.name), "success")  # fmt: skip
            return redirect(url_for("team.index"))
    return _page(form)


@bp.route("/team/<int:user_id>/role", methods=["POST"])
@login_required
def role(user_id: int) -> ResponseReturnValue:
    require_coordinator()
    user = _member(user_id)
    form = RoleForm(prefix=f"u{user.id}")
    if form.validate_on_submit():
        _try(lambda: services.change_role(user, form.role.data or ""),
             _("The role of %(name)s is changed.", name=user.name))  # fmt: skip
    else:
        flash(team_error("role"), "error")
    return redirect(url_for("team.index"))


@bp.route("/team/<int:user_id>/deactivate", methods=["POST"])
@login_required
def deactivate(user_id: int) -> ResponseReturnValue:
    require_coordinator()
    user = _member(user_id)
    _try(lambda: services.deactivate(user, current_user),
         _("%(name)s can no longer sign in.", name=user.name))  # fmt: skip
    return redirect(url_for("team.index"))


@bp.route("/team/<int:user_id>/activate", methods=["POST"])
@login_required
def activate(user_id: int) -> ResponseReturnValue:
    require_coordinator()
    user = _member(user_id)
    services.activate(user)
    flash(_("%(name)s can sign in again.", name=user.name), "success")
    return redirect(url_for("team.index"))


@bp.route("/team/<int:user_id>/invite-again", methods=["POST"])
@login_required
def invite_again(user_id: int) -> ResponseReturnValue:
    require_coordinator()
    user = _member(user_id)
    _try(lambda: services.invite_again(user, current_user, school_now()),
         _("A new invitation for %(name)s is in the outbox.", name=user.name))  # fmt: skip
    return redirect(url_for("team.index"))


def _try(change: Callable[[], None], done: str) -> None:
    try:
        change()
    except services.TeamError as error:
        flash(team_error(error.code), "error")
    else:
        flash(done, "success")


@bp.route("/team/mail/<int:message_id>")
@login_required
def invitation_mail(message_id: int) -> ResponseReturnValue:
    """The invitation mail as the colleague will see it (while no mail server is set up,
    the coordinator can pass its link on)."""
    require_coordinator()
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.kind != f"team-{services.INVITE}":
        abort(404)
    user = services.find_member_by_address(_school(), message.to_address)
    if user is None:
        abort(404)
    return render_template("team/mail.html", message=message, person=user)


# --- public: one-time links ----------------------------------------------------------------


def _private(response: ResponseReturnValue) -> ResponseReturnValue:
    """The one-time link is in the URL: not indexed, not cached, no Referer."""
    from flask import make_response

    return private(make_response(response))


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def welcome(token: str) -> ResponseReturnValue:
    return _private(_choose_password(token, services.INVITE))


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset(token: str) -> ResponseReturnValue:
    return _private(_choose_password(token, services.RESET))


def _choose_password(token: str, purpose: str) -> ResponseReturnValue:
    user = services.user_for_token(token, purpose)
    if user is None:
        return render_template("team/link_invalid.html", purpose=purpose), 404
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            services.set_password(user, form.password.data or "")
        except services.TeamError as error:
            form.password.errors.append(team_error(error.code))
        else:
            flash(_("Your password is set. Sign in with your e-mail address and password."),
                  "success")  # fmt: skip
            return redirect(url_for("auth.login"))
    return render_template("team/password.html", form=form, person=user, purpose=purpose)


@bp.route("/password/forgot", methods=["GET", "POST"])
@throttle.public  # no token: every reset request counts together, and per address
def forgot() -> ResponseReturnValue:
    form = ForgotForm()
    if form.validate_on_submit():
        services.request_reset(form.email.data or "")
        flash(_("If this address belongs to an account, a mail with a link is on its way. "
                "The link works once, for one hour."), "info")  # fmt: skip
        return redirect(url_for("auth.login"))
    return _private(render_template("team/forgot.html", form=form))


@bp.route("/team/mail/<int:message_id>/body")
@login_required
def invitation_body(message_id: int) -> ResponseReturnValue:
    require_coordinator()
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.kind != f"team-{services.INVITE}":
        abort(404)
    if services.find_member_by_address(_school(), message.to_address) is None:
        abort(404)
    return preview.body_response(message.html)
