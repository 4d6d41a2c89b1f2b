#!/usr/bin/env bash
# Install what the browser tests need, only when it is missing: Debian's Chromium (Playwright's
# own browser download is not reachable) and axe-core from npm (package-lock.json); and
# Debian's SpamAssassin, which scores the rendered e-mail (local tests only, -L).
set -euo pipefail
cd "$(dirname "$0")/.."

MISSING=()
if [ ! -x /usr/bin/chromium ]; then MISSING+=(chromium); fi
if ! command -v spamassassin >/dev/null; then MISSING+=(spamassassin); fi
if [ ${#MISSING[@]} -gt 0 ]; then
    echo "installing Debian ${MISSING[*]} for the tests"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${MISSING[@]}"
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
    echo "installing axe-core (npm ci)"
    npm ci --no-audit --no-fund --silent
fi
