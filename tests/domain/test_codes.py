"""Household codes typed from paper: no look-alikes, grouped, at least 96 bits."""

from __future__ import annotations

import re

from eventkit.domain import codes


def test_a_new_code_has_no_look_alikes_and_enough_bits() -> None:
    made = {codes.new_code() for _ in range(200)}
    assert len(made) == 200
    for code in made:
        assert codes.is_code(code)
        assert not set(code) & set("0O1IlL")
    assert codes.BITS >= 96


def test_grouped_for_typing() -> None:
    code = codes.new_code()
    shown = codes.grouped(code)
    assert re.fullmatch(r"([2-9A-Z]{4}-){4}[2-9A-Z]{4}", shown)
    assert shown.replace("-", "") == code
    assert codes.grouped("abc_DEF-ghi12345") == "abc_DEF-ghi12345"  # an old token stays


def test_typed_forms_with_or_without_dashes_and_in_small_letters() -> None:
    code = codes.new_code()
    for typed in (code, codes.grouped(code), codes.grouped(code).lower(), " ".join(code)):
        assert code in codes.typed_forms(typed)
    old = "abcdEFGH-ijk_lmn"
    assert codes.typed_forms(old) == (old,)  # old tokens are looked up exactly
