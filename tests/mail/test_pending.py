"""The mail page's "new mails" per action are counted, not built (issue 13): each count
must be what the action would queue, whatever state the people and the outbox are in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.mail import outbox, services
from eventkit.models import Event, OutboxMessage, Participant, Status

Staff = Callable[..., Participant]
Carer = Callable[..., Participant]
TODAY = date(2030, 1, 1)


def mixed_meeting(meeting: Event, make_staff: Staff, make_carer: Carer) -> None:
    """Staff invited and not, parents of every answer, invited by mail, on paper or not."""
    make_staff(meeting, "Jan")
    make_staff(meeting, "Piet", email="")
    services.send(meeting, "staff")
    make_staff(meeting, "Eva")
    make_carer(meeting, "Yes", answer="yes")
    make_carer(meeting, "Maybe", answer="maybe", invited=True)
    make_carer(meeting, "No", answer="no", invited=True)
    make_carer(meeting, "Paper", invited=True)
    make_carer(meeting, "Silent")
    make_carer(meeting, "Mailed")
    make_carer(meeting, "Noaddress", email="", answer="yes")
    mailed = make_carer(meeting, "Mailedtoo")
    failed = make_carer(meeting, "Failed")
    for person, status in ((mailed, outbox.SENT), (failed, outbox.FAILED)):
        outbox.enqueue(kind="invitation", dedupe_key=services.key("invitation", meeting, person),
                       to_address=person.email, subject="Invitation", text="",
                       event_id=meeting.id)  # fmt: skip
        db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.to_address == person.email)
        ).one().status = status
    db.session.commit()


def expected(meeting: Event) -> dict[str, int]:
    return {a: len(services.targets(meeting, a, TODAY)) for a in services.ACTIONS}


def test_pending_counts_what_each_action_would_queue(
    meeting: Event, make_staff: Staff, make_carer: Carer
) -> None:
    mixed_meeting(meeting, make_staff, make_carer)
    counted = services.pending(meeting, TODAY)
    assert counted == expected(meeting) == {"staff": 1, "parents": 6, "remind": 4}
    services.send(meeting, "parents", TODAY)
    services.send(meeting, "remind", TODAY)
    only_eva = {"staff": 1, "parents": 0, "remind": 0}
    assert services.pending(meeting, TODAY) == expected(meeting) == only_eva
    assert services.pending(meeting, date(2030, 1, 2)) == {"staff": 1, "parents": 0, "remind": 7}
    assert services.pending(meeting, date(2030, 1, 2))["remind"] == len(
        services.targets(meeting, "remind", date(2030, 1, 2))
    )


def test_a_cancelled_meeting_has_nothing_to_send(
    meeting: Event, make_staff: Staff, make_carer: Carer
) -> None:
    mixed_meeting(meeting, make_staff, make_carer)
    meeting.status = Status.CANCELLED
    db.session.commit()
    assert (
        services.pending(meeting, TODAY) == expected(meeting) == dict.fromkeys(services.ACTIONS, 0)
    )


def test_the_page_shows_the_counts(
    english: FlaskClient, signed_in: FlaskClient, meeting: Event, make_staff: Staff,
    make_carer: Carer,
) -> None:  # fmt: skip
    mixed_meeting(meeting, make_staff, make_carer)
    page = signed_in.get(f"/events/{meeting.id}/mail").text
    shown = [
        f'<span class="muted">{text}</span>'
        for text in ("1 new mail", "6 new mails", "4 new mails")
    ]
    assert all(s in page for s in shown), page
