"""The school's own texts in the parents' languages, and the translation round."""
