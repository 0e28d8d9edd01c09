"""The public parent pages: no account, only the unguessable link.

/i/<token>      the personal invitation: meeting details and the answer form
/i/<token>/done the confirmation: summary, the evening in plain words, add to calendar
/i/<token>/calendar.ics  the meeting for the parent's calendar (eventkit.calendar.ics)
/e/<code>       walk-in sign-up from the poster, for parents without a personal link

Every page is in the household's language unless ?lang= picks another; every response
is marked noindex, is not cached, and sends no Referer (the token is in the URL).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import refresh
from flask_login import current_user

from ..database import statement_by_statement
from ..exports import registry
from ..exports.registry import Export
from ..exports.sending import send_export
from ..extensions import csrf
from ..invitations import links, texts
from ..models import Event, Household, utcnow
from ..parents import private, speak
from ..privacy.services import link_expired
from . import pages, quick, services
from .forms import RsvpForm, WalkInForm, page_token

bp = Blueprint("rsvp", __name__)


bp.after_request(private)


@bp.app_context_processor
def privacy_contact() -> dict[str, object]:
    """The school's contact person and phone for the privacy notice (rsvp/_privacy.html)."""
    from ..school.services import contact

    return {"school_contact": contact}


@bp.errorhandler(404)
def not_found(error: Exception) -> ResponseReturnValue:
    speak(None)
    return render_template("rsvp/not_found.html", languages=texts.language_links()), 404


@bp.errorhandler(400)
@bp.errorhandler(500)
def problem(error: Exception) -> ResponseReturnValue:
    """Parents never land on the staff's error page (with its link to the sign-in)."""
    speak(None)
    code = getattr(error, "code", 500)
    return render_template("rsvp/problem.html", languages=texts.language_links()), code


@bp.errorhandler(410)
def expired(error: Exception) -> ResponseReturnValue:
    """A personal link after the aftercare: a plain page in the household's language."""
    refresh()  # a locale looked up earlier in this context must not stick
    return render_template("rsvp/expired.html", languages=texts.language_links()), 410


def _household(token: str, *, children: bool = True) -> Household:
    household = services.household_for(token, children=children)
    if household is None:
        abort(404)
    if link_expired(household.event, utcnow()):
        speak(household.language)
        abort(410)
    return household


def _context(event: Event, lang: str, **extra: object) -> dict[str, object]:
    start, end = services.times(event)
    return {
        "event": event,
        "lang": lang,
        "languages": texts.language_links(event.school),
        "long_date": texts.long_date(event.date, lang),
        "deadline": texts.long_date(services.last_day(event), lang),
        "start": start,
        "end": end,
        "closed": services.is_closed(event),
        **extra,
    }


# The two forms check their own CSRF token (RsvpForm, WalkInForm) instead of the app-wide
# check, which would answer a stale token with an error page and lose every typed answer.


def _staff_at_the_door(household: Household) -> bool:
    """A signed-in member of the school scanning a parent's invitation wants to check the
    household in, not to answer for it (?parent=1 shows the parent's page after all)."""
    return (
        request.method == "GET"
        and _may_be_signed_in()
        and current_user.is_authenticated
        and current_user.school_id == household.event.school_id
        and request.args.get("parent") != "1"
    )


def _may_be_signed_in() -> bool:
    """Whether the browser brings a sign-in (a session with a user, or the "keep me signed
    in" cookie): a parent's request then skips loading a user there is none of."""
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return "_user_id" in session or remember in request.cookies


@bp.route("/i/<token>", methods=["GET", "POST"])
@csrf.exempt
def answer(token: str) -> ResponseReturnValue:
    quick_answer = quick.answer(token, signed_in=_may_be_signed_in())
    if quick_answer is not None:
        return quick_answer
    # One read, then at most one atomic write: no transaction of their own needed.
    with statement_by_statement():
        return _answer(token)


