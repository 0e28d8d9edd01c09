"""Aftercare: actions, the public "you said, we did" page, its mails and reminders."""
