"""The printed invitation, read back the way a parent's phone reads it.

Word file -> LibreOffice PDF -> 150 dpi page images -> zbar decodes each QR code -> that
URL opens the RSVP page on the running app -> the answer is sent (with CSRF on) -> the
action team's overview counts it.
"""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from eventkit.domain.codes import grouped
from eventkit.exports import pdf
from eventkit.extensions import db
from eventkit.invitations import services

pytestmark = pytest.mark.office


def require_tools() -> None:
    from tests.tools import missing

    if not pdf.available():
        missing("LibreOffice (soffice)")
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            missing(tool)


def decode_pages(docx_body: bytes, workdir: Path) -> list[str]:
    """Every QR code on every page, as zbar reads it from a 150 dpi rendering."""
    source = workdir / "uitnodigingen.docx"
    source.write_bytes(docx_body)
    (converted,) = pdf.convert([source], workdir / "pdf")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(converted), str(workdir / "page")], check=True
    )
    urls = []
    for image in sorted(workdir.glob("page-*.png")):
        done = subprocess.run(
            ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True
        )
        assert done.returncode == 0, f"no QR code found on {image.name}"
        urls += done.stdout.split()
    return urls


def browser_like() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def test_printed_qr_code_opens_the_rsvp_page_and_the_answer_counts(
    app,
    signed_in,
    live_server,
    meeting,
    make_household,
    tmp_path,
) -> None:
    require_tools()
    app.config["EVENTKIT_BASE_URL"] = live_server
    households = [make_household(meeting, language=lang) for lang in ("nl", "ar")]
    _name, _mimetype, body = services.word_file(meeting)

    urls = decode_pages(body, tmp_path)
    # The printed code is grouped for typing (K7QX-M3PD-…), and that link works as it is.
    assert sorted(urls) == sorted(f"{live_server}/i/{grouped(h.token)}" for h in households)
    overview_url = f"/events/{meeting.id}/responses"
    assert 'data-testid="answered">0<' in signed_in.get(overview_url).text

    app.config["WTF_CSRF_ENABLED"] = True
    phone = browser_like()
    arabic = next(u for u in urls if u.endswith(grouped(households[1].token)))
    page = phone.open(arabic).read().decode()
    assert '<html lang="ar" dir="rtl">' in page
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert csrf, "the form carries a CSRF token"
    needs = {"interpreter": "y", "interpreter_language": "ar", "question": "Hoe meld ik ziek?"}
    form = {"csrf_token": csrf.group(1), "answer": "yes", "adults": "2", **needs}
    with phone.open(arabic, data=urllib.parse.urlencode(form).encode()) as answered:
        assert answered.status == 200 and answered.url.startswith(f"{arabic}/done")
        assert "Hoe meld ik ziek?" in answered.read().decode()

    db.session.rollback()
    db.session.expire_all()
    overview = signed_in.get(overview_url).text
    assert 'data-testid="answered">1<' in overview
    assert (
        'data-testid="yes-maybe-no">1 / 0 / 0<' in overview
        and 'data-testid="adults">2<' in overview
    )
    assert "Hoe meld ik ziek?" in overview and "Arabisch" in overview
