"""Parents answering at once: eventkit's RSVP against a bare Flask app (issue 13).

    .venv/bin/python scripts/bench_rsvp.py [--households 600] [--clients 50] [--rounds 5]
    EVENTKIT_BENCH_PG_URL=postgresql+psycopg://user:pw@127.0.0.1/bench_db  (optional)

Each "answer" is what a parent does: open the personal link (GET, the form), then answer
(POST with the form's CSRF token and cookie, answered by a redirect). `--clients` threads
do that for every household of a meeting. Against it, a bare Flask app under the same
gunicorn settings: its GET is a small form and its POST writes one row (SQLite in WAL
mode with synchronous=NORMAL, as eventkit's engine: no fsync per commit on either side)
and redirects. Both servers run on loopback, are started and stopped by this script,
and are measured alternately in one run (the machine's load hits both alike); a round is
cut off after --limit seconds. Then every answer must be stored exactly once.

On PostgreSQL when EVENTKIT_BENCH_PG_URL is given: a database of its own, emptied at the
start and at the end. Rate limits are OFF in both servers (all clients share 127.0.0.1).
Prints answers/s, the ratio eventkit/baseline, POST p99 and errors; exits 1 below the
targets (ratio >= 0.5, POST p99 < 250 ms, no errors, every answer stored once). Also the
CPU each server's workers and this script's client threads spent per answer, and the
machine's load: on a shared machine CPU per answer is the steadier number (the client
shares the cores with both servers alike).
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO, TARGET_P99_MS = 0.5, 250.0
GUNICORN = ["--workers", "2", "--access-logfile", "/dev/null", "--log-level", "warning"]
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')

BASELINE = '''
"""A bare Flask app: a small form, and a POST that stores one row and redirects."""
import os
from flask import Flask, redirect, request
from sqlalchemy import create_engine, event, text

engine = create_engine(os.environ["BENCH_DATABASE_URL"], pool_pre_ping=False)
if engine.dialect.name == "sqlite":
    @event.listens_for(engine, "connect")
    def wal(connection, _record):
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=5000")
app = Flask(__name__)
FORM = ('<!doctype html><title>Answer</title><form method="post">'
        '<input name="csrf_token" type="hidden" value="x">'
        '<label><input type="radio" name="answer" value="yes"> yes</label>'
        '<label><input type="radio" name="answer" value="no"> no</label>'
        '<button>Send</button></form>')


@app.get("/i/<token>")
def form(token):
    return FORM


@app.post("/i/<token>")
def answer(token):
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO answers (token, answer) VALUES (:t, :a)"),
                           {"t": token, "a": request.form.get("answer", "")})
    return redirect(f"/i/{token}/done")
'''


@dataclass
class Round:
    name: str
    answers: int = 0
    errors: int = 0
    seconds: float = 0.0
    posts: list[float] = field(default_factory=list)
    server_cpu: float = 0.0  # seconds of CPU the server's workers spent in the round
    client_cpu: float = 0.0  # and this script's client threads

    def cpu_per_answer(self, seconds: float) -> float:
        return seconds / self.answers * 1000 if self.answers else 0.0

    @property
    def rate(self) -> float:
        return self.answers / self.seconds if self.seconds else 0.0

    @property
    def p99(self) -> float:
        ordered = sorted(self.posts)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000 if ordered else 0


def server_cpu(master: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn master's worker processes:
    on a machine shared with other work, CPU per answer says more than answers per second."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == master:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def parent(port: int, token: str, result: Round, lock: threading.Lock) -> None:
    """One parent: GET the link, POST the answer with the form's token and cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", f"/i/{token}")
        page = connection.getresponse()
        body = page.read().decode()
        cookie = (page.getheader("Set-Cookie") or "").split(";")[0]
        csrf = TOKEN.search(body)
        form = {"answer": "yes", "adults": "1", "csrf_token": csrf.group(1) if csrf else ""}
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        begin = time.perf_counter()
        connection.request("POST", f"/i/{token}", urllib.parse.urlencode(form), headers)
        answer = connection.getresponse()
        answer.read()
        spent = time.perf_counter() - begin
        ok = page.status == 200 and answer.status == 302
    except (OSError, http.client.HTTPException):
        ok, spent = False, 0.0
    finally:
        connection.close()
    with lock:
        result.posts.append(spent)
        if ok:
            result.answers += 1
        else:
            result.errors += 1


