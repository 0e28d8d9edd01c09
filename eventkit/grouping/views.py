from __future__ import annotations

from functools import cache

from babel import Locale
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from ..access import child_of, event_for, members_only
from ..checkin import services as checkin
from ..domain import grouping as engine
from ..exports import sending
from ..forms import options
from ..jobs import services as jobs
from ..labels import ROLE_NAMES, board_problem_text, grouping_message, language_choices
from ..models import Event, EventTable, Participant
from . import services
from .forms import (
    BoardMoveForm,
    MoveForm,
    NewTablesForm,
    PinForm,
    SettingsForm,
    TableForm,
    WalkInForm,
)
from .rows import TableRow

bp = Blueprint("grouping", __name__, url_prefix="/events/<int:event_id>/tables")


members_only(bp)


def _back(event: Event, anchor: str | None = None) -> ResponseReturnValue:
    return redirect(url_for("grouping.board", event_id=event.id, _anchor=anchor))


def _table_form(event: Event, table: EventTable | TableRow | None = None) -> TableForm:
    form = TableForm(obj=table, prefix=f"t{table.id}" if table else "t")
    form.theme_id.choices = options(
        [(0, _("(no theme)"))] + [(t.id, t.title) for t in event.themes]
    )
    if table is not None and request.method == "GET":
        form.theme_id.data = table.theme_id or 0
    return form


def _table_forms(event: Event, board: services.Board) -> dict[int, TableForm]:
    """The forms of the board's list of tables; none when the board is folded (each table
    then has its own page)."""
    if board.folded:
        return {}
    return {v.table.id: _table_form(event, v.table) for v in board.tables}


def _walk_in_form() -> WalkInForm:
    form = WalkInForm(prefix="w")
    form.language.choices = options(language_choices())
    return form


def language_name(code: str) -> str:
    """A language by its name in the interface's language ("Tigrinya", never "ti"), from
    Babel's locale data."""
    names = Locale.parse(str(get_locale() or "nl")).languages
    return str(names.get(code) or names.get(code.split("-")[0]) or code)


def language_counts(counts: dict[str, int]) -> str:
    """'Nederlands 4, Tigrinya 2': the languages at a table by name, the most spoken first."""
    named = sorted(((language_name(code), n) for code, n in counts.items()),
                   key=lambda item: (-item[1], item[0]))  # fmt: skip
    return ", ".join(f"{name} {n}" for name, n in named)


def choice_name(rank: int) -> str:
    """'choice 2': how a household ranked the theme of the table one of them sits at."""
    return str(_("choice %(n)s", n=rank))


