"""The team page: invitations by real mail, roles, deactivation, and password reset."""

from __future__ import annotations

import time
from collections.abc import Callable
from email.message import EmailMessage

import pytest
import time_machine
from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.models import OutboxMessage, School, User
from eventkit.team import services
from tests.conftest import PASSWORD
from tests.team.conftest import link_in

NEW_PASSWORD = "een lange zin als wachtwoord"
INVITE = {"name": "Sanne de Wit", "email": "Sanne@DeLinde.example", "role": "team",
          "language": "nl"}  # fmt: skip


def sign_in(client: FlaskClient, email: str, password: str) -> int:
    client.post("/logout")
    return client.post("/login", data={"email": email, "password": password}).status_code


def test_invite_a_colleague_who_sets_a_password_from_the_mail(
    signed_in: FlaskClient, deliver: Callable[[], list[EmailMessage]], school: School
) -> None:
    response = signed_in.post("/team/invite", data=INVITE)
    assert response.status_code == 302
    page = signed_in.get("/team").text
    assert "Sanne de Wit" in page and "sanne@delinde.example" in page
    (mail,) = deliver()
    assert mail["To"].addresses[0].addr_spec == "sanne@delinde.example"
    assert "OBS De Linde" in mail["Subject"]
    assert "72" in mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    path = link_in(mail)
    client = signed_in.application.test_client()
    form = client.get(path)
    assert form.status_code == 200
    assert form.headers["Referrer-Policy"] == "no-referrer"
    assert form.headers["Cache-Control"] == "no-store"
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.location.endswith("/login")
    assert sign_in(client, "sanne@delinde.example", NEW_PASSWORD) == 302
    assert client.get("/events/").status_code == 200
    # the link works once
    assert client.get(path).status_code == 404
    assert client.post(path, data={"password": "x" * 12, "confirm": "x" * 12}).status_code == 404


def test_an_english_invitation(
    signed_in: FlaskClient, deliver: Callable[[], list[EmailMessage]]
) -> None:
    signed_in.post("/team/invite", data=INVITE | {"language": "en"})
    (mail,) = deliver()
    assert mail["Subject"] == "Your place in the team of OBS De Linde"
    html = mail.get_body(preferencelist=("html",))
    assert html is not None and "Choose a password" in html.get_content()


def test_the_dutch_invitation(
    signed_in: FlaskClient, deliver: Callable[[], list[EmailMessage]]
) -> None:
    signed_in.post("/team/invite", data=INVITE)
    (mail,) = deliver()
    text = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "wachtwoord" in text and "Met vriendelijke groet" in text


def test_the_invitation_expires_after_72_hours(
    signed_in: FlaskClient, deliver: Callable[[], list[EmailMessage]]
) -> None:
    signed_in.post("/team/invite", data=INVITE)
    path = link_in(deliver()[0])
    client = signed_in.application.test_client()
    with time_machine.travel(time.time() + 71 * 3600, tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(time.time() + 73 * 3600, tick=False):
        assert client.get(path).status_code == 404


def test_inviting_again_replaces_the_first_link(
    signed_in: FlaskClient, deliver: Callable[[], list[EmailMessage]]
) -> None:
    signed_in.post("/team/invite", data=INVITE)
    user = db.session.scalars(db.select(User).filter_by(email="sanne@delinde.example")).one()
    signed_in.post(f"/team/{user.id}/invite-again")
    first, second = deliver()
    client = signed_in.application.test_client()
    assert client.get(link_in(first)).status_code == 404
    assert client.get(link_in(second)).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"), [("email", "geen-adres"), ("name", ""), ("role", "admin")]
)
def test_a_bad_invitation_gets_a_message(signed_in: FlaskClient, field: str, value: str) -> None:
    response = signed_in.post("/team/invite", data=INVITE | {field: value})
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.text
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0


def test_an_address_in_use_is_refused(signed_in: FlaskClient, coordinator: User) -> None:
    response = signed_in.post("/team/invite", data=INVITE | {"email": coordinator.email.upper()})
    assert response.status_code == 200 and 'id="email-error"' in response.text


