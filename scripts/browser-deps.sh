#!/usr/bin/env bash
# Install what the browser tests need, only when it is missing: Debian's Chromium (Playwright's
# own browser download is not reachable) and axe-core from npm (package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    echo "installing Debian chromium for the browser tests"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
    echo "installing axe-core (npm ci)"
    npm ci --no-audit --no-fund --silent
fi
