"""A git merge driver for gettext catalogs: the union of both sides' messages.

Parallel branches each add strings and their translations; a textual merge of .po files
conflicts on every neighbouring entry. This keeps every message of either side and, where
one side left a translation empty, takes the other's. Run `scripts/i18n extract` and
`scripts/i18n compile` after the merge to normalise the files and rebuild the .mo files.

Set up once per clone:
  git config merge.catalog.driver "python3 scripts/lib/merge_po.py %O %A %B"
(.gitattributes routes *.po and *.pot to it.)  Exit 0: merged into %A.
"""

from __future__ import annotations

import sys

from babel.messages.pofile import read_po, write_po


def _read(path: str):  # type: ignore[no-untyped-def]
    with open(path, "rb") as fh:
        return read_po(fh)


def _filled(string: object) -> bool:
    if isinstance(string, (list, tuple)):
        return all(string)
    return bool(string)


def main(base: str, ours: str, theirs: str) -> int:
    mine, other = _read(ours), _read(theirs)
    for message in other:
        if not message.id:
            continue
        current = mine.get(message.id, message.context)
        if current is None:
            mine[message.id] = message  # keyed with the message's own context
        elif not _filled(current.string) and _filled(message.string):
            current.string = message.string
    with open(ours, "wb") as fh:
        write_po(fh, mine, width=0, sort_by_file=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
