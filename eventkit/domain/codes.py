"""Household codes parents may have to type from paper: no look-alike characters, in groups.

The printed fallback under each QR code is the personal link; its code uses 31 symbols
(the digits 2-9 and the capitals without I, L and O), so nobody mixes up O and 0 or I, l
and 1. Twenty symbols carry 20 x log2(31) = 99 bits (at least 96, like every public token),
printed in five groups of four (K7QX-M3PD-…). Parents may type it with or without the
dashes, in capitals or not. Codes made before this design (url-safe base64) keep working:
they are looked up exactly as they are.
"""

from __future__ import annotations

import math
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 20
GROUP = 4
BITS = LENGTH * math.log2(len(ALPHABET))
_SEPARATORS = str.maketrans("", "", "- \u00a0\u2010\u2011\u2012\u2013")


def new_code() -> str:
    """A new household code, stored without dashes."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def is_code(value: str) -> bool:
    """A code of this design (ungrouped)."""
    return len(value) == LENGTH and all(char in ALPHABET for char in value)


def grouped(code: str) -> str:
    """K7QXM3PD… as K7QX-M3PD-…, for print and links; anything else stays as it is."""
    if not is_code(code):
        return code
    return "-".join(code[index : index + GROUP] for index in range(0, LENGTH, GROUP))


def typed_forms(typed: str) -> tuple[str, ...]:
    """What a typed or scanned token may be stored as: exactly as given (old tokens are
    case-sensitive), or, without dashes and spaces and in capitals, a code of this design."""
    plain = typed.translate(_SEPARATORS).upper()
    return (typed, plain) if is_code(plain) and plain != typed else (typed,)
