"""Benchmark how fast the `eventkit` command starts and solves a grouping from files.

    .venv/bin/python scripts/bench_cli.py [--runs 7]

Targets (exit status 1 if one is missed, measured on a 2-core machine):
- `eventkit --help` within 2x of `python -c "import flask, sqlalchemy"` (median of the runs):
  the command may not pay for libraries (OR-Tools, Alembic, document writers) it does not use;
- `eventkit group solve` on a 500-person PEOPLE.csv (42 tables) under 1.5 s wall, start-up
  included.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess  # nosec B404 # our own interpreter and fixed arguments
import sys
import tempfile
import time
from pathlib import Path

from eventkit.domain.grouping import Settings
from eventkit.domain.grouping.examples import sized_evening
from eventkit.domain.grouping.instance import compile_instance
from eventkit.domain.grouping.solve import SEARCH_BASE, SEARCH_PER_UNIT

ROOT = Path(__file__).resolve().parent.parent
HELP_FACTOR = 2.0
SOLVE_LIMIT = 1.5
EVENTKIT = (sys.executable, "-c", "from eventkit.cli import main; main()")
BASELINE = (sys.executable, "-c", "import flask, sqlalchemy")


def wall(args: tuple[str, ...] | list[str]) -> float:
    """Seconds from start to exit of one process (its output is thrown away)."""
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)  # nosec B603
    return time.perf_counter() - start


def median(args: tuple[str, ...] | list[str], runs: int) -> float:
    wall(args)  # warm the file cache
    return statistics.median(wall(args) for _ in range(runs))


def write_files(folder: Path, people: int = 500, tables: int = 42) -> list[str]:
    """PEOPLE.csv and TABLES.csv of a generated evening, as `group solve` reads them."""
    ev = sized_evening(1, people, tables)
    with (folder / "PEOPLE.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ("id", "name", "role", "household", "year", "class", "language", "themes",
             "facilitator", "mentor_of")
        )  # fmt: skip
        for p in ev.people:
            writer.writerow(
                (p.id, p.name, p.role, p.household, p.year, p.klass, p.language,
                 "|".join(p.themes), int(p.facilitator), "|".join(p.mentor_of))
            )  # fmt: skip
    with (folder / "TABLES.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(("id", "theme", "min", "max"))
        for t in ev.tables:
            writer.writerow((t.id, t.theme, t.min, t.max))
    return ["--people", str(folder / "PEOPLE.csv"), "--tables", str(folder / "TABLES.csv")]


def search_budget(people: int = 500, tables: int = 42) -> float:
    """The hard cap `solve` puts on the local search on this evening (it normally stops
    well before, when its schedule ends or it has converged)."""
    ev = sized_evening(1, people, tables)
    units = len(compile_instance(ev.people, ev.tables, Settings()).units)
    return min(Settings().time_limit, SEARCH_BASE + SEARCH_PER_UNIT * units)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    base = median(BASELINE, args.runs)
    helps = median([*EVENTKIT, "--help"], args.runs)
    start = median([*EVENTKIT, "group", "solve", "--help"], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp))
        solve = median([*EVENTKIT, "group", "solve", *files], max(3, args.runs // 2))
    ok_help = helps <= HELP_FACTOR * base
    ok_solve = solve < SOLVE_LIMIT
    print(f"import flask, sqlalchemy: {base:.2f} s (median of {args.runs})")
    print(
        f"eventkit --help:          {helps:.2f} s = {helps / base:.1f}x "
        f"(target <= {HELP_FACTOR:.0f}x) {'ok' if ok_help else 'TOO SLOW'}"
    )
    print(f"eventkit group solve --help: {start:.2f} s (the start-up of a solve)")
    print(
        f"eventkit group solve 500: {solve:.2f} s (target < {SOLVE_LIMIT} s) "
        f"{'ok' if ok_solve else 'TOO SLOW'}; the local search stops when it has converged, "
        f"at the latest after {search_budget():.2f} s (eventkit.domain.grouping.solve)"
    )
    return 0 if ok_help and ok_solve else 1


if __name__ == "__main__":
    sys.exit(main())
