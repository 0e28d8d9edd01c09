"""The run-sheet (draaiboek) as a Word document: what the facilitators hold in their hands.

A4 landscape: a header with the facts and the team, the agenda as the draaiboek's own
table (Tijd | Duur | Wie | Gesprekspunt / Actie | Opmerking), the themes, the
preparation checklist, the table groups (when there are any) and the success factors.
"""

from __future__ import annotations

import io

from docx.document import Document as DocumentObject
from docx.shared import Cm, Pt

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
    """The draaiboek's own table, a row per block and part (top-level blocks shaded),
    written as XML and parsed at once: python-docx's cell by cell building took a
    millisecond a row (issue 13)."""
    blocks = [
        dx.heading_xml(document, f"{text(lang, 'agenda')} {data.start:%H:%M}–{data.end:%H:%M}", 1)
    ]
    if data.planned:
        blocks.append(dx.paragraph_xml(runs=dx.run_xml(text(lang, "live_note"), lang, italic=True)))
    columns = ("col_time", "col_duration", "col_who", "col_action", "col_remark")
    widths = dx.twips(AGENDA_WIDTHS)
    titles = [dx.Cell(text(lang, c), bold=True, fill=dx.GREY) for c in columns]
    rows = dx.rows_xml(widths, lang, [titles], header=True)
    for index, slot in enumerate(data.agenda):
        planned = data.planned[index] if data.planned else None
        fill = dx.LIGHT_GREY if slot.depth == 0 else None
        rows.append(_row(widths, _slot_cells(slot, planned, lang), fill))
    blocks.append(dx.table_xml(AGENDA_WIDTHS, rows))
    dx.append_blocks(document, blocks)


def _slot_cells(slot: Slot, planned: Slot | None, lang: str) -> list[str]:
    """The paragraphs of each cell of a block's row. Once the evening ran differently,
    the planned time and duration go under the actual ones where they differ."""
    top = slot.depth == 0
    when = _text(f"{slot.start:%H:%M}–{slot.end:%H:%M}", lang, bold=top)
    minutes = _text(text(lang, "minutes", n=slot.minutes), lang, bold=top)
    if planned is not None and (planned.start, planned.end) != (slot.start, slot.end):
        when += _planned_line(f"{planned.start:%H:%M}–{planned.end:%H:%M}", lang)
    if planned is not None and planned.minutes != slot.minutes:
        minutes += _planned_line(text(lang, "minutes", n=planned.minutes), lang)
    return [when, minutes, _text(slot.block.who, lang), _action_cell(slot, lang),
            _lines(slot.block.remark, lang)]  # fmt: skip


def _planned_line(value: str, lang: str) -> str:
    # The label on a line of its own: beside the value it would wrap in the narrow column.
    label = text(lang, "planned_label")
    return _text(f"{label}\n{value}", lang, SIZE - 1, italic=True)


def _action_cell(slot: Slot, lang: str) -> str:
    indent = Cm(PART_INDENT * slot.depth)
    title = dx.run_xml(f"{slot.number}  {slot.block.title}", lang, SIZE + 1, bold=True)
    cell = dx.paragraph_xml(dx.TABLE_TEXT_ID, f'<w:ind w:left="{indent.twips}"/>', title)
    for point in slot.block.talking_points:
        cell += dx.item_xml(point, "•", PART_INDENT * slot.depth, lang, dx.TABLE_TEXT_ID)
    if slot.block.questions:
        label = dx.run_xml(text(lang, "questions"), lang, italic=True)
        space = f'<w:spacing w:before="{Pt(3).twips}"/><w:ind w:left="{indent.twips}"/>'
        cell += dx.paragraph_xml(dx.TABLE_TEXT_ID, space, label)
        for number, question in enumerate(slot.block.questions, start=1):
            cell += dx.item_xml(question, f"{number}.", PART_INDENT * slot.depth, lang,
                                dx.TABLE_TEXT_ID)  # fmt: skip
    return cell


def _lines(value: str, lang: str) -> str:
    """A paragraph per written line (an empty cell keeps its one empty paragraph)."""
    lines = [line for line in value.splitlines() if line.strip()]
    return "".join(_text(line, lang) for line in lines) or "<w:p/>"


def _text(
    value: str, lang: str, size: float | None = None, bold: bool = False, italic: bool = False
) -> str:
    """A paragraph of table text."""
    return dx.paragraph_xml(dx.TABLE_TEXT_ID, runs=dx.run_xml(value, lang, size, bold, italic))


def _row(widths: list[int], cells: list[str], fill: str | None = None) -> str:
    """A row that is never split across pages, of cells given as their paragraphs."""
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    parts = "".join(
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shade}</w:tcPr>{cell}</w:tc>'
        for width, cell in zip(widths, cells, strict=True)
    )
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{parts}</w:tr>"


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
    columns = ("col_task", "col_owner", "col_due", "col_status")
    widths = dx.twips(TASK_WIDTHS)
    titles = [dx.Cell(text(lang, c), bold=True, fill=dx.GREY) for c in columns]
    rows = dx.rows_xml(widths, lang, [titles], header=True)
    for task in tasks:
        what = _text(task.title, lang, bold=True)
        if task.description.strip():
            what += _text(task.description.strip(), lang, SIZE - 1, italic=True)
        status = "done" if task.done else "overdue" if task.overdue else "todo"
        cells = [what, _text(task.owner or text(lang, "to_fill"), lang),
                 _text(short_date(lang, task.due), lang),
                 _text(text(lang, status), lang, bold=task.overdue)]  # fmt: skip
        rows.append(_row(widths, cells))
    dx.append_blocks(document, [dx.table_xml(TASK_WIDTHS, rows)])


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
