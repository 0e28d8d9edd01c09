"""The evaluation's fixed words for parents, in the current (forced or chosen) language."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..config import PARENT_LANGUAGES
from ..invitations import texts

# Words with the numbers: a parent reads "Good", not only "4".
RATING_WORDS = {
    1: _l("Bad"),
    2: _l("Not so good"),
    3: _l("Okay"),
    4: _l("Good"),
    5: _l("Very good"),
}
COME_AGAIN_WORDS = {
    "yes": _l("Yes, I would come again"),
    "maybe": _l("Maybe"),
    "no": _l("No, I would not come again"),
}


def invitation() -> dict[str, str]:
    """The call to answer, for the projector and the printed A5 page."""
    return {
        "heading": _("Tell us what you thought"),
        "scan": _("Scan the code with the camera of your phone."),
        "anonymous": _("Your answer is anonymous and takes two minutes."),
    }


def invitations(
    languages: Sequence[str] = PARENT_LANGUAGES,
) -> list[tuple[str, bool, dict[str, str]]]:
    """(language, right-to-left?, words) for every parent language (the school offers)."""
    found = []
    for lang in languages:
        with texts.speaking(lang):
            found.append((lang, texts.is_rtl(lang), invitation()))
    return found
