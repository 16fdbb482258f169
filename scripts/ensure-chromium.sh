#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium. Install it when we can; otherwise say what to install.
# Never skip: a run without the browser tests is not a passing run.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$chromium_path" ] && exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $chromium_path and it is not there.
Install it with your package manager (Debian/Ubuntu: sudo apt-get install chromium),
or point CHROMIUM_PATH at a Chromium binary, then run npm test again.
MSG
exit 1
