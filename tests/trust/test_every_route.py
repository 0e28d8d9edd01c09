"""Every route of the app, walked as every role of another school, as anonymous and as
every role of the school itself: no 500 anywhere, and nothing of another school's data.

Data-driven: the routes come from `app.url_map`, so routes added later join by themselves.
URL arguments are filled with the objects of the school that is looked at: known names
from VALUES, `<int:…_id>` by the table its name points to, tokens by the page's prefix."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from werkzeug.routing import IntegerConverter, Rule

from eventkit import throttle
from eventkit.extensions import db
from eventkit.invitations import links
from eventkit.models import (
    Action,
    AgendaBlock,
    EventTable,
    Job,
    NoteEntry,
    SavedTemplate,
    School,
    Theme,
    User,
)
from tests.conftest import PASSWORD
from tests.invitations.conftest import add_household

ROLES = ("admin", "coordinator", "team", "facilitator")
# Words that only the looked-at school's data contains.
SECRETS = (
    "Quetzalschool", "Zebravinkavond", "Zwanenbeek", "Xandrapupil", "Blokzebra",
    "Themakraai", "Sjabloongeheim", "huisstijl-geheim", "zwanen@a.test", "Actiemees",
    "Notitiereiger", "resultaat-geheim",
)  # fmt: skip
# Never walked while signed in: signing out would end the walk.
SKIP_SIGNED_IN = {"auth.logout"}
STATUS_FOR_OTHERS = {200, 302, 400, 403, 404, 405}
# Answers >= 500 that are the page's purpose (tables made without migrations: "behind").
DESIGNED = {("ops.healthz", 503)}


class Looked:
    """The school that is looked at, with one of everything."""

    def __init__(self, app: Flask, make_event: Callable[..., Any]) -> None:
        self.school = School(name="Quetzalschool", docx_template_name="huisstijl-geheim.docx")
        self.school.docx_template = _docx()
        db.session.add(self.school)
        db.session.commit()
        self.event = make_event(title="Zebravinkavond", school_=self.school)
        self.event.blocks[0].title = "Blokzebra"
        theme = Theme(title="Themakraai", position=0)
        self.event.themes.append(theme)
        self.household = add_household(
            self.event,
            children=(("Xandrapupil", "Zwanenbeek", "2B", "2"),),
            carers=(("Olga Zwanenbeek", "zwanen@a.test"),),
            answer={"answer": "yes"},
        )
        self.table = EventTable(event=self.event, number=1, theme=theme)
        db.session.add(self.table)
        db.session.add(SavedTemplate(school_id=self.school.id, name="Sjabloongeheim", data={}))
        db.session.add(Action(event_id=self.event.id, title="Actiemees"))
        db.session.add(NoteEntry(event_id=self.event.id, kind="idea", text="Notitiereiger"))
        self.job = Job(
            event_id=self.event.id, kind="invitations", status="done",
            result_name="resultaat-geheim", result_mimetype="text/plain", result=b"Zwanenbeek",
        )  # fmt: skip
        db.session.add(self.job)
        db.session.commit()
        self.walkin = links.walkin_code(self.event, app.config["SECRET_KEY"])

    def token_for(self, rule: Rule) -> str:
        """The secret a public page's URL carries, by the page's first path segment."""
        first = rule.rule.strip("/").split("/")[0]
        return {
            "e": self.walkin,
            "t": self.table.note_token,
            "a": self.event.aftercare_token,
            "jobs": self.job.token,
        }.get(first, self.household.token)

    def id_for(self, name: str) -> int:
        """The id of this school's row that an `<int:name>` argument points to."""
        known = {
            "event_id": self.event.id,
            "block_id": _first(AgendaBlock, self.event.id),
            "person_id": self.household.carers[0].id,
            "participant_id": self.household.carers[0].id,
            "household_id": self.household.id,
            "table_id": self.table.id,
            "template_id": _school_row(SavedTemplate, self.school.id),
        }
        if name in known:
            return known[name]
        stem = name.removesuffix("_id")
        # Exact table names first, and only models with an id (not link tables), in a fixed
        # order: the registry is a set, so its order changes with the hash seed.
        mappers = sorted(
            (m for m in db.Model.registry.mappers if hasattr(m.class_, "id")),
            key=lambda m: (getattr(m.class_, "__tablename__", "") not in (stem + "s", stem),
                           getattr(m.class_, "__tablename__", "")),
        )  # fmt: skip
        for mapper in mappers:
            table = getattr(mapper.class_, "__tablename__", "")
            if table in (stem + "s", stem) or table.startswith(stem + "_"):
                found = _first(mapper.class_, self.event.id)
                if found:
                    return found
        return 1


def _docx() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def _first(model: Any, event_id: int) -> int:
    query = db.select(model.id)
    if hasattr(model, "event_id"):
        query = query.where(model.event_id == event_id)
    return int(db.session.scalar(query.order_by(model.id).limit(1)) or 0)


