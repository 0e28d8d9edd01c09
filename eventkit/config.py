"""Settings from the environment.

Local mode (the default) runs on SQLite in the instance folder with a generated,
persisted secret key. Production mode (EVENTKIT_ENV=production) refuses to
start without SECRET_KEY and DATABASE_URL: no secret defaults there.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

LANGUAGES = ("nl", "en")
# Parent pages and invitations: the household's language (ar and fa are right-to-left).
# Somali, Tigrinya and Persian: the languages of the largest groups of newcomer families;
# Bulgarian: the EU labour migrants' families that read neither Dutch nor English.
PARENT_LANGUAGES = ("nl", "en", "tr", "ar", "pl", "uk", "so", "ti", "fa", "bg")
TRUE = ("1", "true", "yes", "on")


class ConfigError(RuntimeError):
    pass


def from_environment(instance_path: str) -> dict[str, Any]:
    env = os.environ
    production = env.get("EVENTKIT_ENV", "local") == "production"
    database_url = env.get("DATABASE_URL")
    secret = env.get("SECRET_KEY")
    if production and not (database_url and secret):
        raise ConfigError("production mode needs SECRET_KEY and DATABASE_URL in the environment")
    if not database_url:
        database_url = "sqlite:///" + str(Path(instance_path) / "eventkit.sqlite3")
    return {
        "SECRET_KEY": secret or _local_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "EVENTKIT_BASE_URL": base_url(env),
        "EVENTKIT_SCHOOL_TIMEZONE": env.get("EVENTKIT_TIMEZONE", "Europe/Amsterdam"),
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": env.get("EVENTKIT_TIMEZONE", "Europe/Amsterdam"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # "Keep me signed in" for two weeks at most (and ended by signing out anywhere).
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        # Rate limits on sign-in and the public forms (eventkit.throttle); tests switch them
        # off unless they test them.
        "EVENTKIT_RATE_LIMITS": env.get("EVENTKIT_RATE_LIMITS", "1").lower() in TRUE,
        # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host. 0 (the
        # default) trusts no such header: a client could write any address into it.
        "EVENTKIT_TRUSTED_PROXIES": int(env.get("EVENTKIT_TRUSTED_PROXIES") or 0),
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        **_mail_settings(env),
    }


def base_url(env: Mapping[str, str]) -> str:
    """The public address for links and QR codes; without EVENTKIT_BASE_URL it follows PORT,
    so `PORT=5077 scripts/run` prints letters that point to port 5077."""
    given = env.get("EVENTKIT_BASE_URL", "").strip()
    return (given or f"http://127.0.0.1:{env.get('PORT') or 5000}").rstrip("/")


def _mail_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The SMTP server of the outbox worker; without EVENTKIT_SMTP_HOST mail just waits."""
    return {
        "EVENTKIT_MAIL_FROM": env.get("EVENTKIT_MAIL_FROM", ""),
        "EVENTKIT_SMTP_HOST": env.get("EVENTKIT_SMTP_HOST", ""),
        "EVENTKIT_SMTP_PORT": int(env.get("EVENTKIT_SMTP_PORT") or 0),
        "EVENTKIT_SMTP_USER": env.get("EVENTKIT_SMTP_USER", ""),
        "EVENTKIT_SMTP_PASSWORD": env.get("EVENTKIT_SMTP_PASSWORD", ""),
        "EVENTKIT_SMTP_STARTTLS": env.get("EVENTKIT_SMTP_STARTTLS", "").lower() in TRUE,
        "EVENTKIT_SMTP_SSL": env.get("EVENTKIT_SMTP_SSL", "").lower() in TRUE,
        "EVENTKIT_SMTP_TIMEOUT": float(env.get("EVENTKIT_SMTP_TIMEOUT") or 30),
        # How long a worker may hold a message it is sending before another worker may
        # take it over (the worker may have died). Far above any SMTP conversation.
        "EVENTKIT_OUTBOX_LEASE": float(env.get("EVENTKIT_OUTBOX_LEASE") or 600),
    }


def _local_secret(instance_path: str) -> str:
    """A random key kept in the instance folder, so sessions survive a restart."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


# --- settings the running app reads ---------------------------------------------------------


def host() -> str:
    """The app's own domain (from EVENTKIT_BASE_URL): calendar UIDs and Message-IDs carry it,
    so they stay unique across schools' servers."""
    return urlsplit(current_app.config["EVENTKIT_BASE_URL"]).hostname or "eventkit.invalid"


def organizer_address() -> str:
    """The address mail comes from (EVENTKIT_MAIL_FROM), else noreply at the app's domain."""
    return str(current_app.config.get("EVENTKIT_MAIL_FROM") or f"noreply@{host()}")
