"""Security headers on every response.

A small after_request hook rather than Flask-Talisman: the policy is one fixed string (no
page has inline scripts or styles, so no nonces are needed), HTTPS and HSTS belong to the
reverse proxy in front of gunicorn, and Talisman does not set Cache-Control, which is the
header that keeps families' data out of shared browsers' caches here.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request, Response, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from werkzeug.routing import IntegerConverter
from werkzeug.routing.map import Map

from .domain.ids import MAX_ID

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: an id too large for the database is simply not found."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed session cookie, with no work for a request that brings none: every
    parent's request (the parents' pages need no session, see rsvp.forms.answer_token)
    gets an empty session without a signing serializer being made for it first."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    """Before the blueprints: their rules are compiled with the converter in place."""
    app.url_map.converters["int"] = IdConverter
    app.session_interface = SessionCookie()
    app.after_request(secure_headers)


def secure_headers(response: Response) -> Response:
    """Add the fixed headers (a view's own stricter Referrer-Policy stays), and no-store on
    everything but static files: staff pages and parents' pages carry personal data, and
    a page that does not today may tomorrow."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response
