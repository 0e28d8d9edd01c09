"""Participants from a school administration export: columns, rows, carers and households.

A school exports its pupils with their carers from Magister, Somtoday or ParnasSys as a
spreadsheet. Most exports have one row per (carer, child) pair; some have one row per
child with "ouder 1 / ouder 2" column pairs. Both shapes come in here as a `Sheet` (the
header and the rows, with their row numbers as the spreadsheet shows them: header = 1)
and leave as households: the carers linked through shared children, and the children
through shared carers, form one household that gets one invitation naming every child.

Rules that hold throughout:

- A carer is identified by e-mail; without one by name + phone; without either by name
  together with their first child (so two unrelated carers with one common name never
  merge, and a carer without contact details gets a paper invitation per household).
- A pupil is identified by the pupil number, or else by name + class.
- The same carer + child twice is merged, never saved twice, and always reported as a note.
- A cell that looks like a spreadsheet formula (=, @, or + / - followed by more than a
  phone number) rejects its row: such a value would run when an export is opened.
- Everything is all or nothing: one row error and nothing is imported.

Pure Python: no Flask, SQLAlchemy or spreadsheet library here.
"""

from .cells import (
    class_list,
    clean,
    is_email,
    join_name,
    looks_like_formula,
    normal_email,
    plain,
    safe_cell,
    split_name,
    yes_no,
)
from .headers import (
    FIELDS,
    IGNORE,
    Kind,
    Problem,
    Sheet,
    SheetRow,
    check_mapping,
    detect_kind,
    field_for,
    suggest_mapping,
)
from .households import (
    CarerDraft,
    HouseholdDraft,
    ImportResult,
    PupilDraft,
    StaffDraft,
    carer_key,
    parse,
    pupil_key,
)
from .languages import DEFAULT_LANGUAGE, language_code

__all__ = [
    "DEFAULT_LANGUAGE", "FIELDS", "IGNORE", "CarerDraft", "HouseholdDraft", "ImportResult",
    "Kind", "Problem", "PupilDraft", "Sheet", "SheetRow", "StaffDraft", "carer_key",
    "check_mapping", "class_list", "clean", "detect_kind", "field_for", "is_email", "join_name",
    "language_code", "looks_like_formula", "normal_email", "parse", "plain", "pupil_key",
    "safe_cell", "split_name", "suggest_mapping", "yes_no",
]  # fmt: skip
