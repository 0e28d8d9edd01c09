"""Fixtures for calendar files: meetings in winter and summer, staff, and the three
independent parsers (vobject, ical.js under Node, libical under the system Python)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from eventkit.models import Event, Participant
from tests.factories import StaffFactory
from tests.tools import missing

STAMP = datetime(2025, 1, 6, 9, 30, tzinfo=UTC)
WINTER = date(2030, 12, 10)  # CET, UTC+1
SUMMER = date(2030, 6, 11)  # CEST, UTC+2
JS_DIR = Path(__file__).resolve().parents[1] / "js"
SYSTEM_PYTHON = "/usr/bin/python3"

ICALJS = """
import ICAL from "ical.js";
import { readFileSync } from "node:fs";
const out = {};
for (const file of JSON.parse(process.argv[1])) {
  const comp = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const tz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const vevent = new ICAL.Event(comp.getFirstSubcomponent("vevent"));
  out[file] = {uid: vevent.uid, sequence: vevent.sequence,
               start: vevent.startDate.toJSDate().toISOString(),
               method: comp.getFirstPropertyValue("method"),
               status: vevent.component.getFirstPropertyValue("status")};
}
console.log(JSON.stringify(out));
"""

# libical: parse, check the iTIP restrictions of the METHOD (they add X-LIC-ERROR
# properties), and convert DTSTART to UTC with the file's own VTIMEZONE.
LIBICAL = """
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib
out = {}
for path in json.loads(sys.argv[1]):
    cal = ICalGLib.Component.new_from_string(open(path, encoding="utf-8").read())
    valid = bool(cal.check_restrictions())
    vevent = cal.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    start = vevent.get_dtstart()
    start.set_timezone(cal.get_timezone(start.get_tzid()))
    start.convert_to_zone_inplace(ICalGLib.Timezone.get_utc_timezone())
    out[path] = {"uid": vevent.get_uid(), "sequence": vevent.get_sequence(),
                 "start": start.as_ical_string(), "valid": valid,
                 "errors": cal.count_errors(), "method": cal.get_method().value_nick,
                 "status": vevent.get_status().value_nick}
print(json.dumps(out))
"""


require = missing  # a parser this test needs is not installed


def parse_with_icaljs(files: list[Path]) -> dict[str, Any]:
    if not shutil.which("node") or not (JS_DIR / "node_modules" / "ical.js").is_dir():
        require("ical.js (npm) and node")
    done = subprocess.run(
        ["node", "--input-type=module", "-e", ICALJS, json.dumps([str(f) for f in files])],
        cwd=JS_DIR, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def parse_with_libical(files: list[Path]) -> dict[str, Any]:
    check = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    if (
        not Path(SYSTEM_PYTHON).exists()
        or subprocess.run([SYSTEM_PYTHON, "-c", check], capture_output=True).returncode
    ):
        require("libical (libical3 gir1.2-ical-3.0 python3-gi)")
    done = subprocess.run(
        [SYSTEM_PYTHON, "-c", LIBICAL, json.dumps([str(f) for f in files])],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.fixture
def meeting(make_event: Callable[..., Event]) -> Callable[..., Event]:
    """A meeting on a winter or summer date, 19:00 to 21:15 local time."""

    def make(day: date = WINTER, **fields: Any) -> Event:
        values: dict[str, Any] = {"start_time": time(19, 0), "planned_end": time(21, 15)}
        return make_event(date=day, **(values | fields))

    return make


@pytest.fixture
def make_staff(app: Any) -> Callable[..., Participant]:
    def make(event: Event, first_name: str = "Jan", **fields: Any) -> Participant:
        values = {"last_name": "", "can_facilitate": False} | fields
        return StaffFactory(event=event, first_name=first_name, **values)

    return make
