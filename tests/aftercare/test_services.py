"""Aftercare services: notes to actions, statuses and progress, names, publishing, erase."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit.aftercare import public, services
from eventkit.events.services import erase_personal_data
from eventkit.extensions import db
from eventkit.models import Action, ActionQuestion, Event, NoteEntry
from tests.aftercare.conftest import NOW, note_text


def fields(**changes: object) -> services.ActionData:
    base: dict[str, object] = {"title": "Sneller bellen", "description": "", "status": "planned",
                               "progress": None, "reason": "", "target_date": None}  # fmt: skip
    return services.ActionData(**(base | changes))  # type: ignore[arg-type]


def test_an_action_from_a_note_takes_its_text_theme_and_link(held: Event) -> None:
    note = note_text(held, "app-melding")
    action = services.action_from_note(held, note, NOW)
    assert action.title == note.text
    assert action.theme_id == note.table.theme_id
    assert action.notes == [note]
    assert held.aftercare_changed_at == NOW


def test_an_action_from_a_question_copies_only_the_text(held: Event) -> None:
    response = services.questions_of(held)[0]
    action = services.action_from_question(held, response, NOW)
    (question,) = db.session.scalars(db.select(ActionQuestion)).all()
    assert question.text == response.question and question.action_id == action.id
    assert not hasattr(question, "household_id")


@pytest.mark.parametrize(
    ("status", "progress"), [("planned", 0), ("in_progress", 50), ("done", 100)]
)
def test_a_status_sets_its_default_progress(held: Event, status: str, progress: int) -> None:
    action = services.create_action(held, fields(), NOW)
    services.save_action(held, action, fields(status=status, progress=action.progress), NOW)
    assert (action.status, action.progress) == (status, progress)


def test_a_typed_progress_wins_over_the_default(held: Event) -> None:
    action = services.create_action(held, fields(), NOW)
    services.save_action(held, action, fields(status="in_progress", progress=70), NOW)
    assert action.progress == 70


def test_not_adopted_needs_a_reason(held: Event) -> None:
    action = services.create_action(held, fields(), NOW)
    with pytest.raises(services.AftercareError):
        services.save_action(held, action, fields(status="not_adopted"), NOW)
    services.save_action(held, action, fields(status="not_adopted", reason="Te duur"), NOW)
    assert (action.status, action.reason, action.progress) == ("not_adopted", "Te duur", 0)


def test_bulk_status_changes_only_the_chosen_actions(held: Event) -> None:
    made = [services.create_action(held, fields(title=f"Actie {n}"), NOW) for n in range(3)]
    count = services.bulk_status(held, [made[0].id, made[2].id, 99999], "done", "", NOW)
    assert count == 2
    assert [a.status for a in made] == ["done", "planned", "done"]
    assert [a.progress for a in made] == [100, 0, 100]


def test_a_note_naming_staff_is_flagged_and_kept_off_the_page(held: Event) -> None:
    note = note_text(held, "Brouwer")
    assert services.refresh_flags(held) == 1
    assert note.names_person and not services.is_public(note)
    services.review_note(held, note, "Een docent reageert niet op mail.", True, NOW)
    assert not note.names_person and services.is_public(note)


def test_unticking_a_note_keeps_it_off_the_page(held: Event) -> None:
    note = note_text(held, "app-melding")
    services.review_note(held, note, note.text, False, NOW)
    services.publish(held, NOW)
    shown = public.page(held, "nl")
    assert all(note.text not in h.text for s in shown.sections for h in s.heard)


def test_publishing_moves_a_held_meeting_to_aftercare(held: Event) -> None:
    services.publish(held, NOW)
    assert held.status == "aftercare"
    assert services.event_by_token(held.aftercare_token) is held
    services.unpublish(held, NOW)
    assert services.event_by_token(held.aftercare_token) is None


def test_the_stages_run_held_aftercare_closed(held: Event) -> None:
    assert services.advance(held, date(2026, 11, 20)) == "aftercare"
    assert services.advance(held, date(2026, 11, 20)) == "closed"
    assert services.advance(held, date(2026, 11, 20)) is None


def test_the_checklist_leads_to_the_next_step(held: Event) -> None:
    state = services.overview(held, date(2026, 11, 20))
    assert state.present == 4 and state.next_step == "notes"
    for note in services.notes_of(held):
        services.review_note(held, note, services.shown_text(note), "Brouwer" not in note.text, NOW)
    assert services.overview(held, date(2026, 11, 20)).next_step == "actions"


def test_erasing_personal_data_keeps_the_aftercare_and_blanks_authors(held: Event) -> None:
    note = note_text(held, "app-melding")
    action = services.action_from_note(held, note, NOW)
    services.add_update(held, action, date(2026, 11, 15), "Eerste versie klaar", NOW)
    services.publish(held, NOW)
    erase_personal_data(held)
    db.session.expire_all()
    assert db.session.get(Action, action.id).updates[0].text == "Eerste versie klaar"
    kept = db.session.scalars(db.select(NoteEntry)).all()
    assert len(kept) == 5 and all(n.author == "" for n in kept)
    assert services.event_by_token(held.aftercare_token) is not None
    assert public.page(held, "nl").sections


def test_a_flag_survives_the_erasing_of_the_names(held: Event) -> None:
    note = note_text(held, "Brouwer")
    services.refresh_flags(held)
    erase_personal_data(held)
    services.publish(held, NOW)
    assert note.names_person and not services.is_public(note)
