"""The run-sheet (draaiboek) as a Word document: what the facilitators hold in their hands.

A4 landscape: a header with the facts and the team, the agenda as the draaiboek's own
table (Tijd | Duur | Wie | Gesprekspunt / Actie | Opmerking), the themes, the
preparation checklist, the table groups (when there are any) and the success factors.
"""

from __future__ import annotations

import io

from docx.document import Document as DocumentObject
from docx.shared import Cm, Pt
from docx.table import _Cell

from ..domain.agenda import Slot
from . import docx_base as dx
from . import layout
from .data import Member, RunsheetData, TableGroup, TaskItem
from .texts import factor, long_date, role, short_date, text

AGENDA_WIDTHS = (2.3, 2.0, 3.1, 13.8, 5.5)
FACT_WIDTHS = (3.0, 9.85, 4.0, 9.85)
TASK_WIDTHS = (13.7, 6.0, 4.0, 3.0)
MEMBER_WIDTHS = (8.0, 6.0)
SIZE = dx.TABLE_TEXT_PT  # readable on paper, and the agenda fits the landscape width
PART_INDENT = 0.6  # cm; parts sit indented under their block
LOGO_CM = 1.8  # the school's logo above the title, when there is no letterhead


def render(data: RunsheetData, base: bytes | None = None) -> tuple[str, str, bytes]:
    document, lang = layout.start(data, "runsheet", base, landscape=True)
    footer = f"{text(lang, 'runsheet')} · {data.title} · {long_date(lang, data.date)}"
    dx.page_footer(document, footer, text(lang, "page"), text(lang, "page_of"))
    _header(document, data, lang)
    _agenda(document, data, lang)
    _themes(document, data, lang)
    _preparation(document, data.tasks, lang)
    _appendix(document, data.groups, lang)
    _factors(document, data.factors, lang)
    return layout.finish(document, data, "runsheet")


# --- header --------------------------------------------------------------------------------


def _header(document: DocumentObject, data: RunsheetData, lang: str) -> None:
    if data.logo:
        document.add_picture(io.BytesIO(data.logo), height=Cm(LOGO_CM))
    dx.heading(document, data.title, 0)
    facts = _facts(data, lang)
    team = [(role(lang, t.role), ", ".join(t.names) or text(lang, "to_fill")) for t in data.team]
    grid = dx.table(document, FACT_WIDTHS)
    lines: list[list[str | dx.Cell]] = []
    for index in range(max(len(facts), len(team))):
        pairs = (facts[index] if index < len(facts) else ("", ""),
                 team[index] if index < len(team) else ("", ""))  # fmt: skip
        line: list[str | dx.Cell] = []
        for label, value in pairs:
            line += [dx.Cell(label, bold=True, fill=dx.LIGHT_GREY if label else None), value]
        lines.append(line)
    dx.rows(grid, lines)
    if data.goal.strip():
        paragraph = dx.paragraph(document)
        paragraph.paragraph_format.space_before = Pt(6)
        dx.write(paragraph, f"{text(lang, 'goal')}: ", bold=True)
        dx.write(paragraph, data.goal.strip())


def _facts(data: RunsheetData, lang: str) -> list[tuple[str, str]]:
    facts = [
        (text(lang, "school"), data.school),
        (text(lang, "date"), long_date(lang, data.date)),
        (text(lang, "time"), _evening_time(data, lang)),
        (text(lang, "location"), data.location),
        (text(lang, "room"), data.room),
        (text(lang, "target_group"), data.target_group),
    ]
    return [(label, value) for label, value in facts if value.strip()]


def _evening_time(data: RunsheetData, lang: str) -> str:
    """Start and the one announced end; once the evening ran differently, the planned end
    beside the real one; when the agenda runs past the announced end, the team's warning."""
    if data.planned:
        times = f"{data.start:%H:%M}–{data.end:%H:%M}"
        return times + f" ({text(lang, 'planned', value=f'{data.planned_end:%H:%M}')})"
    end = data.announced_end or data.end
    times = f"{data.start:%H:%M}–{end:%H:%M}"
    if data.end > end:
        times += f" ({text(lang, 'agenda_runs_late', value=f'{data.end:%H:%M}')})"
    return times


# --- agenda --------------------------------------------------------------------------------


def _agenda(document: DocumentObject, data: RunsheetData, lang: str) -> None:
    dx.heading(document, f"{text(lang, 'agenda')} {data.start:%H:%M}–{data.end:%H:%M}", 1)
    if data.planned:
        dx.write(dx.paragraph(document), text(lang, "live_note"), italic=True)
    grid = dx.table(document, AGENDA_WIDTHS)
    columns = ("col_time", "col_duration", "col_who", "col_action", "col_remark")
    dx.header_row(grid, [text(lang, c) for c in columns])
    for index, slot in enumerate(data.agenda):
        row = dx.add_row(grid)
        _slot_cells(row.cells, slot, lang)
        if data.planned:
            _planned_lines(row.cells, slot, data.planned[index], lang)
        if slot.depth == 0:
            for cell in row.cells:
                dx.shade(cell, dx.LIGHT_GREY)


def _slot_cells(cells: tuple[_Cell, ...], slot: Slot, lang: str) -> None:
    top = slot.depth == 0
    dx.cell_text(cells[0], f"{slot.start:%H:%M}–{slot.end:%H:%M}", bold=top)
    dx.cell_text(cells[1], text(lang, "minutes", n=slot.minutes), bold=top)
    dx.cell_text(cells[2], slot.block.who)
    _action_cell(cells[3], slot, lang)
    _lines(cells[4], slot.block.remark)


