"""`eventkit run-all`: the web server and the worker (jobs and mail) as one program.

A school starts eventkit with one command (scripts/run) and stops it with Ctrl+C. Both
children get the same environment, with PORT set and EVENTKIT_BASE_URL following it when
the school did not set one, so links and QR codes point to the port that is served. When
one child ends on its own, the other is stopped too: half an eventkit is not left running.
"""

from __future__ import annotations

import signal
import subprocess  # nosec B404 # the web server and the worker: our own commands, no shell
import sys
import time
from collections.abc import Iterable, Mapping
from types import FrameType

from .privacy.logs import LOGGER_CLASS

GRACE_SECONDS = 10.0


def child_environment(env: Mapping[str, str], port: int) -> dict[str, str]:
    merged = dict(env)
    merged["PORT"] = str(port)
    if not merged.get("EVENTKIT_BASE_URL"):
        merged["EVENTKIT_BASE_URL"] = f"http://127.0.0.1:{port}"
    return merged


def commands(host: str, port: int, workers: int) -> dict[str, list[str]]:
    eventkit = [sys.executable, "-c", "from eventkit.cli import main; main()"]
    return {
        "web": [
            sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}", "--workers",
            str(workers), "--access-logfile", "-", "--logger-class",
            LOGGER_CLASS, "eventkit:create_app()",
        ],
        "worker": [*eventkit, "worker"],
    }  # fmt: skip


def _start(args: list[str], env: Mapping[str, str], port: int) -> subprocess.Popen[bytes]:
    """Bandit B603 is silenced below: the commands are our own (gunicorn and the worker),
    an argument list, no shell."""
    return subprocess.Popen(args, env=child_environment(env, port))  # nosec B603


def run_together(host: str, port: int, workers: int, env: Mapping[str, str]) -> int:
    """Start both, wait until Ctrl+C/SIGTERM or until one ends, then stop the other.
    Returns the exit code for the whole (0 after Ctrl+C)."""
    children = {
        name: _start(args, env, port) for name, args in commands(host, port, workers).items()
    }
    for name, child in children.items():
        print(f"eventkit: {name} started (pid {child.pid})", flush=True)
    stopping: list[int] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        ended = _wait_for_first(children.values(), stopping)
    finally:
        _stop_all(children.values())
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping:
        print("eventkit: web server and worker stopped", flush=True)
        return 0
    assert ended is not None
    name = next(n for n, c in children.items() if c is ended)
    print(f"eventkit: the {name} ended (exit code {ended.returncode}); stopped the rest",
          flush=True)  # fmt: skip
    return ended.returncode or 1


Child = subprocess.Popen[bytes]


def _wait_for_first(children: Iterable[Child], stopping: list[int]) -> Child | None:
    running = list(children)
    while not stopping:
        for child in running:
            if child.poll() is not None:
                return child
        time.sleep(0.2)
    return None


def _stop_all(children: Iterable[Child]) -> None:
    running = [c for c in children if c.poll() is None]
    for child in running:
        child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in running:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
