from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..access import child_of, event_for, members_only, require_coordinator, require_editor
from ..agenda import catalog
from ..agenda import services as agenda_services
from ..checkin import services as checkin
from ..clock import school_today
from ..domain.planning import TemplateError
from ..extensions import db
from ..forms import options
from ..labels import error_text
from ..models import School, Status, Task, Theme
from . import schedule, services
from .forms import CopyEventForm, EventForm, NewEventForm, TaskDoneForm, TaskForm, ThemeForm

bp = Blueprint("events", __name__, url_prefix="/events")


members_only(bp)


@bp.route("/")
def index() -> ResponseReturnValue:
    events = services.events_of(current_user.school_id)
    today = school_today()
    overdue = {e.id: sum(r.overdue for r in services.task_rows(e, today)) for e in events}
    return render_template("events/index.html", events=events, overdue=overdue)


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    require_editor()
    form = NewEventForm()
    language = form.language.data or "nl"
    form.template.choices = options(
        (c.key, c.name) for c in catalog.choices(current_user.school_id, language)
    )
    if request.method == "GET":
        form.template.data = "builtin:default"
    if form.validate_on_submit():
        try:
            template = catalog.load(form.template.data, current_user.school_id, language)
        except TemplateError as error:
            form.template.errors.append(error_text(error))
        else:
            school = db.get_or_404(School, current_user.school_id)
            event = services.create_event(school, form.to_data(), template)
            flash(_("The meeting is created. Shape its agenda below."), "success")
            return redirect(url_for("agenda.edit", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/<int:event_id>")
def show(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    return render_template(
        "events/show.html",
        event=event,
        plan=agenda_services.plan(event),
        tasks=services.task_rows(event, school_today()),
        count=checkin.count_of(event),
    )


@bp.route("/<int:event_id>/cancel", methods=["GET", "POST"])
def cancel(event_id: int) -> ResponseReturnValue:
    """Cancelling a meeting, which tells every calendar that holds it."""
    event = event_for(event_id)
    require_coordinator()
    if event.status == Status.CANCELLED.value:
        flash(_("This meeting is cancelled already."), "info")
        return redirect(url_for("events.show", event_id=event.id))
    if request.method == "POST":
        count = schedule.cancel(event)
        flash(
            _("The meeting is cancelled.")
            + " "
            + ngettext(
                "%(num)s cancellation is in the outbox.",
                "%(num)s cancellations are in the outbox.",
                count,
            ),
            "success",
        )
        return redirect(url_for("mail.show", event_id=event.id))
    return render_template("events/cancel.html", event=event, reached=schedule.invited(event))


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
def edit(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = EventForm(obj=event)
    if form.validate_on_submit():
        services.update_event(event, form.to_data())
        flash(_("The meeting is saved."), "success")
        return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


@bp.route("/<int:event_id>/copy", methods=["GET", "POST"])
def copy(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = CopyEventForm()
    if request.method == "GET":
        form.title.data = event.title
        form.date.data = max(services.same_weekday_next_year(event.date), school_today())
    if form.validate_on_submit():
        new_event = services.copy_event(event, form.title.data, form.date.data)
        flash(_("The copy is made. Check the date, times and tasks."), "success")
        return redirect(url_for("events.edit", event_id=new_event.id))
    return render_template("events/copy.html", form=form, event=event)


@bp.route("/<int:event_id>/delete", methods=["GET", "POST"])
def delete(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    if request.method == "POST":
        title = event.title
        services.delete_event(event)
        flash(_("The meeting %(title)s is deleted.", title=title), "success")
        return redirect(url_for("events.index"))
    return render_template("events/delete.html", event=event)


# --- themes --------------------------------------------------------------------------------


@bp.route("/<int:event_id>/themes", methods=["GET", "POST"])
def themes(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    form = ThemeForm()
    if form.validate_on_submit():
        require_editor()
        services.save_theme(event, None, form.to_data())
        flash(_("The theme is added."), "success")
        return redirect(url_for("events.themes", event_id=event.id))
    return render_template("events/themes.html", event=event, form=form)


@bp.route("/<int:event_id>/themes/<int:theme_id>", methods=["GET", "POST"])
def theme(event_id: int, theme_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    theme = child_of(event, Theme, theme_id)
    form = ThemeForm(obj=theme)
    if request.method == "GET":
        form.questions.data = "\n".join(theme.questions)
    if form.validate_on_submit():
        services.save_theme(event, theme, form.to_data())
        flash(_("The theme is saved."), "success")
        return redirect(url_for("events.themes", event_id=event.id))
    return render_template("events/theme.html", event=event, theme=theme, form=form)


@bp.route("/<int:event_id>/themes/<int:theme_id>/delete", methods=["POST"])
def delete_theme(event_id: int, theme_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    services.delete_theme(event, child_of(event, Theme, theme_id))
    flash(_("The theme is deleted."), "success")
    return redirect(url_for("events.themes", event_id=event.id))


# --- tasks ---------------------------------------------------------------------------------


def _task_form(event_id: int, task: Task | None = None) -> TaskForm:
    form = TaskForm(obj=task)
    team = services.team_of(current_user.school_id)
    form.owner_id.choices = options([(0, _("(nobody yet)"))] + [(u.id, u.name) for u in team])
    return form


@bp.route("/<int:event_id>/tasks", methods=["GET", "POST"])
def tasks(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    form = _task_form(event.id)
    if form.validate_on_submit():
        require_editor()
        services.save_task(event, None, form.to_data())
        flash(_("The task is added."), "success")
        return redirect(url_for("events.tasks", event_id=event.id))
    rows = services.task_rows(event, school_today())
    return render_template("events/tasks.html", event=event, rows=rows, form=form)


@bp.route("/<int:event_id>/tasks/<int:task_id>", methods=["GET", "POST"])
def task(event_id: int, task_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    task = child_of(event, Task, task_id)
    form = _task_form(event.id, task)
    if request.method == "GET":
        form.due_date.data = services.due_date(event.date, task.days_before)
        form.owner_id.data = task.owner_id or 0
    if form.validate_on_submit():
        services.save_task(event, task, form.to_data())
        flash(_("The task is saved."), "success")
        return redirect(url_for("events.tasks", event_id=event.id))
    return render_template("events/task.html", event=event, task=task, form=form)


@bp.route("/<int:event_id>/tasks/<int:task_id>/done", methods=["POST"])
def task_done(event_id: int, task_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = TaskDoneForm()
    services.set_task_done(child_of(event, Task, task_id), form.done.data)
    if form.back.data == "show":
        return redirect(url_for("events.show", event_id=event.id, _anchor="tasks"))
    return redirect(url_for("events.tasks", event_id=event.id))


@bp.route("/<int:event_id>/tasks/<int:task_id>/delete", methods=["POST"])
def delete_task(event_id: int, task_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    services.delete_task(event, child_of(event, Task, task_id))
    flash(_("The task is deleted."), "success")
    return redirect(url_for("events.tasks", event_id=event.id))


@bp.route("/<int:event_id>/erase", methods=["GET", "POST"])
def erase(event_id: int) -> ResponseReturnValue:
    """Delete the people of a meeting when they are no longer needed; keep the meeting."""
    event = event_for(event_id)
    require_coordinator()
    if request.method == "POST":
        services.erase_personal_data(event, current_user)
        flash(_("All personal data of this meeting is deleted."), "success")
        return redirect(url_for("events.show", event_id=event.id))
    counts = services.personal_data_counts(event)
    return render_template("events/erase.html", event=event, counts=counts)
