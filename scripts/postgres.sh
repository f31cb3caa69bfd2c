#!/usr/bin/env bash
# start_test_postgres / stop_test_postgres: a throw-away PostgreSQL cluster on 127.0.0.1, owned by
# the postgres user, in a temporary folder. Exports WASGO_TEST_POSTGRES (an Npgsql connection string),
# and WASGO_TEST_POSTGRES_BIN / WASGO_TEST_POSTGRES_DATA for tests that restart the server with pg_ctl.

start_test_postgres() {
  local bin port
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_BIN=$bin
  PG_DIR=$(mktemp -d /tmp/wasgo-postgres.XXXXXX)
  chown postgres: "$PG_DIR"
  port=${WASGO_TEST_POSTGRES_PORT:-55432}
  while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  su postgres -s /bin/sh -c "$bin/initdb -D '$PG_DIR/data' -A trust -U postgres --no-sync" > "$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  su postgres -s /bin/sh -c "$bin/pg_ctl -D '$PG_DIR/data' -l '$PG_DIR/server.log' -w -t 60 \
      -o \"-p $port -k '$PG_DIR' -c listen_addresses=127.0.0.1 -c max_connections=300\" start" > /dev/null \
    || { cat "$PG_DIR/server.log"; return 1; }
  export WASGO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  export WASGO_TEST_POSTGRES_BIN="$bin" WASGO_TEST_POSTGRES_DATA="$PG_DIR/data"
  echo "PostgreSQL for tests on 127.0.0.1:$port"
}

stop_test_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$PG_DIR/data' -m fast -w stop" > /dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
