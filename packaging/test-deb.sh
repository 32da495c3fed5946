#!/usr/bin/env bash
# The test labelled `package` (cmake/Package.cmake; packaging/build-deb.sh runs it): unpacks
# the longtail-lab package alone (no longtail-lab-cuda: what a CPU-only user installs) into an
# empty root and runs the programs from there, in a clean environment: no build folder, no venv,
# no LD_LIBRARY_PATH. Then checks the installed metadata and lintian's verdict on the packages.
#
#   packaging/test-deb.sh PACKAGES_DIR
set -euo pipefail
packages=${1:?usage: packaging/test-deb.sh PACKAGES_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app_deb=$(ls "$packages"/longtail-lab_*.deb)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

root="$work/root"
dpkg -x "$app_deb" "$root"
bin="$root/usr/bin"

# A user's environment: the system's paths only, a fresh home, Qt without a display.
clean() {
  env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
    XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$@"
}
mkdir -p "$work/home"

echo "== the programs find every library inside the root"
for program in "$bin/longtail" "$bin/longtail-lab"; do
  runpath=$(readelf -d "$program" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
  [[ "$runpath" == '$ORIGIN/../lib/longtail-lab' ]] || fail "$program has RUNPATH '$runpath'"
  deps=$(clean ldd "$program")
  ! grep -q "not found" <<<"$deps" || fail "$program: $(grep 'not found' <<<"$deps")"
  torch_outside=$(grep -E 'lib(torch|c10|cudart|cupti|gomp|cublas|cudnn)' <<<"$deps" | grep -vE "=> $root/usr/(bin/\.\./)?lib/longtail-lab/" || true)
  [[ -z "$torch_outside" ]] || fail "$program loads LibTorch from outside the package: $torch_outside"
done

echo "== longtail --version"
version=$(clean "$bin/longtail" --version)
echo "$version"
[[ "$version" == longtail* ]] || fail "longtail --version printed '$version'"

echo "== longtail data show fashion-mnist --json"
shown=$(clean "$bin/longtail" data show fashion-mnist --json)
echo "$shown"
python3 -c '
import json, sys
j = json.loads(sys.argv[1])
assert j["total"] == 60000 and len(j["counts"]) == 10 and j["shape"] == [1, 28, 28], j
' "$shown" || fail "data show gave an unexpected answer"

echo "== longtail-lab --screenshots (offscreen)"
clean "$bin/longtail-lab" --screenshots "$work/shots" || fail "longtail-lab --screenshots failed"
for shot in 1-dataset-designer 2-launch 3-live-training 4-live-done 5-runs 6-compare 8-theory; do
  [[ -s "$work/shots/$shot.png" ]] || fail "no screenshot $shot.png"
done
ls "$work/shots"

echo "== man pages, completion, desktop entry, AppStream"
share="$root/usr/share"
for page in longtail longtail-data longtail-data-show longtail-train longtail-lab; do
  [[ -s "$share/man/man1/$page.1.gz" || -s "$share/man/man1/$page.1" ]] || fail "no man page $page"
done
bash -n "$share/bash-completion/completions/longtail" || fail "the bash completion does not parse"
# The completion offers the subcommands of `longtail data`.
offered=$(bash -c 'source "$1"; COMP_WORDS=(longtail data s); COMP_CWORD=2; _longtail; echo "${COMPREPLY[*]}"' _ \
  "$share/bash-completion/completions/longtail")
[[ "$offered" == "show" ]] || fail "completing 'longtail data s' offered '$offered'"
desktop-file-validate "$share/applications/longtail-lab.desktop"
appstreamcli validate --no-net "$share"/metainfo/*.metainfo.xml
for size in 16x16 32x32 48x48 64x64 128x128 256x256 scalable; do
  ls "$share/icons/hicolor/$size/apps/longtail-lab".* >/dev/null || fail "no $size icon"
done

echo "== lintian"
# Every finding is fixed or explained in the packages' overrides (packaging/lintian/); what is
# left here is new and must be looked at.
# One finding cannot be overridden: malformed-deb-archive for data.tar.zst. The packages are
# zstd-compressed on purpose (a third smaller than gzip, and much faster to unpack); Debian 12's
# dpkg (1.21) reads zstd, only Debian's own archive does not accept it yet.
findings=$(lintian --tag-display-limit 0 "$packages"/*.deb 2>&1 | grep -E '^[EW]: ' |
  grep -v 'malformed-deb-archive third (official) member data.tar.zst' || true)
[[ -z "$findings" ]] || fail "lintian: $findings"
echo "package test passed"
