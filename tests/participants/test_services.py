"""Importing into a meeting (all or nothing, new and updated), editing by hand, the list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from eventkit.domain.people import Kind
from eventkit.extensions import db
from eventkit.models import Event, Household, Participant, Pupil, Response
from eventkit.participants import services
from eventkit.participants.readers import read

from .conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def carers(event: Event) -> dict[str, Participant]:
    return {p.email: p for p in event.participants if p.role == "parent"}


def test_import_makes_households_pupils_and_carers(event: Event, magister_csv: bytes) -> None:
    done = services.import_sheet(event, read(magister_csv))
    assert (done.counts.households.new, done.counts.carers.new, done.counts.pupils.new) == (2, 3, 3)
    yilmaz = carers(event)["sukru@example.nl"].household
    assert yilmaz is not None
    assert sorted(c.first_name for c in yilmaz.carers) == ["Ayşe", "Şükrü"]
    assert [(p.external_id, p.first_name, p.class_name, p.year) for p in yilmaz.pupils] == [
        ("1001", "Zoë", "2B", "2"),
        ("1002", "Eva", "3A", "3"),
    ]
    assert yilmaz.language == "tr" and len(yilmaz.token) >= 16
    assert carers(event)["petra@example.nl"].household.language == "nl"
    assert carers(event)["sukru@example.nl"].phone == "0612345678"


def test_import_again_updates_and_adds_nothing_twice(event: Event, magister_csv: bytes) -> None:
    services.import_sheet(event, read(magister_csv))
    rows = [list(r) for r in MAGISTER_ROWS]
    rows[3][3] = "3B"  # Daan moved class
    rows.append(["1004", "Sem", "Bakker", "1A", "1", "Joke Bakker", "joke@example.nl", "", ""])
    again = services.preview(event, read(csv_bytes(MAGISTER_HEADERS, rows)))
    assert (again.counts.new, again.counts.updated) == (2, 1)
    assert (again.counts.pupils.new, again.counts.pupils.updated) == (1, 1)
    services.import_sheet(event, read(csv_bytes(MAGISTER_HEADERS, rows)))
    assert (count(Household), count(Pupil), count(Participant)) == (3, 4, 4)
    daan = db.session.scalars(select(Pupil).where(Pupil.first_name == "Daan")).one()
    assert daan.class_name == "3B"


def test_a_reimport_without_a_language_column_keeps_the_language(event: Event) -> None:
    headers = ["Leerling", "Naam ouder", "E-mail", "Taal"]
    first = csv_bytes(headers, [["Daan", "Ayşe", "a@x.nl", "Turks"]])
    services.import_sheet(event, read(first))
    again = services.import_sheet(
        event, read(csv_bytes(["Leerling", "Naam ouder", "E-mail"], [["Daan", "Ayşe", "a@x.nl"]]))
    )
    assert again.counts.carers.unchanged == 1
    assert carers(event)["a@x.nl"].language == "tr"


def test_an_import_with_errors_saves_nothing(event: Event, magister_csv: bytes) -> None:
    rows = [list(r) for r in MAGISTER_ROWS]
    rows[2][1] = '=HYPERLINK("http://x","klik")'
    with pytest.raises(services.ImportFailed) as failed:
        services.import_sheet(event, read(csv_bytes(MAGISTER_HEADERS, rows)))
    assert [(e.code, e.row) for e in failed.value.result.errors] == [("formula", 4)]
    assert (count(Household), count(Pupil), count(Participant)) == (0, 0, 0)


def test_a_new_row_joining_two_known_households_merges_them(event: Event) -> None:
    headers = ["Leerling", "Naam ouder", "E-mail"]
    rows = [["Daan", "Petra", "p@x.nl"], ["Noor", "Kees", "k@x.nl"]]
    services.import_sheet(event, read(csv_bytes(headers, rows)))
    first, second = sorted(event.households, key=lambda h: h.id)
    db.session.add(Response(household=second, answer="yes"))
    db.session.commit()
    done = services.import_sheet(event, read(csv_bytes(headers, [["Daan", "Kees", "k@x.nl"]])))
    assert done.counts.households.updated == 1
    (household,) = event.households
    assert household.id == first.id
    assert sorted(c.first_name for c in household.carers) == ["Kees", "Petra"]
    assert sorted(p.first_name for p in household.pupils) == ["Daan", "Noor"]
    assert household.response is not None and household.response.answer == "yes"


def test_staff_import_and_update(event: Event) -> None:
    headers = ["Naam", "E-mail", "Functie", "Gespreksleider", "Mentor van"]
    services.import_sheet(event, read(csv_bytes(headers, [
        ["Fatima el Amrani", "fatima@school.nl", "mentor", "ja", "2A, 2B"],
        ["Jan de Boer", "jan@school.nl", "teamleider", "nee", ""],
    ])), Kind.STAFF)  # fmt: skip
    staff = {p.email: p for p in event.participants}
    fatima = staff["fatima@school.nl"]
    assert (fatima.role, fatima.function, fatima.can_facilitate, fatima.mentor_of) == (
        "staff", "mentor", True, ["2A", "2B"],
    )  # fmt: skip
    assert fatima.household is None
    again = services.preview(event, read(csv_bytes(headers, [
        ["Fatima el Amrani", "FATIMA@school.nl", "ouderconsulent", "ja", "2A, 2B"],
    ])))  # fmt: skip
    assert (again.kind, again.counts.staff.updated, again.counts.staff.new) == (Kind.STAFF, 1, 0)


# --- by hand --------------------------------------------------------------------------------


def test_save_parent_with_children_then_a_second_carer(event: Event) -> None:
    children = [services.ChildFields("Daan", "Jansen", "2B", "2"), services.ChildFields("")]
    petra = services.save_parent(
        event, None, services.ParentData(first_name="Petra", last_name="Jansen",
                                         email=" Petra@X.nl ", phone="", language="nl"), children,
    )  # fmt: skip
    assert petra.email == "petra@x.nl"
    assert [p.first_name for p in petra.household.pupils] == ["Daan"]
    kees = services.save_parent(
        event,
        None,
        services.ParentData(first_name="Kees", email="", language="en"),
        None,
        petra.household,
    )
    assert kees.household is petra.household
    assert [p.first_name for p in petra.household.pupils] == ["Daan"]  # children kept
    with pytest.raises(services.PersonError) as taken:
        services.save_parent(event, None, services.ParentData("X", email="petra@x.nl"), [])
    assert (taken.value.field, str(taken.value)) == ("email", "Petra Jansen")


def test_edit_children_keeps_ids_and_removes_emptied_ones(event: Event) -> None:
    person = services.save_parent(
        event, None, services.ParentData("Petra", email="p@x.nl"),
        [services.ChildFields("Daan"), services.ChildFields("Eva")],
    )  # fmt: skip
    daan, eva = person.household.pupils
    services.save_parent(event, person, services.ParentData("Petra", email="p@x.nl"), [
        services.ChildFields("Daan", class_name="3B", pupil_id=daan.id),
        services.ChildFields("", pupil_id=eva.id),
    ])  # fmt: skip
    assert [(p.id, p.class_name) for p in person.household.pupils] == [(daan.id, "3B")]
    assert count(Pupil) == 1


def test_removing_the_last_carer_removes_the_household(event: Event) -> None:
    petra = services.save_parent(
        event, None, services.ParentData("Petra"), [services.ChildFields("D")]
    )
    kees = services.save_parent(event, None, services.ParentData("Kees"), None, petra.household)
    assert services.delete_participant(kees) is False
    assert count(Household) == 1
    assert services.delete_participant(petra) is True
    assert (count(Household), count(Pupil), count(Participant)) == (0, 0, 0)


# --- the list -------------------------------------------------------------------------------


@pytest.fixture
def filled(event: Event, magister_csv: bytes) -> Event:
    services.import_sheet(event, read(magister_csv))
    services.save_staff(event, None, services.StaffData(first_name="Jan", last_name="de Boer",
                                                        email="jan@school.nl",
                                                        mentor_of=("2B", "3A"),
                                                        can_facilitate=True))  # fmt: skip
    yilmaz = carers(event)["ayse@example.nl"].household
    db.session.add(Response(household=yilmaz, answer="yes"))
    db.session.commit()
    return event


@pytest.mark.parametrize(
    ("args", "names"),
    [
        ({}, ["Jan", "Ayşe", "Petra", "Şükrü"]),
        ({"role": "staff"}, ["Jan"]),
        ({"q": "zoe"}, ["Ayşe", "Şükrü"]),  # Zoë's household: both carers
        ({"q": "SUKRU yilmaz"}, ["Şükrü"]),
        ({"q": "example.nl petra"}, ["Petra"]),
        ({"class_name": "3a"}, ["Jan", "Ayşe", "Şükrü"]),
        ({"year": "2"}, ["Ayşe", "Petra", "Şükrü"]),
        ({"language": "tr"}, ["Ayşe", "Şükrü"]),
        ({"response": "yes"}, ["Ayşe", "Şükrü"]),
        ({"response": "none"}, ["Petra"]),
        ({"response": "no"}, []),
        ({"role": "parent", "class_name": "2B", "response": "none"}, ["Petra"]),
    ],
)
def test_filters(filled: Event, args: dict[str, str], names: list[str]) -> None:
    overview = services.overview(filled, services.Filters.from_args(args))
    assert sorted(r.person.first_name for r in overview.shown) == sorted(names)


def test_overview_counts(filled: Event) -> None:
    overview = services.overview(filled, services.Filters())
    assert (overview.count("parent"), overview.count("staff"), overview.households) == (3, 1, 2)
    assert (overview.answered("yes"), overview.answered("none")) == (1, 1)
    assert overview.classes == ["2B", "3A"] and overview.years == ["2", "3"]
    assert overview.languages == ["nl", "tr"]


def test_people_of_another_meeting_are_not_matched(
    event: Event, make_event: Callable[..., Event], magister_csv: bytes
) -> None:
    services.import_sheet(event, read(magister_csv))
    other = make_event(title="Tweede avond")
    done = services.import_sheet(other, read(magister_csv))
    assert (done.counts.new, done.counts.updated) == (6, 0)