def _answer(token: str) -> ResponseReturnValue:
    # A good answer needs nothing of the children (the page names them; a POST redirects).
    household = _household(token, children=request.method == "GET")
    if _staff_at_the_door(household):
        return redirect(url_for("checkin.household", event_id=household.event_id, token=token))
    lang = speak(household.language, household.event.school)
    event = household.event
    closed = services.is_closed(event)
    if request.method == "GET" and household.response is None:
        return _fresh_page(household, lang, closed)
    form = RsvpForm(themes=event.themes, lang=lang, household=household.token)
    # A good answer is checked and stored before anything of the page is built (issue 13).
    if not closed and form.validate_on_submit():
        services.save_response(household, form.to_data(), lang)
        return redirect(url_for("rsvp.done", token=token, lang=lang))
    if request.method == "GET":
        form.process(data=services.form_data(household.response))
    children = texts.names([p.first_name for p in household.pupils], lang)
    context = _context(event, lang, household=household, form=form, children=children)
    if closed:
        status = 403 if request.method == "POST" else 200
        return render_template("rsvp/answer.html", **context), status
    return render_template("rsvp/answer.html", **context)


def _fresh_page(household: Household, lang: str, closed: bool) -> str:
    """The page of a household that has not answered yet: the same for the whole meeting
    but for the household's link, CSRF token and children, so rendered once and kept
    (eventkit.rsvp.pages; the quick lane serves it from there next time)."""
    event = household.event
    children = texts.names([p.first_name for p in household.pupils], lang)
    csrf_token = page_token(household.token)
    protected = bool(csrf_token)
    times = services.times(event)
    page_key = pages.key(
        pages.key_of(event), lang, closed, times, bool(children), protected, request.root_path
    )

    def render() -> str:
        form = RsvpForm(themes=event.themes, lang=lang, household=pages.TOKEN_MARK)
        if protected:
            form.csrf_token.current_token = pages.CSRF_MARK
        named = pages.CHILDREN_MARK if children else ""
        context = _context(event, lang, household=pages.StandIn(), form=form, children=named)
        return render_template("rsvp/answer.html", **context)

    return pages.answer_page(page_key, household.token, csrf_token, children, render)


@bp.route("/i/<token>/done")
def done(token: str) -> ResponseReturnValue:
    with statement_by_statement():  # one read
        return _done(token)


def _done(token: str) -> ResponseReturnValue:
    household = _household(token)
    lang = speak(household.language, household.event.school)
    if household.response is None:
        return redirect(url_for("rsvp.answer", token=token, lang=lang))
    event = household.event
    themes = {t.id: texts.theme_title(t, lang) for t in event.themes}
    context = _context(
        event,
        lang,
        household=household,
        response=household.response,
        chosen_themes=[themes[i] for i in household.response.themes or [] if i in themes],
        moments=services.evening(event, lang),
        interpreter_name=lambda code: texts.language_name(code, lang),
        personal_url=links.personal_url(current_app.config["EVENTKIT_BASE_URL"], token),
        new=request.args.get("new") == "1",
    )
    return render_template("rsvp/done.html", **context)


@bp.route("/i/<token>/calendar.ics")
def calendar(token: str) -> ResponseReturnValue:
    """The meeting for the parent's own calendar, with their link to change the answer."""
    household = _household(token)
    lang = speak(household.language, household.event.school)
    event = household.event
    link = links.personal_url(current_app.config["EVENTKIT_BASE_URL"], token)
    return send_export(Export(*registry.calendar(event, link=link, language=lang)))


@bp.route("/e/<code>", methods=["GET", "POST"])
@csrf.exempt
def walk_in(code: str) -> ResponseReturnValue:
    event = links.event_for_walkin(code, current_app.config["SECRET_KEY"])
    if event is None:
        abort(404)
    lang = speak(event.language)
    form = WalkInForm(themes=event.themes, lang=lang, school=event.school)
    if request.method == "GET":
        form.language.data = lang
    context = _context(event, lang, form=form, code=code)
    if context["closed"]:
        status = 403 if request.method == "POST" else 200
        return render_template("rsvp/walk_in.html", **context), status
    if form.validate_on_submit():
        household = services.walk_in(event, form.to_data(), lang)
        return redirect(url_for("rsvp.done", token=household.token, lang=lang, new=1))
    return render_template("rsvp/walk_in.html", **context)
