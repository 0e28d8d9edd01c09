"""Calendar files (.ics) for meetings, and what happens to them when a meeting changes."""
