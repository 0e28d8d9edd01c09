"""The follow-up report as LibreOffice reads it: its text, charts and privacy."""

from __future__ import annotations

import re
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from .conftest import LETTERHEAD, REPORT_GOAL, Converted

pytestmark = pytest.mark.office


def flat(result: Converted) -> str:
    return " ".join(result.text.split())


def test_the_report_has_its_three_parts_in_order(converted: dict[str, Converted]) -> None:
    text = flat(converted["report"])
    parts = ["Verslag: Ouderavond aanwezigheid", "De bijeenkomst", REPORT_GOAL, "Aanwezigheid",
             "Hoe de avond verliep", "Samenvatting van het gesprek in de arena",
             "Opbrengst per thematafel", "Vragen die ouders vooraf stelden", "Evaluatie",
             "Wat de school ermee doet", "Volgende stappen"]  # fmt: skip
    positions = [text.find(p) for p in parts]
    assert -1 not in positions, [p for p, i in zip(parts, positions, strict=True) if i < 0]
    assert positions == sorted(positions)


def test_attendance_plan_and_outcomes(converted: dict[str, Converted]) -> None:
    text = flat(converted["report"])
    assert re.search(r"Ouders 4 4 3", text)  # invited, answered, present
    assert re.search(r"Medewerkers 1 — 1", text)
    assert "1A" in text and "2B" in text  # by class
    assert "+10" in text  # the arena block ran ten minutes over
    assert "Een korte app-melding bij elk verzuim." in text
    assert "Kan er een tolk zijn?" in text  # a parent's question, without a name


def test_actions_with_role_status_and_reason(converted: dict[str, Converted]) -> None:
    text = flat(converted["report"])
    assert "De mentoren van" in text and "leerjaar 1" in text  # a narrow column wraps
    assert "overgenomen" in text and "Waarom niet: Docenten geven cijfers na elke" in text
    assert "Proef gestart" in text


def test_the_report_names_no_participant(converted: dict[str, Converted]) -> None:
    text = converted["report"].text
    for name in ("Yılmaz", "Bakker", "Haddad", "Shevchenko", "Fatma", "Mariam", "Olena",
                 "example.test", "Lotte"):  # fmt: skip
        assert name not in text, name
    assert "Brouwer" not in text  # the flagged note stays out


def test_charts_are_pictures_with_alternative_text(converted: dict[str, Converted]) -> None:
    with zipfile.ZipFile(BytesIO(converted["report"].body)) as package:
        xml = package.read("word/document.xml").decode()
        pictures = [n for n in package.namelist() if n.startswith("word/media/")]
    assert len(pictures) == 2
    alts = re.findall(r'descr="([^"]+)"', xml)
    assert any(a.startswith("Staafdiagram: waardering") and "5: " in a for a in alts)
    assert any("komt u een volgende keer weer" in a for a in alts)
    assert "Gemiddeld cijfer" in flat(converted["report"])


def test_below_five_answers_no_charts(converted: dict[str, Converted]) -> None:
    text = flat(converted["report_few"])
    assert "0 ouders vulden de evaluatie in" in text and "Minder dan 5 antwoorden" in text
    with zipfile.ZipFile(BytesIO(converted["report_few"].body)) as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]


def test_the_report_sits_on_the_school_s_base(converted: dict[str, Converted]) -> None:
    assert LETTERHEAD in converted["report_school"].text


def test_the_chart_page_renders(converted: dict[str, Converted], png_dir: Path) -> None:
    """A sharper picture of the evaluation page, to look at (EVENTKIT_EXPORT_PNG_DIR)."""
    result = converted["report"]
    page = next(i for i, p in enumerate(result.pages, start=1) if "Evaluatie" in p)
    target = png_dir / "report-evaluation"
    subprocess.run(["pdftoppm", "-r", "110", "-f", str(page), "-l", str(page), "-png",
                    str(result.pdf), str(target)], check=True)  # fmt: skip
    assert list(png_dir.glob("report-evaluation*.png"))
