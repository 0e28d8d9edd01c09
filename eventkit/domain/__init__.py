"""The pure domain core: no Flask, SQLAlchemy or document libraries in here."""
