#!/usr/bin/env bash
# Make sure the Debian packages the tests use are installed; install the
# missing ones when we can (root, or password-less sudo). When we cannot, say
# which packages are missing and how to get them, and fail: the suite never
# silently skips the PostgreSQL, S3, audio or browser checks.
set -euo pipefail

# command to look for -> Debian package that provides it
declare -A wanted=(
  [initdb]=postgresql
  [ffmpeg]=ffmpeg
  # exhibitions: print (WeasyPrint needs Pango; fonts for Latin, Cyrillic,
  # Vietnamese, Arabic), PDF pages to images, the browser tests
  [pdftoppm]=poppler-utils
  [chromium]=chromium
  [npm]=npm
  [libpango]=libpango-1.0-0
  [libpangoft2]=libpangoft2-1.0-0
  [font-noto]=fonts-noto-core
  [font-dejavu]=fonts-dejavu-core
)

have() {
  case "$1" in
    initdb) compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ;;
    libpango) ldconfig -p | grep 'libpango-1\.0\.so\.0' >/dev/null ;;
    libpangoft2) ldconfig -p | grep 'libpangoft2-1\.0\.so\.0' >/dev/null ;;
    font-noto) [ -e /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] ;;
    font-dejavu) [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] ;;
    *) command -v "$1" >/dev/null ;;
  esac
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
  echo "The tests need these Debian packages, and this user cannot install them: ${missing[*]}" >&2
  echo "Install them once with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages the tests need: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
