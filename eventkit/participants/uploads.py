"""An uploaded file kept between the preview and the confirmation, without a session.

The file lies in the instance folder under a random token (unguessable, like a household
link), next to a small JSON note of the meeting it belongs to. Confirming the import, or
an hour passing, deletes it.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

MAX_AGE = 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,40}")


@dataclass(frozen=True)
class Upload:
    token: str
    event_id: int
    filename: str
    kind: str
    data: bytes


def folder(instance_path: str, configured: str | None = None) -> Path:
    """EVENTKIT_IMPORT_DIR when set, else imports/ in the instance folder."""
    path = Path(configured) if configured else Path(instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(base: Path, event_id: int, filename: str, kind: str, data: bytes) -> str:
    purge(base)
    token = secrets.token_urlsafe(18)
    (base / f"{token}.data").write_bytes(data)
    note = {"event_id": event_id, "filename": filename, "kind": kind}
    (base / f"{token}.json").write_text(json.dumps(note), encoding="utf-8")
    return token


def load(base: Path, event_id: int, token: str) -> Upload | None:
    """The upload, if the token is one of ours, still fresh and for this meeting."""
    if not _TOKEN.fullmatch(token):
        return None
    purge(base)
    try:
        note = json.loads((base / f"{token}.json").read_text(encoding="utf-8"))
        data = (base / f"{token}.data").read_bytes()
    except (OSError, ValueError):
        return None
    if note.get("event_id") != event_id:
        return None
    return Upload(token, event_id, str(note.get("filename", "")), str(note.get("kind", "")), data)


def discard(base: Path, token: str) -> None:
    if _TOKEN.fullmatch(token):
        for suffix in (".data", ".json"):
            (base / f"{token}{suffix}").unlink(missing_ok=True)


def discard_event(base: Path, event_id: int) -> int:
    """Delete every upload of one meeting, fresh or not (its people are being deleted);
    returns how many files went."""
    gone = 0
    for note_path in base.glob("*.json"):
        try:
            note = json.loads(note_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(note, dict) and note.get("event_id") == event_id:
            token = note_path.stem
            for suffix in (".data", ".json"):
                path = base / f"{token}{suffix}"
                if path.exists():
                    path.unlink(missing_ok=True)
                    gone += 1
    return gone


def purge(base: Path, max_age: int = MAX_AGE, now: float | None = None) -> None:
    """Delete uploads older than max_age seconds."""
    limit = (now if now is not None else time.time()) - max_age
    for path in base.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue
