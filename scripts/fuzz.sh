#!/usr/bin/env bash
# Builds the libFuzzer target over the binary parsers with clang (-fsanitize=fuzzer,address)
# and runs it for SECONDS (default 180) from a seed corpus of small valid files.
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-180}
shift || true
out="$root/build-fuzz"
mkdir -p "$out/corpus"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$root/core" \
  "$root/tests/fuzz/fuzz_parsers.cpp" \
  "$root/core/util/file_io.cpp" "$root/core/data/dataset.cpp" "$root/core/data/gzip.cpp" \
  "$root/core/data/idx_format.cpp" "$root/core/data/cifar_binary.cpp" \
  "$root/core/data/stl10_binary.cpp" "$root/core/data/dataset_cache.cpp" \
  "$root/core/data/image_files.cpp" \
  -lz -o "$out/fuzz_parsers"

# Seeds: one small valid input per parser (the first byte picks the parser).
python3 - "$out/corpus" <<'PY'
import gzip, struct, sys, os
d = sys.argv[1]
def put(name, data): open(os.path.join(d, name), "wb").write(data)
images = struct.pack(">IIII", 0x803, 2, 3, 3) + bytes(range(18))
labels = struct.pack(">II", 0x801, 3) + bytes([0, 1, 9])
put("idx-images", b"\x00" + images)
put("idx-images-gz", b"\x00" + gzip.compress(images))
put("idx-labels", b"\x01" + labels)
put("cifar", b"\x02" + bytes([3]) + bytes(3072))
put("stl-x", b"\x03" + bytes(27648))
put("stl-y", b"\x04" + bytes([1, 5, 10]))
put("list", b"\x06" + b"a/b.png 0\n# comment\nc d.png 1\n")
PY
# A real cache file (40 digits) as the cache parser's seed, when the CLI is built.
cli="$root/build/app/longtail"
if [ -x "$cli" ]; then
  tmp=$(mktemp -d)
  if "$cli" data design --source digits --dist balanced --sample 0.01 --out "$tmp/v.json" >/dev/null &&
     "$cli" data import "$tmp/v.json" --out "$tmp/c.ltds" >/dev/null; then
    { printf '\x05'; cat "$tmp/c.ltds"; } >"$out/corpus/cache"
  fi
  rm -rf "$tmp"
fi

cd "$out"
./fuzz_parsers corpus -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
  -max_len=65536 "$@"