def test_change_role_and_deactivate(
    signed_in: FlaskClient, make_user: Callable[..., User], coordinator: User
) -> None:
    colleague = make_user("team", email="jan@delinde.example")
    form = {f"u{colleague.id}-role": "facilitator"}
    assert signed_in.post(f"/team/{colleague.id}/role", data=form).status_code == 302
    assert signed_in.post(f"/team/{colleague.id}/deactivate").status_code == 302
    db.session.refresh(colleague)
    assert colleague.role == "facilitator" and not colleague.active
    assert "Uitgeschakeld" in signed_in.get("/team").text
    assert sign_in(signed_in, colleague.email, PASSWORD) == 200  # cannot sign in
    assert sign_in(signed_in, coordinator.email, PASSWORD) == 302
    assert signed_in.post(f"/team/{colleague.id}/activate").status_code == 302
    assert sign_in(signed_in, colleague.email, PASSWORD) == 302


def test_deactivating_ends_an_open_session(
    client: FlaskClient, make_user: Callable[..., User], coordinator: User
) -> None:
    colleague = make_user("team")
    assert sign_in(client, colleague.email, PASSWORD) == 302
    assert client.get("/events/").status_code == 200
    services.deactivate(colleague, coordinator)
    assert client.get("/events/").status_code == 302


def test_the_last_coordinator_stays(signed_in: FlaskClient, coordinator: User) -> None:
    signed_in.get("/language/en")
    response = signed_in.post(
        f"/team/{coordinator.id}/role", data={f"u{coordinator.id}-role": "team"},
        follow_redirects=True,
    )  # fmt: skip
    assert "at least one active coordinator" in response.text
    response = signed_in.post(f"/team/{coordinator.id}/deactivate", follow_redirects=True)
    assert "cannot deactivate yourself" in response.text
    db.session.refresh(coordinator)
    assert coordinator.role == "coordinator" and coordinator.active


def test_team_members_can_own_preparation_tasks(
    signed_in: FlaskClient, make_user: Callable[..., User], make_event: Callable[..., object]
) -> None:
    facilitator = make_user("facilitator", name="Gespreksleider Kees")
    event = make_event()
    page = signed_in.get(f"/events/{event.id}/tasks").text  # type: ignore[attr-defined]
    assert f'<option value="{facilitator.id}">Gespreksleider Kees</option>' in page


@pytest.mark.parametrize("role", ["team", "facilitator"])
def test_only_coordinators_manage_the_team(
    login: Callable[[User], FlaskClient], make_user: Callable[..., User], role: str
) -> None:
    client = login(make_user(role))
    other = make_user("team")
    assert client.get("/team").status_code == 403
    assert client.post("/team/invite", data=INVITE).status_code == 403
    assert client.post(f"/team/{other.id}/deactivate").status_code == 403


def test_another_schools_member_is_a_404(
    signed_in: FlaskClient, make_user: Callable[..., User]
) -> None:
    other_school = School(name="Andere school")
    db.session.add(other_school)
    db.session.commit()
    stranger = make_user("team", school_=other_school)
    assert signed_in.post(f"/team/{stranger.id}/deactivate").status_code == 404
    assert signed_in.post(f"/team/{stranger.id}/role", data={}).status_code == 404
    assert signed_in.post("/team/999999/activate").status_code == 404


# --- forgot password -----------------------------------------------------------------------


def test_forgot_password_by_mail(
    client: FlaskClient, coordinator: User, deliver: Callable[[], list[EmailMessage]]
) -> None:
    assert 'href="/password/forgot"' in client.get("/login").text
    known = client.post("/password/forgot", data={"email": coordinator.email.upper()})
    unknown = client.post("/password/forgot", data={"email": "niemand@delinde.example"})
    assert known.status_code == unknown.status_code == 302
    (mail,) = deliver()
    assert mail["To"].addresses[0].addr_spec == coordinator.email
    path = link_in(mail)
    assert (
        client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        == 302
    )
    assert sign_in(client, coordinator.email, PASSWORD) == 200
    assert sign_in(client, coordinator.email, NEW_PASSWORD) == 302
    assert client.get(path).status_code == 404


