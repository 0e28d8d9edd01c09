"""Tokens out of the logs: a personal link in an access log is a key to a family's data.

Paths of the public pages that carry a token (/i/, /t/, /a/, /f/, /n/, /e/, /welcome/,
/password/reset/) are logged with the token cut to its first four characters, enough to
tell requests apart while debugging, useless to open the page. gunicorn gets a logger
class (`--logger-class eventkit.privacy.logs.MaskingLogger`); werkzeug's development
server and the app's own log get a logging filter (installed by create_app).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger as GunicornLogger  # type: ignore[import-untyped]

LOGGER_CLASS = "eventkit.privacy.logs.MaskingLogger"
_PREFIXES = ("i", "t", "a", "f", "n", "e", "welcome", "password/reset")
_TOKEN_PATH = re.compile(
    r"(/(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")/)([A-Za-z0-9_\-.%]{5,})"
)


def mask(text: str) -> str:
    """The text with every token in a token path cut to four characters and an ellipsis."""
    return _TOKEN_PATH.sub(lambda m: f"{m.group(1)}{m.group(2)[:4]}…", text)


class MaskingFilter(logging.Filter):
    """Masks tokens in a log record's message and arguments (werkzeug's request log)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask(a) if isinstance(a, str) else a for a in record.args)
        return True


def install(app_logger: logging.Logger) -> None:
    """Mask tokens in werkzeug's request log and in the app's own log (an error names the
    path it happened on: "Exception on /i/… [GET]")."""
    for logger in (logging.getLogger("werkzeug"), app_logger):
        if not any(isinstance(f, MaskingFilter) for f in logger.filters):
            logger.addFilter(MaskingFilter())


class MaskingLogger(GunicornLogger):
    """gunicorn's logger whose access-log atoms (request line, path, referrer, headers)
    have their tokens masked."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: mask(v) if isinstance(v, str) else v for key, v in atoms.items()}
