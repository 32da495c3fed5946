#!/usr/bin/env bash
# The core's room-to-room include graph: "COUNT FROM -> TO" for every #include "ROOM/..." whose
# room differs from the including file's (docs/architecture.md; `ctest -L layout` checks the
# order). Usage: scripts/include-graph.sh [REPOSITORY_ROOT]
set -euo pipefail
cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}"
rooms=$(ls -d core/*/ | xargs -n1 basename | paste -sd'|')
find core -name '*.cpp' -o -name '*.h' -o -name '*.cu' | sort | while read -r file; do
  from=$(echo "$file" | cut -d/ -f2)
  { grep -oE "#include \"($rooms)/" "$file" || true; } | sed 's|#include "||; s|/||' | while read -r to; do
    if [ "$to" != "$from" ]; then echo "$from -> $to"; fi
  done
done | sort | uniq -c
