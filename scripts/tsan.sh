#!/usr/bin/env bash
# Builds LongTail Lab with ThreadSanitizer (-DLONGTAIL_SANITIZE=thread) into BUILD_DIR (default
# build-tsan) and runs the tests whose code has threads of its own: the run store (a reader
# beside a writer), the sweep queue (concurrent claims, liveness, a worker that throws), sweep
# status, torch's thread count, two runs of one process, the GUI's training and sweep workers.
# One torch thread (OMP_NUM_THREADS=1, and the tests ask for one): LibTorch and libgomp are not
# instrumented, scripts/tsan.supp silences what lies wholly inside them.
#
#   scripts/tsan.sh [BUILD_DIR] [--quick]
# --quick: only the plain C++ store and file code, compiled directly (a minute, no LibTorch).
# Exit status: 0 when TSan reported nothing, 1 otherwise (the reports are in BUILD_DIR/tsan-*.log).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build-tsan}
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac
mkdir -p "$build_dir"
export TSAN_OPTIONS="suppressions=$root/scripts/tsan.supp halt_on_error=0 second_deadlock_stack=1 history_size=4 exitcode=66"
export OMP_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen
reports=0

run_logged() {  # NAME COMMAND...: runs it, keeps its TSan reports
  local name=$1 log="$build_dir/tsan-$1.log"
  shift
  echo "== $name"
  if "$@" >"$log" 2>&1; then echo "   no report"; else
    local status=$?
    local found
    found=$(grep -c "WARNING: ThreadSanitizer" "$log" || true)
    echo "   exit $status, $found ThreadSanitizer report(s): $log"
    reports=$((reports + found + (status != 0 && found == 0 ? 1 : 0)))
  fi
}

if [[ "${2:-}" == "--quick" ]]; then
  # The store and file code are plain C++: instrument them and a test of concurrent use.
  g++ -std=c++20 -O1 -g -fsanitize=thread -I"$root/core" -I"$root/tests/support" \
    "$root/core/util/file_io.cpp" "$root/core/store/sqlite_db.cpp" "$root/core/store/run_store.cpp" \
    "$root/core/store/run_recording.cpp" "$root/core/store/run_labels.cpp" \
    "$root/core/store/default_folders.cpp" "$root/core/util/host_name.cpp" \
    "$root/core/train/epoch_record.cpp" "$root/tests/core/util/test_file_io.cpp" \
    "$root/tests/core/store/test_run_store.cpp" -lsqlite3 -lgtest -lgtest_main -pthread \
    -o "$build_dir/tsan-quick" 2>"$build_dir/tsan-quick-build.log" \
    || { cat "$build_dir/tsan-quick-build.log"; exit 1; }
  run_logged quick "$build_dir/tsan-quick" --gtest_filter='RunStore.*:AtomicFileWriter.*:-*Crash*'
  echo "ThreadSanitizer reports: $reports"
  [[ $reports -eq 0 ]]
  exit
fi

source "$root/scripts/env.sh"
# -O1 -g1: what TSan recommends, and the quickest compile that still names lines in reports.
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DLONGTAIL_BENCH=OFF -DLONGTAIL_SANITIZE=thread \
  >"$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log"; exit 1; }
# Only the tests with threads of their own (tests/CMakeLists.txt builds them under
# LONGTAIL_SANITIZE=thread): the core library, its tests of the store, the sweep queue, torch's
# thread count and two runs of one process; the widgets and the GUI's workers.
targets=(longtail_tsan_tests)
if grep -q "LONGTAIL_GUI:BOOL=ON" "$build_dir/CMakeCache.txt"; then targets+=(longtail_tsan_widget_tests); fi
cmake --build "$build_dir" -j "${LONGTAIL_JOBS:-2}" --target "${targets[@]}"

run_logged store "$build_dir/tests/longtail_tsan_tests" --gtest_filter='RunStore.*:RunRecording.*'
run_logged queue "$build_dir/tests/longtail_tsan_tests" \
  --gtest_filter='SweepQueue.*:SweepStatus.*:TorchThreads.*:AtomicFileWriter.*'
run_logged runs "$build_dir/tests/longtail_tsan_tests" --gtest_filter='Trainer.ARunIsBitwise*'
if [[ -x "$build_dir/tests/longtail_tsan_widget_tests" ]]; then
  run_logged widgets "$build_dir/tests/longtail_tsan_widget_tests" \
    --gtest_filter='Workbench.ARunFromLaunch*:Workbench.CancelLeaves*:SweepPlace.*:BackgroundJobs.*'
fi
echo "ThreadSanitizer reports: $reports"
[[ $reports -eq 0 ]]
