# Shared set-up for scripts/run and scripts/test: a virtualenv in .venv with eventkit installed.
# Usage: source scripts/lib/setup.sh [EXTRAS]

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV="$ROOT/.venv"
as_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  # Install the Debian packages that are missing; only possible as root.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! as_root; then
    echo "eventkit: missing system packages: ${missing[*]} (run as root, or install them)" >&2
    return 1
  fi
  echo "eventkit: installing ${missing[*]}" >&2
  if [ ! -f /tmp/.eventkit-apt-updated ]; then
    apt-get update -qq && touch /tmp/.eventkit-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for candidate in python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "eventkit: Python 3.11 or newer is needed" >&2
  return 1
}

setup_venv() {
  local extras=${1:-}
  local spec="$ROOT"
  [ -n "$extras" ] && spec="$ROOT[$extras]"
  if [ ! -x "$VENV/bin/python" ]; then
    local python; python=$(find_python)
    "$python" -m venv "$VENV" 2>/dev/null || { apt_install python3-venv && "$python" -m venv "$VENV"; }
  fi
  # Reinstall only when the project's dependencies changed.
  local stamp="$VENV/.eventkit-installed-${extras:-base}"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
    "$VENV/bin/python" -m pip install -q -e "$spec" 2>&1 | grep -v "^WARNING: Location" || true
    "$VENV/bin/python" -c "import eventkit, flask" || { echo "eventkit: install failed" >&2; return 1; }
    touch "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}
