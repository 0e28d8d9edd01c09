"""Mail: the outbox and its worker, the SMTP mailer, and the invitations and reminders."""
