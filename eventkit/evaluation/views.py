"""The evaluation's pages.

/f/<token>                     the parents' anonymous form (public: the QR code at the closing)
/events/<id>/evaluation        the team's page: question, link and QR code, results
/events/<id>/evaluation?screen=1   the QR code for the projector
/events/<id>/evaluation/print  an A5 page to print and lay on the tables

The public form speaks ?lang= if it is a parent language, else the browser's language, else
Dutch. It is exempt from the app-wide CSRF check (which would answer a stale token with an
error page and lose what the parent typed); the form checks its own token and, on a failure,
comes back filled with a fresh one.
"""

from __future__ import annotations

from datetime import datetime

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import clock
from ..access import event_for, members_only
from ..domain.evaluation import CHANGE_WINDOW, MIN_ANSWERS, Window, bars, can_change
from ..extensions import csrf
from ..invitations import texts as parent_texts
from ..models import Event
from ..parents import private, speak
from ..school.services import offered_languages
from . import device, services, texts
from .forms import EvaluationForm
from .staff_forms import QuestionForm

bp = Blueprint("evaluation", __name__)
public = Blueprint("public", __name__)
staff = Blueprint("staff", __name__, url_prefix="/events/<int:event_id>/evaluation")
members_only(staff)


# The same headers as the RSVP pages: noindex, no-store, no Referer (the token is in the URL).
public.after_request(private)


@public.errorhandler(404)
def not_found(error: Exception) -> ResponseReturnValue:
    speak()
    return render_template("rsvp/not_found.html", languages=parent_texts.language_links()), 404


def _parent_page(
    name: str, event: Event, lang: str, status: int = 200, **extra: object
) -> tuple[str, int]:
    languages = parent_texts.language_links(event.school)
    context = {"event": event, "lang": lang, "languages": languages}
    return render_template(f"evaluation/parent/{name}.html", **context, **extra), status


@public.route("/f/<token>", methods=["GET", "POST"])
def evaluate(token: str) -> ResponseReturnValue:
    event = services.event_for_token(token)
    if event is None:
        abort(404)
    lang = speak()
    now = clock.school_now()
    state = services.window(event, now.date())
    if state is not Window.OPEN:
        day = parent_texts.long_date(event.date, lang)
        status = 403 if request.method == "POST" else 200
        return _parent_page("closed", event, lang, status, state=state.value, day=day)
    given = device.read(request, event)
    if given is not None and not can_change(given.at, now):
        return _parent_page("answered", event, lang)
    answer = services.answer_of(event, given.answer_id) if given else None
    form = EvaluationForm()
    if request.method == "GET" and answer is not None:
        form.process(data=services.form_data(answer))
    if request.method == "POST" and form.validate():
        saved = services.save(event, form.to_data(), lang, now.date(), answer)
        response = redirect(url_for(".evaluate", token=token, lang=lang, sent=1))
        if answer is None:
            device.remember(response, event, device.Given(saved.id, now))
        return response
    until = given.at + CHANGE_WINDOW if answer is not None and given is not None else None
    return _form_page(event, lang, form, answer is not None, until)


def _form_page(
    event: Event, lang: str, form: EvaluationForm, changing: bool, until: datetime | None
) -> tuple[str, int]:
    question, question_lang = services.question_in(event, lang)
    return _parent_page(
        "form",
        event,
        lang,
        form=form,
        answer=changing,
        until=parent_texts.clock(until) if until else "",
        sent=changing and request.args.get("sent") == "1",
        expired="csrf_token" in form.errors,
        question=question,
        question_lang=question_lang,
    )


csrf.exempt(evaluate)


def _staff_page(event: Event, question_form: QuestionForm) -> str:
    summary = services.results(event)
    return render_template(
        "evaluation/index.html",
        event=event,
        form=question_form,
        url=services.public_url(event),
        qr=services.qr_svg(event),
        state=services.window(event, clock.school_today()).value,
        count=services.answer_count(event),
        minimum=MIN_ANSWERS,
        summary=summary,
        rating_bars=bars(summary.ratings) if summary else [],
        again_bars=bars(summary.come_again) if summary else [],
        rating_words=texts.RATING_WORDS,
        again_words={"yes": _("Yes"), "maybe": _("Maybe"), "no": _("No")},
        question_languages=services.QUESTION_LANGUAGES,
        language_name=lambda code: parent_texts.language_name(code, str(get_locale())),
    )


@staff.route("")
def index(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    if request.args.get("screen") == "1":
        return _sheet("evaluation/screen.html", event)
    form = QuestionForm(data=services.question_data(event))
    return _staff_page(event, form)


@staff.route("/question", methods=["POST"])
def question(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = QuestionForm()
    if not form.validate_on_submit():
        return _staff_page(event, form)
    services.set_question(event, form.to_data())
    flash(_("The question is saved."), "success")
    return redirect(url_for(".index", event_id=event.id))


@staff.route("/print")
def print_page(event_id: int) -> ResponseReturnValue:
    return _sheet("evaluation/print.html", event_for(event_id))


def _sheet(template: str, event: Event) -> str:
    """The projector view or the A5 page: the QR code, its link, the call in every language."""
    return render_template(
        template,
        event=event,
        url=services.public_url(event),
        qr=services.qr_svg(event),
        invitations=texts.invitations(offered_languages(event.school)),
    )


bp.register_blueprint(public)
bp.register_blueprint(staff)
