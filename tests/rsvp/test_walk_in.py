"""Walk-in sign-up behind the poster's QR code: no personal invitation needed."""

from __future__ import annotations

import pytest

from eventkit.extensions import db
from eventkit.invitations import links
from eventkit.models import Household, Participant, Response

SIGN_UP = {"name": "Olena Kovalenko", "email": "olena.k@voorbeeld.nl", "child_name": "Mila",
           "class_name": "2B", "language": "uk", "adults": "1", "interpreter": "y",
           "interpreter_language": "uk", "theme_1": "", "theme_2": "", "theme_3": ""}  # fmt: skip


def code_of(app, event) -> str:
    return links.walkin_code(event, app.config["SECRET_KEY"])


def test_the_walk_in_page_needs_the_right_code(app, client, meeting, make_event) -> None:
    other = make_event(title="Andere avond")
    code = code_of(app, meeting)
    page = client.get(f"/e/{code}")
    assert page.status_code == 200 and meeting.title in page.text
    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    assert client.get(f"/e/{code_of(app, other)}").status_code == 200
    forged = code[:8] + ("A" if code[8] != "A" else "B") + code[9:]
    for bad in (forged, code[:8] + "x" * 10, str(meeting.id), code + "x", meeting.uid):
        response = client.get(f"/e/{bad}")
        assert response.status_code == 404 and meeting.title not in response.text


def test_codes_need_the_secret_key(app, meeting) -> None:
    code = code_of(app, meeting)
    assert links.event_for_walkin(code, app.config["SECRET_KEY"]) == meeting
    assert links.event_for_walkin(code, "another secret") is None
    assert len(links.walkin_url(app.config["EVENTKIT_BASE_URL"], meeting, "k")) < 60


def test_signing_up_makes_a_household_that_comes(app, client, meeting) -> None:
    response = client.post(f"/e/{code_of(app, meeting)}?lang=uk", data=SIGN_UP)
    assert response.status_code == 302
    (household,) = db.session.scalars(db.select(Household)).all()
    assert response.headers["Location"] == f"/i/{household.token}/done?lang=uk&new=1"
    assert household.event_id == meeting.id and household.language == "uk"
    (carer,) = household.carers
    assert (carer.first_name, carer.last_name, carer.email) == (
        "Olena",
        "Kovalenko",
        SIGN_UP["email"],
    )
    assert carer.role == "parent" and carer.event_id == meeting.id
    assert [(p.first_name, p.class_name) for p in household.pupils] == [("Mila", "2B")]
    answer = household.response
    assert (answer.answer, answer.adults, answer.interpreter_language) == ("yes", 1, "uk")

    done = client.get(response.headers["Location"])
    assert f"http://eventkit.test/i/{household.token}" in done.text  # keep this link


@pytest.mark.parametrize(
    ("change", "field"),
    [({"name": ""}, "name"), ({"email": "geen-adres"}, "email"), ({"adults": "7"}, "adults"),
     ({"class_name": "x" * 41}, "class_name")],
)  # fmt: skip
def test_invalid_sign_ups_save_nothing(app, client, meeting, change, field) -> None:
    response = client.post(f"/e/{code_of(app, meeting)}", data=SIGN_UP | change)
    assert response.status_code == 200 and f'id="{field}-error"' in response.text
    assert db.session.query(Household).count() == 0
    assert db.session.query(Participant).count() == 0
    assert db.session.query(Response).count() == 0


def test_the_email_is_optional(app, client, meeting) -> None:
    data = SIGN_UP | {"email": "", "child_name": "", "class_name": "", "interpreter": ""}
    assert client.post(f"/e/{code_of(app, meeting)}", data=data).status_code == 302
    household = db.session.scalars(db.select(Household)).one()
    assert household.pupils == [] and household.carers[0].email == ""


def test_closed_after_the_deadline(app, client, meeting) -> None:
    meeting.status = "held"
    db.session.commit()
    page = client.get(f"/e/{code_of(app, meeting)}")
    assert page.status_code == 200 and "<form" not in page.text
    assert client.post(f"/e/{code_of(app, meeting)}", data=SIGN_UP).status_code == 403
    assert db.session.query(Household).count() == 0
