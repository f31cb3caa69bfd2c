#!/usr/bin/env bash
# Rebuilds the example modules the host ships (Host/Examples/*.wasm, embedded in wasgo and run by
# the demo world) from the SDK's C sources. Tests/Host.Tests checks that the shipped bytes are what
# this builds, so run it after changing Sdk/c/examples or Sdk/c/wasgo.h, and commit the result.
# usage: scripts/examples.sh   (apt-get install clang-14 lld-14)
set -euo pipefail
cd "$(dirname "$0")/.."
Sdk/c/build.sh Host/Examples
