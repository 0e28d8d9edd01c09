"""The response overview: counts by class and year, adults, needs, questions by theme."""

from __future__ import annotations

from eventkit.invitations import overview
from eventkit.invitations.data import households_of


def build(event):
    """The overview of the ORM households (the exports); the page's, read from plain rows
    (overview.of_event), must be the same."""
    found = overview.build(households_of(event), event.themes)
    assert overview.of_event(event) == found
    return found


def test_counts_by_class_and_year(meeting, make_household) -> None:
    two_classes = [("Ayşe", "Yılmaz", "2B", "2"), ("Sem", "Yılmaz", "4A", "4")]
    make_household(
        meeting, children=two_classes, answer={"answer": "yes", "adults": 2, "pupil_comes": True}
    )
    make_household(
        meeting, children=[("Noor", "Bakker", "2B", "2")], answer={"answer": "maybe", "adults": 3}
    )
    make_household(
        meeting, children=[("Tim", "Vos", "2A", "2")], answer={"answer": "no", "adults": 0}
    )
    make_household(meeting, children=[("Lina", "Haddad", "4A", "4")])
    result = build(meeting)
    total = result.total
    assert (total.invited, total.answered, total.open) == (4, 3, 1)
    assert (total.yes, total.maybe, total.no) == (1, 1, 1)
    assert (total.adults_yes, total.adults_maybe, total.pupils_yes) == (2, 3, 1)
    by_class = {name: (t.invited, t.yes, t.maybe, t.no) for name, t in result.by_class}
    assert by_class == {"2A": (1, 0, 0, 1), "2B": (2, 1, 1, 0), "4A": (2, 1, 0, 0)}
    assert [name for name, _ in result.by_class] == ["2A", "2B", "4A"]
    by_year = {name: (t.invited, t.answered, t.adults_yes) for name, t in result.by_year}
    assert by_year == {"2": (3, 3, 2), "4": (2, 1, 2)}


def test_classes_sort_naturally_and_classless_last(meeting, make_household) -> None:
    for name in ("10B", "2A", "1C"):
        make_household(meeting, children=[("K", "L", name, "")])
    make_household(meeting, children=[])
    assert [name for name, _ in build(meeting).by_class] == ["1C", "2A", "10B", ""]


def test_needs_count_for_those_who_come(meeting, make_household) -> None:
    make_household(
        meeting, answer={"interpreter": True, "interpreter_language": "ar", "childcare": True}
    )
    make_household(
        meeting, answer={"answer": "maybe", "interpreter": True, "interpreter_language": "ar"}
    )
    make_household(meeting, answer={"interpreter": True, "interpreter_language": "tr"})
    make_household(meeting, answer={"interpreter": True, "interpreter_language": "Dari"})
    make_household(
        meeting,
        carers=[("Piet Jansen", "")],
        answer={"accessibility": "Rolstoel", "childcare": True},
    )
    make_household(
        meeting,
        answer={
            "answer": "no",
            "interpreter": True,
            "interpreter_language": "pl",
            "childcare": True,
        },
    )
    result = build(meeting)
    assert result.interpreters == [("ar", 1, 1), ("Dari", 1, 0), ("tr", 1, 0)]
    assert result.childcare == 2
    (need,) = result.accessibility
    assert (need.who, need.classes, need.text) == ("Piet Jansen", "2B", "Rolstoel")


def test_questions_grouped_by_first_theme_and_votes(meeting, make_household) -> None:
    attendance, cooperation, homework = meeting.themes
    make_household(
        meeting, answer={"question": "Hoe meld ik ziek?", "themes": [attendance.id, homework.id]}
    )
    make_household(
        meeting,
        answer={"answer": "no", "question": "Wanneer is de rapportavond?", "themes": [homework.id]},
    )
    make_household(
        meeting,
        carers=[("Olena Shevchenko", "o@example.test")],
        answer={"question": "Mag mijn zoon mee?", "themes": [], "language": "uk"},
    )
    make_household(
        meeting, answer={"question": "  ", "themes": [homework.id, cooperation.id, attendance.id]}
    )
    result = build(meeting)
    grouped = [
        (theme.title if theme else None, [q.text for q in questions])
        for theme, questions in result.questions
    ]
    assert grouped == [
        (attendance.title, ["Hoe meld ik ziek?"]),
        (homework.title, ["Wanneer is de rapportavond?"]),
        (None, ["Mag mijn zoon mee?"]),
    ]
    asked = result.questions[-1][1][0]
    assert (asked.who, asked.classes, asked.language) == ("Olena Shevchenko", "2B", "uk")
    votes = {v.title: (v.first, v.points) for v in result.themes}
    assert votes == {attendance.title: (1, 4), cooperation.title: (0, 2), homework.title: (2, 8)}


def test_an_empty_meeting(meeting) -> None:
    result = build(meeting)
    assert result.total.invited == 0 and result.by_class == [] and result.questions == []
