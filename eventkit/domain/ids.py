"""Row ids as they arrive in URLs and forms."""

from __future__ import annotations

# Ids are 32-bit integer columns (PostgreSQL's integer); a larger number in a URL or a form
# is no id of ours, and must not reach the database (SQLite and PostgreSQL both refuse it).
MAX_ID = 2**31 - 1


def parse_id(value: str | None) -> int:
    """A posted or queried id, or 0 (which no row has) when it is not a plausible one."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return 0
    number = int(text)
    return number if number <= MAX_ID else 0
