#!/usr/bin/env bash
# THE test command: bash tests/run.sh
#
# 0. system packages, installed with apt-get when missing (as root; otherwise it says what to install):
#    postgresql (unless NONCOOPBOT_TEST_POSTGRES is set), chromium and fonts-liberation (card rendering),
#    python3 (totals), nodejs and npm (card and manifest checks), gcc and zlib1g-dev (the native AOT publish);
#    output in artifacts/test-results/apt.log
# 1. node tooling: npm ci --prefix tools/js when tools/js/node_modules is missing or older than package-lock.json
# 2. PostgreSQL for the storage contract tests: uses $NONCOOPBOT_TEST_POSTGRES when set, otherwise starts
#    (or reuses) a throwaway server with tools/test-postgres.sh and exports its connection string
# 3. the native AOT publish of the bot (tools/publish-aot.sh into artifacts/aot, log in artifacts/test-results/aot-publish.log),
#    named to the tests in NONCOOPBOT_AOT_APP (the NativeAotTests run it as a child process); skipped when that is already set
#    or when arguments are given (a test that needs it then publishes it itself);
#    then dotnet test NonCoopBot.sln, TRX files into artifacts/test-results/ (one per test assembly)
# 4. node --test tools/js/test/ when that folder exists (TAP copy in artifacts/test-results/node.tap)
# 5. totals from the TRX files and node's results (tools/test-summary.py); the very last line is
#    exactly `N passed, N failed, N skipped`
#
# Exit code: 0 only when at least one test ran and none failed (and, with CI=true, none was skipped). Extra arguments go to dotnet test
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

command -v dotnet >/dev/null || fail_early "dotnet is not on PATH: install the .NET SDK named in global.json"

# --- 0. system packages ---------------------------------------------------------------------------
installed() { command -v dpkg-query >/dev/null && dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
has_postgres() { command -v pg_ctl >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; }

missing=()
[[ -n "${NONCOOPBOT_TEST_POSTGRES:-}" ]] || has_postgres || missing+=(postgresql)
command -v chromium >/dev/null || installed chromium || missing+=(chromium)
installed fonts-liberation || fc-list 2>/dev/null | grep -qi 'Liberation' || missing+=(fonts-liberation)
command -v python3 >/dev/null || missing+=(python3)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v gcc >/dev/null || command -v clang >/dev/null || missing+=(gcc)
installed zlib1g-dev || [[ -f /usr/lib/x86_64-linux-gnu/libz.a ]] || missing+=(zlib1g-dev)

if [[ ${#missing[@]} -gt 0 ]]; then
  how="apt-get install -y --no-install-recommends ${missing[*]}"
  command -v apt-get >/dev/null || fail_early "missing ${missing[*]} and no apt-get here: install them by hand (Debian: $how)"
  [[ "$(id -u)" == 0 ]] || fail_early "missing ${missing[*]}: run as root, or install them first: sudo $how"
  mkdir -p "$results"
  apt_log="$results/apt.log"
  say "installing ${missing[*]} (log: ${apt_log#"$repo_root"/})"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update >>"$apt_log" 2>&1; then
    tail -n 20 "$apt_log" >&2
    fail_early "apt-get update failed (see $apt_log); then run: $how"
  fi
  if ! apt-get install -y --no-install-recommends "${missing[@]}" >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    fail_early "$how failed (see $apt_log)"
  fi
fi

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
find "$results" -maxdepth 1 \( -name '*.trx' -o -name 'dotnet-test.log' -o -name 'node.tap' -o -name 'aot-publish.log' \) -delete

if [[ -z "${NONCOOPBOT_AOT_APP:-}" && $# -eq 0 ]]; then
  say "native AOT publish: tools/publish-aot.sh artifacts/aot (log: ${results#"$repo_root"/}/aot-publish.log)"
  if bash tools/publish-aot.sh "$repo_root/artifacts/aot" >"$results/aot-publish.log" 2>&1; then
    export NONCOOPBOT_AOT_APP="$repo_root/artifacts/aot/NonCoopBot.App"
  else
    tail -n 40 "$results/aot-publish.log"
    say "the native AOT publish failed (log above): the NativeAotTests will fail"
    export NONCOOPBOT_AOT_APP="$repo_root/artifacts/aot/publish-failed"
  fi
fi

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
summary="$(python3 tools/test-summary.py --trx-dir "$results" --dotnet-log "$results/dotnet-test.log" \
  --dotnet-exit "$dotnet_exit" "${node_args[@]}")"
summary_exit=$?
totals="$(printf '%s\n' "$summary" | tail -n 1)"
printf '%s\n' "$summary" | sed '$d'
# CI: a skipped test is a failed run (nothing may be left untested silently). The totals stay the last line.
if [[ "${CI:-}" == "true" && "$totals" =~ ^[0-9]+\ passed,\ [0-9]+\ failed,\ ([0-9]+)\ skipped$ && "${BASH_REMATCH[1]}" != 0 ]]; then
  echo "tests/run.sh: ${BASH_REMATCH[1]} test(s) skipped; CI=true does not accept skipped tests" >&2
  [[ $summary_exit -ne 0 ]] || summary_exit=1
fi
printf '%s\n' "$totals"
exit $summary_exit
