"""Benchmark the invitations Word file against a bare python-docx + qrcode baseline.

    .venv/bin/python scripts/bench_invitations.py [--households 600] [--runs 3]

Ours: the whole path of the background job (households from a SQLite database, the
letters' texts in six languages, a QR code per household, one A4 page each). Baseline:
a bare script making the same number of QR codes with qrcode's defaults and a
python-docx document with one picture and one paragraph per page.

Time: both run in this one process, alternately, so the machine's load hits them alike;
the median of the runs counts. Peak memory: each side once in a fresh process of its
own, as the rise of the peak resident set (ru_maxrss) over the resident set just before
the work (tracemalloc would miss what lxml allocates in C, most of a Word document).

Exits with status 1 when ours takes more than 1.5 times the baseline's time or memory.
"""

from __future__ import annotations

import argparse
import gc
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from datetime import time as clock
from pathlib import Path

import qrcode
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm

from eventkit import create_app
from eventkit.agenda import catalog
from eventkit.events.services import EventData, create_event
from eventkit.extensions import db
from eventkit.invitations import document
from eventkit.invitations.data import invitation_data
from eventkit.models import Event, Household, Participant, Pupil, School

TARGET = 1.5
BASE_URL = "https://ouders.hetbaken.nl"
LANGUAGES = ("nl", "nl", "nl", "en", "tr", "ar", "pl", "uk")
NAMES = ("Ayşe", "Mohammed", "Zoë", "Łukasz", "Олена", "مريم", "Sem", "Noor", "Daan")
Work = Callable[[], int]


def fill(households: int) -> int:
    """A meeting with `households` households (one in four with two children); its id."""
    school = School(name="Het Baken College", city="Almere")
    db.session.add(school)
    settings = EventData(
        title="Ouderavond aanwezigheid", date=date(2027, 3, 9), start_time=clock(19),
        planned_end=clock(21, 15), location="Schoolstraat 12", room="Aula",
        rsvp_deadline=date(2027, 3, 1), language="nl",
        goal="Samen ontdekken hoe we verzuim voorkomen.",
    )  # fmt: skip
    event = create_event(school, settings, catalog.builtin("default", "nl"))
    for n in range(households):
        household = Household(event=event, language=LANGUAGES[n % len(LANGUAGES)])
        for k in range(1 + (n % 4 == 0)):
            pupil = Pupil(first_name=NAMES[(n + k) % len(NAMES)], last_name=f"Achternaam{n}")
            pupil.class_name, pupil.year = f"{1 + n % 6}{'ABC'[n % 3]}", str(1 + n % 6)
            household.pupils.append(pupil)
        household.carers.append(Participant(event=event, first_name=f"Ouder{n}"))
        db.session.add(household)
    db.session.commit()
    return event.id


def ours(event_id: int) -> Work:
    def run() -> int:
        db.session.expire_all()
        event = db.session.get(Event, event_id)
        assert event is not None
        return len(document.render(invitation_data(event, BASE_URL))[2])

    return run


def baseline(households: int) -> Work:
    urls = [f"{BASE_URL}/i/{n:016d}" for n in range(households)]

    def run() -> int:
        pictures = []
        for url in urls:
            out = io.BytesIO()
            qrcode.make(url).save(out)
            pictures.append(out.getvalue())
        doc = Document()
        for index, (url, picture) in enumerate(zip(urls, pictures, strict=True)):
            doc.add_paragraph().add_run().add_picture(io.BytesIO(picture), width=Cm(5))
            paragraph = doc.add_paragraph(url)
            if index < len(urls) - 1:
                paragraph.add_run().add_break(WD_BREAK.PAGE)
        out = io.BytesIO()
        doc.save(out)
        return len(out.getvalue())

    return run


def sides(households: int, folder: str) -> dict[str, Work]:
    """Both sides ready to run; ours with its database (left open in an app context)."""
    database = Path(folder) / "bench.sqlite3"
    app = create_app({"SECRET_KEY": "bench", "EVENTKIT_BASE_URL": BASE_URL,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})  # fmt: skip
    app.app_context().push()
    db.create_all()
    return {"ours": ours(fill(households)), "baseline": baseline(households)}


def timed(work: Work) -> float:
    gc.collect()
    begin = time.perf_counter()
    work()
    return time.perf_counter() - begin


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1024 / 1024


def peak_rise_mb(side: str, households: int) -> float:
    """Run one side once in a fresh process and return how far its peak RSS rose."""
    command = [sys.executable, __file__, "--households", str(households), "--memory-of", side]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def memory_child(side: str, households: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = sides(households, folder)[side]
        warm = ours(fill(2)) if side == "ours" else baseline(2)
        warm()  # imports, templates and translations loaded before measuring
        gc.collect()
        before = rss_mb()
        work()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{peak - before:.1f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-of", choices=("ours", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        return memory_child(args.memory_of, args.households)
    with tempfile.TemporaryDirectory() as folder:
        work = sides(args.households, folder)
        size = work["ours"]()  # warm-up: imports, templates, translations
        work["baseline"]()
        times: dict[str, list[float]] = {"ours": [], "baseline": []}
        for _ in range(args.runs):
            for name in ("baseline", "ours"):
                times[name].append(timed(work[name]))
    memory = {name: peak_rise_mb(name, args.households) for name in ("ours", "baseline")}
    median = {name: statistics.median(values) for name, values in times.items()}
    ratio_time = median["ours"] / median["baseline"]
    ratio_memory = memory["ours"] / memory["baseline"]
    print(f"invitations for {args.households} households ({size // 1024} kB), {args.runs} runs")
    for name in ("ours", "baseline"):
        print(f"  {name:<9} median {median[name]:6.2f} s   peak rise {memory[name]:6.1f} MB")
    print(
        f"  ratio     time {ratio_time:.2f}x   memory {ratio_memory:.2f}x   (target <= {TARGET}x)"
    )
    if ratio_time > TARGET or ratio_memory > TARGET:
        print("too slow or too big for the target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
