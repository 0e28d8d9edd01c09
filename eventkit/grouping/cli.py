"""`solve`: group PEOPLE.csv over TABLES.csv from the command line.

Exit status: 0 with a plan, 1 when no plan can meet every rule, 2 on bad input files.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from eventkit.domain import grouping as engine
from eventkit.domain.grouping import GroupingInputError, Result, Settings

from .files import InputFileError, read_people, read_tables, result_json

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("solve")
@click.option("--people", "people_path", type=FILE, required=True, help="PEOPLE.csv")
@click.option("--tables", "tables_path", type=FILE, required=True, help="TABLES.csv")
@click.option(
    "--households",
    type=click.Choice(["together", "apart"]),
    default="together",
    show_default=True,
    help="seat each household at one table, or never two members at one table",
)
@click.option("--mentor-apart", is_flag=True, help="keep parents away from their child's mentor")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=3.0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
def solve_command(
    people_path: Path,
    tables_path: Path,
    households: str,
    mentor_apart: bool,
    time_limit: float,
    as_json: bool,
) -> None:
    """Divide the people over the theme tables, fairly and by preference."""
    settings = Settings(
        households="apart" if households == "apart" else "together",
        mentor_apart=mentor_apart,
        time_limit=time_limit,
    )
    try:
        result = engine.solve(read_people(people_path), read_tables(tables_path), settings)
    except (InputFileError, GroupingInputError) as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(2) from None
    if as_json:
        click.echo(json.dumps(result_json(result), indent=2, ensure_ascii=False))
    else:
        _print_summary(result)
    if result.status == "infeasible":
        raise SystemExit(1)


def _print_summary(result: Result) -> None:
    click.echo(f"status: {result.status}  score: {result.score}  bound: {result.bound}")
    for table in result.tables:
        click.echo(
            f"  {table.id} [{table.theme}] ({len(table.members)}): " + ", ".join(table.members)
        )
    metrics = result.metrics
    click.echo(
        f"first choice {metrics.first_choice_pct}%, top two {metrics.top_two_pct}%, "
        f"fair-share deviation {metrics.max_fair_share_deviation}, "
        f"isolated speakers {metrics.isolated_speakers}"
    )
    if result.message:
        click.echo(result.message)


class _GroupCommands(click.Group):
    """`eventkit group EVENT_ID` groups a meeting; `eventkit group solve …` works on files."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0].isdigit():
            args = ["event", *args]
        return super().parse_args(ctx, args)


@click.group("group", cls=_GroupCommands)
def group_command() -> None:
    """Balanced table groups: `group EVENT_ID` for a meeting, `group solve` for CSV files."""


group_command.add_command(solve_command)


@group_command.command("event", hidden=True)
@click.argument("event_id", type=int)
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None, help="seconds")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@with_appcontext
def event_command(event_id: int, time_limit: float | None, as_json: bool) -> None:
    """Make the groups of meeting EVENT_ID from its people and tables, and store them."""
    from eventkit.extensions import db
    from eventkit.models import Event

    from .services import GroupingError, make_groups

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    try:
        result = make_groups(event, time_limit)
    except GroupingError as error:
        raise click.ClickException(
            {"no_tables": "the meeting has no tables", "no_people": "nobody to seat"}.get(
                str(error), str(error)
            )
        ) from error
    if as_json:
        click.echo(json.dumps(result_json(result), indent=2, ensure_ascii=False))
    else:
        _print_summary(result)
    if result.status == "infeasible":
        raise SystemExit(1)
