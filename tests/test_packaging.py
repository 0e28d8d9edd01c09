"""A wheel built from pyproject carries templates, static files, migrations and catalogs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_serves_pages_outside_the_checkout(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    [wheel] = (tmp_path / "dist").glob("eventkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "eventkit/templates/base.html",
        "eventkit/static/css/eventkit.css",
        "eventkit/static/js/eventkit.js",
        "eventkit/migrations/env.py",
        "eventkit/migrations/versions/0001_foundation.py",
        "eventkit/agenda/templates_data/default.nl.json",
        "eventkit/translations/nl/LC_MESSAGES/messages.mo",
    ):
        assert needed in names, needed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Run from an unrelated folder with only the unpacked wheel on the path (plus the
    # dependencies of this environment), so nothing can come from the checkout.
    code = f"""
import sys
sys.path = [p for p in sys.path if p.rstrip("/") not in ({str(ROOT)!r}, "")]
sys.path.insert(0, {str(site)!r})
import eventkit
assert eventkit.__file__.startswith({str(site)!r}), eventkit.__file__
app = eventkit.create_app({{"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}})
page = app.test_client().get("/login")
css = app.test_client().get("/static/css/eventkit.css")
print(page.status_code, css.status_code, "Inloggen" in page.text)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["200", "200", "True"]
