"""How many people the evening expects, defined once for every page.

Expected = the adults that households who said *yes* announced, plus the pupils of those
households when the pupil comes along, plus the staff. Households that said *maybe* are
counted apart (`maybe_people`), never mixed in. Walk-ins are not expected; they show up
in `present`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

YES, MAYBE, NO = "yes", "maybe", "no"


@dataclass(frozen=True)
class Reply:
    """One invited household: its answer (None when it did not answer) and who comes."""

    answer: str | None
    adults: int = 1
    pupils: int = 0  # pupils of the household coming along (0 when none do)


@dataclass(frozen=True)
class Headcount:
    invited: int = 0
    answered: int = 0
    yes: int = 0
    maybe: int = 0
    no: int = 0
    adults: int = 0
    pupils: int = 0
    staff: int = 0
    maybe_people: int = 0
    present: int = 0

    @property
    def expected(self) -> int:
        return self.adults + self.pupils + self.staff

    @property
    def open(self) -> int:
        return self.invited - self.answered


def headcount(replies: Iterable[Reply], staff: int, present: int = 0) -> Headcount:
    invited = answered = yes = maybe = no = adults = pupils = maybe_people = 0
    for reply in replies:
        invited += 1
        if reply.answer is None:
            continue
        answered += 1
        people = max(reply.adults, 0) + max(reply.pupils, 0)
        if reply.answer == YES:
            yes += 1
            adults += max(reply.adults, 0)
            pupils += max(reply.pupils, 0)
        elif reply.answer == MAYBE:
            maybe += 1
            maybe_people += people
        else:
            no += 1
    return Headcount(
        invited, answered, yes, maybe, no, adults, pupils, staff, maybe_people, present
    )
