"""The words of the participants pages: fields, import problems, languages, answers."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..domain.agenda import DomainError
from ..domain.languages import own_name
from ..domain.people import Kind, Problem
from ..models import Answer

KIND_LABELS = {Kind.PARENTS.value: _l("Parents and pupils"), Kind.STAFF.value: _l("Staff")}

ANSWER_LABELS = {
    Answer.YES: _l("Coming"),
    Answer.MAYBE: _l("Maybe"),
    Answer.NO: _l("Not coming"),
    "none": _l("No answer yet"),
}

FIELD_LABELS = {
    "": _l("(do not import)"),
    "pupil_id": _l("Pupil number"),
    "pupil_name": _l("Pupil: full name"),
    "pupil_first_name": _l("Pupil: first name"),
    "pupil_infix": _l("Pupil: name prefix (van, de)"),
    "pupil_last_name": _l("Pupil: last name"),
    "class_name": _l("Class"),
    "year": _l("School year"),
    "carer_name": _l("Carer: full name"),
    "carer_first_name": _l("Carer: first name"),
    "carer_last_name": _l("Carer: last name"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "language": _l("Language"),
    "address": _l("Carer: home address"),
    "carer_name_2": _l("Second carer: full name"),
    "carer_first_name_2": _l("Second carer: first name"),
    "carer_last_name_2": _l("Second carer: last name"),
    "email_2": _l("Second carer: e-mail"),
    "phone_2": _l("Second carer: phone"),
    "language_2": _l("Second carer: language"),
    "address_2": _l("Second carer: home address (when living apart)"),
    "name": _l("Full name"),
    "first_name": _l("First name"),
    "infix": _l("Name prefix (van, de)"),
    "last_name": _l("Last name"),
    "function": _l("Function"),
    "can_facilitate": _l("Can facilitate (yes/no)"),
    "mentor_of": _l("Mentor of classes"),
}

NEEDS = {
    "pupil": _l("the pupil's name (for example 'Leerling' or 'Roepnaam')"),
    "carer": _l("the carer's name or e-mail (for example 'Naam ouder' or 'E-mail ouder')"),
    "name": _l("the name (for example 'Naam')"),
    "email": _l("the e-mail address (for example 'E-mail')"),
}


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def problem_text(problem: Problem) -> str:
    """An import problem in the user's language (without its row number)."""
    p = dict(problem.params)
    texts = {
        "missing_column": lambda: _(
            "A required column is missing: %(need)s.", need=NEEDS.get(str(p["need"]), p["need"])
        ),
        "column_twice": lambda: _(
            "The columns %(first)s and %(second)s are both set to %(field)s. Choose one.",
            first=p["first"],
            second=p["second"],
            field=field_label(str(p["field"])),
        ),
        "unknown_field": lambda: _("Unknown field %(field)s.", **p),
        "no_rows": lambda: _("The file has no rows below its header."),
        "formula": lambda: _(
            "The column %(column)s holds a spreadsheet formula. Replace it by plain text.", **p
        ),
        "no_pupil": lambda: _("The pupil's name is empty."),
        "no_carer": lambda: _("No carer: give the carer's name or e-mail address."),
        "bad_email": lambda: _("%(value)s is not an e-mail address.", **p),
        "accented_email": lambda: _(
            "%(value)s has accented letters before the @. Not every mail server can send to "
            "such an address; if it fails, the mail page says so.",
            **p,
        ),
        "no_name": lambda: _("The name is empty."),
        "no_email": lambda: _("The e-mail address is empty."),
        "bad_yes_no": lambda: _("%(value)s is not yes or no.", **p),
        "unknown_language": lambda: _("Unknown language %(value)s; Dutch is used.", **p),
        "language_not_offered": lambda: _(
            "The parents' pages are not in %(language)s: this family gets %(fallback)s. "
            "Change it on the participants page if another language suits them better.",
            language=own_name(str(p["value"])),
            fallback=own_name(str(p["fallback"])),
        ),
        "two_homes": lambda: _(
            "The carers of %(name)s live at two addresses: each home gets its own invitation.",
            **p,
        ),
        "duplicate": lambda: _("The same as row %(first)s; counted once.", **p),
        "shared_email": lambda: _(
            "%(name)s has the same e-mail address as %(other)s (row %(first)s): "
            "they get one invitation together.",
            **p,
        ),
    }
    return texts[problem.code]() if problem.code in texts else problem.message


def read_error_text(error: DomainError) -> str:
    p = dict(error.params)
    texts = {
        "empty": lambda: _("The file is empty."),
        "old_excel": lambda: _(
            "This is an old Excel file (.xls). Save it as Excel workbook (.xlsx) or CSV."
        ),
        "encoding": lambda: _("The text encoding is unknown. Save the file as CSV UTF-8."),
        "not_a_table": lambda: _("This is neither a CSV file nor an Excel file (.xlsx)."),
        "bad_csv": lambda: _("The CSV file is damaged (%(detail)s).", **p),
        "bad_xlsx": lambda: _("This Excel file cannot be read. Save it again as .xlsx or CSV."),
        "too_many_rows": lambda: _("The file has more than %(limit)s rows.", **p),
        "too_many_columns": lambda: _(
            "The file has more than %(limit)s columns. Keep only the columns with the "
            "participants' details.",
            **p,
        ),
        "cell_too_long": lambda: _("Row %(row)s has a cell longer than %(limit)s characters.", **p),
        "too_large": lambda: _("The file is larger than %(limit)s MB.", **p),
        "too_large_unpacked": lambda: _(
            "This Excel file unpacks to more than %(limit)s MB. Save only the sheet with the "
            "participants, as .xlsx or CSV.",
            **p,
        ),
        "packed_tightly": lambda: _(
            "This Excel file is packed more than %(limit)s times tighter than a spreadsheet "
            "can be. Save it again as .xlsx or CSV.",
            **p,
        ),
    }
    return texts[error.code]() if error.code in texts else str(error)
