"""The one way a file leaves the web app: `send_export`, and `download` for a registry kind.

Content-Disposition carries an ASCII `filename` for old clients and the exact name as an
RFC 5987 `filename*` (a title with é or Arabic letters stays readable); a file with
personal data says `no-store`, so no browser cache or proxy keeps a copy.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Response, abort, current_app
from flask_login import current_user
from werkzeug.http import quote_header_value

from .. import audit
from ..clock import school_now
from ..models import Event
from . import registry
from .registry import Export, Options


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266, RFC 5987)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = "".join(c if c.isprintable() and c not in '"\\/;' else "_" for c in plain)
    fallback = plain.strip() or "download"
    return (
        f"attachment; filename={quote_header_value(fallback)}; "
        f"filename*=UTF-8''{quote(name, safe='')}"
    )


def send_export(export: Export, *, personal: bool = True) -> Response:
    """The response for a finished file."""
    response = Response(export.body, mimetype=export.mimetype)
    response.headers["Content-Disposition"] = content_disposition(export.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if personal:
        response.headers["Cache-Control"] = "no-store"
    return response


def allowed(exporter: registry.Exporter) -> None:
    """403 unless the signed-in user's role may have this kind of file."""
    if not exporter.allows(current_user.role):
        abort(403)


def download(exporter_id: str, event: Event, fmt: str = "") -> Response:
    """A registry kind made now for the signed-in user (the caller checked the school:
    `access.event_for`). 404 for an unknown kind or format, or one the worker makes;
    403 for a role it is not for. Files with personal data are written in the audit log."""
    exporter = registry.find(exporter_id)
    if exporter is None or exporter.background or (fmt and fmt not in exporter.formats):
        abort(404)
    allowed(exporter)
    options = Options(fmt=fmt, base_url=current_app.config["EVENTKIT_BASE_URL"], now=school_now())
    export = exporter.render(event, options)
    if exporter.personal:
        audit.record(current_user, "export", event, exporter.audit_name(fmt))
    return send_export(export, personal=exporter.personal)
