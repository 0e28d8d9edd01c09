"""The door on the evening: who is expected, and checking people in."""

from __future__ import annotations

from dataclasses import dataclass

from ..extensions import db
from ..models import Answer, Event, Participant


@dataclass(frozen=True)
class DoorList:
    rows: list[Participant]
    expected: int
    present: int


def expected(participant: Participant) -> bool:
    """Staff and walk-ins are expected; carers when their household said yes or maybe."""
    if participant.role == "staff" or participant.walk_in:
        return True
    response = participant.household.response if participant.household else None
    return response is not None and response.answer in (Answer.YES.value, Answer.MAYBE.value)


def door_list(event: Event, query: str = "", everyone: bool = False) -> DoorList:
    needle = query.strip().lower()
    people = [p for p in event.participants if everyone or expected(p) or p.present]
    if needle:
        people = [p for p in people if needle in _search_text(p)]
    people.sort(key=lambda p: (p.last_name.lower(), p.first_name.lower()))
    return DoorList(
        rows=people,
        expected=sum(1 for p in event.participants if expected(p)),
        present=sum(1 for p in event.participants if p.present),
    )


def _search_text(person: Participant) -> str:
    children = person.household.pupils if person.household else []
    names = [person.first_name, person.last_name, *(c.first_name for c in children)]
    return " ".join(names).lower()


def set_present(event: Event, participant_id: int, present: bool) -> Participant | None:
    person = next((p for p in event.participants if p.id == participant_id), None)
    if person is not None:
        person.present = present
        db.session.commit()
    return person
