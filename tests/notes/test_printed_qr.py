"""The table card and the table sheet, read back the way a phone reads them.

Word file -> LibreOffice PDF -> 150 dpi page image -> zbar decodes the QR code -> that
URL opens the table's note page on the running app.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from eventkit.exports import cards, pdf, tablesheets
from eventkit.exports.data import runsheet_data
from tests.browser.fixtures import ARTIFACTS
from tests.exports.conftest import require_office
from tests.invitations.test_qr_roundtrip import require_tools

pytestmark = pytest.mark.office


def pages(body: bytes, name: str, workdir: Path) -> list[tuple[str, list[str]]]:
    """(text, decoded QR codes) of every page, as LibreOffice and zbar see them."""
    source = workdir / f"{name}.docx"
    source.write_bytes(body)
    (converted,) = pdf.convert([source], workdir / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(converted), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(converted), str(workdir / name)],
                   check=True)  # fmt: skip
    if ARTIFACTS.is_dir():  # the first page, to look at
        shutil.copy(sorted(workdir.glob(f"{name}-*.png"))[0], ARTIFACTS / f"notes-{name}.png")
    result = []
    for page_text, image in zip(text.split("\f"), sorted(workdir.glob(f"{name}-*.png")),
                                strict=False):  # fmt: skip
        scanned = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True,
                                 text=True, check=False)  # fmt: skip
        result.append((page_text, scanned.stdout.split()))
    return result


@pytest.mark.parametrize("kind", ["cards", "tablesheets"])
def test_printed_table_qr_code_opens_the_note_page(
    app, live_server, evening, tmp_path, kind
) -> None:
    require_office()
    require_tools()
    data = runsheet_data(evening, live_server)
    render = {"cards": cards.render, "tablesheets": tablesheets.render}[kind]
    body = render(data)[2]
    printed = pages(body, kind, tmp_path)

    shapes = docx.Document(io.BytesIO(body)).inline_shapes
    assert len(shapes) == len(evening.tables) and all(s.width >= Cm(3) for s in shapes)

    assert len(printed) == len(evening.tables)  # one page per table, the code fits on it
    for table, (text, codes) in zip(evening.tables, printed, strict=True):
        url = f"{live_server}/t/{table.note_token}"
        assert codes == [url]
        assert url in " ".join(text.split())  # the short link under (or beside) the code
        assert re.search(rf"Tafel\s+{table.number}", text)
        with urllib.request.urlopen(url) as opened:
            page = opened.read().decode()
        assert f"Tafel {table.number}: {table.theme.title}" in page
