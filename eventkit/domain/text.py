"""Text typed or imported by people: invisible characters that do harm.

Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what follows
them: "Ay\u202eesrev" shows as another name, on screen and in print. They are removed
from names and titles. The bidi marks (U+200E, U+200F, U+061C) only steer neighbouring
characters, belong in right-to-left text, and are kept.

Control characters (Unicode category Cc: NUL, escape, DEL, C1 codes) have no place in
what a school types; a NUL breaks Word documents. A form refuses them (line breaks and
tabs are fine in multi-line text); an import drops them.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
_NO_BIDI = {ord(c): None for c in BIDI_CONTROLS}
MULTILINE_ALLOWED = frozenset("\t\n\r")


def strip_bidi(value: str) -> str:
    return value.translate(_NO_BIDI)


def control_characters(value: str, multiline: bool = False) -> list[str]:
    """The control characters in `value` (tab and line breaks allowed when multiline)."""
    allowed = MULTILINE_ALLOWED if multiline else frozenset()
    return [c for c in value if unicodedata.category(c) == "Cc" and c not in allowed]


def without_controls(value: str, keep_lines: bool = False) -> str:
    """Imported text without bidi controls, and with control characters as spaces (tabs
    and line breaks kept when `keep_lines`, as in a spreadsheet cell)."""
    allowed = MULTILINE_ALLOWED if keep_lines else frozenset()
    return "".join(
        " " if unicodedata.category(c) == "Cc" and c not in allowed else c
        for c in strip_bidi(value)
    )


def describe(character: str) -> str:
    """U+0000 style, for a message that names what was found."""
    return f"U+{ord(character):04X}"


def filename(stem: str, title: str, extension: str = "docx") -> str:
    """An ASCII file name such as draaiboek-ouderavond-aanwezigheid.docx."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")
    return f"{stem}-{slug}.{extension}" if slug else f"{stem}.{extension}"
