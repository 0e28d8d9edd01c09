"""The public parent pages: the personal RSVP and the walk-in sign-up (no account needed)."""
