#!/usr/bin/env bash
# Benchmark harness: builds shipnotes in release mode, installs the peers, generates deterministic
# inputs and runs every job in jobs/ (or the jobs named on the command line), printing for each the
# time of shipnotes and of the peer measured side by side in one run, as a ratio.
#   Benchmarks/run.sh                 # every job
#   Benchmarks/run.sh markdown-html   # one job
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v cmark >/dev/null || need+=(cmark)
command -v pandoc >/dev/null || need+=(pandoc)
command -v curl >/dev/null || need+=(curl)
ruby -rredcloth -e '' 2>/dev/null || need+=(ruby-redcloth)
[ -x /usr/bin/time ] || need+=(time)
pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing peers: ${need[*]}" >&2
    ${SUDO:-} apt-get update -qq && ${SUDO:-} apt-get install -y -qq "${need[@]}" >/dev/null
fi

flags=(-c release --product shipnotes)
[ "$(uname -s)" = Linux ] && flags+=(--static-swift-stdlib)  # as `make build` does
swift build "${flags[@]}" >&2
export SHIPNOTES="$root/.build/release/shipnotes"
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
