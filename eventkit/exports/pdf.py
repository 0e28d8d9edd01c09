"""Word to PDF through LibreOffice, when it is installed."""

from __future__ import annotations

import shutil
import subprocess  # nosec B404 # LibreOffice with an argument list, no shell
import tempfile
from collections.abc import Sequence
from pathlib import Path

PDF_MIME = "application/pdf"
TIMEOUT_SECONDS = 180
MISSING = (
    "PDF needs LibreOffice, which is not installed here: install it "
    "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or export the .docx instead."
)


class PdfError(RuntimeError):
    """The conversion could not be done; the message says why."""


class OfficeMissing(PdfError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def convert(paths: Sequence[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice run (its start is most of the time).

    Every run gets its own profile directory: two runs sharing one fail silently.
    """
    program = soffice()
    if program is None:
        raise OfficeMissing(MISSING)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="eventkit-lo-") as profile:
        command = [
            program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
            "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths),
        ]  # fmt: skip
        try:
            # bandit B603: LibreOffice from PATH with an argument list (no shell), our own files
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)  # nosec B603
        except subprocess.TimeoutExpired as error:
            raise PdfError(f"LibreOffice took longer than {TIMEOUT_SECONDS} s") from error
    pdfs = [outdir / f"{Path(path).stem}.pdf" for path in paths]
    missing = [pdf.name for pdf in pdfs if not pdf.exists()]
    if done.returncode or missing:
        detail = (done.stderr or done.stdout).strip()[-500:]
        raise PdfError(f"LibreOffice could not convert {', '.join(missing)}: {detail}")
    return pdfs


def to_pdf(filename: str, mimetype: str, body: bytes) -> tuple[str, str, bytes]:
    """An export result (filename, mimetype, bytes) as PDF, in the same shape."""
    with tempfile.TemporaryDirectory(prefix="eventkit-pdf-") as work:
        source = Path(work) / filename
        source.write_bytes(body)
        (pdf,) = convert([source], Path(work) / "pdf")
        return f"{source.stem}.pdf", PDF_MIME, pdf.read_bytes()
