#!/usr/bin/env bash
# Benchmark harness: builds shipnotes in release mode, installs the peers, generates deterministic
# inputs and runs every job in jobs/ (or the jobs named on the command line), printing for each the
# time of shipnotes and of the peer measured side by side in one run, as a ratio.
#   Benchmarks/run.sh                 # every job
#   Benchmarks/run.sh markdown-html   # one job
#   BENCH_BUILD_DIR=.build-bench Benchmarks/run.sh changelog   # release build in another scratch folder
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v cmark >/dev/null || need+=(cmark)
command -v pandoc >/dev/null || need+=(pandoc)
command -v curl >/dev/null || need+=(curl)
command -v git >/dev/null || need+=(git)
ruby -rredcloth -e '' 2>/dev/null || need+=(ruby-redcloth)
[ -x /usr/bin/time ] || need+=(time)
pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing peers: ${need[*]}" >&2
    ${SUDO:-} apt-get update -qq && ${SUDO:-} apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The changelog job's peer is a Python package, for the python3 that runs it.
if ! python3 -c 'import keepachangelog' 2>/dev/null; then
    echo "Installing peers: keepachangelog (pip)" >&2
    python3 -m pip install -q keepachangelog >&2
fi
# The git-history job's peer is git-cliff, whose PyPI package ships the binary; pip puts it in the
# scripts folder of that python3, put on PATH when it is not there already.
if ! command -v git-cliff >/dev/null; then
    echo "Installing peers: git-cliff (pip)" >&2
    python3 -m pip install -q git-cliff >&2
    command -v git-cliff >/dev/null || export PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
fi

# BENCH_BUILD_DIR (absolute, or relative to the package): another scratch folder than .build, so that
# a release build for benchmarks does not wait for (or make wait) debug builds in .build.
build_dir=${BENCH_BUILD_DIR:-.build}
[[ $build_dir = /* ]] || build_dir=$root/$build_dir
flags=(-c release --scratch-path "$build_dir")
[ "$(uname -s)" = Linux ] && flags+=(--static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie)  # as `make build` does
swift build "${flags[@]}" --product shipnotes >&2
# changelog-bench times the changelog reader in process (jobs/changelog.sh).
swift build "${flags[@]}" --product changelog-bench >&2
export SHIPNOTES="$build_dir/release/shipnotes"
export CHANGELOG_BENCH="$build_dir/release/changelog-bench"
export BENCH_OUT="$root/Benchmarks/out"
mkdir -p "$BENCH_OUT"
source "$root/Benchmarks/lib.sh"

jobs=("$@")
if [ ${#jobs[@]} -eq 0 ]; then
    for f in Benchmarks/jobs/*.sh; do jobs+=("$(basename "$f" .sh)"); done
fi
echo "shipnotes benchmarks on $(nproc) cores, $(date -u +%Y-%m-%d)"
for job in "${jobs[@]}"; do
    echo "== $job"
    source "Benchmarks/jobs/$job.sh"
done
