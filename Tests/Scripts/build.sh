#!/usr/bin/env bash
# Builds the test scripts into OUT/NAME.wasm with Debian's clang-14 and wasm-ld-14, as Sdk/c/build.sh does.
# usage: Tests/Scripts/build.sh OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUT}
mkdir -p "$out"
objects=$(mktemp -d)
trap 'rm -rf "$objects"' EXIT
for source in "$here"/*.c; do
  name=$(basename "$source" .c)
  clang-14 --target=wasm32 -O2 -ffreestanding -nostdlib -fno-builtin-memset -Wall -Wextra -Werror -c "$source" -o "$objects/$name.o"
  wasm-ld-14 --no-entry --export-dynamic --strip-all -z stack-size=65536 "$objects/$name.o" -o "$out/$name.wasm"
  echo "$out/$name.wasm"
done
