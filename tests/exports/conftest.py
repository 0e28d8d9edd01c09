"""Fixtures for the printed exports: plain sample data, school base documents, and
LibreOffice conversions done once per session (one soffice call for many files)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import docx
import pytest
from docx.shared import Pt, RGBColor

from eventkit import create_app
from eventkit.agenda import catalog
from eventkit.auth.services import create_user
from eventkit.domain import live
from eventkit.domain.agenda import Block, BlockKind, schedule, walk
from eventkit.events.services import EventData, create_event
from eventkit.exports import cards, pdf, runsheet, tablesheets
from eventkit.exports.data import (
    Badge,
    Member,
    RunsheetData,
    TableGroup,
    TaskItem,
    TeamRole,
    ThemeItem,
    badges_of,
    runsheet_data,
    with_short_names,
)
from eventkit.extensions import db
from eventkit.models import Household, Pupil, School
from tests.tools import missing

START = datetime(2027, 3, 9, 19, 0)
LETTERHEAD = "OBS De Linde · Lindelaan 4 · Utrecht"
NOTE_URL = "http://eventkit.test/e/7/t/1"
RTL_NAME = "مريم"
ACCENT_NAMES = ("Ayşe", "Zoë", "Łukasz", "Олена", "Nguyễn", RTL_NAME, "דוד")


def sample_data(blocks: tuple[Block, ...] | None = None, **changes: Any) -> RunsheetData:
    """A meeting as plain data: the default Dutch template unless told otherwise."""
    template = catalog.builtin("default", "nl")
    blocks = template.blocks if blocks is None else blocks
    slots = tuple(schedule(blocks, START))
    data = RunsheetData(
        language="nl",
        title="Ouderavond aanwezigheid",
        school="OBS De Linde",
        date=START.date(),
        start=START,
        end=slots[-1].end if slots else START,
        location="Lindelaan 4, Utrecht",
        room="Aula",
        target_group="Ouders van groep 7 en 8",
        goal="Samen ontdekken hoe we verzuim voorkomen.",
        team=(TeamRole("coordinator", ("Fatima el Amrani",)), TeamRole("door", ())),
        agenda=slots,
        themes=tuple(ThemeItem(t.title, t.description, t.questions) for t in template.themes),
        tasks=(TaskItem("Ruimte reserveren", "Jeroen de Vries", date(2027, 2, 9), done=True),),
        factors=(1, 5, 9),
        badges=(Badge("Fatima", "coordinator"),),
    )
    return replace(data, **changes)


def live_sample() -> RunsheetData:
    """The default evening as it ran: the dialogue 10 minutes over, the theme tables 5 shorter."""
    blocks = catalog.builtin("default", "nl").blocks
    keys = {block.kind: block.key for block in walk(blocks)}
    deltas = {keys[BlockKind.DIALOGUE]: 10, keys[BlockKind.THEME_TABLES]: -5}
    rows = live.rows(live.Evening(tuple(blocks), START, deltas))
    return sample_data(
        agenda=tuple(row.actual for row in rows),
        planned=tuple(row.planned for row in rows),
        end=max(row.actual.end for row in rows),
    )


def groups_with_members(count: int, per_table: int) -> tuple[TableGroup, ...]:
    names = ACCENT_NAMES + tuple(f"Ouder{n}" for n in range(count * per_table))
    return tuple(
        TableGroup(
            number=n,
            theme_title=f"Thema {n}: aanwezigheid",
            theme_questions=("Wat helpt uw kind?", "Wat kan de school doen?"),
            facilitator=f"Gespreksleider {n}",
            members=tuple(
                Member(names[(n - 1) * per_table + i], "parent" if i % 3 else "mentor")
                for i in range(per_table)
            ),
            note_url=f"http://eventkit.test/e/7/t/{n}",
        )
        for n in range(1, count + 1)
    )


def forty_blocks() -> tuple[Block, ...]:
    blocks = []
    for n in range(1, 41):
        parts = tuple(
            Block(f"{n}.{p}", f"Onderdeel {n}.{p}", 2, who="gespreksleider") for p in (1, 2)
        )
        kind = BlockKind.BREAK if n % 10 == 0 else BlockKind.OTHER
        blocks.append(
            Block(
                str(n),
                f"Blok nummer {n}",
                3,
                kind,
                "school",
                ("Punt",),
                (),
                "",
                frozenset(),
                parts if n % 5 == 0 else (),
            )  # fmt: skip
        )
    return tuple(blocks)


def school_template_bytes() -> bytes:
    """A school's own base document: letterhead in the header, its own Heading 1 look,
    and no Title or Heading 2 style (so eventkit must add those)."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = LETTERHEAD
    heading = document.styles["Heading 1"]
    heading.font.name = "Liberation Serif"
    heading.font.size = Pt(22)
    heading.font.color.rgb = RGBColor(0x80, 0x00, 0x00)
    for name in ("Title", "Heading 2"):
        element = document.styles[name].element
        element.getparent().remove(element)
    document.add_paragraph("Deze tekst van de school verdwijnt uit de export.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def sample() -> Callable[..., RunsheetData]:
    return sample_data


@pytest.fixture
def school_template() -> bytes:
    return school_template_bytes()


# --- LibreOffice ---------------------------------------------------------------------------


def require_office() -> None:
    """Skip without LibreOffice, except on CI (CI=true), where a missing soffice fails."""
    if pdf.available() and shutil.which("pdftotext") and shutil.which("pdftoppm"):
        return
    missing("LibreOffice (soffice) and poppler-utils")


@dataclass(frozen=True)
class Converted:
    body: bytes
    pdf: Path
    pages: list[str]  # pdftotext -layout, one string per page

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


@contextmanager
def _school_database(path: Path) -> Iterator[School]:
    """An app on its own SQLite file with the demo school, for documents made the real way."""
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "EVENTKIT_BASE_URL": "http://eventkit.test",
         "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}
    )  # fmt: skip
    with app.app_context():
        db.create_all()
        school = School(name="OBS De Linde", city="Utrecht")
        db.session.add(school)
        db.session.commit()
        yield school
        db.session.remove()
        db.engine.dispose()


