"""Several schools in one installation: `eventkit schools`, the school administrator."""

from __future__ import annotations

from eventkit.extensions import db
from eventkit.models import School, User


def _run(app, *args: str, input: str | None = None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_create_a_school_and_its_administrator(app, school) -> None:
    made = _run(app, "schools", "create", "  OBS Het Baken ", "--city", "Almere")
    assert made.exit_code == 0, made.output
    baken = db.session.scalars(db.select(School).where(School.name == "OBS Het Baken")).one()
    assert baken.city == "Almere" and f"School {baken.id}: OBS Het Baken" in made.output
    user = _run(
        app, "create-user", "ADMIN@baken.test", "--name", "Ada", "--role", "admin",
        "--school", str(baken.id), "--password", "een lang wachtwoord",
    )  # fmt: skip
    assert user.exit_code == 0, user.output
    admin = db.session.scalars(db.select(User).where(User.email == "admin@baken.test")).one()
    assert admin.school_id == baken.id and admin.is_school_admin
    assert admin.is_coordinator and admin.can_edit
    listing = _run(app, "schools", "list")
    assert "OBS Het Baken  users: 1  meetings: 0" in listing.output


def test_no_nameless_school_and_no_user_in_a_missing_one(app) -> None:
    assert _run(app, "schools", "create", "   ").exit_code != 0
    missing = _run(
        app, "create-user", "x@y.test", "--name", "X", "--school", "999",
        "--password", "een lang wachtwoord",
    )  # fmt: skip
    assert missing.exit_code != 0 and "no school with id 999" in missing.output


def test_a_coordinator_is_no_school_administrator(make_user) -> None:
    coordinator = make_user("coordinator")
    assert coordinator.is_coordinator and not coordinator.is_school_admin


def test_each_school_lists_only_its_own_meetings(app, login, make_user, make_event) -> None:
    baken = School(name="Het Baken")
    db.session.add(baken)
    db.session.commit()
    make_event(title="Avond van De Linde")
    make_event(title="Avond van Het Baken", school_=baken)
    page = login(make_user("admin", school_=baken)).get("/events/")
    assert "Avond van Het Baken" in page.text and "Avond van De Linde" not in page.text


def test_on_paper_the_administrator_is_a_coordinator(make_user) -> None:
    from eventkit.exports.data import badges_of, team_roles

    admin = make_user("admin", name="Ada Admin")
    (badge,) = badges_of([admin], [])
    assert badge.role == "coordinator"
    assert team_roles([admin], [], [])[0].names == ("Ada Admin",)
