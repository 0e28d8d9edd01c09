"""Translated words for the values of the domain and the models."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .domain.agenda import BlockKind, DomainError, Problem, Warning
from .domain.languages import HOME_LANGUAGES, name_in
from .models import Answer, PersonRole, Role, Status

STATUS_LABELS = {
    Status.CONCEPT.value: _l("Concept"),
    Status.INVITED.value: _l("Invited"),
    Status.HELD.value: _l("Held"),
    Status.AFTERCARE.value: _l("Aftercare"),
    Status.CLOSED.value: _l("Closed"),
    Status.CANCELLED.value: _l("Cancelled"),
}

ROLE_LABELS = {
    Role.COORDINATOR.value: _l("Coordinator"),
    Role.TEAM.value: _l("Action team"),
    Role.FACILITATOR.value: _l("Facilitator"),
}

KIND_LABELS = {
    BlockKind.WALK_IN.value: _l("Walk-in"),
    BlockKind.PLENARY.value: _l("Plenary (arena)"),
    BlockKind.INTRODUCTION.value: _l("Introduction"),
    BlockKind.DIALOGUE.value: _l("Dialogue"),
    BlockKind.SUMMARY.value: _l("Summary"),
    BlockKind.BREAK.value: _l("Break"),
    BlockKind.THEME_TABLES.value: _l("Theme tables"),
    BlockKind.PRESENTATIONS.value: _l("Presentations"),
    BlockKind.CLOSING.value: _l("Closing"),
    BlockKind.OTHER.value: _l("Other"),
}

# The ten success factors of Lusse (2013), seed 000.
FACTOR_LABELS = {
    1: _l("Make parents feel welcome"),
    2: _l("Get to know all parents early"),
    3: _l("Have contact with a parent, and if needed another carer, of every child"),
    4: _l("Invite the pupil to regular, individual contact with parents"),
    5: _l("Ensure interaction, dialogue and exchange of information with parents"),
    6: _l("Feed the conversation between parent and child at home"),
    7: _l("Pay attention (also) to what goes well"),
    8: _l("Take the pupil's school career as the guide for contact with parents"),
    9: _l("Start a concrete plan with clear roles for pupil, parent and school"),
    10: _l("Turn disappointments in the school career into new perspective"),
}


def warning_text(warning: Warning) -> str:
    p = dict(warning.params)
    for name in ("end", "planned"):
        if name in p:
            p[name] = p[name].strftime("%H:%M")
    texts = {
        "ends_late": lambda: _(
            "The agenda ends at %(end)s, %(minutes)s minutes after the planned end (%(planned)s).",
            **p,
        ),
        "no_break": lambda: _(
            "%(minutes)s minutes without a break, from %(first)s to %(last)s. "
            "Plan a break at least every 75 minutes.",
            **p,
        ),
        "theme_tables_short": lambda: _(
            "%(minutes)s minutes is short for %(themes)s themes: plan at least %(needed)s minutes.",
            **p,
        ),
        "theme_tables_without_themes": lambda: _(
            "There are theme tables, but the meeting has no themes yet."
        ),
        "no_one_responsible": lambda: _("Nobody is responsible for %(title)s.", **p),
        "dialogue_without_questions": lambda: _("The dialogue %(title)s has no questions.", **p),
    }
    return texts[warning.code]() if warning.code in texts else warning.code


def problem_text(problem: Problem) -> str:
    p = dict(problem.params)
    texts = {
        "too_deep": lambda: _("Parts cannot have parts of their own."),
        "no_title": lambda: _("A block has no title."),
        "bad_duration": lambda: _(
            "%(title)s: %(duration)s minutes is not a duration from 1 to 300 minutes.", **p
        ),
        "bad_factor": lambda: _("%(title)s: the success factors are numbered 1 to 10.", **p),
    }
    return texts[problem.code]() if problem.code in texts else str(problem)


def error_text(error: DomainError) -> str:
    """A domain error, said in the user's language."""
    p = dict(error.params)
    texts: dict[str, Callable[[], str]] = {
        "no_block": lambda: _("That block does not exist (any more)."),
        "incomplete_order": lambda: _(
            "The new order must name every block at that level exactly once. "
            "Reload the page and try again."
        ),
        "part_with_parts": lambda: _("A part cannot have parts of its own."),
        "first_block": lambda: _("The first block has no block above it to become a part of."),
        "block_with_parts": lambda: _("A block with parts cannot become a part."),
        "not_a_part": lambda: _("This block is not a part."),
        "unknown_action": lambda: _("Unknown action."),
        "not_a_template": lambda: _("This file is not an eventkit agenda template."),
        "bad_version": lambda: _("This template version is not supported."),
        "malformed": lambda: _("The template is incomplete or malformed (%(detail)s).", **p),
        "no_name": lambda: _("The template has no name."),
        "unknown_template": lambda: _("That template does not exist."),
        "invalid_blocks": lambda: " ".join(problem_text(x) for x in p["problems"]),
        # an uploaded Word base document (eventkit.exports.docx_base)
        "empty": lambda: _("the file is empty."),
        "too_large": lambda: _("the file is larger than 10 MB."),
        "not_docx": lambda: _("this is not a Word document (.docx)."),
        "unreadable": lambda: _("Word cannot open this document."),
        "macros": lambda: _("documents with macros (.docm, .dotm) are not accepted."),
        "unusable": lambda: _("the printed exports cannot be made on it."),
    }
    return texts[error.code]() if error.code in texts else str(error)


