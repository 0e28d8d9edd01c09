"""The invitations Word file: a page per household, its language, a readable QR code."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.shared import Cm

from eventkit.domain.codes import grouped
from eventkit.invitations import document, qr, texts
from eventkit.invitations.data import invitation_data

BASE = "http://eventkit.test"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(event, base: str = BASE) -> docx.document.Document:
    name, mimetype, body = document.render(invitation_data(event, base))
    assert name.endswith(".docx") and mimetype.endswith("wordprocessingml.document")
    return docx.Document(io.BytesIO(body))


def pages(doc) -> list[list[str]]:
    """The paragraphs' texts, split where a paragraph starts a new page."""
    result: list[list[str]] = [[]]
    for paragraph in doc.paragraphs:
        if paragraph.paragraph_format.page_break_before:
            result.append([])
        result[-1].append(paragraph.text)
    return result


def test_a_page_per_household_with_its_children_and_link(meeting, make_household) -> None:
    children = [("Ayşe", "Yılmaz", "2B", "2"), ("Sem", "Yılmaz", "4A", "4")]
    first = make_household(meeting, children=children)
    second = make_household(meeting, children=[("Noor", "Bakker", "2A", "2")])
    printed = ["\n".join(p) for p in pages(render(meeting))]
    assert len(printed) == 2
    # Sorted by class: 2A before 2B.
    assert "Noor" in printed[0] and f"{BASE}/i/{grouped(second.token)}" in printed[0]
    assert "Ayşe en Sem" in printed[1] and f"{BASE}/i/{grouped(first.token)}" in printed[1]
    assert "Noor" not in printed[1] and second.token not in printed[1]
    for text in printed:
        assert meeting.title in text and "OBS De Linde" in text
        assert "Samen ontdekken hoe we verzuim voorkomen." in text
        assert "Huiswerk" in text and "Schoolstraat 1, Aula" in text


def test_every_page_has_a_qr_code_of_at_least_4_cm_that_decodes(meeting, make_household) -> None:
    pyzbar = pytest.importorskip("pyzbar.pyzbar")
    from PIL import Image

    households = [make_household(meeting, language=lang) for lang in ("nl", "ar", "pl")]
    doc = render(meeting)
    shapes = doc.inline_shapes
    assert len(shapes) == 3
    assert all(s.width >= Cm(4) and s.height >= Cm(4) for s in shapes)
    found = set()
    for shape in shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        blob = doc.part.related_parts[rid].blob
        (decoded,) = pyzbar.decode(Image.open(io.BytesIO(blob)))
        found.add(decoded.data.decode())
    assert found == {f"{BASE}/i/{grouped(h.token)}" for h in households}


def test_links_are_short_and_carry_no_sequential_id(meeting, make_household) -> None:
    household = make_household(meeting)
    data = invitation_data(meeting, "https://ouders.obsdelinde.nl")
    (page,) = data.pages
    assert len(page.url) < 60
    # The only thing in the path is the random token: no household or meeting id.
    assert page.url == f"https://ouders.obsdelinde.nl/i/{grouped(household.token)}"
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{20}", household.token)  # no O/0, I/l/1 to mix up


@pytest.mark.parametrize(
    ("language", "rtl", "dutch_line"),
    [("nl", False, False), ("en", False, True), ("tr", False, True), ("ar", True, True),
     ("pl", False, True), ("uk", False, True), ("so", False, True), ("ti", False, True),
     ("fa", True, True), ("bg", False, True), ("am", False, True)],
)  # fmt: skip
def test_the_page_speaks_the_household_language(
    meeting, make_household, language: str, rtl: bool, dutch_line: bool
) -> None:
    make_household(meeting, language=language)
    doc = render(meeting)
    bidi = [p for p in doc.paragraphs if p._p.find(f"{W}pPr/{W}bidi") is not None]
    assert bool(bidi) is rtl
    # The Dutch line repeats date and time for whoever in the family reads Dutch.
    italic = [p for p in doc.paragraphs if p.runs and p.runs[0].italic and "19:00" in p.text]
    assert bool(italic) is dutch_line


def test_the_short_link_is_printed_large_in_monospace(meeting, make_household) -> None:
    household = make_household(meeting)
    doc = render(meeting)
    (link,) = [p for p in doc.paragraphs if grouped(household.token) in p.text]
    run = link.runs[0]
    assert run.font.name == "Courier New" and run.font.size.pt >= 14


def test_a4_portrait(meeting, make_household) -> None:
    make_household(meeting)
    section = render(meeting).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_no_households_gives_one_page_saying_so(meeting) -> None:
    doc = render(meeting)
    assert len(doc.inline_shapes) == 0
    with texts.speaking("nl"):
        notice = texts.letter_texts()["none"]
    assert [p.text for p in doc.paragraphs] == [notice]


def test_progress_is_reported_per_page(meeting, make_household) -> None:
    for _ in range(3):
        make_household(meeting)
    seen: list[int] = []
    document.render(invitation_data(meeting, BASE), seen.append)
    assert seen == [1, 2, 3]


def test_only_the_classes_asked_for(meeting, make_household) -> None:
    make_household(meeting, children=[("Noor", "Bakker", "2A", "2")])
    make_household(meeting, children=[("Ayşe", "Yılmaz", "2B", "2")])
    data = invitation_data(meeting, BASE, classes=["2B"])
    assert [p.classes for p in data.pages] == [("2B",)]


def test_control_characters_in_names_do_not_break_the_file(meeting, make_household) -> None:
    make_household(meeting, children=[("Ay\x0bşe", "X", "2B", "2")])
    text = "\n".join(p.text for p in render(meeting).paragraphs)
    assert "Ayşe" in text


def test_qr_png_is_a_valid_image() -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(qr.png(qr.matrix(f"{BASE}/i/abcdefghijklmnop"))))
    assert image.mode == "1" and image.size[0] == image.size[1] >= 29 * qr.BOX


def test_every_run_speaks_the_letter_language(meeting, make_household) -> None:
    """Word checks Turkish as Turkish and Arabic as Arabic, not as misspelled Dutch."""
    from docx.oxml.ns import qn

    make_household(meeting, language="tr", children=[("Ayşe", "Yılmaz", "1A", "1")])
    make_household(meeting, language="ar", children=[("Amal", "Haddad", "2A", "2")])
    doc = render(meeting)
    assert doc.core_properties.author == meeting.school.name
    tags = {}
    for paragraph in doc.paragraphs:
        for run in (r for r in paragraph.runs if r.text.strip()):
            lang = run._r.rPr.find(qn("w:lang"))
            assert lang is not None, paragraph.text
            tags.setdefault(lang.get(qn("w:val")), []).append(run)
            if run._r.rPr.find(qn("w:rtl")) is not None:
                assert lang.get(qn("w:bidi")) == "ar-SA"
    assert {"tr-TR", "ar-SA"} <= set(tags)
    assert any("Ayşe" in r.text for r in tags["tr-TR"])  # the Turkish greeting
    assert any("Amal" in r.text for r in tags["ar-SA"])  # the Arabic one
