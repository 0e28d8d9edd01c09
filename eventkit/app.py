"""The application factory and its registration steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from . import config

PACKAGE = Path(__file__).resolve().parent


def _asset_folder(name: str) -> str:
    """templates/ and static/ sit beside the package in a checkout and inside it in a wheel."""
    inside = PACKAGE / name
    return str(inside if inside.is_dir() else PACKAGE.parent / name)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=_asset_folder("templates"),
        static_folder=_asset_folder("static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if test_config is None:
        app.config.from_mapping(config.from_environment(app.instance_path))
    else:
        app.config.from_mapping(config.from_environment(app.instance_path) | test_config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from flask_migrate import Migrate

    from . import i18n, security, throttle
    from .database import configure_engine
    from .extensions import babel, csrf, db, login_manager
    from .ops import requests
    from .privacy import logs

    db.init_app(app)
    configure_engine(app)
    Migrate(app, db, directory=str(PACKAGE / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    requests.init_app(app)
    throttle.init_app(app)
    security.init_app(app)
    logs.install(app.logger)


def register_blueprints(app: Flask) -> None:
    """Every feature's blueprint (its `views.bp`), named here so a reader and a type checker
    see them all."""
    from .aftercare.views import bp as aftercare
    from .agenda.views import bp as agenda
    from .auth.views import bp as auth
    from .checkin.views import bp as checkin
    from .evaluation.views import bp as evaluation
    from .events.views import bp as events
    from .exports.views import bp as exports
    from .grouping.views import bp as grouping
    from .invitations.views import bp as invitations
    from .jobs.views import bp as jobs
    from .languages.views import bp as languages
    from .live.views import bp as live
    from .mail.views import bp as mail
    from .notes.views import bp as notes
    from .ops.views import bp as ops
    from .participants.views import bp as participants
    from .privacy.views import bp as privacy
    from .rsvp.views import bp as rsvp
    from .school.views import bp as school
    from .team.views import bp as team

    for blueprint in (
        auth, events, agenda, participants, invitations, rsvp, mail, grouping,
        checkin, exports, jobs, evaluation, notes, live, aftercare, ops, school, team, privacy,
        languages,
    ):  # fmt: skip
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    from flask import render_template

    def render_error(error: Any) -> tuple[str, int]:
        code = getattr(error, "code", 500)
        return render_template("error.html", code=code), code

    for code in (400, 403, 404, 413, 429, 500):
        app.register_error_handler(code, render_error)


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
