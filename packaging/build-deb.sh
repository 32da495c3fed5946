#!/usr/bin/env bash
# Builds LongTail Lab's Debian packages with CPack (zstd-compressed) and runs the test labelled
# `package`, which installs them into an empty root and runs the programs from there.
#
#   packaging/build-deb.sh [BUILD_DIR]     (default: build-deb; the packages land in BUILD_DIR/packages)
#
# A build folder of its own, configured with LONGTAIL_PACKAGE_TEST=ON: the package test never
# joins the normal build's test suite (README's test command, CI). The packages are large
# (the CUDA runtime): see README, "Installing".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build-deb}
case "$build" in /*) ;; *) build="$root/$build" ;; esac

# The Debian tools the packages and their test need, beyond scripts/install-deps.sh's.
tools=(dpkg-dev zstd lintian appstream desktop-file-utils)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$root/scripts/build.sh" "$build" -DLONGTAIL_TESTS=OFF -DLONGTAIL_BENCH=OFF -DLONGTAIL_PACKAGE_TEST=ON
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB -B "$build/packages")
rm -rf "$build/packages/_CPack_Packages"  # the staging copy: gigabytes
ls -l "$build"/packages/*.deb
cd "$build"
ctest -L package --output-on-failure
