"""Table notes and the arena summary: what each table (and the plenary) said on the evening."""