def _meeting_settings(language: str, day: date) -> EventData:
    return EventData(title="Ouderavond aanwezigheid", date=day, start_time=time(19, 0),
                     planned_end=time(21, 15), location="Aula", room="Aula",
                     language=language)  # fmt: skip


def _default_event_data(workdir: Path, language: str) -> RunsheetData:
    """The default template through the real path: database rows, plan, runsheet_data."""
    with _school_database(workdir / f"{language}.sqlite3") as school:
        create_user("c@linde.test", "Fatima el Amrani", "coordinator", "pw-123456789", school)
        create_user("f@linde.test", "Ayşe Yılmaz", "facilitator", "pw-123456789", school)
        settings = _meeting_settings(language, date(2027, 3, 9))
        event = create_event(school, settings, catalog.builtin("default", language))
        for year in ("2", "1"):  # the years invited fill the template's "leerjaar …"
            household = Household(event=event)
            household.pupils.append(Pupil(first_name="Kind", class_name=f"{year}A", year=year))
            db.session.add(household)
        db.session.commit()
        return runsheet_data(event, "http://eventkit.test", today=date(2027, 1, 1))


def _report_documents(workdir: Path) -> dict[str, bytes]:
    """The follow-up report of a held meeting (tests/aftercare's), with and without enough
    evaluation answers for charts, and on the school's base document."""
    from eventkit.aftercare import services as aftercare
    from eventkit.exports import report
    from eventkit.exports.report_data import report_data
    from eventkit.models import EvaluationAnswer
    from tests.aftercare.conftest import NOW, build_held_meeting, note_text

    with _school_database(workdir / "report.sqlite3") as school:
        settings = replace(_meeting_settings("nl", date(2026, 11, 10)), goal=REPORT_GOAL)
        event = build_held_meeting(create_event(school, settings, catalog.builtin("default", "nl")))
        event.blocks[1].live_delta = 10
        action = aftercare.action_from_note(event, note_text(event, "app-melding"), NOW)
        action.owner_label = "De mentoren van leerjaar 1"
        refused = aftercare.action_from_note(event, note_text(event, "cijfers"), NOW)
        aftercare.bulk_status(event, [refused.id], "not_adopted", REPORT_REASON, NOW)
        aftercare.add_update(event, action, date(2026, 11, 18), "Proef gestart", NOW)
        documents = {
            "report": report.render(report_data(event))[2],
            "report_school": report.render(report_data(event), school_template_bytes())[2],
        }
        db.session.query(EvaluationAnswer).delete()
        db.session.commit()
        documents["report_few"] = report.render(report_data(event))[2]
    return documents


