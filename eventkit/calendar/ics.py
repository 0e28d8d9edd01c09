"""The one place that writes iCalendar (RFC 5545 / iTIP, RFC 5546) for a meeting.

`render(entry, method)` is pure: a CalendarEntry in, the bytes of a VCALENDAR out.
`event_calendar(event, ...)` gathers an entry from a meeting and the app's settings.

Identity: every copy of a meeting in somebody's calendar is found again by its UID, so
the UID never changes (the export has one per meeting, an invitation one per meeting and
invitee), and SEQUENCE (Event.ics_sequence) rises whenever time or place change, so a
calendar replaces the old copy instead of adding a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Alarm, Calendar, Timezone, vCalAddress, vText
from icalendar import Event as VEvent

from ..agenda import services as agenda_services
from ..config import host, organizer_address
from ..models import Event, Participant, PersonRole, Status

Method = Literal["PUBLISH", "REQUEST", "CANCEL"]
METHODS: tuple[Method, ...] = ("PUBLISH", "REQUEST", "CANCEL")
PRODID = "-//eventkit//parent dialogue meeting//EN"
MIMETYPE = "text/calendar"
TZ_FROM, TZ_UNTIL = date(2000, 1, 1), date(2038, 1, 1)


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    sequence: int
    stamp: datetime  # when this copy was made (aware)
    start: datetime  # aware, in the school's time zone
    end: datetime
    summary: str
    location: str
    description: str
    organizer: Person
    attendee: Person | None = None
    rsvp: bool = False  # ask the attendee's calendar to answer (staff); parents answer online
    url: str = ""
    alarm: str = ""  # the reminder's text; empty: no reminder
    alarm_before: timedelta = timedelta(days=1)
    cancelled: bool = False  # the meeting is off (also said by METHOD:CANCEL)
    tentative: bool = False  # still a concept: the date may move


def render(entry: CalendarEntry, method: Method = "PUBLISH") -> bytes:
    """The .ics bytes: CRLF line ends and 75-octet folding come from icalendar."""
    if method not in METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add_component(vtimezone(entry.start))
    cal.add_component(_vevent(entry, method))
    return cal.to_ical()


def vtimezone(start: datetime) -> Timezone:
    """The VTIMEZONE of the meeting's zone, from the system's tz database.

    It covers 2000 to 2038, not just the meeting's year: calendar programs (and vobject)
    keep the first definition they see for a TZID and use it for later files. And every
    transition gets its own RDATE line: vobject reads only the first date of a list.
    """
    if start.tzinfo is None:
        raise ValueError("a calendar entry starts at a time in a zone")
    last = date(max(TZ_UNTIL.year, start.year + 1), 12, 31)
    zone = Timezone.from_tzinfo(start.tzinfo, tzid=str(start.tzinfo), first_date=TZ_FROM,
                                last_date=last)  # fmt: skip
    for observance in zone.subcomponents:
        listed = observance.pop("RDATE", [])
        for dates in listed if isinstance(listed, list) else [listed]:
            for when in dates.dts:
                observance.add("rdate", when.dt)
    return zone


def _vevent(entry: CalendarEntry, method: Method) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", entry.stamp.astimezone(UTC))
    vevent.add("sequence", entry.sequence)
    vevent.add("dtstart", entry.start)
    vevent.add("dtend", entry.end)
    vevent.add("summary", entry.summary)
    if entry.location:
        vevent.add("location", entry.location)
    if entry.description:
        vevent.add("description", entry.description)
    if entry.url:
        vevent.add("url", entry.url)
    vevent.add("status", status_of(entry, method))
    vevent.add("transp", "OPAQUE")
    vevent.add("organizer", _address(entry.organizer))
    # A published entry has no attendees (RFC 5546 3.2.1): nothing to accept or decline.
    if entry.attendee is not None and method != "PUBLISH":
        attendee = _address(entry.attendee)
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "TRUE" if entry.rsvp else "FALSE"
        vevent.add("attendee", attendee)
    if entry.alarm and method != "CANCEL":
        vevent.add_component(_alarm(entry))
    return vevent


def status_of(entry: CalendarEntry, method: Method) -> str:
    """STATUS follows the meeting: CANCELLED when it is off, TENTATIVE while a concept."""
    if method == "CANCEL" or entry.cancelled:
        return "CANCELLED"
    return "TENTATIVE" if entry.tentative else "CONFIRMED"


def _address(person: Person) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = vText(person.name)
    return address


def _alarm(entry: CalendarEntry) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", entry.alarm)
    alarm.add("trigger", -entry.alarm_before)
    return alarm


# --- from a meeting ------------------------------------------------------------------------


def organizer_of(event: Event) -> Person:
    """Who the meeting is from in calendars: the school's coordinator, a person who reads
    the answers; without one, the school's sending address."""
    coordinator = event.school.coordinator
    if coordinator is not None:
        return Person(coordinator.name, coordinator.email)
    return Person(event.school.name, organizer_address())


