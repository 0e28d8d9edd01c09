"""The translation round: download the sheet, fill a column, upload it, see it in print."""

from __future__ import annotations

import io
from collections.abc import Callable

from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook

from eventkit.extensions import db
from eventkit.models import Event, Household, Theme

TITLE_AR = "لقاء الأهل: الحضور والغياب"
GOAL_AR = "نريد أن نتحدث معكم عن الحضور إلى المدرسة."
THEME_AR = "الواجبات المنزلية"


def _sheet(client: FlaskClient, event: Event) -> Workbook:
    response = client.get(f"/events/{event.id}/translations/sheet.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.data))


def _upload(client: FlaskClient, event: Event, book: Workbook) -> str:
    out = io.BytesIO()
    book.save(out)
    data = {"sheet-sheet": (io.BytesIO(out.getvalue()), "vertalingen.xlsx")}
    response = client.post(
        f"/events/{event.id}/translations/sheet",
        data=data,
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert response.status_code == 200
    return response.text


def _fill(book: Workbook, column: str, values: dict[str, str]) -> None:
    sheet = book.active
    head = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        key = row[0].value
        if key in values:
            row[head.index(column)].value = values[key]


def _theme_key(event: Event) -> str:
    return f"theme.{event.themes[-1].id}.title"


def test_the_sheet_has_a_row_per_text_and_a_column_per_language(
    signed_in: FlaskClient, meeting: Event
) -> None:
    sheet = _sheet(signed_in, meeting).active
    head = [c.value for c in sheet[1]]
    assert head[:3] == ["id", "text", "nl"]
    assert {"ar", "tr", "so", "ti", "fa", "bg"} <= set(head[3:])
    keys = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert keys[:2] == ["title", "goal"] and _theme_key(meeting) in keys


def test_a_filled_column_reaches_the_arabic_invitation_and_page(
    signed_in: FlaskClient,
    meeting: Event,
    make_household: Callable[..., Household],
) -> None:
    household = make_household(meeting, language="ar")
    before = signed_in.get(f"/events/{meeting.id}/invitations/print").text
    only_dutch = '<span class="only-dutch">بالهولندية فقط</span>'  # "only in Dutch"
    assert f'<bdi lang="nl" dir="ltr">Huiswerk</bdi> {only_dutch}' in before
    book = _sheet(signed_in, meeting)
    _fill(book, "ar", {"title": TITLE_AR, "goal": GOAL_AR, _theme_key(meeting): THEME_AR})
    page = _upload(signed_in, meeting, book)
    assert "Nothing was saved" not in page and "Er is niets opgeslagen" not in page
    db.session.refresh(meeting)
    assert meeting.translations["ar"] == {"title": TITLE_AR, "goal": GOAL_AR}
    printed = signed_in.get(f"/events/{meeting.id}/invitations/print").text
    assert f'<h1 dir="auto">{TITLE_AR}</h1>' in printed
    assert GOAL_AR in printed and THEME_AR in printed
    parent = signed_in.get(f"/i/{household.token}?parent=1").text
    assert TITLE_AR in parent and GOAL_AR in parent


def test_an_untranslated_title_is_marked_dutch_under_a_heading_in_the_parents_language(
    signed_in: FlaskClient, meeting: Event, make_household: Callable[..., Household]
) -> None:
    household = make_household(meeting, language="fa")
    printed = signed_in.get(f"/events/{meeting.id}/invitations/print").text
    letter = printed.split('<article class="letter sheet" lang="fa" dir="rtl">')[1]
    heading = letter.split("<h1>")[1].split("</h1>")[0]
    assert heading == "دعوت‌نامه"  # "Invitation", the largest heading, in Persian
    assert f'<bdi lang="nl" dir="ltr">{meeting.title}</bdi>' in letter
    assert "فقط به هلندی" in letter  # "only in Dutch"
    parent = signed_in.get(f"/i/{household.token}?parent=1").text
    assert f'<bdi lang="nl" dir="ltr">{meeting.title}</bdi>' in parent


def test_a_bad_upload_changes_nothing_and_names_row_and_column(
    signed_in: FlaskClient, meeting: Event
) -> None:
    book = _sheet(signed_in, meeting)
    _fill(book, "ar", {"title": TITLE_AR, "goal": '=HYPERLINK("http://evil")'})
    sheet = book.active
    sheet.append(["theme.999999.title", "", "Bestaat niet", "x"])
    page = _upload(signed_in, meeting, book)
    assert "Er is niets opgeslagen" in page
    assert "Rij 3, kolom ar: een formule" in page
    problems = page.split('id="upload-problems"')[1].split("</div>")[0]
    assert problems.count("<li>") == 2
    assert f"Rij {sheet.max_row}: de id theme.999999.title" in page
    db.session.refresh(meeting)
    assert meeting.translations == {}


def test_a_changed_dutch_text_asks_for_a_new_download(
    signed_in: FlaskClient, meeting: Event
) -> None:
    book = _sheet(signed_in, meeting)
    _fill(book, "tr", {"title": "Veli toplantısı"})
    meeting.title = "Een andere titel"
    db.session.commit()
    page = _upload(signed_in, meeting, book)
    assert "Rij 2, kolom nl: de Nederlandse tekst is veranderd" in page
    db.session.refresh(meeting)
    assert meeting.translations == {}


def test_an_empty_cell_removes_a_translation(signed_in: FlaskClient, meeting: Event) -> None:
    meeting.translations = {"tr": {"title": "Eski", "goal": "Amaç"}}
    theme: Theme = meeting.themes[-1]
    theme.translations = {"tr": {"title": "Ödev"}}
    db.session.commit()
    book = _sheet(signed_in, meeting)
    _fill(book, "tr", {"title": None, _theme_key(meeting): "Ev ödevi"})  # type: ignore[dict-item]
    _upload(signed_in, meeting, book)
    db.session.refresh(meeting)
    assert meeting.translations == {"tr": {"goal": "Amaç"}}
    assert meeting.themes[-1].translations == {"tr": {"title": "Ev ödevi"}}


def test_only_the_team_that_edits_may_upload(
    login: Callable[..., FlaskClient], make_user: Callable[..., object], meeting: Event
) -> None:
    client = login(make_user("facilitator"))
    assert client.get(f"/events/{meeting.id}/translations").status_code == 200
    response = client.post(f"/events/{meeting.id}/translations/sheet", data={})
    assert response.status_code == 403
