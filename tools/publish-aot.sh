#!/usr/bin/env bash
# The bot as it is deployed: one native executable (native AOT), with cards/ and fonts/ beside it.
#   bash tools/publish-aot.sh [OUTPUT_DIR]        (default: artifacts/aot; the executable is OUTPUT_DIR/NonCoopBot.App)
# Needs a C toolchain and zlib's static library (Debian: gcc or clang, zlib1g-dev). The linker is clang when it is
# installed, else gcc. About five minutes on two cores the first time.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo_root/artifacts/aot}"
linker=clang
command -v clang >/dev/null || linker=gcc
command -v "$linker" >/dev/null || { echo "tools/publish-aot.sh: no C toolchain (install gcc or clang, and zlib1g-dev)" >&2; exit 1; }
exec dotnet publish "$repo_root/src/NonCoopBot.App" -c Release -r linux-x64 --nologo \
  -p:PublishAot=true -p:CppCompilerAndLinker="$linker" -o "$out"
