"""The application factory and its registration steps."""

from __future__ import annotations

import importlib
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
    from . import i18n, security, throttle
    from .database import configure_engine
    from flask_migrate import Migrate

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


# Each feature is a package with a `views.bp` blueprint.
FEATURES = (
    "auth", "events", "agenda", "participants", "invitations", "rsvp", "mail", "calendar",
    "grouping", "checkin", "exports", "jobs", "evaluation", "notes", "live", "aftercare",
    "ops", "school", "team", "privacy", "languages",
)  # fmt: skip


def register_blueprints(app: Flask) -> None:
    for feature in FEATURES:
        views = importlib.import_module(f".{feature}.views", __package__)
        app.register_blueprint(views.bp)


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
