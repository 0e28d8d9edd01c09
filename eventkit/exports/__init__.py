"""Printed exports of a meeting: run-sheet, table sheets, table cards and name badges."""