def _planned_lines(cells: tuple[_Cell, ...], slot: Slot, planned: Slot, lang: str) -> None:
    """Under the actual time and duration, the planned ones where they differ."""
    if (planned.start, planned.end) != (slot.start, slot.end):
        _planned_line(cells[0], f"{planned.start:%H:%M}–{planned.end:%H:%M}", lang)
    if planned.minutes != slot.minutes:
        _planned_line(cells[1], text(lang, "minutes", n=planned.minutes), lang)


def _planned_line(cell: _Cell, value: str, lang: str) -> None:
    # The label on a line of its own: beside the value it would wrap in the narrow column.
    label = text(lang, "planned_label")
    dx.write(dx.table_text(cell.add_paragraph()), f"{label}\n{value}", SIZE - 1, italic=True)


def _action_cell(cell: _Cell, slot: Slot, lang: str) -> None:
    indent = PART_INDENT * slot.depth
    title = dx.cell_text(cell, f"{slot.number}  {slot.block.title}", SIZE + 1, bold=True)
    title.paragraph_format.left_indent = Cm(indent)
    for point in slot.block.talking_points:
        _item(cell, point, "•", indent)
    if slot.block.questions:
        label = dx.table_text(cell.add_paragraph())
        label.paragraph_format.left_indent = Cm(indent)
        label.paragraph_format.space_before = Pt(3)
        dx.write(label, text(lang, "questions"), italic=True)
        for number, question in enumerate(slot.block.questions, start=1):
            _item(cell, question, f"{number}.", indent)


def _item(cell: _Cell, value: str, marker: str, indent: float) -> None:
    dx.table_text(dx.item(cell, value, marker, indent))


def _lines(cell: _Cell, value: str) -> None:
    lines = [line for line in value.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        dx.write(dx.table_text(paragraph), line)


# --- themes, preparation, groups, factors --------------------------------------------------


def _themes(document: DocumentObject, data: RunsheetData, lang: str) -> None:
    dx.heading(document, text(lang, "themes"), 1)
    if not data.themes:
        dx.write(dx.paragraph(document), text(lang, "no_themes"), italic=True)
    for theme in data.themes:
        dx.heading(document, theme.title, 2)
        if theme.description.strip():
            dx.write(dx.paragraph(document), theme.description.strip())
        for number, question in enumerate(theme.questions, start=1):
            dx.item(document, question, f"{number}.", 0)


def _preparation(document: DocumentObject, tasks: tuple[TaskItem, ...], lang: str) -> None:
    dx.heading(document, text(lang, "preparation"), 1)
    if not tasks:
        dx.write(dx.paragraph(document), text(lang, "no_tasks"), italic=True)
        return
    grid = dx.table(document, TASK_WIDTHS)
    columns = ("col_task", "col_owner", "col_due", "col_status")
    dx.header_row(grid, [text(lang, c) for c in columns])
    for task in tasks:
        cells = dx.add_row(grid).cells
        dx.cell_text(cells[0], task.title, bold=True)
        if task.description.strip():
            description = dx.table_text(cells[0].add_paragraph())
            dx.write(description, task.description.strip(), SIZE - 1, italic=True)
        dx.cell_text(cells[1], task.owner or text(lang, "to_fill"))
        dx.cell_text(cells[2], short_date(lang, task.due))
        status = "done" if task.done else "overdue" if task.overdue else "todo"
        dx.cell_text(cells[3], text(lang, status), bold=task.overdue)


def _appendix(document: DocumentObject, groups: tuple[TableGroup, ...], lang: str) -> None:
    """Every table with its facilitator and members, written as XML and parsed at once (a
    hundred tables built through python-docx's objects took a third of the run-sheet)."""
    if not groups:
        return
    blocks = [dx.heading_xml(document, text(lang, "appendix"), 1, "<w:pageBreakBefore/>")]
    for group in groups:
        title = f"{text(lang, 'table', n=group.number)}: {group.theme_title}"
        # A heading never stays alone at the bottom of a page: it keeps with the
        # facilitator line, which keeps with the list (whatever the base document's style).
        blocks.append(dx.heading_xml(document, title, 2, "<w:keepNext/>"))
        facilitator = dx.run_xml(f"{text(lang, 'facilitator')}: ", lang, bold=True)
        facilitator += dx.run_xml(group.facilitator or text(lang, "to_fill"), lang)
        keep = "<w:keepNext/>" if group.members else '<w:keepNext w:val="0"/>'
        blocks.append(dx.paragraph_xml(props=keep, runs=facilitator))
        if group.members:
            blocks.append(_members(group.members, lang))
    dx.append_blocks(document, blocks)


def _members(members: tuple[Member, ...], lang: str) -> str:
    """The members' table: the header keeps with the first row, and every row but the last
    with the next (the whole list on one page if it fits)."""
    widths = dx.twips(MEMBER_WIDTHS)
    titles = [dx.Cell(text(lang, c), bold=True, fill=dx.GREY) for c in ("col_name", "col_role")]
    rows = dx.rows_xml(widths, lang, [titles], header=True, keep_next=True)
    values = [(member.printed_name, role(lang, member.role)) for member in members]
    rows += dx.rows_xml(widths, lang, values, keep_together=True)
    return dx.table_xml(MEMBER_WIDTHS, rows)


def _factors(document: DocumentObject, factors: tuple[int, ...], lang: str) -> None:
    dx.heading(document, text(lang, "factors"), 1)
    source = dx.paragraph(document)
    source.paragraph_format.keep_with_next = True
    dx.write(source, text(lang, "factors_source"), italic=True)
    if not factors:
        dx.write(dx.paragraph(document), text(lang, "no_factors"), italic=True)
    for index, number in enumerate(factors, start=1):
        line = dx.item(document, factor(lang, number), f"{number}.", 0)
        line.paragraph_format.keep_with_next = index < len(factors)  # the list stays together
