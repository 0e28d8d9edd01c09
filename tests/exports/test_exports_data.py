"""runsheet_data: what a meeting in the database gives the printed exports."""

from __future__ import annotations

from datetime import date

from eventkit.domain.agenda import BlockKind
from eventkit.exports.data import (
    Badge,
    Member,
    TableGroup,
    badges_of,
    first_name,
    runsheet_data,
    table_groups_of,
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
    assert badges_of(users, ()) == (
        Badge("Fatima", "coordinator"),
        Badge("Ayşe", "facilitator"),
    )
    group = TableGroup(3, "Verzuim", facilitator="Ayşe Yılmaz", members=(Member("Zoë", "parent"),))
    assert badges_of(users, (group,)) == (
        Badge("Fatima", "coordinator"),
        Badge("Ayşe", "facilitator", 3),
        Badge("Zoë", "parent", 3),
    )


def test_first_name() -> None:
    assert first_name("  Fatima el Amrani ") == "Fatima"
    assert first_name("") == ""
