"""Rate limits shared by every worker: counters in the database, not in one process.

Why a table and not Flask-Limiter: Flask-Limiter keeps its counters in memory (per gunicorn
worker, so N workers allow N times the limit) unless it is given Redis, Memcached or
MongoDB; the embedded installation has none of these, only its SQLite file. A counter
row per key and fixed window, raised with one atomic upsert, works the same on SQLite and
PostgreSQL and needs no extra service. Keys are HMACs of (purpose, value, window) with the
app's secret, so the table holds no e-mail address or IP address.

The client address is `request.remote_addr`. Behind a reverse proxy, set
EVENTKIT_TRUSTED_PROXIES to the number of proxies in front of the app: only then does
ProxyFix take the address from X-Forwarded-For (see eventkit.ops), never blindly.

Two uses:
- login failures (eventkit.auth): strict per account, generous per address (a school's
  Wi-Fi behind NAT is one address for the whole staff room);
- public form posts: every POST to a public route (/e/, /i/, /t/, /a/, /f/, /n/ followed by a
  token) is counted per token and per address; any other view opts in with
  `@throttle.public`. Over the limit the parent gets a plain 429 page in their language.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from flask import Flask, Response, current_app, render_template, request
from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .extensions import db
from .models import RateCounter, utcnow

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Limit:
    """At most `count` hits per `seconds` (a fixed window)."""

    count: int
    seconds: int


# A whole class answering at once from the school's NAT must pass; a script must not.
PUBLIC_PER_TOKEN = Limit(30, 60)
PUBLIC_PER_ADDRESS = Limit(300, 60)
# The first path segment of the blueprint-less public pages (a token follows).
PUBLIC_PREFIXES = ("e", "i", "t", "a", "f", "n")
# A link a whole room uses at once gets more: every parent scans the evaluation's QR code
# (/f/) at the end of the evening; a table's phones send a burst of notes kept offline when
# the Wi-Fi comes back (/t/, /a/).
PER_TOKEN_BY_PREFIX: dict[str, Limit] = {
    "f": Limit(600, 60),
    "t": Limit(120, 60),
    "a": Limit(120, 60),
}


def _window(limit: Limit, now: datetime) -> tuple[int, datetime]:
    """The number of the window `now` falls in and the moment it ends."""
    epoch = now.timestamp() if now.tzinfo else (now - datetime(1970, 1, 1)).total_seconds()
    number = math.floor(epoch / limit.seconds)
    end = datetime(1970, 1, 1) + timedelta(seconds=(number + 1) * limit.seconds)
    return number, end


def _key(scope: str, value: str, limit: Limit, number: int) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = f"{scope}\0{value}\0{limit.seconds}\0{number}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def hit(
    scope: str, value: str, limit: Limit, now: datetime, *, sweep: bool = True
) -> tuple[int, datetime]:
    """Count one hit; return the count in the current window and when the window ends.

    One upsert statement, so two workers counting at once never lose a hit. The first hit
    of a window also drops the ended windows, unless `sweep` is off (a counter that starts
    a window for nearly every hit, such as one per parent's link, leaves that to another)."""
    number, end = _window(limit, now)
    key = _key(scope, value, limit, number)
    dialect = db.engine.dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(RateCounter)
        .values(key=key, count=1, expires_at=end)
        .on_conflict_do_update(
            index_elements=[RateCounter.key], set_={"count": RateCounter.count + 1}
        )
        .returning(RateCounter.count)
    )
    count = int(db.session.execute(statement).scalar_one())
    if count == 1 and sweep:  # a new window: a good moment to drop the ended ones
        db.session.execute(delete(RateCounter).where(RateCounter.expires_at < now))
    db.session.commit()
    return count, end


def peek(scope: str, value: str, limit: Limit, now: datetime) -> tuple[int, datetime]:
    """The count so far in the current window, without counting."""
    number, end = _window(limit, now)
    row = db.session.get(RateCounter, _key(scope, value, limit, number))
    return (row.count if row is not None else 0), end


def forget(scope: str, value: str, limit: Limit, now: datetime) -> None:
    """Clear the current window (a successful sign-in clears the account's failures)."""
    number, _end = _window(limit, now)
    key = _key(scope, value, limit, number)
    db.session.execute(delete(RateCounter).where(RateCounter.key == key))
    db.session.commit()


def client_address() -> str:
    return request.remote_addr or "unknown"


# --- public pages ---------------------------------------------------------------------------


def public(view: F | None = None, *, per_token: Limit | None = None) -> Any:
    """Opt a view in to the public POST limits (per token and per address):
    `@throttle.public`, or `@throttle.public(per_token=Limit(100, 60))` for a link that a
    whole room shares."""

    def mark(target: F) -> F:
        target._eventkit_public_limit = per_token or True  # type: ignore[attr-defined]
        return target

    return mark(view) if view is not None else mark


def _token_limit() -> Limit | None:
    """The per-token limit of this request, or None when it is not a public POST."""
    if request.method != "POST" or request.url_rule is None or request.endpoint is None:
        return None
    view = current_app.view_functions.get(request.endpoint)
    marked = getattr(view, "_eventkit_public_limit", None)
    if isinstance(marked, Limit):
        return marked
    segments = request.url_rule.rule.strip("/").split("/")
    by_path = len(segments) >= 2 and segments[0] in PUBLIC_PREFIXES and segments[1][:1] == "<"
    if marked or by_path:
        return PER_TOKEN_BY_PREFIX.get(segments[0], PUBLIC_PER_TOKEN)
    return None


def _token() -> str:
    """The token of the public page: its first URL argument."""
    values = request.view_args or {}
    return str(next(iter(values.values()), ""))


def check_public_post() -> Response | None:
    """The before-request hook: a public POST over either limit gets the 429 page. With
    the limits off nothing is looked at, counted or written."""
    if not current_app.config.get("EVENTKIT_RATE_LIMITS", True):
        return None
    per_token = _token_limit()
    if per_token is None:
        return None
    now = utcnow()
    # One count per token across the pages under it (/t/<token> and /t/<token>/entries).
    prefix = request.url_rule.rule.strip("/").split("/")[0] if request.url_rule else ""
    scope = f"public-token:{prefix}"
    # Nearly every parent's link opens a window of its own: the address's counter, new
    # once a minute per address, sweeps the ended windows instead.
    by_token, token_end = hit(scope, _token(), per_token, now, sweep=False)
    by_address, address_end = hit("public-address", client_address(), PUBLIC_PER_ADDRESS, now)
    over = [
        end
        for count, end, limit in (
            (by_token, token_end, per_token),
            (by_address, address_end, PUBLIC_PER_ADDRESS),
        )
        if count > limit.count
    ]
    return too_many(max(over) - now) if over else None


def too_many(wait: timedelta) -> Response:
    """The plain 429 page in the parent's language, with Retry-After."""
    from .invitations import texts
    from .parents import speak

    speak()
    seconds = max(1, math.ceil(wait.total_seconds()))
    page = render_template("rsvp/too_many.html", languages=texts.language_links(), seconds=seconds)
    response = Response(page, status=429)
    response.headers["Retry-After"] = str(seconds)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def init_app(app: Flask) -> None:
    app.before_request(check_public_post)
