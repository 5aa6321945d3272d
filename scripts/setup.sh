#!/usr/bin/env bash
# Setup on a fresh Debian/Ubuntu machine: system packages the stack and the tests use,
# then the npm workspace. Runs before every `npm start` and `npm test` (npm's pre-scripts):
# it installs only what is missing, so when nothing is it costs well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -e /usr/lib/nginx/modules/ngx_stream_module.so ] || missing+=(libnginx-mod-stream)
command -v chromium >/dev/null || missing+=(chromium)
command -v Xvfb >/dev/null || missing+=(xvfb xauth)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "Missing system packages: ${missing[*]}. Install them as root (apt-get install ...)." >&2
    exit 1
  fi
  SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
  # Debian starts the packaged services on install; Glaceon starts its own on free ports.
  $SUDO service redis-server stop >/dev/null 2>&1 || true
  $SUDO service nginx stop >/dev/null 2>&1 || true
fi

# Electron's and electron-builder's binaries are downloaded from GitHub; where that
# is unreachable the launcher runs in a browser instead (see docs/launcher.md).
export ELECTRON_SKIP_BINARY_DOWNLOAD=${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}
# npm ci records what it installed in node_modules/.package-lock.json: install again only
# when that is missing or older than the lock file (a pull that changed dependencies).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the npm workspace (npm ci)…"
  npm ci --no-audit --no-fund
fi
