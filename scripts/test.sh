#!/usr/bin/env bash
# README's second command: installs what is missing, builds, and runs the whole test suite.
# Extra arguments go to ctest (e.g. -L dataset, -LE gui, -R Cli).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" build
source "$root/scripts/env.sh"
cd "$root/build"
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} ctest --output-on-failure -j "$LONGTAIL_JOBS" "$@"
