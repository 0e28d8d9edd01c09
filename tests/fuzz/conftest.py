"""The fuzz tests use the route walk's school (one of everything) and its households."""

from tests.invitations.conftest import make_household, meeting  # noqa: F401
