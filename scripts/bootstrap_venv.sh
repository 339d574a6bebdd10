#!/usr/bin/env bash
# Create .venv and install the project (with the extras named in $1, if any).
# Debian's python3 may come without the venv module; install it when we can.
set -euo pipefail
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    version=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && apt-get install -y -qq "python${version}-venv" >/dev/null
    else
      echo "Python's venv module is missing: sudo apt-get install python${version}-venv" >&2
      exit 1
    fi
    python3 -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
target="."
[ -n "$extras" ] && target=".[${extras}]"
.venv/bin/python -m pip install -q -e "$target" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import wagtail" # fail here, plainly, if the install did not work
