"""The Word structure of the exports, read back with python-docx (no LibreOffice needed)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from eventkit.exports import cards, docx_base, runsheet, tablesheets
from eventkit.exports.data import Badge, Member, TableGroup
from eventkit.exports.docx_base import BaseDocumentError, normalise_base

from .conftest import LETTERHEAD, RTL_NAME


def read(body: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(body))


def test_runsheet_is_a4_landscape_with_the_draaiboek_table(sample) -> None:
    name, mimetype, body = runsheet.render(sample())
    assert name == "draaiboek-ouderavond-aanwezigheid.docx"
    assert mimetype == docx_base.DOCX_MIME
    document = read(body)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    agenda = document.tables[1]
    assert [c.text for c in agenda.rows[0].cells] == [
        "Tijd", "Duur", "Wie", "Gesprekspunt / Actie", "Opmerking",
    ]  # fmt: skip
    header = agenda.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in agenda.rows)
    assert len(agenda.rows) == 1 + 10


def test_parts_are_indented_under_their_block(sample) -> None:
    agenda = read(runsheet.render(sample())[2]).tables[1]
    titles = [row.cells[3].paragraphs[0] for row in agenda.rows[1:]]
    assert titles[1].text == "2  Start: gesprek in de arena"
    assert titles[2].text == "2.1  Introductie en welkom"
    assert titles[1].paragraph_format.left_indent in (None, 0)
    assert round(titles[2].paragraph_format.left_indent.cm, 2) == 0.6
    dialogue = agenda.rows[5].cells[3].text
    assert "Gespreksvragen" in dialogue and "1.\tWat zijn de ervaringen van de ouders?" in dialogue


def test_headings_use_word_heading_styles(sample) -> None:
    document = read(runsheet.render(sample())[2])
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    assert styles[0] == ("Title", "Ouderavond aanwezigheid")
    heading_1 = [text for style, text in styles if style == "Heading 1"]
    assert heading_1 == [
        "Programma 19:00–21:15", "Thema's en gespreksvragen", "Voorbereiding",
        "Succesfactoren die deze avond dient",
    ]  # fmt: skip
    assert ("Heading 2", "Aanwezigheid en verzuim") in styles


def test_english_follows_the_meeting_not_the_browser(sample) -> None:
    name, _, body = runsheet.render(sample(language="en"))
    assert name.startswith("runsheet-")
    document = read(body)
    assert document.tables[1].rows[0].cells[3].text == "Talking point / Action"
    assert document.core_properties.language == "en-GB"


def test_appendix_only_where_groups_exist(sample) -> None:
    without = [p.text for p in read(runsheet.render(sample())[2]).paragraphs]
    assert "Bijlage: tafelindeling" not in without
    members = (Member("Zoë", "parent"), Member(f"{RTL_NAME}", "oma"), Member("A&B <c>\x07", "x"))
    group = TableGroup(1, "Verzuim", ("Vraag?",), "Ayşe Yılmaz", members)
    document = read(runsheet.render(sample(groups=(group,)))[2])
    assert "Tafel 1: Verzuim" in [p.text for p in document.paragraphs]
    rows = document.tables[-1].rows
    assert [[c.text for c in row.cells] for row in rows[1:]] == [
        ["Zoë", "Ouder"], [RTL_NAME, "oma"], ["A&B <c>", "x"],
    ]  # fmt: skip
    assert rows[2].cells[0].paragraphs[0].runs[0].font.rtl
    assert rows[1].cells[0].paragraphs[0].paragraph_format.keep_with_next
    assert not rows[3].cells[0].paragraphs[0].paragraph_format.keep_with_next


def test_right_to_left_runs_are_marked(sample) -> None:
    badges = (Badge(RTL_NAME, "parent", 2), Badge("Zoë", "parent", 2))
    document = read(cards.render_badges(sample(badges=badges))[2])
    runs = [r for p in document.tables[0].rows[0].cells[0].paragraphs for r in p.runs]
    arabic = next(r for r in runs if r.text == RTL_NAME)
    assert arabic.font.rtl and arabic._r.rPr.find(qn("w:szCs")).get(qn("w:val")) == "52"
    assert not next(r for r in runs if r.text == "Ouder").font.rtl


def test_table_cards_carry_a_qr_code_of_at_least_4_cm(sample) -> None:
    group = TableGroup(1, "Verzuim", note_url="http://eventkit.test/t/1")
    document = read(cards.render(sample(groups=(group,)))[2])
    (shape,) = document.inline_shapes
    assert shape.width >= Cm(4)
    without = read(cards.render(sample(groups=(replace(group, note_url=None),)))[2])
    assert len(without.inline_shapes) == 0


def test_table_sheets_one_per_table_on_a_new_page(sample) -> None:
    document = read(tablesheets.render(sample())[2])
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.text for h in headings] == [
        "Tafel 1: Aanwezigheid en verzuim", "Tafel 2: Samenwerking tussen ouders en school",
    ]  # fmt: skip
    assert [bool(h.paragraph_format.page_break_before) for h in headings] == [False, True]


def test_school_base_document_keeps_styles_and_letterhead(sample, school_template) -> None:
    document = read(runsheet.render(sample(), school_template)[2])
    assert document.sections[0].header.paragraphs[0].text == LETTERHEAD
    assert document.styles["Heading 1"].font.name == "Liberation Serif"
    assert document.styles["Heading 1"].font.size.pt == 22
    level = document.styles["Heading 2"].element.pPr.find(qn("w:outlineLvl"))
    assert level is not None and level.get(qn("w:val")) == "1"
    assert "Deze tekst van de school" not in "\n".join(p.text for p in document.paragraphs)
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE


def test_a_word_template_dotx_is_accepted(school_template) -> None:
    source = zipfile.ZipFile(io.BytesIO(school_template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.namelist():
            data = source.read(item)
            if item == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    assert read(normalise_base(out.getvalue())).sections[0].header.paragraphs[0].text == LETTERHEAD


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"%PDF-1.4 not a word file", "not a Word document"),
        (b"PK\x05\x06" + b"\0" * 18, "not a Word document"),
    ],
)
def test_broken_base_documents_are_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(BaseDocumentError, match=reason):
        normalise_base(raw)


def test_a_zip_that_is_no_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(BaseDocumentError, match="Word cannot open"):
        normalise_base(out.getvalue())


def _runs(body: bytes) -> list:
    document = read(body)
    return list(document.element.body.iter(qn("w:r")))


@pytest.mark.parametrize("kind", ["runsheet", "tablesheets", "cards", "badges"])
def test_every_run_has_a_language_and_right_to_left_runs_a_bidi_one(sample, kind) -> None:
    members = (Member(RTL_NAME, "parent"), Member("Ayşe", "student"))
    groups = (TableGroup(1, "Verzuim", facilitator="Eva Kok", members=members),)
    data = sample(groups=groups, badges=(Badge(RTL_NAME, "parent", 1),))
    render = {"runsheet": runsheet.render, "tablesheets": tablesheets.render,
              "cards": cards.render, "badges": cards.render_badges}[kind]  # fmt: skip
    runs = [r for r in _runs(render(data)[2]) if r.find(qn("w:t")) is not None]
    assert runs
    for run in runs:
        lang = run.find(qn("w:rPr")).find(qn("w:lang"))
        assert lang is not None and lang.get(qn("w:val")) == "nl-NL", run.xml
        if run.find(qn("w:rPr")).find(qn("w:rtl")) is not None:
            assert lang.get(qn("w:bidi")) == "ar-SA"
    has_rtl = any(r.find(qn("w:rPr")).find(qn("w:rtl")) is not None for r in runs)
    assert has_rtl == (kind != "cards")  # table cards print no names


def test_document_properties_name_the_school_and_now(sample) -> None:
    from datetime import UTC, datetime, timedelta

    properties = read(runsheet.render(sample())[2]).core_properties
    assert properties.author == "OBS De Linde"
    assert properties.title == "Draaiboek: Ouderavond aanwezigheid"
    assert properties.language == "nl-NL"
    now = datetime.now(UTC).replace(tzinfo=None)
    assert abs(properties.created.replace(tzinfo=None) - now) < timedelta(minutes=2)


def test_runsheet_footer_has_the_meeting_and_page_numbers(sample) -> None:
    footer = read(runsheet.render(sample())[2]).sections[0].footer._element.xml
    assert "Ouderavond aanwezigheid" in footer
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer


def test_a_table_heading_keeps_with_its_list(sample) -> None:
    groups = (TableGroup(1, "Verzuim", facilitator="Eva Kok", members=(Member("Zoë", "parent"),)),)
    document = read(runsheet.render(sample(groups=groups))[2])
    heading = next(p for p in document.paragraphs if p.text.startswith("Tafel 1"))
    facilitator = next(p for p in document.paragraphs if p.text.startswith("Gespreksleider:"))
    assert heading.paragraph_format.keep_with_next and facilitator.paragraph_format.keep_with_next
    members = document.tables[-1]
    assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in members.rows[0].cells)


def test_roles_are_printed_in_dutch(sample) -> None:
    groups = (TableGroup(1, "Verzuim", members=(Member("Daan", "student"),)),)
    text = "\n".join(
        c.text for t in read(tablesheets.render(sample(groups=groups))[2]).tables
        for row in t.rows for c in row.cells
    )  # fmt: skip
    assert "Leerling" in text and "student" not in text


@pytest.mark.parametrize("kind", [tablesheets, cards])
def test_every_qr_code_has_its_own_drawing_id_and_image(sample, school_template, kind) -> None:
    """The drawing and relationship ids are counted on, not searched (issue 13): a base
    document with a letterhead already holds relationships, and every code must still
    point at its own picture."""
    groups = tuple(
        TableGroup(n, f"Thema {n}", note_url=f"http://eventkit.test/t/{n}") for n in (1, 2, 3)
    )
    document = read(kind.render(sample(groups=groups), school_template)[2])
    body = document.element.body
    ids = [e.get("id") for e in body.iter(qn("wp:docPr"))]
    embeds = [e.get(qn("r:embed")) for e in body.iter(qn("a:blip"))]
    assert len(ids) == len(set(ids)) == 3
    assert len(embeds) == len(set(embeds)) == 3
    images = [document.part.related_parts[rid].blob for rid in embeds]
    assert all(image.startswith(b"\x89PNG") for image in images)
    assert len(set(images)) == 3


def test_documents_from_one_base_do_not_share_anything(school_template) -> None:
    """The emptied base is kept between downloads (issue 13); each document is its own."""
    first = docx_base.new_document(school_template, "nl")
    docx_base.heading(first, "Alleen in de eerste", 1)
    second = docx_base.new_document(school_template, "nl")
    arabic = docx_base.new_document(school_template, "ar")
    assert [p.text for p in second.paragraphs] == []
    assert second.sections[0].header.paragraphs[0].text == LETTERHEAD
    languages = [
        d.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val"))
        for d in (first, second, arabic)
    ]
    assert languages == ["nl-NL", "nl-NL", "ar-SA"]
    assert getattr(arabic.part, docx_base.LANGUAGE_OF_PART) == "ar"  # runs written later
