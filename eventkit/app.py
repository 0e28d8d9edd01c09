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
    from . import i18n
    from .database import configure_engine
    from .extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    configure_engine(app)
    migrate.init_app(app, db, directory=str(PACKAGE / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"


def register_blueprints(app: Flask) -> None:
    from .agenda.views import bp as agenda_bp
    from .auth.views import bp as auth_bp
    from .calendar.views import bp as calendar_bp
    from .checkin.views import bp as checkin_bp
    from .events.views import bp as events_bp
    from .exports.views import bp as exports_bp
    from .grouping.views import bp as grouping_bp
    from .invitations.views import bp as invitations_bp
    from .jobs.views import bp as jobs_bp
    from .mail.views import bp as mail_bp
    from .participants.views import bp as participants_bp
    from .rsvp.views import bp as rsvp_bp

    blueprints = (auth_bp, events_bp, agenda_bp, exports_bp, jobs_bp, grouping_bp, participants_bp)
    blueprints += (checkin_bp,)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    for blueprint in (mail_bp, calendar_bp):
        app.register_blueprint(blueprint)
    for blueprint in (invitations_bp, rsvp_bp):
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    from flask import render_template

    def render_error(error: Any) -> tuple[str, int]:
        code = getattr(error, "code", 500)
        return render_template("error.html", code=code), code

    for code in (400, 403, 404, 413, 500):
        app.register_error_handler(code, render_error)


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
