#!/bin/sh
# Run a command with a throwaway PostgreSQL cluster for the tests:
#   sh scripts/pg-test-cluster.sh python -m pytest ...
# It makes a cluster in a temporary folder (initdb refuses root, so as root it runs the server
# as the `postgres` user, or a `warta-pg` user it creates), starts it on 127.0.0.1 at a free
# port with its socket in that folder, creates the database `warta_test` owned by the user
# `warta` (password auth over TCP, so tests can also try a wrong password), exports
#   WARTA_TEST_PG=postgresql://warta:PASSWORD@127.0.0.1:PORT/warta_test
# runs the command, and stops and removes the cluster on the way out (trap), whatever the
# command's exit status, which it returns.
# When PostgreSQL's server programs are missing (scripts/test-setup.sh installs Debian's
# `postgresql` and `postgresql-15-rum` when it can), the command runs without WARTA_TEST_PG:
# the PostgreSQL tests then skip locally and fail under CI.
set -eu

find_bin() {
    if [ -n "${WARTA_PG_BIN:-}" ] && [ -x "$WARTA_PG_BIN/initdb" ]; then
        echo "$WARTA_PG_BIN"; return 0
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    return 1
}

if [ -n "${WARTA_TEST_PG:-}" ]; then  # a database given from outside: use it as it is
    exec "$@"
fi
if ! PGBIN="$(find_bin)"; then
    echo "pg-test-cluster: no PostgreSQL server programs (initdb) found; PostgreSQL tests skip" \
         "(fail under CI). Install: apt-get install postgresql postgresql-15-rum" >&2
    exec "$@"
fi

RUNAS=""
if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
        RUNAS=postgres
    else
        id warta-pg >/dev/null 2>&1 || useradd --system --no-create-home warta-pg
        RUNAS=warta-pg
    fi
fi
as_user() {
    if [ -n "$RUNAS" ]; then runuser -u "$RUNAS" -- "$@"; else "$@"; fi
}

DIR="$(mktemp -d /tmp/warta-pg.XXXXXX)"
chmod 755 "$DIR"
[ -z "$RUNAS" ] || chown "$RUNAS" "$DIR"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PASSWORD="warta-test-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

cleanup() {
    as_user "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

printf '%s\n' "$PASSWORD" > "$DIR/pwfile"
[ -z "$RUNAS" ] || chown "$RUNAS" "$DIR/pwfile"
as_user "$PGBIN/initdb" -D "$DIR/data" -U warta --pwfile="$DIR/pwfile" -E UTF8 \
    --locale=C --auth-local=trust --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2; exit 1; }
rm -f "$DIR/pwfile"
# a test cluster: durability off (fsync) is fine, it is thrown away after the run
as_user "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
as_user "$PGBIN/createdb" -h "$DIR" -p "$PORT" -U warta warta_test

export WARTA_TEST_PG="postgresql://warta:$PASSWORD@127.0.0.1:$PORT/warta_test"
echo "pg-test-cluster: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') at 127.0.0.1:$PORT ($DIR)" >&2
status=0
"$@" || status=$?
exit "$status"
