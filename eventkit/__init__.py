"""eventkit: plan a parent dialogue meeting from run-sheet to aftercare.

The package itself imports no web framework, so the pure domain core
(`eventkit.domain`) can be used and tested on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The application factory (see eventkit.app)."""
    from .app import create_app as factory

    app: Flask = factory(test_config)
    return app
