"""The pages: upload → preview with mapping → import, row errors, editing, access."""

from __future__ import annotations

import html
import io
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from eventkit.extensions import db
from eventkit.models import Event, Household, Participant, Pupil, School, User
from eventkit.participants import uploads

from .conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes, xlsx_bytes


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def upload(client: FlaskClient, event: Event, data: bytes, name: str, kind: str = "auto"):
    return client.post(
        f"/events/{event.id}/participants/import",
        data={"file": (io.BytesIO(data), name), "kind": kind},
        content_type="multipart/form-data",
    )


def preview_url(client: FlaskClient, event: Event, data: bytes, name: str = "export.csv") -> str:
    response = upload(client, event, data, name)
    assert response.status_code == 302, response.text
    return response.location


def mapping_form(page: str) -> dict[str, str]:
    """The preview's form as a browser would send it: the selected option of each select."""
    form = {"shown_kind": re.search(r'name="shown_kind" value="(\w+)"', page).group(1)}
    for name, body in re.findall(r'<select id="\w+" name="(\w+)">(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="(\w*)" selected>', body)
        form[name] = selected.group(1) if selected else ""
    return form


def text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_upload_preview_import(english: FlaskClient, signed_in: FlaskClient, event: Event) -> None:
    data = csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS, blank_lines=[2])
    url = preview_url(signed_in, event, data)
    page = signed_in.get(url).text
    assert "Ready to import 2 households (2 new)" in text(page)
    assert "Carers: 3 new, 0 updated, 0 unchanged." in text(page)
    assert "Şükrü Yılmaz" in page and "Zoë" in page
    form = mapping_form(page)
    assert (form["kind"], form["col_0"], form["col_5"], form["col_8"]) == (
        "parents", "pupil_id", "carer_name", "language",
    )  # fmt: skip
    assert count(Participant) == 0  # a preview saves nothing
    done = signed_in.post(url, data=form | {"action": "import"}, follow_redirects=True)
    assert "Imported: 6 new, 0 updated, 2 new households." in done.text
    assert (count(Household), count(Pupil), count(Participant)) == (2, 3, 3)
    assert signed_in.get(url).status_code == 302  # the file is gone after the import


def test_row_errors_are_listed_and_nothing_is_saved(
    english: FlaskClient, signed_in: FlaskClient, event: Event
) -> None:
    rows = [list(r) for r in MAGISTER_ROWS] + [list(MAGISTER_ROWS[0])]
    rows[1][5] = '=HYPERLINK("http://x","klik")'
    rows[2][6] = "ayse-at-example.nl"
    url = preview_url(signed_in, event, csv_bytes(MAGISTER_HEADERS, rows, blank_lines=[1]))
    page = signed_in.get(url).text
    assert "2 problems: nothing is imported until they are solved." in text(page)
    assert (
        "Row 4: The column Naam ouder/verzorger holds a spreadsheet formula. "
        "Replace it by plain text." in text(page)
    )
    assert "Row 5: ayse-at-example.nl is not an e-mail address." in text(page)
    assert "Row 7: The same as row 2; counted once." in text(page)
    assert 'value="import"' not in page  # no import button while there are errors
    tried = signed_in.post(url, data=mapping_form(page) | {"action": "import"})
    assert tried.status_code == 200 and "Nothing was saved." in tried.text
    assert (count(Household), count(Pupil), count(Participant)) == (0, 0, 0)


def test_missing_column_then_fixed_in_the_mapping(
    english: FlaskClient, signed_in: FlaskClient, event: Event
) -> None:
    data = csv_bytes(["Telg", "Klas", "Naam ouder", "E-mail ouder"],
                     [["Daan de Vries", "2B", "Petra", "p@x.nl"]])  # fmt: skip
    url = preview_url(signed_in, event, data)
    page = signed_in.get(url).text
    assert "A required column is missing: the pupil's name" in text(page)
    form = mapping_form(page) | {"col_0": "pupil_name", "action": "check"}
    checked = signed_in.post(url, data=form).text
    assert "Ready to import 1 households" in text(checked)
    signed_in.post(url, data=mapping_form(checked) | {"action": "import"})
    pupil = db.session.scalars(select(Pupil)).one()
    assert (pupil.first_name, pupil.last_name) == ("Daan", "de Vries")


def test_xlsx_staff_upload(english: FlaskClient, signed_in: FlaskClient, event: Event) -> None:
    headers = ["Naam", "E-mail", "Functie", "Gespreksleider", "Mentor van"]
    data = xlsx_bytes(headers, [["Fatima el Amrani", "fatima@school.nl", "mentor", "ja", "2A"]])
    url = preview_url(signed_in, event, data, "personeel.xlsx")
    page = signed_in.get(url).text
    assert "Ready to import 1 staff: 1 new" in text(page)
    signed_in.post(url, data=mapping_form(page) | {"action": "import"})
    fatima = db.session.scalars(select(Participant)).one()
    assert (fatima.role, fatima.can_facilitate, fatima.mentor_of) == ("staff", True, ["2A"])


def test_a_file_that_is_no_table_is_refused_on_upload(
    english: FlaskClient, signed_in: FlaskClient, event: Event, app: Flask
) -> None:
    response = upload(signed_in, event, b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 20, "foto.png")
    assert response.status_code == 200
    assert "This is neither a CSV file nor an Excel file (.xlsx)." in response.text
    folder = Path(app.config["EVENTKIT_IMPORT_DIR"])
    assert not folder.exists() or list(folder.iterdir()) == []


