"""The school's own settings, set by the coordinator in the browser."""
