#!/bin/sh
# System pieces the test suite drives for real, installed from Debian's packages:
#   - chromium (+ fonts) for tests/browser, driven by the playwright Python package through
#     executable_path — no Playwright browser download;
#   - postgresql (+ postgresql-15-rum when the archive has it) for the PostgreSQL backend's
#     tests, run on a throwaway cluster by scripts/pg-test-cluster.sh.
# Safe to run twice; does nothing when everything is there. Called by `make test` (and so by
# .ci/run). Without root or sudo it cannot install: it says what to run and returns 0, so a
# developer can still run the rest; the tests that need the piece skip locally and fail when
# CI is set.
set -eu
CHROMIUM="${WARTA_CHROMIUM:-/usr/bin/chromium}"
have_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }
if [ -x "$CHROMIUM" ] && have_pg; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo"
    else
        echo "test-setup: Chromium ($CHROMIUM) or PostgreSQL is missing and this user cannot install packages;" >&2
        echo "  run: sudo apt-get install chromium fonts-dejavu-core postgresql postgresql-15-rum" >&2
        echo "  (browser and PostgreSQL tests skip until then)" >&2
        exit 0
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "test-setup: no apt-get here; install Chromium (set WARTA_CHROMIUM=/path/to/chromium)" \
         "and PostgreSQL's server (set WARTA_PG_BIN=/path/to/bin)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core postgresql
# rum serves ranked full-text queries on PostgreSQL; the backend works without it (GIN only)
$SUDO apt-get install -y -q --no-install-recommends postgresql-15-rum \
    || echo "test-setup: postgresql-15-rum is not available; PostgreSQL search uses GIN only" >&2
if [ ! -x "$CHROMIUM" ]; then
    echo "test-setup: chromium installed but $CHROMIUM is missing; set WARTA_CHROMIUM" >&2
    exit 1
fi
"$CHROMIUM" --version
