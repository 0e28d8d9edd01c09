"""The invitations' factories serve the parent pages' tests too."""

from tests.invitations.conftest import make_household, meeting  # noqa: F401
