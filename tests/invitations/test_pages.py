"""The action team's pages: invitations, the Word job, print view, poster, responses, mentors."""

from __future__ import annotations

import io
import re

import docx
import pytest
from sqlalchemy import select

from eventkit.domain.codes import grouped
from eventkit.extensions import db
from eventkit.models import Household, Participant, Pupil, School

PAGES = ["invitations", "invitations/print", "invitations/poster", "responses", "responses/mentors"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_a_signed_in_user_of_the_school(
    client, login, make_user, make_event, meeting, path: str
) -> None:
    assert client.get(f"/events/{meeting.id}/{path}").status_code == 302
    stranger_school = School(name="Andere school")
    db.session.add(stranger_school)
    db.session.commit()
    login(make_user("coordinator", school_=stranger_school))
    assert client.get(f"/events/{meeting.id}/{path}").status_code == 404


def test_the_invitations_tab(signed_in, meeting, make_household) -> None:
    make_household(meeting, children=[("Noor", "Bakker", "2A", "2")], answer={"answer": "yes"})
    make_household(meeting, language="ar")
    page = signed_in.get(f"/events/{meeting.id}/invitations").text
    assert 'data-testid="households">2<' in page and 'data-testid="answered"' in page
    assert "Noor" in page and "Arabisch" in page
    assert f"/events/{meeting.id}/responses" in page
    assert re.search(r"http://eventkit\.test/e/[0-9a-f]{8}[\w-]{10}", page)
    assert f'href="/events/{meeting.id}/invitations" aria-current="page"' in page


def test_mark_handed_out(signed_in, meeting, make_household) -> None:
    first, second, third = (make_household(meeting) for _ in range(3))
    url = f"/events/{meeting.id}/invitations/handed-out"
    assert signed_in.post(url, data={"household": [str(first.id)]}).status_code == 302
    db.session.expire_all()
    assert first.invited_at is not None and second.invited_at is None
    signed_in.post(url, data={"all": "1"})
    db.session.expire_all()
    assert all(h.invited_at is not None for h in (first, second, third))


def test_mark_handed_out_ignores_other_meetings(signed_in, meeting, make_event, make_household):
    other = make_household(make_event(title="Andere"))
    signed_in.post(
        f"/events/{meeting.id}/invitations/handed-out", data={"household": [str(other.id)]}
    )
    db.session.expire_all()
    assert other.invited_at is None


def test_the_word_file_is_made_in_the_background(signed_in, meeting, make_household) -> None:
    households = [make_household(meeting, language=lang) for lang in ("nl", "tr", "ar")]
    response = signed_in.post(f"/events/{meeting.id}/invitations/word")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_page = signed_in.get(response.headers["Location"]).text
    assert 'value="3"' in job_page and "<progress" in job_page
    token = response.headers["Location"].rsplit("/", 1)[1]
    download = signed_in.get(f"/jobs/{token}/download")
    document = docx.Document(io.BytesIO(download.data))
    assert len(document.inline_shapes) == 3
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(grouped(h.token) in text for h in households)


def test_the_word_file_for_one_class(signed_in, meeting, make_household) -> None:
    make_household(meeting, children=[("Noor", "Bakker", "2A", "2")])
    make_household(meeting, children=[("Ayşe", "Yılmaz", "2B", "2")])
    response = signed_in.post(f"/events/{meeting.id}/invitations/word", data={"class": "2A"})
    token = response.headers["Location"].rsplit("/", 1)[1]
    document = docx.Document(io.BytesIO(signed_in.get(f"/jobs/{token}/download").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Noor" in text and "Ayşe" not in text


def test_the_print_view_has_a_letter_per_household(signed_in, meeting, make_household) -> None:
    nl = make_household(meeting)
    ar = make_household(meeting, language="ar", children=[("Mariam", "Haddad", "2C", "2")])
    page = signed_in.get(f"/events/{meeting.id}/invitations/print").text
    assert page.count('<article class="letter sheet"') == 2
    # The print style is a stylesheet of its own (the Content-Security-Policy forbids inline).
    assert page.count("<svg") == 2 and 'href="/static/css/print.css"' in page
    style = signed_in.get("/static/css/print.css")
    assert "@media print" in style.text and "break-after: page" in style.text
    style.close()
    assert f'<p class="url" dir="ltr">http://eventkit.test/i/{grouped(nl.token)}</p>' in page
    assert (
        '<article class="letter sheet" lang="ar" dir="rtl">' in page and grouped(ar.token) in page
    )


def test_the_poster_links_to_walk_in_sign_up(app, signed_in, meeting) -> None:
    from eventkit.invitations import links

    page = signed_in.get(f"/events/{meeting.id}/invitations/poster").text
    url = links.walkin_url("http://eventkit.test", meeting, app.config["SECRET_KEY"])
    assert url in page and "<svg" in page
    assert 'lang="ar" dir="rtl"' in page and 'lang="uk" dir="ltr"' in page


def test_the_response_overview(signed_in, meeting, make_household) -> None:
    needs = {"interpreter": True, "interpreter_language": "ar", "question": "Hoe meld ik ziek?"}
    make_household(meeting, answer={"answer": "yes", "adults": 2, **needs})
    make_household(meeting, answer={"answer": "maybe", "adults": 1})
    make_household(meeting)
    page = signed_in.get(f"/events/{meeting.id}/responses").text
    assert 'data-testid="invited">3<' in page and 'data-testid="answered">2<' in page
    assert 'data-testid="yes-maybe-no">1 / 1 / 0<' in page and 'data-testid="adults">2<' in page
    assert "Arabisch" in page and "Hoe meld ik ziek?" in page


def test_mentor_lists(signed_in, coordinator, meeting, make_household) -> None:
    make_household(meeting, children=[("Noor", "Bakker", "2A", "2")], answer={"answer": "no"})
    make_household(
        meeting, children=[("Ayşe", "Yılmaz", "2B", "2")], carers=[("Fatma Yılmaz", "f@x.nl")]
    )
    url = f"/events/{meeting.id}/responses/mentors"
    assert "mentor-list" not in signed_in.get(url).text  # not a mentor: choose a class
    page = signed_in.get(url, query_string={"class": "2B"}).text
    assert (
        "Ayşe" in page
        and "Noor" not in page
        and "mailto:f@x.nl" in page
        and "tel:0612345678" in page
    )
    # A mentor of 2A in this meeting's staff list sees their class at once.
    mentor = Participant(
        event=meeting, role="staff", first_name="M", email=coordinator.email, mentor_of=["2A"]
    )
    db.session.add(mentor)
    db.session.commit()
    page = signed_in.get(url).text
    assert "Noor" in page and "Ayşe" not in page


def test_the_cli_writes_the_word_file(app, meeting, make_household, tmp_path) -> None:
    make_household(meeting)
    target = tmp_path / "uitnodigingen.docx"
    result = app.test_cli_runner().invoke(
        args=["export", "invitations", str(meeting.id), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert len(docx.Document(str(target)).inline_shapes) == 1
    missing = app.test_cli_runner().invoke(args=["export", "invitations", "999"])
    assert missing.exit_code != 0 and "no meeting" in missing.output


def test_the_cli_refuses_a_class_that_does_not_exist(app, meeting, make_household, tmp_path):
    make_household(meeting)
    target = tmp_path / "9z.docx"
    result = app.test_cli_runner().invoke(
        args=["export", "invitations", str(meeting.id), "--class", "9Z", "-o", str(target)]
    )
    assert result.exit_code == 1
    assert "9Z" in result.output and "2B" in result.output
    assert not target.exists()


def test_households_are_per_meeting(meeting, make_event, make_household) -> None:
    make_household(make_event(title="Andere"))
    assert db.session.query(Household).filter_by(event_id=meeting.id).count() == 0


def _many(meeting, count: int, class_name: str) -> None:
    """`count` households with one child in `class_name`, added at once (no commit each)."""
    for number in range(count):
        household = Household(event=meeting, language="nl")
        household.pupils.append(
            Pupil(first_name=f"Kind{number:03d}", last_name="Jansen", class_name=class_name)
        )
        db.session.add(household)
    db.session.commit()


def test_the_household_list_is_paged(signed_in, meeting, make_household) -> None:
    _many(meeting, 101, "2A")
    make_household(meeting, children=[("Noor", "Bakker", "3C", "3")], answer={"answer": "yes"})
    url = f"/events/{meeting.id}/invitations"
    first = signed_in.get(url).text
    assert 'data-testid="households">102<' in first and 'data-testid="answered"' in first
    assert first.count('name="household"') == 100 and "Noor" not in first
    assert f'href="/events/{meeting.id}/invitations?page=2" rel="next"' in first
    second = signed_in.get(url, query_string={"page": "2"}).text
    assert second.count('name="household"') == 2 and "Noor" in second
    assert signed_in.get(url, query_string={"page": "x"}).status_code == 200


def test_the_household_list_of_one_class_keeps_it_in_its_links(signed_in, meeting) -> None:
    _many(meeting, 101, "2A")
    _many(meeting, 3, "2B")
    url = f"/events/{meeting.id}/invitations"
    page = signed_in.get(url, query_string={"class": "2A"}).text
    assert page.count('name="household"') == 100 and 'value="2A" selected' in page
    assert f'href="/events/{meeting.id}/invitations?page=2&amp;class=2A" rel="next"' in page
    assert signed_in.get(url, query_string={"class": "2B"}).text.count('name="household"') == 3
    unknown = signed_in.get(url, query_string={"class": "9Z"}).text  # not a class: everyone
    assert 'data-testid="households">104<' in unknown


def test_marking_handed_out_returns_to_the_same_page(signed_in, meeting) -> None:
    _many(meeting, 101, "2A")
    last = db.session.scalars(select(Household).order_by(Household.id.desc())).first()
    response = signed_in.post(
        f"/events/{meeting.id}/invitations/handed-out",
        data={"household": [str(last.id)], "page": "2", "class": "2A"},
    )
    assert response.location.endswith(
        f"/events/{meeting.id}/invitations?class=2A&page=2#households"
    )
    db.session.expire_all()
    assert last.invited_at is not None