def test_uploads_expire_and_belong_to_one_meeting(
    signed_in: FlaskClient, event: Event, make_event: Callable[..., Event], app: Flask
) -> None:
    url = preview_url(signed_in, event, csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    token = url.rsplit("/", 1)[1]
    other = make_event(title="Andere avond")
    assert signed_in.get(f"/events/{other.id}/participants/import/{token}").status_code == 302
    assert signed_in.get(f"/events/{event.id}/participants/import/../../x").status_code == 404
    old = time.time() - uploads.MAX_AGE - 10
    for path in Path(app.config["EVENTKIT_IMPORT_DIR"]).iterdir():
        os.utime(path, (old, old))
    assert signed_in.get(url).status_code == 302
    assert list(Path(Path(app.config["EVENTKIT_IMPORT_DIR"])).iterdir()) == []


def test_other_schools_and_readers_cannot_import(
    client: FlaskClient, login: Callable[[User], FlaskClient], event: Event,
    make_user: Callable[..., User],
) -> None:  # fmt: skip
    elsewhere = School(name="Elders")
    db.session.add(elsewhere)
    db.session.commit()
    login(make_user("coordinator", school_=elsewhere))
    assert client.get(f"/events/{event.id}/participants/").status_code == 404
    client.post("/logout")
    login(make_user("facilitator"))
    assert client.get(f"/events/{event.id}/participants/").status_code == 200
    assert client.get(f"/events/{event.id}/participants/import").status_code == 403
    client.post("/logout")
    assert client.get(f"/events/{event.id}/participants/").status_code == 302  # sign in first


def test_add_edit_and_remove_a_parent(
    english: FlaskClient, signed_in: FlaskClient, event: Event
) -> None:
    base = f"/events/{event.id}/participants"
    page = signed_in.get(f"{base}/parents/new").text
    assert 'name="children-0-first_name"' in page
    signed_in.post(f"{base}/parents/new", data={
        "first_name": "Petra", "last_name": "Jansen", "email": "petra@x.nl", "language": "tr",
        "children-0-first_name": "Daan", "children-0-class_name": "2B",
        "children-0-pupil_id": "",
    })  # fmt: skip
    petra = db.session.scalars(select(Participant)).one()
    assert (petra.language, [p.first_name for p in petra.household.pupils]) == ("tr", ["Daan"])
    listing = signed_in.get(f"{base}/?q=daan").text
    assert "Petra Jansen" in listing and "Daan" in listing and "Türkçe" in listing

    second = signed_in.post(
        f"{base}/parents/new?household={petra.household_id}",
        data={"first_name": "Kees", "email": "petra@x.nl", "language": "nl"},
    )
    assert "Petra Jansen has this e-mail address already." in second.text
    signed_in.post(f"{base}/parents/new?household={petra.household_id}",
                   data={"first_name": "Kees", "language": "nl"})  # fmt: skip
    assert len(petra.household.carers) == 2 and len(petra.household.pupils) == 1

    confirm = signed_in.get(f"{base}/{petra.id}/delete").text
    assert "Remove Petra Jansen?" in confirm and "last carer" not in confirm
    signed_in.post(f"{base}/{petra.id}/delete")
    kees = db.session.scalars(select(Participant)).one()
    assert "last carer of this household" in signed_in.get(f"{base}/{kees.id}/delete").text
    signed_in.post(f"{base}/{kees.id}/delete")
    assert (count(Household), count(Pupil), count(Participant)) == (0, 0, 0)


def test_add_and_edit_staff(english: FlaskClient, signed_in: FlaskClient, event: Event) -> None:
    base = f"/events/{event.id}/participants"
    missing = signed_in.post(f"{base}/staff/new", data={"first_name": "Jan"})
    assert missing.status_code == 200 and 'aria-invalid="true"' in missing.text
    signed_in.post(f"{base}/staff/new", data={
        "first_name": "Jan", "last_name": "de Boer", "email": "Jan@School.nl",
        "function": "teamleider", "can_facilitate": "y", "mentor_of": "2A; 2B",
    })  # fmt: skip
    jan = db.session.scalars(select(Participant)).one()
    assert (jan.email, jan.can_facilitate, jan.mentor_of) == ("jan@school.nl", True, ["2A", "2B"])
    edit = signed_in.get(f"{base}/{jan.id}").text
    assert 'value="2A, 2B"' in edit
    signed_in.post(f"{base}/{jan.id}", data={"first_name": "Jan", "email": "jan@school.nl",
                                              "mentor_of": "3C"})  # fmt: skip
    assert (jan.can_facilitate, jan.mentor_of) == (False, ["3C"])
    listing = signed_in.get(f"{base}/?role=staff&class_name=3C").text
    assert "1 of 1 shown." in text(listing)


def test_list_shows_counts_and_the_tab(
    english: FlaskClient, signed_in: FlaskClient, event: Event
) -> None:
    url = preview_url(signed_in, event, csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    signed_in.post(url, data=mapping_form(signed_in.get(url).text) | {"action": "import"})
    page = signed_in.get(f"/events/{event.id}/participants/").text
    assert "3 parents in 2 households, 0 staff." in text(page)
    assert 'aria-current="page">Participants<' in page
    filtered = signed_in.get(f"/events/{event.id}/participants/?language=nl&response=none").text
    assert "1 of 3 shown." in text(filtered) and "Petra de Vries" in filtered
