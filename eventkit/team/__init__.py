"""The team page: invite colleagues, change roles, deactivate; set and reset passwords."""
