#!/usr/bin/env bash
# Builds the C examples into out/NAME.wasm with Debian's clang-14 and wasm-ld-14.
# usage: Sdk/c/build.sh [output folder]   (apt-get install clang-14 lld-14)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/out}
mkdir -p "$out"
objects=$(mktemp -d)
trap 'rm -rf "$objects"' EXIT
for source in "$here"/examples/*.c; do
  name=$(basename "$source" .c)
  clang-14 --target=wasm32 -O2 -ffreestanding -nostdlib -fno-builtin-memset -Wall -Wextra -Werror -c "$source" -o "$objects/$name.o"
  wasm-ld-14 --no-entry --export-dynamic --strip-all "$objects/$name.o" -o "$out/$name.wasm"
  echo "$out/$name.wasm"
done
