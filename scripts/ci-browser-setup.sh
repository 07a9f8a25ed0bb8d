#!/bin/sh
# Install what the browser tests (tests/browser) need on a Debian/Ubuntu CI machine:
# Debian's chromium, driven by the playwright Python package (from the dev extra) through
# executable_path — no Playwright browser download. Safe to run twice.
set -eu
CHROMIUM="${WARTA_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    echo "ci-browser-setup: $CHROMIUM present"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
if [ ! -x "$CHROMIUM" ]; then
    echo "ci-browser-setup: chromium installed but $CHROMIUM is missing" >&2
    exit 1
fi
"$CHROMIUM" --version