def test_the_same_answer_whether_or_not_the_address_exists(
    english: FlaskClient, coordinator: User
) -> None:
    answers = []
    for email in (coordinator.email, "niemand@delinde.example"):
        response = english.post("/password/forgot", data={"email": email}, follow_redirects=True)
        answers.append(response.text.split('role="status"')[1].split("</div>")[0])
    assert answers[0] == answers[1] and "on its way" in answers[0]


def test_the_reset_link_expires_after_an_hour(
    client: FlaskClient, coordinator: User, deliver: Callable[[], list[EmailMessage]]
) -> None:
    client.post("/password/forgot", data={"email": coordinator.email})
    path = link_in(deliver()[0])
    with time_machine.travel(time.time() + 59 * 60, tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(time.time() + 61 * 60, tick=False):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/password/reset/garbage", "/welcome/garbage", "/welcome/"])
def test_a_broken_link_is_a_plain_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_an_invitation_link_does_not_reset(client: FlaskClient, coordinator: User) -> None:
    with client.application.test_request_context():
        token = services.make_token(coordinator, services.INVITE)
    assert client.get(f"/password/reset/{token}").status_code == 404
    assert client.get(f"/welcome/{token}").status_code == 200


def test_a_deactivated_user_gets_no_reset_mail(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    user = make_user("team")
    user.active = False
    db.session.commit()
    client.post("/password/forgot", data={"email": user.email})
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0


def test_a_short_password_gets_a_message(client: FlaskClient, coordinator: User) -> None:
    with client.application.test_request_context():
        token = services.make_token(coordinator, services.RESET)
    response = client.post(f"/password/reset/{token}", data={"password": "kort", "confirm": "kort"})
    assert response.status_code == 200 and 'id="password-error"' in response.text
    mismatch = client.post(
        f"/password/reset/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}
    )
    assert 'id="confirm-error"' in mismatch.text


def test_the_forms_carry_working_csrf_tokens(
    signed_in: FlaskClient, make_user: Callable[..., User]
) -> None:
    """With CSRF on (as in production): the prefixed role and logo forms still pass."""
    import re

    colleague = make_user("team")
    signed_in.application.config["WTF_CSRF_ENABLED"] = True
    page = signed_in.get("/team").text
    token = re.search(rf'name="u{colleague.id}-csrf_token" type="hidden" value="([^"]+)"', page)
    assert token is not None
    form = {f"u{colleague.id}-csrf_token": token.group(1), f"u{colleague.id}-role": "facilitator"}
    assert signed_in.post(f"/team/{colleague.id}/role", data=form).status_code == 302
    db.session.refresh(colleague)
    assert colleague.role == "facilitator"
    refused = signed_in.post(f"/team/{colleague.id}/role", data={f"u{colleague.id}-role": "team"})
    assert refused.status_code == 400


def test_without_a_mail_server_the_coordinator_sees_the_invitation(
    signed_in: FlaskClient, make_user: Callable[..., User]
) -> None:
    signed_in.post("/team/invite", data=INVITE)
    row = db.session.scalars(db.select(OutboxMessage)).one()
    assert f'href="/team/mail/{row.id}"' in signed_in.get("/team").text
    page = signed_in.get(f"/team/mail/{row.id}").text
    assert f'src="/team/mail/{row.id}/body"' in page and "/welcome/" in page
    body = signed_in.get(f"/team/mail/{row.id}/body")
    assert "/welcome/" in body.text and "sandbox" in body.headers["Content-Security-Policy"]
    row.kind = "invitation"  # a parent's mail is not shown here
    db.session.commit()
    assert signed_in.get(f"/team/mail/{row.id}").status_code == 404
    assert signed_in.get("/team/mail/99999/body").status_code == 404
