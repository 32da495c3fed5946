#!/usr/bin/env bash
# On the GPU machine: the carried test programs (scripts/device-pack.sh), where every test that
# takes a device runs on CUDA. Writes OUT_DIR/tests.log (every program's output).
#   scripts/device-tests.sh OUT_DIR
set -uo pipefail
out=${1:?usage: scripts/device-tests.sh OUT_DIR}
mkdir -p "$out"
source scripts/device-env.sh
status=0
pids=()
for program in build-device/tests/longtail_*_tests; do
  name=$(basename "$program")
  ( cd build-device && timeout 300 "../$program" >"/tmp/$name.log" 2>&1; echo "$name exit $?" >>/tmp/device-tests.status ) &
  pids+=($!)
done
wait "${pids[@]}"
cat /tmp/device-tests.status
for program in build-device/tests/longtail_*_tests; do
  name=$(basename "$program")
  grep -E '^\[  (PASSED|FAILED|SKIPPED) ' "/tmp/$name.log" | sed "s/^/$name: /"
  grep -E '^\[  FAILED  \]|Failure|error' "/tmp/$name.log" | head -20
done
for program in build-device/tests/longtail_*_tests; do cat "/tmp/$(basename "$program").log"; done >"$out/tests.log"
grep -q -v 'exit 0' /tmp/device-tests.status && status=1
exit $status
