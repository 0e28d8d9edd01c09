"""The fixed words of the printed documents, in the meeting's language (not the UI's).

A printed run-sheet follows `Event.language`, whoever clicks the export button, so
these strings do not go through the UI's gettext catalogs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from babel.dates import format_date

LANGUAGES = ("nl", "en")

TEXTS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "runsheet": "Draaiboek",
        "page": "Pagina",
        "page_of": "van",
        "school": "School",
        "date": "Datum",
        "time": "Tijd",
        "location": "Locatie",
        "room": "Ruimte",
        "target_group": "Doelgroep",
        "goal": "Doel",
        "team": "Team en rollen",
        "agenda": "Programma",
        "col_time": "Tijd",
        "col_duration": "Duur",
        "col_who": "Wie",
        "col_action": "Gesprekspunt / Actie",
        "col_remark": "Opmerking",
        "minutes": "{n} min",
        "planned": "gepland {value}",
        "agenda_runs_late": "let op: het programma loopt tot {value}",
        "planned_label": "gepland",
        "live_note": "De tijden volgen hoe de avond liep; waar die afwijkt, staat de geplande "
        "tijd eronder.",
        "questions": "Gespreksvragen",
        "themes": "Thema's en gespreksvragen",
        "no_themes": "Er zijn nog geen thema's gekozen.",
        "preparation": "Voorbereiding",
        "col_task": "Taak",
        "col_owner": "Eigenaar",
        "col_due": "Uiterlijk",
        "col_status": "Status",
        "done": "klaar",
        "todo": "te doen",
        "overdue": "te laat",
        "no_tasks": "Er zijn geen voorbereidingstaken.",
        "appendix": "Bijlage: tafelindeling",
        "table": "Tafel {n}",
        "table_label": "Tafel",
        "facilitator": "Gespreksleider",
        "members": "Deelnemers",
        "col_name": "Naam",
        "col_role": "Rol",
        "factors": "Succesfactoren die deze avond dient",
        "factors_source": "Tien succesfactoren voor samenwerken met ouders (Lusse, 2013).",
        "no_factors": "Er zijn nog geen succesfactoren aan de blokken gekoppeld.",
        "to_fill": "……………………",
        "table_round": "Tafelronde",
        "presentations": "Presentaties",
        "notes": "Aantekeningen",
        "scan_notes": "Scan om de aantekeningen van deze tafel te openen",
        "notes_on_phone": "Aantekeningen op de telefoon",
        "scan_or_type": "Scan de code, of typ dit adres in de browser:",
        "tablesheets": "Tafelbladen",
        "cards": "Tafelkaarten",
        "badges": "Naambadges",
        "file_runsheet": "draaiboek",
        "file_tablesheets": "tafelbladen",
        "file_cards": "tafelkaarten",
        "file_badges": "naambadges",
        "no_tables": "Er zijn nog geen tafels: kies eerst thema's of maak een groepsindeling.",
        "no_badges": "Er zijn nog geen namen voor badges.",
    },
    "en": {
        "runsheet": "Run-sheet",
        "page": "Page",
        "page_of": "of",
        "school": "School",
        "date": "Date",
        "time": "Time",
        "location": "Location",
        "room": "Room",
        "target_group": "Target group",
        "goal": "Goal",
        "team": "Team and roles",
        "agenda": "Programme",
        "col_time": "Time",
        "col_duration": "Duration",
        "col_who": "Who",
        "col_action": "Talking point / Action",
        "col_remark": "Remark",
        "minutes": "{n} min",
        "planned": "planned {value}",
        "agenda_runs_late": "note: the agenda runs until {value}",
        "planned_label": "planned",
        "live_note": "The times follow how the evening ran; where that differs, the planned "
        "time is below.",
        "questions": "Dialogue questions",
        "themes": "Themes and guiding questions",
        "no_themes": "No themes have been chosen yet.",
        "preparation": "Preparation",
        "col_task": "Task",
        "col_owner": "Owner",
        "col_due": "Due",
        "col_status": "Status",
        "done": "done",
        "todo": "to do",
        "overdue": "overdue",
        "no_tasks": "There are no preparation tasks.",
        "appendix": "Appendix: table groups",
        "table": "Table {n}",
        "table_label": "Table",
        "facilitator": "Facilitator",
        "members": "Participants",
        "col_name": "Name",
        "col_role": "Role",
        "factors": "Success factors this evening serves",
        "factors_source": "Ten success factors for working with parents (Lusse, 2013).",
        "no_factors": "No success factors are linked to the blocks yet.",
        "to_fill": "……………………",
        "table_round": "Table round",
        "presentations": "Presentations",
        "notes": "Notes",
        "scan_notes": "Scan to open this table's notes",
        "notes_on_phone": "Notes on a phone",
        "scan_or_type": "Scan the code, or type this address in the browser:",
        "tablesheets": "Table sheets",
        "cards": "Table cards",
        "badges": "Name badges",
        "file_runsheet": "runsheet",
        "file_tablesheets": "table-sheets",
        "file_cards": "table-cards",
        "file_badges": "name-badges",
        "no_tables": "There are no tables yet: choose themes or make the table groups first.",
        "no_badges": "There are no names for badges yet.",
    },
}

ROLES: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "coordinator": "Coördinator",
        "facilitator": "Gespreksleider",
        "facilitators": "Gespreksleiders",
        "team": "Actieteam",
        "catering": "Catering",
        "door": "Ontvangst bij de deur",
        "parent": "Ouder",
        "carer": "Verzorger",
        "pupil": "Leerling",
        "student": "Leerling",
        "staff": "Schoolpersoneel",
        "mentor": "Mentor",
        "team_leader": "Teamleider",
        "care": "Zorgprofessional",
        "guest": "Gast",
    },
    "en": {
        "coordinator": "Coordinator",
        "facilitator": "Facilitator",
        "facilitators": "Facilitators",
        "team": "Action team",
        "catering": "Catering",
        "door": "Welcome at the door",
        "parent": "Parent",
        "carer": "Carer",
        "pupil": "Pupil",
        "student": "Pupil",
        "staff": "School staff",
        "mentor": "Mentor",
        "team_leader": "Team leader",
        "care": "Care professional",
        "guest": "Guest",
    },
}

# The ten success factors of Lusse (2013), seed 000; the English follows eventkit.labels.
FACTORS: Mapping[str, Mapping[int, str]] = {
    "nl": {
        1: "Zorg dat ouders zich welkom voelen",
        2: "Maak vroegtijdig kennis met alle ouders",
        3: "Heb contact met een ouder en zo nodig ook een andere begeleider van elk kind",
        4: "Nodig de leerling standaard uit bij regulier, individueel contact met ouders",
        5: "Zorg voor interactie, dialoog en uitwisseling van informatie met ouders",
        6: "Voed het gesprek tussen ouder en kind thuis",
        7: "Besteed (ook) aandacht aan wat goed gaat",
        8: "Neem de schoolloopbaanontwikkeling van de leerling als leidraad voor het contact "
        "met ouders",
        9: "Initieer een concreet plan op ontwikkelpunten bij het kind waarin de rol van "
        "leerling, ouder en school duidelijk is",
        10: "Buig teleurstellingen in de schoolloopbaan om naar nieuw perspectief",
    },
    "en": {
        1: "Make parents feel welcome",
        2: "Get to know all parents early",
        3: "Have contact with a parent, and if needed another carer, of every child",
        4: "Invite the pupil to regular, individual contact with parents",
        5: "Ensure interaction, dialogue and exchange of information with parents",
        6: "Feed the conversation between parent and child at home",
        7: "Pay attention (also) to what goes well",
        8: "Take the pupil's school career as the guide for contact with parents",
        9: "Start a concrete plan with clear roles for pupil, parent and school",
        10: "Turn disappointments in the school career into new perspective",
    },
}


def language_of(code: str | None) -> str:
    """The document language for a meeting's setting; unknown codes fall back to Dutch."""
    return code if code in LANGUAGES else "nl"


def text(language: str, key: str, **params: object) -> str:
    words = TEXTS[language_of(language)][key]
    return words.format(**params) if params else words


def role(language: str, key: str) -> str:
    """A role's printed name; roles eventkit does not know are printed as given."""
    return ROLES[language_of(language)].get(key, key)


def factor(language: str, number: int) -> str:
    return FACTORS[language_of(language)].get(number, str(number))


def long_date(language: str, day: date) -> str:
    return format_date(day, "full", locale=language_of(language))


def short_date(language: str, day: date) -> str:
    return format_date(day, "medium", locale=language_of(language))