@bp.route("")
def board(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    settings = SettingsForm(
        households_together="1" if event.households_together else "0",
        mentor_apart=event.mentor_apart,
    )
    board = services.board(event)
    return render_template(
        "grouping/board.html",
        event=event,
        board=board,
        new_form=NewTablesForm(),
        table_forms=_table_forms(event, board),
        settings_form=settings,
        walk_in_form=_walk_in_form(),
        # Translated once, not once for each of a thousand people on the board (issue 13).
        role_names={role: str(name) for role, name in ROLE_NAMES.items()},
        headcount=checkin.count_of(event),
        language_name=cache(language_name),
        choice_name=cache(choice_name),
        language_counts=language_counts,
    )


@bp.route("/add", methods=["POST"])
def add(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = NewTablesForm()
    if form.validate_on_submit():
        made = services.add_tables(event, form.count.data, form.min_size.data, form.max_size.data)
        flash(ngettext("%(num)s table added.", "%(num)s tables added.", len(made)), "success")
    else:
        flash(_form_errors(form), "error")
    return _back(event, "tables-setup")


def _form_errors(form: NewTablesForm | WalkInForm) -> str:
    return " ".join(
        f"{form[name].label.text}: {' '.join(map(str, errs))}" for name, errs in form.errors.items()
    )


@bp.route("/<int:table_id>", methods=["GET", "POST"])
def edit_table(event_id: int, table_id: int) -> ResponseReturnValue:
    """A table's theme and size. A few tables are changed in the list on the board; with
    many (a big school's 100) each has this page, linked from its card (issue 13)."""
    event = event_for(event_id, edit=True)
    table = child_of(event, EventTable, table_id)
    form = _table_form(event, table)
    if form.validate_on_submit():
        theme = form.theme_id.data or None
        services.update_table(table, theme, form.min_size.data, form.max_size.data)
        flash(_("Table %(number)s is saved.", number=table.number), "success")
        return _back(event, f"table-{table.id}")
    return render_template("grouping/table.html", event=event, table=table, form=form)


@bp.route("/<int:table_id>/delete", methods=["POST"])
def delete_table(event_id: int, table_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    services.delete_table(event, child_of(event, EventTable, table_id))
    return _back(event, "tables-setup")


@bp.route("/settings", methods=["POST"])
def settings(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = SettingsForm()
    if form.validate_on_submit():
        services.save_rules(event, form.to_data())
        flash(_("The rules for the groups are saved."), "success")
    return _back(event, "tables-setup")


@bp.route("/make", methods=["POST"])
def make(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    count = len(services.people_of(event))
    if count > services.BACKGROUND_FROM:
        job = jobs.start(services.JOB_KIND, event.id, 1, params={"event_id": event.id})
        return redirect(url_for("jobs.show", token=job.token))
    try:
        result = services.make_groups(event)
    except services.GroupingError as error:
        flash(grouping_message(str(error)), "error")
        return _back(event)
    _flash_result(event, result)
    return _back(event, "figures")


def _flash_result(event: Event, result: engine.Result) -> None:
    if result.status == "infeasible":
        reasons = " ".join(
            board_problem_text(p.code, p.params) for p in services.why_infeasible(result)
        )
        flash(_("No grouping meets every rule: %(why)s", why=reasons), "error")
    elif result.status == "optimal":
        flash(_("The groups are made: the best possible division."), "success")
    else:
        flash(_("The groups are made, at most %(gap)s%% from the best possible division.",
                gap=round((result.gap or 0) * 100, 1)), "success")  # fmt: skip


def _participant_id(form: BoardMoveForm | PinForm) -> int:
    """The person a board button is about; a post without one is malformed (400)."""
    if not form.participant_id.data:
        abort(400)
    return form.participant_id.data


@bp.route("/move", methods=["POST"])
def move(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = BoardMoveForm()
    person = _participant_id(form)
    try:
        services.move(event, person, form.table_id.data)
    except (services.GroupingError, ValueError):
        flash(_("Choose a table to move to."), "error")
    return _back(event, f"person-{person}")


@bp.route("/person/<int:person_id>/move", methods=["GET", "POST"])
def move_person(event_id: int, person_id: int) -> ResponseReturnValue:
    """One person to another table without JavaScript: the tables listed once, here,
    rather than a list of every table beside every person on the board."""
    event = event_for(event_id, edit=request.method == "POST")
    person = child_of(event, Participant, person_id)
    tables = services.table_counts(event)
    form = MoveForm()
    form.table_id.choices = [(t.id, str(t.number)) for t, _count in tables]
    if form.validate_on_submit():
        try:
            services.move(event, person.id, form.table_id.data)
        except services.GroupingError:
            form.table_id.errors = [_("Choose a table to move to.")]
        else:
            return _back(event, f"person-{person.id}")
    seat = services.seat_of(event, person.id)
    return render_template(
        "grouping/move.html", event=event, person=person, tables=tables, form=form,
        current=seat.table_id if seat else None, seat=seat,
    )  # fmt: skip


@bp.route("/pin", methods=["POST"])
def pin(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = PinForm()
    person = _participant_id(form)
    try:
        services.set_pinned(event, person, form.pinned.data)
    except services.GroupingError:
        flash(_("Only a seated person can be pinned."), "error")
    return _back(event, f"person-{person}")


@bp.route("/walk-in", methods=["POST"])
def walk_in(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = _walk_in_form()
    if not form.validate_on_submit():
        flash(_form_errors(form), "error")
        return _back(event, "walk-in")
    person, seat, result = services.seat_arrival(event, form.to_data())
    if seat is not None:
        flash(_("%(name)s sits at table %(number)s.", name=person.name,
                number=seat.table.number), "success")  # fmt: skip
    else:
        flash(_("%(name)s could not be seated: %(why)s", name=person.name,
                why=result.message), "error")  # fmt: skip
    return _back(event, f"person-{person.id}")


@bp.route("/regroup", methods=["POST"])
def regroup(event_id: int) -> ResponseReturnValue:
    """At the break: groups from who is present, moving as few people as possible."""
    event = event_for(event_id, edit=True)
    try:
        outcome = services.regroup_present(event)
    except services.GroupingError as error:
        flash(grouping_message(str(error)), "error")
        return _back(event)
    return render_template(
        "grouping/regrouped.html", event=event, outcome=outcome, role_names=ROLE_NAMES
    )


@bp.route("/screen")
def screen(event_id: int) -> ResponseReturnValue:
    """The projector view: table -> theme -> first names, large type."""
    event = event_for(event_id)
    return render_template("grouping/screen.html", event=event, tables=services.screen(event))


@bp.route("/clear", methods=["POST"])
def clear(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    services.clear_groups(event)
    return _back(event)


@bp.route("/lists.csv")
def lists_csv(event_id: int) -> ResponseReturnValue:
    """The table lists for a spreadsheet: table, theme, name, role."""
    return sending.download("table-lists", event_for(event_id))
