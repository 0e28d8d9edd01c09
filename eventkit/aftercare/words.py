"""Fixed aftercare words that several places share (page, mails, staff pages).

Functions rather than module constants, so they follow the locale in force when they are
called (a parent's mail is written under `force_locale(household language)`).
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..models import ActionStatus, NoteKind


def status_label(status: str) -> str:
    labels = {
        ActionStatus.PLANNED.value: _("Planned"),
        ActionStatus.IN_PROGRESS.value: _("In progress"),
        ActionStatus.DONE.value: _("Done"),
        ActionStatus.NOT_ADOPTED.value: _("Not adopted"),
    }
    return str(labels.get(status, status))


def kind_label(kind: str) -> str:
    labels = {
        NoteKind.GOES_WELL.value: _("What goes well"),
        NoteKind.DIFFICULT.value: _("What is difficult"),
        NoteKind.IDEA.value: _("Idea"),
        NoteKind.QUESTION.value: _("Question"),
        NoteKind.ARENA.value: _("Summary of the conversation"),
    }
    return str(labels.get(kind, kind))
