"""Participants of a meeting: import (preview, then all or nothing), edit by hand, list.

`importing` reads a sheet into the meeting, `edit` saves one person from a form, `listing`
shows and filters the people. Views and the CLI use the names re-exported here.
"""

from .edit import (
    ChildFields,
    ParentData,
    PersonError,
    StaffData,
    delete_participant,
    save_parent,
    save_staff,
)
from .importing import (
    Counts,
    ImportFailed,
    Preview,
    import_sheet,
    language_choice,
    preview,
)
from .listing import Filters, Overview, overview

__all__ = [
    "ChildFields", "Counts", "Filters", "ImportFailed", "Overview", "ParentData", "PersonError",
    "Preview", "StaffData",
    "delete_participant", "import_sheet", "language_choice", "overview",
    "preview", "save_parent", "save_staff",
]  # fmt: skip
