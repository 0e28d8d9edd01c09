"""Benchmark the run-sheet export with 300 participants in the table-group appendix.

    .venv/bin/python scripts/bench_runsheet.py [--participants 300] [--tables 30] [--runs 5]
        [--kind runsheet|tablesheets] [--limit-ms 1000]

Prints the best and median time of a full render (python-docx, no LibreOffice) and exits
with status 1 when the median reaches the limit (1 second; issue 13 asks 300 ms for 1120
people at 100 tables: --participants 1120 --tables 100 --limit-ms 300).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, datetime

from eventkit.agenda import catalog
from eventkit.domain.agenda import schedule
from eventkit.exports import runsheet, tablesheets
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
    parser.add_argument("--kind", choices=("runsheet", "tablesheets"), default="runsheet")
    parser.add_argument("--limit-ms", type=float, default=LIMIT_SECONDS * 1000)
    args = parser.parse_args()
    render = runsheet.render if args.kind == "runsheet" else tablesheets.render
    data = evening(args.participants, args.tables)
    render(data)  # warm-up: imports and python-docx's template loading
    times = []
    for _ in range(args.runs):
        begin = time.perf_counter()
        _, _, body = render(data)
        times.append(time.perf_counter() - begin)
    median = statistics.median(times)
    members = sum(len(g.members) for g in data.groups)
    print(
        f"{args.kind} with {members} participants at {len(data.groups)} tables: "
        f"median {median * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, {len(body) // 1024} kB"
    )
    if median * 1000 >= args.limit_ms:
        print(f"too slow: the limit is {args.limit_ms:.0f} ms", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
