"""Short names for lists people read from a distance: first names, with the initial of the
last name only where a first name repeats (two Mariekes become "Marieke B." and
"Marieke de V.": Dutch name particles stay, so the initial is the one people use)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "ter",
    "ten",
    "te",
    "la",
    "le",
    "du",
    "da",
    "el",
    "al",
}


def initial(last_name: str) -> str:
    words = last_name.split()
    particles = [w for w in words[:-1] if w.lower() in PARTICLES] if len(words) > 1 else []
    rest = words[len(particles) :] if particles == words[: len(particles)] else words
    if not rest:
        return ""
    head = " ".join([*particles, rest[0][0].upper() + "."])
    return head


def short_names(people: Sequence[tuple[str, str]]) -> list[str]:
    """(first, last) pairs -> display names, in the same order."""
    counts = Counter(first.strip().casefold() for first, _last in people)
    names = []
    for first, last in people:
        first = first.strip()
        if counts[first.casefold()] > 1 and last.strip():
            names.append(f"{first} {initial(last.strip())}")
        else:
            names.append(first)
    return names
