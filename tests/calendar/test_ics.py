"""Calendar files: the shape RFC 5545 asks for, and what three independent parsers read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject

from eventkit.calendar import ics
from eventkit.events.schedule import note_schedule_change, schedule_of
from eventkit.events.services import EventData, update_event
from eventkit.exports import registry
from eventkit.models import Event, Participant
from tests.snapshots import IcsSnapshot

from .conftest import STAMP, SUMMER, WINTER, parse_with_icaljs, parse_with_libical

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def entry(**changes: Any) -> ics.CalendarEntry:
    values: dict[str, Any] = {
        "uid": "0123abcd-7@eventkit.test",
        "sequence": 2,
        "stamp": STAMP,
        "start": datetime(2030, 12, 10, 19, 0, tzinfo=AMSTERDAM),
        "end": datetime(2030, 12, 10, 21, 15, tzinfo=AMSTERDAM),
        "summary": "Ouderavond aanwezigheid",
        "location": "Schoolstraat 1, Aula",
        "description": "Agenda:\n19:00  Inloop\n19:15  Start: gesprek in de arena, met ouders, "
        "mentoren en teamleiders samen aan tafel",
        "organizer": ics.Person("OBS De Linde", "ouders@delinde.example"),
        "attendee": ics.Person("Jan de Vries", "jan@delinde.example"),
        "rsvp": True,
        "alarm": "Morgen: Ouderavond aanwezigheid",
    }
    values.update(changes)
    return ics.CalendarEntry(**values)


def lines(body: bytes) -> list[bytes]:
    return body.split(b"\r\n")[:-1]


def test_render_matches_the_snapshot(snapshot: Any) -> None:
    """The whole file, byte for byte (DTSTAMP pinned). Update the snapshot on purpose only
    (`pytest --snapshot-update`); it is __snapshots__/test_ics/<this test>.ics."""
    assert ics.render(entry(), "REQUEST") == snapshot.use_extension(IcsSnapshot)


@pytest.mark.parametrize("method", ["PUBLISH", "REQUEST", "CANCEL"])
def test_crlf_folding_and_one_of_each(method: str) -> None:
    body = ics.render(entry(description="Lange tekst " * 40), method)  # type: ignore[arg-type]
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines(body))
    vevent = body.split(b"BEGIN:VEVENT")[1]
    for name in (b"UID", b"DTSTAMP", b"SEQUENCE", b"DTSTART", b"ORGANIZER"):
        assert len(re.findall(rb"^" + name + rb"[:;]", vevent, re.M)) == 1, name
    assert f"METHOD:{method}".encode() in lines(body)
    assert (b"BEGIN:VALARM" in body) == (method != "CANCEL")
    assert (b"STATUS:CANCELLED" in body) == (method == "CANCEL")


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError):
        ics.render(entry(), "REPLY")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "utc"),
    [(WINTER, datetime(2030, 12, 10, 18, 0, tzinfo=UTC)),
     (SUMMER, datetime(2030, 6, 11, 17, 0, tzinfo=UTC))],
)  # fmt: skip
def test_vobject_validates_and_reads_the_start(
    meeting: Callable[..., Event], day: date, utc: datetime
) -> None:
    body = ics.event_calendar(meeting(day), stamp=STAMP).decode()
    cal = vobject.readOne(body, validate=True)
    assert cal.vevent.dtstart.value.astimezone(UTC) == utc
    assert cal.vevent.dtend.value - cal.vevent.dtstart.value == timedelta(hours=2, minutes=15)


def test_three_parsers_agree_on_the_utc_start(
    meeting: Callable[..., Event],
    make_staff: Callable[..., Participant],
    tmp_path: Path,
) -> None:
    """ical.js (Thunderbird), libical (Evolution, KDE) and vobject read the same instant,
    in winter (UTC+1) and summer (UTC+2), for an export and a staff invitation."""
    files, expected = [], {}
    for day, utc in ((WINTER, "20301210T180000Z"), (SUMMER, "20300611T170000Z")):
        event = meeting(day, title=f"Ouderavond {day:%B}")
        staff = make_staff(event, first_name=f"Jan{day.month}")
        for method, attendee in (("PUBLISH", None), ("REQUEST", staff), ("CANCEL", staff)):
            path = tmp_path / f"{day.month}-{method}.ics"
            path.write_bytes(
                ics.event_calendar(event, method=method, attendee=attendee, stamp=STAMP)
            )
            files.append(path)
            expected[str(path)] = (utc, method, ics.uid_for(event, attendee))
    by_js, by_libical = parse_with_icaljs(files), parse_with_libical(files)
    for name, (utc, method, uid) in expected.items():
        instant = datetime.strptime(utc, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        by_vobject = vobject.readOne(Path(name).read_text(), validate=True)
        assert by_vobject.vevent.dtstart.value.astimezone(UTC) == instant
        assert by_js[name]["start"] == instant.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        assert by_libical[name]["start"] == utc
        assert by_js[name]["uid"] == by_libical[name]["uid"] == uid
        assert by_js[name]["method"] == method
        assert by_libical[name]["method"] == method.lower()
        assert by_libical[name]["valid"] and by_libical[name]["errors"] == 0, name


def test_one_timezone_definition_serves_every_year(meeting: Callable[..., Event]) -> None:
    """vobject, like many calendar programs, reuses the first VTIMEZONE it saw for a TZID."""
    this_year = meeting(date.today() + timedelta(days=30))
    vobject.readOne(ics.event_calendar(this_year).decode())
    summer = vobject.readOne(ics.event_calendar(meeting(SUMMER)).decode())
    assert summer.vevent.dtstart.value.astimezone(UTC) == datetime(2030, 6, 11, 17, 0, tzinfo=UTC)


def test_uid_is_stable_across_exports_and_differs_per_invitee(
    meeting: Callable[..., Event], make_staff: Callable[..., Participant]
) -> None:
    event = meeting()
    jan, eva = make_staff(event, "Jan"), make_staff(event, "Eva")
    first = vobject.readOne(ics.event_calendar(event).decode())
    again = vobject.readOne(ics.event_calendar(event).decode())
    assert first.vevent.uid.value == again.vevent.uid.value == f"{event.uid}@eventkit.test"
    assert len({ics.uid_for(event), ics.uid_for(event, jan), ics.uid_for(event, eva)}) == 3


def test_invitation_has_organizer_attendee_alarm_and_agenda(
    meeting: Callable[..., Event], make_staff: Callable[..., Participant]
) -> None:
    event = meeting()
    jan = make_staff(event, "Jan", last_name="de Vries")
    cal = vobject.readOne(
        ics.event_calendar(event, method="REQUEST", attendee=jan, stamp=STAMP).decode()
    )
    vevent = cal.vevent
    assert cal.method.value == "REQUEST"
    assert vevent.attendee.value == "mailto:jan@delinde.example"
    assert vevent.attendee.params["RSVP"] == ["TRUE"]
    assert vevent.attendee.params["CN"] == ["Jan de Vries"]
    assert vevent.organizer.params["CN"] == ["OBS De Linde"]
    assert vevent.location.value == "Schoolstraat 1, Aula"
    assert vevent.valarm.trigger.value == timedelta(days=-1)
    assert vevent.dtstamp.value == STAMP
    assert "19:00  Inloop" in vevent.description.value
    assert "21:05  Afsluiting" in vevent.description.value


@pytest.mark.parametrize(
    ("change", "raised"),
    [({"start_time": time(19, 30)}, True),
     ({"date": WINTER + timedelta(days=7)}, True),
     ({"planned_end": time(21, 45)}, True),
     ({"location": "Kerkstraat 3"}, True),
     ({"room": "Gymzaal"}, True),
     ({"title": "Een andere titel", "goal": "Iets anders"}, False),
     ({"start_time": time(19, 0)}, False)],
)  # fmt: skip
def test_sequence_rises_when_time_or_place_change(
    meeting: Callable[..., Event], change: dict[str, Any], raised: bool
) -> None:
    event = meeting()
    update_event(event, replace(EventData.of(event), **change))
    assert event.ics_sequence == int(raised)
    cal = vobject.readOne(ics.event_calendar(event).decode())
    assert int(cal.vevent.sequence.value) == int(raised)


def test_note_schedule_change_reports_and_counts_up(meeting: Callable[..., Event]) -> None:
    event = meeting()
    before = schedule_of(event)
    assert note_schedule_change(event, before) is False
    event.room = "Gymzaal"
    assert note_schedule_change(event, before) is True
    event.room = "Aula"
    assert note_schedule_change(event, before | {"room": "Gymzaal"}) is True
    assert event.ics_sequence == 2


def test_export_shape_and_the_end_of_the_agenda_without_planned_end(
    meeting: Callable[..., Event],
) -> None:
    event = meeting(planned_end=None)
    name, mimetype, body = registry.get("ics").render(event)
    assert (name, mimetype) == ("calendar-ouderavond-aanwezigheid.ics", "text/calendar")
    cal = vobject.readOne(body.decode())
    assert cal.vevent.dtend.value.strftime("%H:%M") == "21:15"  # the default agenda's end


@pytest.mark.parametrize(
    ("status", "method", "expected"),
    [("concept", "PUBLISH", "TENTATIVE"),
     ("invited", "PUBLISH", "CONFIRMED"),
     ("invited", "REQUEST", "CONFIRMED"),
     ("cancelled", "PUBLISH", "CANCELLED"),
     ("concept", "CANCEL", "CANCELLED")],
)  # fmt: skip
def test_status_follows_the_meeting_in_three_parsers(
    meeting: Callable[..., Event],
    make_staff: Callable[..., Participant],
    tmp_path: Path,
    status: str,
    method: str,
    expected: str,
) -> None:
    """TENTATIVE while a concept, CANCELLED when off, CONFIRMED otherwise: read back by
    vobject, ical.js and libical alike."""
    event = meeting(status=status)
    attendee = make_staff(event) if method != "PUBLISH" else None
    path = tmp_path / "status.ics"
    path.write_bytes(ics.event_calendar(event, method=method, attendee=attendee, stamp=STAMP))  # type: ignore[arg-type]
    name = str(path)
    assert vobject.readOne(path.read_text(), validate=True).vevent.status.value == expected
    assert parse_with_icaljs([path])[name]["status"] == expected
    by_libical = parse_with_libical([path])[name]
    assert by_libical["status"].upper() == expected
    assert by_libical["valid"] and by_libical["errors"] == 0


def test_one_end_time_for_letter_mail_page_and_calendar(
    meeting: Callable[..., Event],
) -> None:
    """The agenda runs until 21:15 but the school planned 21:00: every place says 21:00."""
    from eventkit.agenda.services import end_of, plan
    from eventkit.invitations import data as invitation_data
    from eventkit.rsvp import services as rsvp_services

    event = meeting(planned_end=time(21, 0))
    assert plan(event).end.strftime("%H:%M") == "21:15" and plan(event).runs_late
    assert end_of(event).strftime("%H:%M") == "21:00"
    cal = vobject.readOne(ics.event_calendar(event).decode())
    assert cal.vevent.dtend.value.strftime("%H:%M") == "21:00"
    assert rsvp_services.times(event) == ("19:00", "21:00")
    assert ("Tijd", "19:00–21:00") in invitation_data.letter(event, "nl").facts
