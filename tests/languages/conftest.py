"""The invitations' factories serve the language tests too."""

from tests.invitations.conftest import make_household, meeting  # noqa: F401
