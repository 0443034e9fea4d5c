#!/usr/bin/env bash
# THE test command: bash tests/run.sh
#
# 1. node tooling: npm ci --prefix tools/js when tools/js/node_modules is missing or older than package-lock.json
# 2. PostgreSQL for the storage contract tests: uses $NONCOOPBOT_TEST_POSTGRES when set, otherwise starts
#    (or reuses) a throwaway server with tools/test-postgres.sh and exports its connection string
# 3. dotnet test NonCoopBot.sln, TRX files into artifacts/test-results/ (one per test assembly)
# 4. node --test tools/js/test/ when that folder exists (TAP copy in artifacts/test-results/node.tap)
# 5. totals from the TRX files and node's results (tools/test-summary.py); the very last line is
#    exactly `N passed, N failed, N skipped`
#
# Exit code: 0 only when at least one test ran and none failed. Extra arguments go to dotnet test
# (e.g. bash tests/run.sh --filter "FullyQualifiedName~Manifest").
# Environment: NONCOOPBOT_TEST_RESULTS (default artifacts/test-results); CI=true also stops the
# PostgreSQL server this script started.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
results="${NONCOOPBOT_TEST_RESULTS:-$repo_root/artifacts/test-results}"

say() { printf '\n==> %s\n' "$*"; }
fail_early() {
  echo "tests/run.sh: $*" >&2
  # Keep the contract: the last line is the totals line even when nothing could run.
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

command -v dotnet >/dev/null || fail_early "dotnet is not on PATH"
command -v python3 >/dev/null || fail_early "python3 is not on PATH (apt-get install -y python3)"

# --- 1. node tooling ----------------------------------------------------------------------------
if [[ -f tools/js/package-lock.json ]]; then
  command -v npm >/dev/null || fail_early "npm is not on PATH (node tooling in tools/js needs it)"
  stamp=tools/js/node_modules/.package-lock.json
  if [[ ! -f "$stamp" || tools/js/package-lock.json -nt "$stamp" || tools/js/package.json -nt "$stamp" ]]; then
    say "npm ci --prefix tools/js"
    npm ci --prefix tools/js --no-audit --no-fund --loglevel=error || fail_early "npm ci --prefix tools/js failed"
  fi
fi

# --- 2. PostgreSQL --------------------------------------------------------------------------------
started_postgres=0
if [[ -z "${NONCOOPBOT_TEST_POSTGRES:-}" ]]; then
  if [[ -f tools/test-postgres.sh ]]; then
    say "PostgreSQL for tests: tools/test-postgres.sh"
    pg_out="$(bash tools/test-postgres.sh)" || {
      printf '%s\n' "$pg_out"
      fail_early "tools/test-postgres.sh failed: install PostgreSQL (apt-get install -y postgresql) or set NONCOOPBOT_TEST_POSTGRES"
    }
    NONCOOPBOT_TEST_POSTGRES="$(printf '%s\n' "$pg_out" | tail -n 1)"
    [[ -n "$NONCOOPBOT_TEST_POSTGRES" ]] || fail_early "tools/test-postgres.sh printed no connection string"
    export NONCOOPBOT_TEST_POSTGRES
    started_postgres=1
    echo "NONCOOPBOT_TEST_POSTGRES=$NONCOOPBOT_TEST_POSTGRES"
  else
    say "tools/test-postgres.sh not found and NONCOOPBOT_TEST_POSTGRES unset: the PostgreSQL tests will fail (they never skip unless NONCOOPBOT_SKIP_POSTGRES=1, and a skip fails the run too)"
  fi
else
  say "PostgreSQL for tests: using NONCOOPBOT_TEST_POSTGRES from the environment"
fi

stop_postgres() {
  if [[ "$started_postgres" == 1 && "${CI:-}" == "true" ]]; then
    bash tools/test-postgres.sh stop >/dev/null 2>&1 || true
  fi
}
trap stop_postgres EXIT

# --- 3. dotnet test -------------------------------------------------------------------------------
mkdir -p "$results"
find "$results" -maxdepth 1 \( -name '*.trx' -o -name 'dotnet-test.log' -o -name 'node.tap' \) -delete

say "dotnet test NonCoopBot.sln (TRX files in ${results#"$repo_root"/})"
# IsTestingPlatformApplication=false: xunit.v3 4.x marks test projects as Microsoft.Testing.Platform apps,
# which the .NET 10 SDK refuses to run under VSTest ("Testing with VSTest target is no longer supported");
# xunit.runner.visualstudio runs them under VSTest, which writes the TRX files counted below.
dotnet test NonCoopBot.sln \
  -p:IsTestingPlatformApplication=false \
  --logger "trx;LogFilePrefix=noncoopbot" \
  --results-directory "$results" \
  "$@" 2>&1 | tee "$results/dotnet-test.log"
dotnet_exit=${PIPESTATUS[0]}

# --- 4. node test suites --------------------------------------------------------------------------
node_args=()
if [[ -d tools/js/test ]]; then
  # Every .js/.mjs/.cjs file under tools/js/test/ is a test file (node's own rule for a test/ folder),
  # except under fixtures/; listing them works the same on node 20 (directories) and 22+ (glob patterns).
  mapfile -t node_tests < <(find tools/js/test -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \) \
    -not -path '*/node_modules/*' -not -path '*/fixtures/*' | sort)
  if [[ ${#node_tests[@]} -gt 0 ]]; then
    say "node --test tools/js/test/ (${#node_tests[@]} files)"
    node --test --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$results/node.tap" "${node_tests[@]}"
    node_exit=$?
    node_args=(--node-tap "$results/node.tap" --node-exit "$node_exit")
  fi
fi

# --- 5. totals (last line) ------------------------------------------------------------------------
say "test totals"
python3 tools/test-summary.py --trx-dir "$results" --dotnet-log "$results/dotnet-test.log" \
  --dotnet-exit "$dotnet_exit" "${node_args[@]}"
exit $?
