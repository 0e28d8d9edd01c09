"""The translation catalogs: complete Dutch, intact placeholders, fresh .mo and .pot files.

After changing a user-facing string, run `scripts/i18n extract`, translate what is new
in nl/LC_MESSAGES/messages.po, then `scripts/i18n compile`, and commit .pot, .po and .mo.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "eventkit" / "translations"
POT = DIR / "messages.pot"
PO_FILES = sorted(DIR.glob("*/LC_MESSAGES/messages.po"))
NL_PO = DIR / "nl" / "LC_MESSAGES" / "messages.po"

# A Python %-format conversion: %(name)s, %(count)d, %(share).1f …
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")

Key = tuple[str | tuple[str, ...], str | None]


def _read_po(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _key(message: Message) -> Key:
    msgid = tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id
    return msgid, message.context


def _messages(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


def _label(message: Message) -> str:
    return repr(message.id[0] if isinstance(message.id, (list, tuple)) else message.id)


def _forms(message: Message) -> list[tuple[str, str]]:
    """(source, translation) pairs: one for a plain entry, one per form for a plural."""
    if isinstance(message.id, (list, tuple)):
        ids = [str(i) for i in message.id]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        return [(ids[min(i, 1)], str(s or "")) for i, s in enumerate(strings)]
    return [(str(message.id), str(message.string or ""))]


def _placeholders(text: str) -> set[str]:
    return {m.group(0) for m in PLACEHOLDER.finditer(text)}


def _without_placeholders(text: str) -> str:
    """The text minus its placeholders and escaped %%: any % left would break formatting."""
    return PLACEHOLDER.sub("", text).replace("%%", "")


@pytest.fixture(scope="module")
def pot() -> Catalog:
    return _read_po(POT)


@pytest.fixture(scope="module")
def nl() -> Catalog:
    return _read_po(NL_PO, locale="nl")


def test_dutch_plural_forms(nl: Catalog) -> None:
    assert nl.num_plurals == 2
    assert nl.plural_expr.replace(" ", "") in ("(n!=1)", "n!=1")


def test_every_msgid_has_a_dutch_translation(pot: Catalog, nl: Catalog) -> None:
    missing = []
    for message in _messages(pot):
        translated = nl.get(message.id, message.context)
        if translated is None or translated.fuzzy or not all(s for _, s in _forms(translated)):
            missing.append(_label(message))
    assert not missing, f"{len(missing)} strings lack a (non-fuzzy) Dutch translation: {missing}"


def test_dutch_placeholders_match_the_source(nl: Catalog) -> None:
    wrong = []
    for message in _messages(nl):
        for source, translation in _forms(message):
            if not translation:
                continue
            if _placeholders(source) != _placeholders(translation):
                wrong.append(f"{source!r} -> {translation!r}")
            elif message.python_format and "%" in _without_placeholders(translation):
                wrong.append(f"stray % in {translation!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_mo_file_is_up_to_date(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.relative_to(ROOT)} is missing: run scripts/i18n compile"
    fresh = io.BytesIO()
    write_mo(fresh, _read_po(po_path), use_fuzzy=False)
    fresh.seek(0)
    with mo_path.open("rb") as fh:
        committed = read_mo(fh)
    expected = read_mo(fresh)

    def contents(catalog: Catalog) -> dict[Key, object]:
        return {_key(m): m.string for m in _messages(catalog)}

    assert contents(committed) == contents(expected), (
        f"{mo_path.relative_to(ROOT)} is stale: run scripts/i18n compile"
    )
    assert committed.plural_forms == expected.plural_forms


def test_pot_contains_every_string_in_the_code(tmp_path: Path, pot: Catalog) -> None:
    out = tmp_path / "messages.pot"
    CommandLineInterface().run(  # type: ignore[no-untyped-call]
        [
            "pybabel", "-q", "extract",
            "-F", str(DIR / "babel.cfg"),
            "-k", "_l", "-k", "lazy_gettext",
            "--no-wrap", "--project", "eventkit",
            "-o", str(out),
            str(ROOT),
        ]
    )  # fmt: skip
    extracted = _read_po(out)
    known = {_key(m) for m in _messages(pot)}
    new = [_label(m) for m in _messages(extracted) if _key(m) not in known]
    assert len(_messages(extracted)) > 100, "extraction found (almost) nothing"
    assert not new, f"messages.pot is stale (run scripts/i18n extract): {new}"
