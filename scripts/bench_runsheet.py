"""Benchmark the run-sheet export with 300 participants in the table-group appendix.

    .venv/bin/python scripts/bench_runsheet.py [--participants 300] [--tables 30] [--runs 5]

Prints the best and median time of a full render (python-docx, no LibreOffice) and exits
with status 1 when the median is 1 second or more.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, datetime

from eventkit.agenda import catalog
from eventkit.domain.agenda import schedule
from eventkit.exports import runsheet
from eventkit.exports.data import (
    Badge,
    Member,
    RunsheetData,
    TableGroup,
    TaskItem,
    TeamRole,
    ThemeItem,
)

LIMIT_SECONDS = 1.0
ROLES = ("parent", "parent", "parent", "mentor", "pupil", "team_leader")


def evening(participants: int, tables: int) -> RunsheetData:
    template = catalog.builtin("default", "nl")
    start = datetime(2027, 3, 9, 19, 0)
    slots = tuple(schedule(template.blocks, start))
    themes = tuple(ThemeItem(t.title, t.description, t.questions) for t in template.themes)
    groups = tuple(
        TableGroup(
            number=n,
            theme_title=themes[(n - 1) % len(themes)].title,
            theme_questions=themes[(n - 1) % len(themes)].questions,
            facilitator=f"Gespreksleider {n}",
            members=tuple(
                Member(f"Deelnemer{i}", ROLES[i % len(ROLES)])
                for i in range(participants)
                if i % tables == n - 1
            ),
            note_url=f"http://eventkit.test/e/1/t/{n}",
        )
        for n in range(1, tables + 1)
    )
    return RunsheetData(
        language="nl",
        title="Ouderavond aanwezigheid",
        school="Het Baken College",
        date=start.date(),
        start=start,
        end=slots[-1].end,
        location="Schoolstraat 12, Almere",
        room="Aula",
        team=(TeamRole("coordinator", ("Fatima el Amrani",)),),
        agenda=slots,
        themes=themes,
        tasks=tuple(TaskItem(t.title, "Jeroen", date(2027, 2, 1)) for t in template.tasks),
        groups=groups,
        factors=(1, 2, 5, 6, 7, 9),
        badges=tuple(Badge(m.first_name, m.role, g.number) for g in groups for m in g.members),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--tables", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = evening(args.participants, args.tables)
    runsheet.render(data)  # warm-up: imports and python-docx's template loading
    times = []
    for _ in range(args.runs):
        begin = time.perf_counter()
        _, _, body = runsheet.render(data)
        times.append(time.perf_counter() - begin)
    median = statistics.median(times)
    members = sum(len(g.members) for g in data.groups)
    print(
        f"run-sheet with {members} participants at {len(data.groups)} tables: "
        f"median {median * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, {len(body) // 1024} kB"
    )
    if median >= LIMIT_SECONDS:
        print(f"too slow: the limit is {LIMIT_SECONDS:.1f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
