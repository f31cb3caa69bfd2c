#!/usr/bin/env bash
# Builds the AssemblyScript examples into out/NAME.wasm with the pinned assemblyscript from npm.
# usage: Sdk/assemblyscript/build.sh [output folder]   (needs node and npm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/out}
mkdir -p "$out"
cd "$here"
if [ ! -x node_modules/.bin/asc ]; then
  npm ci --no-audit --no-fund --silent
fi
for source in examples/*.ts; do
  name=$(basename "$source" .ts)
  # abort goes to the SDK's own (log, then trap), so a script imports nothing but wasgo.
  node_modules/.bin/asc "$source" -o "$out/$name.wasm" --optimize --noAssert --runtime incremental \
    --use abort=assembly/wasgo/abort 2>&1 >/dev/null \
    | { grep -v '^$' || true; }
  echo "$out/$name.wasm"
done
