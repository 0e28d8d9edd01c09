"""Table grouping at the edges: CSV files in, result JSON out, and the `solve` command.

The engine itself is the pure `eventkit.domain.grouping`.
"""
