"""The answer page of a household that has not answered yet, rendered once per meeting,
language and day instead of for every parent (issue 13: 600 parents opening their link in
the same minutes each paid for a whole Jinja and WTForms rendering of the same page).

Only three things on that page belong to the household: its link (in the form's action),
the form's CSRF token and its children's names. The page is rendered once with unguessable
marks in their place and kept; each parent gets a copy with the marks replaced (the names
HTML-escaped, as the template would have). A page with anything else of the household on
it (a stored answer to show, a refused form with its messages) is rendered as before.

The key holds every value the page shows that is not the household's: the meeting's
version (its updated_at moves with any change to it, its themes and agenda), its school's
columns, the agenda's times, the language, whether answering is
closed, whether the household has children named, whether CSRF protection is on and the
path the app is served at. Any change to any of them is a new key (in every worker,
whatever the clock says), so a kept page is never out of date.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from threading import Lock

from markupsafe import escape

from ..agenda import services as agenda_services
from ..models import Event, Response, School

PAGES_KEPT = 256
_MARK = secrets.token_hex(8)  # per process: no school's text can contain it by chance
TOKEN_MARK = f"tok{_MARK}"  # letters and digits only: unchanged by url_for and escaping
CSRF_MARK = f"csrf{_MARK}"
CHILDREN_MARK = f"kids{_MARK}"

_pages: OrderedDict[str, str] = OrderedDict()
_lock = Lock()
_SKIPPED = frozenset({"docx_template", "logo"})  # the school's files: not on the page
# What a kept page (or the quick lane's copy of the meeting) depends on: the meeting's
# version (its id and updated_at, which moves with any change to it, its agenda or themes)
# and its school's columns, all but the school's files (a school has no updated_at).
VERSION_COLUMNS = (Event.__table__.c.id, Event.__table__.c.updated_at)
SCHOOL_COLUMNS = tuple(c for c in School.__table__.columns if c.key not in _SKIPPED)


@dataclass(frozen=True)
class StandIn:
    """What the answer template reads of a household, for the kept copy: marks only."""

    token: str = TOKEN_MARK
    response: Response | None = None


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


def meeting_key(version: Sequence[object], school: Sequence[object], changes: int) -> str:
    """The version of a meeting as parents see it: the values of VERSION_COLUMNS and
    SCHOOL_COLUMNS, and how often this process saw it change (agenda.services.changes_of:
    a change under a test's frozen clock keeps updated_at still)."""
    return repr((tuple(map(_plain, version)), tuple(map(_plain, school)), changes))


def key_of(event: Event) -> str:
    """meeting_key of a loaded meeting."""
    return meeting_key(
        [getattr(event, c.key) for c in VERSION_COLUMNS],
        [getattr(event.school, c.key) for c in SCHOOL_COLUMNS],
        agenda_services.changes_of(event.id),
    )


def key(meeting: str, *facts: object) -> str:
    """Everything the kept page depends on that is not the household's: the meeting's
    version (`meeting_key`) and the `facts` of the request (language, closed or not, the
    agenda's times, children named or not, CSRF on or off, the path the app is served at)."""
    return repr((meeting, facts))


def kept(page_key: str) -> str | None:
    with _lock:
        page = _pages.get(page_key)
        if page is not None:
            _pages.move_to_end(page_key)
        return page


def fill(page: str, token: str, csrf_token: str, children: str) -> str:
    """A kept page with this household's link, CSRF token and children's names put in."""
    return (
        page.replace(TOKEN_MARK, str(escape(token)))
        .replace(CSRF_MARK, str(escape(csrf_token)))
        .replace(CHILDREN_MARK, str(escape(children)))
    )


def answer_page(
    page_key: str, token: str, csrf_token: str, children: str, render: Callable[[], str]
) -> str:
    """The kept page for `page_key` (rendered by `render()`, with the marks, when there is
    none yet) with this household's link, CSRF token and children's names put in."""
    page = kept(page_key)
    if page is None:
        page = render()
        with _lock:
            _pages[page_key] = page
            while len(_pages) > PAGES_KEPT:
                _pages.popitem(last=False)
    return fill(page, token, csrf_token, children)