def _school_row(model: Any, school_id: int) -> int:
    query = db.select(model.id).where(model.school_id == school_id)
    return int(db.session.scalar(query.limit(1)) or 0)


VALUES: dict[str, Any] = {"kind": "tablesheets", "fmt": "docx", "action": "invite"}


def _fill(rule: Rule, looked: Looked) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in rule.arguments:
        if name not in rule._converters:  # given by the rule's defaults
            continue
        converter = type(rule._converters[name]).__name__
        if isinstance(rule._converters[name], IntegerConverter):  # also the bounded IdConverter
            converter = "IntegerConverter"
        if rule.rule.startswith("/language/"):
            values[name] = "en"
        elif name == "filename":
            values[name] = "css/eventkit.css"
        elif name in VALUES:
            values[name] = VALUES[name]
        elif converter == "IntegerConverter":
            values[name] = looked.id_for(name)
        elif converter == "AnyConverter":
            values[name] = sorted(rule._converters[name].items)[0]
        else:
            values[name] = looked.token_for(rule)
    return values


def _public_by_token(rule: Rule) -> bool:
    """A parent's page: the token in the URL is the key, so it shows that household."""
    segments = rule.rule.strip("/").split("/")
    return segments[0] in throttle.PUBLIC_PREFIXES and len(segments) > 1


def _walk(app: Flask, looked: Looked, signed_in: bool) -> Iterator[tuple[str, str, Rule]]:
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if signed_in and rule.endpoint in SKIP_SIGNED_IN:
                continue
            url = url_for(rule.endpoint, **_fill(rule, looked))
            for method in ("GET", "POST"):
                if method in (rule.methods or ()):
                    yield method, url, rule


def _request(client: FlaskClient, method: str, url: str) -> tuple[int, str]:
    """The status and the body as text (binary bodies decoded leniently)."""
    g.pop("_login_user", None)  # each request loads its user afresh, as in a real server
    answer = client.open(url, method=method, data={})
    try:
        return answer.status_code, answer.get_data().decode("utf-8", "replace")
    finally:
        answer.close()


def _error(rule: Rule, status: int) -> bool:
    return status >= 500 and (rule.endpoint, status) not in DESIGNED


def _leaks(text: str) -> list[str]:
    return [word for word in SECRETS if word in text]


@pytest.fixture
def looked(app: Flask, make_event: Callable[..., Any]) -> Looked:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 is listed, and the walk goes on
    return Looked(app, make_event)


@pytest.fixture
def other_school(app: Flask, make_event: Callable[..., Any]) -> School:
    school = School(name="Het Baken")
    db.session.add(school)
    db.session.commit()
    make_event(title="Eigen avond", school_=school)
    return school


def _signed_in(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    answer = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert answer.status_code == 302
    return client


@pytest.mark.parametrize("role", ROLES)
def test_another_schools_users_see_nothing(app, looked, other_school, make_user, role) -> None:
    client = _signed_in(app, make_user(role, school_=other_school))
    problems = []
    for method, url, rule in _walk(app, looked, signed_in=True):
        status, text = _request(client, method, url)
        public = _public_by_token(rule)
        if _error(rule, status) or (
            not public and status < 500 and status not in STATUS_FOR_OTHERS
        ):
            problems.append(f"{method} {url}: {status}")
        elif not public and _leaks(text):
            problems.append(f"{method} {url}: shows {_leaks(text)}")
    assert not problems, "\n".join(problems)


# Pages for getting in: signing in, and asking for a password reset link.
SIGN_IN_PAGES = ("auth.login", "team.forgot")
# Served to anyone by design: files, the health check, the notes' service worker.
PUBLIC_ASSETS = ("static", "ops.healthz", "notes.public.worker")


def test_anonymous_sees_only_public_pages(app, looked) -> None:
    client = app.test_client()
    problems = []
    for method, url, rule in _walk(app, looked, signed_in=False):
        status, text = _request(client, method, url)
        if _error(rule, status):
            problems.append(f"{method} {url}: {status}")
        elif _public_by_token(rule) or rule.endpoint in PUBLIC_ASSETS:
            continue
        elif status == 200 and rule.endpoint not in SIGN_IN_PAGES:
            problems.append(f"{method} {url}: 200 without signing in")
        elif _leaks(text):
            problems.append(f"{method} {url}: shows {_leaks(text)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_the_schools_own_users_get_no_error(app, looked, make_user, role) -> None:
    """Every page (GET) as each role of the school itself: no 500 (403 where not allowed)."""
    client = _signed_in(app, make_user(role, school_=looked.school))
    problems = []
    for method, url, rule in _walk(app, looked, signed_in=True):
        if method == "GET":
            status, _text = _request(client, method, url)
            if _error(rule, status):
                problems.append(f"{method} {url}: {status}")
    assert not problems, "\n".join(problems)


def test_the_walk_covers_every_route(app, looked) -> None:
    walked = {rule.endpoint for _m, _u, rule in _walk(app, looked, signed_in=False)}
    assert walked == {rule.endpoint for rule in app.url_map.iter_rules()}
