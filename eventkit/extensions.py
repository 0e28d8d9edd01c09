"""Extension objects, created unbound and initialised in create_app().

Flask-Migrate is not among them: it imports Alembic, which only the app (and `eventkit init`)
needs, so create_app() makes it (eventkit.app.register_extensions).
"""

from flask_babel import Babel
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
