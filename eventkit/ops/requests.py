"""Every request gets an id: in the X-Request-ID response header, on the error page and in
every log line written while it runs, so "reference 3f2a…" on a screenshot finds the log.

Behind a reverse proxy, EVENTKIT_TRUSTED_PROXIES=N makes ProxyFix believe the last N
X-Forwarded-* values; without it those headers are ignored (a client can write anything)."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from flask.logging import default_handler
from werkzeug.middleware.proxy_fix import ProxyFix

# A proxy's id is kept if it looks like one (no spaces, no markup, not too long).
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
LOG_FORMAT = "[%(asctime)s] %(levelname)s in %(module)s [%(request_id)s]: %(message)s"


def current_id() -> str:
    if has_request_context():
        return str(g.get("request_id", "-"))
    return "-"


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (a dash outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_id()
        return True


def _assign() -> None:
    offered = request.headers.get("X-Request-ID", "")
    g.request_id = offered if SANE_ID.match(offered) else uuid.uuid4().hex


def _echo(response: Response) -> Response:
    response.headers["X-Request-ID"] = current_id()
    return response


def init_app(app: Flask) -> None:
    proxies = int(app.config.get("EVENTKIT_TRUSTED_PROXIES") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )
    app.before_request(_assign)
    app.after_request(_echo)
    if not any(isinstance(f, RequestIdFilter) for f in app.logger.filters):
        app.logger.addFilter(RequestIdFilter())
    if not any(isinstance(f, RequestIdFilter) for f in default_handler.filters):
        default_handler.addFilter(RequestIdFilter())
        default_handler.setFormatter(logging.Formatter(LOG_FORMAT))

    @app.context_processor
    def request_id_context() -> dict[str, Any]:
        return {"request_id": current_id()}
