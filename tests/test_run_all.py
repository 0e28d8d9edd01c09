"""scripts/run's serving part: `eventkit run-all` starts gunicorn and the worker on
PORT, the demo's links follow that port, queued mail shows in the preview, and Ctrl+C
(SIGINT) stops every process it started."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mail.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
EVENTKIT = [sys.executable, "-c", "from eventkit.cli import main; main()"]
DEMO_LOGIN = {"email": "coordinator@hetbaken.example", "password": "demo-ouderavond"}


def environment(tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTKIT_")}
    env.update(
        PORT=str(port),
        DATABASE_URL=f"sqlite:///{tmp_path / 'eventkit.sqlite3'}",
        SECRET_KEY="run-all-test",
        PYTHONPATH=str(ROOT),
    )
    return env


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        children = {p for p, parent in parents.items() if parent == current}
        found |= children
        todo += children
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


class Browser:
    """Just enough of a browser: cookies, and the CSRF token of the last page."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as response:
            page = str(response.read().decode())
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        self.token = found.group(1) if found else self.token
        return page

    def post(self, path: str, data: dict[str, str]) -> str:
        body = urllib.parse.urlencode(data | {"csrf_token": self.token}).encode()
        with self.opener.open(self.base + path, data=body, timeout=10) as response:
            return str(response.read().decode())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    env = environment(tmp_path, port)
    for step in (["init"], ["demo", "--if-empty"]):
        subprocess.run([*EVENTKIT, *step], env=env, cwd=ROOT, check=True, capture_output=True)
    process = subprocess.Popen(
        [*EVENTKIT, "run-all", "--workers", "1"], env=env, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield process, port
    finally:
        if process.poll() is None:
            for pid in descendants(process.pid):
                os.kill(pid, signal.SIGKILL)
            process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def wait_for(url: str, process: subprocess.Popen[str], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {seconds} s")


def test_scripts_run_serves_through_run_all() -> None:
    script = (ROOT / "scripts" / "run").read_text()
    assert 'exec eventkit run-all --host 127.0.0.1 --port "$PORT"' in script
    assert 'export PORT="${PORT:-5000}"' in script


@pytest.mark.slow
def test_run_all_serves_on_port_and_stops_both(
    served: tuple[subprocess.Popen[str], int],
) -> None:
    process, port = served
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/login", process)
    started = descendants(process.pid)
    assert len(started) >= 3  # the gunicorn master and its worker, and the worker (jobs and mail)

    browser = Browser(base)
    browser.get("/login")
    browser.post("/login", DEMO_LOGIN)
    events = browser.get("/events/")
    event_id = re.search(r'href="/events/(\d+)"', events).group(1)  # type: ignore[union-attr]
    letters = browser.get(f"/events/{event_id}/invitations/print")
    links = re.findall(r'<p class="url" dir="ltr">([^<]+)</p>', letters)
    assert links and all(link.startswith(f"{base}/") for link in links)
    assert letters.count('<p class="contact">') == len(links)  # someone to call on each

    browser.get(f"/events/{event_id}/mail/send/staff")
    browser.post(f"/events/{event_id}/mail/send/staff", {})
    preview = browser.get(f"/events/{event_id}/mail/preview")
    assert f"/events/{event_id}/mail/preview/" in preview.split('id="outbox-list-title"')[1]

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in started if alive(pid)]
    output = process.stdout.read() if process.stdout else ""
    assert "web started" in output and "worker started" in output
    assert "web server and worker stopped" in output


@pytest.mark.slow
def test_run_all_stops_the_web_server_when_the_worker_dies(
    served: tuple[subprocess.Popen[str], int],
) -> None:
    process, port = served
    wait_for(f"http://127.0.0.1:{port}/login", process)
    output_lines = []
    assert process.stdout is not None
    while len(output_lines) < 2 or "worker started" not in "".join(output_lines):
        output_lines.append(process.stdout.readline())
    worker = int(re.search(r" worker started \(pid (\d+)\)", "".join(output_lines)).group(1))  # type: ignore[union-attr]
    started = descendants(process.pid)
    os.kill(worker, signal.SIGKILL)
    assert process.wait(timeout=20) != 0
    time.sleep(0.5)
    assert not [pid for pid in started if alive(pid)]


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "http://127.0.0.1:5000"), ({"PORT": "5077"}, "http://127.0.0.1:5077"),
     ({"PORT": "5077", "EVENTKIT_BASE_URL": "https://ouders.school.nl/"},
      "https://ouders.school.nl")],
)  # fmt: skip
def test_the_base_url_follows_port_unless_set(env: dict[str, str], expected: str) -> None:
    from eventkit.config import base_url
    from eventkit.supervise import child_environment

    assert base_url(env) == expected
    port = int(env.get("PORT", "5000"))
    assert base_url(child_environment(env, port)) == expected