def load(
    name: str, port: int, tokens: list[str], clients: int, limit: float, master: int = 0
) -> Round:
    result, lock, todo = Round(name), threading.Lock(), queue.SimpleQueue[str]()
    for token in tokens:
        todo.put(token)
    deadline = time.monotonic() + limit

    def client() -> None:
        while time.monotonic() < deadline:
            try:
                token = todo.get_nowait()
            except queue.Empty:
                return
            parent(port, token, result, lock)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    cpu = server_cpu(master) if master else 0.0
    own = time.process_time()
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - begin
    result.client_cpu = time.process_time() - own
    result.server_cpu = server_cpu(master) - cpu if master else 0.0
    return result


def start(app: str, port: int, env: dict[str, str], folder: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", *GUNICORN, app]
    server = subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"{app} did not start on port {port}")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def prepare_eventkit(url: str, households: int) -> tuple[list[str], int]:
    """The meeting with its households, in a fresh schema; (their tokens, event id)."""
    sys.path.insert(0, str(ROOT))
    from eventkit import create_app, demo_big
    from eventkit.extensions import db
    from eventkit.models import Household, School

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        school = School(name="Het Baken College", city="Almere")
        db.session.add(school)
        db.session.commit()
        event = demo_big.build(
            school, demo_big.Size.scaled(households), date.today() + timedelta(30)
        )
        for household in event.households:  # nobody has answered yet
            household.response = None
        db.session.commit()
        tokens = [h.token for h in db.session.query(Household).filter_by(event_id=event.id)]
        event_id = event.id
        db.engine.dispose()
    return tokens, event_id


def stored(eventkit_url: str, baseline_url: str, event_id: int) -> tuple[tuple[int, int], ...]:
    """(rows, distinct households) of the answers in eventkit and in the baseline."""
    counts = []
    for url, query in (
        (eventkit_url, "SELECT count(*), count(DISTINCT r.household_id) FROM responses r "
                       f"JOIN households h ON h.id = r.household_id WHERE h.event_id = {event_id}"),
        (baseline_url, "SELECT count(*), count(DISTINCT token) FROM answers"),
    ):  # fmt: skip
        engine = create_engine(url)
        with engine.connect() as connection:
            rows, distinct = connection.execute(text(query)).one()
        engine.dispose()
        counts.append((int(rows), int(distinct)))
    return tuple(counts)


def reset(eventkit_url: str, baseline_url: str, event_id: int) -> None:
    """Every household unanswered again, the baseline's table empty: the next round alike."""
    for url, statement in (
        (eventkit_url, "DELETE FROM responses WHERE household_id IN "
                       f"(SELECT id FROM households WHERE event_id = {event_id})"),
        (baseline_url, "DELETE FROM answers"),
    ):  # fmt: skip
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(statement))
        engine.dispose()


