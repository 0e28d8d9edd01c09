"""Helpers shared by the test folders."""

from __future__ import annotations

import os

import pytest


def missing(what: str) -> None:
    """A tool a test needs is not installed: skip locally, but fail in CI (CI=true), where
    a missing tool is a broken set-up (scripts/test installs them as root)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; CI must have it (scripts/test installs it as root)")
    pytest.skip(f"{what} is not installed")
