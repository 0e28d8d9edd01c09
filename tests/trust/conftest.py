"""Rate limits are off in the other folders' tests; here they are on."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.invitations.conftest import make_household, meeting  # noqa: F401


@pytest.fixture
def limited(app: Flask) -> Flask:
    app.config["EVENTKIT_RATE_LIMITS"] = True
    return app
