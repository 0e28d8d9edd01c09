"""The school's own text in the parents' languages, falling back to Dutch."""

from __future__ import annotations

from eventkit.extensions import db
from eventkit.invitations.data import invitation_data

TURKISH = "Okulumuz velilerle birlikte devamsızlık hakkında konuşmak istiyor."


def test_a_household_reads_the_schools_text_in_its_language(client, meeting, make_household):
    meeting.translations = {"tr": {"goal": TURKISH}}
    db.session.commit()
    turkish = make_household(meeting, language="tr")
    polish = make_household(meeting, language="pl")
    page = client.get(f"/i/{turkish.token}").text
    assert TURKISH in page and meeting.goal not in page
    page = client.get(f"/i/{polish.token}").text
    assert meeting.goal in page and 'lang="nl"' in page
    data = invitation_data(meeting, "http://x")
    assert data.goal_in("tr") == (TURKISH, "tr")
    assert data.goal_in("pl") == (meeting.goal, "nl")


def test_the_team_writes_the_texts(signed_in, english, meeting) -> None:
    page = signed_in.get(f"/events/{meeting.id}/invitations").text
    assert 'name="goal_ar"' in page and 'dir="rtl"' in page
    signed_in.post(
        f"/events/{meeting.id}/invitations/texts",
        data={"goal_tr": TURKISH, "goal_ar": "  ", "goal_nl": "ignored"},
    )
    assert meeting.translations == {"tr": {"goal": TURKISH}}
    assert meeting.goal_in("ar") == (meeting.goal, "nl")


def test_facilitators_cannot_change_them(login, make_user, meeting) -> None:
    client = login(make_user("facilitator"))
    response = client.post(f"/events/{meeting.id}/invitations/texts", data={"goal_tr": "x"})
    assert response.status_code == 403
