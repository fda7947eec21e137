# Shared helpers for benchmark jobs. Sourced by run.sh; every job in jobs/ may use them.
#   $SHIPNOTES  the release build of shipnotes
#   $CHANGELOG_BENCH  the release build of changelog-bench (the changelog reader timed in process)
#   $BENCH_OUT  folder for generated inputs and results (Benchmarks/out, git-ignored)
#   $BENCH_RUNS hyperfine runs per command (default 10; 3 for slow jobs)

# bench_compare NAME PEER_LABEL OUR_CMD PEER_CMD [RUNS]
# Times our command and the peer's side by side in one hyperfine run and prints the ratio ours/peer.
bench_compare() {
    local name=$1 peer=$2 ours=$3 theirs=$4 runs=${5:-${BENCH_RUNS:-10}}
    local json="$BENCH_OUT/$name.json"
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$json" \
        -n shipnotes "$ours" -n "$peer" "$theirs" >/dev/null
    python3 - "$json" "$name" "$peer" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))["results"]
ours, theirs = data[0], data[1]
ratio = ours["mean"] / theirs["mean"]
faster = f" (shipnotes {1 / ratio:.1f}x faster)" if ratio < 1 else ""
print(f"{sys.argv[2]:<34} shipnotes {ours['mean']*1000:9.1f} ms ±{ours['stddev']*1000:6.1f}   "
      f"{sys.argv[3]} {theirs['mean']*1000:9.1f} ms ±{theirs['stddev']*1000:6.1f}   ratio {ratio:5.2f}x{faster}")
PY
}

# bench_compare3 NAME PEER1_LABEL PEER2_LABEL OUR_CMD PEER1_CMD PEER2_CMD [RUNS] [WARMUP]
# Times our command and two peers' side by side in one hyperfine run and prints both ratios, ours/peer1
# and ours/peer2. WARMUP (default 1) runs of each command come first, untimed; 0 for a peer that takes
# a minute a run, with the inputs read once beforehand by the job instead.
bench_compare3() {
    local name=$1 peer1=$2 peer2=$3 ours=$4 theirs1=$5 theirs2=$6 runs=${7:-${BENCH_RUNS:-10}} warmup=${8:-1}
    local json="$BENCH_OUT/$name.json"
    hyperfine --style none --warmup "$warmup" --runs "$runs" --export-json "$json" \
        -n shipnotes "$ours" -n "$peer1" "$theirs1" -n "$peer2" "$theirs2" >/dev/null
    python3 - "$json" "$name" "$peer1" "$peer2" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))["results"]
ours = data[0]
line = f"{sys.argv[2]:<34} shipnotes {ours['mean']*1000:9.1f} ms ±{ours['stddev']*1000:6.1f}"
ratios = []
for label, peer in zip(sys.argv[3:5], data[1:]):
    line += f"   {label} {peer['mean']*1000:9.1f} ms ±{peer['stddev']*1000:6.1f}"
    ratio = ours["mean"] / peer["mean"]
    faster = f" (shipnotes {1 / ratio:.1f}x faster)" if ratio < 1 else ""
    ratios.append(f"{ratio:5.2f}x vs {label}{faster}")
print(line + "   ratio " + ", ".join(ratios))
PY
}

# bench_time NAME CMD [RUNS]: times one command alone (for scaling series such as 10k vs 100k inputs).
bench_time() {
    local name=$1 cmd=$2 runs=${3:-${BENCH_RUNS:-10}}
    local json="$BENCH_OUT/$name.json"
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$json" -n "$name" "$cmd" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; m=r["mean"]*1000; s=r["stddev"]*1000; print(f"{sys.argv[2]:<34} {m:9.1f} ms ±{s:6.1f}")' "$json" "$name"
}

# bench_peak_rss CMD: runs CMD once and prints its peak resident set size in MiB.
bench_peak_rss() {
    local report
    report=$(mktemp)
    /usr/bin/time -o "$report" -f '%M' bash -c "$1" >/dev/null 2>&1 || true
    awk '{ kb = $1 } END { printf "%.1f", kb / 1024 }' "$report"
    rm -f "$report"
}
