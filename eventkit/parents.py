"""What every public parent page shares: the language it speaks and its private headers.

The RSVP pages, the walk-in sign-up, the evaluation, the aftercare page and the 429 page
all answer in the parent's language and must not be indexed, cached or leak their token in
a Referer.
"""

from __future__ import annotations

from flask import Response, g, request
from flask_babel import refresh

from .config import PARENT_LANGUAGES
from .invitations import texts
from .models import School


def speak(default: str | None = None, school: School | None = None) -> str:
    """The page's language, set for this request: ?lang= when the pages speak it, else the
    household's or meeting's (`default`, or the school's fallback for it), else the
    browser's, else Dutch."""
    lang = choose(texts.parent_language(default, school) if default else None)
    g.parent_locale = lang
    refresh()  # a locale looked up earlier in this request must not stick
    return lang


def choose(default: str | None) -> str:
    """The page's language without setting it (for a response that renders nothing): ?lang=
    when the pages speak it, else `default` (a language they speak), else the browser's,
    else Dutch."""
    chosen = request.args.get("lang", "")
    if chosen in PARENT_LANGUAGES:
        return chosen
    if default:
        return default
    return request.accept_languages.best_match(PARENT_LANGUAGES) or texts.DEFAULT


def private(response: Response) -> Response:
    """noindex, no Referer (the token is in the URL), not cached."""
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response
