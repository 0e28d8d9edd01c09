"""Personal links expire after the aftercare and can be replaced; tokens stay out of logs."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.models import Household, OutboxMessage, Status
from eventkit.privacy import logs
from eventkit.privacy.services import LINK_GRACE

from .conftest import Stored

CLOSED = datetime(2026, 3, 2, 21, 0)


def _household(stored: Stored) -> Household:
    return stored.event.households[0]


def test_the_link_works_during_the_aftercare_and_not_after(
    stored: Stored, parent: FlaskClient
) -> None:
    household = _household(stored)
    household.language = "tr"
    with time_machine.travel(CLOSED, tick=False):
        stored.event.status = Status.CLOSED.value
        db.session.commit()
    with time_machine.travel(CLOSED + LINK_GRACE - timedelta(hours=1), tick=False):
        assert parent.get(f"/i/{household.token}").status_code == 200
    with time_machine.travel(CLOSED + LINK_GRACE, tick=False):
        gone = parent.get(f"/i/{household.token}")
        assert gone.status_code == 410
        assert 'lang="tr"' in gone.text and "Bu bağlantı artık kullanılmıyor" in gone.text
        assert parent.get(f"/i/{household.token}/calendar.ics").status_code == 410
        assert gone.headers["Cache-Control"] == "no-store"


def test_the_link_is_dead_once_the_data_is_erased(stored: Stored, signed_in, parent) -> None:
    token = _household(stored).token
    signed_in.post(f"/events/{stored.event.id}/erase")
    assert parent.get(f"/i/{token}").status_code == 404


def test_a_reissued_link_replaces_the_old_one(stored: Stored, signed_in, parent) -> None:
    household = _household(stored)
    old = household.token
    queued = db.session.query(OutboxMessage).count()
    url = f"/events/{stored.event.id}/households/{household.id}/link"
    assert signed_in.post(url).status_code == 302
    db.session.expire_all()
    assert household.token != old and household.token_reissued_at is not None
    # The mail with the old link is gone; sending again queues one with the new link.
    assert db.session.query(OutboxMessage).count() == queued - 1
    signed_in.post(f"/events/{stored.event.id}/mail/send/parents")
    texts = [m.text for m in db.session.query(OutboxMessage)]
    assert any(household.token in t for t in texts) and not any(old in t for t in texts)
    assert parent.get(f"/i/{old}").status_code == 404
    assert parent.get(f"/i/{household.token}").status_code == 200


def test_a_facilitator_cannot_reissue(stored: Stored, login, make_user) -> None:
    household = _household(stored)
    facilitator = login(make_user("facilitator"))
    url = f"/events/{stored.event.id}/households/{household.id}/link"
    assert facilitator.post(url).status_code == 403


@pytest.mark.parametrize(
    "path",
    ["/i/AbCdEfGhIjKlMnOp", "/i/AbCdEfGhIjKlMnOp/done", "/t/AbCdEfGhIjKlMnOp",
     "/a/AbCdEfGhIjKlMnOp", "/f/AbCdEfGhIjKlMnOp", "/n/AbCdEfGhIjKlMnOp",
     "/e/AbCdEfGhIjKlMnOp.sig", "/welcome/AbCdEfGhIjKlMnOp", "/password/reset/AbCdEfGhIjKlMnOp"],
)  # fmt: skip
def test_tokens_are_masked(path: str) -> None:
    masked = logs.mask(f'"GET {path} HTTP/1.1" 200')
    assert "AbCdEfGhIjKlMnOp" not in masked and "AbCd…" in masked


def test_other_paths_are_logged_as_they_are() -> None:
    assert logs.mask("GET /events/12/participants/ HTTP/1.1") == (
        "GET /events/12/participants/ HTTP/1.1"
    )


def test_gunicorns_access_log_masks_tokens() -> None:
    from gunicorn.config import Config

    logger = logs.MaskingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/i/AbCdEfGhIjKlMnOp?lang=tr",
        "PATH_INFO": "/i/AbCdEfGhIjKlMnOp", "QUERY_STRING": "lang=tr",
        "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_REFERER": "https://x.test/t/AbCdEfGhIjKlMnOp",
    }  # fmt: skip
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", "https://x.test/t/AbCdEfGhIjKlMnOp")])
    atoms = logger.atoms(response, request, environ, timedelta(seconds=0.1))
    line = logger.cfg.access_log_format % atoms
    assert "AbCdEfGhIjKlMnOp" not in line and "/i/AbCd…" in line


def test_the_servers_use_the_masking_logger() -> None:
    from eventkit.supervise import commands

    assert logs.LOGGER_CLASS in commands("127.0.0.1", 5000, 2)["web"]


def test_werkzeugs_request_log_masks_tokens(app, caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("werkzeug")
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logger.info('%s - - "%s" %s', "127.0.0.1", "GET /i/AbCdEfGhIjKlMnOp HTTP/1.1", "200")
    assert "AbCdEfGhIjKlMnOp" not in caplog.text and "/i/AbCd…" in caplog.text


def test_an_error_in_the_app_log_names_the_path_masked(app, caplog) -> None:
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        app.logger.error("Exception on %s [%s]", "/i/AbCdEfGhIjKlMnOp", "GET")
    assert "AbCdEfGhIjKlMnOp" not in caplog.text and "/i/AbCd…" in caplog.text