REPORT_GOAL = "Samen werken aan aanwezigheid."
REPORT_REASON = "Docenten geven cijfers na elke toets."


PEOPLE = (
    ("Marieke", "Bakker", "parent"),
    ("Marieke", "de Vries", "staff"),
    ("Daan", "Smit", "student"),
    ("Daan", "Jansen", "parent"),
    ("Noor", "", "student"),
)


def people_data() -> RunsheetData:
    """One table with two Mariekes, two Daans and pupils; Marieke de Vries is also on the
    action team (a user): one badge for her, at her table."""
    members = tuple(Member(first, role, last, f"{first}.{last}@x.test".replace(" ", ""))
                    for first, last, role in PEOPLE)  # fmt: skip
    groups = with_short_names((TableGroup(1, "Verzuim", facilitator="Eva Kok",
                                          members=members, note_url=NOTE_URL),))  # fmt: skip
    users = [
        SimpleNamespace(name="Marieke de Vries", email="marieke.devries@x.test", role="team"),
        SimpleNamespace(name="Fatima el Amrani", email="f@x.test", role="coordinator"),
    ]
    return sample_data(groups=groups, badges=badges_of(users, groups))  # type: ignore[arg-type]


def _documents(workdir: Path) -> dict[str, bytes]:
    groups = groups_with_members(3, 7)
    accents = sample_data(
        team=(TeamRole("coordinator", ("Zoë Ñúñez",)), TeamRole("catering", (RTL_NAME,))),
        groups=groups,
    )
    badges = tuple(Badge(m.first_name, m.role, g.number) for g in groups for m in g.members)
    long_points = tuple(f"Lang gesprekspunt {n}: " + "woord " * 60 for n in range(1, 26))
    long_block = Block("1", "Heel lang blok", 30, talking_points=long_points, remark="Slot")
    return {
        "default_nl": runsheet.render(_default_event_data(workdir, "nl"))[2],
        "default_en": runsheet.render(_default_event_data(workdir, "en"))[2],
        "no_themes": runsheet.render(sample_data(themes=()))[2],
        "no_themes_cards": cards.render(sample_data(themes=()))[2],
        "forty": runsheet.render(sample_data(blocks=forty_blocks()))[2],
        "long": runsheet.render(sample_data(blocks=(long_block,)))[2],
        "accents": runsheet.render(accents)[2],
        "school": runsheet.render(sample_data(), school_template_bytes())[2],
        "live": runsheet.render(live_sample())[2],
        "sheets": tablesheets.render(accents)[2],
        "cards": cards.render(accents)[2],
        "badges": cards.render_badges(replace(accents, badges=badges))[2],
        "people_sheets": tablesheets.render(people_data())[2],
        "people_badges": cards.render_badges(people_data())[2],
        **_report_documents(workdir),
    }


@pytest.fixture(scope="session")
def png_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where page images go; set EVENTKIT_EXPORT_PNG_DIR to keep them for looking at."""
    chosen = os.environ.get("EVENTKIT_EXPORT_PNG_DIR")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("png")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory, png_dir: Path) -> dict[str, Converted]:
    """Every sample document converted to PDF by LibreOffice in one run, with page images."""
    require_office()
    workdir = tmp_path_factory.mktemp("office")
    documents = _documents(workdir)
    paths = []
    for name, body in documents.items():
        (workdir / f"{name}.docx").write_bytes(body)
        paths.append(workdir / f"{name}.docx")
    pdfs = pdf.convert(paths, workdir / "pdf")
    result = {}
    for (name, body), path in zip(documents.items(), pdfs, strict=True):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(png_dir / name)], check=True)
        result[name] = Converted(body, path, text.split("\f")[:-1])
    return result


@pytest.fixture
def office() -> Iterator[None]:
    require_office()
    yield
