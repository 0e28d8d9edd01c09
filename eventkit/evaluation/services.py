"""The evaluation's reads and writes.

An answer is stored with its meeting, its day and its words, and nothing else: no household,
token, address or time of day (see EvaluationAnswer). The results are the domain's summary,
which stays None below MIN_ANSWERS so a handful of answers cannot be traced to people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ..config import PARENT_LANGUAGES
from ..domain import evaluation as domain
from ..domain.evaluation import Summary, Window
from ..extensions import db
from ..invitations import links, qr
from ..invitations.services import base_url
from ..models import EvaluationAnswer, Event, Status
from ..uow import transactional

ENDED = (Status.CLOSED.value, Status.CANCELLED.value)
MAX_TEXT = 2000
MAX_QUESTION = 300
# The languages the team can translate its own question into (Dutch is the question itself).
QUESTION_LANGUAGES = tuple(code for code in PARENT_LANGUAGES if code != "nl")


def event_for_token(token: str) -> Event | None:
    """The meeting behind a QR code, or None (unknown or malformed token)."""
    if not links.plausible_token(token):
        return None
    return db.session.scalar(select(Event).where(Event.evaluation_token == token))


def window(event: Event, today: date) -> Window:
    return domain.window(event.date, today, ended=event.status in ENDED)


def public_url(event: Event) -> str:
    return f"{base_url().rstrip('/')}/f/{event.evaluation_token}"


def qr_svg(event: Event) -> str:
    url = public_url(event)
    return qr.svg_for(url, url)


def question_in(event: Event, lang: str) -> tuple[str, str]:
    """The team's own question in `lang`, else in Dutch: (text, its language)."""
    dutch = (event.evaluation_question or "").strip()
    if not dutch:
        return "", "nl"
    own = (event.evaluation_question_translations or {}).get(lang, "").strip()
    return (own, lang) if own and lang != "nl" else (dutch, "nl")


def answer_of(event: Event, answer_id: int) -> EvaluationAnswer | None:
    answer = db.session.get(EvaluationAnswer, answer_id)
    return answer if answer is not None and answer.event_id == event.id else None


def form_data(answer: EvaluationAnswer) -> dict[str, Any]:
    return {
        "rating": str(answer.rating),
        "good": answer.good,
        "better": answer.better,
        "come_again": answer.come_again or None,
        "free_answer": answer.free_answer,
    }


@dataclass(frozen=True)
class Reply:
    """A parent's evaluation as the form has it (texts stripped; "" where left empty)."""

    rating: int
    good: str = ""
    better: str = ""
    come_again: str = ""
    free_answer: str = ""


@transactional
def save(
    event: Event,
    reply: Reply,
    lang: str,
    today: date,
    answer: EvaluationAnswer | None = None,
) -> EvaluationAnswer:
    """A new answer, or the device's own answer changed. Only the day is kept."""
    if answer is None:
        answer = EvaluationAnswer(event_id=event.id)
        db.session.add(answer)
    answer.day = today
    answer.language = lang if lang in PARENT_LANGUAGES else "nl"
    answer.rating = reply.rating
    answer.good = reply.good[:MAX_TEXT]
    answer.better = reply.better[:MAX_TEXT]
    answer.come_again = reply.come_again if reply.come_again in domain.COME_AGAIN else ""
    answer.free_answer = reply.free_answer[:MAX_TEXT] if event.evaluation_question else ""
    return answer


def answer_count(event: Event) -> int:
    query = select(func.count()).where(EvaluationAnswer.event_id == event.id)
    return int(db.session.scalar(query) or 0)


def results(event: Event) -> Summary | None:
    """The meeting's evaluation summarised, or None below the minimum number of answers
    (for the team's page and the follow-up report)."""
    rows = db.session.scalars(select(EvaluationAnswer).where(EvaluationAnswer.event_id == event.id))
    return domain.summarize(
        domain.Answer(
            rating=row.rating,
            come_again=row.come_again,
            good=row.good,
            better=row.better,
            free_answer=row.free_answer,
            language=row.language,
        )
        for row in rows
    )


def question_data(event: Event) -> dict[str, str]:
    translations = event.evaluation_question_translations or {}
    return {
        "question": event.evaluation_question or "",
        **{f"question_{code}": translations.get(code, "") for code in QUESTION_LANGUAGES},
    }


@dataclass(frozen=True)
class Question:
    """The team's own question in Dutch, and its translations by language ("": none)."""

    dutch: str
    translations: Mapping[str, str]


@transactional
def set_question(event: Event, question: Question) -> None:
    """The team's own question in Dutch, with its translations for parents."""
    event.evaluation_question = question.dutch[:MAX_QUESTION]
    event.evaluation_question_translations = {
        code: text[:MAX_QUESTION] for code, text in question.translations.items() if text
    }
