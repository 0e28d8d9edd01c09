"""A meeting whose people are stored in every place eventkit keeps personal data, and a
scanner that looks for any trace of them in every table and every file."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import select
from werkzeug.test import TestResponse

from eventkit import audit
from eventkit.extensions import db
from eventkit.grouping import services as grouping
from eventkit.invitations.links import grouped
from eventkit.models import Event, Household, NoteEntry, Participant, User
from tests.invitations.conftest import add_household
from tests.participants.conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes


@dataclass
class Stored:
    """The meeting and the strings that identify its people (names, addresses, links)."""

    event: Event
    needles: set[str] = field(default_factory=set)


def needles_of(event: Event, rows: Iterable[list[str]] = ()) -> set[str]:
    found: set[str] = set()
    for person in db.session.scalars(select(Participant).where(Participant.event_id == event.id)):
        found |= {person.email.lower(), person.phone, person.last_name}
    for household in db.session.scalars(select(Household).where(Household.event_id == event.id)):
        found |= {household.token, grouped(household.token)}  # grouped: as printed
        found |= {pupil.last_name for pupil in household.pupils}
    for row in rows:  # the uploaded file's people, never imported
        found |= {row[6].lower(), row[2]}
    return {n for n in found if n and len(n) >= 4}


def _texts(value: object) -> Iterable[str]:
    if isinstance(value, bytes):
        if value[:2] == b"PK":  # Word and Excel files: read every part
            with zipfile.ZipFile(io.BytesIO(value)) as archive:
                for name in archive.namelist():
                    yield archive.read(name).decode("utf-8", "replace")
        else:
            yield value.decode("utf-8", "replace")
    elif value is not None:
        yield str(value)


def traces(needles: set[str], folders: Iterable[Path]) -> list[str]:
    """Where any needle is still found: 'table.column' for rows, the path for files."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()).mappings():
            for column, value in row.items():
                for text in _texts(value):
                    low = text.lower()
                    if any(n.lower() in low for n in needles):
                        found.append(f"{table.name}.{column}")
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                low = path.read_bytes().decode("utf-8", "replace").lower()
                if any(n.lower() in low for n in needles):
                    found.append(str(path))
    return sorted(set(found))


@pytest.fixture
def import_dir(app: Flask, tmp_path: Path) -> Path:
    folder = tmp_path / "imports"
    app.config["EVENTKIT_IMPORT_DIR"] = str(folder)
    return folder


@pytest.fixture
def stored(
    app: Flask, signed_in: FlaskClient, coordinator: User, make_event: Callable[..., Event],
    import_dir: Path,
) -> Stored:  # fmt: skip
    """People in every place: households, answers, seats, mail, a Word file, an upload
    waiting for its confirmation, a note signed with a first name and audit entries."""
    event = make_event(status="invited")
    add_household(event, answer={"question": "Mag Ayşe eerder weg?"})
    add_household(
        event,
        children=(("Daan", "Brouwer", "3A", "3"),),
        carers=(("Petra Brouwer", "petra.brouwer@example.test"),),
        answer={"answer": "maybe"},
    )
    db.session.add(
        Participant(event=event, role="staff", first_name="Joost", last_name="Mentorsma",
                    email="j.mentorsma@school.test", phone="0301234567")
    )  # fmt: skip
    db.session.commit()
    grouping.add_tables(event, 1, 1, 10)
    grouping.make_groups(event)
    assert signed_in.post(f"/events/{event.id}/mail/send/parents").status_code == 302
    assert signed_in.post(f"/events/{event.id}/invitations/word").status_code == 302
    upload = signed_in.post(
        f"/events/{event.id}/participants/import",
        data={"file": (io.BytesIO(csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS)), "k.csv"),
              "kind": "auto"},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert upload.status_code == 302
    db.session.add(NoteEntry(event_id=event.id, kind="idea", text="Meer uitleg", author="Fatma"))
    db.session.commit()
    audit.record(coordinator, "export", event, "adressen.csv")
    needles = needles_of(event, MAGISTER_ROWS) | {"Fatma"}
    return Stored(event, needles)


class Parent:
    """A parent's browser. The tests' app context outlives each request, so what a real
    server forgets between requests (the signed-in user, the page language) is dropped."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, url: str, **kwargs: object) -> TestResponse:
        g.pop("_login_user", None)
        refresh()
        return self.client.get(url, **kwargs)


@pytest.fixture
def parent(app: Flask) -> Parent:
    return Parent(app.test_client())