def uid_for(event: Event, attendee: Participant | None = None) -> str:
    """One UID per meeting (the export) or per meeting and invitee (an invitation)."""
    if attendee is None:
        return f"{event.uid}@{host()}"
    return f"{event.uid}-{attendee.id}@{host()}"


def location_of(event: Event) -> str:
    return ", ".join(part for part in (event.location, event.room) if part)


def times_of(event: Event) -> tuple[datetime, datetime]:
    """Start and end, aware in the school's zone. The end is the planned end the school
    announced; without one, the end of the agenda."""
    plan = agenda_services.plan(event)
    zone = ZoneInfo(current_app.config["EVENTKIT_SCHOOL_TIMEZONE"])
    end = plan.announced_end
    return plan.start.replace(tzinfo=zone), end.replace(tzinfo=zone)


def agenda_items(
    event: Event, parts: bool = True, plain: bool = False
) -> list[tuple[str, str, int]]:
    """The agenda as (clock time, title, depth); parts (depth 1) only when asked; with
    `plain`, each block said plainly in the current language (for parents)."""
    from ..invitations.texts import plain_block

    return [
        (
            f"{slot.start:%H:%M}",
            plain_block(slot.block.kind, slot.block.title) if plain else slot.block.title,
            slot.depth,
        )
        for slot in agenda_services.plan(event).slots
        if parts or slot.depth == 0
    ]


def agenda_lines(event: Event, parts: bool = True) -> list[str]:
    """The agenda with clock times, e.g. '19:15  Start — arena dialogue'."""
    return [
        f"{'    ' * depth}{clock}  {title}" for clock, title, depth in agenda_items(event, parts)
    ]


def description_of(event: Event, link: str = "", parts: bool = True) -> str:
    paragraphs = [event.goal.strip()] if event.goal.strip() else []
    paragraphs.append("\n".join([_("Agenda") + ":", *agenda_lines(event, parts)]))
    if link:
        paragraphs.append(link)
    return "\n\n".join(paragraphs)


def entry_for(
    event: Event,
    attendee: Participant | None = None,
    *,
    stamp: datetime | None = None,
    link: str = "",
    rsvp: bool = False,
) -> CalendarEntry:
    start, end = times_of(event)
    return CalendarEntry(
        uid=uid_for(event, attendee),
        sequence=event.ics_sequence,
        stamp=stamp or datetime.now(UTC),
        start=start,
        end=end,
        summary=event.title,
        location=location_of(event),
        description=description_of(event, link, parts=rsvp or attendee is None),
        organizer=organizer_of(event),
        attendee=Person(attendee.name, attendee.email) if attendee is not None else None,
        rsvp=rsvp,
        url=link,
        alarm=_("Tomorrow: %(title)s", title=event.title),
        cancelled=event.status == Status.CANCELLED,
        tentative=event.status == Status.CONCEPT,
    )


def event_calendar(
    event: Event,
    *,
    method: Method = "PUBLISH",
    attendee: Participant | None = None,
    stamp: datetime | None = None,
    link: str = "",
    rsvp: bool | None = None,
    language: str | None = None,
) -> bytes:
    """The meeting as an .ics; with an attendee, that person's invitation (staff answer
    from their calendar: RSVP defaults to TRUE for staff). The few words of our own
    (the agenda heading, the reminder) are in `language`, by default the meeting's."""
    if rsvp is None:
        rsvp = attendee is not None and attendee.role == PersonRole.STAFF
    with force_locale(language or event.language):
        entry = entry_for(event, attendee, stamp=stamp, link=link, rsvp=rsvp)
    return render(entry, method)
