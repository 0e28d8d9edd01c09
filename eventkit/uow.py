"""One transaction per request or command: the unit of work.

Services write; they do not commit each step. A service that writes is wrapped in
`unit_of_work()` (or decorated with `@transactional`): the OUTERMOST unit commits once at
its end and rolls back when an exception leaves it; a unit inside another one only
flushes, so the database hands out ids and checks constraints, and the outer unit decides.
A composite operation (a walk-in at the door that is checked in and seated, a household's
data exported with its audit entry) is therefore all or nothing, while each of its parts,
called on its own from a view, a CLI command or a test, still commits as before.

This follows Indico: operations flush and log, the request handler commits once at the
end (rolling back on an error). Here the view calls ONE service, so the service's outer
unit is the request's transaction; CLI commands get the same from the services they call.

Not for the worker's leases: the outbox `claim`/`record` and the job runner commit per
message and per step on purpose (another process must see the lease at once), and keep
their own `db.session.commit()` (see eventkit/mail/outbox.py, eventkit/jobs/services.py).

A unit that catches an exception of an inner unit and carries on keeps what the inner
unit flushed: units open no savepoints (an error is meant to end the whole operation;
where one may be recovered from, the service says so and uses its own savepoint, as
`outbox.enqueue` does for a duplicate). Services raise before they write where a caller
may recover (e.g. GroupingError).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from .extensions import db

P = ParamSpec("P")
R = TypeVar("R")

# How many units of work are open on a session, kept in the session's own `info`: a job
# run inline pushes an app context with a session of its own, whose units commit on their
# own (eventkit/jobs), whatever the request around it has open.
DEPTH = "eventkit_uow_depth"


def in_unit_of_work() -> bool:
    """Whether a unit of work is open (a write now is committed by its end)."""
    return int(db.session().info.get(DEPTH, 0)) > 0


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit once when the outermost unit ends; roll back when an exception leaves it.
    Inner units flush at their end and leave the decision to the outer one."""
    session = db.session()
    depth = int(session.info.get(DEPTH, 0))
    session.info[DEPTH] = depth + 1
    try:
        yield
        if depth == 0:
            session.commit()
        else:
            session.flush()
    except BaseException:
        if depth == 0:
            session.rollback()  # also when the commit itself failed
        raise
    finally:
        session.info[DEPTH] = depth


def transactional(function: Callable[P, R]) -> Callable[P, R]:
    """Run the service in a unit of work (see `unit_of_work`)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with unit_of_work():
            return function(*args, **kwargs)

    return wrapper
