"""Participants: import from school exports, households, staff, editing by hand."""
