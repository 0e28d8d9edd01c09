"""Every fixed aftercare word a parent reads in a mail (the public page's are in its
templates); the statuses and note kinds serve the staff pages too.

Functions rather than module constants, so they follow the locale in force when they are
called (a parent's mail is written under `force_locale(household language)`). All of them
are translated into nl, tr, ar, pl and uk (tests/aftercare/test_translations.py).
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

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


def parent_mail(unsubscribe_link: str) -> dict[str, str]:
    """The words around every aftercare mail to parents."""
    return {
        "greeting": _("Dear parents and carers,"),
        "link_intro": _("Read it here, in your own language:"),
        "link_label": _("Read what the school does"),
        "weekly": _("We send a short mail when something changes, at most once a week."),
        "unsubscribe": _("No more mails about this? Use this link: %(link)s",
                         link=unsubscribe_link),
        "closing": _("Kind regards,"),
    }  # fmt: skip


def summary(title: str, day: str, present: bool, plans: int) -> list[str]:
    """Subject and paragraphs of the mail with the page's link."""
    if present:
        opening = _("Thank you for coming to %(title)s on %(date)s.", title=title, date=day)
    else:
        opening = _("On %(date)s parents and school met at %(title)s.", title=title, date=day)
    return [
        _("What the school does with your ideas: %(title)s", title=title),
        opening,
        ngettext(
            "From what parents said, the school made %(num)d plan.",
            "From what parents said, the school made %(num)d plans.",
            plans,
        ),
        _(
            "On one page you can read what we heard, what the school will do, and how far "
            "it is. We keep it up to date."
        ),
    ]


def update(title: str, actions: list[str], statuses: list[str]) -> list[str]:
    """Subject and paragraphs of the weekly news: each changed action with its status."""
    news = ngettext(
        "There is news about %(num)d plan of the school.",
        "There is news about %(num)d plans of the school.",
        len(actions),
    )
    lines = [f"{a}: {status_label(s)}" for a, s in zip(actions, statuses, strict=True)]
    return [_("News about the plans: %(title)s", title=title), news, *lines]
