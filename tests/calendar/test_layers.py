"""The calendar package is the .ics adapter only (issue 12): a meeting in, iCalendar text out.

Sending mail about a change, the cancel page and the downloads live elsewhere
(eventkit.events.schedule, the events blueprint, eventkit.exports.registry); this keeps
them from creeping back, and keeps everybody else from reaching into exports' internals
for file names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import eventkit

ROOT = Path(eventkit.__file__).parent
NOT_FOR_THE_CALENDAR = ("eventkit.mail", "eventkit.events", "eventkit.exports", "flask.Blueprint")


def _imports(path: Path) -> set[str]:
    """Absolute names of everything a module imports (relative imports resolved)."""
    package = "eventkit." + ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_the_calendar_package_sends_no_mail_and_serves_no_page() -> None:
    modules = sorted((ROOT / "calendar").glob("*.py"))
    assert [m.name for m in modules] == ["__init__.py", "ics.py"]
    for module in modules:
        wrong = {n for n in _imports(module) if n.startswith(NOT_FOR_THE_CALENDAR)}
        assert not wrong, f"{module.name} imports {sorted(wrong)}"


def test_file_names_come_from_the_registry_not_the_word_helpers() -> None:
    for module in (ROOT / "calendar" / "ics.py", ROOT / "rsvp" / "views.py"):
        assert "eventkit.exports.docx_base.filename" not in _imports(module), module
