"""Time every staff page of a meeting of a large school (issue 13).

    .venv/bin/python scripts/bench_pages.py [--households 2036] [--runs 5] [--only NAME]

Builds a meeting of 2036 households (2548 parents, 100 staff, 100 tables, 1120 seated) in a
temporary SQLite file, signs in with the Flask test client and prints, per page: the median
time of `--runs` requests, the SQL statements of one request and the size of the answer.
Exits with status 1 when a page takes 300 ms or more (the invitations Word file: 4 s, as the
issue asks), or its HTML is 1 MB or more.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import event as sa_event

from eventkit import create_app, demo_big
from eventkit.auth.services import create_user
from eventkit.extensions import db
from eventkit.models import School

LIMIT_MS = 300
LIMIT_WORD_MS = 4000  # the invitations Word file of 2000 households (made by the worker)
LIMIT_HTML = 1024 * 1024
PASSWORD = "bench password 1234"


def pages(event_id: int) -> list[tuple[str, str]]:
    """(name, path) of every staff page of the meeting, and its downloads."""
    e = f"/events/{event_id}"
    return [
        ("overview", e), ("agenda", f"{e}/agenda"), ("participants", f"{e}/participants/"),
        ("invitations", f"{e}/invitations"), ("invitations print", f"{e}/invitations/print"),
        ("responses", f"{e}/responses"), ("mail", f"{e}/mail"), ("tables board", f"{e}/tables"),
        ("tables screen", f"{e}/tables/screen"), ("door", f"{e}/door"),
        ("door ?all=1", f"{e}/door?all=1"), ("notes", f"{e}/notes"), ("live", f"{e}/live"),
        ("evaluation", f"{e}/evaluation"), ("aftercare", f"{e}/aftercare"),
        ("run-sheet .docx", f"{e}/export/runsheet.docx"),
        ("table sheets .docx", f"{e}/export/tablesheets.docx"),
        ("cards .docx", f"{e}/export/cards.docx"), ("badges .docx", f"{e}/export/badges.docx"),
        ("report .docx", f"{e}/export/report.docx"), ("tables .csv", f"{e}/tables/lists.csv"),
    ]  # fmt: skip


class Counter:
    """Counts the SQL statements sent to the database."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_: object) -> None:
        self.count += 1


def measure(client, path: str, runs: int, counter: Counter) -> tuple[float, int, int, int]:
    """(median ms, statements of the last request, bytes, status)."""
    times = []
    for _ in range(runs):
        counter.count = 0
        begin = time.perf_counter()
        response = client.get(path)
        body = response.get_data()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times), counter.count, len(body), response.status_code


def word_file(client, event_id: int, runs: int, counter: Counter) -> tuple[float, int, int, int]:
    """The invitations Word file: posted, made by the job (inline here), then downloaded."""
    times = []
    for _ in range(runs):
        counter.count = 0
        begin = time.perf_counter()
        response = client.post(f"/events/{event_id}/invitations/word", follow_redirects=True)
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times), counter.count, len(response.get_data()), response.status_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=2036)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="only the pages whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({
            "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder)}/b.db",
            "EVENTKIT_BASE_URL": "https://ouders.school.example", "EVENTKIT_JOBS_INLINE": True,
            "EVENTKIT_RATE_LIMITS": False, "WTF_CSRF_ENABLED": False,
        })  # fmt: skip
        with app.app_context():
            db.create_all()
            school = School(name="Het Baken College", city="Almere")
            db.session.add(school)
            db.session.commit()
            user = create_user("coordinator@school.example", "Fatima", "coordinator",
                               PASSWORD, school)  # fmt: skip
            begin = time.perf_counter()
            size = (
                demo_big.Size()
                if args.households == 2036
                else demo_big.Size.scaled(args.households)
            )
            meeting = demo_big.build(school, size, date(2027, 3, 9))
            event_id, email = meeting.id, user.email
            built = time.perf_counter() - begin
            counter = Counter()
            sa_event.listen(db.engine, "before_cursor_execute", counter)
        print(
            f"{size.households} households, {size.staff} staff, {size.tables} tables, "
            f"{size.seated} seated (built in {built:.1f} s); median of {args.runs} requests"
        )
        client = app.test_client()
        client.post("/login", data={"email": email, "password": PASSWORD})
        print(f"{'page':<22}{'time':>10}{'SQL':>7}{'size':>11}  status")
        failed = []
        todo: list[tuple[str, str | None]] = [*pages(event_id), ("invitations Word", None)]
        for name, path in todo:
            if args.only and args.only not in name:
                continue
            if path is None:
                ms, statements, size_b, status = word_file(client, event_id, args.runs, counter)
            else:
                client.get(path)  # warm-up: templates compiled, translations loaded
                ms, statements, size_b, status = measure(client, path, args.runs, counter)
            html = path is not None and "export" not in path and ".csv" not in path
            limit = LIMIT_WORD_MS if path is None else LIMIT_MS
            slow = ms >= limit or (html and size_b >= LIMIT_HTML) or status != 200
            if slow:
                failed.append(name)
            print(f"{name:<22}{ms:>8.0f}ms{statements:>7}{size_b / 1024:>9.0f}kB  {status}"
                  f"{'  <-- over' if slow else ''}")  # fmt: skip
    if failed:
        print(f"over {LIMIT_MS} ms ({LIMIT_WORD_MS} ms for the invitations Word file) or 1 MB "
              f"(or not 200): {', '.join(failed)}", file=sys.stderr)  # fmt: skip
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
