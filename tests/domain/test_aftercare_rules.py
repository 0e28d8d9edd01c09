"""The pure aftercare rules: names in notes, reminders, progress, the closing checklist."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eventkit.domain import aftercare as rules

NAMES = rules.name_parts([("Lotte", "Brouwer"), ("Kees", "de Vries"), ("A", "")])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Juf BROUWER reageert niet", ["brouwer"]),
        ("Meneer de  Vries was er niet", ["de vries"]),
        ("Lotte's aanpak werkt", ["lotte"]),
        ("Brouwerij in de buurt", []),
        ("Een docent reageert niet op mail", []),
        ("De vrieskist", []),
    ],
)
def test_names_are_matched_as_whole_words_in_any_case(text: str, found: list[str]) -> None:
    assert rules.names_in(text, NAMES) == found


def test_initials_and_particles_alone_are_not_names() -> None:
    assert "a" not in NAMES and "de" not in NAMES
    assert NAMES[0] == "de vries"  # longest first


@pytest.mark.parametrize(
    ("status", "target", "last_update", "flags", "today", "expected"),
    [
        ("planned", date(2026, 12, 10), None, (False, False), date(2026, 12, 2), None),
        ("planned", date(2026, 12, 10), None, (False, False), date(2026, 12, 3), "before"),
        ("planned", date(2026, 12, 10), None, (True, False), date(2026, 12, 5), None),
        ("in_progress", date(2026, 12, 10), None, (True, False), date(2026, 12, 10), None),
        ("in_progress", date(2026, 12, 10), None, (True, False), date(2026, 12, 11), "overdue"),
        ("in_progress", date(2026, 12, 10), date(2026, 12, 6), (True, False), date(2026, 12, 11),
         None),
        ("in_progress", date(2026, 12, 10), None, (True, True), date(2026, 12, 12), None),
        ("done", date(2026, 12, 10), None, (False, False), date(2026, 12, 12), None),
        ("planned", None, None, (False, False), date(2026, 12, 12), None),
    ],
)  # fmt: skip
def test_owner_reminders(
    status: str, target: date | None, last_update: date | None, flags: tuple[bool, bool],
    today: date, expected: str | None,
) -> None:  # fmt: skip
    facts = rules.ActionFacts(status, target, last_update, *flags)
    assert rules.owner_reminder(facts, today) == expected


@pytest.mark.parametrize(
    ("today", "published", "sent", "expected"),
    [
        (date(2026, 11, 16), False, 0, None),
        (date(2026, 11, 17), False, 0, 1),
        (date(2026, 11, 20), False, 1, None),
        (date(2026, 11, 24), False, 1, 2),
        (date(2026, 12, 24), False, 2, None),
        (date(2026, 11, 24), True, 0, None),
        (date(2026, 11, 25), False, 0, 2),  # found on day 15: only the second
        (date(2026, 12, 24), False, 0, None),  # long ago: no late reminders
        (date(2026, 11, 30), False, 1, 2),
        (date(2026, 12, 1), False, 1, None),
    ],
)
def test_coordinator_reminders_on_day_7_and_14(
    today: date, published: bool, sent: int, expected: int | None
) -> None:
    assert rules.coordinator_reminder(date(2026, 11, 10), today, published, sent) == expected


def test_update_mails_at_most_weekly() -> None:
    last = datetime(2026, 11, 20, 9, 0)
    assert rules.update_mail_allowed(None, last)
    assert not rules.update_mail_allowed(last, datetime(2026, 11, 27, 8, 59))
    assert rules.update_mail_allowed(last, datetime(2026, 11, 27, 9, 0))


def test_statuses_and_progress() -> None:
    assert [rules.default_progress(s) for s in rules.ActionState] == [0, 50, 100, 0]
    assert rules.clamp_progress(130) == 100 and rules.clamp_progress(-5) == 0
    with pytest.raises(rules.AftercareError):
        rules.check_status("not_adopted", "  ")
    with pytest.raises(rules.AftercareError):
        rules.check_status("maybe", "")


def test_the_closing_checklist_points_at_the_first_open_step() -> None:
    facts = rules.ClosingFacts(held=True, present=30, notes=8, unreviewed=0, flagged_public=1,
                               actions=0, published=False, status="held")  # fmt: skip
    steps = rules.closing_steps(facts)
    assert rules.next_step(steps) == "notes"
    assert [s.key for s in steps] == ["held", "attendance", "notes", "actions", "published",
                                      "closed"]  # fmt: skip


def test_the_index_of_names_finds_what_a_walk_through_all_names_finds() -> None:
    """Names.candidates narrows the search by first word (issue 13); the hits are the same."""
    names = rules.name_parts([
        ("Lotte", "Brouwer"), ("Kees", "de Vries"), ("Seán", "O'Brien"), ("Jean-Luc", "van Dijk"),
        ("Ayşe", "Yılmaz"), ("Олена", "Коваль"), ("Anna", "de Vries-Bakker"), ("Li", "Na"),
    ])  # fmt: skip
    texts = [
        "Juf BROUWER en meneer DE VRIES", "o'brien zei het al", "Jean-Luc van  Dijk kwam laat",
        "AYŞE en Олена", "mevrouw de Vries-Bakker", "li na", "Brouwerij van Dijkstra", "",
        "de vries, de vries-bakker en Li.",
    ]  # fmt: skip
    assert isinstance(names, rules.Names)
    for text in texts:
        assert rules.names_in(text, names) == rules.names_in(text, list(names)), text
    assert rules.names_in("Jean-Luc van Dijk", names) == ["jean-luc", "van dijk"]
