from __future__ import annotations

from datetime import UTC
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..clock import school_zone
from ..config import LANGUAGES
from ..extensions import db, login_manager
from ..models import User, utcnow
from ..throttle import client_address
from . import services
from .forms import LoginForm

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The session (or remember cookie) holds "id:version"; an older version is signed out."""
    number, _, version = user_id.partition(":")
    if not (number.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(number))
    if user is None or (user.session_version or 0) != int(version):
        return None
    return user


def _safe_next(target: str | None, default: str) -> str:
    """Only same-site paths: never redirect a signed-in user to another host."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


@bp.route("/")
def index() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("events.index"))
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(
                form.email.data or "", form.password.data or "", client_address(), utcnow()
            )
        except services.SignInThrottled as throttled:
            until = throttled.until.replace(tzinfo=UTC).astimezone(school_zone())
            message = _(
                "Too many failed sign-ins for this account or from this network. "
                "Try again after %(time)s.",
                time=until.strftime("%H:%M"),
            )
            form.password.errors.append(message)
            return render_template("auth/login.html", form=form), 429
        if user is None:
            form.password.errors.append(_("E-mail address or password is not correct."))
        else:
            lang = session.get("lang")
            session.clear()
            if lang:
                session["lang"] = lang
            login_user(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next"), url_for("events.index")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> ResponseReturnValue:
    services.sign_out(current_user)
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/language/<code>")
def language(code: str) -> ResponseReturnValue:
    if code in LANGUAGES:
        session["lang"] = code
    return redirect(_safe_next(request.args.get("next"), url_for("auth.index")))
