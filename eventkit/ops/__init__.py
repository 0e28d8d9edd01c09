"""Operating eventkit: request ids in pages and logs, /healthz, backups, the audit page."""
