#!/usr/bin/env bash
# Installs what the browser tests need, and only what is missing:
# Debian's chromium (apt-get), Java for the Nu HTML checker (apt-get), and the
# npm packages pinned in package-lock.json (axe-core, vnu-jar) into
# node_modules/ beside this script (git-ignored). Run it as root, or with sudo.
# Never `playwright install`: the tests drive the system's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "browser-deps: installing ${missing[*]} with apt-get"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# npm ci writes node_modules/.package-lock.json; newer than the lock file means up to date.
if [ node_modules/.package-lock.json -nt package-lock.json ] \
   && [ -f node_modules/axe-core/axe.min.js ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "browser-deps: axe-core and vnu-jar already installed"
else
  echo "browser-deps: installing axe-core and vnu-jar with npm"
  # --ignore-scripts: vnu-jar's install script would fetch a Java runtime; the system's is used.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "browser-deps: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1); axe-core $(node -p 'require("./node_modules/axe-core/package.json").version'); vnu $(java -jar node_modules/vnu-jar/build/dist/vnu.jar --version)"
