#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL server for the storage contract tests.
#
#   tools/test-postgres.sh          start it; the last line printed is the connection string
#   tools/test-postgres.sh stop     stop it (the data stays under /tmp until the machine is cleaned)
#
#   export NONCOOPBOT_TEST_POSTGRES="$(tools/test-postgres.sh | tail -n 1)"
#   dotnet test tests/NonCoopBot.Infrastructure.Tests
#
# The server runs as the `postgres` OS user, keeps its data in /tmp, listens on 127.0.0.1 only (port 55432,
# or the next free one; set NONCOOPBOT_TEST_POSTGRES_PORT to choose) and trusts loopback connections: never
# use it for anything but tests. It is tuned for speed (fsync off), not durability.
set -euo pipefail

data_dir="${NONCOOPBOT_TEST_POSTGRES_DATA:-/tmp/noncoopbot-test-postgres}"
log_file="${data_dir}.log"
port="${NONCOOPBOT_TEST_POSTGRES_PORT:-55432}"

find_bin() {
  local candidate
  for candidate in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$candidate/pg_ctl" && -x "$candidate/initdb" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! bin="$(find_bin)"; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin." >&2
  echo "Install them with: apt-get update && apt-get install -y postgresql" >&2
  exit 1
fi

if ! id postgres >/dev/null 2>&1; then
  echo "The 'postgres' OS user does not exist (it comes with the package): apt-get install -y postgresql" >&2
  exit 1
fi

as_postgres() {
  if [[ "$(id -un)" == "postgres" ]]; then
    "$@"
  else
    runuser -u postgres -- "$@"
  fi
}

connection_string() {
  echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres"
}

running_port() {
  # Line 4 of postmaster.pid is the port of the running server.
  if as_postgres "$bin/pg_ctl" status -D "$data_dir" >/dev/null 2>&1; then
    sed -n 4p "$data_dir/postmaster.pid"
    return 0
  fi
  return 1
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "${1:-start}" in
  stop)
    if running_port >/dev/null; then
      as_postgres "$bin/pg_ctl" stop -D "$data_dir" -m fast -w >/dev/null
      echo "Stopped the test PostgreSQL server ($data_dir)."
    else
      echo "The test PostgreSQL server is not running."
    fi
    exit 0
    ;;
  start) ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac

if existing="$(running_port)"; then
  echo "Reusing the test PostgreSQL server in $data_dir." >&2
  connection_string "$existing"
  exit 0
fi

if [[ ! -f "$data_dir/PG_VERSION" ]]; then
  rm -rf "$data_dir"
  mkdir -p "$data_dir"
  chown postgres:postgres "$data_dir"
  chmod 700 "$data_dir"
  as_postgres "$bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # Trust only the server's own socket directory and IPv4 loopback.
  cat > "$data_dir/pg_hba.conf" <<'HBA'
local   all   all                  trust
host    all   all   127.0.0.1/32   trust
HBA
  chown postgres:postgres "$data_dir/pg_hba.conf"
fi

for _ in $(seq 1 50); do
  if ! port_in_use "$port"; then
    break
  fi
  port=$((port + 1))
done
if port_in_use "$port"; then
  echo "No free port found near ${NONCOOPBOT_TEST_POSTGRES_PORT:-55432} on 127.0.0.1." >&2
  exit 1
fi

touch "$log_file"
chown postgres:postgres "$log_file"
as_postgres "$bin/pg_ctl" start -D "$data_dir" -l "$log_file" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $data_dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
  || { echo "PostgreSQL did not start; see $log_file:" >&2; tail -n 20 "$log_file" >&2; exit 1; }

echo "Started a test PostgreSQL server in $data_dir (log: $log_file)." >&2
connection_string "$port"