ANSWER_LABELS = {Answer.YES: _l("Yes"), Answer.MAYBE: _l("Maybe"), Answer.NO: _l("No")}

ROLE_NAMES: Mapping[str, object] = {
    PersonRole.PARENT: _l("Parent"),
    PersonRole.STAFF: _l("Staff"),
    PersonRole.STUDENT: _l("Pupil"),
}


def language_choices() -> list[tuple[str, str]]:
    """The home languages a school meets most, named in the user's language."""
    locale = str(get_locale() or "nl")
    return [(code, name_in(code, locale)) for code in HOME_LANGUAGES]


RULE_NAMES = {
    "everyone_seated": _l("Everyone has a seat"),
    "table_size": _l("Table sizes within their limits"),
    "facilitator": _l("A facilitator at every table"),
    "households": _l("Households together or apart, as set"),
    "cannot_link": _l("People kept apart are apart"),
    "proportional": _l("A fair share of parents, staff and pupils at every table"),
    "pins": _l("Pinned people at their table"),
}


def grouping_message(code: str) -> str:
    texts = {
        "no_tables": lambda: _("Add tables first."),
        "no_people": lambda: _(
            "Nobody to seat yet: groups are made from the households that said yes, the "
            "staff, and on the evening from the people checked in."
        ),
    }
    return texts[code]() if code in texts else code


def board_problem_text(code: str, params: Mapping[str, object]) -> str:
    """A broken grouping rule on the board, with table numbers and names."""
    p = dict(params)
    if "role" in p:
        p["role"] = str(ROLE_NAMES.get(str(p["role"]), p["role"])).lower()
    texts = {
        "size": lambda: _("Table %(table)s has %(size)s people (allowed %(min)s–%(max)s).", **p),
        "no_facilitator": lambda: _("Table %(table)s has no facilitator.", **p),
        "split": lambda: _("%(names)s (one household) sit at tables %(tables)s.", **p),
        "together": lambda: _("%(names)s (one household) sit at one table.", **p),
        "share": lambda: _(
            "Table %(table)s has %(count)s × %(role)s; a fair share is %(low)s to %(high)s.", **p
        ),
        "unseated": lambda: _("%(name)s has no seat.", **p),
        "sit_together": lambda: _(
            "%(names)s sit together at table %(table)s but are to sit apart.", **p
        ),
        "pin_moved": lambda: _(
            "%(name)s is pinned to table %(table)s but does not sit there.", **p
        ),
        "few_facilitators": lambda: _(
            "%(have)s facilitators for %(tables)s tables: add %(short)s facilitators "
            "(staff who can lead a table) or remove %(short)s tables.",
            **p,
        ),
        "too_few_people": lambda: _(
            "The %(tables)s tables need at least %(low)s people, but %(people)s are expected: "
            "remove a table or lower the minimum sizes.",
            **p,
        ),
        "too_many_people": lambda: _(
            "The %(tables)s tables seat at most %(high)s people, but %(people)s are expected: "
            "add a table or raise the maximum sizes.",
            **p,
        ),
        "rule": lambda: _("This rule cannot be met: %(rule)s.", rule=RULE_NAMES[str(p["rule"])]),
    }
    return texts[code]() if code in texts else code
