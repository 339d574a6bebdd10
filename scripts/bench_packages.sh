#!/usr/bin/env bash
# Make sure the Debian packages the benchmarks use beyond the tests' are
# installed (nginx for the front cache, wrk for requests per second); install
# the missing ones when we can (root, or password-less sudo). Chromium comes
# with the test packages (scripts/system_packages.sh). When we cannot, say
# which packages are missing and how to get them, and fail.
set -euo pipefail

# command to look for -> Debian package that provides it
declare -A wanted=(
  [nginx]=nginx
  [wrk]=wrk
)

have() {
  command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ]
}

missing=()
for cmd in "${!wanted[@]}"; do
  have "$cmd" || missing+=("${wanted[$cmd]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "The benchmarks need these Debian packages, and this user cannot install them: ${missing[*]}" >&2
  echo "Install them once with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages the benchmarks need: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d: the package must not start a system nginx on port 80; the
# benchmark starts its own, on free ports, and stops it.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod +x "$policy"
  trap '"${sudo[@]}" rm -f "$policy"' EXIT
fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
