"""`eventkit export …` on the command line."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from eventkit.exports import pdf


@pytest.mark.parametrize("kind", ["runsheet", "tablesheets", "cards", "badges"])
def test_export_writes_the_file(app, make_event, tmp_path: Path, kind: str) -> None:
    event = make_event()
    target = tmp_path / f"{kind}.docx"
    result = app.test_cli_runner().invoke(args=["export", kind, str(event.id), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Written: {target}" in result.output
    assert docx.Document(str(target)).paragraphs


def test_unknown_meeting(app) -> None:
    result = app.test_cli_runner().invoke(args=["export", "runsheet", "999"])
    assert result.exit_code == 1
    assert "no meeting with id 999" in result.output


def test_pdf_without_libreoffice_is_a_clear_error(app, make_event, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    event = make_event()
    args = ["export", "runsheet", str(event.id), "--pdf", "-o", str(tmp_path / "x.pdf")]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1
    assert "PDF needs LibreOffice" in result.output
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.office
def test_pdf_with_libreoffice(app, make_event, office, tmp_path: Path) -> None:
    event = make_event()
    target = tmp_path / "badges.pdf"
    args = ["export", "badges", str(event.id), "--pdf", "-o", str(tmp_path / "badges.docx")]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")  # a PDF is never named .docx
    assert not (tmp_path / "badges.docx").exists()
