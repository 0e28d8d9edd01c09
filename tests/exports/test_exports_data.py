"""runsheet_data: what a meeting in the database gives the printed exports."""

from __future__ import annotations

from datetime import date, datetime

from eventkit.domain.agenda import Block, BlockKind, Slot
from eventkit.exports.data import (
    Known,
    Member,
    TableGroup,
    badges_of,
    fill_blanks,
    first_name,
    runsheet_data,
    table_groups_of,
    who_with_names,
    with_short_names,
)
from eventkit.extensions import db


def test_runsheet_data_from_the_default_meeting(make_event, make_user, coordinator) -> None:
    facilitator = make_user("facilitator", name="Ayşe Yılmaz")
    make_user("team", name="Jeroen de Vries")
    event = make_event(date=date(2027, 3, 9))
    event.tasks[0].owner_id, event.tasks[0].done = coordinator.id, True
    event.blocks[0].who = "ouderraad"  # the walk-in: who does the catering
    db.session.commit()

    data = runsheet_data(event, "http://eventkit.test/", today=date(2027, 3, 1))

    assert (data.title, data.school, data.language) == (event.title, "OBS De Linde", "nl")
    assert (f"{data.start:%H:%M}", f"{data.end:%H:%M}") == ("19:00", "21:15")
    assert [(s.number, s.block.title) for s in data.agenda][:3] == [
        ("1", "Inloop"), ("2", "Start: gesprek in de arena"), ("2.1", "Introductie en welkom"),
    ]  # fmt: skip
    team = {t.role: t.names for t in data.team}
    assert team == {
        "coordinator": ("Fatima el Amrani",),
        "facilitators": (facilitator.name,),
        "team": ("Jeroen de Vries",),
        "catering": ("ouderraad",),
        "door": (),
    }
    assert data.tasks[0].owner == "Fatima el Amrani" and data.tasks[0].done
    assert any(t.overdue for t in data.tasks) and not data.tasks[-1].overdue
    assert [t.title for t in data.themes] == [t.title for t in event.themes]
    assert data.factors == (1, 2, 5, 6, 7, 9)
    assert data.first_slot(BlockKind.THEME_TABLES).start.strftime("%H:%M") == "20:25"


def test_no_groups_yet_so_one_table_per_theme(make_event) -> None:
    event = make_event()
    data = runsheet_data(event, "http://eventkit.test")
    assert table_groups_of(event, "http://eventkit.test") == ()
    assert data.groups == ()
    assert [(t.number, t.theme_title, t.members, t.note_url) for t in data.tables] == [
        (1, "Aanwezigheid en verzuim", (), None),
        (2, "Samenwerking tussen ouders en school", (), None),
    ]
    assert data.tables[0].theme_questions == tuple(event.themes[0].questions)


def test_badges_for_the_staff_and_later_the_tables(make_user, coordinator) -> None:
    users = [coordinator, make_user("facilitator", name="Ayşe Yılmaz")]
    printed = lambda badges: [(b.first_name, b.role, b.table_number) for b in badges]  # noqa: E731
    assert printed(badges_of(users, ())) == [("Fatima", "coordinator", None),
                                             ("Ayşe", "facilitator", None)]  # fmt: skip
    group = TableGroup(3, "Verzuim", facilitator="Ayşe Yılmaz", members=(Member("Zoë", "parent"),))
    assert printed(badges_of(users, (group,))) == [
        ("Fatima", "coordinator", None),
        ("Ayşe", "facilitator", 3),
        ("Zoë", "parent", 3),
    ]


def test_one_badge_per_person_and_repeated_first_names_told_apart(make_user) -> None:
    """A team member seated at a table (not as its facilitator) gets one badge, with the
    table; two Mariekes and two Daans get the initial of their last names."""
    team = make_user("team", name="Marieke de Vries", email="marieke@linde.test")
    other = make_user("coordinator", name="Daan Smit", email="daan@linde.test")
    members = (
        Member("Marieke", "staff", "de Vries", "MARIEKE@linde.test"),
        Member("Marieke", "parent", "Bakker"),
        Member("Daan", "student", "Jansen"),
    )
    group = TableGroup(1, "Verzuim", facilitator="Eva Kok", members=members)
    badges = badges_of([team, other], (group,))
    assert [(b.first_name, b.role, b.table_number) for b in badges] == [
        ("Daan S.", "coordinator", None),
        ("Eva", "facilitator", 1),
        ("Marieke de V.", "staff", 1),
        ("Marieke B.", "parent", 1),
        ("Daan J.", "student", 1),
    ]
    (named,) = with_short_names((group,))
    assert [m.printed_name for m in named.members] == ["Marieke de V.", "Marieke B.", "Daan"]


def test_blanks_and_who_filled_from_what_the_app_knows() -> None:
    known = Known("nl", years=("1", "2"), tables=4, facilitators=("Ayşe Yılmaz",),
                  table_facilitators=("Eva Kok", "Jan Vos"))  # fmt: skip
    assert fill_blanks("ouders uit leerjaar …; schoolpersoneel", known) == (
        "ouders uit leerjaar 1 en 2; schoolpersoneel"
    )
    assert (
        fill_blanks("daarna in X groepen aan de slag", known) == "daarna in 4 groepen aan de slag"
    )
    assert fill_blanks("leerjaar … en X groepen", Known("nl")) == "leerjaar … en X groepen"
    start = datetime(2027, 3, 9, 19, 0)
    tables = Slot(Block("4", "Thematafels", 30, BlockKind.THEME_TABLES, "een gespreksleider per "
                        "tafel"), 0, "4", start, start)  # fmt: skip
    intro = Slot(Block("2", "Welkom", 5, who="gespreksleider"), 1, "2.1", start, start)
    door = Slot(Block("1", "Inloop", 15, who="ouderraad"), 0, "1", start, start)
    assert who_with_names(tables, known) == "een gespreksleider per tafel: Eva Kok, Jan Vos"
    assert who_with_names(intro, known) == "gespreksleider: Ayşe Yılmaz"
    assert who_with_names(door, known) == "ouderraad"


def test_first_name() -> None:
    assert first_name("  Fatima el Amrani ") == "Fatima"
    assert first_name("") == ""
