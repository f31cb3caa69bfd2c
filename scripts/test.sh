#!/usr/bin/env bash
# Runs every test of WasGo Actors on a fresh Debian machine as root: installs what the tests
# need, builds the solution once, runs each test project, and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: clang-14 and lld-14 (with wasm32's wasi-libc and compiler-rt)
# build the SDK's examples and the test scripts from C, PostgreSQL serves the persistence tests and
# holds the cluster tests' journals (their nodes talk to each other through Akka.Remote, nothing else).
packages=(clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm build the AssemblyScript examples (the pinned compiler comes from npm).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# Debian's chromium is the browser the dashboard's Playwright test drives (Playwright never downloads one).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build WasGo.Actors.sln -c Release -nologo -clp:ErrorsOnly

# A private PostgreSQL cluster on 127.0.0.1 for the tests, stopped when they end. Tests that need it
# fail (they are not skipped) if it did not start.
source scripts/postgres.sh
trap 'stop_test_postgres' EXIT
start_test_postgres

results=$(mktemp -d)
status=0
for project in Tests/*/*.csproj; do
  # Test projects only: the small programs the tests start as processes live here too.
  grep -q "Microsoft.NET.Test.Sdk" "$project" || continue
  name=$(basename "$project" .csproj)
  echo "== $name"
  if ! dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 10m; then
    status=1
  fi
done

# One closing line over all projects, counted from the TRX result files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
