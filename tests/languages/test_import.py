"""Import: the home language holds for every carer, two homes get two letters, and a
language the pages do not speak is flagged with the language the family gets instead."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from eventkit.domain import people
from eventkit.domain.people import Kind, Sheet, SheetRow
from eventkit.extensions import db
from eventkit.models import Event, Household
from eventkit.participants import services

HEADERS = ("Leerling", "Klas", "Ouder", "E-mail", "Taal", "Woonadres", "Ouder 2",
           "E-mail ouder 2", "Woonadres ouder 2")  # fmt: skip


def _sheet(*rows: tuple[str, ...]) -> Sheet:
    return Sheet(HEADERS, tuple(SheetRow(n, row) for n, row in enumerate(rows, start=2)))


def test_the_mapping_knows_addresses() -> None:
    mapping = people.suggest_mapping(HEADERS, Kind.PARENTS)
    assert mapping[4:6] == ["language", "address"]
    assert mapping[8] == "address_2"


def test_the_home_language_holds_for_both_carers() -> None:
    sheet = _sheet(("Ayan Ali", "2B", "Hodan Ali", "hodan@x.nl", "Somalisch", "", "Abdi Ali",
                    "abdi@x.nl", ""))  # fmt: skip
    result = people.parse(sheet, Kind.PARENTS)
    (household,) = result.households
    assert [c.language for c in household.carers] == ["so", "so"]


def test_carers_at_two_addresses_get_two_households_with_the_child(
    meeting: Event,
) -> None:
    sheet = _sheet(("Ayan Ali", "2B", "Hodan Ali", "hodan@x.nl", "Somalisch", "Kerkstraat 1",
                    "Abdi Ali", "abdi@x.nl", "Dorpsweg 9"))  # fmt: skip
    plan = services.import_sheet(meeting, sheet)
    assert plan.counts.households.new == 2
    homes = db.session.scalars(db.select(Household).where(Household.event_id == meeting.id))
    homes = [h for h in homes if h.carers]
    assert sorted(c.first_name for h in homes for c in h.carers) == ["Abdi", "Hodan"]
    assert all([p.first_name for p in h.pupils] == ["Ayan"] for h in homes)
    assert {h.language for h in homes} == {"so"}
    assert any(n.code == "two_homes" for n in plan.result.notes)
    again = services.import_sheet(meeting, sheet)  # a second import keeps the two homes
    assert again.counts.households.new == 0
    assert db.session.scalar(
        db.select(db.func.count(Household.id)).where(Household.event_id == meeting.id)
    ) == len(meeting.households)


def test_the_same_address_is_one_home() -> None:
    sheet = _sheet(("Ayan Ali", "2B", "Hodan Ali", "hodan@x.nl", "so", "Kerkstraat 1",
                    "Abdi Ali", "abdi@x.nl", "kerkstraat 1"))  # fmt: skip
    (household,) = people.parse(sheet, Kind.PARENTS).households
    assert len(household.carers) == 2 and not household.apart


def test_a_language_the_pages_do_not_speak_is_flagged_in_the_preview(
    meeting: Event,
) -> None:
    sheet = _sheet(
        ("Ayan Ali", "2B", "Hodan Ali", "hodan@x.nl", "Amhaars", "", "", "", ""),
        ("Ana Pop", "2B", "Ioana Pop", "ioana@x.nl", "Roemeens", "", "", "", ""),
        ("Eren Kaya", "2B", "Ali Kaya", "ali@x.nl", "Turks", "", "", "", ""),
    )
    plan = services.preview(meeting, sheet)
    flagged = [(n.row, n.params["value"], n.params["fallback"]) for n in plan.result.notes
               if n.code == "language_not_offered"]  # fmt: skip
    assert flagged == [(2, "am", "en"), (3, "ro", "en")]
    meeting.school.fallback_language = "nl"
    meeting.school.parent_languages = ["nl", "en", "ar"]  # the school narrowed its languages
    db.session.commit()
    plan = services.preview(meeting, sheet)
    flagged = [(n.row, n.params["value"], n.params["fallback"]) for n in plan.result.notes
               if n.code == "language_not_offered"]  # fmt: skip
    assert flagged == [(2, "am", "nl"), (3, "ro", "nl"), (4, "tr", "nl")]


def test_the_participants_page_shows_the_fallback_and_the_team_changes_it(
    signed_in: FlaskClient, meeting: Event, make_household: Callable[..., Household]
) -> None:
    household = make_household(meeting, language="am")
    household.carers[0].language = "am"
    db.session.commit()
    page = signed_in.get(f"/events/{meeting.id}/participants/").text
    assert "brieven en pagina's: English" in page
    assert '<html lang="en"' in signed_in.get(f"/i/{household.token}?parent=1").text
    person = household.carers[0]
    form = signed_in.get(f"/events/{meeting.id}/participants/{person.id}")
    assert form.status_code == 200
    services.save_parent(
        meeting, person, services.ParentData("Fatma", "Yılmaz", language="ti"), None
    )
    db.session.refresh(household)
    assert household.language == "ti"
    page = signed_in.get(f"/events/{meeting.id}/participants/").text
    assert "brieven en pagina's" not in page
