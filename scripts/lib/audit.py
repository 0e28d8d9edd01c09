"""pip-audit over the installed environment (the virtualenv scripts/test set up), for
scripts/test. It needs the package index's advisory data for every installed version.

Passes when every dependency was audited and none has a known vulnerability; fails on any
vulnerability, and on dependencies that could not be audited while others could. When no
dependency at all could be audited (no network, or an index mirror without advisory
data), it says so plainly and skips: the check did not run, it did not pass."""

from __future__ import annotations

import json
import subprocess  # nosec B404 # pip-audit with an argument list, no shell
import sys
import tempfile
from pathlib import Path

OFFLINE = ("ConnectionError", "NameResolutionError", "Max retries exceeded", "timed out")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.json"
        command = [
            sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off",
            "--format", "json", "--output", str(report),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # nosec B603
        if not report.exists():
            if any(mark in done.stderr for mark in OFFLINE):
                print("== pip-audit SKIPPED: the advisory service cannot be reached (offline)")
                return 0
            print(done.stderr, file=sys.stderr)
            return done.returncode or 1
        found = json.loads(report.read_text())["dependencies"]
    audited = [d for d in found if "skip_reason" not in d]
    skipped = [d for d in found if "skip_reason" in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return 1
    if found and not audited:
        print(
            f"== pip-audit SKIPPED: none of the {len(found)} installed packages could be "
            "audited; the package index here has no advisory data (offline or a mirror)"
        )
        return 0
    if skipped:
        for dependency in skipped:
            print(dependency["skip_reason"], file=sys.stderr)
        return 1
    print(f"pip-audit: {len(audited)} packages, no known vulnerabilities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