def bench(label: str, eventkit_url: str, baseline_url: str, args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        tokens, event_id = prepare_eventkit(eventkit_url, args.households)
        engine = create_engine(baseline_url)
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS answers"))
            connection.execute(text("CREATE TABLE answers (id SERIAL PRIMARY KEY, token "
                                    "VARCHAR(40), answer VARCHAR(8))"
                                    if engine.dialect.name == "postgresql" else
                                    "CREATE TABLE answers (id INTEGER PRIMARY KEY, token "
                                    "VARCHAR(40), answer VARCHAR(8))"))  # fmt: skip
        engine.dispose()
        Path(folder, "baseline_app.py").write_text(textwrap.dedent(BASELINE))
        env = dict(os.environ, PYTHONPATH=str(ROOT), DATABASE_URL=eventkit_url,
                   SECRET_KEY="bench", EVENTKIT_RATE_LIMITS="0", BENCH_DATABASE_URL=baseline_url,
                   EVENTKIT_BASE_URL="http://127.0.0.1")  # fmt: skip
        ports = {"eventkit": free_port(), "baseline": free_port()}
        servers = {
            "eventkit": start("eventkit:create_app()", ports["eventkit"], env, folder),
            "baseline": start("baseline_app:app", ports["baseline"], env, folder),
        }
        rounds: dict[str, list[Round]] = {"eventkit": [], "baseline": []}
        ok = True
        try:
            for name in ("eventkit", "baseline"):  # warm-up: imports, templates, connections
                load(name, ports[name], tokens[:20], 10, args.limit)
            for _ in range(args.rounds):
                for name in ("baseline", "eventkit"):
                    reset(eventkit_url, baseline_url, event_id)
                    master = servers[name].pid
                    measured = load(name, ports[name], tokens, args.clients, args.limit, master)
                    rounds[name].append(measured)
                    counts = stored(eventkit_url, baseline_url, event_id)[name == "baseline"]
                    if counts != (len(tokens), len(tokens)):
                        print(f"  {name} stored {counts} (rows, distinct) of {len(tokens)}")
                        ok = ok and name == "baseline"
        finally:
            for server in servers.values():
                stop(server)
    print(f"{label}: {len(tokens)} households, {args.clients} concurrent parents, "
          f"gunicorn {' '.join(GUNICORN[:2])}, rate limits off; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} (1 min)")  # fmt: skip
    for name, done in rounds.items():
        for n, r in enumerate(done, 1):
            print(f"  {name:<9} round {n}: {r.rate:7.1f} answers/s  POST p99 {r.p99:6.0f} ms  "
                  f"errors {r.errors}  ({r.answers} in {r.seconds:.1f} s)  CPU per answer: "
                  f"server {r.cpu_per_answer(r.server_cpu):.1f} ms, "
                  f"client {r.cpu_per_answer(r.client_cpu):.1f} ms")  # fmt: skip
    ours = statistics.median(r.rate for r in rounds["eventkit"])
    base = statistics.median(r.rate for r in rounds["baseline"])
    p99 = max(r.p99 for r in rounds["eventkit"])
    errors = sum(r.errors for r in rounds["eventkit"])
    ratio = ours / base if base else 0.0
    print(f"  ratio {ratio:.2f}x (target >= {TARGET_RATIO}), eventkit POST p99 {p99:.0f} ms "
          f"(target < {TARGET_P99_MS:.0f}), errors {errors}; every answer stored once: "
          f"{'yes' if ok else 'NO'}")  # fmt: skip
    return ok and errors == 0 and ratio >= TARGET_RATIO and p99 < TARGET_P99_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=600)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds; the median counts"
    )
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per round at most")
    args = parser.parse_args()
    print("EVENTKIT_RATE_LIMITS is off in both servers: every client comes from 127.0.0.1.")
    passed = []
    with tempfile.TemporaryDirectory() as folder:
        sqlite = f"sqlite:///{folder}/eventkit.sqlite3"
        passed.append(bench("SQLite", sqlite, f"sqlite:///{folder}/baseline.sqlite3", args))
    pg = os.environ.get("EVENTKIT_BENCH_PG_URL")
    if pg:
        passed.append(bench("PostgreSQL", pg, pg, args))
    else:
        print("PostgreSQL: skipped (set EVENTKIT_BENCH_PG_URL to a database of its own)")
    return 0 if all(passed) else 1


if __name__ == "__main__":
    sys.exit(main())
